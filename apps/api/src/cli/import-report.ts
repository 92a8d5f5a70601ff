// npm run import:report -- <file> --year 2019/20 [--as admin@example.org]
// Imports a report in the partnership's document layout into DATABASE_URL, or the embedded
// database in DATA_DIR, as the admin named (or the first active admin): the same import, with
// the same rules and audit, as Report → Import a report. All or nothing; importing the same file
// twice changes nothing.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import type { PrismaClient } from "@quarterly-returns/db";
import type { PersonActor } from "../core/context.ts";
import { ImportError, importReport } from "../core/imports/import-report.ts";
import { fail, withCommandLineContext } from "./command-line-context.ts";

const { positionals, values } = parseArgs({ allowPositionals: true, options: { year: { type: "string" }, as: { type: "string" } } });
const [file] = positionals;
if (!file || !values.year) {
  console.error("Usage: npm run import:report -- <file> --year 2019/20 [--as admin@example.org]");
  process.exit(2);
}

/** An import is a person's act: the admin named, or the first active one. */
async function importer(prisma: PrismaClient): Promise<PersonActor> {
  const user = await prisma.user.findFirst({
    where: values.as ? { email: values.as.toLowerCase(), active: true } : { role: "ADMIN", active: true },
    orderBy: { id: "asc" },
  });
  if (!user) throw new Error(values.as ? `There is no active user ${values.as}.` : "There is no active admin to import as: create one with npm run user:create-admin.");
  return { kind: "person", id: user.id, name: user.name, role: user.role, organisationId: user.organisationId };
}

try {
  const text = await readFile(path.resolve(process.env.INIT_CWD ?? process.cwd(), file), "utf8");
  await withCommandLineContext("npm run import:report", importer, async (context) => {
    const summary = await importReport(context, text, values.year!);
    const who = context.actor.kind === "person" ? context.actor.name : "";
    console.log(`Imported ${file} into ${summary.year} as ${who}:`);
    console.log(`  organisations created: ${summary.organisationsCreated.join(", ") || "none"}`);
    console.log(`  priorities: ${summary.prioritiesCreated} created, ${summary.prioritiesUpdated} updated`);
    console.log(`  indicators: ${summary.indicatorsCreated} created, ${summary.indicatorsUpdated} updated`);
    console.log(`  returns: ${summary.returnsWritten} written, ${summary.returnsUnchanged} unchanged`);
  });
} catch (error) {
  if (error instanceof ImportError) {
    console.error(error.message);
    process.exitCode = 1;
  } else fail(error, "Could not import");
}
