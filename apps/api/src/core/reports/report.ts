// The report of a year, written from the returns the actor may read: the whole year, or as it
// stood at the end of one quarter (the quarters up to it, and what they reported).
import { chartIsInverted, chartOf, ragOf, reportCellText, trendOf, type Report, type ReportQuarter } from "@quarterly-returns/shared";
import { isoDate } from "../../lib/dates.ts";
import { audienceOf, authorize, reportIndicators } from "../access.ts";
import type { Context } from "../context.ts";
import { ServiceError } from "../errors.ts";
import { reportedThrough } from "../framework/reported.ts";
import type { WatchedTable } from "../read-cache.ts";
import { lineageFigures } from "./lineage.ts";
import { indicatorInclude, returnInclude, toIndicatorSummary, toReturnRecord } from "../returns/mapping.ts";

const monthYear = (date: Date) => date.toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

export const REPORT_TABLES: WatchedTable[] = ["reporting_years", "quarters", "priorities", "indicators", "indicator_fields", "organisations", "returns", "return_values", "users"];

/** The quarter a report runs to: the whole year unless one is named. */
export type ReportScope = { yearId: number; throughQuarter?: number | undefined };

/** The report as the actor may read it, kept until anything it was read from changes. */
export async function buildReport(context: Context, scope: ReportScope): Promise<Report> {
  await authorize(context, "readReport");
  const through = scope.throughQuarter ?? 4;
  return context.cache.get(`report ${scope.yearId} through Q${through} for ${audienceOf(context.actor)}`, REPORT_TABLES, () => writeReport(context, scope.yearId, through));
}

async function writeReport(context: Context, yearId: number, through: number): Promise<Report> {
  const { db } = context;
  const year = await db.reportingYear.findUnique({
    where: { id: yearId },
    include: { quarters: { orderBy: { number: "asc" }, include: { year: { select: { label: true } } } } },
  });
  if (!year) throw new ServiceError(404, "There is no such year.");
  const included = year.quarters.filter((quarter) => quarter.number <= through);
  const quarterIds = included.map((quarter) => quarter.id);
  const priorities = await db.priority.findMany({
    where: { yearId, firstQuarter: { lte: through } },
    orderBy: { sortOrder: "asc" },
    include: {
      indicators: {
        where: { AND: [reportIndicators(context.actor), reportedThrough(through, quarterIds)] },
        orderBy: { sortOrder: "asc" },
        include: { ...indicatorInclude, returns: { where: { quarterId: { in: quarterIds } }, include: returnInclude } },
      },
    },
  });
  const earlierYears = await lineageFigures(context, year, priorities.flatMap((priority) => priority.indicators));
  const quarters: ReportQuarter[] = year.quarters.map((quarter) => ({
    id: quarter.id,
    number: quarter.number,
    name: `Q${quarter.number} ${quarter.year.label}`,
    startDate: isoDate(quarter.startDate),
    status: quarter.status,
  }));

  return {
    year: { id: year.id, label: year.label, planYear: year.planYear, startDate: isoDate(year.startDate), endDate: isoDate(year.endDate) },
    title: `Year ${year.planYear} - ${monthYear(year.startDate)} to ${monthYear(year.endDate)}`,
    throughQuarter: through,
    quarters,
    priorities: priorities.map((priority) => ({
      number: priority.number,
      title: priority.title,
      outcome: priority.outcome,
      lines: priority.indicators.map((row) => {
        const indicator = { ...toIndicatorSummary(row), fields: toIndicatorSummary(row).fields.filter((field) => !field.retired || row.returns.length > 0) };
        const records = quarters.map((quarter) => {
          const found = row.returns.find((candidate) => candidate.quarterId === quarter.id);
          return found ? toReturnRecord(found) : null;
        });
        return {
          indicatorId: row.id,
          ref: row.ref,
          restricted: row.restricted,
          title: row.title,
          owner: indicator.owner,
          collation: row.leadContact ? `${indicator.owner.name} - ${row.leadContact}` : indicator.owner.name,
          cells: quarters.map((quarter, index) => reportCellText(indicator.fields, records[index]!, quarter)) as [string, string, string, string],
          trend: trendOf(indicator, records, quarters),
          rag: ragOf(indicator, records),
          chart: chartOf(indicator, records),
          chartInverted: chartIsInverted(indicator),
          earlierYears: earlierYears.get(row.id) ?? [],
        };
      }),
    })),
  };
}
