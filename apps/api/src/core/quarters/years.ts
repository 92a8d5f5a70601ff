// Reporting years: their quarters at a glance, due dates, opening a quarter, and new years.
import { Prisma } from "@quarterly-returns/db";
import type { NewYear, QuarterSummary, UpdateQuarter, YearOverview } from "@quarterly-returns/shared";
import { isoDate } from "../../lib/dates.ts";
import { authorize } from "../access.ts";
import { transaction, type Context } from "../context.ts";
import { ServiceError, invalid } from "../errors.ts";
import { reportedIn } from "../framework/reported.ts";
import { findQuarter, quarterSummaryInclude, reopeningInclude, toQuarterSummary, toReopening } from "./summary.ts";
import { assertNotSignedOff } from "./lock.ts";

export async function listYears(context: Context): Promise<YearOverview[]> {
  await authorize(context, "manageQuarters");
  const { db } = context;
  const years = await db.reportingYear.findMany({ include: { quarters: { include: quarterSummaryInclude, orderBy: { number: "asc" } } }, orderBy: { startDate: "desc" } });
  const quarters = years.flatMap((year) => year.quarters);
  const [expected, received, reopenings] = await Promise.all([
    Promise.all(quarters.map((quarter) => db.indicator.count({ where: { priority: { yearId: quarter.yearId }, ...reportedIn(quarter) } }))),
    db.return.groupBy({
      by: ["quarterId"],
      where: { OR: [{ status: "SUBMITTED" }, { status: "NO_DATA", noDataReason: { in: ["NOT_RELEASED", "NO_UPDATE"] } }] },
      _count: true,
    }),
    db.quarterReopening.findMany({ include: reopeningInclude, orderBy: { reopenedAt: "desc" } }),
  ]);
  return years.map((year) => ({
    id: year.id,
    label: year.label,
    planYear: year.planYear,
    startDate: isoDate(year.startDate),
    endDate: isoDate(year.endDate),
    quarters: year.quarters.map((quarter) => ({
      ...toQuarterSummary(quarter),
      expected: expected[quarters.indexOf(quarter)]!,
      received: received.find((group) => group.quarterId === quarter.id)?._count ?? 0,
      reopenings: reopenings.filter((reopening) => reopening.quarterId === quarter.id).map(toReopening),
    })),
  }));
}

export async function updateQuarter(context: Context, id: number, change: UpdateQuarter): Promise<QuarterSummary> {
  await authorize(context, "manageQuarters");
  return transaction(context, async (tx) => {
    const quarter = await findQuarter(tx.db, id);
    assertNotSignedOff(quarter, "reopen it first");
    if (change.dueDate && change.dueDate < isoDate(quarter.startDate)) throw invalid({ dueDate: "The due date must be after the quarter starts" });
    const updated = await tx.db.quarter.update({
      where: { id },
      data: {
        ...(change.dueDate ? { dueDate: new Date(`${change.dueDate}T00:00:00Z`) } : {}),
        ...(change.open ? { status: "OPEN" } : {}),
      },
      include: quarterSummaryInclude,
    });
    await tx.audit({
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

export interface YearToAdd {
  label: string;
  /** YYYY-MM-DD */
  startDate: string;
  planYear: number;
}

/** A reporting year and its four quarters, planned (not open for entry), each due a month after it ends. */
export async function addYear(context: Context, input: YearToAdd) {
  await authorize(context, "manageQuarters");
  const start = new Date(`${input.startDate}T00:00:00Z`);
  try {
    return await transaction(context, async (tx) => {
      const year = await tx.db.reportingYear.create({
        data: { label: input.label, planYear: input.planYear, startDate: start, endDate: dayBefore(addMonths(start, 12)) },
      });
      for (const number of [1, 2, 3, 4]) {
        const quarterStart = addMonths(start, (number - 1) * 3);
        await tx.db.quarter.create({
          data: {
            yearId: year.id,
            number,
            startDate: quarterStart,
            endDate: dayBefore(addMonths(quarterStart, 3)),
            // Due by the end of the month after the quarter.
            dueDate: dayBefore(addMonths(quarterStart, 4)),
            status: "PLANNED",
          },
        });
      }
      return year;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ServiceError(409, `There is already a year ${input.label}.`, { fields: { label: `There is already a year ${input.label}` } });
    }
    throw error;
  }
}

/**
 * The next reporting year: its quarters, and a copy of the latest year's framework for editing.
 * Each copied indicator remembers the one it continues, so "compared with last year" finds last
 * year's figures.
 */
export async function createYear(context: Context, input: NewYear) {
  await authorize(context, "manageQuarters");
  const previous = await context.db.reportingYear.findFirst({
    orderBy: { startDate: "desc" },
    include: {
      priorities: {
        orderBy: { sortOrder: "asc" },
        include: { indicators: { where: { retired: false }, orderBy: { sortOrder: "asc" }, include: { fields: { where: { retired: false }, orderBy: { sortOrder: "asc" } } } } },
      },
    },
  });
  if (previous && new Date(`${input.startDate}T00:00:00Z`) <= previous.endDate) {
    throw invalid({ startDate: `The year must start after ${previous.label} ends (${isoDate(previous.endDate)})` });
  }

  return transaction(
    context,
    async (tx) => {
      const year = await addYear(tx, { label: input.label, startDate: input.startDate, planYear: (previous?.planYear ?? 0) + 1 });
      let copied = 0;
      for (const priority of previous?.priorities ?? []) {
        const { id: priorityId } = await tx.db.priority.create({
          data: { yearId: year.id, number: priority.number, title: priority.title, outcome: priority.outcome, sortOrder: priority.sortOrder },
        });
        for (const indicator of priority.indicators) {
          const { id: _id, priorityId: _priority, previousIndicatorId: _previous, retired: _retired, firstQuarter: _first, fields, ...framework } = indicator;
          const headlineKept = fields.some((field) => field.key === indicator.headlineFieldKey);
          await tx.db.indicator.create({
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
      await tx.audit({
        action: "year.create",
        entityType: "year",
        entityId: year.id,
        after: { label: year.label, copiedFrom: previous?.label ?? null, indicators: copied },
      });
      return { id: year.id, label: year.label, copiedFrom: previous?.label ?? null, indicators: copied };
    },
    { timeout: 30_000 },
  );
}
