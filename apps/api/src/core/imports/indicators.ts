// The document's indicator lines as the year's indicators: each line is matched to the indicator
// at its place (its ref, or the ref above, and its order under it), updated where the line reads
// differently, or added, all of a priority's new ones together.
import { indicatorSchema, splitFigureAndPeriod, type FieldKind, type IndicatorChanges } from "@quarterly-returns/shared";
import type { DocumentIndicatorLine, DocumentProblem } from "@quarterly-returns/shared/report-document";
import type { Context } from "../context.ts";
import { saveIndicator } from "../framework/framework.ts";
import { addIndicators, updateIndicators } from "../framework/indicator-writes.ts";
import { indicatorInclude, toFieldDeclaration, type IndicatorRow } from "../returns/mapping.ts";
import { inferKind } from "./cells.ts";
import { batchOrOneByOne, checked, problemOf, type Attempt } from "./steps.ts";

export interface Owner {
  id: number;
  leadContact: string | null;
}

/** The year's indicators, per priority, by the document's key: their ref (continuations inherit it) and place under it. */
export async function indicatorsByLine(context: Context, yearId: number): Promise<Map<number, Map<string, IndicatorRow>>> {
  const indicators = await context.db.indicator.findMany({ where: { priority: { yearId } }, include: indicatorInclude, orderBy: [{ priorityId: "asc" }, { sortOrder: "asc" }] });
  const byPriority = new Map<number, Map<string, IndicatorRow>>();
  const ordinals = new Map<string, number>();
  let ref = "";
  for (const indicator of indicators) {
    if (!byPriority.has(indicator.priorityId)) {
      byPriority.set(indicator.priorityId, new Map());
      ordinals.clear();
      ref = "";
    }
    ref = indicator.ref ?? ref;
    const ordinal = (ordinals.get(ref) ?? 0) + 1;
    ordinals.set(ref, ordinal);
    byPriority.get(indicator.priorityId)!.set(`${ref}#${ordinal}`, indicator);
  }
  return byPriority;
}

/** A new indicator as its line describes it: its one field's kind from the figures in its cells. */
export function newIndicator(line: DocumentIndicatorLine, owner: Owner, sortOrder: number): IndicatorChanges {
  const kind: FieldKind | null = inferKind(line.quarters);
  const input = {
    ref: line.continuation ? null : line.ref,
    title: line.title,
    ownerOrganisationId: owner.id,
    leadContact: owner.leadContact,
    restricted: line.restricted,
    polarity: "NEUTRAL",
    sortOrder,
    headlineFieldKey: kind ? "value" : null,
    // Figures that name their own period ("8.77% (12m to Sept 12)") cover what each cell states.
    periodBasis: line.quarters.some((cell) => splitFigureAndPeriod(cell)) ? "AS_STATED" : "QUARTER",
    fields: kind ? [{ key: "value", label: kind === "PERCENT" ? "Percentage" : "Figure", kind }] : [],
  };
  return checked<IndicatorChanges>(indicatorSchema, input);
}

/**
 * A priority's new indicators, added together; should that be refused, one by one, so that each
 * refusal is named on its line. The indicators in the order of `lines`, undefined for one refused.
 */
export async function addLineIndicators(context: Context, priorityId: number, lines: { line: DocumentIndicatorLine; input: IndicatorChanges }[], attempt: Attempt): Promise<(IndicatorRow | undefined)[]> {
  if (lines.length === 0) return [];
  const ids = await batchOrOneByOne<(number | undefined)[]>(
    context,
    () => addIndicators(context, priorityId, lines.map(({ input }) => input)),
    async () => {
      const ids = [];
      for (const { line, input } of lines) ids.push((await attempt(line.line, () => addIndicators(context, priorityId, [input])))?.[0]);
      return ids;
    },
  );
  return readIndicators(context, ids);
}

/** The indicator as its line has it, or null when it already reads so; its figures' fields and everything else it declares stay. */
export function changedIndicator(indicator: IndicatorRow, line: DocumentIndicatorLine, owner: Owner, sortOrder: number): IndicatorChanges | null {
  const wanted = { title: line.title, ownerOrganisationId: owner.id, leadContact: owner.leadContact, restricted: line.restricted, sortOrder };
  if ((Object.keys(wanted) as (keyof typeof wanted)[]).every((key) => indicator[key] === wanted[key])) return null;
  const input = {
    ref: indicator.ref,
    polarity: indicator.polarity,
    periodBasis: indicator.periodBasis,
    periodLagMonths: indicator.periodLagMonths,
    target: indicator.target?.toString() ?? null,
    headlineFieldKey: indicator.headlineFieldKey,
    retired: indicator.retired,
    fields: indicator.fields.map(toFieldDeclaration),
    ...wanted,
  };
  return checked<IndicatorChanges>(indicatorSchema, input);
}

/**
 * A priority's changed indicators, changed together (or one by one, should the database refuse,
 * to name the line); a change that breaks a rule is a problem on its line. The indicators as they
 * now are, in the order of `lines`; undefined for one not changed.
 */
export async function updateLineIndicators(
  context: Context,
  lines: { line: DocumentIndicatorLine; id: number; input: IndicatorChanges }[],
  problems: DocumentProblem[],
  attempt: Attempt,
): Promise<(IndicatorRow | undefined)[]> {
  if (lines.length === 0) return [];
  const changed = await batchOrOneByOne<(number | undefined)[]>(
    context,
    async () => {
      const { refused } = await updateIndicators(context, lines.map(({ id, input }) => ({ id, input })));
      for (const [index, error] of refused) problems.push(problemOf(lines[index]!.line.line, error));
      // One refused, none changed.
      return lines.map(({ id }) => (refused.size ? undefined : id));
    },
    async () => {
      const ids = [];
      for (const { line, id, input } of lines) ids.push((await attempt(line.line, () => saveIndicator(context, { id }, input)))?.id);
      return ids;
    },
  );
  return readIndicators(context, changed);
}

async function readIndicators(context: Context, ids: (number | undefined)[]): Promise<(IndicatorRow | undefined)[]> {
  const found = ids.filter((id) => id !== undefined);
  const rows = new Map((await context.db.indicator.findMany({ where: { id: { in: found } }, include: indicatorInclude })).map((row) => [row.id, row]));
  return ids.map((id) => (id === undefined ? undefined : rows.get(id)));
}
