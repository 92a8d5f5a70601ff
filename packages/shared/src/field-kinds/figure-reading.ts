// Reading a typed figure for the numeric kinds.
import { compareFigures, formatFigure, isWholeNumber, parseFigure } from "../figures.ts";
import type { FieldKindModule, Problem } from "./types.ts";

/** "2,424", " 72.6 " or 72.6 → "2424", "72.6"; undefined (with the problem said) when it is not a number. */
export function readDecimal(raw: string | number, label: string, problem: Problem): string | undefined {
  const parsed = parseFigure(raw);
  if ("error" in parsed) return problem(`${label} ${parsed.error}`), undefined;
  return parsed.value;
}

/** A whole number from `minimum` up; "3.0" reads as "3". Words or a fraction: "must be a whole number, like 2,424". */
export function readWhole(raw: string | number, label: string, problem: Problem, minimum: "0" | "1", example: string): string | undefined {
  const parsed = parseFigure(raw);
  const notWhole = `${label} must be a whole number, like ${example}`;
  if ("error" in parsed) return problem(parsed.notANumber ? notWhole : `${label} ${parsed.error}`), undefined;
  const figure = parsed.value;
  if (minimum === "0" && figure.startsWith("-")) return problem(`${label} cannot be negative`), undefined;
  if (!isWholeNumber(figure)) return problem(notWhole), undefined;
  if (compareFigures(figure, minimum) < 0) return problem(`${label} must be 1 or more`), undefined;
  return figure.replace(/\.0+$/, "");
}

/**
 * A figure with its unit, which is declared in the plural ("repeat callers"): "2,424 repeat
 * callers", but "1 repeat caller" (the last word made singular by the usual English endings).
 */
export function withUnit(figure: string, unit: string | null): string {
  const formatted = formatFigure(figure);
  if (!unit) return formatted;
  const singular = figure === "1" ? unit.replace(/(\w+)$/, (word) => singularOf(word)) : unit;
  return `${formatted} ${singular}`;
}

function singularOf(word: string): string {
  if (/^people$/i.test(word)) return word.replace(/eople$/i, "erson");
  if (/[^aeiou]ies$/i.test(word)) return word.slice(0, -3) + "y";
  if (/(ss|x|ch|sh)es$/i.test(word)) return word.slice(0, -2);
  if (/[^s]s$/i.test(word)) return word.slice(0, -1);
  return word;
}

export const isEmpty = (raw: unknown) => raw === null || raw === undefined || raw === "";

/** What the kinds that hold one figure share: it is read by `readFigure`, and stored as a number. */
export function oneFigure(readFigure: (raw: string | number, label: string, problem: Problem) => string | undefined): Pick<FieldKindModule, "read" | "readFigure" | "fromRow" | "figureOf"> {
  return {
    read(field, raw, problem) {
      if (isEmpty(raw)) return undefined;
      if (typeof raw === "object") return problem(`${field.label} must be a number`), undefined;
      const figure = readFigure(raw!, field.label, problem);
      return figure === undefined ? undefined : { number: figure };
    },
    readFigure: (_field, raw, problem, label) => readFigure(raw, label, problem),
    fromRow: (row) => (row.number === null ? undefined : row.number.toString()),
    figureOf: (value) => String(value),
  };
}
