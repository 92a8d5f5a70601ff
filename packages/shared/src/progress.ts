// Where a return stands, one definition for every screen, the chase emails, completeness and the
// report: the API and the web app both ask here.
import { z } from "./zod.ts";
import type { NoDataReason, ReturnStatus } from "./enums.ts";

export const PROGRESS_STATES = ["MISSING", "DRAFT", "EXPECTED", "IN", "NOT_PROVIDED"] as const;
/**
 * MISSING: nothing entered. DRAFT: being worked on. EXPECTED: "not available yet", with the date
 * the figures are expected. IN: submitted, or no data for a reason that answers for the quarter
 * (not released, no update). NOT_PROVIDED: closed without data by the manager or at sign-off.
 */
export type ProgressState = (typeof PROGRESS_STATES)[number];

export const progressSchema = z.object({
  state: z.enum(PROGRESS_STATES),
  /** Missing or a draft after the due date; expected after its own date. */
  overdue: z.boolean(),
  /** In, but after the due date. */
  late: z.boolean(),
  /** The day an expected return's figures are due (YYYY-MM-DD). */
  expectedOn: z.nullable(z.string()),
});
export type Progress = z.infer<typeof progressSchema>;

/** What progress is read from: a return (or none), the quarter's due date, and today. */
export interface ProgressFacts {
  status: ReturnStatus;
  noData: { reason: NoDataReason; availableFrom: string | null } | null;
  /** ISO timestamp. */
  submittedAt: string | null;
}

// Made once, on first use: making a formatter costs far more than using one.
let londonDays: Intl.DateTimeFormat | undefined;

/** Today, or the day of `at`, in the partnership's time zone (YYYY-MM-DD): due dates are days in England. */
export function londonDay(at: Date | string = new Date()): string {
  return (londonDays ??= new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" })).format(new Date(at));
}

export function progressOf(record: ProgressFacts | null, dueDate: string, today: string): Progress {
  if (!record) return { state: "MISSING", overdue: today > dueDate, late: false, expectedOn: null };
  if (record.status === "DRAFT") return { state: "DRAFT", overdue: today > dueDate, late: false, expectedOn: null };
  const reason = record.noData?.reason;
  if (reason === "NOT_PROVIDED") return { state: "NOT_PROVIDED", overdue: false, late: false, expectedOn: null };
  if (reason === "NOT_YET_AVAILABLE") {
    const expectedOn = record.noData!.availableFrom;
    return { state: "EXPECTED", overdue: expectedOn !== null && today > expectedOn, late: false, expectedOn };
  }
  return { state: "IN", overdue: false, late: record.submittedAt !== null && londonDay(record.submittedAt) > dueDate, expectedOn: null };
}

/** Still owed by the owner: missing, a draft, or expected. What a chase lists. */
export const isOutstanding = (progress: Progress) => progress.state === "MISSING" || progress.state === "DRAFT" || progress.state === "EXPECTED";

/** Nothing more is owed for the quarter: in, or closed as not provided. */
export const isDone = (progress: Progress) => !isOutstanding(progress);

/** Counted as received for completeness and timeliness. */
export const isReceived = (progress: Progress) => progress.state === "IN";
