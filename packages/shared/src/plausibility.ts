// A figure's limits, one rule for the return form and the API. Hard limits refuse a figure (a
// negative average, two billion fires); plausibility asks the owner to confirm one that looks
// wrong: outside the field's expected range, or far from the previous quarter or the same
// quarter last year. A submit with an unconfirmed question is refused.
import type { FieldKind } from "./enums.ts";
import { kindOf } from "./field-kinds/index.ts";
import type { FieldDeclaration, FieldValue } from "./fields.ts";
import { compareFigures, formatFigure } from "./figures.ts";

/**
 * The hard limits of a kind when the admin sets none: a count or a decimal (an average, a rate)
 * from 0 to a million million, a hundredth of what the database column holds; a typo within that
 * is asked about, not refused ("Is 2,147,483,648 right?"). An admin allows a negative
 * decimal (a change, a balance) by setting a negative minimum. A percentage is 0–100 and a rank
 * 1 to its "out of" by their kind already.
 */
export const KIND_LIMITS: Record<FieldKind, { min: string | null; max: string | null }> = {
  COUNT: { min: "0", max: "1000000000000" },
  DECIMAL: { min: "0", max: "1000000000000" },
  PERCENT: { min: null, max: null },
  RANK: { min: null, max: null },
  TEXT: { min: null, max: null },
};

/** A change beyond this is questioned: more than 3 times or less than a third; for a percentage, more than 20 points. */
export const DEFAULT_MAX_CHANGE_FACTOR = "3";
export const DEFAULT_MAX_CHANGE_POINTS = "20";

type Limited = Pick<FieldDeclaration, "kind" | "label" | "hardMin" | "hardMax">;

export function hardLimitsOf(field: Limited): { min: string | null; max: string | null } {
  return { min: field.hardMin ?? KIND_LIMITS[field.kind].min, max: field.hardMax ?? KIND_LIMITS[field.kind].max };
}

/** "Average re-offences must be 0 or more", or null when the figure is within the field's hard limits. */
export function hardLimitProblem(field: Limited, figure: string, label = field.label): string | null {
  const { min, max } = hardLimitsOf(field);
  const written = (limit: string) => kindOf(field).formatFigure(limit);
  if (min !== null && compareFigures(figure, min) < 0) return `${label} must be ${written(min)} or more`;
  if (max !== null && compareFigures(figure, max) > 0) return `${label} must be ${written(max)} or less`;
  return null;
}

/** The change a field questions: a factor, or percentage points for a percentage. */
export function maxChangeOf(field: Pick<FieldDeclaration, "kind" | "maxChange">): string {
  return field.maxChange ?? (field.kind === "PERCENT" ? DEFAULT_MAX_CHANGE_POINTS : DEFAULT_MAX_CHANGE_FACTOR);
}

/** What a figure is compared with: the previous quarter's figure (and its name), last year's. */
export interface PlausibilityComparison {
  previousQuarter: { name: string; figure: string } | null;
  lastYear: string | null;
}

function farApart(field: Pick<FieldDeclaration, "kind" | "maxChange">, figure: string, previous: string): boolean {
  const limit = Number(maxChangeOf(field));
  const now = Number(figure);
  const before = Number(previous);
  if (field.kind === "PERCENT") return Math.abs(now - before) > limit;
  // A ratio needs a positive figure to start from: from 0 any rise is "infinitely" more.
  if (before <= 0 || now < 0) return false;
  return now / before > limit || now / before < 1 / limit;
}

/**
 * The question an implausible figure asks its owner — "Is 2,147,483,648 right? Last year it was
 * 492." — or null when it looks plausible. The figure is an exact decimal string.
 */
export function plausibilityQuestion(field: FieldDeclaration, figure: string, comparison: PlausibilityComparison): string | null {
  const kind = kindOf(field);
  if (!kind.numeric) return null;
  const write = (value: string) => kind.formatFigure(value);
  const reasons: string[] = [];
  if (comparison.lastYear !== null && farApart(field, figure, comparison.lastYear)) reasons.push(`Last year it was ${write(comparison.lastYear)}.`);
  const { previousQuarter } = comparison;
  if (previousQuarter && farApart(field, figure, previousQuarter.figure)) reasons.push(`In ${previousQuarter.name} it was ${write(previousQuarter.figure)}.`);
  const below = field.softMin !== null && compareFigures(figure, field.softMin) < 0;
  const above = field.softMax !== null && compareFigures(figure, field.softMax) > 0;
  if (below || above) {
    const [min, max] = [field.softMin, field.softMax].map((limit) => (limit === null ? null : write(limit)));
    reasons.push(min !== null && max !== null ? `It is expected to be from ${min} to ${max}.` : below ? `It is expected to be at least ${min}.` : `It is expected to be at most ${max}.`);
  }
  return reasons.length ? `Is ${write(figure)} right? ${reasons.join(" ")}` : null;
}

/** An implausible figure its owner confirmed at submission, as the manager is shown it. */
export interface ConfirmedOutlier {
  fieldKey: string;
  figure: string;
  question: string;
}

/** What the return form and the API compare a return's figures with, per field key. */
export interface ReturnComparisons {
  previousQuarter: { name: string; values: Record<string, string> } | null;
  lastYear: Record<string, string> | null;
}

/** A return's figures by field key, as compared: a rank's position; text has none. */
export function comparisonFigures(values: Record<string, FieldValue>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).flatMap(([key, value]) => (typeof value === "object" ? [[key, value.position]] : /^-?\d/.test(value) ? [[key, value]] : [])));
}
