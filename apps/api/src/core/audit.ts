import type { Prisma } from "@quarterly-returns/db";
import type { AuditAction } from "@quarterly-returns/shared";
import type { Actor } from "./actor.ts";

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
  const { actor } = context;
  await context.db.auditEvent.create({
    data: {
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
    },
  });
}

/** The system is no person: it names itself in what it wrote. */
function stamped(after: AuditEntry["after"], actor: Actor): AuditEntry["after"] {
  if (actor.kind !== "system") return after;
  if (after && typeof after === "object" && !Array.isArray(after)) return { ...after, by: actor.name };
  return after === undefined || after === null ? { by: actor.name } : { by: actor.name, value: after };
}
