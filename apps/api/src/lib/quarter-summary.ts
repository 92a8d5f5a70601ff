import type { Prisma } from "@quarterly-returns/db";
import type { QuarterSummary } from "@quarterly-returns/shared";
import { isoDate } from "./dates.ts";

export const quarterSummaryInclude = {
  year: { select: { id: true, label: true } },
  signedOffBy: { select: { id: true, name: true } },
} as const satisfies Prisma.QuarterInclude;

type QuarterRow = Prisma.QuarterGetPayload<{ include: typeof quarterSummaryInclude }>;

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
