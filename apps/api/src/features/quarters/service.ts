import type { PrismaClient } from "@quarterly-returns/db";
import type { QuarterSummary } from "@quarterly-returns/shared";
import { quarterSummaryInclude, toQuarterSummary } from "../../lib/quarter-summary.ts";

export async function listQuarters(prisma: PrismaClient): Promise<QuarterSummary[]> {
  const quarters = await prisma.quarter.findMany({
    include: quarterSummaryInclude,
    orderBy: [{ year: { startDate: "desc" } }, { number: "asc" }],
  });
  return quarters.map(toQuarterSummary);
}
