// A quarter's reminder schedule: the days its automatic reminders go out. The manager sets them;
// until then, the defaults: when the quarter opens, 7 days before the due date, on it, 3 days after.
import {
  describeReminderDay,
  reminderScheduleProblems,
  type ReminderSchedule,
  type SetReminderSchedule,
} from "@quarterly-returns/shared/reminders";
import { isoDate } from "../../lib/dates.ts";
import { authorize } from "../access.ts";
import { transaction, type Context, type Db } from "../context.ts";
import { invalid, ServiceError } from "../errors.ts";
import { findQuarter, toQuarterSummary } from "../quarters/summary.ts";
import { MAX_ATTEMPTS } from "./retries.ts";

const addDays = (day: string, days: number) => isoDate(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));

/**
 * The defaults. "When the quarter opens" is the day after it ends, when its returns can first be
 * made: a quarter opened later gets it when it opens, since the job sends a due step as soon as
 * the quarter is open.
 */
export function defaultReminderDays(quarter: { endDate: string; dueDate: string }): string[] {
  const days = [addDays(quarter.endDate, 1), addDays(quarter.dueDate, -7), quarter.dueDate, addDays(quarter.dueDate, 3)];
  return [...new Set(days)].filter((day) => day > quarter.endDate).sort();
}

interface QuarterDates {
  id: number;
  endDate: Date;
  dueDate: Date;
  remindersSetAt: Date | null;
}

/** The days a quarter's reminders go out, in order: the manager's, or the defaults. */
export async function reminderDaysOf(db: Db, quarter: QuarterDates): Promise<string[]> {
  if (!quarter.remindersSetAt) return defaultReminderDays({ endDate: isoDate(quarter.endDate), dueDate: isoDate(quarter.dueDate) });
  const steps = await db.reminderStep.findMany({ where: { quarterId: quarter.id }, orderBy: { sendOn: "asc" } });
  return steps.map((step) => isoDate(step.sendOn));
}

export async function getReminderSchedule(context: Context, quarterId: number, running: boolean): Promise<ReminderSchedule> {
  await authorize(context, "chase");
  const quarter = await findQuarter(context.db, quarterId);
  const days = await reminderDaysOf(context.db, quarter);
  const reminders = await context.db.reminder.findMany({
    where: { quarterId, trigger: "SCHEDULE" },
    include: { chases: { select: { deliveryStatus: true, attempts: true } } },
  });
  const summary = toQuarterSummary(quarter);
  return {
    quarter: { id: summary.id, name: summary.name, endDate: summary.endDate, dueDate: summary.dueDate, status: summary.status },
    custom: quarter.remindersSetAt !== null,
    steps: days.map((day) => {
      const reminder = reminders.find((candidate) => isoDate(candidate.dueOn) === day);
      return {
        day,
        description: describeReminderDay(day, summary),
        outcome: reminder?.outcome ?? null,
        ranAt: reminder?.ranAt.toISOString() ?? null,
        chased: reminder?.chases.length ?? 0,
        notDelivered: reminder?.chases.filter((chase) => chase.deliveryStatus !== "SENT").length ?? 0,
        retrying: context.mailer.configured ? (reminder?.chases.filter(willBeRetried).length ?? 0) : 0,
      };
    }),
    running,
    mailConfigured: context.mailer.configured,
  };
}

/** A failed e-mail with attempts left: the job tries it again while its organisation still owes returns. */
const willBeRetried = (chase: { deliveryStatus: string; attempts: number }) => chase.deliveryStatus === "FAILED" && chase.attempts < MAX_ATTEMPTS;

/** The manager sets the days; each must be real, after the quarter ends, and after the one before. */
export async function setReminderSchedule(context: Context, quarterId: number, input: SetReminderSchedule, running: boolean): Promise<ReminderSchedule> {
  await authorize(context, "chase");
  await transaction(context, async (tx) => {
    const quarter = await findQuarter(tx.db, quarterId);
    if (quarter.status === "CLOSED") throw new ServiceError(409, "This quarter is signed off: it gets no reminders. Reopen it first if returns are still needed.");
    const problems = reminderScheduleProblems(input.days, { endDate: isoDate(quarter.endDate), dueDate: isoDate(quarter.dueDate) });
    if (problems.size) throw invalid(Object.fromEntries([...problems].map(([index, message]) => [`days.${index}`, message])));
    const before = await reminderDaysOf(tx.db, quarter);
    await tx.db.reminderStep.deleteMany({ where: { quarterId } });
    await tx.db.reminderStep.createMany({ data: input.days.map((day) => ({ quarterId, sendOn: new Date(`${day}T00:00:00Z`) })) });
    await tx.db.quarter.update({ where: { id: quarterId }, data: { remindersSetAt: tx.now() } });
    await tx.audit({ action: "reminders.schedule", entityType: "quarter", entityId: quarterId, quarterId, before: { days: before }, after: { days: input.days } });
  });
  return getReminderSchedule(context, quarterId, running);
}
