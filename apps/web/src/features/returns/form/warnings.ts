// The question an implausible figure asks beside its field, by the rule the API applies at submission.
import { comparisonFigures, hardLimitProblem, kindOf, parseFigure, plausibilityQuestion, type FieldDeclaration, type ReturnComparisons, type ReturnDetail } from "@quarterly-returns/shared";

/** What the return's figures are compared with: the quarter just before (once submitted) and last year's. */
export function comparisonsOf(detail: Pick<ReturnDetail, "history" | "lastYear">): ReturnComparisons {
  const previous = detail.history.at(-1);
  return {
    previousQuarter: previous?.return && previous.return.status !== "DRAFT" ? { name: previous.quarter.name, values: comparisonFigures(previous.return.values) } : null,
    lastYear: detail.lastYear,
  };
}

/** "Is 2,147,483,648 right? Last year it was 492.", or null; last year's figure is the return's, else the one typed. */
export function questionFor(field: FieldDeclaration, typed: string, typedLastYear: string, comparisons: ReturnComparisons): string | null {
  if (!kindOf(field).numeric || !typed.trim()) return null;
  const figure = parseFigure(typed);
  // Beyond a hard limit it is an error to correct, not a question to confirm.
  if ("error" in figure || hardLimitProblem(field, figure.value)) return null;
  const typedLast = parseFigure(typedLastYear);
  const previousQuarter = comparisons.previousQuarter?.values[field.key];
  return plausibilityQuestion(field, figure.value, {
    previousQuarter: previousQuarter === undefined ? null : { name: comparisons.previousQuarter!.name, figure: previousQuarter },
    lastYear: comparisons.lastYear?.[field.key] ?? ("value" in typedLast ? typedLast.value : null),
  });
}
