// A quarter's confirmed outliers: the implausible figures owners confirmed when they submitted,
// with whether a query has been raised about each since, for completeness and sign-off; and, for
// sign-off, the implausible figures nobody confirmed.
import { comparisonFigures, plausibilityQuestion, type ConfirmedOutlier, type ConfirmedOutlierSummary } from "@quarterly-returns/shared";
import type { Db } from "../context.ts";
import type { QuarterRow } from "../quarters/summary.ts";
import { toQuarterSummary } from "../quarters/summary.ts";
import { findComparisons } from "./comparisons.ts";
import { returnInclude, toFieldDeclaration, toReturnRecord, type IndicatorRow } from "./mapping.ts";

export async function confirmedOutliersOf(db: Db, quarter: QuarterRow): Promise<ConfirmedOutlierSummary[]> {
  const returns = await db.return.findMany({
    where: { quarterId: quarter.id, status: "SUBMITTED", NOT: { confirmedOutliers: { equals: [] } } },
    select: {
      confirmedOutliers: true,
      submittedAt: true,
      queries: { where: { status: { not: "CLOSED" } }, select: { fieldKey: true, raisedAt: true } },
      indicator: {
        select: {
          id: true,
          ref: true,
          title: true,
          sortOrder: true,
          priority: { select: { sortOrder: true } },
          ownerOrganisation: { select: { id: true, name: true, shortName: true } },
          fields: { select: { key: true, label: true } },
        },
      },
    },
  });
  const name = toQuarterSummary(quarter).name;
  return returns
    .sort((a, b) => a.indicator.priority.sortOrder - b.indicator.priority.sortOrder || a.indicator.sortOrder - b.indicator.sortOrder)
    .flatMap(({ confirmedOutliers, submittedAt, queries, indicator }) =>
      (confirmedOutliers as unknown as ConfirmedOutlier[]).map((outlier) => ({
        indicator: { id: indicator.id, ref: indicator.ref, title: indicator.title },
        organisation: indicator.ownerOrganisation,
        quarter: { id: quarter.id, name },
        fieldKey: outlier.fieldKey,
        label: indicator.fields.find((field) => field.key === outlier.fieldKey)?.label ?? outlier.fieldKey,
        question: outlier.question,
        // A query from before this figure was submitted was about an earlier one.
        queried: queries.some((query) => query.fieldKey === outlier.fieldKey && submittedAt !== null && query.raisedAt >= submittedAt),
      })),
    );
}

/**
 * The submitted figures of these returns that look implausible now but that nobody confirmed: an
 * imported report's (an import asks nothing), or one whose comparison changed after it was
 * submitted (last quarter's figure corrected, say). Asked by the same rule as the form.
 */
export async function unconfirmedOutliersOf(db: Db, quarter: QuarterRow, indicators: IndicatorRow[]): Promise<ConfirmedOutlierSummary[]> {
  const returns = await db.return.findMany({
    where: { quarterId: quarter.id, status: "SUBMITTED", indicatorId: { in: indicators.map((indicator) => indicator.id) } },
    include: { ...returnInclude, queries: { where: { status: { not: "CLOSED" } }, select: { fieldKey: true, raisedAt: true } } },
  });
  const name = toQuarterSummary(quarter).name;
  const found: ConfirmedOutlierSummary[] = [];
  for (const indicator of indicators) {
    const row = returns.find((candidate) => candidate.indicatorId === indicator.id);
    if (!row) continue;
    const record = toReturnRecord(row);
    const confirmed = new Set((record.confirmedOutliers ?? []).map((outlier) => outlier.fieldKey));
    const comparisons = await findComparisons(db, indicator, quarter);
    for (const [key, figure] of Object.entries(comparisonFigures(record.values))) {
      const field = indicator.fields.find((candidate) => candidate.key === key);
      if (!field || confirmed.has(key)) continue;
      const previous = comparisons.previousQuarter?.values[key];
      const question = plausibilityQuestion(toFieldDeclaration(field), figure, {
        previousQuarter: previous === undefined ? null : { name: comparisons.previousQuarter!.name, figure: previous },
        lastYear: comparisons.lastYear?.[key] ?? record.previousYear[key] ?? null,
      });
      if (!question) continue;
      found.push({
        indicator: { id: indicator.id, ref: indicator.ref, title: indicator.title },
        organisation: indicator.ownerOrganisation,
        quarter: { id: quarter.id, name },
        fieldKey: key,
        label: field.label,
        question,
        queried: row.queries.some((query) => query.fieldKey === key && row.submittedAt !== null && query.raisedAt >= row.submittedAt),
      });
    }
  }
  return found;
}
