import { hash, verify } from "@node-rs/argon2";

// argon2id (the library's default) with its default cost: 19 MiB, 2 passes, OWASP's recommendation.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}
