import {
  createPrismaClient,
  EMBEDDED_DATABASE,
  migrateAndGrant,
  roleRisks,
  startEmbeddedPostgres,
  whilePreparing,
  type DatabaseUrls,
  type EmbeddedDatabase,
  type PrismaClient,
} from "@quarterly-returns/db";
import type { Config } from "./config.ts";
import { isEmpty, seedDemo } from "./core/demo/seed-demo.ts";

export interface Database {
  /** As the application's role. */
  prisma: PrismaClient;
  /** The application's role's connection. */
  url: string;
  /** Whether the demo partnership was written into the database on this start. */
  seeded: boolean;
  close(): Promise<void>;
}

export interface DatabaseLog {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * The database the server runs on: DATABASE_URL, or the embedded PostgreSQL in DATA_DIR. Migrated
 * to the current schema by the owner's role and given the demo data when it is empty and demo data
 * is wanted, by one server at a time; then used through the application's role.
 */
export async function openDatabase(config: Config, log: DatabaseLog): Promise<Database> {
  let embedded: EmbeddedDatabase | null = null;
  if (!config.databaseUrl) {
    log.info(`Starting the embedded PostgreSQL in ${config.dataDir} …`);
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, database: EMBEDDED_DATABASE });
  }
  const urls: DatabaseUrls = embedded
    ? { appUrl: embedded.url, ownerUrl: embedded.ownerUrl }
    : { appUrl: config.databaseUrl!, ownerUrl: config.migrationDatabaseUrl ?? config.databaseUrl! };
  const prisma = createPrismaClient(urls.appUrl);
  const close = async () => {
    await prisma.$disconnect();
    await embedded?.stop();
  };
  try {
    const seeded = await whilePreparing(urls.ownerUrl, async () => {
      const applied = await migrateAndGrant(urls);
      if (applied.length) log.info(`Applied migrations: ${applied.join(", ")}.`);
      return config.demoData && (await writeDemoIfEmpty(urls.ownerUrl, log));
    });
    await warnOfRisks(urls, log);
    return { prisma, url: urls.appUrl, seeded, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function writeDemoIfEmpty(ownerUrl: string, log: DatabaseLog): Promise<boolean> {
  const owner = createPrismaClient(ownerUrl, { poolSize: 2 });
  try {
    if (!(await isEmpty(owner))) return false;
    log.info("Writing the demo data (the 2019/20 report) into the empty database …");
    await seedDemo(owner);
    return true;
  } finally {
    await owner.$disconnect();
  }
}

/** The lock on signed-off quarters is only as strong as the role the app connects as. */
async function warnOfRisks(urls: DatabaseUrls, log: DatabaseLog): Promise<void> {
  const risks = await roleRisks(urls.appUrl);
  const powers = [risks.superuser && "is a superuser", risks.ownsTables && "owns the tables"].filter(Boolean);
  if (!powers.length) return;
  log.warn(
    `Warning: the database role "${risks.role}" of DATABASE_URL ${powers.join(" and ")}. A bug or a stolen connection ` +
      "could then switch off the lock on signed-off quarters and the audit log (TRUNCATE, disabling triggers, " +
      "session_replication_role). Set MIGRATION_DATABASE_URL to the role that owns the schema and DATABASE_URL to a " +
      "role with no more than SELECT, INSERT, UPDATE and DELETE (see the README).",
  );
}
