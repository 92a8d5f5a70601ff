// The framework: priorities, their indicators and each indicator's fields. A change never alters
// what a signed-off quarter showed: something added during a year starts after the last
// signed-off quarter; what a signed-off quarter reports keeps its wording, owner and fields while
// it stays signed off (change it in next year's copy); a field that holds figures can be retired
// but not removed or redefined; an indicator with returns can be retired but not deleted.
import { Prisma } from "@quarterly-returns/db";
import type { Framework, FrameworkIndicator, IndicatorChanges, PriorityInput } from "@quarterly-returns/shared";
import { authorize } from "../access.ts";
import { transaction, type Context } from "../context.ts";
import { ServiceError } from "../errors.ts";
import { frameworkIndicatorInclude, toFrameworkIndicator } from "./indicator-rows.ts";
import { addIndicators, updateIndicators } from "./indicator-writes.ts";
import { quartersNamed, signedOffQuartersReporting, startingQuarter } from "./reported.ts";

type PriorityChanges = { number: number; title: string; outcome: string };

export async function getFramework(context: Context, yearId: number): Promise<Framework> {
  await authorize(context, "manageFramework");
  const year = await context.db.reportingYear.findUnique({
    where: { id: yearId },
    include: {
      quarters: { where: { status: "CLOSED" }, select: { number: true } },
      priorities: { orderBy: { sortOrder: "asc" }, include: { indicators: { orderBy: { sortOrder: "asc" }, include: frameworkIndicatorInclude } } },
    },
  });
  if (!year) throw new ServiceError(404, "There is no such year.");
  const closed = year.quarters.map((quarter) => quarter.number).sort();
  const fixedFrom = (firstQuarter: number) => closed.filter((number) => number >= firstQuarter);
  return {
    year: { id: year.id, label: year.label },
    priorities: year.priorities.map((priority) => ({
      id: priority.id,
      number: priority.number,
      title: priority.title,
      outcome: priority.outcome,
      sortOrder: priority.sortOrder,
      firstQuarter: priority.firstQuarter,
      locked: fixedFrom(priority.firstQuarter).length > 0,
      indicators: priority.indicators.map((indicator) => toFrameworkIndicator(indicator, fixedFrom(indicator.firstQuarter))),
    })),
  };
}

function uniqueNumber(error: unknown, message: string): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new ServiceError(409, `${message}.`, { fields: { number: message } });
  throw error;
}

export async function savePriority(context: Context, target: { yearId: number } | { id: number }, input: PriorityChanges) {
  await authorize(context, "manageFramework");
  try {
    return await transaction(context, async (tx) => {
      if ("yearId" in target) {
        const year = await tx.db.reportingYear.findUnique({ where: { id: target.yearId } });
        if (!year) throw new ServiceError(404, "There is no such year.");
        const firstQuarter = await startingQuarter(tx.db, year);
        const sortOrder = (await tx.db.priority.count({ where: { yearId: year.id } })) + 1;
        const created = await tx.db.priority.create({ data: { yearId: year.id, sortOrder, firstQuarter, ...input } });
        await tx.audit({ action: "framework.priority-create", entityType: "priority", entityId: created.id, after: { ...input, firstQuarter } });
        return created;
      }
      const before = await tx.db.priority.findUnique({ where: { id: target.id }, include: { year: true } });
      if (!before) throw new ServiceError(404, "There is no such priority.");
      const fixedBy = await signedOffQuartersReporting(tx.db, before.yearId, before.firstQuarter);
      if (fixedBy.length > 0 && (before.title !== input.title || before.outcome !== input.outcome || before.number !== input.number)) {
        throw new ServiceError(409, `Priority ${before.number} is in the signed-off ${quartersNamed(fixedBy, before.year.label)} report, so its wording is fixed while they are signed off. Change it in next year's framework.`);
      }
      const after = await tx.db.priority.update({ where: { id: before.id }, data: input });
      await tx.audit({
        action: "framework.priority-update",
        entityType: "priority",
        entityId: after.id,
        before: { number: before.number, title: before.title, outcome: before.outcome },
        after: input,
      });
      return after;
    });
  } catch (error) {
    return uniqueNumber(error, `There is already a priority ${input.number} this year`);
  }
}

export async function deletePriority(context: Context, id: number): Promise<void> {
  await authorize(context, "manageFramework");
  await transaction(context, async (tx) => {
    const priority = await tx.db.priority.findUnique({ where: { id }, include: { year: true, _count: { select: { indicators: true } } } });
    if (!priority) throw new ServiceError(404, "There is no such priority.");
    if (priority._count.indicators > 0) throw new ServiceError(409, "This priority has indicators: move or delete them first.");
    const fixedBy = await signedOffQuartersReporting(tx.db, priority.yearId, priority.firstQuarter);
    if (fixedBy.length > 0) throw new ServiceError(409, `Priority ${priority.number} is in the signed-off ${quartersNamed(fixedBy, priority.year.label)} report, so it cannot be deleted while they are signed off.`);
    await tx.db.priority.delete({ where: { id } });
    await tx.audit({ action: "framework.priority-delete", entityType: "priority", entityId: id, before: { number: priority.number, title: priority.title } });
  });
}

/** Creates an indicator in a priority, or changes one, with its fields, in one transaction. */
export async function saveIndicator(context: Context, target: { priorityId: number } | { id: number }, input: IndicatorChanges): Promise<FrameworkIndicator> {
  if ("priorityId" in target) {
    const [id] = await addIndicators(context, target.priorityId, [input]);
    return toFrameworkIndicator(await context.db.indicator.findUniqueOrThrow({ where: { id }, include: frameworkIndicatorInclude }), []);
  }
  const { refused, saved } = await updateIndicators(context, [{ id: target.id, input }]);
  if (refused.size) throw refused.get(0)!;
  return saved[0]!;
}

export async function deleteIndicator(context: Context, id: number): Promise<void> {
  await authorize(context, "manageFramework");
  await transaction(context, async (tx) => {
    const indicator = await tx.db.indicator.findUnique({
      where: { id },
      include: { priority: { include: { year: true } }, _count: { select: { returns: true, chaseItems: true } }, nextIndicator: { select: { id: true } } },
    });
    if (!indicator) throw new ServiceError(404, "There is no such indicator.");
    if (indicator._count.returns > 0 || indicator._count.chaseItems > 0) throw new ServiceError(409, "This indicator has returns: retire it instead of deleting it.");
    if (indicator.nextIndicator) throw new ServiceError(409, "Next year's framework continues this indicator: retire it instead of deleting it.");
    const fixedBy = await signedOffQuartersReporting(tx.db, indicator.priority.yearId, indicator.firstQuarter);
    if (fixedBy.length) throw new ServiceError(409, `This indicator is in the signed-off ${quartersNamed(fixedBy, indicator.priority.year.label)} report: retire it instead of deleting it.`);
    await tx.db.indicator.delete({ where: { id } });
    await tx.audit({ action: "framework.indicator-delete", entityType: "indicator", entityId: id, before: { ref: indicator.ref, title: indicator.title } });
  });
}
