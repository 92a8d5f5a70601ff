// `npm run lint` bites: each import the architecture forbids is reported, and the imports it
// allows are not, so a rule that stopped matching (a renamed folder, a plugin upgrade) fails here.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const eslint = new ESLint({ cwd: root });
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A fresh folder inside `parent`, for files that must be on disk to be resolved. */
async function scratchFolder(parent: string): Promise<string> {
  const firstCreated = await mkdir(path.join(root, parent), { recursive: true });
  const folder = await mkdtemp(path.join(root, parent, "lint-probe-"));
  cleanups.push(() => rm(firstCreated ?? folder, { recursive: true, force: true }));
  return folder;
}

async function writeFiles(folder: string, files: Record<string, string>): Promise<string[]> {
  const paths = Object.keys(files).map((name) => path.join(folder, name));
  await Promise.all(Object.entries(files).map(([name, code]) => writeFile(path.join(folder, name), code)));
  return paths;
}

/** The problems of `code` as if it were the file at `filePath` (from the repository root). */
async function problems(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result!.messages.map(({ ruleId, message }) => ({ ruleId, message }));
}

const boundaryErrors = async (filePath: string, code: string) =>
  (await problems(filePath, code)).filter(({ ruleId }) => ruleId === "boundaries/dependencies");

describe("npm run lint reports", () => {
  it("a web feature importing another web feature", async () => {
    expect(await boundaryErrors("apps/web/src/features/audit/Probe.tsx", `import { UsersPage } from "../users/UsersPage.tsx";\n`)).toHaveLength(1);
  });

  it("an API feature importing another API feature", async () => {
    expect(await boundaryErrors("apps/api/src/features/audit/probe.ts", `import { usersRoutes } from "../users/routes.ts";\n`)).toHaveLength(1);
  });

  it("API core importing an API feature, or fastify", async () => {
    const code = `import { auditRoutes } from "../features/audit/routes.ts";\nimport type { FastifyRequest } from "fastify";\n`;
    const errors = await boundaryErrors("apps/api/src/core/probe.ts", code);
    expect(errors).toHaveLength(2);
    expect(errors[1]!.message).toMatch(/never imports fastify/);
  });

  it("the web app importing the database package, a file of the API, or Prisma", async () => {
    for (const code of [
      `import { hashPassword } from "@quarterly-returns/db";\n`,
      `import type { App } from "../../../../api/src/app.ts";\n`,
      `import type { PrismaClient } from "@prisma/client";\n`,
    ]) {
      const errors = await boundaryErrors("apps/web/src/features/returns/probe.ts", code);
      expect(errors.map(({ message }) => message)).toEqual(["the web app never imports the API or the database"]);
    }
  });

  it("the shared contract importing the database package, or React", async () => {
    for (const code of [`import type { PrismaClient } from "@quarterly-returns/db";\n`, `import { useState } from "react";\n`]) {
      const errors = await boundaryErrors("packages/shared/src/probe.ts", code);
      expect(errors.map(({ message }) => message)).toEqual([expect.stringMatching(/^packages\/shared is the contract/)]);
    }
  });

  it("a cycle of two files, through value imports or through type imports only", async () => {
    const folder = await scratchFolder("packages/shared/src");
    const valueCycle = await writeFiles(folder, {
      "value-a.ts": `import { b } from "./value-b.ts";\nexport const a = () => b;\n`,
      "value-b.ts": `import { a } from "./value-a.ts";\nexport const b = () => a;\n`,
    });
    const typeCycle = await writeFiles(folder, {
      "type-a.ts": `import type { B } from "./type-b.ts";\nexport interface A { b: B }\n`,
      "type-b.ts": `import type { A } from "./type-a.ts";\nexport interface B { a: A }\n`,
    });
    const results = await eslint.lintFiles([...valueCycle, ...typeCycle]);
    expect(results.map(({ messages }) => messages.map(({ ruleId }) => ruleId))).toEqual([
      ["import-x/no-cycle"],
      ["import-x/no-cycle"],
      ["local/no-type-import-cycle"],
      ["local/no-type-import-cycle"],
    ]);
  });
});

describe("npm run lint allows", () => {
  it("a web feature importing its own files, components, lib and the shared contract", async () => {
    const code = [
      `import { ReturnForm } from "./form/ReturnForm.tsx";`,
      `import { ErrorSummary } from "../../components/ErrorSummary.tsx";`,
      `import { api } from "../../lib/api-client.ts";`,
      `import { formatFigure } from "@quarterly-returns/shared";`,
    ].join("\n");
    expect(await problems("apps/web/src/features/returns/Probe.tsx", code)).toEqual([]);
  });

  it("an API feature importing core, lib and the packages", async () => {
    const core = await scratchFolder("apps/api/src/core");
    await writeFiles(core, { "service.ts": `export const service = () => 1;\n` });
    const code = [
      `import { service } from "../../core/${path.basename(core)}/service.ts";`,
      `import { isoDate } from "../../lib/dates.ts";`,
      `import type { PrismaClient } from "@quarterly-returns/db";`,
      `import { auditFilterSchema } from "@quarterly-returns/shared";`,
    ].join("\n");
    expect(await problems("apps/api/src/features/audit/probe.ts", code)).toEqual([]);
  });
});
