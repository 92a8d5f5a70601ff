import type { PrismaClient } from "@quarterly-returns/db";

const TIMEOUT_MS = 2_000;

export async function checkDatabase(prisma: PrismaClient): Promise<"up" | "down"> {
  const timeout = new Promise<"down">((resolve) => setTimeout(() => resolve("down"), TIMEOUT_MS).unref());
  const query = prisma.$queryRaw`SELECT 1`.then(
    () => "up" as const,
    () => "down" as const,
  );
  return Promise.race([query, timeout]);
}
