import type { Prisma } from "@quarterly-returns/db";
import type { AuditAction } from "@quarterly-returns/shared/audit-actions";
import type { Actor } from "./actor.ts";
import { insertRows, type Columns, type RawSql } from "./batch-sql.ts";

/** What an audit row is written with: the database (or transaction), who acts, the clock, where from. */
export interface AuditSource {
  db: Pick<Prisma.TransactionClient, "auditEvent">;
  actor: Actor;
  now(): Date;
  clientAddress: string | null;
}

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId?: string | number | null;
  quarterId?: number | null;
  organisationId?: number | null;
  indicatorId?: number | null;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
  /** Who did it, when not the context's person (a failed sign-in names the account tried, or nobody). */
  actorId?: number | null;
}

/** The audit row: by the context's person (the system names itself in `after.by`), at its clock's time. */
export async function writeAudit(context: AuditSource, entry: AuditEntry): Promise<void> {
  await context.db.auditEvent.create({ data: auditRow(context, entry) });
}

const AUDIT_COLUMNS = {
  at: ["at", "timestamptz"],
  action: ["action", "text"],
  entityType: ["entity_type", "text"],
  entityId: ["entity_id", "text"],
  quarterId: ["quarter_id", "int"],
  organisationId: ["organisation_id", "int"],
  indicatorId: ["indicator_id", "int"],
  before: ["before", "jsonb"],
  after: ["after", "jsonb"],
  actorId: ["actor_id", "int"],
  clientAddress: ["client_address", "text"],
} as const satisfies Columns<Prisma.AuditEventUncheckedCreateInput>;

/** Many audit rows in one statement, for a batch (an import writes thousands): the same rows as `writeAudit`'s. */
export async function writeAudits(context: AuditSource & { db: RawSql }, entries: AuditEntry[]): Promise<void> {
  const rows = entries.map((entry) => ({ ...auditRow(context, entry), before: entry.before ?? null, after: stamped(entry.after, context.actor) ?? null }));
  await insertRows<Prisma.AuditEventUncheckedCreateInput, typeof AUDIT_COLUMNS>(context.db, "audit_events", AUDIT_COLUMNS, rows);
}

/** The audit row an entry makes, column by column, as `writeAudit` writes it. */
export function auditRow(context: AuditSource, entry: AuditEntry) {
  const { actor } = context;
  return {
    at: context.now(),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    quarterId: entry.quarterId ?? null,
    organisationId: entry.organisationId ?? null,
    indicatorId: entry.indicatorId ?? null,
    before: entry.before ?? undefined,
    after: stamped(entry.after, actor) ?? undefined,
    actorId: entry.actorId === undefined ? (actor.kind === "person" ? actor.id : null) : entry.actorId,
    clientAddress: context.clientAddress,
  };
}

/** The system is no person: it names itself in what it wrote. */
function stamped(after: AuditEntry["after"], actor: Actor): AuditEntry["after"] {
  if (actor.kind !== "system") return after;
  if (after && typeof after === "object" && !Array.isArray(after)) return { ...after, by: actor.name };
  return after === undefined || after === null ? { by: actor.name } : { by: actor.name, value: after };
}
