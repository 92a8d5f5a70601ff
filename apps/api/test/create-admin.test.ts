import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient, roleOf, verifyPassword, withDatabase } from "@quarterly-returns/db";
import { createDatabase, dropDatabase } from "@quarterly-returns/db/testing";

const run = promisify(execFile);
const cli = fileURLToPath(new URL("../src/cli/create-admin.ts", import.meta.url));
const name = `admin_cli_${randomBytes(4).toString("hex")}`;
afterAll(() => dropDatabase(inject("databaseServerUrl"), name));

describe("npm run user:create-admin", () => {
  it("creates the first admin of an empty database, migrated as its owner, with a temporary password to replace", async () => {
    const roles = inject("databaseRoles");
    await createDatabase(inject("databaseServerUrl"), name, { owner: roleOf(roles.ownerUrl) });
    const url = withDatabase(roles.appUrl, name);
    const { stdout } = await run(process.execPath, ["--import", "tsx", cli, "Head.Of.Safety@Stockton.example", "Alex Morgan"], {
      env: { PATH: process.env.PATH, DATABASE_URL: url, MIGRATION_DATABASE_URL: withDatabase(roles.ownerUrl, name) },
    });
    const password = /Temporary password: (\S+)/.exec(stdout)![1]!;
    const prisma = createPrismaClient(url);
    try {
      const admin = await prisma.user.findUniqueOrThrow({ where: { email: "head.of.safety@stockton.example" } });
      expect(admin).toMatchObject({ role: "ADMIN", name: "Alex Morgan", mustChangePassword: true, active: true });
      expect(await verifyPassword(admin.passwordHash, password)).toBe(true);
      expect(await prisma.auditEvent.count({ where: { action: "user.create" } })).toBe(1);
    } finally {
      await prisma.$disconnect();
    }
  });
});
