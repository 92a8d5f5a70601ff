// The framework editor. A change never alters what a signed-off quarter showed: an indicator with
// signed-off returns keeps its wording for the year (change it in next year's copy), a field that
// holds figures can be retired but not deleted or redefined, an indicator with returns can be
// retired but not deleted.
import { Prisma, type PrismaClient } from "@quarterly-returns/db";
import type { Framework, FrameworkIndicator, IndicatorChanges, PriorityInput } from "@quarterly-returns/shared";
import type { FastifyRequest } from "fastify";
import { audit } from "../../lib/audit.ts";
import { HttpError, invalid } from "../../lib/http-error.ts";
import { toFieldDeclaration } from "../../lib/return-mapping.ts";

type Tx = Prisma.TransactionClient;
type PriorityChanges = { number: number; title: string; outcome: string };

const indicatorInclude = {
  ownerOrganisation: { select: { id: true, name: true, shortName: true } },
  fields: { orderBy: { sortOrder: "asc" }, include: { _count: { select: { values: true } } } },
  _count: { select: { returns: true } },
} as const satisfies Prisma.IndicatorInclude;

type IndicatorRow = Prisma.IndicatorGetPayload<{ include: typeof indicatorInclude }>;

async function signedOffReturns(db: Tx | PrismaClient, indicatorIds: number[]): Promise<Map<number, number>> {
  const groups = await db.return.groupBy({ by: ["indicatorId"], where: { indicatorId: { in: indicatorIds }, quarter: { status: "CLOSED" } }, _count: true });
  return new Map(groups.map((group) => [group.indicatorId, group._count]));
}

function toFrameworkIndicator(row: IndicatorRow, signedOff: number): FrameworkIndicator {
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
    previousIndicatorId: row.previousIndicatorId,
    returns: row._count.returns,
    signedOffReturns: signedOff,
    fields: row.fields.map((field) => ({ ...toFieldDeclaration(field), values: field._count.values })),
  };
}

export async function getFramework(prisma: PrismaClient, yearId: number): Promise<Framework> {
  const year = await prisma.reportingYear.findUnique({
    where: { id: yearId },
    include: { priorities: { orderBy: { sortOrder: "asc" }, include: { indicators: { orderBy: { sortOrder: "asc" }, include: indicatorInclude } } } },
  });
  if (!year) throw new HttpError(404, "There is no such year.");
  const signedOff = await signedOffReturns(prisma, year.priorities.flatMap((priority) => priority.indicators.map((indicator) => indicator.id)));
  return {
    year: { id: year.id, label: year.label },
    priorities: year.priorities.map((priority) => ({
      id: priority.id,
      number: priority.number,
      title: priority.title,
      outcome: priority.outcome,
      sortOrder: priority.sortOrder,
      locked: priority.indicators.some((indicator) => (signedOff.get(indicator.id) ?? 0) > 0),
      indicators: priority.indicators.map((indicator) => toFrameworkIndicator(indicator, signedOff.get(indicator.id) ?? 0)),
    })),
  };
}

function uniqueNumber(error: unknown, message: string): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new HttpError(409, `${message}.`, { fields: { number: message } });
  throw error;
}

export async function savePriority(prisma: PrismaClient, request: FastifyRequest, target: { yearId: number } | { id: number }, input: PriorityChanges) {
  try {
    return await prisma.$transaction(async (tx) => {
      if ("yearId" in target) {
        const year = await tx.reportingYear.findUnique({ where: { id: target.yearId } });
        if (!year) throw new HttpError(404, "There is no such year.");
        const sortOrder = (await tx.priority.count({ where: { yearId: year.id } })) + 1;
        const created = await tx.priority.create({ data: { yearId: year.id, sortOrder, ...input } });
        await audit(tx, request, { action: "framework.priority-create", entityType: "priority", entityId: created.id, after: input });
        return created;
      }
      const before = await tx.priority.findUnique({ where: { id: target.id }, include: { indicators: { select: { id: true } } } });
      if (!before) throw new HttpError(404, "There is no such priority.");
      const signedOff = await signedOffReturns(tx, before.indicators.map((indicator) => indicator.id));
      if (signedOff.size > 0 && (before.title !== input.title || before.outcome !== input.outcome || before.number !== input.number)) {
        throw new HttpError(409, "This priority has signed-off returns, so its wording is fixed for this year. Change it in next year's framework.");
      }
      const after = await tx.priority.update({ where: { id: before.id }, data: input });
      await audit(tx, request, {
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

export async function deletePriority(prisma: PrismaClient, request: FastifyRequest, id: number) {
  await prisma.$transaction(async (tx) => {
    const priority = await tx.priority.findUnique({ where: { id }, include: { _count: { select: { indicators: true } } } });
    if (!priority) throw new HttpError(404, "There is no such priority.");
    if (priority._count.indicators > 0) throw new HttpError(409, "This priority has indicators: move or delete them first.");
    await tx.priority.delete({ where: { id } });
    await audit(tx, request, { action: "framework.priority-delete", entityType: "priority", entityId: id, before: { number: priority.number, title: priority.title } });
  });
}

const WORDING = ["ref", "title", "ownerOrganisationId", "leadContact", "restricted", "polarity", "target", "headlineFieldKey", "sortOrder"] as const;
const FIELD_DEFINITION = ["label", "kind", "unit", "comparesWithPreviousYear"] as const;

/** Creates an indicator in a priority, or changes one, with its fields, in one transaction. */
export async function saveIndicator(prisma: PrismaClient, request: FastifyRequest, target: { priorityId: number } | { id: number }, input: IndicatorChanges) {
  if (!(await prisma.organisation.findUnique({ where: { id: input.ownerOrganisationId } }))) {
    throw invalid({ ownerOrganisationId: "Choose an organisation from the list" });
  }
  const { fields, ...columns } = input;
  const data = { ...columns, target: columns.target };

  return prisma.$transaction(async (tx) => {
    if ("priorityId" in target) {
      if (!(await tx.priority.findUnique({ where: { id: target.priorityId } }))) throw new HttpError(404, "There is no such priority.");
      const created = await tx.indicator.create({
        data: { ...data, priorityId: target.priorityId, fields: { create: fields.map((field, index) => ({ ...field, sortOrder: index + 1 })) } },
        include: indicatorInclude,
      });
      await audit(tx, request, { action: "framework.indicator-create", entityType: "indicator", entityId: created.id, indicatorId: created.id, after: input as Prisma.InputJsonValue });
      return toFrameworkIndicator(created, 0);
    }

    const before = await tx.indicator.findUnique({ where: { id: target.id }, include: indicatorInclude });
    if (!before) throw new HttpError(404, "There is no such indicator.");
    const current = toFrameworkIndicator(before, (await signedOffReturns(tx, [before.id])).get(before.id) ?? 0);
    if (current.signedOffReturns > 0) {
      const wording = { ...current, ownerOrganisationId: current.owner.id };
      const changed = WORDING.filter((key) => String(wording[key] ?? null) !== String(data[key] ?? null));
      if (changed.length) {
        throw new HttpError(409, `This indicator has signed-off returns, so its ${changed.join(", ")} cannot change this year: that would alter what a signed-off quarter showed. Change it in next year's framework.`);
      }
    }

    const problems: Record<string, string> = {};
    for (const existing of current.fields) {
      const index = fields.findIndex((field) => field.key === existing.key);
      if (index === -1) {
        if (existing.values > 0) problems[`fields.${existing.key}`] = `The field ${existing.key} holds figures: retire it instead of removing it`;
        continue;
      }
      const changedDefinition = FIELD_DEFINITION.filter((key) => String(existing[key] ?? null) !== String(fields[index]![key] ?? null));
      if (existing.values > 0 && changedDefinition.length) {
        problems[`fields.${index}.${changedDefinition[0]}`] = `The field ${existing.key} holds figures, so its ${changedDefinition.join(", ")} cannot change: retire it and add a new field`;
      }
    }
    if (Object.keys(problems).length) throw new HttpError(409, Object.values(problems).join(". ") + ".", { fields: problems });

    await tx.indicator.update({ where: { id: before.id }, data });
    const kept = new Set(fields.map((field) => field.key));
    await tx.indicatorField.deleteMany({ where: { indicatorId: before.id, key: { notIn: [...kept] } } });
    for (const [index, field] of fields.entries()) {
      await tx.indicatorField.upsert({
        where: { indicatorId_key: { indicatorId: before.id, key: field.key } },
        create: { ...field, indicatorId: before.id, sortOrder: index + 1 },
        update: { ...field, sortOrder: index + 1 },
      });
    }
    const after = await tx.indicator.findUniqueOrThrow({ where: { id: before.id }, include: indicatorInclude });
    const saved = toFrameworkIndicator(after, current.signedOffReturns);
    await audit(tx, request, {
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

export async function deleteIndicator(prisma: PrismaClient, request: FastifyRequest, id: number) {
  await prisma.$transaction(async (tx) => {
    const indicator = await tx.indicator.findUnique({ where: { id }, include: { _count: { select: { returns: true, chaseItems: true } }, nextIndicator: { select: { id: true } } } });
    if (!indicator) throw new HttpError(404, "There is no such indicator.");
    if (indicator._count.returns > 0 || indicator._count.chaseItems > 0) throw new HttpError(409, "This indicator has returns: retire it instead of deleting it.");
    if (indicator.nextIndicator) throw new HttpError(409, "Next year's framework continues this indicator: retire it instead of deleting it.");
    await tx.indicator.delete({ where: { id } });
    await audit(tx, request, { action: "framework.indicator-delete", entityType: "indicator", entityId: id, before: { ref: indicator.ref, title: indicator.title } });
  });
}
