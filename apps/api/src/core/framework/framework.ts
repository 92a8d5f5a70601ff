// The framework: priorities, their indicators and each indicator's fields. A change never alters
// what a signed-off quarter showed: something added during a year starts after the last
// signed-off quarter; what a signed-off quarter reports keeps its wording, owner and fields while
// it stays signed off (change it in next year's copy); a field that holds figures can be retired
// but not removed or redefined; an indicator with returns can be retired but not deleted.
import { Prisma } from "@quarterly-returns/db";
import type { Framework, FrameworkIndicator, IndicatorChanges, PriorityInput } from "@quarterly-returns/shared";
import { authorize } from "../access.ts";
import { transaction, type Context } from "../context.ts";
import { ServiceError, invalid } from "../errors.ts";
import { toFieldDeclaration } from "../returns/mapping.ts";
import { quartersNamed, signedOffQuartersReporting, startingQuarter } from "./reported.ts";

type PriorityChanges = { number: number; title: string; outcome: string };

const indicatorInclude = {
  ownerOrganisation: { select: { id: true, name: true, shortName: true } },
  fields: { orderBy: { sortOrder: "asc" }, include: { _count: { select: { values: true } } } },
  priority: { select: { yearId: true, year: { select: { label: true } } } },
  _count: { select: { returns: true } },
} as const satisfies Prisma.IndicatorInclude;

type IndicatorRow = Prisma.IndicatorGetPayload<{ include: typeof indicatorInclude }>;

function toFrameworkIndicator(row: IndicatorRow, fixedBy: number[]): FrameworkIndicator {
  return {
    id: row.id,
    ref: row.ref,
    title: row.title,
    owner: row.ownerOrganisation,
    leadContact: row.leadContact,
    restricted: row.restricted,
    polarity: row.polarity,
    target: row.target?.toString() ?? null,
    headlineFieldKey: row.headlineFieldKey,
    sortOrder: row.sortOrder,
    retired: row.retired,
    firstQuarter: row.firstQuarter,
    fixedBySignedOffQuarters: fixedBy,
    previousIndicatorId: row.previousIndicatorId,
    returns: row._count.returns,
    fields: row.fields.map((field) => ({ ...toFieldDeclaration(field), values: field._count.values })),
  };
}

export async function getFramework(context: Context, yearId: number): Promise<Framework> {
  await authorize(context, "manageFramework");
  const year = await context.db.reportingYear.findUnique({
    where: { id: yearId },
    include: {
      quarters: { where: { status: "CLOSED" }, select: { number: true } },
      priorities: { orderBy: { sortOrder: "asc" }, include: { indicators: { orderBy: { sortOrder: "asc" }, include: indicatorInclude } } },
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

/** What a signed-off quarter shows of an indicator: fixed while it stays signed off. */
const WORDING = ["ref", "title", "ownerOrganisationId", "leadContact", "restricted", "polarity", "target", "headlineFieldKey", "sortOrder"] as const;
const WORDING_NAMES: Record<(typeof WORDING)[number], string> = {
  ref: "ref",
  title: "title",
  ownerOrganisationId: "owner",
  leadContact: "lead contact",
  restricted: "restriction",
  polarity: "polarity",
  target: "target",
  headlineFieldKey: "headline figure",
  sortOrder: "place in the report",
};
const FIELD_DEFINITION = ["label", "kind", "unit", "comparesWithPreviousYear"] as const;

/** Creates an indicator in a priority, or changes one, with its fields, in one transaction. */
export async function saveIndicator(context: Context, target: { priorityId: number } | { id: number }, input: IndicatorChanges): Promise<FrameworkIndicator> {
  await authorize(context, "manageFramework");
  if (!(await context.db.organisation.findUnique({ where: { id: input.ownerOrganisationId } }))) {
    throw invalid({ ownerOrganisationId: "Choose an organisation from the list" });
  }
  const { fields, ...columns } = input;

  return transaction(context, async (tx) => {
    if ("priorityId" in target) {
      const priority = await tx.db.priority.findUnique({ where: { id: target.priorityId }, include: { year: true } });
      if (!priority) throw new ServiceError(404, "There is no such priority.");
      const firstQuarter = Math.max(await startingQuarter(tx.db, priority.year), priority.firstQuarter);
      const created = await tx.db.indicator.create({
        data: { ...columns, priorityId: target.priorityId, firstQuarter, fields: { create: fields.map((field, index) => ({ ...field, sortOrder: index + 1 })) } },
        include: indicatorInclude,
      });
      await tx.audit({
        action: "framework.indicator-create",
        entityType: "indicator",
        entityId: created.id,
        indicatorId: created.id,
        organisationId: created.ownerOrganisationId,
        after: { ...input, firstQuarter } as Prisma.InputJsonValue,
      });
      return toFrameworkIndicator(created, []);
    }

    const before = await tx.db.indicator.findUnique({ where: { id: target.id }, include: indicatorInclude });
    if (!before) throw new ServiceError(404, "There is no such indicator.");
    const fixedBy = await signedOffQuartersReporting(tx.db, before.priority.yearId, before.firstQuarter);
    const current = toFrameworkIndicator(before, fixedBy);
    const problems = fixedBy.length ? fixedChanges(current, input, quartersNamed(fixedBy, before.priority.year.label)) : heldFigureChanges(current, input);
    if (problems.message) throw new ServiceError(409, problems.message, problems.fields ? { fields: problems.fields } : {});

    await tx.db.indicator.update({ where: { id: before.id }, data: columns });
    const kept = new Set(fields.map((field) => field.key));
    await tx.db.indicatorField.deleteMany({ where: { indicatorId: before.id, key: { notIn: [...kept] } } });
    for (const [index, field] of fields.entries()) {
      await tx.db.indicatorField.upsert({
        where: { indicatorId_key: { indicatorId: before.id, key: field.key } },
        create: { ...field, indicatorId: before.id, sortOrder: index + 1 },
        update: { ...field, sortOrder: index + 1 },
      });
    }
    const after = await tx.db.indicator.findUniqueOrThrow({ where: { id: before.id }, include: indicatorInclude });
    const saved = toFrameworkIndicator(after, fixedBy);
    await tx.audit({
      action: input.retired && !before.retired ? "framework.indicator-retire" : "framework.indicator-update",
      entityType: "indicator",
      entityId: before.id,
      indicatorId: before.id,
      organisationId: input.ownerOrganisationId,
      before: current as unknown as Prisma.InputJsonValue,
      after: saved as unknown as Prisma.InputJsonValue,
    });
    return saved;
  });
}

type Problems = { message: string | null; fields?: Record<string, string> };

/**
 * The existing fields that must stay as they are (`fixed`), each removed or redefined one named
 * with why it is fixed ("holds figures", "is in the signed-off Q1–Q3 2019/20 report").
 */
function fieldChanges(current: FrameworkIndicator, input: IndicatorChanges, fixed: (field: FrameworkIndicator["fields"][number]) => boolean, why: string) {
  const fields: Record<string, string> = {};
  for (const existing of current.fields.filter(fixed)) {
    const index = input.fields.findIndex((field) => field.key === existing.key);
    if (index === -1) {
      fields[`fields.${existing.key}`] = `The field ${existing.key} ${why}: retire it instead of removing it`;
      continue;
    }
    const redefined = FIELD_DEFINITION.filter((key) => String(existing[key] ?? null) !== String(input.fields[index]![key] ?? null));
    if (redefined.length) fields[`fields.${index}.${redefined[0]}`] = `The field ${existing.key} ${why}, so its ${redefined.join(", ")} cannot change: retire it and add a new field`;
  }
  return fields;
}

/**
 * An indicator a signed-off quarter reports: its wording and owner stay, and so do its fields —
 * none removed, redefined or reordered (retiring one, or adding one for the open quarters, leaves
 * what was shown as it was).
 */
function fixedChanges(current: FrameworkIndicator, input: IndicatorChanges, quarters: string): Problems {
  const wording = { ...current, ownerOrganisationId: current.owner.id };
  const changed = WORDING.filter((key) => String(wording[key] ?? null) !== String(input[key] ?? null)).map((key) => WORDING_NAMES[key]);
  const fields = fieldChanges(current, input, () => true, `is in the signed-off ${quarters} report`);
  const kept = current.fields.map((existing) => input.fields.findIndex((field) => field.key === existing.key)).filter((index) => index !== -1);
  if (kept.some((index, at) => at > 0 && index < kept[at - 1]!)) changed.push("order of its fields");
  if (!changed.length && !Object.keys(fields).length) return { message: null };
  const parts = [
    changed.length ? `its ${changed.join(", ")} cannot change while they are signed off: that would alter what they showed. Change it in next year's framework` : null,
    ...Object.values(fields),
  ].filter(Boolean);
  return { message: `This indicator is in the signed-off ${quarters} report, so ${parts.join(". ")}.`, fields };
}

/** Anywhere: a field that holds figures can be retired but not removed or redefined. */
function heldFigureChanges(current: FrameworkIndicator, input: IndicatorChanges): Problems {
  const fields = fieldChanges(current, input, (field) => field.values > 0, "holds figures");
  return Object.keys(fields).length ? { message: `${Object.values(fields).join(". ")}.`, fields } : { message: null };
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
