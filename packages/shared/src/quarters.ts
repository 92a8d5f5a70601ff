import { z } from "./zod.ts";
import type { OrganisationRef } from "./refs.ts";
import { isRealDate, type QuarterSummary } from "./returns.ts";

const date = (missing: string) =>
  z.string({ error: missing }).check(z.minLength(1, { error: missing }), z.refine(isRealDate, { error: "Enter a real date" }));

/** An admin sets a quarter's due date, and opens a planned quarter for entry. */
export const updateQuarterSchema = z
  .strictObject({ dueDate: z.optional(date("Enter the due date")), open: z.optional(z.literal(true)) })
  .check(z.refine((change) => change.dueDate !== undefined || change.open !== undefined, { error: "Say what to change" }));
export type UpdateQuarter = z.input<typeof updateQuarterSchema>;

/** Signing off is an e-signature: the admin enters their password again. */
export const signOffSchema = z.strictObject({
  password: z.string({ error: "Enter your password to sign off" }).check(z.minLength(1, { error: "Enter your password to sign off" })),
});
export type SignOff = z.input<typeof signOffSchema>;

export const reopenSchema = z.strictObject({
  reason: z.string({ error: "Say why the quarter is being reopened" }).check(
    z.trim(),
    z.minLength(1, { error: "Say why the quarter is being reopened" }),
    z.maxLength(1000, { error: "Keep the reason to 1000 characters or fewer" }),
  ),
});
export type Reopen = z.input<typeof reopenSchema>;

export interface OutstandingReturn {
  indicatorId: number;
  ref: string | null;
  title: string;
  organisation: OrganisationRef;
  /** "Not started" or "Draft". */
  state: string;
}

/** What signing off will do (and, after it, what it did). */
export interface SignOffSummary {
  quarter: QuarterSummary;
  submitted: number;
  /** No-data returns by reason, as they stand. */
  noData: Record<string, number>;
  /** Missing and draft returns: recorded as "No data provided" by the sign-off. */
  notProvided: OutstandingReturn[];
}

export interface YearOverview {
  id: number;
  label: string;
  planYear: number;
  startDate: string;
  endDate: string;
  quarters: (QuarterSummary & { expected: number; received: number; reopenedAt: string | null; reopenReason: string | null })[];
}

export const newYearSchema = z.strictObject({
  label: z.string({ error: "Enter the year's label" }).check(z.trim(), z.regex(/^\d{4}\/\d{2}$/, { error: "Enter the label like 2020/21" })),
  startDate: date("Enter the date the year starts"),
});
export type NewYear = z.input<typeof newYearSchema>;
