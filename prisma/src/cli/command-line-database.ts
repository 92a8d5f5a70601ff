import { EMBEDDED_DATABASE, resolveDataDir } from "../data-dir.ts";
import { startEmbeddedPostgres } from "../embedded-postgres.ts";
import { applyMigrations } from "../migrations/apply.ts";

export interface CommandLineDatabase {
  url: string;
  /** The migrations this opening applied. */
  applied: string[];
  /** Stops the embedded PostgreSQL if this command started it. */
  close(): Promise<void>;
}

/**
 * The database a command works on: DATABASE_URL or, without it, the embedded PostgreSQL in
 * DATA_DIR (default .data/), brought up to the latest migration exactly as the server does.
 */
export async function openCommandLineDatabase(): Promise<CommandLineDatabase> {
  const embedded = process.env.DATABASE_URL
    ? null
    : await startEmbeddedPostgres({ dataDir: resolveDataDir(process.env.DATA_DIR), database: EMBEDDED_DATABASE });
  const url = process.env.DATABASE_URL ?? embedded!.url;
  const close = async () => {
    await embedded?.stop();
  };
  try {
    return { url, applied: await applyMigrations(url), close };
  } catch (error) {
    await close();
    throw error;
  }
}
