// What the return form shows beside the return: its recent history, last year's figures, its
// changes and the queries on it.
import type { PrismaClient } from "@quarterly-returns/db";
import type { ReturnChange, ReturnDetail } from "@quarterly-returns/shared";
import type { FastifyRequest } from "fastify";
import { mayEnterFigures, permissions } from "../../access/policy.ts";
import { HttpError } from "../../lib/http-error.ts";
import { queryInclude, toQueryRecord } from "../../lib/query-record.ts";
import { quarterSummaryInclude, toQuarterSummary } from "../../lib/quarter-summary.ts";
import { returnInclude, toIndicatorSummary, toReturnRecord } from "../../lib/return-mapping.ts";
import { findVisibleIndicator } from "./service.ts";

const HISTORY_LENGTH = 4;

export async function getReturnDetail(prisma: PrismaClient, request: FastifyRequest, indicatorId: number, quarterId: number): Promise<ReturnDetail> {
  const caller = request.caller!;
  const indicator = await findVisibleIndicator(prisma, request, indicatorId);
  const quarter = await prisma.quarter.findUnique({
    where: { id: quarterId },
    include: { ...quarterSummaryInclude, year: { select: { id: true, label: true, startDate: true } } },
  });
  if (!quarter || quarter.yearId !== indicator.priority.yearId) throw new HttpError(404, "This indicator is not reported in that quarter.");

  // The indicator in each year along its lineage: this year's, last year's, the year before's.
  const lineage = new Map<number, number>([[indicator.priority.yearId, indicator.id]]);
  let ancestorId = indicator.previousIndicatorId;
  while (ancestorId && lineage.size < 3) {
    const ancestor = await prisma.indicator.findUnique({ where: { id: ancestorId }, select: { id: true, previousIndicatorId: true, priority: { select: { yearId: true } } } });
    if (!ancestor) break;
    lineage.set(ancestor.priority.yearId, ancestor.id);
    ancestorId = ancestor.previousIndicatorId;
  }

  const earlierQuarters = await prisma.quarter.findMany({
    where: { endDate: { lt: quarter.startDate }, yearId: { in: [...lineage.keys()] } },
    include: quarterSummaryInclude,
    orderBy: { endDate: "desc" },
    take: HISTORY_LENGTH,
  });
  const sameQuarterLastYear = await prisma.quarter.findFirst({
    where: { number: quarter.number, year: { startDate: { lt: quarter.year.startDate } }, yearId: { in: [...lineage.keys()] } },
    orderBy: { year: { startDate: "desc" } },
  });
  const pairs = [...earlierQuarters.map((earlier) => ({ quarterId: earlier.id, indicatorId: lineage.get(earlier.yearId)! })), { quarterId, indicatorId }];
  if (sameQuarterLastYear) pairs.push({ quarterId: sameQuarterLastYear.id, indicatorId: lineage.get(sameQuarterLastYear.yearId)! });

  const returns = await prisma.return.findMany({ where: { OR: pairs }, include: { ...returnInclude, queries: { include: queryInclude, orderBy: { raisedAt: "asc" } } } });
  const find = (pair: { quarterId: number; indicatorId: number }) =>
    returns.find((candidate) => candidate.quarterId === pair.quarterId && candidate.indicatorId === pair.indicatorId);

  const current = find({ quarterId, indicatorId });
  const lastYearReturn = sameQuarterLastYear ? find({ quarterId: sameQuarterLastYear.id, indicatorId: lineage.get(sameQuarterLastYear.yearId)! }) : undefined;
  const lastYear = lastYearReturn ? lastYearFigures(toReturnRecord(lastYearReturn).values) : null;

  const open = quarter.status === "OPEN";
  const outstanding = !current || current.status === "DRAFT";
  return {
    quarter: toQuarterSummary(quarter),
    indicator: toIndicatorSummary(indicator),
    return: current ? toReturnRecord(current) : null,
    history: earlierQuarters.reverse().map((earlier) => {
      const found = find({ quarterId: earlier.id, indicatorId: lineage.get(earlier.yearId)! });
      return { quarter: { id: earlier.id, name: toQuarterSummary(earlier).name }, return: found ? toReturnRecord(found) : null };
    }),
    lastYear,
    changes: current ? await changesOf(prisma, current.id) : [],
    queries: current ? current.queries.map(toQueryRecord) : [],
    mayEdit: open && mayEnterFigures(caller, indicator),
    mayRecordNotProvided: open && outstanding && permissions.recordNotProvided(caller),
    mayQuery: open && !outstanding && permissions.raiseQueries(caller),
  };
}

function lastYearFigures(values: Record<string, string | { position: string }>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, typeof value === "string" ? value : value.position]));
}

async function changesOf(prisma: PrismaClient, returnId: number): Promise<ReturnChange[]> {
  const events = await prisma.auditEvent.findMany({
    where: { entityType: "return", entityId: String(returnId) },
    include: { actor: { select: { id: true, name: true } } },
    orderBy: { at: "desc" },
    take: 20,
  });
  return events.map((event) => ({ at: event.at.toISOString(), by: event.actor, action: event.action }));
}
