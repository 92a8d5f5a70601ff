import type { Prisma } from "@quarterly-returns/db";
import type { QuarterSummary, Reopening } from "@quarterly-returns/shared";
import { isoDate } from "../../lib/dates.ts";
import type { Db } from "../context.ts";
import { ServiceError } from "../errors.ts";

const person = { select: { id: true, name: true } } as const;
const organisation = { select: { id: true, name: true, shortName: true } } as const;

export const reopeningInclude = {
  organisation,
  indicator: { select: { id: true, ref: true, title: true, ownerOrganisation: organisation } },
  reopenedBy: person,
  signedOffBy: person,
} as const satisfies Prisma.QuarterReopeningInclude;

/** The parts of a quarter reopened and not signed off again (a whole-quarter one ends at the next sign-off too). */
export const openReopenings = { signedOffAt: null } as const satisfies Prisma.QuarterReopeningWhereInput;

export const quarterSummaryInclude = {
  year: { select: { id: true, label: true } },
  signedOffBy: person,
  reopenings: { where: openReopenings, include: reopeningInclude, orderBy: { reopenedAt: "asc" } },
} as const satisfies Prisma.QuarterInclude;

export type QuarterRow = Prisma.QuarterGetPayload<{ include: typeof quarterSummaryInclude }>;
export type ReopeningRow = Prisma.QuarterReopeningGetPayload<{ include: typeof reopeningInclude }>;

export function toReopening(row: ReopeningRow): Reopening {
  return {
    id: row.id,
    organisation: row.organisation,
    indicator: row.indicator && { id: row.indicator.id, ref: row.indicator.ref, title: row.indicator.title, owner: row.indicator.ownerOrganisation },
    reason: row.reason,
    reopenedAt: row.reopenedAt.toISOString(),
    reopenedBy: row.reopenedBy,
    signedOffAt: row.signedOffAt?.toISOString() ?? null,
    signedOffBy: row.signedOffBy,
  };
}

export function toQuarterSummary(quarter: QuarterRow): QuarterSummary {
  return {
    id: quarter.id,
    number: quarter.number,
    year: quarter.year,
    name: `Q${quarter.number} ${quarter.year.label}`,
    startDate: isoDate(quarter.startDate),
    endDate: isoDate(quarter.endDate),
    dueDate: isoDate(quarter.dueDate),
    status: quarter.status,
    signedOffAt: quarter.signedOffAt?.toISOString() ?? null,
    signedOffBy: quarter.signedOffBy,
    // A signed-off quarter's reopened parts; an open quarter is open throughout.
    partlyReopened: quarter.status === "CLOSED" ? quarter.reopenings.map(toReopening) : [],
  };
}

/** A quarter with what the summary needs, or 404. */
export async function findQuarter(db: Db, quarterId: number): Promise<QuarterRow> {
  const quarter = await db.quarter.findUnique({ where: { id: quarterId }, include: quarterSummaryInclude });
  if (!quarter) throw new ServiceError(404, "There is no such quarter.");
  return quarter;
}
