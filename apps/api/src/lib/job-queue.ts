// Scheduled work on a job queue kept in PostgreSQL (pg-boss), not timers in the web process: every
// server runs a worker, and the queue hands each run to one of them. Its schema and queues are
// installed by a migration (prisma/migrations/*_job_queue), as the schema's owner; the app's role
// only reads and writes its rows.
import { JOB_QUEUE_SCHEMA } from "@quarterly-returns/db";
import PgBoss from "pg-boss";

export interface RecurringJob {
  /** A queue the migration created. */
  name: string;
  /** When it runs, as cron (Europe/London). */
  cron: string;
  run(): Promise<void>;
}

export interface JobQueue {
  /** Queues a run of the job at once (one already waiting makes this one unnecessary). */
  runSoon(name: string): Promise<void>;
  /** Lets a run in progress finish (for 10 seconds at most), then disconnects. */
  stop(): Promise<void>;
}

/** Starts this server's worker for the jobs, schedules them, and queues a first run of each. */
export async function startJobQueue(databaseUrl: string, jobs: RecurringJob[], onError: (error: Error) => void): Promise<JobQueue> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: JOB_QUEUE_SCHEMA,
    application_name: "quarterly-returns jobs",
    max: 3,
    migrate: false,
    schedule: true,
    supervise: true,
  });
  boss.on("error", onError);
  await boss.start();
  try {
    for (const job of jobs) {
      await boss.work(job.name, { pollingIntervalSeconds: 5 }, async () => job.run());
      await boss.schedule(job.name, job.cron, {}, { tz: "Europe/London" });
      await boss.send(job.name, {});
    }
  } catch (error) {
    await boss.stop({ graceful: false });
    throw error;
  }
  return {
    runSoon: async (name) => void (await boss.send(name, {})),
    stop: () => boss.stop({ graceful: true, timeout: 10_000 }),
  };
}
