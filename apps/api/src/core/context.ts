// Every service takes a context, never an HTTP request: the database (or the transaction it runs
// in), who acts, the clock, the audit writer and the read cache. Routes build one per request
// (plugins/context.ts); the command line, the report importer and the demo seed build their own.
// So the same function, with the same rules and the same audit, serves every way in.
import type { Prisma, PrismaClient } from "@quarterly-returns/db";
import type { Mailer } from "../lib/mailer.ts";
import type { Actor } from "./actor.ts";
import type { SecondFactorKeys } from "./auth/second-factor-keys.ts";
import { writeAudit, type AuditEntry } from "./audit.ts";
import { ReadCache } from "./read-cache.ts";
import { everyRefusal, type RefusalLog } from "./refusals.ts";

export type Db = PrismaClient | Prisma.TransactionClient;
export type { Actor, AnonymousActor, PersonActor, SystemActor } from "./actor.ts";

export interface Logger {
  warn(details: object, message: string): void;
}

export interface ContextParts {
  db: Db;
  actor: Actor;
  /** The clock: every time a service stamps comes from here. */
  now: () => Date;
  cache: ReadCache;
  mailer: Mailer;
  /** Where people reach the app, for links in emails. */
  appUrl: string;
  /** The client's network address, for the audit log; null off the network. */
  clientAddress: string | null;
  /** What is being done, in the audit log's words for a refusal: "PUT /api/returns/2/4", "npm run import:report". */
  origin: string;
  log: Logger;
  /** Where refused requests are audited: the server counts repeats (see refusals.ts). */
  refusals: RefusalLog;
  /** True inside a transaction: a service's own transaction then joins it. */
  inTransaction: boolean;
  /** Derived from JWT_SECRET; only the services of the second factor need them. */
  secondFactorKeys?: SecondFactorKeys;
}

export interface Context extends ContextParts {
  /** Appends an event to the audit log, in this context's transaction when it has one. */
  audit(entry: AuditEntry): Promise<void>;
}

export function createContext(parts: ContextParts): Context {
  const context: Context = { ...parts, audit: (entry) => writeAudit(context, entry) };
  return context;
}

/** The same context, acting as someone else (the seed acts as each demo user in turn). */
export const actingAs = (context: Context, actor: Actor, now = context.now): Context => createContext({ ...context, actor, now });

/** A fixed moment as a clock. */
export const at = (moment: Date) => () => moment;

/**
 * Runs `work` in one transaction: the context's own when it is already in one (so an import or
 * the seed is a single transaction made of the services' own steps), else a new one.
 */
export async function transaction<T>(context: Context, work: (tx: Context) => Promise<T>, options: { timeout?: number } = {}): Promise<T> {
  if (context.inTransaction) return work(context);
  return (context.db as PrismaClient).$transaction((tx) => work(createContext({ ...context, db: tx, inTransaction: true })), {
    timeout: options.timeout ?? 15_000,
    maxWait: 10_000,
  });
}

/** A context for work outside HTTP (the command line, the seed): nothing kept between reads. */
export function offlineContext(parts: Pick<ContextParts, "db" | "actor" | "origin"> & Partial<ContextParts>): Context {
  return createContext({
    now: () => new Date(),
    cache: new ReadCache(),
    mailer: { configured: false, send: () => Promise.reject(new Error("no mail server configured")) },
    appUrl: "http://localhost:3000",
    clientAddress: null,
    log: { warn: (details, message) => console.warn(message, details) },
    refusals: everyRefusal,
    inTransaction: false,
    ...parts,
  });
}
