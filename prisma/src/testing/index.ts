// For tests: a database of one's own, cloned from a template the global setup migrated.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createPrismaClient } from "../client.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { withDatabase } from "../url.ts";
import { createDatabase, dropDatabase, TEMPLATES, type Template } from "./databases.ts";

export interface TestDatabase {
  url: string;
  prisma: PrismaClient;
  /** Raw SQL, bypassing Prisma, as an attacker or a bug elsewhere would. */
  sql: pg.Pool;
  drop(): Promise<void>;
}

/** A fresh database: migrated and empty, or migrated with the demo data. */
export async function createTestDatabase(template: Template = "empty"): Promise<TestDatabase> {
  const serverUrl = inject("databaseServerUrl");
  const name = `test_${randomBytes(6).toString("hex")}`;
  await createDatabase(serverUrl, name, TEMPLATES[template]);
  const url = withDatabase(serverUrl, name);
  const prisma = createPrismaClient(url, { poolSize: 4 });
  const sql = new pg.Pool({ connectionString: url, max: 2 });
  return {
    url,
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
