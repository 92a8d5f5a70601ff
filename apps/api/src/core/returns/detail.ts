// What the return form shows beside the return: its recent history, last year's figures, its
// changes and the queries on it.
import { returnChanges, type FieldDeclaration, type ReturnChange, type ReturnDetail } from "@quarterly-returns/shared";
import { allows, mayEnterFigures } from "../access.ts";
import type { Context, Db } from "../context.ts";
import { ServiceError } from "../errors.ts";
import { queryInclude, toQueryRecord } from "../queries/mapping.ts";
import { isWritable } from "../quarters/lock.ts";
import { quarterSummaryInclude, toQuarterSummary } from "../quarters/summary.ts";
import { findVisibleIndicator } from "./indicators.ts";
import { returnInclude, toIndicatorSummary, toReturnRecord } from "./mapping.ts";

const HISTORY_LENGTH = 4;
/** Enough saves for a quarter's history; drafts are many, and the page folds them together. */
const HISTORY_EVENTS = 100;

export async function getReturnDetail(context: Context, indicatorId: number, quarterId: number): Promise<ReturnDetail> {
  const { actor, db } = context;
  const indicator = await findVisibleIndicator(context, indicatorId);
  const quarter = await db.quarter.findUnique({
    where: { id: quarterId },
    include: { ...quarterSummaryInclude, year: { select: { id: true, label: true, startDate: true } } },
  });
  if (!quarter || quarter.yearId !== indicator.priority.yearId || quarter.number < indicator.firstQuarter) {
    throw new ServiceError(404, "This indicator is not reported in that quarter.");
  }

  // The indicator in each year along its lineage: this year's, last year's, the year before's.
  const lineage = new Map<number, number>([[indicator.priority.yearId, indicator.id]]);
  let ancestorId = indicator.previousIndicatorId;
  while (ancestorId && lineage.size < 3) {
    const ancestor = await db.indicator.findUnique({ where: { id: ancestorId }, select: { id: true, previousIndicatorId: true, priority: { select: { yearId: true } } } });
    if (!ancestor) break;
    lineage.set(ancestor.priority.yearId, ancestor.id);
    ancestorId = ancestor.previousIndicatorId;
  }

  const earlierQuarters = await db.quarter.findMany({
    // Not the quarters of its own year before it started: it had no return there.
    where: { endDate: { lt: quarter.startDate }, yearId: { in: [...lineage.keys()] }, NOT: { yearId: indicator.priority.yearId, number: { lt: indicator.firstQuarter } } },
    include: quarterSummaryInclude,
    orderBy: { endDate: "desc" },
    take: HISTORY_LENGTH,
  });
  const sameQuarterLastYear = await db.quarter.findFirst({
    where: { number: quarter.number, year: { startDate: { lt: quarter.year.startDate } }, yearId: { in: [...lineage.keys()] } },
    orderBy: { year: { startDate: "desc" } },
  });
  const pairs = [...earlierQuarters.map((earlier) => ({ quarterId: earlier.id, indicatorId: lineage.get(earlier.yearId)! })), { quarterId, indicatorId }];
  if (sameQuarterLastYear) pairs.push({ quarterId: sameQuarterLastYear.id, indicatorId: lineage.get(sameQuarterLastYear.yearId)! });

  const returns = await db.return.findMany({ where: { OR: pairs }, include: { ...returnInclude, queries: { include: queryInclude, orderBy: { raisedAt: "asc" } } } });
  const find = (pair: { quarterId: number; indicatorId: number }) =>
    returns.find((candidate) => candidate.quarterId === pair.quarterId && candidate.indicatorId === pair.indicatorId);

  const current = find({ quarterId, indicatorId });
  const lastYearReturn = sameQuarterLastYear ? find({ quarterId: sameQuarterLastYear.id, indicatorId: lineage.get(sameQuarterLastYear.yearId)! }) : undefined;
  const lastYear = lastYearReturn ? lastYearFigures(toReturnRecord(lastYearReturn).values) : null;
  const lastYearPeriod = lastYearReturn?.periodCovered ?? null;

  const open = quarter.status !== "PLANNED" && isWritable(quarter, indicator);
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
    lastYearPeriod,
    changes: current ? await changesOf(db, current.id, toIndicatorSummary(indicator).fields) : [],
    queries: current ? current.queries.map(toQueryRecord) : [],
    mayEdit: open && mayEnterFigures(actor, indicator),
    mayRecordNotProvided: open && outstanding && allows(actor, "recordNotProvided"),
    mayQuery: open && !outstanding && allows(actor, "raiseQueries"),
  };
}

function lastYearFigures(values: Record<string, string | { position: string }>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, typeof value === "string" ? value : value.position]));
}

/** Every save of the return, newest first, with what each changed field by field. */
async function changesOf(db: Db, returnId: number, fields: FieldDeclaration[]): Promise<ReturnChange[]> {
  const events = await db.auditEvent.findMany({
    where: { entityType: "return", entityId: String(returnId) },
    include: { actor: { select: { id: true, name: true } } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: HISTORY_EVENTS,
  });
  return events.map((event) => ({ at: event.at.toISOString(), by: event.actor, action: event.action, changes: returnChanges(fields, event.before, event.after) }));
}
