// Importing a report in the partnership's document layout into a year: priorities, outcomes,
// indicators, owners and quarter updates. All or nothing, idempotent (a return is only written
// when the report would read differently), and every problem named with its line.
import {
  figuresText,
  isRealDate,
  parseFigure,
  reportCellText,
  type FieldDeclaration,
  type FieldKind,
  type ImportSummary,
  type ReportQuarter,
  type ReturnRecord,
} from "@quarterly-returns/shared";
import {
  DocumentError,
  matchOrganisation,
  parseReportDocument,
  readDocumentCell,
  splitCollation,
  type DocumentIndicatorLine,
  type DocumentProblem,
} from "@quarterly-returns/shared/report-document";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

type Tx = Prisma.TransactionClient;

export interface ImportOptions {
  /** The reporting year the document is for, like "2019/20". */
  yearLabel: string;
  /** Who imports: the returns and the audit log name them. */
  actorId: number;
  clientAddress?: string | null;
}

export class ImportError extends Error {
  constructor(readonly problems: DocumentProblem[]) {
    super(`Nothing was imported:\n${problems.map((problem) => `  line ${problem.line}: ${problem.problem}`).join("\n")}`);
  }
}

const FIGURE_ONLY = /^-?\d[\d,]*(\.\d+)?\s*%?$/;

export async function importReport(prisma: PrismaClient, text: string, options: ImportOptions): Promise<ImportSummary> {
  if (!/^\d{4}\/\d{2}$/.test(options.yearLabel)) throw new ImportError([{ line: 0, problem: `"${options.yearLabel}" is not a year like 2019/20` }]);
  let document;
  try {
    document = parseReportDocument(text);
  } catch (error) {
    if (error instanceof DocumentError) throw new ImportError(error.problems);
    throw error;
  }
  const planYear = Number(/^Year\s+(\d+)/i.exec(document.title)?.[1]) || null;

  return prisma.$transaction(
    async (tx) => {
      const problems: DocumentProblem[] = [];
      const summary: ImportSummary = {
        year: options.yearLabel,
        organisationsCreated: [],
        prioritiesCreated: 0,
        prioritiesUpdated: 0,
        indicatorsCreated: 0,
        indicatorsUpdated: 0,
        returnsWritten: 0,
        returnsUnchanged: 0,
      };
      const year = await findOrCreateYear(tx, options.yearLabel, planYear);
      const quarters = await findOrCreateQuarters(tx, year);
      const owners = await resolveOwners(tx, document.priorities.flatMap((priority) => priority.lines), summary);

      for (const [sortIndex, priority] of document.priorities.entries()) {
        const existing = await tx.priority.findUnique({ where: { yearId_number: { yearId: year.id, number: priority.number } } });
        const saved = existing
          ? await tx.priority.update({ where: { id: existing.id }, data: { title: priority.title, outcome: priority.outcome } })
          : await tx.priority.create({ data: { yearId: year.id, number: priority.number, title: priority.title, outcome: priority.outcome, sortOrder: sortIndex + 1 } });
        if (!existing) summary.prioritiesCreated++;
        else if (existing.title !== priority.title || existing.outcome !== priority.outcome) summary.prioritiesUpdated++;

        const current = await indicatorsByLine(tx, saved.id);
        const ordinals = new Map<string, number>();
        for (const [lineIndex, line] of priority.lines.entries()) {
          const ordinal = (ordinals.get(line.ref) ?? 0) + 1;
          ordinals.set(line.ref, ordinal);
          const owner = owners.get(line.collation)!;
          const found = current.get(`${line.ref}#${ordinal}`);
          const indicator = found
            ? await updateIndicator(tx, found, line, owner, lineIndex + 1, summary, problems)
            : await createIndicator(tx, saved.id, line, owner, lineIndex + 1, summary);
          for (const [index, quarter] of quarters.entries()) {
            await importCell({ tx, indicator, quarter, cell: line.quarters[index]!, line, options, summary, problems });
          }
        }
      }

      if (problems.length) throw new ImportError(problems);
      await tx.auditEvent.create({
        data: {
          actorId: options.actorId,
          action: "report.import",
          entityType: "year",
          entityId: String(year.id),
          after: summary as unknown as Prisma.InputJsonValue,
          clientAddress: options.clientAddress ?? null,
        },
      });
      return summary;
    },
    { timeout: 120_000 },
  );
}

async function findOrCreateYear(tx: Tx, label: string, planYear: number | null) {
  const existing = await tx.reportingYear.findUnique({ where: { label } });
  if (existing) return existing;
  const start = Number(label.slice(0, 4));
  const latest = await tx.reportingYear.findFirst({ orderBy: { planYear: "desc" } });
  return tx.reportingYear.create({
    data: {
      label,
      planYear: planYear ?? (latest?.planYear ?? 0) + 1,
      // The partnership's year is the financial year: April to March.
      startDate: new Date(Date.UTC(start, 3, 1)),
      endDate: new Date(Date.UTC(start + 1, 2, 31)),
    },
  });
}

async function findOrCreateQuarters(tx: Tx, year: { id: number; label: string; startDate: Date }): Promise<(ReportQuarter & { id: number })[]> {
  const quarters = [];
  for (const number of [1, 2, 3, 4]) {
    const start = new Date(Date.UTC(year.startDate.getUTCFullYear(), year.startDate.getUTCMonth() + (number - 1) * 3, 1));
    const quarter =
      (await tx.quarter.findUnique({ where: { yearId_number: { yearId: year.id, number } } })) ??
      (await tx.quarter.create({
        data: {
          yearId: year.id,
          number,
          startDate: start,
          endDate: new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, 0)),
          dueDate: new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 4, 0)),
          // An admin opens it for entry, or signs it off, once the import has been checked.
          status: "PLANNED",
        },
      }));
    quarters.push({ id: quarter.id, number, name: `Q${number} ${year.label}`, startDate: quarter.startDate.toISOString().slice(0, 10), status: quarter.status });
  }
  return quarters;
}

/**
 * Each data-collation cell's organisation: the part before " - " (the rest is the lead contact),
 * matched to an existing organisation by name or short name, or created. A cell without a dash
 * that begins with another owner's name ("SBC Community Protection Services Manager") is that
 * owner, with the rest as the lead contact.
 */
async function resolveOwners(tx: Tx, lines: DocumentIndicatorLine[], summary: ImportSummary) {
  const collations = [...new Set(lines.map((line) => line.collation))];
  const names = collations.map((collation) => splitCollation(collation).organisation);
  const organisations = await tx.organisation.findMany();
  const owners = new Map<string, { id: number; leadContact: string | null }>();
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
      organisation = await tx.organisation.create({ data: { name, shortName: uniqueShortName(name, organisations.map((existing) => existing.shortName)) } });
      organisations.push(organisation);
      summary.organisationsCreated.push(name);
    }
    owners.set(collation, { id: organisation.id, leadContact });
  }
  return owners;
}

function uniqueShortName(name: string, taken: string[]): string {
  const initials = name
    .split(/\s+/)
    .filter((word) => /^[A-Z0-9]/.test(word))
    .map((word) => (/^[A-Z0-9]{2,}$/.test(word) ? word : word[0]))
    .join("")
    .slice(0, 12) || name.slice(0, 12);
  let candidate = initials;
  for (let suffix = 2; taken.some((existing) => existing.toLowerCase() === candidate.toLowerCase()); suffix++) candidate = `${initials}${suffix}`;
  return candidate;
}

type IndicatorWithFields = Prisma.IndicatorGetPayload<{ include: { fields: true } }>;

/** The priority's indicators by the document's key: their ref (continuations inherit it) and place under it. */
async function indicatorsByLine(tx: Tx, priorityId: number): Promise<Map<string, IndicatorWithFields>> {
  const indicators = await tx.indicator.findMany({ where: { priorityId }, include: { fields: { orderBy: { sortOrder: "asc" } } }, orderBy: { sortOrder: "asc" } });
  const byLine = new Map<string, IndicatorWithFields>();
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

/** A figure-only cell's kind: a percentage, a decimal, or a count. */
function inferKind(cells: string[]): FieldKind | null {
  const figures = cells.map((cell) => cell.trim()).filter((cell) => FIGURE_ONLY.test(cell));
  if (figures.length === 0) return null;
  if (figures.some((figure) => figure.endsWith("%"))) return "PERCENT";
  return figures.some((figure) => figure.includes(".") || figure.startsWith("-")) ? "DECIMAL" : "COUNT";
}

async function createIndicator(tx: Tx, priorityId: number, line: DocumentIndicatorLine, owner: { id: number; leadContact: string | null }, sortOrder: number, summary: ImportSummary) {
  const kind = inferKind(line.quarters);
  summary.indicatorsCreated++;
  return tx.indicator.create({
    data: {
      priorityId,
      ref: line.continuation ? null : line.ref,
      title: line.title,
      ownerOrganisationId: owner.id,
      leadContact: owner.leadContact,
      restricted: line.restricted,
      sortOrder,
      headlineFieldKey: kind ? "value" : null,
      fields: kind ? { create: [{ key: "value", label: kind === "PERCENT" ? "Percentage" : "Figure", kind, sortOrder: 1 }] } : undefined,
    },
    include: { fields: true },
  });
}

async function updateIndicator(
  tx: Tx,
  indicator: IndicatorWithFields,
  line: DocumentIndicatorLine,
  owner: { id: number; leadContact: string | null },
  sortOrder: number,
  summary: ImportSummary,
  problems: DocumentProblem[],
) {
  const wanted = { title: line.title, ownerOrganisationId: owner.id, leadContact: owner.leadContact, restricted: line.restricted, sortOrder };
  const differs = (Object.keys(wanted) as (keyof typeof wanted)[]).filter((key) => indicator[key] !== wanted[key]);
  if (differs.length === 0) return indicator;
  const signedOff = await tx.return.count({ where: { indicatorId: indicator.id, quarter: { status: "CLOSED" } } });
  if (signedOff > 0) {
    problems.push({ line: line.line, problem: `${line.ref}'s ${differs.join(", ")} differ from the year's framework, whose signed-off quarters must not change` });
    return indicator;
  }
  summary.indicatorsUpdated++;
  return tx.indicator.update({ where: { id: indicator.id }, data: wanted, include: { fields: true } });
}

interface Cell {
  tx: Tx;
  indicator: IndicatorWithFields;
  quarter: ReportQuarter & { id: number };
  cell: string;
  line: DocumentIndicatorLine;
  options: ImportOptions;
  summary: ImportSummary;
  problems: DocumentProblem[];
}

/** The return a cell says, as the product records it. */
function desiredReturn(fields: FieldDeclaration[], cell: string, quarter: ReportQuarter): Pick<ReturnRecord, "status" | "noData" | "values" | "previousYear" | "commentary"> | null {
  const read = readDocumentCell(cell);
  if (read.state === "MISSING") return null;
  const blank = { values: {}, previousYear: {}, commentary: null };
  if (read.state === "NO_DATA") {
    if (read.reason === "NOT_RELEASED") return { ...blank, status: "NO_DATA", noData: { reason: "NOT_RELEASED", availableFrom: null, explanation: read.explanation } };
    const availableFrom = read.reason === "NOT_YET_AVAILABLE" ? read.availableFrom : null;
    const record = { ...blank, status: "NO_DATA" as const, noData: { reason: read.reason, availableFrom, explanation: null } };
    // Keep the document's own words where the standard ones would differ ("No date provided").
    const standard = reportCellText(fields, record as ReturnRecord, quarter);
    return standard === read.phrase ? record : { ...record, noData: { ...record.noData, explanation: read.phrase } };
  }
  const numeric = fields.filter((field) => field.kind !== "TEXT" && !field.retired);
  if (FIGURE_ONLY.test(read.text) && numeric.length === 1) {
    const field = numeric[0]!;
    const parsed = parseFigure(read.text);
    const fits =
      "value" in parsed &&
      (field.kind !== "COUNT" || /^\d+$/.test(parsed.value)) &&
      (field.kind !== "PERCENT" || (!parsed.value.startsWith("-") && Number(parsed.value) <= 100)) &&
      (field.kind === "PERCENT") === read.text.endsWith("%");
    if (fits) {
      const record = { ...blank, status: "SUBMITTED" as const, noData: null, values: { [field.key]: parsed.value } };
      // Only a structured figure if the report writes it back as the document had it.
      if (figuresText(fields, record, quarter) === read.text) return record;
    }
  }
  return { ...blank, status: "SUBMITTED", noData: null, commentary: read.text };
}

async function importCell({ tx, indicator, quarter, cell, line, options, summary, problems }: Cell) {
  const fields: FieldDeclaration[] = indicator.fields.map((field) => ({
    key: field.key,
    label: field.label,
    kind: field.kind,
    unit: field.unit,
    comparesWithPreviousYear: field.comparesWithPreviousYear,
    required: field.required,
    softMin: null,
    softMax: null,
    retired: field.retired,
  }));
  const desired = desiredReturn(fields, cell, quarter);
  if (!desired) return;
  const existing = await tx.return.findUnique({
    where: { indicatorId_quarterId: { indicatorId: indicator.id, quarterId: quarter.id } },
    include: { values: { include: { field: true } } },
  });
  const current = existing ? asRecord(existing) : null;
  const wanted = reportCellText(fields, desired as ReturnRecord, quarter);
  if (current && reportCellText(fields, current as ReturnRecord, quarter) === wanted) {
    summary.returnsUnchanged++;
    return;
  }
  if (quarter.status === "CLOSED") {
    problems.push({ line: line.line, problem: `${quarter.name} is signed off, and ${line.ref}'s return would change to "${wanted.slice(0, 80)}". Reopen the quarter to import it.` });
    return;
  }
  if (desired.noData?.availableFrom && !isRealDate(desired.noData.availableFrom)) {
    problems.push({ line: line.line, problem: `"${cell}" is not a real date` });
    return;
  }
  await write(tx, indicator, quarter, desired, existing, options);
  summary.returnsWritten++;
}

function asRecord(row: Prisma.ReturnGetPayload<{ include: { values: { include: { field: true } } } }>) {
  const values: Record<string, string | { position: string; outOf: string }> = {};
  const previousYear: Record<string, string> = {};
  for (const value of row.values) {
    if (value.text !== null) values[value.field.key] = value.text;
    else if (value.number !== null) values[value.field.key] = value.field.kind === "RANK" ? { position: value.number.toString(), outOf: String(value.outOf) } : value.number.toString();
    if (value.previousYearValue !== null) previousYear[value.field.key] = value.previousYearValue.toString();
  }
  return {
    status: row.status,
    noData: row.noDataReason ? { reason: row.noDataReason, availableFrom: row.availableFrom?.toISOString().slice(0, 10) ?? null, explanation: row.explanation } : null,
    values,
    previousYear,
    commentary: row.commentary,
  };
}

async function write(
  tx: Tx,
  indicator: IndicatorWithFields,
  quarter: { id: number },
  desired: NonNullable<ReturnType<typeof desiredReturn>>,
  existing: { id: number } | null,
  options: ImportOptions,
) {
  const now = new Date();
  const columns = {
    status: desired.status,
    noDataReason: desired.noData?.reason ?? null,
    availableFrom: desired.noData?.availableFrom ? new Date(`${desired.noData.availableFrom}T00:00:00Z`) : null,
    explanation: desired.noData?.explanation ?? null,
    commentary: desired.commentary,
    updatedById: options.actorId,
    updatedAt: now,
    submittedById: options.actorId,
    submittedAt: now,
  };
  const values = Object.entries(desired.values).map(([key, value]) => ({
    fieldId: indicator.fields.find((field) => field.key === key)!.id,
    number: typeof value === "string" ? value : null,
  }));
  const saved = existing
    ? await tx.return.update({ where: { id: existing.id }, data: { ...columns, version: { increment: 1 }, values: { deleteMany: {}, create: values } } })
    : await tx.return.create({ data: { ...columns, indicatorId: indicator.id, quarterId: quarter.id, createdById: options.actorId, createdAt: now, values: { create: values } } });
  await tx.auditEvent.create({
    data: {
      actorId: options.actorId,
      action: "return.import",
      entityType: "return",
      entityId: String(saved.id),
      quarterId: quarter.id,
      indicatorId: indicator.id,
      organisationId: indicator.ownerOrganisationId,
      after: desired as unknown as Prisma.InputJsonValue,
      clientAddress: options.clientAddress ?? null,
    },
  });
}
