// What a return's figures are compared with to ask whether they are plausible: the previous
// quarter's submitted figures (last year's Q4 for a Q1, through the indicator's lineage) and the
// same quarter last year's. The rule itself is shared with the form (plausibility.ts).
import { comparisonFigures, type ReturnComparisons } from "@quarterly-returns/shared";
import type { Db } from "../context.ts";
import type { QuarterRow } from "../quarters/summary.ts";
import type { IndicatorRow } from "./mapping.ts";
import { returnInclude, toReturnRecord } from "./mapping.ts";

export async function findComparisons(db: Db, indicator: IndicatorRow, quarter: QuarterRow): Promise<ReturnComparisons> {
  const lastYearIndicatorId = indicator.previousIndicatorId;
  const previousYear = lastYearIndicatorId
    ? await db.reportingYear.findFirst({ where: { priorities: { some: { indicators: { some: { id: lastYearIndicatorId } } } } }, select: { id: true } })
    : null;
  const previousPlace =
    quarter.number > 1 ? { yearId: quarter.yearId, number: quarter.number - 1, indicatorId: indicator.id } : previousYear ? { yearId: previousYear.id, number: 4, indicatorId: lastYearIndicatorId! } : null;
  const sameLastYear = previousYear ? { yearId: previousYear.id, number: quarter.number, indicatorId: lastYearIndicatorId! } : null;
  const places = [previousPlace, sameLastYear].filter((place) => place !== null);
  const returns = places.length
    ? await db.return.findMany({
        where: { OR: places.map((place) => ({ indicatorId: place.indicatorId, quarter: { yearId: place.yearId, number: place.number } })) },
        include: { ...returnInclude, quarter: { select: { number: true, yearId: true, year: { select: { label: true } } } } },
      })
    : [];
  const at = (place: typeof previousPlace) => place && returns.find((row) => row.indicatorId === place.indicatorId && row.quarter.yearId === place.yearId && row.quarter.number === place.number);
  const previous = at(previousPlace);
  const lastYear = at(sameLastYear);
  return {
    previousQuarter: previous && previous.status !== "DRAFT" ? { name: `Q${previous.quarter.number} ${previous.quarter.year.label}`, values: comparisonFigures(toReturnRecord(previous).values) } : null,
    lastYear: lastYear && lastYear.status !== "DRAFT" ? comparisonFigures(toReturnRecord(lastYear).values) : null,
  };
}
