// A figure that looked implausible and its owner confirmed: shown to the manager on completeness
// and to the admin at sign-off, each with a query to raise in one click.
import { z } from "./zod.ts";
import { QUERY_TEXT_MAX_LENGTH } from "./queries.ts";
import { indicatorRefSchema, organisationRefSchema, quarterRefSchema } from "./refs.ts";

export const confirmedOutlierSummarySchema = z.object({
  indicator: indicatorRefSchema,
  organisation: organisationRefSchema,
  quarter: quarterRefSchema,
  fieldKey: z.string(),
  label: z.string(),
  /** "Is 2,147,483,648 right? Last year it was 492." */
  question: z.string(),
  /** A query on this field raised since the figure was submitted is open or answered: it has been asked about already. */
  queried: z.boolean(),
});
export type ConfirmedOutlierSummary = z.infer<typeof confirmedOutlierSummarySchema>;

/** The query "Query this figure" raises, ready to send. */
export function outlierQueryText(outlier: Pick<ConfirmedOutlierSummary, "label" | "question">): string {
  return `${outlier.label}: ${outlier.question} You confirmed this figure when you submitted it. Please tell us why it is so different.`.slice(0, QUERY_TEXT_MAX_LENGTH);
}
