import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient, hashPassword, withDatabase } from "@quarterly-returns/db";
import { createDatabase, dropDatabase } from "@quarterly-returns/db/testing";

const run = promisify(execFile);
const cli = fileURLToPath(new URL("../src/cli/import-report.ts", import.meta.url));
const seed = fileURLToPath(new URL("../../../prisma/stockton-ssp-2019-20-q3.tsv", import.meta.url));
const name = `import_cli_${randomBytes(4).toString("hex")}`;
afterAll(() => dropDatabase(inject("databaseServerUrl"), name));

describe("npm run import:report", () => {
  it("imports the report into the year as the first admin, and a second run changes nothing", async () => {
    await createDatabase(inject("databaseServerUrl"), name);
    const url = withDatabase(inject("databaseServerUrl"), name);
    const env = { PATH: process.env.PATH, DATABASE_URL: url };
    const refused = await run(process.execPath, ["--import", "tsx", cli, seed, "--year", "2019/20"], { env }).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining("There is no active admin to import as") });

    const prisma = createPrismaClient(url);
    try {
      await prisma.user.create({ data: { email: "admin@example.org", name: "Ada", role: "ADMIN", passwordHash: await hashPassword("a passphrase") } });
      const first = await run(process.execPath, ["--import", "tsx", cli, seed, "--year", "2019/20"], { env });
      expect(first.stdout).toContain("indicators: 22 created, 0 updated");
      expect(first.stdout).toContain("returns: 66 written, 0 unchanged");
      const second = await run(process.execPath, ["--import", "tsx", cli, seed, "--year", "2019/20"], { env });
      expect(second.stdout).toContain("returns: 0 written, 66 unchanged");
      expect(await prisma.return.count()).toBe(66);

      const tooLong = path.join(await mkdtemp(path.join(os.tmpdir(), "qr-import-")), "too-long.tsv");
      await writeFile(tooLong, (await readFile(seed, "utf8")) + "\t\n".repeat(2_000));
      const refusedTooLong = await run(process.execPath, ["--import", "tsx", cli, tooLong, "--year", "2019/20"], { env }).catch((error: { code: number; stderr: string }) => error);
      expect(refusedTooLong).toMatchObject({ code: 1, stderr: expect.stringMatching(/^Could not import: The file has 2,04\d lines; an import can have at most 2,000 lines\./) });
    } finally {
      await prisma.$disconnect();
    }
  });
});
