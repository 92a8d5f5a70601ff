// Completeness and timeliness of a quarter, as DHIS2 reports them, from a fixed number of queries.
import type { NoDataReason, PrismaClient, ReturnStatus } from "@quarterly-returns/db";
import type { CellState, ChaseSummary, Completeness, CompletenessCell, OrganisationCompleteness } from "@quarterly-returns/shared";
import { isoDate } from "../../lib/dates.ts";
import { HttpError } from "../../lib/http-error.ts";
import { londonDate } from "../../lib/london-date.ts";
import { quarterSummaryInclude, toQuarterSummary } from "../../lib/quarter-summary.ts";

interface ReturnFacts {
  status: ReturnStatus;
  noDataReason: NoDataReason | null;
  availableFrom: Date | null;
  submittedAt: Date | null;
}

/** The state of one indicator's return for the quarter, on `today`. */
export function cellState(found: ReturnFacts | undefined, dueDate: string, today: string): { state: CellState; late: boolean } {
  if (!found || found.status === "DRAFT") return { state: "OUTSTANDING", late: today > dueDate };
  if (found.noDataReason === "NOT_PROVIDED") return { state: "NOT_PROVIDED", late: false };
  if (found.noDataReason === "NOT_YET_AVAILABLE") {
    // Outstanding but expected until its date passes; overdue after.
    const expected = isoDate(found.availableFrom!);
    return today > expected ? { state: "OUTSTANDING", late: true } : { state: "EXPECTED", late: false };
  }
  return { state: "IN", late: found.submittedAt !== null && londonDate(found.submittedAt) > dueDate };
}

export async function getCompleteness(prisma: PrismaClient, quarterId: number, mailConfigured: boolean, now = new Date()): Promise<Completeness> {
  const quarter = await prisma.quarter.findUnique({ where: { id: quarterId }, include: quarterSummaryInclude });
  if (!quarter) throw new HttpError(404, "There is no such quarter.");
  const today = londonDate(now);
  const dueDate = isoDate(quarter.dueDate);

  const [indicators, chases] = await Promise.all([
    prisma.indicator.findMany({
      where: { priority: { yearId: quarter.yearId }, OR: [{ retired: false }, { returns: { some: { quarterId } } }] },
      include: {
        priority: { select: { id: true, number: true, title: true, sortOrder: true } },
        ownerOrganisation: true,
        returns: {
          where: { quarterId },
          select: {
            status: true,
            noDataReason: true,
            availableFrom: true,
            submittedAt: true,
            _count: { select: { queries: { where: { status: { not: "CLOSED" } } } } },
          },
        },
      },
      orderBy: [{ priority: { sortOrder: "asc" } }, { sortOrder: "asc" }],
    }),
    prisma.chase.findMany({
      where: { quarterId },
      orderBy: { sentAt: "desc" },
      distinct: ["organisationId"],
      include: { sentBy: { select: { id: true, name: true } } },
    }),
  ]);

  const organisations = new Map<number, OrganisationCompleteness>();
  for (const indicator of indicators) {
    const found = indicator.returns[0];
    const { state, late } = cellState(found, dueDate, today);
    const cell: CompletenessCell = {
      indicator: { id: indicator.id, ref: indicator.ref, title: indicator.title, priorityId: indicator.priorityId, restricted: indicator.restricted },
      state,
      status: found?.status ?? null,
      noDataReason: found?.noDataReason ?? null,
      availableFrom: found?.availableFrom ? isoDate(found.availableFrom) : null,
      late,
      openQueries: found?._count.queries ?? 0,
    };
    const owner = indicator.ownerOrganisation;
    const entry =
      organisations.get(owner.id) ??
      organisations
        .set(owner.id, {
          organisation: { id: owner.id, name: owner.name, shortName: owner.shortName, contactName: owner.contactName, contactEmail: owner.contactEmail },
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
    if (state === "IN") entry.received++;
    if (state === "OUTSTANDING" || state === "EXPECTED") entry.outstanding++;
    if (state === "OUTSTANDING" && late) entry.overdue++;
  }

  const cells = [...organisations.values()].flatMap((entry) => entry.cells);
  const expected = cells.length;
  const received = cells.filter((cell) => cell.state === "IN").length;
  const receivedOnTime = cells.filter((cell) => cell.state === "IN" && !cell.late).length;
  const followUps = [...organisations.values()]
    .flatMap((entry) =>
      entry.cells
        .filter((cell) => cell.noDataReason === "NOT_YET_AVAILABLE" && cell.availableFrom)
        .map((cell) => ({
          organisation: { id: entry.organisation.id, name: entry.organisation.name, shortName: entry.organisation.shortName },
          indicator: { id: cell.indicator.id, ref: cell.indicator.ref, title: cell.indicator.title },
          availableFrom: cell.availableFrom!,
          overdue: cell.availableFrom! < today,
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
    outstanding: cells.filter((cell) => cell.state === "OUTSTANDING" || cell.state === "EXPECTED").length,
    overdue: cells.filter((cell) => cell.state === "OUTSTANDING" && cell.late).length,
    priorities: [...new Map(indicators.map((indicator) => [indicator.priority.id, indicator.priority])).values()].map(({ id, number, title }) => ({ id, number, title })),
    organisations: [...organisations.values()].sort((a, b) => a.organisation.name.localeCompare(b.organisation.name)),
    followUps,
    mailConfigured,
  };
}

type ChaseRow = { id: number; sentAt: Date; sentBy: { id: number; name: string }; recipient: string; deliveryStatus: ChaseSummary["deliveryStatus"]; deliveryError: string | null };

export function toChaseSummary(chase: ChaseRow | undefined): ChaseSummary | null {
  if (!chase) return null;
  return {
    id: chase.id,
    sentAt: chase.sentAt.toISOString(),
    sentBy: chase.sentBy,
    recipient: chase.recipient,
    deliveryStatus: chase.deliveryStatus,
    deliveryError: chase.deliveryError,
  };
}
