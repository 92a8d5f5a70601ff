import type { Prisma } from "@quarterly-returns/db";
import type { QuarterSummary } from "@quarterly-returns/shared";
import { isoDate } from "../../lib/dates.ts";
import type { Db } from "../context.ts";
import { ServiceError } from "../errors.ts";

export const quarterSummaryInclude = {
  year: { select: { id: true, label: true } },
  signedOffBy: { select: { id: true, name: true } },
} as const satisfies Prisma.QuarterInclude;

export type QuarterRow = Prisma.QuarterGetPayload<{ include: typeof quarterSummaryInclude }>;

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
  };
}

/** A quarter with what the summary needs, or 404. */
export async function findQuarter(db: Db, quarterId: number): Promise<QuarterRow> {
  const quarter = await db.quarter.findUnique({ where: { id: quarterId }, include: quarterSummaryInclude });
  if (!quarter) throw new ServiceError(404, "There is no such quarter.");
  return quarter;
}
