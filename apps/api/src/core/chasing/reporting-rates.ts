// The reporting rate of each quarter of a year up to the one shown (returns in ÷ returns
// expected, as DHIS2 charts it), from three queries however many quarters and indicators the year
// has. Later quarters are left out, as the report of a quarter leaves them out, so a signed-off
// quarter's completeness reads the same whatever happens in the year afterwards.
import { isReceived, progressOf, type ReportingRate } from "@quarterly-returns/shared";
import { isoDate } from "../../lib/dates.ts";
import type { Db } from "../context.ts";

export async function reportingRatesOf(db: Db, year: { id: number; label: string }, through: number): Promise<ReportingRate[]> {
  const [quarters, indicators, returns] = await Promise.all([
    db.quarter.findMany({ where: { yearId: year.id, number: { lte: through } }, select: { id: true, number: true, status: true, dueDate: true }, orderBy: { number: "asc" } }),
    db.indicator.findMany({ where: { priority: { yearId: year.id } }, select: { id: true, firstQuarter: true, retired: true } }),
    db.return.findMany({
      where: { quarter: { yearId: year.id, number: { lte: through } } },
      select: { indicatorId: true, quarterId: true, status: true, noDataReason: true, availableFrom: true, submittedAt: true },
    }),
  ]);
  return quarters.map((quarter) => {
    const dueDate = isoDate(quarter.dueDate);
    const returnOf = new Map(returns.filter((found) => found.quarterId === quarter.id).map((found) => [found.indicatorId, found]));
    // The indicators the quarter reports, as reportedIn() selects them: started by then, and not
    // retired unless the quarter has their return.
    const reported = indicators.filter((indicator) => indicator.firstQuarter <= quarter.number && (!indicator.retired || returnOf.has(indicator.id)));
    let received = 0;
    let receivedOnTime = 0;
    for (const indicator of reported) {
      const found = returnOf.get(indicator.id);
      if (!found) continue;
      const progress = progressOf(
        {
          status: found.status,
          noData: found.noDataReason ? { reason: found.noDataReason, availableFrom: found.availableFrom ? isoDate(found.availableFrom) : null } : null,
          submittedAt: found.submittedAt?.toISOString() ?? null,
        },
        dueDate,
        dueDate,
      );
      if (!isReceived(progress)) continue;
      received++;
      if (!progress.late) receivedOnTime++;
    }
    const expected = quarter.status === "PLANNED" ? 0 : reported.length;
    return {
      quarter: { id: quarter.id, number: quarter.number, name: `Q${quarter.number} ${year.label}`, status: quarter.status },
      expected,
      received,
      receivedOnTime,
      rate: expected ? received / expected : 0,
    };
  });
}
