// A quarter's automatic reminders: the days they go out, as the manager sets them.
import { z } from "../zod.ts";
import { formatDate } from "../dates.ts";
import { QUARTER_STATUSES } from "../enums.ts";
import { isRealDate } from "../returns.ts";

export const REMINDER_OUTCOMES = ["SENT", "NOTHING_OUTSTANDING", "SUPERSEDED", "ALREADY_CHASED"] as const;
export type ReminderOutcome = (typeof REMINDER_OUTCOMES)[number];

export const REMINDER_OUTCOME_WORDS: Record<ReminderOutcome, string> = {
  SENT: "Reminded",
  NOTHING_OUTSTANDING: "Not needed: nothing was outstanding",
  SUPERSEDED: "Skipped: a later reminder was due by then",
  ALREADY_CHASED: "Skipped: already chased",
};

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The most reminders one quarter's schedule may have. */
export const MAX_REMINDER_STEPS = 10;
/** How long after the due date reminders may still be set. */
export const REMINDERS_AFTER_DUE_DAYS = 90;

/** "When the quarter opens", "7 days before the due date", "On the due date", "3 days after the due date". */
export function describeReminderDay(day: string, quarter: { endDate: string; dueDate: string }): string {
  if (day === addDays(quarter.endDate, 1)) return "When the quarter opens (the day after it ends)";
  const dueDate = quarter.dueDate;
  const days = Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`)) / 86_400_000);
  if (days === 0) return "On the due date";
  const count = Math.abs(days) === 1 ? "1 day" : `${Math.abs(days)} days`;
  return `${count} ${days < 0 ? "before" : "after"} the due date`;
}

/**
 * What is wrong with each day of a schedule, by its place in the list (0-based), in the order the
 * manager reads them: a real date, after the quarter ends, not long after the due date, each
 * after the one before.
 */
export function reminderScheduleProblems(days: string[], quarter: { endDate: string; dueDate: string }): Map<number, string> {
  const problems = new Map<number, string>();
  const latest = addDays(quarter.dueDate, REMINDERS_AFTER_DUE_DAYS);
  days.forEach((day, index) => {
    const name = `Reminder ${index + 1}`;
    const previous = days[index - 1];
    if (!isRealDate(day)) problems.set(index, `${name} must be a real date, like 14 4 2020`);
    else if (day <= quarter.endDate) problems.set(index, `${name} must be after ${formatDate(quarter.endDate)}, when the quarter ends`);
    else if (day > latest) problems.set(index, `${name} must be no later than ${formatDate(latest)}, ${REMINDERS_AFTER_DUE_DAYS} days after the due date`);
    else if (previous !== undefined && isRealDate(previous) && day === previous) problems.set(index, `${name} is on the same day as reminder ${index}: choose another day or remove it`);
    else if (previous !== undefined && isRealDate(previous) && day < previous) problems.set(index, `${name} must be after reminder ${index} (${formatDate(previous)}): list the reminders in date order`);
  });
  return problems;
}

export const setReminderScheduleSchema = z.strictObject({
  /** The days reminders go out (YYYY-MM-DD), in order; none: no automatic reminders this quarter. */
  days: z.array(z.string()).check(z.maxLength(MAX_REMINDER_STEPS, { error: `Set no more than ${MAX_REMINDER_STEPS} reminders` })),
});
export type SetReminderSchedule = z.input<typeof setReminderScheduleSchema>;

export const reminderStepSchema = z.object({
  day: z.string(),
  /** Its place against the due date, in words. */
  description: z.string(),
  /** What the job did on that day; null: not yet. */
  outcome: z.nullable(z.enum(REMINDER_OUTCOMES)),
  ranAt: z.nullable(z.string()),
  /** How many organisations it chased. */
  chased: z.int(),
  /** How many of those chases' e-mails did not go: the mail server failed, or e-mail is not set up. */
  notDelivered: z.int(),
  /** How many of those will be tried again by the reminder job (core/chasing/retries.ts). */
  retrying: z.int(),
});
export type ReminderStep = z.infer<typeof reminderStepSchema>;

export const reminderScheduleSchema = z.object({
  // Not the whole quarter summary: its schema would then load with the data owner's pages.
  quarter: z.object({ id: z.int(), name: z.string(), endDate: z.string(), dueDate: z.string(), status: z.enum(QUARTER_STATUSES) }),
  /** False: the defaults (when the quarter opens, 7 days before the due date, on it, 3 days after). */
  custom: z.boolean(),
  steps: z.array(reminderStepSchema),
  /** Whether this server sends automatic reminders at all (AUTOMATIC_REMINDERS). */
  running: z.boolean(),
  /** Whether reminders are e-mailed (SMTP_URL is set) or only recorded. */
  mailConfigured: z.boolean(),
});
export type ReminderSchedule = z.infer<typeof reminderScheduleSchema>;
