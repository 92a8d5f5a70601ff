// npm run import:report -- <file> --year 2019/20 [--as admin@example.org]
// Imports a report in the partnership's document layout into DATABASE_URL, or the embedded
// database in DATA_DIR. All or nothing; importing the same file twice changes nothing.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPrismaClient } from "../client.ts";
import { openCommandLineDatabase } from "./command-line-database.ts";
import { ImportError, importReport } from "../import/import-report.ts";

const { positionals, values } = parseArgs({ allowPositionals: true, options: { year: { type: "string" }, as: { type: "string" } } });
const [file] = positionals;
if (!file || !values.year) {
  console.error("Usage: npm run import:report -- <file> --year 2019/20 [--as admin@example.org]");
  process.exit(2);
}

const text = await readFile(path.resolve(process.env.INIT_CWD ?? process.cwd(), file), "utf8");
const database = await openCommandLineDatabase();
const prisma = createPrismaClient(database.url);
try {
  const actor = await prisma.user.findFirst({
    where: values.as ? { email: values.as.toLowerCase() } : { role: "ADMIN", active: true },
    orderBy: { id: "asc" },
  });
  if (!actor) throw new Error(values.as ? `There is no user ${values.as}.` : "There is no active admin to import as: create one with npm run user:create-admin.");
  const summary = await importReport(prisma, text, { yearLabel: values.year, actorId: actor.id });
  console.log(`Imported ${file} into ${summary.year} as ${actor.email}:`);
  console.log(`  organisations created: ${summary.organisationsCreated.join(", ") || "none"}`);
  console.log(`  priorities: ${summary.prioritiesCreated} created, ${summary.prioritiesUpdated} updated`);
  console.log(`  indicators: ${summary.indicatorsCreated} created, ${summary.indicatorsUpdated} updated`);
  console.log(`  returns: ${summary.returnsWritten} written, ${summary.returnsUnchanged} unchanged`);
} catch (error) {
  console.error(error instanceof ImportError ? error.message : `Could not import: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
  await database.close();
}
