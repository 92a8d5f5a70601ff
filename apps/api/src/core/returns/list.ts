import type { ReturnsList } from "@quarterly-returns/shared";
import { visibleIndicators } from "../access.ts";
import type { Context } from "../context.ts";
import { reportedIn } from "../framework/reported.ts";
import { findQuarter, toQuarterSummary } from "../quarters/summary.ts";
import { indicatorInclude, returnInclude, toIndicatorSummary, toReturnRecord } from "./mapping.ts";

/** The indicators the quarter reports that the actor may see, each with its return (or null). */
export async function listReturns(context: Context, quarterId: number): Promise<ReturnsList> {
  const quarter = await findQuarter(context.db, quarterId);
  const indicators = await context.db.indicator.findMany({
    where: { AND: [visibleIndicators(context.actor), { priority: { yearId: quarter.yearId } }, reportedIn(quarter)] },
    include: {
      ...indicatorInclude,
      returns: {
        where: { quarterId },
        include: {
          ...returnInclude,
          _count: { select: { queries: { where: { status: { not: "CLOSED" } } } } },
          queries: { where: { status: "OPEN" }, select: { id: true, text: true }, orderBy: { raisedAt: "asc" } },
        },
      },
    },
    orderBy: [{ priority: { sortOrder: "asc" } }, { sortOrder: "asc" }],
  });
  return {
    quarter: toQuarterSummary(quarter),
    items: indicators.map((indicator) => ({
      indicator: toIndicatorSummary(indicator),
      return: indicator.returns[0] ? toReturnRecord(indicator.returns[0]) : null,
      openQueries: indicator.returns[0]?._count.queries ?? 0,
      // A signed-off return cannot be answered until it is reopened.
      queriesToAnswer: quarter.status === "CLOSED" ? [] : (indicator.returns[0]?.queries ?? []),
    })),
  };
}
