import { createHash } from "node:crypto";
import { mkdtemp, mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import * as enums from "../src/generated/prisma/enums.ts";
import * as shared from "@quarterly-returns/shared";
import { applyMigrations, migrationsDir, readMigrations } from "../src/migrations/apply.ts";
import { migrateAndGrant } from "../src/migrations/prepare.ts";
import { adoptDatabase, grantAppPrivileges, roleOf } from "../src/roles.ts";
import { createDatabase, dropDatabase } from "../src/testing/index.ts";
import { withDatabase } from "../src/url.ts";

const created: string[] = [];
async function freshDatabase() {
  const name = `migrations_${randomBytes(6).toString("hex")}`;
  await createDatabase(inject("databaseServerUrl"), name);
  created.push(name);
  return withDatabase(inject("databaseServerUrl"), name);
}
afterAll(async () => {
  for (const name of created) await dropDatabase(inject("databaseServerUrl"), name);
});

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function projectMigrations(): Promise<Record<string, string>> {
  return Object.fromEntries((await readMigrations()).map((migration) => [migration.name, migration.sql]));
}

async function migrationsFolder(migrations: Record<string, string>) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "qr-migrations-"));
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

describe("applyMigrations", () => {
  it("applies the project's migrations once, recorded as prisma migrate deploy records them", async () => {
    const url = await freshDatabase();
    const names = (await readMigrations()).map((migration) => migration.name);
    expect(await applyMigrations(url)).toEqual(names);
    expect(await applyMigrations(url)).toEqual([]);

    const rows = await query(url, `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`);
    const first = await readFile(path.join(migrationsDir, names[0]!, "migration.sql"));
    expect(rows[0]).toMatchObject({
      migration_name: names[0],
      checksum: createHash("sha256").update(first).digest("hex"),
      applied_steps_count: 1,
      finished_at: expect.any(Date),
    });
    const tables = (await query(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).map((row) => row.tablename);
    expect(tables).toEqual([
      "_prisma_migrations", "audit_events", "chase_items", "chases", "indicator_fields", "indicators", "organisations", "partnership_settings", "password_resets",
      "priorities", "quarter_reopenings", "quarters", "recovery_codes", "reminder_steps", "reminders", "reporting_years", "return_queries", "return_values", "returns",
      "single_sign_on_providers", "users",
    ]);
  });

  it("rolls a failing migration back entirely and says which one failed", async () => {
    const url = await freshDatabase();
    const dir = await migrationsFolder({
      "20200101000000_good": "CREATE TABLE good (id int);",
      "20200102000000_bad": "CREATE TABLE half_written (id int);\nSELECT * FROM no_such_table;",
    });
    await expect(applyMigrations(url, dir)).rejects.toThrow(/Migration 20200102000000_bad failed and was rolled back: .*no_such_table/);
    const tables = (await query(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).map((row) => row.tablename);
    expect(tables.sort()).toEqual(["_prisma_migrations", "good"]);
    expect((await query(url, `SELECT migration_name FROM "_prisma_migrations"`)).map((row) => row.migration_name)).toEqual([
      "20200101000000_good",
    ]);
  });

  it("refuses to run when an applied migration was edited afterwards", async () => {
    const url = await freshDatabase();
    const dir = await migrationsFolder({ "20200101000000_first": "CREATE TABLE first (id int);" });
    await applyMigrations(url, dir);
    await writeFile(path.join(dir, "20200101000000_first", "migration.sql"), "CREATE TABLE first (id bigint);");
    await expect(applyMigrations(url, dir)).rejects.toThrow("Migration 20200101000000_first was changed after it was applied");
  });

  it("refuses to run against a database newer than the application", async () => {
    const url = await freshDatabase();
    await applyMigrations(url, await migrationsFolder({ "20200101000000_a": "SELECT 1;", "20200102000000_b": "SELECT 1;" }));
    await expect(applyMigrations(url, await migrationsFolder({ "20200101000000_a": "SELECT 1;" }))).rejects.toThrow(
      "The database has migration 20200102000000_b, which this version of the application does not have",
    );
  });
});

describe("the two roles", () => {
  it("grant the app's role rows on every table, including one a later migration adds, and nothing it had by hand", async () => {
    const roles = inject("databaseRoles");
    const name = `migrations_${randomBytes(6).toString("hex")}`;
    await createDatabase(inject("databaseServerUrl"), name, { owner: roleOf(roles.ownerUrl) });
    created.push(name);
    const urls = { ownerUrl: withDatabase(roles.ownerUrl, name), appUrl: withDatabase(roles.appUrl, name) };
    await migrateAndGrant(urls);
    await query(urls.ownerUrl, `CREATE TABLE later (id int); GRANT TRUNCATE ON organisations TO ${roleOf(roles.appUrl)}`);
    await migrateAndGrant(urls);
    expect(await query(urls.appUrl, "SELECT count(*)::int AS n FROM later")).toEqual([{ n: 0 }]);
    await expect(query(urls.appUrl, "TRUNCATE organisations CASCADE")).rejects.toMatchObject({ code: "42501" });
  });

  it("take over a database that a superuser migrated before there were two roles", async () => {
    const url = await freshDatabase();
    await applyMigrations(url);
    const roles = inject("databaseRoles");
    const name = new URL(url).pathname.slice(1);
    await adoptDatabase(inject("databaseServerUrl"), name, roleOf(roles.ownerUrl));
    const owners = await query(url, `
      SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relnamespace = 'public'::regnamespace
      UNION SELECT DISTINCT pg_get_userbyid(proowner) FROM pg_proc WHERE pronamespace = 'public'::regnamespace
      UNION SELECT DISTINCT pg_get_userbyid(typowner) FROM pg_type WHERE typnamespace = 'public'::regnamespace`);
    expect(owners).toEqual([{ owner: roleOf(roles.ownerUrl) }]);
    const urls = { ownerUrl: withDatabase(roles.ownerUrl, name), appUrl: withDatabase(roles.appUrl, name) };
    const next = { ...(await projectMigrations()), "29990101000000_next": "ALTER TABLE organisations ADD COLUMN later int;" };
    expect(await applyMigrations(urls.ownerUrl, await migrationsFolder(next))).toEqual(["29990101000000_next"]);
    await grantAppPrivileges(urls.ownerUrl, roleOf(urls.appUrl));
    expect(await query(urls.appUrl, "SELECT count(later)::int AS n FROM organisations")).toEqual([{ n: 0 }]);
  });
});

describe("the schema and its migrations agree", () => {
  it("has a migration for the current schema.prisma (npm run db:migration was run)", async () => {
    const prismaDir = new URL("..", import.meta.url);
    const schema = await readFile(new URL("schema.prisma", prismaDir), "utf8");
    const migrated = await readFile(new URL("schema.at-last-migration.prisma", prismaDir), "utf8");
    expect(migrated, "schema.prisma changed since the last migration: run npm run db:migration -- <name>").toBe(schema);
  });

  it("gives the web app the database's own vocabularies", () => {
    expect([...shared.ROLES]).toEqual(Object.values(enums.Role));
    expect([...shared.QUARTER_STATUSES]).toEqual(Object.values(enums.QuarterStatus));
    expect([...shared.POLARITIES]).toEqual(Object.values(enums.Polarity));
    expect([...shared.FIELD_KINDS]).toEqual(Object.values(enums.FieldKind));
    expect([...shared.RETURN_STATUSES]).toEqual(Object.values(enums.ReturnStatus));
    expect([...shared.NO_DATA_REASONS]).toEqual(Object.values(enums.NoDataReason));
    expect([...shared.RAGS]).toEqual(Object.values(enums.Rag));
    expect([...shared.QUERY_STATUSES]).toEqual(Object.values(enums.QueryStatus));
    expect([...shared.DELIVERY_STATUSES]).toEqual(Object.values(enums.DeliveryStatus));
    expect([...shared.PERIOD_BASES]).toEqual(Object.values(enums.PeriodBasis));
  });
});
