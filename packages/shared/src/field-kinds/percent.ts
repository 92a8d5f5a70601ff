import { compareFigures, formatFigure } from "../figures.ts";
import { oneFigure, readDecimal } from "./figure-reading.ts";
import type { FieldKindModule, Problem } from "./types.ts";

function readPercentage(raw: string | number, label: string, problem: Problem): string | undefined {
  const figure = readDecimal(raw, label, problem);
  if (figure === undefined) return undefined;
  if (figure.startsWith("-") || compareFigures(figure, "100") > 0) return problem(`${label} must be a percentage from 0 to 100`), undefined;
  return figure;
}

/** Percentages keep at least one decimal place, as the report writes them: "100.0%", "2.63%". */
function formatPercentage(figure: string): string {
  const formatted = formatFigure(figure);
  return `${formatted.includes(".") ? formatted : `${formatted}.0`}%`;
}

/** A percentage from 0 to 100: "72.6%". Changes between two are in percentage points. */
export const percent: FieldKindModule = {
  kind: "PERCENT",
  name: "Percentage",
  numeric: true,
  ...oneFigure(readPercentage),
  format: (_field, value) => formatPercentage(String(value)),
  formatFigure: formatPercentage,
  differenceUnit: " percentage points",
  lowerIsBetter: false,
  input: { layout: "figure", hint: () => "A percentage, like 72.6", inputMode: "decimal", suffix: "%" },
};
