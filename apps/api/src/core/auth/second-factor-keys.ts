// The authenticator secrets are encrypted at rest (AES-256-GCM) with a key derived from JWT_SECRET,
// and recovery codes are kept as an HMAC with another: a copy of the database (a backup, a dump)
// then gives neither a working code nor a recovery code without the server's own secret, which
// lives outside the database. Changing JWT_SECRET therefore needs every second factor reset.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

export interface SecondFactorKeys {
  /** Encrypts the authenticator secrets. */
  secret: Buffer;
  /** Keys the HMAC of recovery codes. */
  recoveryCodes: Buffer;
}

const derive = (serverSecret: string, purpose: string) =>
  Buffer.from(hkdfSync("sha256", serverSecret, "quarterly-returns", `second factor: ${purpose}`, 32));

export function secondFactorKeys(serverSecret: string): SecondFactorKeys {
  return { secret: derive(serverSecret, "authenticator secret"), recoveryCodes: derive(serverSecret, "recovery codes") };
}

const VERSION = "v1";

export function sealSecret(keys: SecondFactorKeys, base32Secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keys.secret, iv);
  const sealed = Buffer.concat([cipher.update(base32Secret, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64url")}`;
}

/** The base32 secret; throws if it was sealed with another key (JWT_SECRET changed) or altered. */
export function openSecret(keys: SecondFactorKeys, stored: string): string {
  const [version, payload] = stored.split(":");
  if (version !== VERSION || !payload) throw new Error("unknown authenticator secret format");
  const bytes = Buffer.from(payload, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", keys.secret, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
}

/** Recovery codes are random (about 50 bits), so a keyed fast hash is enough and finds one by its value. */
export const recoveryCodeHash = (keys: SecondFactorKeys, code: string) => createHmac("sha256", keys.recoveryCodes).update(code).digest("hex");
