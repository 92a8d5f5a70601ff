// Reporting years: their quarters at a glance, due dates, opening a quarter, and the new year.
import { Prisma, type PrismaClient } from "@quarterly-returns/db";
import type { NewYear, UpdateQuarter, YearOverview } from "@quarterly-returns/shared";
import type { FastifyRequest } from "fastify";
import { audit } from "../../lib/audit.ts";
import { isoDate } from "../../lib/dates.ts";
import { HttpError, invalid } from "../../lib/http-error.ts";
import { quarterSummaryInclude, toQuarterSummary } from "../../lib/quarter-summary.ts";

export async function listYears(prisma: PrismaClient): Promise<YearOverview[]> {
  const [years, expected, received] = await Promise.all([
    prisma.reportingYear.findMany({ include: { quarters: { include: quarterSummaryInclude, orderBy: { number: "asc" } } }, orderBy: { startDate: "desc" } }),
    prisma.indicator.groupBy({ by: ["priorityId"], where: { retired: false }, _count: true }),
    prisma.return.groupBy({
      by: ["quarterId"],
      where: { OR: [{ status: "SUBMITTED" }, { status: "NO_DATA", noDataReason: { in: ["NOT_RELEASED", "NO_UPDATE"] } }] },
      _count: true,
    }),
  ]);
  const priorities = await prisma.priority.findMany({ select: { id: true, yearId: true } });
  const expectedByYear = new Map<number, number>();
  for (const group of expected) {
    const yearId = priorities.find((priority) => priority.id === group.priorityId)!.yearId;
    expectedByYear.set(yearId, (expectedByYear.get(yearId) ?? 0) + group._count);
  }
  return years.map((year) => ({
    id: year.id,
    label: year.label,
    planYear: year.planYear,
    startDate: isoDate(year.startDate),
    endDate: isoDate(year.endDate),
    quarters: year.quarters.map((quarter) => ({
      ...toQuarterSummary(quarter),
      expected: expectedByYear.get(year.id) ?? 0,
      received: received.find((group) => group.quarterId === quarter.id)?._count ?? 0,
      reopenedAt: quarter.reopenedAt?.toISOString() ?? null,
      reopenReason: quarter.reopenReason,
    })),
  }));
}

export async function updateQuarter(prisma: PrismaClient, request: FastifyRequest, id: number, change: UpdateQuarter) {
  return prisma.$transaction(async (tx) => {
    const quarter = await tx.quarter.findUnique({ where: { id }, include: quarterSummaryInclude });
    if (!quarter) throw new HttpError(404, "There is no such quarter.");
    const name = toQuarterSummary(quarter).name;
    if (quarter.status === "CLOSED") throw new HttpError(423, `${name} is signed off: reopen it first.`);
    if (change.dueDate && change.dueDate < isoDate(quarter.startDate)) throw invalid({ dueDate: "The due date must be after the quarter starts" });
    const updated = await tx.quarter.update({
      where: { id },
      data: {
        ...(change.dueDate ? { dueDate: new Date(`${change.dueDate}T00:00:00Z`) } : {}),
        ...(change.open ? { status: "OPEN" } : {}),
      },
      include: quarterSummaryInclude,
    });
    await audit(tx, request, {
      action: change.open && quarter.status === "PLANNED" ? "quarter.open" : "quarter.update",
      entityType: "quarter",
      entityId: id,
      quarterId: id,
      before: { status: quarter.status, dueDate: isoDate(quarter.dueDate) },
      after: { status: updated.status, dueDate: isoDate(updated.dueDate) },
    });
    return toQuarterSummary(updated);
  });
}

const addMonths = (date: Date, months: number) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()));
const dayBefore = (date: Date) => new Date(date.getTime() - 86_400_000);

/**
 * The next reporting year: four quarters (planned, due a month after each ends) and a copy of the
 * latest year's framework for editing. Each copied indicator remembers the one it continues, so
 * "compared with last year" finds last year's figures.
 */
export async function createYear(prisma: PrismaClient, request: FastifyRequest, input: NewYear) {
  const start = new Date(`${input.startDate}T00:00:00Z`);
  const previous = await prisma.reportingYear.findFirst({
    orderBy: { startDate: "desc" },
    include: {
      priorities: {
        orderBy: { sortOrder: "asc" },
        include: { indicators: { where: { retired: false }, orderBy: { sortOrder: "asc" }, include: { fields: { where: { retired: false }, orderBy: { sortOrder: "asc" } } } } },
      },
    },
  });
  if (previous && start <= previous.endDate) throw invalid({ startDate: `The year must start after ${previous.label} ends (${isoDate(previous.endDate)})` });

  try {
    return await prisma.$transaction(
      async (tx) => {
        const year = await tx.reportingYear.create({
          data: { label: input.label, planYear: (previous?.planYear ?? 0) + 1, startDate: start, endDate: dayBefore(addMonths(start, 12)) },
        });
        for (const number of [1, 2, 3, 4]) {
          const quarterStart = addMonths(start, (number - 1) * 3);
          const quarterEnd = dayBefore(addMonths(quarterStart, 3));
          await tx.quarter.create({
            // Due by the end of the month after the quarter.
            data: { yearId: year.id, number, startDate: quarterStart, endDate: quarterEnd, dueDate: dayBefore(addMonths(quarterStart, 4)), status: "PLANNED" },
          });
        }
        let copied = 0;
        for (const priority of previous?.priorities ?? []) {
          const { id: priorityId } = await tx.priority.create({
            data: { yearId: year.id, number: priority.number, title: priority.title, outcome: priority.outcome, sortOrder: priority.sortOrder },
          });
          for (const indicator of priority.indicators) {
            const { id: _id, priorityId: _priority, previousIndicatorId: _previous, retired: _retired, fields, ...framework } = indicator;
            const headlineKept = fields.some((field) => field.key === indicator.headlineFieldKey);
            await tx.indicator.create({
              data: {
                ...framework,
                headlineFieldKey: headlineKept ? indicator.headlineFieldKey : null,
                priorityId,
                previousIndicatorId: indicator.id,
                fields: { create: fields.map(({ id: _fieldId, indicatorId: _indicatorId, retired: _fieldRetired, ...field }) => field) },
              },
            });
            copied++;
          }
        }
        await audit(tx, request, {
          action: "year.create",
          entityType: "year",
          entityId: year.id,
          after: { label: year.label, copiedFrom: previous?.label ?? null, indicators: copied },
        });
        return { id: year.id, label: year.label, copiedFrom: previous?.label ?? null, indicators: copied };
      },
      { timeout: 30_000 },
    );
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new HttpError(409, `There is already a year ${input.label}.`, { fields: { label: `There is already a year ${input.label}` } });
    }
    throw error;
  }
}
