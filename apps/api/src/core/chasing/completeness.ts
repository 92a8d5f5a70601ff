// Completeness and timeliness of a quarter, as DHIS2 reports them, from a fixed number of queries.
import { isOutstanding, isReceived, londonDay, progressOf, type ChaseSummary, type Completeness, type CompletenessCell, type OrganisationCompleteness } from "@quarterly-returns/shared";
import { isoDate } from "../../lib/dates.ts";
import { authorize } from "../access.ts";
import type { Context } from "../context.ts";
import { reportedIn } from "../framework/reported.ts";
import { findQuarter, toQuarterSummary } from "../quarters/summary.ts";
import type { WatchedTable } from "../read-cache.ts";
import { confirmedOutliersOf } from "../returns/outliers.ts";
import { reportingRatesOf } from "./reporting-rates.ts";

export const COMPLETENESS_TABLES: WatchedTable[] = ["quarters", "quarter_reopenings", "reporting_years", "users", "priorities", "indicators", "organisations", "returns", "return_queries", "chases", "indicator_fields"];

export async function getCompleteness(context: Context, quarterId: number): Promise<Completeness> {
  await authorize(context, "readCompleteness");
  const { db } = context;
  const quarter = await findQuarter(db, quarterId);
  const today = londonDay(context.now());
  const dueDate = isoDate(quarter.dueDate);

  const [indicators, chases, outliers, reportingRates] = await Promise.all([
    db.indicator.findMany({
      where: { priority: { yearId: quarter.yearId }, ...reportedIn(quarter) },
      include: {
        priority: { select: { id: true, number: true, title: true, sortOrder: true } },
        ownerOrganisation: {
          include: { users: { where: { role: "DATA_OWNER", active: true }, select: { name: true }, orderBy: { name: "asc" } } },
        },
        returns: {
          where: { quarterId },
          select: {
            status: true,
            noDataReason: true,
            availableFrom: true,
            submittedAt: true,
            confirmedOutliers: true,
            _count: { select: { queries: { where: { status: { not: "CLOSED" } } } } },
          },
        },
      },
      orderBy: [{ priority: { sortOrder: "asc" } }, { sortOrder: "asc" }],
    }),
    db.chase.findMany({
      where: { quarterId },
      orderBy: { sentAt: "desc" },
      distinct: ["organisationId"],
      include: { sentBy: { select: { id: true, name: true } } },
    }),
    confirmedOutliersOf(db, quarter),
    reportingRatesOf(db, quarter.year, quarter.number),
  ]);

  const organisations = new Map<number, OrganisationCompleteness>();
  const label = lineLabels();
  for (const indicator of indicators) {
    const found = indicator.returns[0];
    const progress = progressOf(
      found
        ? {
            status: found.status,
            noData: found.noDataReason ? { reason: found.noDataReason, availableFrom: found.availableFrom ? isoDate(found.availableFrom) : null } : null,
            submittedAt: found.submittedAt?.toISOString() ?? null,
          }
        : null,
      dueDate,
      today,
    );
    const cell: CompletenessCell = {
      indicator: { id: indicator.id, ref: indicator.ref, title: indicator.title, priorityId: indicator.priorityId, restricted: indicator.restricted },
      label: label(indicator),
      progress,
      status: found?.status ?? null,
      noDataReason: found?.noDataReason ?? null,
      openQueries: found?._count.queries ?? 0,
      confirmedOutliers: found?.status === "SUBMITTED" && Array.isArray(found.confirmedOutliers) ? found.confirmedOutliers.length : 0,
    };
    const owner = indicator.ownerOrganisation;
    const entry =
      organisations.get(owner.id) ??
      organisations
        .set(owner.id, {
          organisation: { id: owner.id, name: owner.name, shortName: owner.shortName, contactName: owner.contactName, contactEmail: owner.contactEmail },
          dataOwners: owner.users.map((user) => user.name),
          expected: 0,
          received: 0,
          outstanding: 0,
          overdue: 0,
          lastChase: toChaseSummary(chases.find((chase) => chase.organisationId === owner.id)),
          cells: [],
        })
        .get(owner.id)!;
    entry.cells.push(cell);
    entry.expected++;
    if (isReceived(progress)) entry.received++;
    if (isOutstanding(progress)) entry.outstanding++;
    if (isOutstanding(progress) && progress.overdue) entry.overdue++;
  }

  const cells = [...organisations.values()].flatMap((entry) => entry.cells);
  const expected = cells.length;
  const received = cells.filter((cell) => isReceived(cell.progress)).length;
  const receivedOnTime = cells.filter((cell) => isReceived(cell.progress) && !cell.progress.late).length;
  const followUps = [...organisations.values()]
    .flatMap((entry) =>
      entry.cells
        .filter((cell) => cell.progress.state === "EXPECTED" && cell.progress.expectedOn)
        .map((cell) => ({
          organisation: { id: entry.organisation.id, name: entry.organisation.name, shortName: entry.organisation.shortName },
          indicator: { id: cell.indicator.id, ref: cell.indicator.ref, title: cell.indicator.title },
          availableFrom: cell.progress.expectedOn!,
          overdue: cell.progress.overdue,
        })),
    )
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.availableFrom.localeCompare(b.availableFrom));

  return {
    quarter: toQuarterSummary(quarter),
    today,
    expected,
    received,
    receivedOnTime,
    completeness: expected ? received / expected : 0,
    timeliness: expected ? receivedOnTime / expected : 0,
    outstanding: cells.filter((cell) => isOutstanding(cell.progress)).length,
    overdue: cells.filter((cell) => isOutstanding(cell.progress) && cell.progress.overdue).length,
    priorities: [...new Map(indicators.map((indicator) => [indicator.priority.id, indicator.priority])).values()].map(({ id, number, title }) => ({ id, number, title })),
    organisations: [...organisations.values()].sort((a, b) => a.organisation.name.localeCompare(b.organisation.name)),
    followUps,
    outliers,
    reportingRates,
    mailConfigured: context.mailer.configured,
  };
}

/**
 * Names each line, in the report's order: by its ref, or, on a line the report leaves without one
 * (it continues the line above), by the ref above and its line number: "1.1 (2)".
 */
function lineLabels() {
  let ref: string | null = null;
  let line = 1;
  let priorityId: number | null = null;
  return (indicator: { ref: string | null; title: string; priorityId: number }) => {
    if (indicator.priorityId !== priorityId) {
      priorityId = indicator.priorityId;
      ref = null;
    }
    if (indicator.ref) {
      ref = indicator.ref;
      line = 1;
      return ref;
    }
    line++;
    return ref ? `${ref} (${line})` : indicator.title.length > 12 ? `${indicator.title.slice(0, 11)}…` : indicator.title;
  };
}

type ChaseRow = { id: number; sentAt: Date; sentBy: { id: number; name: string } | null; recipient: string; copyTo: string | null; deliveryStatus: ChaseSummary["deliveryStatus"]; deliveryError: string | null; attempts: number };

export function toChaseSummary(chase: ChaseRow | undefined): ChaseSummary | null {
  if (!chase) return null;
  return {
    id: chase.id,
    sentAt: chase.sentAt.toISOString(),
    sentBy: chase.sentBy,
    recipient: chase.recipient,
    copyTo: chase.copyTo,
    deliveryStatus: chase.deliveryStatus,
    deliveryError: chase.deliveryError,
    attempts: chase.attempts,
  };
}
