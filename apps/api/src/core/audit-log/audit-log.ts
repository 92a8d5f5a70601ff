// The audit log, read-only: the database refuses to change or delete it.
import type { Prisma } from "@quarterly-returns/db";
import { fieldChangeText, returnChanges, type AuditEventRecord, type AuditPage, type auditFilterSchema } from "@quarterly-returns/shared";
import { isSignInAction, SIGN_IN_ACTION_PREFIX } from "@quarterly-returns/shared/audit-actions";
import { writeSpreadsheetText } from "@quarterly-returns/shared/spreadsheet";
import type { z } from "zod";
import { authorize } from "../access.ts";
import type { Context, Db } from "../context.ts";
import { toFieldDeclaration } from "../returns/mapping.ts";

type Filter = z.output<typeof auditFilterSchema>;

function where(filter: Filter): Prisma.AuditEventWhereInput {
  const hideSignIns = filter.signIns === "hidden" && !(filter.action && isSignInAction(filter.action));
  return {
    ...(hideSignIns ? { NOT: { action: { startsWith: SIGN_IN_ACTION_PREFIX } } } : {}),
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.organisationId ? { organisationId: filter.organisationId } : {}),
    ...(filter.indicatorId ? { indicatorId: filter.indicatorId } : {}),
    ...(filter.quarterId ? { quarterId: filter.quarterId } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.from || filter.to
      ? {
          at: {
            ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
            ...(filter.to ? { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
          },
        }
      : {}),
  };
}

async function records(db: Db, filter: Filter, page: { skip: number; take: number }): Promise<AuditEventRecord[]> {
  const events = await db.auditEvent.findMany({
    where: where(filter),
    include: { actor: { select: { id: true, name: true } }, quarter: { include: { year: { select: { label: true } } } } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    ...page,
  });
  const organisationIds = [...new Set(events.map((event) => event.organisationId).filter((value): value is number => value !== null))];
  const indicatorIds = [...new Set(events.map((event) => event.indicatorId).filter((value): value is number => value !== null))];
  const [organisations, indicators] = await Promise.all([
    db.organisation.findMany({ where: { id: { in: organisationIds } }, select: { id: true, shortName: true } }),
    db.indicator.findMany({ where: { id: { in: indicatorIds } }, select: { id: true, ref: true, title: true, fields: { orderBy: { sortOrder: "asc" } } } }),
  ]);
  const fieldsOf = new Map(indicators.map((indicator) => [indicator.id, indicator.fields.map(toFieldDeclaration)]));
  return events.map((event) => ({
    id: event.id.toString(),
    at: event.at.toISOString(),
    actor: event.actor,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    quarter: event.quarter ? { id: event.quarter.id, name: `Q${event.quarter.number} ${event.quarter.year.label}` } : null,
    organisation: organisations.find((organisation) => organisation.id === event.organisationId) ?? null,
    indicator: indicatorRef(indicators.find((indicator) => indicator.id === event.indicatorId)),
    before: event.before,
    after: event.after,
    changes: event.entityType === "return" && event.indicatorId !== null ? returnChanges(fieldsOf.get(event.indicatorId) ?? [], event.before, event.after) : null,
    clientAddress: event.clientAddress,
  }));
}

const indicatorRef = (indicator: { id: number; ref: string | null; title: string } | undefined) => (indicator ? { id: indicator.id, ref: indicator.ref, title: indicator.title } : null);

export async function readAudit(context: Context, filter: Filter): Promise<AuditPage> {
  await authorize(context, "readAudit");
  const { db } = context;
  const [events, total, actions, people, indicators] = await Promise.all([
    records(db, filter, { skip: (filter.page - 1) * filter.pageSize, take: filter.pageSize }),
    db.auditEvent.count({ where: where(filter) }),
    db.auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
    db.user.findMany({ where: { auditEvents: { some: {} } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.$queryRaw<{ id: number; ref: string | null; title: string }[]>`
      SELECT i.id, i.ref, i.title FROM indicators i
      WHERE EXISTS (SELECT 1 FROM audit_events a WHERE a.indicator_id = i.id)
      ORDER BY i.id`,
  ]);
  return { events, total, page: filter.page, pageSize: filter.pageSize, actions: actions.map((row) => row.action), people, indicators };
}

const EXPORT_LIMIT = 100_000;

/** Every event the filters select, as CSV for a spreadsheet: names and words people typed cannot run as formulas. */
export async function exportAudit(context: Context, filter: Filter): Promise<string> {
  await authorize(context, "readAudit");
  const events = await records(context.db, filter, { skip: 0, take: EXPORT_LIMIT });
  return writeSpreadsheetText(
    events.map((event) => ({
      at: event.at,
      person: event.actor?.name ?? "",
      action: event.action,
      entity: event.entityType,
      entityId: event.entityId ?? "",
      quarter: event.quarter?.name ?? "",
      organisation: event.organisation?.shortName ?? "",
      indicator: event.indicator ? `${event.indicator.ref ?? ""} ${event.indicator.title}`.trim() : "",
      changes: event.changes?.map(fieldChangeText).join("; ") ?? "",
      before: event.before === null ? "" : JSON.stringify(event.before),
      after: event.after === null ? "" : JSON.stringify(event.after),
      clientAddress: event.clientAddress ?? "",
    })),
    { header: true },
  );
}
