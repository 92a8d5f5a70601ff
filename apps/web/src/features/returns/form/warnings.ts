// Soft warnings: a figure that looks wrong but may be right. They never stop a save.
import { change, compareFigures, formatFigure, formatPercentChange, kindOf, parseFigure, type FieldDeclaration } from "@quarterly-returns/shared";

const BIG_CHANGE_PERCENT = 50;

export function warningsFor(
  field: FieldDeclaration,
  typed: string,
  context: { lastQuarter: { name: string; figure: string } | null; lastYear: string | null },
): string[] {
  if (!kindOf(field).numeric || !typed.trim()) return [];
  const parsed = parseFigure(typed);
  if ("error" in parsed) return [];
  const figure = parsed.value;
  const warnings: string[] = [];
  const below = field.softMin !== null && compareFigures(figure, field.softMin) < 0;
  const above = field.softMax !== null && compareFigures(figure, field.softMax) > 0;
  if (below || above) {
    const range = [field.softMin, field.softMax].map((limit) => (limit === null ? null : formatFigure(limit)));
    const expected = range[0] !== null && range[1] !== null ? `${range[0]} to ${range[1]}` : below ? `at least ${range[0]}` : `at most ${range[1]}`;
    warnings.push(`This is outside the expected range (${expected}). Check it is right.`);
  }
  const bigChange = (previous: string, against: string) => {
    const { percent } = change(figure, previous);
    if (percent === null || Math.abs(percent) <= BIG_CHANGE_PERCENT) return;
    const direction = percent > 0 ? "higher" : "lower";
    warnings.push(`This is ${formatPercentChange(Math.abs(percent)).replace("+", "")} ${direction} than ${against} (${formatFigure(previous)}). Check it is right.`);
  };
  if (context.lastQuarter) bigChange(context.lastQuarter.figure, context.lastQuarter.name);
  if (context.lastYear) {
    const lastYear = parseFigure(context.lastYear);
    if ("value" in lastYear) bigChange(lastYear.value, "the same quarter last year");
  }
  return warnings;
}
