// Shared by the reminder tests: a demo database and mail servers that last one test, and one run
// of the reminder job with a mail server and a clock of the test's choosing.
import type { PrismaClient } from "@quarterly-returns/db";
import { createTestDatabase, type TestDatabase } from "@quarterly-returns/db/testing";
import { londonDay } from "@quarterly-returns/shared";
import { afterEach } from "vitest";
import { AUTOMATIC_REMINDERS, sendDueReminders } from "../src/core/chasing/reminders.ts";
import { offlineContext } from "../src/core/context.ts";
import { createMailer } from "../src/lib/mailer.ts";
import { startSmtpServer, type TestSmtpServer } from "./smtp.ts";

export const DAY = 86_400_000;
export const dayFromToday = (days: number) => new Date(Date.parse(`${londonDay()}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** Undone after each test, last first. */
export const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

export async function database(): Promise<TestDatabase> {
  const db = await createTestDatabase("demo");
  cleanups.push(() => db.drop());
  return db;
}

export async function smtpServer(): Promise<TestSmtpServer> {
  const smtp = await startSmtpServer();
  cleanups.push(() => smtp.close());
  return smtp;
}

/** The job's work as one run; no mail server: e-mail is not set up. */
export function runReminders(prisma: PrismaClient, mailServerUrl: string | null, now = new Date()) {
  return sendDueReminders(
    offlineContext({ db: prisma, actor: AUTOMATIC_REMINDERS, origin: "test", now: () => now, mailer: createMailer(mailServerUrl, "Reminders <r@test.invalid>"), log: { warn: () => {} } }),
  );
}
