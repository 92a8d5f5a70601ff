// An indicator as the framework screens show it: its definition, its fields with the figures they
// hold, and the signed-off quarters that hold it fixed.
import type { Prisma } from "@quarterly-returns/db";
import type { FrameworkIndicator } from "@quarterly-returns/shared";
import { toFieldDeclaration } from "../returns/mapping.ts";

export const frameworkIndicatorInclude = {
  ownerOrganisation: { select: { id: true, name: true, shortName: true } },
  fields: { orderBy: { sortOrder: "asc" }, include: { _count: { select: { values: true } } } },
  priority: { select: { yearId: true, year: { select: { label: true } } } },
  _count: { select: { returns: true } },
} as const satisfies Prisma.IndicatorInclude;

export type FrameworkIndicatorRow = Prisma.IndicatorGetPayload<{ include: typeof frameworkIndicatorInclude }>;

export function toFrameworkIndicator(row: FrameworkIndicatorRow, fixedBy: number[]): FrameworkIndicator {
  return {
    id: row.id,
    ref: row.ref,
    title: row.title,
    owner: row.ownerOrganisation,
    leadContact: row.leadContact,
    restricted: row.restricted,
    polarity: row.polarity,
    target: row.target?.toString() ?? null,
    headlineFieldKey: row.headlineFieldKey,
    periodBasis: row.periodBasis,
    periodLagMonths: row.periodLagMonths,
    sortOrder: row.sortOrder,
    retired: row.retired,
    firstQuarter: row.firstQuarter,
    fixedBySignedOffQuarters: fixedBy,
    previousIndicatorId: row.previousIndicatorId,
    returns: row._count.returns,
    fields: row.fields.map((field) => ({ ...toFieldDeclaration(field), values: field._count.values })),
  };
}
