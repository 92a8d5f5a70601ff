import {
  applyMigrations,
  createPrismaClient,
  EMBEDDED_DATABASE,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
  type PrismaClient,
} from "@quarterly-returns/db";
import type { Config } from "./config.ts";
import { isEmpty, seedDemo } from "./core/demo/seed-demo.ts";

export interface Database {
  prisma: PrismaClient;
  url: string;
  /** Whether the demo partnership was written into the database on this start. */
  seeded: boolean;
  close(): Promise<void>;
}

/**
 * The database the server runs on: DATABASE_URL, or the embedded PostgreSQL in DATA_DIR. Migrated
 * to the current schema, and given the demo data when it is empty and demo data is wanted.
 */
export async function openDatabase(config: Config, log: (message: string) => void): Promise<Database> {
  let embedded: EmbeddedDatabase | null = null;
  if (!config.databaseUrl) {
    log(`Starting the embedded PostgreSQL in ${config.dataDir} …`);
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, database: EMBEDDED_DATABASE });
  }
  const url = config.databaseUrl ?? embedded!.url;
  const prisma = createPrismaClient(url);
  const close = async () => {
    await prisma.$disconnect();
    await embedded?.stop();
  };
  try {
    const applied = await applyMigrations(url);
    if (applied.length) log(`Applied migrations: ${applied.join(", ")}.`);
    const seeded = config.demoData && (await isEmpty(prisma));
    if (seeded) {
      log("Writing the demo data (the 2019/20 report) into the empty database …");
      await seedDemo(prisma);
    }
    return { prisma, url, seeded, close };
  } catch (error) {
    await close();
    throw error;
  }
}
