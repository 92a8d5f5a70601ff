// Backup and restore as the README tells an operator: pg_dump, then pg_restore into an empty
// database, round-trips the demo database exactly, with its guarantees. Uses the machine's
// PostgreSQL server and client (.ci/run installs them), since pg_dump must be as new as the server.
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, createPrismaClient } from "@quarterly-returns/db";
import { seedDemo } from "../src/core/demo/seed-demo.ts";

const versions = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a)) : [];
const bin = process.env.PG_BIN ?? (versions[0] ? `/usr/lib/postgresql/${versions[0]}/bin` : "");
const asRoot = process.getuid?.() === 0;
const postgresUser = asRoot ? { uid: Number(execFileSync("id", ["-u", "postgres"]).toString()), gid: Number(execFileSync("id", ["-g", "postgres"]).toString()) } : {};
const run = (command: string, args: string[]) => {
  const result = spawnSync(path.join(bin, command), args, { ...postgresUser, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.error}`);
  return result.stdout;
};

let dir: string;
let port: number;
const url = (database: string) => `postgresql://postgres@127.0.0.1:${port}/${database}`;

beforeAll(() => {
  if (!existsSync(path.join(bin, "pg_ctl"))) throw new Error("The backup test needs PostgreSQL's server and client (apt-get install postgresql), or PG_BIN.");
  dir = mkdtempSync(path.join(os.tmpdir(), "qr-backup-"));
  if (asRoot) chownSync(dir, postgresUser.uid!, postgresUser.gid!);
  port = 20000 + Math.floor(Math.random() * 20000);
  run("initdb", ["-D", path.join(dir, "data"), "-A", "trust", "-U", "postgres", "--encoding=UTF8", "--locale=C"]);
  run("pg_ctl", ["-D", path.join(dir, "data"), "-w", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, "-l", path.join(dir, "log"), "start"]);
}, 60_000);

afterAll(() => {
  if (dir && existsSync(path.join(dir, "data"))) spawnSync(path.join(bin, "pg_ctl"), ["-D", path.join(dir, "data"), "-m", "fast", "stop"], postgresUser);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function digests(databaseUrl: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    const result: Record<string, string> = {};
    for (const { tablename } of tables) {
      const { rows } = await client.query(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest, count(*) FROM "${tablename}" t`);
      result[tablename] = `${rows[0].count}:${rows[0].digest}`;
    }
    return result;
  } finally {
    await client.end();
  }
}

describe("backup and restore", () => {
  it("pg_dump and pg_restore round-trip the demo database, guarantees included", async () => {
    run("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "returns"]);
    await applyMigrations(url("returns"));
    const prisma = createPrismaClient(url("returns"));
    await seedDemo(prisma);
    await prisma.$disconnect();

    const dump = path.join(dir, "returns.dump");
    run("pg_dump", ["--format=custom", `--file=${dump}`, url("returns")]);
    run("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "restored"]);
    run("pg_restore", ["--no-owner", `--dbname=${url("restored")}`, dump]);

    const original = await digests(url("returns"));
    expect(Object.keys(original)).toContain("_prisma_migrations");
    expect(await digests(url("restored"))).toEqual(original);

    const restored = new pg.Client({ connectionString: url("restored") });
    await restored.connect();
    try {
      await expect(restored.query("UPDATE returns SET commentary = 'x' WHERE quarter_id = (SELECT id FROM quarters WHERE number = 1)")).rejects.toMatchObject({ code: "QR423" });
      await expect(restored.query("DELETE FROM audit_events")).rejects.toMatchObject({ code: "QRAPP" });
    } finally {
      await restored.end();
    }
  }, 120_000);
});
