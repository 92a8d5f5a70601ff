// Authenticator codes computed the way an authenticator app does, straight from RFC 6238 and
// RFC 4226 with node:crypto, not through the library the server uses: codes from one are accepted
// by the other only if both follow the RFCs.
import { createHmac } from "node:crypto";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Decode(text: string): Buffer {
  let bits = "";
  for (const character of text.replace(/[\s=]/g, "").toUpperCase()) {
    const value = BASE32.indexOf(character);
    if (value < 0) throw new Error(`not base32: ${character}`);
    bits += value.toString(2).padStart(5, "0");
  }
  const bytes = bits.match(/.{8}/g) ?? [];
  return Buffer.from(bytes.map((byte) => parseInt(byte, 2)));
}

export function base32Encode(bytes: Buffer): string {
  const bits = [...bytes].map((byte) => byte.toString(2).padStart(8, "0")).join("");
  return (bits.match(/.{1,5}/g) ?? []).map((chunk) => BASE32[parseInt(chunk.padEnd(5, "0"), 2)]).join("");
}

/** The 30-second step a moment falls in. */
export const stepAt = (at: number) => Math.floor(at / 1000 / 30);

/** HOTP (RFC 4226 §5.3) with SHA-1 and 6 digits, at the step (RFC 6238). */
export function totpCode(base32Secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac("sha1", base32Decode(base32Secret)).update(counter).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const binary = (digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(binary).padStart(6, "0");
}

/** RFC 6238's own test key for SHA-1 ("12345678901234567890"): the secret every test person is given. */
export const TEST_TOTP_SECRET = base32Encode(Buffer.from("12345678901234567890"));
