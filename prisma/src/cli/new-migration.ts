// npm run db:migration -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes the database from
// the schema of the last migration (kept in prisma/schema.at-last-migration.prisma) to the current
// prisma/schema.prisma. Works offline: Prisma's schema engine runs as WebAssembly against a
// throwaway embedded PostgreSQL. Hand-written SQL (triggers, checks) is appended to the file.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startEmbeddedPostgres } from "../embedded-postgres.ts";
import { migrationsDir } from "../migrations/apply.ts";
import { diffSchemas } from "../migrations/schema-diff.ts";

const prismaDir = fileURLToPath(new URL("../..", import.meta.url));
const schemaFile = path.join(prismaDir, "schema.prisma");
const snapshotFile = path.join(prismaDir, "schema.at-last-migration.prisma");

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (lower-case letters, digits and _ only)");
  process.exit(2);
}

const current = await readFile(schemaFile, "utf8");
const previous = existsSync(snapshotFile) ? await readFile(snapshotFile, "utf8") : null;

const scratch = await mkdtemp(path.join(os.tmpdir(), "qr-migration-"));
const database = await startEmbeddedPostgres({ dataDir: scratch, ephemeral: true });
let sql: string;
try {
  sql = await diffSchemas(database.url, previous, current);
} finally {
  await database.stop();
  await rm(scratch, { recursive: true, force: true });
}

if (!sql.trim() || /^-- This is an empty migration\.?\s*$/.test(sql.trim())) {
  await writeFile(snapshotFile, current);
  console.log("schema.prisma has no change the database would see; no migration written.");
} else {
  const timestamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = path.join(migrationsDir, `${timestamp}_${name}`);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, "migration.sql"), sql);
  await writeFile(snapshotFile, current);
  console.log(`Wrote ${path.relative(process.cwd(), path.join(folder, "migration.sql"))}.`);
  console.log("Review it, append any hand-written SQL (triggers, checks), then commit it with schema.prisma.");
}
