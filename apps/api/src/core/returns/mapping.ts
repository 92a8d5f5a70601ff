// Database rows of indicators and returns → the contract's shapes (figures as exact strings).
import type { Prisma } from "@quarterly-returns/db";
import { kindOf, type ConfirmedOutlier, type FieldDeclaration, type FieldValue, type IndicatorSummary, type ReturnRecord } from "@quarterly-returns/shared";
import { isoDate } from "../../lib/dates.ts";

export const indicatorInclude = {
  priority: { select: { id: true, number: true, title: true, yearId: true, year: { select: { label: true } } } },
  ownerOrganisation: { select: { id: true, name: true, shortName: true } },
  fields: { orderBy: { sortOrder: "asc" } },
} as const satisfies Prisma.IndicatorInclude;

export const returnInclude = {
  values: { include: { field: { select: { key: true, kind: true } } } },
  createdBy: { select: { id: true, name: true } },
  updatedBy: { select: { id: true, name: true } },
  submittedBy: { select: { id: true, name: true } },
} as const satisfies Prisma.ReturnInclude;

export type IndicatorRow = Prisma.IndicatorGetPayload<{ include: typeof indicatorInclude }>;
export type ReturnRow = Prisma.ReturnGetPayload<{ include: typeof returnInclude }>;

export function toFieldDeclaration(field: IndicatorRow["fields"][number]): FieldDeclaration {
  return {
    key: field.key,
    label: field.label,
    kind: field.kind,
    unit: field.unit,
    comparesWithPreviousYear: field.comparesWithPreviousYear,
    required: field.required,
    softMin: field.softMin?.toString() ?? null,
    softMax: field.softMax?.toString() ?? null,
    hardMin: field.hardMin?.toString() ?? null,
    hardMax: field.hardMax?.toString() ?? null,
    maxChange: field.maxChange?.toString() ?? null,
    retired: field.retired,
  };
}

export function toIndicatorSummary(indicator: IndicatorRow): IndicatorSummary {
  return {
    id: indicator.id,
    ref: indicator.ref,
    title: indicator.title,
    priority: { id: indicator.priority.id, number: indicator.priority.number, title: indicator.priority.title },
    owner: indicator.ownerOrganisation,
    leadContact: indicator.leadContact,
    restricted: indicator.restricted,
    polarity: indicator.polarity,
    target: indicator.target?.toString() ?? null,
    headlineFieldKey: indicator.headlineFieldKey,
    periodBasis: indicator.periodBasis,
    periodLagMonths: indicator.periodLagMonths,
    fields: indicator.fields.map(toFieldDeclaration),
  };
}

export function toReturnRecord(row: ReturnRow): ReturnRecord {
  const values: Record<string, FieldValue> = {};
  const previousYear: Record<string, string> = {};
  for (const value of row.values) {
    const { key } = value.field;
    const read = kindOf(value.field).fromRow(value);
    if (read !== undefined) values[key] = read;
    if (value.previousYearValue !== null) previousYear[key] = value.previousYearValue.toString();
  }
  return {
    id: row.id,
    indicatorId: row.indicatorId,
    quarterId: row.quarterId,
    status: row.status,
    noData: row.noDataReason
      ? { reason: row.noDataReason, availableFrom: row.availableFrom ? isoDate(row.availableFrom) : null, explanation: row.explanation }
      : null,
    values,
    previousYear,
    commentary: row.commentary,
    periodCovered: row.periodCovered,
    ragOverride: row.ragOverride,
    ragOverrideReason: row.ragOverrideReason,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    submittedBy: row.submittedBy,
    confirmedOutliers: row.confirmedOutliers as unknown as ConfirmedOutlier[],
  };
}

/** What the audit log keeps of a return: its state, figures and words. */
export function auditSnapshot(record: ReturnRecord | null): Prisma.InputJsonValue | null {
  if (!record) return null;
  const { status, noData, values, previousYear, commentary, periodCovered, version } = record;
  return { status, noData, values, previousYear, commentary, periodCovered, version } as Prisma.InputJsonValue;
}
