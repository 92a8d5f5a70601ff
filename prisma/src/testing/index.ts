// For tests: a database of one's own, cloned from a template the global setup migrated.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createPrismaClient } from "../client.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { roleOf } from "../roles.ts";
import { withDatabase } from "../url.ts";
import { createDatabase, dropDatabase, TEMPLATES, type Template } from "./databases.ts";

export interface TestDatabase {
  /** As the application's role, which may only read and write rows. */
  url: string;
  /** As the role that owns the schema. */
  ownerUrl: string;
  /** As the application's role. */
  prisma: PrismaClient;
  /** Raw SQL as the application's role, bypassing Prisma, as an attacker or a bug elsewhere would. */
  sql: pg.Pool;
  drop(): Promise<void>;
}

/** A fresh database: migrated and empty, or migrated with the demo data. */
export async function createTestDatabase(template: Template = "empty"): Promise<TestDatabase> {
  const serverUrl = inject("databaseServerUrl");
  const roles = inject("databaseRoles");
  const name = `test_${randomBytes(6).toString("hex")}`;
  await createDatabase(serverUrl, name, { template: TEMPLATES[template], owner: roleOf(roles.ownerUrl) });
  const url = withDatabase(roles.appUrl, name);
  const prisma = createPrismaClient(url, { poolSize: 4 });
  const sql = new pg.Pool({ connectionString: url, max: 2 });
  return {
    url,
    ownerUrl: withDatabase(roles.ownerUrl, name),
    prisma,
    sql,
    async drop() {
      await prisma.$disconnect();
      await sql.end();
      await dropDatabase(serverUrl, name);
    },
  };
}

export { createDatabase, dropDatabase, TEMPLATES };
