// A quarter's confirmed outliers: the implausible figures owners confirmed when they submitted,
// with whether a query has been raised about each since, for completeness and sign-off.
import type { ConfirmedOutlier, ConfirmedOutlierSummary } from "@quarterly-returns/shared";
import type { Db } from "../context.ts";
import type { QuarterRow } from "../quarters/summary.ts";
import { toQuarterSummary } from "../quarters/summary.ts";

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
