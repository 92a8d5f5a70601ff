import type { Prisma } from "@quarterly-returns/db";
import type { QueryRecord } from "@quarterly-returns/shared";

export const queryInclude = {
  raisedBy: { select: { id: true, name: true } },
  answeredBy: { select: { id: true, name: true } },
  closedBy: { select: { id: true, name: true } },
} as const satisfies Prisma.ReturnQueryInclude;

type QueryRow = Prisma.ReturnQueryGetPayload<{ include: typeof queryInclude }>;

export function toQueryRecord(query: QueryRow): QueryRecord {
  return {
    id: query.id,
    returnId: query.returnId,
    fieldKey: query.fieldKey,
    text: query.text,
    status: query.status,
    raisedBy: query.raisedBy,
    raisedAt: query.raisedAt.toISOString(),
    response: query.response,
    answeredBy: query.answeredBy,
    answeredAt: query.answeredAt?.toISOString() ?? null,
    closedBy: query.closedBy,
    closedAt: query.closedAt?.toISOString() ?? null,
  };
}
