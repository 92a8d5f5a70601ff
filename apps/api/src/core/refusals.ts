// Every refused request is in the audit log, but a burst of them must not flood it: someone (or a
// script) trying 200 indicators in a second would otherwise write 200 rows. The first refusal of
// a person for a reason is written at once; the repeats within the next minute are counted in
// memory and written as one more event with the count, when the minute ends, at the next refusal
// after it, or when the server stops. The log is append-only, so nothing is ever updated.
// Counted per server: with several replicas behind a load balancer, each writes its own count.
import type { Prisma } from "@quarterly-returns/db";
import type { RepeatedRefusal } from "@quarterly-returns/shared/audit-actions";
import type { Actor } from "./actor.ts";
import { writeAudit, type AuditEntry, type AuditSource } from "./audit.ts";

export interface Refusal {
  status: 403 | 404;
  /** What the person was told: one reason, one run of repeats. */
  reason: string;
  /** What they asked for: "PUT /api/returns/2/4". */
  request: string;
  details: Record<string, unknown>;
}

export interface RefusalLog {
  record(source: AuditSource, refusal: Refusal): Promise<void>;
}

const refusalEntry = ({ status, reason, request, details }: Refusal): AuditEntry => ({
  action: "access.refused",
  entityType: "request",
  after: { request, status, reason, ...details } as Prisma.InputJsonValue,
});

/** Each refusal its own event: for the command line and the demo data, which are refused rarely if ever. */
export const everyRefusal: RefusalLog = { record: (source, refusal) => writeAudit(source, refusalEntry(refusal)) };

export const REFUSAL_WINDOW_MS = 60_000;
/** The repeats' event lists the first few different requests, enough to see what was tried. */
const REQUESTS_LISTED = 20;

interface Run {
  key: string;
  opened: number;
  /** The first refusal's event, which the count must follow. */
  written: Promise<unknown>;
  actor: Actor;
  clientAddress: string | null;
  status: Refusal["status"];
  reason: string;
  repeats: number;
  firstRepeat: Date | null;
  lastRepeat: Date | null;
  requests: Set<string>;
  timer: NodeJS.Timeout;
}

/**
 * The refusals of a server, counted per (person, reason). Events are written with the server's
 * own database client, never a request's transaction, so a refusal is not rolled back with it.
 */
export class RepeatedRefusals implements RefusalLog {
  private readonly runs = new Map<string, Run>();
  private readonly closing = new Set<Promise<void>>();
  private readonly db: AuditSource["db"];
  private readonly windowMs: number;
  private readonly failed: (error: unknown) => void;

  constructor(options: { db: AuditSource["db"]; windowMs?: number; failed: (error: unknown) => void }) {
    this.db = options.db;
    this.windowMs = options.windowMs ?? REFUSAL_WINDOW_MS;
    this.failed = options.failed;
  }

  async record(source: AuditSource, refusal: Refusal): Promise<void> {
    const at = source.now();
    const key = `${whoOf(source)} ${refusal.status} ${refusal.reason}`;
    const run = this.runs.get(key);
    if (run && at.getTime() - run.opened < this.windowMs) {
      run.repeats++;
      run.firstRepeat ??= at;
      run.lastRepeat = at;
      run.clientAddress = source.clientAddress;
      if (run.requests.size < REQUESTS_LISTED) run.requests.add(refusal.request);
      return;
    }
    // Its minute is over, though its timer has not fired yet: its count goes first.
    const counted = run ? this.close(run) : Promise.resolve();
    // Written at the time it was refused, so that the repeats' times always follow it.
    const written = counted.then(() => writeAudit({ ...source, db: this.db, now: () => at }, refusalEntry(refusal)));
    const opened: Run = {
      key,
      opened: at.getTime(),
      written: written.catch(() => {}),
      actor: source.actor,
      clientAddress: source.clientAddress,
      status: refusal.status,
      reason: refusal.reason,
      repeats: 0,
      firstRepeat: null,
      lastRepeat: null,
      requests: new Set(),
      timer: setTimeout(() => void this.close(opened), this.windowMs).unref(),
    };
    this.runs.set(key, opened);
    await written;
  }

  /** Writes every count now (the server is stopping). */
  async flush(): Promise<void> {
    for (const run of [...this.runs.values()]) void this.close(run);
    await Promise.all([...this.closing]);
  }

  /** Ends the run (at once, so that a refusal from here on starts the next) and writes its count. */
  private close(run: Run): Promise<void> {
    clearTimeout(run.timer);
    if (this.runs.get(run.key) === run) this.runs.delete(run.key);
    if (run.repeats === 0) return Promise.resolve();
    const writing = this.writeRepeats(run).catch(this.failed);
    this.closing.add(writing);
    void writing.finally(() => this.closing.delete(writing));
    return writing;
  }

  private async writeRepeats(run: Run): Promise<void> {
    await run.written;
    const repeated: RepeatedRefusal = { repeated: run.repeats, from: run.firstRepeat!.toISOString(), to: run.lastRepeat!.toISOString() };
    await writeAudit(
      { db: this.db, actor: run.actor, clientAddress: run.clientAddress, now: () => run.lastRepeat! },
      {
        action: "access.refused",
        entityType: "request",
        after: { status: run.status, reason: run.reason, ...repeated, requests: [...run.requests] },
      },
    );
  }
}

/** Whose refusals count together: a person, else (never signed in) an address. */
function whoOf({ actor, clientAddress }: AuditSource): string {
  if (actor.kind === "person") return `person ${actor.id}`;
  if (actor.kind === "system") return `system ${actor.name}`;
  return `anonymous ${clientAddress ?? ""}`;
}
