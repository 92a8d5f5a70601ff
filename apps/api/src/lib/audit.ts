import type { Prisma, PrismaClient } from "@quarterly-returns/db";
import type { FastifyRequest } from "fastify";

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  quarterId?: number | null;
  organisationId?: number | null;
  indicatorId?: number | null;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
  /** Who did it, when not the signed-in caller (a failed sign-in names nobody). */
  actorId?: number | null;
}

/** Appends an event to the audit log, inside the caller's transaction when given one. */
export async function audit(
  db: PrismaClient | Prisma.TransactionClient,
  request: FastifyRequest,
  entry: AuditEntry,
): Promise<void> {
  await db.auditEvent.create({
    data: {
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      quarterId: entry.quarterId ?? null,
      organisationId: entry.organisationId ?? null,
      indicatorId: entry.indicatorId ?? null,
      before: entry.before ?? undefined,
      after: entry.after ?? undefined,
      actorId: entry.actorId === undefined ? (request.caller?.id ?? null) : entry.actorId,
      clientAddress: request.ip,
    },
  });
}
