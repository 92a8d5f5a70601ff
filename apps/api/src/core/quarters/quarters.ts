import type { QuarterSummary } from "@quarterly-returns/shared";
import type { Context } from "../context.ts";
import { quarterSummaryInclude, toQuarterSummary } from "./summary.ts";

/** Every quarter, newest year first: everyone signed in sees them (which are open, and when they are due). */
export async function listQuarters(context: Context): Promise<QuarterSummary[]> {
  const quarters = await context.db.quarter.findMany({
    include: quarterSummaryInclude,
    orderBy: [{ year: { startDate: "desc" } }, { number: "asc" }],
  });
  return quarters.map(toQuarterSummary);
}
