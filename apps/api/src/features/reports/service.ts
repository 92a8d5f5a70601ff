// The report of a year, written from the returns the caller may read.
import type { PrismaClient } from "@quarterly-returns/db";
import { chartOf, ragOf, reportCellText, trendOf, type Report, type ReportQuarter } from "@quarterly-returns/shared";
import type { FastifyRequest } from "fastify";
import { audienceOf, reportIndicators } from "../../access/policy.ts";
import { isoDate } from "../../lib/dates.ts";
import { HttpError } from "../../lib/http-error.ts";
import { indicatorInclude, returnInclude, toIndicatorSummary, toReturnRecord } from "../../lib/return-mapping.ts";

const monthYear = (date: Date) => date.toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

const REPORT_TABLES = ["reporting_years", "quarters", "priorities", "indicators", "indicator_fields", "organisations", "returns", "return_values"] as const;

/** The report as the caller may read it, kept until anything changes (see plugins/read-cache.ts). */
export function buildReport(prisma: PrismaClient, request: FastifyRequest, yearId: number): Promise<Report> {
  return request.server.readCache.get(`report ${yearId} for ${audienceOf(request.caller!)}`, REPORT_TABLES, () => writeReport(prisma, request, yearId));
}

/** The same, as the JSON answered, kept too: writing it out is most of the work of a kept report. */
export function reportJson(prisma: PrismaClient, request: FastifyRequest, yearId: number): Promise<string> {
  return request.server.readCache.get(`report ${yearId} for ${audienceOf(request.caller!)} as JSON`, REPORT_TABLES, async () =>
    JSON.stringify(await buildReport(prisma, request, yearId)),
  );
}

async function writeReport(prisma: PrismaClient, request: FastifyRequest, yearId: number): Promise<Report> {
  const year = await prisma.reportingYear.findUnique({
    where: { id: yearId },
    include: { quarters: { orderBy: { number: "asc" }, include: { year: { select: { label: true } } } } },
  });
  if (!year) throw new HttpError(404, "There is no such year.");
  const quarterIds = year.quarters.map((quarter) => quarter.id);
  const priorities = await prisma.priority.findMany({
    where: { yearId },
    orderBy: { sortOrder: "asc" },
    include: {
      indicators: {
        where: { AND: [reportIndicators(request.caller!), { OR: [{ retired: false }, { returns: { some: { quarterId: { in: quarterIds } } } }] }] },
        orderBy: { sortOrder: "asc" },
        include: { ...indicatorInclude, returns: { where: { quarterId: { in: quarterIds } }, include: returnInclude } },
      },
    },
  });
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
        };
      }),
    })),
  };
}
