// Automatic reminders: the job queue in PostgreSQL runs them; each step goes once, to exactly the
// organisations with outstanding returns, in the completeness screen's words.
import { createPrismaClient, type PrismaClient } from "@quarterly-returns/db";
import type { TestDatabase } from "@quarterly-returns/db/testing";
import { isOutstanding, londonDay, type Completeness } from "@quarterly-returns/shared";
import { describeProgress } from "@quarterly-returns/shared/progress-words";
import type { ParsedMail } from "mailparser";
import { describe, expect, it } from "vitest";
import { buildApp, type App } from "../src/app.ts";
import { as, signIn, testConfig } from "./helper.ts";
import { cleanups, database, DAY, dayFromToday, runReminders, smtpServer } from "./reminder-support.ts";
import type { TestSmtpServer } from "./smtp.ts";

const today = () => londonDay();
const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** The app as the server runs it, reminders on. */
async function server(db: { url: string }, prisma: PrismaClient, smtp: TestSmtpServer | null): Promise<App> {
  const app = await buildApp({ config: await testConfig({ automaticReminders: true, smtpUrl: smtp?.url ?? null }), prisma, databaseUrl: db.url });
  cleanups.push(() => app.close());
  await app.ready();
  return app;
}

async function openQuarter(prisma: PrismaClient) {
  return prisma.quarter.findFirstOrThrow({ where: { status: "OPEN" } });
}

async function setDueDate(prisma: PrismaClient, day: string) {
  const quarter = await openQuarter(prisma);
  await prisma.quarter.update({ where: { id: quarter.id }, data: { dueDate: asDate(day) } });
  return quarter.id;
}

/** What the completeness screen shows, from an app that sends no reminders. */
async function completeness(db: TestDatabase, quarterId: number): Promise<Completeness> {
  const app = await buildApp({ config: await testConfig(), prisma: db.prisma, databaseUrl: db.url });
  try {
    const manager = as(app, await signIn(app, "manager@demo.test"));
    return (await manager.get(`/api/quarters/${quarterId}/completeness`)).json();
  } finally {
    await app.close();
  }
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Runs of the reminder job the queue has finished. */
async function finishedRuns(db: TestDatabase): Promise<number> {
  const { rows } = await db.sql.query("SELECT count(*)::int AS runs FROM pgboss.job WHERE name = 'send-reminders' AND state = 'completed'");
  return rows[0].runs;
}

const linesIn = (mail: ParsedMail) => mail.text!.split("\n").filter((line) => line.startsWith("- "));
const refsIn = (mail: ParsedMail) => [...mail.text!.matchAll(/^- (\d\.\d) /gm)].map((match) => match[1]);
const addressesOf = (field: ParsedMail["to"] | ParsedMail["cc"]) => (Array.isArray(field) ? field : field ? [field] : []).flatMap((entry) => entry.value.map((address) => address.address));

describe("a step of the schedule, run by the job queue when the server starts", () => {
  it("reminds exactly the organisations with outstanding returns of exactly those, in the screen's words, from the data owners' inbox down", async () => {
    const db = await database();
    const smtp = await smtpServer();
    // 7 days before the due date: today's step; the quarter's opening day passed long ago.
    const quarterId = await setDueDate(db.prisma, dayFromToday(7));
    const before = await completeness(db, quarterId);

    await server(db, db.prisma, smtp);
    await until(async () => (await db.prisma.reminder.count({ where: { outcome: "SENT" } })) === 1, "the reminder");
    const outstanding = before.organisations.filter((entry) => entry.outstanding > 0);
    await until(async () => smtp.received.length === outstanding.length, "the e-mails");

    const reminders = await db.prisma.reminder.findMany({ orderBy: { dueOn: "asc" } });
    expect(reminders.map((reminder) => [reminder.trigger, reminder.dueOn.toISOString().slice(0, 10), reminder.outcome])).toEqual([
      ["SCHEDULE", "2020-04-01", "SUPERSEDED"],
      ["SCHEDULE", today(), "SENT"],
    ]);

    const owners = await db.prisma.user.findMany({ where: { role: "DATA_OWNER" }, include: { organisation: true } });
    for (const entry of outstanding) {
      const owner = owners.find((user) => user.organisationId === entry.organisation.id)!;
      const mail = smtp.received.find((candidate) => addressesOf(candidate.to).includes(owner.email));
      expect(mail, entry.organisation.name).toBeDefined();
      const cells = entry.cells.filter((cell) => isOutstanding(cell.progress));
      const listed = cells.map((cell) => `- ${cell.indicator.ref ? `${cell.indicator.ref} ` : ""}${cell.indicator.title}: ${describeProgress(cell)}${cell.progress.overdue ? ", overdue" : ""}`);
      expect(linesIn(mail!)).toEqual(listed);
      expect(mail!.text).not.toContain("Not started");
      expect(mail!.text).toContain(`Dear ${owner.name},`);
      expect(mail!.text).toContain("This reminder was sent automatically");
      expect(mail!.cc).toBeUndefined();
    }

    const chases = await db.prisma.chase.findMany({ include: { items: true } });
    expect(chases).toHaveLength(outstanding.length);
    expect(chases.every((chase) => chase.sentById === null && chase.reminderId === reminders[1]!.id && chase.deliveryStatus === "SENT")).toBe(true);
    const history = (await completeness(db, quarterId)).organisations.find((entry) => entry.outstanding > 0)!.lastChase!;
    expect(history.sentBy).toBeNull();
    const audit = await db.prisma.auditEvent.findMany({ where: { action: "chase.send" } });
    expect(audit).toHaveLength(outstanding.length);
    expect(audit[0]!.actorId).toBeNull();
    expect(audit[0]!.after).toMatchObject({ by: "Automatic reminders", deliveryStatus: "SENT" });
  });

  it("is sent once: not again when the server restarts, nor by two servers on one database", async () => {
    const db = await database();
    const smtp = await smtpServer();
    await setDueDate(db.prisma, dayFromToday(-3)); // 3 days after the due date: today's step

    await server(db, db.prisma, smtp);
    await until(async () => (await finishedRuns(db)) >= 1 && (await db.prisma.reminder.count({ where: { outcome: "SENT" } })) === 1, "the first run");
    const sent = smtp.received.length;
    expect(sent).toBeGreaterThan(0);
    await cleanups.pop()!();

    // Restarted, twice over at the same moment: two servers on the same database.
    const second = createPrismaClient(db.url, { poolSize: 4 });
    cleanups.push(() => second.$disconnect());
    const runsBefore = await finishedRuns(db);
    await Promise.all([server(db, db.prisma, smtp), server(db, second, smtp)]);
    await until(async () => (await finishedRuns(db)) > runsBefore, "a run after the restart");
    // And the job's own work run by both at the very same time, the queue aside: the database decides.
    await Promise.all([runReminders(db.prisma, smtp.url), runReminders(second, smtp.url)]);

    expect(smtp.received).toHaveLength(sent);
    expect(await db.prisma.chase.count()).toBe(sent);
    expect(await db.prisma.reminder.count({ where: { trigger: "SCHEDULE", outcome: "SENT" } })).toBe(1);
  });

  it("copies an overdue reminder to the organisation's lead contact", async () => {
    const db = await database();
    const smtp = await smtpServer();
    await setDueDate(db.prisma, dayFromToday(-3));
    await db.prisma.organisation.update({ where: { shortName: "Fire" }, data: { contactEmail: "station.manager@fire.example", contactName: "Station Manager" } });

    await runReminders(db.prisma, smtp.url);

    const fire = smtp.received.find((mail) => addressesOf(mail.to).includes("fire@demo.test"))!;
    expect(addressesOf(fire.cc)).toEqual(["station.manager@fire.example"]);
    expect(fire.text).toContain("Dear Maria Watson,");
    expect(fire.text).toMatch(/: Missing, overdue\n/);
    const chase = await db.prisma.chase.findFirstOrThrow({ where: { organisation: { shortName: "Fire" } } });
    expect(chase).toMatchObject({ recipient: "fire@demo.test", copyTo: "station.manager@fire.example" });
    expect(smtp.received.filter((mail) => mail.cc)).toHaveLength(1);

    // The manager's own chase follows the same rule.
    const app = await buildApp({ config: await testConfig(), prisma: db.prisma, databaseUrl: db.url });
    cleanups.push(() => app.close());
    const manager = as(app, await signIn(app, "manager@demo.test"));
    const [preview] = (await manager.post("/api/chases/preview", { quarterId: chase.quarterId, organisationId: chase.organisationId })).json().chases;
    expect(preview).toMatchObject({ recipient: "fire@demo.test", copyTo: "station.manager@fire.example" });
  });

  it("records reminders as not sent when e-mail is not set up", async () => {
    const db = await database();
    const quarterId = await setDueDate(db.prisma, dayFromToday(-3));
    await runReminders(db.prisma, null);
    const chases = await db.prisma.chase.findMany({ where: { quarterId } });
    expect(chases.length).toBeGreaterThan(0);
    expect(chases.every((chase) => chase.deliveryStatus === "NOT_SENT")).toBe(true);

  });

  it("sends nothing for a quarter that is not open", async () => {
    const db = await database();
    const quarterId = await setDueDate(db.prisma, dayFromToday(-3));
    await db.prisma.quarter.update({ where: { id: quarterId }, data: { status: "PLANNED" } });
    await runReminders(db.prisma, null);
    expect(await db.prisma.reminder.count()).toBe(0);
    expect(await db.prisma.chase.count()).toBe(0);
  });
});

describe("a 'not yet available' date passing", () => {
  it("reminds that organisation once, listing its outstanding returns", async () => {
    const db = await database();
    const smtp = await smtpServer();
    const quarterId = await setDueDate(db.prisma, dayFromToday(20));
    // Only a step in the future: the schedule sends nothing today.
    await db.prisma.reminderStep.create({ data: { quarterId, sendOn: asDate(dayFromToday(13)) } });
    await db.prisma.quarter.update({ where: { id: quarterId }, data: { remindersSetAt: new Date() } });
    const crc = await db.prisma.organisation.findUniqueOrThrow({ where: { shortName: "CRC" } });
    const indicator = await db.prisma.indicator.findFirstOrThrow({ where: { ownerOrganisationId: crc.id, priority: { year: { quarters: { some: { id: quarterId } } } } }, orderBy: { sortOrder: "asc" } });
    const owner = await db.prisma.user.findUniqueOrThrow({ where: { email: "crc@demo.test" } });
    await db.prisma.return.deleteMany({ where: { quarterId, indicatorId: indicator.id } });
    await db.prisma.return.create({
      data: { indicatorId: indicator.id, quarterId, createdById: owner.id, updatedById: owner.id, submittedById: owner.id, submittedAt: new Date(Date.now() - 5 * DAY), status: "NO_DATA", noDataReason: "NOT_YET_AVAILABLE", availableFrom: asDate(dayFromToday(-1)) },
    });

    await runReminders(db.prisma, smtp.url);
    await runReminders(db.prisma, smtp.url);

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(addressesOf(mail.to)).toEqual(["crc@demo.test"]);
    const reminder = await db.prisma.reminder.findFirstOrThrow({ where: { trigger: "EXPECTED_DATE" } });
    expect(reminder).toMatchObject({ organisationId: crc.id, outcome: "SENT" });
    expect(reminder.dueOn.toISOString().slice(0, 10)).toBe(dayFromToday(-1));
    const expected = (await db.prisma.chase.findFirstOrThrow({ where: { reminderId: reminder.id }, include: { items: { include: { indicator: true } } } })).items;
    expect(mail.text).toContain(`${indicator.ref} ${indicator.title}: Expected `);
    expect(refsIn(mail)).toEqual(expected.map((item) => item.indicator.ref).sort());
    expect(await db.prisma.reminder.count({ where: { trigger: "SCHEDULE" } })).toBe(0);
  });
});

describe("the reminder schedule the manager sets", () => {
  it("starts with the defaults, takes the manager's days, and runs them", async () => {
    const db = await database();
    const quarterId = await setDueDate(db.prisma, "2026-05-20");
    const app = await buildApp({ config: await testConfig(), prisma: db.prisma, databaseUrl: db.url });
    cleanups.push(() => app.close());
    const manager = as(app, await signIn(app, "manager@demo.test"));

    const defaults = (await manager.get(`/api/quarters/${quarterId}/reminder-schedule`)).json();
    expect(defaults).toMatchObject({ custom: false, running: false, mailConfigured: false });
    expect(defaults.steps.map((step: { day: string; description: string }) => [step.day, step.description])).toEqual([
      ["2020-04-01", "When the quarter opens (the day after it ends)"],
      ["2026-05-13", "7 days before the due date"],
      ["2026-05-20", "On the due date"],
      ["2026-05-23", "3 days after the due date"],
    ]);

    const saved = await manager.put(`/api/quarters/${quarterId}/reminder-schedule`, { days: ["2026-05-06", "2026-05-19"] });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ custom: true, steps: [{ day: "2026-05-06", description: "14 days before the due date", outcome: null }, { day: "2026-05-19", description: "1 day before the due date" }] });
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "reminders.schedule" } });
    expect(audit.after).toEqual({ days: ["2026-05-06", "2026-05-19"] });

    // On 19 May only the second is sent: the first is recorded as passed over.
    await runReminders(db.prisma, null, new Date("2026-05-19T09:00:00Z"));
    const steps = (await manager.get(`/api/quarters/${quarterId}/reminder-schedule`)).json().steps;
    expect(steps.map((step: { outcome: string | null }) => step.outcome)).toEqual(["SUPERSEDED", "SENT"]);
    expect(steps[1].chased).toBeGreaterThan(0);
    // E-mail is not set up here: the schedule says none of them went.
    expect(steps[1].notDelivered).toBe(steps[1].chased);

    // None at all is a schedule too.
    expect((await manager.put(`/api/quarters/${quarterId}/reminder-schedule`, { days: [] })).json()).toMatchObject({ custom: true, steps: [] });
  });

  it("refuses days that are not real, out of order, repeated, before the quarter ends or long after it is due, naming each", async () => {
    const db = await database();
    const quarterId = await setDueDate(db.prisma, "2026-05-20");
    const app = await buildApp({ config: await testConfig(), prisma: db.prisma, databaseUrl: db.url });
    cleanups.push(() => app.close());
    const manager = as(app, await signIn(app, "manager@demo.test"));
    const put = (days: string[]) => manager.put(`/api/quarters/${quarterId}/reminder-schedule`, { days });

    const problems = await put(["2026-02-30", "2020-03-31", "2026-05-10", "2026-05-10", "2026-05-01", "2026-09-01"]);
    expect(problems.statusCode).toBe(400);
    expect(problems.json().fields).toEqual({
      "days.0": "Reminder 1 must be a real date, like 14 4 2020",
      "days.1": "Reminder 2 must be after 31 Mar 2020, when the quarter ends",
      "days.3": "Reminder 4 is on the same day as reminder 3: choose another day or remove it",
      "days.4": "Reminder 5 must be after reminder 4 (10 May 2026): list the reminders in date order",
      "days.5": "Reminder 6 must be no later than 18 Aug 2026, 90 days after the due date",
    });
    expect((await put(Array.from({ length: 11 }, (_, index) => `2026-05-${String(index + 1).padStart(2, "0")}`))).json().message).toBe("Set no more than 10 reminders");
    expect(await db.prisma.reminderStep.count()).toBe(0);

    const owner = as(app, await signIn(app, "fire@demo.test"));
    expect((await owner.put(`/api/quarters/${quarterId}/reminder-schedule`, { days: [] })).statusCode).toBe(403);
    const closed = await db.prisma.quarter.findFirstOrThrow({ where: { status: "CLOSED" } });
    const refused = await manager.put(`/api/quarters/${closed.id}/reminder-schedule`, { days: [] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe("This quarter is signed off: it gets no reminders. Reopen it first if returns are still needed.");
  });
});

describe("the database's part", () => {
  it("refuses a second record of the same reminder, and the app's role may only use the queue's rows", async () => {
    const db = await database();
    const quarter = await openQuarter(db.prisma);
    const insert = () => db.sql.query(`INSERT INTO reminders (quarter_id, "trigger", due_on, outcome) VALUES ($1, 'SCHEDULE', '2026-05-01', 'SENT')`, [quarter.id]);
    await insert();
    await expect(insert()).rejects.toThrow(/reminders_once/);
    await expect(
      db.sql.query(`INSERT INTO chases (quarter_id, organisation_id, recipient, subject, body, delivery_status, delivery_error) SELECT $1, id, 'a@b.test', 's', 'b', 'NOT_SENT', 'x' FROM organisations LIMIT 1`, [quarter.id]),
    ).rejects.toThrow(/chases_sent_by_person_or_reminder/);
    await expect(db.sql.query("CREATE TABLE pgboss.anything (id int)")).rejects.toThrow(/permission denied/);
    await expect(db.sql.query("TRUNCATE pgboss.job")).rejects.toThrow(/permission denied/);
    await expect(db.sql.query("SELECT count(*) FROM pgboss.queue")).resolves.toBeDefined();
  });
});
