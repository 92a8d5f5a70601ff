// The earlier years of each report line: its indicator continues last year's (previousIndicatorId),
// which may continue the year before's. The headline figure of each of their quarters draws the
// line's chart over every year it has. Read in a fixed number of queries whatever the lineage's
// length, and only through indicators the actor may read, as the report itself.
import type { Prisma } from "@quarterly-returns/db";
import { chartOf, type ReportYearFigures } from "@quarterly-returns/shared";
import { reportIndicators } from "../access.ts";
import type { Context } from "../context.ts";
import { returnInclude, toFieldDeclaration, toReturnRecord } from "../returns/mapping.ts";

/** For each indicator of the year, the figures of the years its lineage has before it, oldest first. */
export async function lineageFigures(
  context: Context,
  year: { startDate: Date },
  indicators: { id: number; previousIndicatorId: number | null }[],
): Promise<Map<number, ReportYearFigures[]>> {
  const { db } = context;
  const earlier = await db.indicator.findMany({
    where: { AND: [reportIndicators(context.actor), { priority: { year: { startDate: { lt: year.startDate } } } }] },
    select: { id: true, previousIndicatorId: true },
  });
  const previousOf = new Map(earlier.map((indicator) => [indicator.id, indicator.previousIndicatorId]));
  const visible = new Set(previousOf.keys());
  const ancestry = new Map<number, number[]>();
  for (const indicator of indicators) {
    const chain: number[] = [];
    // A lineage never loops (each indicator starts a year later than the one it continues), but a
    // visited check keeps a damaged one from hanging the report.
    for (let id = indicator.previousIndicatorId; id !== null && visible.has(id) && !chain.includes(id); id = previousOf.get(id) ?? null) chain.push(id);
    ancestry.set(indicator.id, chain.reverse());
  }
  const ancestorIds = [...new Set([...ancestry.values()].flat())];
  const ancestors = await db.indicator.findMany({
    where: { id: { in: ancestorIds } },
    include: {
      fields: { orderBy: { sortOrder: "asc" } },
      priority: { select: { year: { select: { label: true, quarters: { select: { id: true, number: true }, orderBy: { number: "asc" } } } } } },
      returns: { include: returnInclude },
    },
  });
  const figuresOf = new Map(ancestors.map((ancestor) => [ancestor.id, yearFigures(ancestor)]));
  return new Map([...ancestry].map(([id, chain]) => [id, chain.map((ancestorId) => figuresOf.get(ancestorId)!)]));
}

type AncestorRow = Prisma.IndicatorGetPayload<{
  include: {
    fields: true;
    priority: { select: { year: { select: { label: true; quarters: { select: { id: true; number: true } } } } } };
    returns: { include: typeof returnInclude };
  };
}>;

function yearFigures(ancestor: AncestorRow): ReportYearFigures {
  const indicator = { fields: ancestor.fields.map(toFieldDeclaration), headlineFieldKey: ancestor.headlineFieldKey };
  const records = ancestor.priority.year.quarters.map((quarter) => {
    const found = ancestor.returns.find((candidate) => candidate.quarterId === quarter.id);
    return found ? toReturnRecord(found) : null;
  });
  return { year: ancestor.priority.year.label, chart: chartOf(indicator, records) };
}
