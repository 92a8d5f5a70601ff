import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const migrationsDir = fileURLToPath(new URL("../../migrations", import.meta.url));

/** The key `prisma migrate deploy` locks, so this applier and Prisma's never run at once. */
const PRISMA_MIGRATE_LOCK = 72707369;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir = migrationsDir): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies the migrations not yet applied, each in its own transaction, and records them in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does (same table, same sha256 checksum
 * of migration.sql), so either tool can take over from the other. Returns the names applied.
 */
export async function applyMigrations(databaseUrl: string, dir = migrationsDir): Promise<string[]> {
  const migrations = await readMigrations(dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    await client.query(`
      CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
        "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
        "checksum"            VARCHAR(64) NOT NULL,
        "finished_at"         TIMESTAMPTZ,
        "migration_name"      VARCHAR(255) NOT NULL,
        "logs"                TEXT,
        "rolled_back_at"      TIMESTAMPTZ,
        "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
        "applied_steps_count" INTEGER NOT NULL DEFAULT 0
      )`);
    const { rows } = await client.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    checkHistory(rows, migrations);
    const applied = new Set(rows.map((row) => row.migration_name));
    const pending = migrations.filter((migration) => !applied.has(migration.name));
    for (const migration of pending) await applyOne(client, migration);
    return pending.map((migration) => migration.name);
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]).catch(() => undefined);
    await client.end();
  }
}

function checkHistory(rows: AppliedRow[], migrations: Migration[]): void {
  const local = new Map(migrations.map((migration) => [migration.name, migration]));
  for (const row of rows) {
    const migration = local.get(row.migration_name);
    if (row.finished_at === null) {
      throw new Error(
        `Migration ${row.migration_name} was started and did not finish (by \`prisma migrate deploy\`). ` +
          "Repair the database, then mark it with `prisma migrate resolve`.",
      );
    }
    if (!migration) {
      throw new Error(
        `The database has migration ${row.migration_name}, which this version of the application does not have. ` +
          "Run the version that created it, or restore the migration folder.",
      );
    }
    if (migration.checksum !== row.checksum) {
      throw new Error(
        `Migration ${row.migration_name} was changed after it was applied (its checksum differs). ` +
          "Applied migrations must never be edited: restore the file and write a new migration instead.",
      );
    }
  }
}

async function applyOne(client: pg.Client, migration: Migration): Promise<void> {
  const startedAt = new Date();
  await client.query("BEGIN");
  try {
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, now(), $3, $4, 1)`,
      [randomUUID(), migration.checksum, migration.name, startedAt],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`, { cause: error });
  }
}
