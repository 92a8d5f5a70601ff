// npm run db:migrate: applies pending migrations to DATABASE_URL or, without it, to the embedded
// PostgreSQL in DATA_DIR (default .data/), exactly as the server does when it starts.
import { EMBEDDED_DATABASE, resolveDataDir } from "../data-dir.ts";
import { startEmbeddedPostgres } from "../embedded-postgres.ts";
import { applyMigrations } from "../migrations/apply.ts";

const embedded = process.env.DATABASE_URL
  ? null
  : await startEmbeddedPostgres({ dataDir: resolveDataDir(process.env.DATA_DIR), database: EMBEDDED_DATABASE });
try {
  const applied = await applyMigrations(process.env.DATABASE_URL ?? embedded!.url);
  console.log(applied.length ? `Applied ${applied.join(", ")}.` : "The database is up to date.");
} finally {
  await embedded?.stop();
}
