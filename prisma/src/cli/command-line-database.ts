import { EMBEDDED_DATABASE, resolveDataDir } from "../data-dir.ts";
import { startEmbeddedPostgres } from "../embedded-postgres.ts";
import { migrateAndGrant, whilePreparing } from "../migrations/prepare.ts";

export interface CommandLineDatabase {
  /** As the application's role, as the server connects. */
  url: string;
  /** The migrations this opening applied. */
  applied: string[];
  /** Stops the embedded PostgreSQL if this command started it. */
  close(): Promise<void>;
}

/**
 * The database a command works on: DATABASE_URL (migrated as MIGRATION_DATABASE_URL when given)
 * or, without it, the embedded PostgreSQL in DATA_DIR (default .data/), brought up to the latest
 * migration exactly as the server does.
 */
export async function openCommandLineDatabase(): Promise<CommandLineDatabase> {
  const { DATABASE_URL, MIGRATION_DATABASE_URL, DATA_DIR } = process.env;
  const embedded = DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: resolveDataDir(DATA_DIR), database: EMBEDDED_DATABASE });
  const urls = embedded
    ? { appUrl: embedded.url, ownerUrl: embedded.ownerUrl }
    : { appUrl: DATABASE_URL!, ownerUrl: MIGRATION_DATABASE_URL || DATABASE_URL! };
  const close = async () => {
    await embedded?.stop();
  };
  try {
    const applied = await whilePreparing(urls.ownerUrl, () => migrateAndGrant(urls));
    return { url: urls.appUrl, applied, close };
  } catch (error) {
    await close();
    throw error;
  }
}
