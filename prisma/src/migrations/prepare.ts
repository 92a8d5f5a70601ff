import pg from "pg";
import { grantAppPrivileges, roleOf } from "../roles.ts";
import { applyMigrations } from "./apply.ts";

/** Held while a server or a command prepares the database; any other waits for it to finish. */
const PREPARE_LOCK = 5_173_280_114;

export interface DatabaseUrls {
  /** The role that owns the schema: migrates it, writes the demo data. */
  ownerUrl: string;
  /** The application's role: reads and writes rows, nothing else. */
  appUrl: string;
}

/**
 * Runs `prepare` holding a lock on the database, so that of any number of servers (or commands)
 * starting at the same moment on one database exactly one migrates it and writes its demo data,
 * and the others then find it done.
 */
export async function whilePreparing<T>(ownerUrl: string, prepare: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: "quarterly-returns startup" });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PREPARE_LOCK]);
    return await prepare();
  } finally {
    // Ending the session releases the lock, even when unlocking fails.
    await client.end();
  }
}

/** Applies pending migrations as the owner, then grants the app's role its privileges afresh. */
export async function migrateAndGrant(urls: DatabaseUrls): Promise<string[]> {
  const applied = await applyMigrations(urls.ownerUrl);
  const appRole = roleOf(urls.appUrl);
  if (appRole !== roleOf(urls.ownerUrl)) await grantAppPrivileges(urls.ownerUrl, appRole);
  return applied;
}
