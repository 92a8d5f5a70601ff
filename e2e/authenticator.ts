// The journeys' authenticator app: codes computed from RFC 6238 with node:crypto, from the key the
// set-up page shows, as a person's phone would. What each person set up (their key and the last
// step whose code was used) and their last session are kept in files under the run's fresh data
// folder, so that journeys reuse a session instead of signing in again, and never send a code
// twice (the server refuses a step already used).
import { createHmac } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const STEP_SECONDS = 30;
// Inside the folder the server deletes as each run starts (playwright.config.ts).
const STATE_DIR = path.resolve(".data/e2e/journeys");

export interface Authenticator {
  secret: string;
  lastStep: number;
  /** The recovery codes shown at set-up that no journey has used yet. */
  recoveryCodes?: string[];
}

function base32Decode(text: string): Buffer {
  const bits = [...text.replace(/[\s=]/g, "").toUpperCase()].map((character) => BASE32.indexOf(character).toString(2).padStart(5, "0")).join("");
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
}

export function totpCode(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac("sha1", base32Decode(secret)).update(counter).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

export const currentStep = () => Math.floor(Date.now() / 1000 / STEP_SECONDS);

const fileOf = (email: string, kind: "authenticator" | "session") => path.join(STATE_DIR, `${email}.${kind}.json`);

export function readState<T>(email: string, kind: "authenticator" | "session"): T | null {
  try {
    return JSON.parse(readFileSync(fileOf(email, kind), "utf8")) as T;
  } catch {
    return null;
  }
}

export function writeState(email: string, kind: "authenticator" | "session", value: unknown) {
  mkdirSync(STATE_DIR, { recursive: true });
  writeFileSync(fileOf(email, kind), JSON.stringify(value));
}

/**
 * A code the server has not seen from this person: now's, or the next step's when now's was used
 * (the server takes one step either side of its clock); only when that one is used too, the
 * journey waits for the clock to reach the next step.
 */
export async function freshCode(email: string): Promise<string> {
  const authenticator = readState<Authenticator>(email, "authenticator");
  if (!authenticator) throw new Error(`${email} has not set up an authenticator app in this run`);
  const step = Math.max(currentStep(), authenticator.lastStep + 1);
  while (step > currentStep() + 1) await new Promise((resolve) => setTimeout(resolve, 500));
  writeState(email, "authenticator", { ...authenticator, lastStep: step });
  return totpCode(authenticator.secret, step);
}

/**
 * For journeys where the second factor is a step on the way, not what is tested: a fresh code when
 * the clock allows one now, else one of the recovery codes (which work in the same box), so that
 * the journey does not wait up to 30 seconds for the next step.
 */
export async function secondFactorCode(email: string): Promise<string> {
  const authenticator = readState<Authenticator>(email, "authenticator");
  const [recoveryCode, ...rest] = authenticator?.recoveryCodes ?? [];
  if (!authenticator || !recoveryCode || authenticator.lastStep < currentStep() + 1) return freshCode(email);
  writeState(email, "authenticator", { ...authenticator, recoveryCodes: rest });
  return recoveryCode;
}
