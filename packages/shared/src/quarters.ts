import { z } from "./zod.ts";
import { confirmedOutlierSummarySchema } from "./outliers.ts";
import { organisationRefSchema, personRefSchema, yearRefSchema } from "./refs.ts";
import { reopeningSchema } from "./reopening.ts";
import { isRealDate, quarterSummarySchema } from "./returns.ts";
import { multiLine } from "./text.ts";

// The requests below are parsed only by the API: marked pure, so the browser's bundle leaves them out.
const date = /* @__NO_SIDE_EFFECTS__ */ (missing: string) =>
  z.string({ error: missing }).check(z.minLength(1, { error: missing }), z.refine(isRealDate, { error: "Enter a real date" }));

/** An admin sets a quarter's due date, and opens a planned quarter for entry. */
export const updateQuarterSchema = /* @__PURE__ */ z
  .strictObject({ dueDate: z.optional(date("Enter the due date")), open: z.optional(z.literal(true)) })
  .check(z.refine((change) => change.dueDate !== undefined || change.open !== undefined, { error: "Say what to change" }));
export type UpdateQuarter = z.input<typeof updateQuarterSchema>;

/** Signing off is an e-signature: the admin enters their password again. */
/** The e-signature: the admin's password, and the code from their authenticator app when they have one. */
export const signOffSchema = /* @__PURE__ */ z.strictObject({
  password: z.string({ error: "Enter your password to sign off" }).check(z.minLength(1, { error: "Enter your password to sign off" })),
  /** Checked by the server only (core/auth/sign-off-code.ts), so none of its words are in the browser's download. */
  code: z.optional(z.string()),
});
export type SignOff = z.input<typeof signOffSchema>;

/** The whole quarter, one organisation's returns (`organisationId`), or one return (`indicatorId`). */
export const reopenSchema = /* @__PURE__ */ z
  .strictObject({
    reason: z.string({ error: "Say why the quarter is being reopened" }).check(
      z.trim(),
      z.minLength(1, { error: "Say why the quarter is being reopened" }),
      z.maxLength(1000, { error: "Keep the reason to 1000 characters or fewer" }),
      multiLine("The reason"),
    ),
    organisationId: z.optional(z.int({ error: "Choose an organisation" })),
    indicatorId: z.optional(z.int({ error: "Choose a return" })),
  })
  .check(
    z.refine((reopen) => reopen.organisationId === undefined || reopen.indicatorId === undefined, {
      error: "Reopen either one organisation's returns or one return, not both",
      path: ["indicatorId"],
    }),
  );
export type Reopen = z.input<typeof reopenSchema>;

export const outstandingReturnSchema = z.object({
  indicatorId: z.int(),
  ref: z.nullable(z.string()),
  title: z.string(),
  organisation: organisationRefSchema,
  /** "Missing" or "Draft", as the completeness screen says. */
  state: z.string(),
});
export type OutstandingReturn = z.infer<typeof outstandingReturnSchema>;

/** A query not yet closed, which signing off would leave unresolved. */
export const openQuerySummarySchema = z.object({
  id: z.int(),
  indicatorId: z.int(),
  ref: z.nullable(z.string()),
  title: z.string(),
  organisation: organisationRefSchema,
  /** The figure queried, by its label; null for the return as a whole. */
  field: z.nullable(z.string()),
  text: z.string(),
  raisedBy: personRefSchema,
  raisedAt: z.string(),
  /** Answered by its owner, waiting to be closed. */
  answered: z.boolean(),
});
export type OpenQuerySummary = z.infer<typeof openQuerySummarySchema>;

/** What signing off will do (and, after it, what it did). */
export const signOffSummarySchema = z.object({
  quarter: quarterSummarySchema,
  /** Signing off a reopened part of a signed-off quarter: what is reopened. Empty for the whole quarter. */
  parts: z.array(reopeningSchema),
  /** Days from today to the due date: positive before it, 0 on it, negative after. */
  daysBeforeDue: z.int(),
  submitted: z.int(),
  /** No-data returns by reason, as they stand. */
  noData: z.record(z.string(), z.int()),
  /** Missing and draft returns: recorded as "No data provided" by the sign-off. */
  notProvided: z.array(outstandingReturnSchema),
  /** Implausible figures their owners confirmed, to query before signing off. */
  outliers: z.array(confirmedOutlierSummarySchema),
  /** Implausible figures nobody confirmed: imported, or compared with a figure corrected since. */
  unconfirmedOutliers: z.array(confirmedOutlierSummarySchema),
  /** Queries raised and not yet closed. */
  openQueries: z.array(openQuerySummarySchema),
});
export type SignOffSummary = z.infer<typeof signOffSummarySchema>;

export const yearOverviewSchema = z.object({
  id: z.int(),
  label: z.string(),
  planYear: z.int(),
  startDate: z.string(),
  endDate: z.string(),
  quarters: z.array(
    z.extend(quarterSummarySchema, {
      expected: z.int(),
      received: z.int(),
      /** Every reopening of the quarter, newest first. */
      reopenings: z.array(reopeningSchema),
    }),
  ),
});
export type YearOverview = z.infer<typeof yearOverviewSchema>;

/** What creating a year did: the year, the one its framework was copied from, and how many indicators came with it. */
export const createdYearSchema = z.extend(yearRefSchema, { copiedFrom: z.nullable(z.string()), indicators: z.int() });
export type CreatedYear = z.infer<typeof createdYearSchema>;

export const newYearSchema = /* @__PURE__ */ z.strictObject({
  label: z.string({ error: "Enter the year's label" }).check(z.trim(), z.regex(/^\d{4}\/\d{2}$/, { error: "Enter the label like 2020/21" })),
  startDate: date("Enter the date the year starts"),
});
export type NewYear = z.input<typeof newYearSchema>;

/** Quarters by number, for a sentence: [1, 2, 3] → "Q1–Q3", [2] → "Q2", [1, 3] → "Q1, Q3". */
export function quarterRange(numbers: number[]): string {
  const contiguous = numbers.every((number, index) => index === 0 || number === numbers[index - 1]! + 1);
  return numbers.length > 1 && contiguous ? `Q${numbers[0]}–Q${numbers.at(-1)}` : numbers.map((number) => `Q${number}`).join(", ");
}
