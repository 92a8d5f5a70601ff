// Adding and changing indicators, one (the screens) or hundreds at once (an import), by the same
// rules: something added during a year starts after the last signed-off quarter; an indicator a
// signed-off quarter reports keeps its wording, owner and fields while it stays signed off; a
// field that holds figures can be retired but not removed or redefined. However many, a few
// statements do the work.
import type { Prisma } from "@quarterly-returns/db";
import type { FieldDeclaration, FrameworkIndicator, IndicatorChanges } from "@quarterly-returns/shared";
import { authorize } from "../access.ts";
import { writeAudits, type AuditEntry } from "../audit.ts";
import { transaction, type Context } from "../context.ts";
import { ServiceError, invalid } from "../errors.ts";
import { insertRows, type Columns } from "../batch-sql.ts";
import { toFieldDeclaration } from "../returns/mapping.ts";
import { frameworkIndicatorInclude, toFrameworkIndicator, type FrameworkIndicatorRow } from "./indicator-rows.ts";
import { quartersNamed, signedOffByYear, startingQuarter } from "./reported.ts";

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

const INDICATOR_COLUMNS = {
  priorityId: ["priority_id", "int"],
  ref: ["ref", "text"],
  title: ["title", "text"],
  ownerOrganisationId: ["owner_organisation_id", "int"],
  leadContact: ["lead_contact", "text"],
  restricted: ["restricted", "boolean"],
  polarity: ["polarity", '"Polarity"'],
  target: ["target", "numeric"],
  headlineFieldKey: ["headline_field_key", "text"],
  sortOrder: ["sort_order", "int"],
  retired: ["retired", "boolean"],
  firstQuarter: ["first_quarter", "int"],
  periodBasis: ["period_basis", '"PeriodBasis"'],
  periodLagMonths: ["period_lag_months", "int"],
} as const satisfies Columns<Prisma.IndicatorUncheckedCreateInput>;

const FIELD_COLUMNS = {
  indicatorId: ["indicator_id", "int"],
  key: ["key", "text"],
  label: ["label", "text"],
  kind: ["kind", '"FieldKind"'],
  unit: ["unit", "text"],
  comparesWithPreviousYear: ["compares_with_previous_year", "boolean"],
  required: ["required", "boolean"],
  softMin: ["soft_min", "numeric"],
  softMax: ["soft_max", "numeric"],
  hardMin: ["hard_min", "numeric"],
  hardMax: ["hard_max", "numeric"],
  maxChange: ["max_change", "numeric"],
  sortOrder: ["sort_order", "int"],
  retired: ["retired", "boolean"],
} as const satisfies Columns<Prisma.IndicatorFieldUncheckedCreateInput>;

/**
 * Adds indicators to a priority, each with its fields, in a few statements whatever their number
 * (an import adds hundreds): they start in the quarter after the last signed-off one, and one
 * without a place in the priority goes after its last indicator. Their ids, in the order given.
 */
export async function addIndicators(context: Context, priorityId: number, inputs: IndicatorChanges[]): Promise<number[]> {
  await authorize(context, "manageFramework");
  await assertOwnersExist(context, inputs);
  return transaction(context, async (tx) => {
    const priority = await tx.db.priority.findUnique({ where: { id: priorityId }, include: { year: true } });
    if (!priority) throw new ServiceError(404, "There is no such priority.");
    const firstQuarter = Math.max(await startingQuarter(tx.db, priority.year), priority.firstQuarter);
    const last = (await tx.db.indicator.aggregate({ where: { priorityId }, _max: { sortOrder: true } }))._max.sortOrder ?? 0;
    let next = last;
    const placed = inputs.map(({ fields: _fields, reason: _reason, ...columns }) => ({ ...columns, sortOrder: columns.sortOrder ?? ++next, priorityId, firstQuarter }));
    const rows = await insertRows<Prisma.IndicatorUncheckedCreateInput, typeof INDICATOR_COLUMNS, { id: number; title: string; sortOrder: number }>(
      tx.db,
      "indicators",
      INDICATOR_COLUMNS,
      placed,
      'id, title, sort_order AS "sortOrder"',
    );
    // Ids come from the sequence in the order the rows were given; checked, not assumed.
    const created = rows.sort((a, b) => a.id - b.id);
    if (created.some((row, index) => row.title !== placed[index]!.title || row.sortOrder !== placed[index]!.sortOrder)) throw new Error("The added indicators came back in another order.");
    const fields = created.flatMap((row, index) => inputs[index]!.fields.map((field, place) => ({ ...field, indicatorId: row.id, sortOrder: place + 1 })));
    await insertRows<Prisma.IndicatorFieldUncheckedCreateInput, typeof FIELD_COLUMNS>(tx.db, "indicator_fields", FIELD_COLUMNS, fields);
    await writeAudits(
      tx,
      created.map((row, index) => ({
        action: "framework.indicator-create",
        entityType: "indicator",
        entityId: row.id,
        indicatorId: row.id,
        organisationId: inputs[index]!.ownerOrganisationId,
        after: { ...inputs[index]!, sortOrder: placed[index]!.sortOrder, firstQuarter } as Prisma.InputJsonValue,
      })),
    );
    return created.map((row) => row.id);
  });
}

async function assertOwnersExist(context: Context, inputs: IndicatorChanges[]): Promise<void> {
  const wanted = [...new Set(inputs.map((input) => input.ownerOrganisationId))];
  const found = await context.db.organisation.count({ where: { id: { in: wanted } } });
  if (found !== wanted.length) throw invalid({ ownerOrganisationId: "Choose an organisation from the list" });
}

/**
 * Changes indicators, each with its fields. If any change breaks a rule, nothing is changed and the
 * refusals are given by the change's place in `changes`; otherwise the indicators as they now are.
 */
export async function updateIndicators(context: Context, requested: { id: number; input: IndicatorChanges }[]): Promise<{ refused: Map<number, ServiceError>; saved: FrameworkIndicator[] }> {
  await authorize(context, "manageFramework");
  await assertOwnersExist(context, requested.map((change) => change.input));
  return transaction(context, async (tx) => {
    const rows = await tx.db.indicator.findMany({ where: { id: { in: requested.map((change) => change.id) } }, include: frameworkIndicatorInclude });
    const befores = new Map(rows.map((row) => [row.id, row]));
    // A change that does not say where the indicator goes leaves it where it is.
    const changes = requested.map(({ id, input }) => ({ id, input: { ...input, sortOrder: input.sortOrder ?? befores.get(id)?.sortOrder } }));
    const signedOff = await signedOffByYear(tx.db, [...new Set(rows.map((row) => row.priority.yearId))]);
    const refused = new Map<number, ServiceError>();
    const currents = changes.map(({ id, input }, index) => {
      const before = befores.get(id);
      if (!before) return void refused.set(index, new ServiceError(404, "There is no such indicator."));
      const fixedBy = (signedOff.get(before.priority.yearId) ?? []).filter((number) => number >= before.firstQuarter);
      const current = toFrameworkIndicator(before, fixedBy);
      // Retiring stops it being asked for at once: the admin says why, for the audit log.
      if (input.retired && !current.retired && !input.reason) return void refused.set(index, invalid({ reason: "Say why the indicator is being retired" }));
      const problems = fixedBy.length ? fixedChanges(current, input, quartersNamed(fixedBy, before.priority.year.label)) : heldFigureChanges(current, input);
      if (problems.message) refused.set(index, new ServiceError(409, problems.message, problems.fields ? { fields: problems.fields } : {}));
      return current;
    });
    if (refused.size) return { refused, saved: [] };

    for (const { id, input } of changes) {
      const { fields, reason: _reason, ...columns } = input;
      await tx.db.indicator.update({ where: { id }, data: columns });
      if (sameFields(befores.get(id)!.fields, fields)) continue;
      await tx.db.indicatorField.deleteMany({ where: { indicatorId: id, key: { notIn: fields.map((field) => field.key) } } });
      for (const [index, field] of fields.entries()) {
        await tx.db.indicatorField.upsert({
          where: { indicatorId_key: { indicatorId: id, key: field.key } },
          create: { ...field, indicatorId: id, sortOrder: index + 1 },
          update: { ...field, sortOrder: index + 1 },
        });
      }
    }
    const afters = new Map((await tx.db.indicator.findMany({ where: { id: { in: changes.map((change) => change.id) } }, include: frameworkIndicatorInclude })).map((row) => [row.id, row]));
    const saved = changes.map(({ id }, index) => toFrameworkIndicator(afters.get(id)!, currents[index]!.fixedBySignedOffQuarters));
    await writeAudits(
      tx,
      changes.map(({ id, input }, index): AuditEntry => ({
        action: input.retired && !currents[index]!.retired ? "framework.indicator-retire" : "framework.indicator-update",
        entityType: "indicator",
        entityId: id,
        indicatorId: id,
        organisationId: input.ownerOrganisationId,
        before: currents[index] as unknown as Prisma.InputJsonValue,
        after: { ...saved[index]!, ...(input.reason ? { reason: input.reason } : {}) } as unknown as Prisma.InputJsonValue,
      })),
    );
    return { refused, saved };
  });
}

/** The fields as they are and as wanted: the same, in the same order, so nothing to write. */
function sameFields(existing: FrameworkIndicatorRow["fields"], wanted: IndicatorChanges["fields"]): boolean {
  const text = (fields: FieldDeclaration[]) =>
    JSON.stringify(fields.map(({ key, label, kind, unit, comparesWithPreviousYear, required, softMin, softMax, hardMin, hardMax, maxChange, retired }) => [key, label, kind, unit, comparesWithPreviousYear, required, softMin, softMax, hardMin ?? null, hardMax ?? null, maxChange ?? null, retired]));
  return text(existing.map(toFieldDeclaration)) === text(wanted.map((field) => ({ ...field, unit: field.unit ?? null, softMin: field.softMin ?? null, softMax: field.softMax ?? null })));
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
