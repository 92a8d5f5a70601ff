import type { Db } from "../context.ts";

const TIMEOUT_MS = 2_000;

export async function checkDatabase(db: Db): Promise<"up" | "down"> {
  const timeout = new Promise<"down">((resolve) => setTimeout(() => resolve("down"), TIMEOUT_MS).unref());
  const query = db.$queryRaw`SELECT 1`.then(
    () => "up" as const,
    () => "down" as const,
  );
  return Promise.race([query, timeout]);
}
