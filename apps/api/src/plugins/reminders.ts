// The automatic reminders run on the job queue in PostgreSQL (lib/job-queue.ts), started with the
// server once it is ready and stopped when it closes. Every server runs a worker; the queue gives
// each minute's run to one of them, and the reminders table's unique index makes sure a reminder
// is sent once even if two runs overlap. AUTOMATIC_REMINDERS=0 leaves this server out.
import fp from "fastify-plugin";
import type { Config } from "../config.ts";
import { createContext } from "../core/context.ts";
import { AUTOMATIC_REMINDERS, sendDueReminders } from "../core/chasing/reminders.ts";
import { everyRefusal } from "../core/refusals.ts";
import { startJobQueue, type JobQueue } from "../lib/job-queue.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** Whether this server sends the quarters' reminders on their schedules. */
    automaticReminders: boolean;
  }
}

export const SEND_REMINDERS = "send-reminders";

export const remindersPlugin = fp<{ config: Config; databaseUrl: string }>(async (app, { config, databaseUrl }) => {
  app.decorate("automaticReminders", config.automaticReminders);
  if (!config.automaticReminders) return;

  const run = () =>
    sendDueReminders(
      createContext({
        db: app.prisma,
        actor: AUTOMATIC_REMINDERS,
        now: () => new Date(),
        cache: app.readCache,
        mailer: app.mailer,
        appUrl: app.appUrl,
        clientAddress: null,
        origin: "automatic reminders",
        log: app.log,
        refusals: everyRefusal,
        inTransaction: false,
      }),
    );

  let queue: JobQueue | null = null;
  // Every minute, and once at start: a step due when the server starts goes within seconds.
  app.addHook("onReady", async () => {
    queue = await startJobQueue(databaseUrl, [{ name: SEND_REMINDERS, cron: "* * * * *", run }], (error) => app.log.error({ err: error }, "the job queue failed"));
  });
  app.addHook("onClose", async () => {
    await queue?.stop();
  });
});
