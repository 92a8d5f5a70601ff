// Automatic reminders. Each day of an open quarter's schedule, and each "not yet available" date
// that passes, chases the organisations with outstanding returns, listing exactly those, like a
// manual chase; once, whichever server's job gets there first (a unique index on reminders).
// A server that starts after several days of the schedule have passed sends only the latest and
// records the others as superseded: nobody gets a pile of stale reminders. Reminders whose e-mail
// failed are tried again by later runs (retries.ts).
import { londonDay, type Completeness, type OrganisationCompleteness } from "@quarterly-returns/shared";
import type { ReminderOutcome, ReminderTrigger } from "@quarterly-returns/db";
import { isoDate } from "../../lib/dates.ts";
import type { Context, SystemActor } from "../context.ts";
import { composeFor, recordChase } from "./chases.ts";
import { getCompleteness } from "./completeness.ts";
import { dataOwnersOf } from "./recipients.ts";
import { retryFailedReminders } from "./retries.ts";
import { reminderDaysOf } from "./schedule.ts";

/** Who sends them, in the audit log; the chase history says "Sent automatically". */
export const AUTOMATIC_REMINDERS: SystemActor = { kind: "system", name: "Automatic reminders" };

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

interface ReminderKey {
  quarterId: number;
  trigger: ReminderTrigger;
  dueOn: string;
  organisationId: number | null;
}

/** Sends every reminder due by today in every open quarter, and tries failed ones again. Run by the job queue each minute. */
export async function sendDueReminders(context: Context): Promise<void> {
  const today = londonDay(context.now());
  const quarters = await context.db.quarter.findMany({ where: { status: "OPEN" }, orderBy: { id: "asc" } });
  for (const quarter of quarters) {
    await remindOnSchedule(context, quarter, today);
    await remindOnExpectedDates(context, quarter.id);
  }
  await retryFailedReminders(context);
}

async function remindOnSchedule(context: Context, quarter: Parameters<typeof reminderDaysOf>[1], today: string): Promise<void> {
  const due = (await reminderDaysOf(context.db, quarter)).filter((candidate) => candidate <= today);
  if (!due.length) return;
  const done = await doneDays(context, { quarterId: quarter.id, trigger: "SCHEDULE", organisationId: null });
  const latest = due.at(-1)!;
  await supersede(context, { quarterId: quarter.id, trigger: "SCHEDULE", organisationId: null }, due.slice(0, -1).filter((candidate) => !done.has(candidate)));
  if (done.has(latest)) return;
  const completeness = await getCompleteness(context, quarter.id);
  await remind(context, completeness, { quarterId: quarter.id, trigger: "SCHEDULE", dueOn: latest, organisationId: null }, (entry) => entry.outstanding > 0);
}

/** An owner said their figures would come on a date; once it passes, they are reminded of it. */
async function remindOnExpectedDates(context: Context, quarterId: number): Promise<void> {
  const completeness = await getCompleteness(context, quarterId);
  const reminded = await context.db.reminder.findMany({ where: { quarterId, trigger: "EXPECTED_DATE" }, select: { organisationId: true, dueOn: true } });
  for (const entry of completeness.organisations) {
    const passed = [
      ...new Set(entry.cells.filter((cell) => cell.progress.state === "EXPECTED" && cell.progress.overdue).map((cell) => cell.progress.expectedOn!)),
    ].sort();
    if (!passed.length) continue;
    const key = { quarterId, trigger: "EXPECTED_DATE" as const, organisationId: entry.organisation.id };
    const done = new Set(reminded.filter((reminder) => reminder.organisationId === entry.organisation.id).map((reminder) => isoDate(reminder.dueOn)));
    const latest = passed.at(-1)!;
    await supersede(context, key, passed.slice(0, -1).filter((candidate) => !done.has(candidate)));
    if (done.has(latest)) continue;
    // Chased since the date passed, by hand or on the schedule: no second reminder for it.
    if (entry.lastChase && londonDay(entry.lastChase.sentAt) > latest) {
      await claim(context, { ...key, dueOn: latest }, "ALREADY_CHASED");
      continue;
    }
    // Chasing one organisation changes nothing the others' entries say, so the one reading serves them all.
    await remind(context, completeness, { ...key, dueOn: latest }, (candidate) => candidate.organisation.id === entry.organisation.id);
  }
}

async function doneDays(context: Context, key: Omit<ReminderKey, "dueOn">): Promise<Set<string>> {
  const reminders = await context.db.reminder.findMany({ where: key, select: { dueOn: true } });
  return new Set(reminders.map((reminder) => isoDate(reminder.dueOn)));
}

async function supersede(context: Context, key: Omit<ReminderKey, "dueOn">, days: string[]): Promise<void> {
  if (!days.length) return;
  await context.db.reminder.createMany({ data: days.map((dueOn) => ({ ...key, dueOn: day(dueOn), outcome: "SUPERSEDED" as const })), skipDuplicates: true });
}

/** Records the reminder, unless it already is: the id when this server is the one to send it. */
async function claim(context: Context, key: ReminderKey, outcome: ReminderOutcome): Promise<number | null> {
  const [created] = await context.db.reminder.createManyAndReturn({ data: [{ ...key, dueOn: day(key.dueOn), outcome, ranAt: context.now() }], skipDuplicates: true });
  return created?.id ?? null;
}

/** Chases each organisation chosen, after claiming the reminder: a server that loses the claim sends nothing. */
async function remind(context: Context, completeness: Completeness, key: ReminderKey, chosen: (entry: OrganisationCompleteness) => boolean): Promise<void> {
  const entries = completeness.organisations.filter((entry) => entry.outstanding > 0 && chosen(entry));
  const owners = await dataOwnersOf(context.db, entries.map((entry) => entry.organisation.id));
  const messages = entries.map((entry) => composeFor(completeness, entry, owners.get(entry.organisation.id) ?? [], null, context));
  for (const message of messages.filter((candidate) => candidate.skipped === "NO_CONTACT")) {
    context.log.warn({ organisationId: message.organisation.id }, `${message.organisation.name} has no data owners and no contact email address: it was not reminded`);
  }
  const sendable = messages.filter((message) => message.skipped !== "NO_CONTACT");
  const reminderId = await claim(context, key, sendable.length ? "SENT" : "NOTHING_OUTSTANDING");
  if (reminderId === null) return;
  for (const message of sendable) await recordChase(context, { quarterId: key.quarterId, message, sentById: null, reminderId });
}
