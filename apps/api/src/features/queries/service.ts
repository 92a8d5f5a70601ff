import type { PrismaClient } from "@quarterly-returns/db";
import type { QueryRecord } from "@quarterly-returns/shared";
import type { FastifyRequest } from "fastify";
import { mayEnterFigures, refuse, visibleIndicators } from "../../access/policy.ts";
import { audit } from "../../lib/audit.ts";
import { HttpError } from "../../lib/http-error.ts";
import { queryInclude, toQueryRecord } from "../../lib/query-record.ts";

/** A manager's question on a submitted return of an open quarter. */
export async function raiseQuery(
  prisma: PrismaClient,
  request: FastifyRequest,
  target: { indicatorId: number; quarterId: number },
  query: { fieldKey?: string | null | undefined; text: string },
): Promise<QueryRecord> {
  const found = await prisma.return.findUnique({
    where: { indicatorId_quarterId: target },
    include: { quarter: true, indicator: { include: { fields: true } } },
  });
  if (!found) throw new HttpError(404, "There is no return to query yet.");
  if (found.status === "DRAFT") throw new HttpError(409, "The return is still a draft: query it once it is submitted.");
  if (found.quarter.status !== "OPEN") throw new HttpError(423, "The quarter is signed off: its figures can no longer change.");
  const fieldKey = query.fieldKey ?? null;
  if (fieldKey && !found.indicator.fields.some((field) => field.key === fieldKey)) {
    throw new HttpError(400, `There is no field "${fieldKey}" on this indicator.`, { fields: { fieldKey: "Choose a figure of this indicator" } });
  }
  return prisma.$transaction(async (tx) => {
    const created = await tx.returnQuery.create({
      data: { returnId: found.id, fieldKey, text: query.text, raisedById: request.caller!.id },
      include: queryInclude,
    });
    await audit(tx, request, {
      action: "query.raise",
      entityType: "query",
      entityId: created.id,
      quarterId: found.quarterId,
      indicatorId: found.indicatorId,
      organisationId: found.indicator.ownerOrganisationId,
      after: { text: created.text, fieldKey },
    });
    return toQueryRecord(created);
  });
}

async function findQuery(prisma: PrismaClient, request: FastifyRequest, id: number) {
  const query = await prisma.returnQuery.findFirst({
    where: { id, return: { indicator: visibleIndicators(request.caller!) } },
    include: { ...queryInclude, return: { include: { indicator: true } } },
  });
  if (!query) throw new HttpError(404, "There is no such query.");
  if (query.status === "CLOSED") throw new HttpError(409, "This query has been closed.");
  return query;
}

/** The data owner's answer; they may also have changed the figures. */
export async function answerQuery(prisma: PrismaClient, request: FastifyRequest, id: number, response: string): Promise<QueryRecord> {
  const query = await findQuery(prisma, request, id);
  if (!mayEnterFigures(request.caller!, query.return.indicator)) {
    await refuse(request, 403, "Only the data owners of the indicator's organisation answer its queries.", { queryId: id });
  }
  return prisma.$transaction(async (tx) => {
    const answered = await tx.returnQuery.update({
      where: { id },
      data: { response, status: "ANSWERED", answeredById: request.caller!.id, answeredAt: new Date() },
      include: queryInclude,
    });
    await audit(tx, request, {
      action: "query.answer",
      entityType: "query",
      entityId: id,
      quarterId: query.return.quarterId,
      indicatorId: query.return.indicatorId,
      organisationId: query.return.indicator.ownerOrganisationId,
      before: { response: query.response },
      after: { response },
    });
    return toQueryRecord(answered);
  });
}

export async function closeQuery(prisma: PrismaClient, request: FastifyRequest, id: number): Promise<QueryRecord> {
  const query = await findQuery(prisma, request, id);
  return prisma.$transaction(async (tx) => {
    const closed = await tx.returnQuery.update({
      where: { id },
      data: { status: "CLOSED", closedById: request.caller!.id, closedAt: new Date() },
      include: queryInclude,
    });
    await audit(tx, request, {
      action: "query.close",
      entityType: "query",
      entityId: id,
      quarterId: query.return.quarterId,
      indicatorId: query.return.indicatorId,
      organisationId: query.return.indicator.ownerOrganisationId,
    });
    return toQueryRecord(closed);
  });
}
