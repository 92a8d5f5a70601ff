// A reminder whose e-mail failed is tried again by later runs of the job: the same e-mail, up to
// 3 attempts in all, after 10 minutes and then an hour, once across servers, and only while the
// organisation still owes returns in a quarter open to it.
import { createPrismaClient, type PrismaClient } from "@quarterly-returns/db";
import { describe, expect, it } from "vitest";
import { AUTOMATIC_REMINDERS } from "../src/core/chasing/reminders.ts";
import { getCompleteness } from "../src/core/chasing/completeness.ts";
import { getReminderSchedule } from "../src/core/chasing/schedule.ts";
import { offlineContext } from "../src/core/context.ts";
import { cleanups, database, dayFromToday, runReminders, smtpServer } from "./reminder-support.ts";
import { createMailer } from "../src/lib/mailer.ts";
import { startSmtpServer } from "./smtp.ts";

const MINUTE = 60_000;

/** The address of a mail server that is down: nothing listens there any more. */
async function mailServerDown(): Promise<string> {
  const smtp = await startSmtpServer();
  await smtp.close();
  return smtp.url;
}

/** The open quarter, 3 days past its due date: today's step of the schedule is due. */
async function quarterDueThreeDaysAgo(prisma: PrismaClient): Promise<number> {
  const quarter = await prisma.quarter.findFirstOrThrow({ where: { status: "OPEN" } });
  await prisma.quarter.update({ where: { id: quarter.id }, data: { dueDate: new Date(`${dayFromToday(-3)}T00:00:00Z`) } });
  return quarter.id;
}

const chasesOf = (prisma: PrismaClient) => prisma.chase.findMany({ orderBy: { id: "asc" } });
const later = (start: Date, ms: number) => new Date(start.getTime() + ms);

describe("a reminder sent while the mail server is down", () => {
  it("is recorded as failed, then sent again as it was after 10 minutes, once", async () => {
    const db = await database();
    const smtp = await smtpServer();
    await quarterDueThreeDaysAgo(db.prisma);
    const start = new Date();

    await runReminders(db.prisma, await mailServerDown(), start);
    const failed = await chasesOf(db.prisma);
    expect(failed.length).toBeGreaterThan(1);
    expect(failed.every((chase) => chase.deliveryStatus === "FAILED" && chase.attempts === 1 && chase.deliveryError)).toBe(true);

    // The server is back, but the wait is not over.
    await runReminders(db.prisma, smtp.url, later(start, 9 * MINUTE));
    expect(smtp.received).toHaveLength(0);

    const retriedAt = later(start, 10 * MINUTE);
    await runReminders(db.prisma, smtp.url, retriedAt);
    expect(smtp.received).toHaveLength(failed.length);
    for (const chase of failed) {
      const mail = smtp.received.find((candidate) => candidate.subject === chase.subject && candidate.text!.trim() === chase.body.trim() && JSON.stringify(candidate.to).includes(chase.recipient.split(",")[0]!));
      expect(mail, chase.recipient).toBeDefined();
    }
    const sent = await chasesOf(db.prisma);
    expect(sent.map((chase) => [chase.id, chase.deliveryStatus, chase.deliveryError, chase.attempts, chase.sentAt.getTime()])).toEqual(
      failed.map((chase) => [chase.id, "SENT", null, 2, retriedAt.getTime()]),
    );
    expect(await db.prisma.reminder.count({ where: { outcome: "SENT" } })).toBe(1); // the same reminder, not a new one
    const audit = await db.prisma.auditEvent.findMany({ where: { action: "chase.retry" } });
    expect(audit).toHaveLength(failed.length);
    expect(audit[0]!.after).toMatchObject({ by: "Automatic reminders", attempt: 2, deliveryStatus: "SENT" });

    // What the manager's screens read: the latest chase, sent on its 2nd attempt.
    const context = offlineContext({ db: db.prisma, actor: AUTOMATIC_REMINDERS, origin: "test" });
    const quarterId = failed[0]!.quarterId;
    const lastChase = (await getCompleteness(context, quarterId)).organisations.find((entry) => entry.organisation.id === failed[0]!.organisationId)!.lastChase;
    expect(lastChase).toMatchObject({ id: failed[0]!.id, deliveryStatus: "SENT", attempts: 2 });

    await runReminders(db.prisma, smtp.url, later(start, 3 * 60 * MINUTE));
    expect(smtp.received).toHaveLength(failed.length);
  });

  it("is sent again by one server only when two run the job at the same moment", async () => {
    const db = await database();
    const smtp = await smtpServer();
    await quarterDueThreeDaysAgo(db.prisma);
    const start = new Date();
    await runReminders(db.prisma, await mailServerDown(), start);
    const failed = await chasesOf(db.prisma);

    const second = createPrismaClient(db.url, { poolSize: 4 });
    cleanups.push(() => second.$disconnect());
    const retriedAt = later(start, 15 * MINUTE);
    await Promise.all([runReminders(db.prisma, smtp.url, retriedAt), runReminders(second, smtp.url, retriedAt)]);

    expect(smtp.received).toHaveLength(failed.length);
    expect(new Set(smtp.received.map((mail) => JSON.stringify(mail.to))).size).toBe(failed.length);
    expect(await db.prisma.auditEvent.count({ where: { action: "chase.retry" } })).toBe(failed.length);
    expect((await chasesOf(db.prisma)).every((chase) => chase.attempts === 2 && chase.deliveryStatus === "SENT")).toBe(true);
  });

  it("is tried 3 times in all, the 3rd an hour after the 2nd, then left as failed", async () => {
    const db = await database();
    const smtp = await smtpServer();
    const down = await mailServerDown();
    const quarterId = await quarterDueThreeDaysAgo(db.prisma);
    const start = new Date();
    await runReminders(db.prisma, down, start);
    const count = (await chasesOf(db.prisma)).length;

    // The manager's schedule says they will be tried again, and, after the 3rd attempt, that they did not go.
    const scheduleStep = async (at: Date) => {
      const context = offlineContext({ db: db.prisma, actor: AUTOMATIC_REMINDERS, origin: "test", now: () => at, mailer: createMailer(down, "r@test.invalid") });
      return (await getReminderSchedule(context, quarterId, true)).steps.find((step) => step.outcome === "SENT")!;
    };
    expect(await scheduleStep(start)).toMatchObject({ chased: count, notDelivered: count, retrying: count });

    await runReminders(db.prisma, down, later(start, 10 * MINUTE));
    expect((await chasesOf(db.prisma)).every((chase) => chase.attempts === 2 && chase.deliveryStatus === "FAILED")).toBe(true);
    await runReminders(db.prisma, down, later(start, 69 * MINUTE));
    expect((await chasesOf(db.prisma)).every((chase) => chase.attempts === 2)).toBe(true);
    await runReminders(db.prisma, down, later(start, 70 * MINUTE));
    const given = await chasesOf(db.prisma);
    expect(given.every((chase) => chase.attempts === 3 && chase.deliveryStatus === "FAILED" && chase.deliveryError)).toBe(true);
    expect(given.every((chase) => chase.sentAt.getTime() === later(start, 70 * MINUTE).getTime())).toBe(true);
    expect(await scheduleStep(later(start, 70 * MINUTE))).toMatchObject({ chased: count, notDelivered: count, retrying: 0 });

    // The server is back: no 4th attempt.
    await runReminders(db.prisma, smtp.url, later(start, 5 * 60 * MINUTE));
    expect(smtp.received).toHaveLength(0);
    expect((await chasesOf(db.prisma)).every((chase) => chase.attempts === 3 && chase.deliveryStatus === "FAILED")).toBe(true);
    const audit = await db.prisma.auditEvent.findMany({ where: { action: "chase.retry" } });
    expect(audit).toHaveLength(2 * count);
    expect(audit.at(-1)!.after).toMatchObject({ attempt: 3, deliveryStatus: "FAILED" });
  });

  it("is not tried again for an organisation with nothing outstanding any more, nor once the quarter is closed", async () => {
    const db = await database();
    const smtp = await smtpServer();
    const quarterId = await quarterDueThreeDaysAgo(db.prisma);
    const start = new Date();
    await runReminders(db.prisma, await mailServerDown(), start);
    const failed = await chasesOf(db.prisma);

    // One organisation sends in everything it owed.
    const done = failed[0]!;
    const owner = await db.prisma.user.findFirstOrThrow({ where: { organisationId: done.organisationId, role: "DATA_OWNER" } });
    const items = await db.prisma.chaseItem.findMany({ where: { chaseId: done.id } });
    const indicatorIds = items.map((item) => item.indicatorId);
    await db.prisma.return.deleteMany({ where: { quarterId, indicatorId: { in: indicatorIds } } });
    await db.prisma.return.createMany({
      data: indicatorIds.map((indicatorId) => ({ indicatorId, quarterId, status: "NO_DATA" as const, noDataReason: "NO_UPDATE" as const, createdById: owner.id, updatedById: owner.id, submittedById: owner.id, submittedAt: start })),
    });

    await runReminders(db.prisma, smtp.url, later(start, 10 * MINUTE));
    expect(smtp.received).toHaveLength(failed.length - 1);
    expect(await db.prisma.chase.findUniqueOrThrow({ where: { id: done.id } })).toMatchObject({ deliveryStatus: "FAILED", attempts: 1 });

    // A quarter no longer open: nothing is tried again.
    const db2 = await database();
    const closedQuarterId = await quarterDueThreeDaysAgo(db2.prisma);
    await runReminders(db2.prisma, await mailServerDown(), start);
    await db2.prisma.quarter.update({ where: { id: closedQuarterId }, data: { status: "PLANNED" } });
    await runReminders(db2.prisma, smtp.url, later(start, 10 * MINUTE));
    expect(smtp.received).toHaveLength(failed.length - 1);
    expect((await chasesOf(db2.prisma)).every((chase) => chase.attempts === 1 && chase.deliveryStatus === "FAILED")).toBe(true);
  });

  it("is not tried again once a newer chase has gone to the organisation", async () => {
    const db = await database();
    const smtp = await smtpServer();
    await quarterDueThreeDaysAgo(db.prisma);
    const start = new Date();
    await runReminders(db.prisma, await mailServerDown(), start);
    const failed = await chasesOf(db.prisma);

    // The manager saw the failure and chased one organisation by hand.
    const chasedByHand = failed[0]!;
    const manager = await db.prisma.user.findUniqueOrThrow({ where: { email: "manager@demo.test" } });
    await db.prisma.chase.create({
      data: { quarterId: chasedByHand.quarterId, organisationId: chasedByHand.organisationId, sentById: manager.id, sentAt: later(start, 5 * MINUTE), recipient: chasedByHand.recipient, subject: "Returns", body: "Please", deliveryStatus: "SENT" },
    });

    await runReminders(db.prisma, smtp.url, later(start, 10 * MINUTE));
    expect(smtp.received).toHaveLength(failed.length - 1);
    expect(await db.prisma.chase.findUniqueOrThrow({ where: { id: chasedByHand.id } })).toMatchObject({ deliveryStatus: "FAILED", attempts: 1 });
  });

  it("is not tried again when a person sent it: the manager chooses", async () => {
    const db = await database();
    const smtp = await smtpServer();
    const quarter = await db.prisma.quarter.findFirstOrThrow({ where: { status: "OPEN" } });
    await db.prisma.quarter.update({ where: { id: quarter.id }, data: { remindersSetAt: new Date() } }); // a schedule with no days
    const manager = await db.prisma.user.findUniqueOrThrow({ where: { email: "manager@demo.test" } });
    const fire = await db.prisma.organisation.findUniqueOrThrow({ where: { shortName: "Fire" } });
    const start = new Date();
    await db.prisma.chase.create({
      data: { quarterId: quarter.id, organisationId: fire.id, sentById: manager.id, sentAt: start, recipient: "fire@demo.test", subject: "Returns", body: "Please", deliveryStatus: "FAILED", deliveryError: "connect ECONNREFUSED" },
    });

    await runReminders(db.prisma, smtp.url, later(start, 2 * 60 * MINUTE));
    expect(smtp.received).toHaveLength(0);
    expect(await db.prisma.chase.findFirstOrThrow()).toMatchObject({ deliveryStatus: "FAILED", attempts: 1 });
  });
});

describe("the database's part", () => {
  it("refuses more than 3 attempts, and a manual chase tried more than once", async () => {
    const db = await database();
    const quarter = await db.prisma.quarter.findFirstOrThrow({ where: { status: "OPEN" } });
    const manager = await db.prisma.user.findUniqueOrThrow({ where: { email: "manager@demo.test" } });
    const reminder = await db.prisma.reminder.create({ data: { quarterId: quarter.id, trigger: "SCHEDULE", dueOn: new Date("2026-05-01"), outcome: "SENT" } });
    const insert = (attempts: number, byPerson: boolean) =>
      db.sql.query(
        `INSERT INTO chases (quarter_id, organisation_id, sent_by_id, reminder_id, recipient, subject, body, delivery_status, delivery_error, attempts)
         SELECT $1, id, $2, $3, 'a@b.test', 's', 'b', 'FAILED', 'x', $4 FROM organisations LIMIT 1`,
        [quarter.id, byPerson ? manager.id : null, byPerson ? null : reminder.id, attempts],
      );
    await expect(insert(2, true)).rejects.toThrow(/chases_attempts_in_range/);
    await expect(insert(4, false)).rejects.toThrow(/chases_attempts_in_range/);
    await expect(insert(3, false)).resolves.toBeDefined();
  });
});
