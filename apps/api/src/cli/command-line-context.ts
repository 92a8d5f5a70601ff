// A command-line tool's way in: the database (DATABASE_URL, or the embedded one in DATA_DIR,
// migrated as the server does) and a context acting as the given actor.
import { createPrismaClient, openCommandLineDatabase, type PrismaClient } from "@quarterly-returns/db";
import { offlineContext, type Actor, type Context } from "../core/context.ts";

export async function withCommandLineContext<T>(origin: string, actorOf: (prisma: PrismaClient) => Promise<Actor>, work: (context: Context) => Promise<T>): Promise<T> {
  const database = await openCommandLineDatabase();
  const prisma = createPrismaClient(database.url);
  try {
    return await work(offlineContext({ db: prisma, actor: await actorOf(prisma), origin }));
  } finally {
    await prisma.$disconnect();
    await database.close();
  }
}

/** Says what went wrong in the words a service used, and sets the exit code. */
export function fail(error: unknown, prefix: string): void {
  console.error(`${prefix}: ${(error as Error).message}`);
  process.exitCode = 1;
}
