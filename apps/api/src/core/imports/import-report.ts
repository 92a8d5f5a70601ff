// Importing a report in the partnership's document layout into a year. An import is a batch of
// the operations a person does on the screens (add an organisation, a priority, an indicator;
// record a return), made through the same services, so the same rules hold: the lock on signed-off
// quarters, what a signed-off quarter fixes of the framework, the figures' validation, the audit.
// All or nothing: every problem is named with its line, and then nothing is written. Idempotent:
// a return is written only where the report would read differently.
import {
  indicatorSchema,
  organisationSchema,
  prioritySchema,
  type FieldKind,
  type ImportSummary,
  type IndicatorChanges,
} from "@quarterly-returns/shared";
import { DocumentError, matchOrganisation, parseReportDocument, splitCollation, type DocumentIndicatorLine, type DocumentProblem } from "@quarterly-returns/shared/report-document";
import { authorize } from "../access.ts";
import { transaction, type Context } from "../context.ts";
import { ServiceError } from "../errors.ts";
import { saveIndicator, savePriority } from "../framework/framework.ts";
import { saveOrganisation } from "../organisations/organisations.ts";
import { addYear } from "../quarters/years.ts";
import { quarterSummaryInclude } from "../quarters/summary.ts";
import { indicatorInclude, returnInclude, type IndicatorRow } from "../returns/mapping.ts";
import { importCell, inferKind } from "./cells.ts";
import { stepper, type Attempt } from "./steps.ts";

export class ImportError extends Error {
  constructor(readonly problems: DocumentProblem[]) {
    super(`Nothing was imported:\n${problems.map((problem) => `  line ${problem.line}: ${problem.problem}`).join("\n")}`);
  }
}

export async function importReport(context: Context, text: string, yearLabel: string): Promise<ImportSummary> {
  await authorize(context, "importReports");
  if (!/^\d{4}\/\d{2}$/.test(yearLabel)) throw new ImportError([{ line: 0, problem: `"${yearLabel}" is not a year like 2019/20` }]);
  let document;
  try {
    document = parseReportDocument(text);
  } catch (error) {
    if (error instanceof DocumentError) throw new ImportError(error.problems);
    throw error;
  }
  const planYear = Number(/^Year\s+(\d+)/i.exec(document.title)?.[1]) || null;

  return transaction(
    context,
    async (tx) => {
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
      const year = await findOrAddYear(tx, yearLabel, planYear);
      const quarters = await tx.db.quarter.findMany({ where: { yearId: year.id }, include: quarterSummaryInclude, orderBy: { number: "asc" } });
      const owners = await resolveOwners(tx, document.priorities.flatMap((priority) => priority.lines), summary, attempt);

      for (const priority of document.priorities) {
        const input = { number: priority.number, title: priority.title, outcome: priority.outcome };
        const existing = await tx.db.priority.findUnique({ where: { yearId_number: { yearId: year.id, number: priority.number } } });
        const changed = existing && (existing.title !== input.title || existing.outcome !== input.outcome);
        // A priority whose change was refused still has its lines checked, so every problem is found at once.
        const saved = (!existing || changed ? await attempt(priority.line, () => savePriority(tx, existing ? { id: existing.id } : { yearId: year.id }, checked(prioritySchema, input))) : existing) ?? existing;
        if (!saved) continue;
        if (!existing) summary.prioritiesCreated++;
        else if (changed) summary.prioritiesUpdated++;

        const current = await indicatorsByLine(tx, saved.id);
        const ordinals = new Map<string, number>();
        for (const [index, line] of priority.lines.entries()) {
          const ordinal = (ordinals.get(line.ref) ?? 0) + 1;
          ordinals.set(line.ref, ordinal);
          const owner = owners.get(line.collation);
          if (!owner) continue;
          const found = current.get(`${line.ref}#${ordinal}`);
          const indicator =
            (await attempt(line.line, () => (found ? updateIndicator(tx, found, line, owner, index + 1, summary) : createIndicator(tx, saved.id, line, owner, index + 1, summary)))) ?? found;
          if (!indicator) continue;
          const returns = await tx.db.return.findMany({ where: { indicatorId: indicator.id }, include: returnInclude });
          for (const [column, quarter] of quarters.entries()) {
            const existing = returns.find((found) => found.quarterId === quarter.id);
            await importCell({ context: tx, indicator, quarter, cell: line.quarters[column]!, line, existing, summary, attempt });
          }
        }
      }

      if (problems.length) throw new ImportError(problems);
      await tx.audit({ action: "report.import", entityType: "year", entityId: year.id, after: { ...summary } });
      return summary;
    },
    { timeout: 120_000 },
  );
}

/** The shared schema's output, as the API's edge gives it to the services; a problem is the line's. */
function checked<T>(schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]));
  throw new ServiceError(400, Object.values(fields).join("; "), { fields });
}

async function findOrAddYear(context: Context, label: string, planYear: number | null) {
  const existing = await context.db.reportingYear.findUnique({ where: { label } });
  if (existing) return existing;
  const latest = await context.db.reportingYear.findFirst({ orderBy: { planYear: "desc" } });
  // The partnership's year is the financial year: April to March. Its quarters start planned, for
  // an admin to open or sign off once the import has been checked.
  return addYear(context, { label, startDate: `${label.slice(0, 4)}-04-01`, planYear: planYear ?? (latest?.planYear ?? 0) + 1 });
}

interface Owner {
  id: number;
  leadContact: string | null;
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

/** The priority's indicators by the document's key: their ref (continuations inherit it) and place under it. */
async function indicatorsByLine(context: Context, priorityId: number): Promise<Map<string, IndicatorRow>> {
  const indicators = await context.db.indicator.findMany({ where: { priorityId }, include: indicatorInclude, orderBy: { sortOrder: "asc" } });
  const byLine = new Map<string, IndicatorRow>();
  const ordinals = new Map<string, number>();
  let ref = "";
  for (const indicator of indicators) {
    ref = indicator.ref ?? ref;
    const ordinal = (ordinals.get(ref) ?? 0) + 1;
    ordinals.set(ref, ordinal);
    byLine.set(`${ref}#${ordinal}`, indicator);
  }
  return byLine;
}

const reload = (context: Context, id: number) => context.db.indicator.findUniqueOrThrow({ where: { id }, include: indicatorInclude });

async function createIndicator(context: Context, priorityId: number, line: DocumentIndicatorLine, owner: Owner, sortOrder: number, summary: ImportSummary) {
  const kind: FieldKind | null = inferKind(line.quarters);
  const input = {
    ref: line.continuation ? null : line.ref,
    title: line.title,
    ownerOrganisationId: owner.id,
    leadContact: owner.leadContact,
    restricted: line.restricted,
    polarity: "NEUTRAL",
    sortOrder,
    headlineFieldKey: kind ? "value" : null,
    fields: kind ? [{ key: "value", label: kind === "PERCENT" ? "Percentage" : "Figure", kind }] : [],
  };
  const created = await saveIndicator(context, { priorityId }, checked<IndicatorChanges>(indicatorSchema, input));
  summary.indicatorsCreated++;
  return reload(context, created.id);
}

/** The indicator as the document has it; its figures' fields and everything else it declares stay. */
async function updateIndicator(context: Context, indicator: IndicatorRow, line: DocumentIndicatorLine, owner: Owner, sortOrder: number, summary: ImportSummary) {
  const wanted = { title: line.title, ownerOrganisationId: owner.id, leadContact: owner.leadContact, restricted: line.restricted, sortOrder };
  const differs = (Object.keys(wanted) as (keyof typeof wanted)[]).some((key) => indicator[key] !== wanted[key]);
  if (!differs) return indicator;
  const input = {
    ref: indicator.ref,
    polarity: indicator.polarity,
    target: indicator.target?.toString() ?? null,
    headlineFieldKey: indicator.headlineFieldKey,
    retired: indicator.retired,
    fields: indicator.fields.map(({ key, label, kind, unit, comparesWithPreviousYear, required, softMin, softMax, retired }) => ({
      key, label, kind, unit, comparesWithPreviousYear, required, softMin: softMin?.toString() ?? null, softMax: softMax?.toString() ?? null, retired,
    })),
    ...wanted,
  };
  await saveIndicator(context, { id: indicator.id }, checked<IndicatorChanges>(indicatorSchema, input));
  summary.indicatorsUpdated++;
  return reload(context, indicator.id);
}

