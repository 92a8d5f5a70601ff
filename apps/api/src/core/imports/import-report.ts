// Importing a report in the partnership's document layout into a year. An import is a batch of
// the operations a person does on the screens (add an organisation, a priority, an indicator;
// record a return), made through the same services, so the same rules hold: the lock on signed-off
// quarters, what a signed-off quarter fixes of the framework, the figures' validation, the audit.
// All or nothing: every problem is named with its line, and then nothing is written. Idempotent:
// a return is written only where the report would read differently.
import { Prisma } from "@quarterly-returns/db";
import { importTooBig, organisationSchema, prioritySchema, type ImportSummary, type IndicatorChanges } from "@quarterly-returns/shared";
import {
  DocumentError,
  matchOrganisation,
  parseReportDocument,
  splitCollation,
  type DocumentIndicatorLine,
  type DocumentProblem,
  type ReportDocument,
} from "@quarterly-returns/shared/report-document";
import { authorize } from "../access.ts";
import { transaction, type Context } from "../context.ts";
import { ServiceError } from "../errors.ts";
import { savePriority } from "../framework/framework.ts";
import { saveOrganisation } from "../organisations/organisations.ts";
import { addYear } from "../quarters/years.ts";
import { quarterSummaryInclude } from "../quarters/summary.ts";
import { returnInclude, type IndicatorRow } from "../returns/mapping.ts";
import { cellWrite, writeCells, type CellWrite } from "./cells.ts";
import { addLineIndicators, changedIndicator, indicatorsByLine, newIndicator, updateLineIndicators, type Owner } from "./indicators.ts";
import { checked, problemOf, stepper, type Attempt } from "./steps.ts";

export class ImportError extends Error {
  constructor(readonly problems: DocumentProblem[]) {
    super(`Nothing was imported:\n${problems.map((problem) => `  line ${problem.line}: ${problem.problem}`).join("\n")}`);
  }
}

/**
 * An import answers within a request's time: one that is still writing after this is rolled back
 * and refused with a message, rather than holding the server and leaving the person without an
 * answer. An import within IMPORT_LIMITS takes a fraction of it (BENCHMARKS.md).
 */
const DEADLINE_SECONDS = 25;

export async function importReport(context: Context, text: string, yearLabel: string, deadlineSeconds = DEADLINE_SECONDS): Promise<ImportSummary> {
  await authorize(context, "importReports");
  const tooBig = importTooBig(text);
  if (tooBig) throw new ServiceError(413, tooBig);
  if (!/^\d{4}\/\d{2}$/.test(yearLabel)) throw new ImportError([{ line: 0, problem: `"${yearLabel}" is not a year like 2019/20` }]);
  let document;
  try {
    document = parseReportDocument(text);
  } catch (error) {
    if (error instanceof DocumentError) throw new ImportError(error.problems);
    throw error;
  }
  try {
    return await transaction(context, (tx) => importDocument(tx, document, yearLabel), { timeout: deadlineSeconds * 1000 });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2028") {
      throw new ServiceError(503, `The import took longer than ${deadlineSeconds} seconds, so it was stopped and nothing was imported. Try again in a few minutes, or import the report in parts, a few priorities at a time.`);
    }
    throw error;
  }
}

/**
 * The document into the year, in one transaction: the framework first (organisations, priorities,
 * indicators), then every quarter cell's return, in batches. Every problem is found before anything
 * is kept, and named with its line in the document's order.
 */
async function importDocument(tx: Context, document: ReportDocument, yearLabel: string): Promise<ImportSummary> {
  const problems: DocumentProblem[] = [];
  const attempt = stepper(tx, problems);
  const summary: ImportSummary = {
    year: yearLabel,
    organisationsCreated: [],
    prioritiesCreated: 0,
    prioritiesUpdated: 0,
    indicatorsCreated: 0,
    indicatorsUpdated: 0,
    returnsWritten: 0,
    returnsUnchanged: 0,
  };
  const planYear = Number(/^Year\s+(\d+)/i.exec(document.title)?.[1]) || null;
  const year = await findOrAddYear(tx, yearLabel, planYear);
  const quarters = await tx.db.quarter.findMany({ where: { yearId: year.id }, include: quarterSummaryInclude, orderBy: { number: "asc" } });
  const owners = await resolveOwners(tx, document.priorities.flatMap((priority) => priority.lines), summary, attempt);
  // What the year holds, read once.
  const priorities = new Map((await tx.db.priority.findMany({ where: { yearId: year.id } })).map((priority) => [priority.number, priority]));
  const indicators = await indicatorsByLine(tx, year.id);
  const returns = new Map((await tx.db.return.findMany({ where: { quarter: { yearId: year.id } }, include: returnInclude })).map((found) => [`${found.indicatorId}:${found.quarterId}`, found]));

  const cells: CellWrite[] = [];
  for (const priority of document.priorities) {
    const input = { number: priority.number, title: priority.title, outcome: priority.outcome };
    const existing = priorities.get(priority.number);
    const reworded = existing && (existing.title !== input.title || existing.outcome !== input.outcome);
    // A priority whose change was refused still has its lines checked, so every problem is found at once.
    const saved = (!existing || reworded ? await attempt(priority.line, () => savePriority(tx, existing ? { id: existing.id } : { yearId: year.id }, checked(prioritySchema, input))) : existing) ?? existing;
    if (!saved) continue;
    if (!existing) summary.prioritiesCreated++;
    else if (reworded) summary.prioritiesUpdated++;

    const current = indicators.get(saved.id) ?? new Map<string, IndicatorRow>();
    // Each line's indicator: found, changed or added; the changes and additions are made together.
    const placed: { line: DocumentIndicatorLine; indicator: IndicatorRow | undefined }[] = [];
    const changed: { line: DocumentIndicatorLine; id: number; input: IndicatorChanges; place: number }[] = [];
    const added: { line: DocumentIndicatorLine; input: IndicatorChanges; place: number }[] = [];
    const ordinals = new Map<string, number>();
    for (const [index, line] of priority.lines.entries()) {
      const ordinal = (ordinals.get(line.ref) ?? 0) + 1;
      ordinals.set(line.ref, ordinal);
      const owner = owners.get(line.collation);
      if (!owner) continue;
      const found = current.get(`${line.ref}#${ordinal}`);
      const place = placed.push({ line, indicator: found }) - 1;
      try {
        const input = found ? changedIndicator(found, line, owner, index + 1) : newIndicator(line, owner, index + 1);
        if (found && input) changed.push({ line, id: found.id, input, place });
        else if (input) added.push({ line, input, place });
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        problems.push(problemOf(line.line, error));
      }
    }
    // A line whose change was refused still has its cells checked against the indicator as it is.
    const updated = await updateLineIndicators(tx, changed, problems, attempt);
    updated.forEach((indicator, index) => indicator && (placed[changed[index]!.place]!.indicator = indicator));
    summary.indicatorsUpdated += updated.filter(Boolean).length;
    const created = await addLineIndicators(tx, saved.id, added, attempt);
    created.forEach((indicator, index) => (placed[added[index]!.place]!.indicator = indicator));
    summary.indicatorsCreated += created.filter(Boolean).length;

    for (const { line, indicator } of placed) {
      if (!indicator) continue;
      for (const [column, quarter] of quarters.entries()) {
        const write = cellWrite({ indicator, quarter, cell: line.quarters[column]!, line, existing: returns.get(`${indicator.id}:${quarter.id}`) });
        if (write === "unchanged") summary.returnsUnchanged++;
        else if (write) cells.push(write);
      }
    }
  }
  await writeCells(tx, cells, summary, problems, attempt);

  if (problems.length) throw new ImportError(problems.sort((a, b) => a.line - b.line));
  await tx.audit({ action: "report.import", entityType: "year", entityId: year.id, after: { ...summary } });
  return summary;
}

async function findOrAddYear(context: Context, label: string, planYear: number | null) {
  const existing = await context.db.reportingYear.findUnique({ where: { label } });
  if (existing) return existing;
  const latest = await context.db.reportingYear.findFirst({ orderBy: { planYear: "desc" } });
  // The partnership's year is the financial year: April to March. Its quarters start planned, for
  // an admin to open or sign off once the import has been checked.
  return addYear(context, { label, startDate: `${label.slice(0, 4)}-04-01`, planYear: planYear ?? (latest?.planYear ?? 0) + 1 });
}

/**
 * Each data-collation cell's organisation: the part before " - " (the rest is the lead contact),
 * matched to an existing organisation by name or short name, or added. A cell without a dash
 * that begins with another owner's name ("SBC Community Protection Services Manager") is that
 * owner, with the rest as the lead contact.
 */
async function resolveOwners(context: Context, lines: DocumentIndicatorLine[], summary: ImportSummary, attempt: Attempt): Promise<Map<string, Owner>> {
  const collations = [...new Set(lines.map((line) => line.collation))];
  const names = collations.map((collation) => splitCollation(collation).organisation);
  const organisations = await context.db.organisation.findMany({ select: { id: true, name: true, shortName: true } });
  const owners = new Map<string, Owner>();
  for (const collation of collations) {
    let { organisation: name, leadContact } = splitCollation(collation);
    if (!leadContact) {
      const prefix = [...names, ...organisations.map((organisation) => organisation.name)]
        .filter((candidate) => candidate !== collation && collation.toLowerCase().startsWith(`${candidate.toLowerCase()} `))
        .sort((a, b) => b.length - a.length)[0];
      if (prefix) {
        leadContact = collation.slice(prefix.length).trim();
        name = prefix;
      }
    }
    let organisation = matchOrganisation(name, organisations);
    if (!organisation) {
      const line = lines.find((candidate) => candidate.collation === collation)!.line;
      const input = { name, shortName: uniqueShortName(name, organisations.map((existing) => existing.shortName)) };
      const added = await attempt(line, () => saveOrganisation(context, null, checked(organisationSchema, input)));
      if (!added) continue;
      organisation = added;
      organisations.push(added);
      summary.organisationsCreated.push(name);
    }
    owners.set(collation, { id: organisation.id, leadContact });
  }
  return owners;
}

function uniqueShortName(name: string, taken: string[]): string {
  const initials =
    name
      .split(/\s+/)
      .filter((word) => /^[A-Z0-9]/.test(word))
      .map((word) => (/^[A-Z0-9]{2,}$/.test(word) ? word : word[0]))
      .join("")
      .slice(0, 12) || name.slice(0, 12);
  let candidate = initials;
  for (let suffix = 2; taken.some((existing) => existing.toLowerCase() === candidate.toLowerCase()); suffix++) candidate = `${initials}${suffix}`;
  return candidate;
}
