// Reading a typed figure for the numeric kinds.
import { compareFigures, isWholeNumber, parseFigure } from "../figures.ts";
import type { FieldKindModule, Problem } from "./types.ts";

/** "2,424", " 72.6 " or 72.6 → "2424", "72.6"; undefined (with the problem said) when it is not a number. */
export function readDecimal(raw: string | number, label: string, problem: Problem): string | undefined {
  const parsed = parseFigure(raw);
  if ("error" in parsed) return problem(`${label} ${parsed.error}`), undefined;
  return parsed.value;
}

/** A whole number from `minimum` up; "3.0" reads as "3". */
export function readWhole(raw: string | number, label: string, problem: Problem, minimum: "0" | "1"): string | undefined {
  const figure = readDecimal(raw, label, problem);
  if (figure === undefined) return undefined;
  if (minimum === "0" && figure.startsWith("-")) return problem(`${label} cannot be negative`), undefined;
  if (!isWholeNumber(figure) || compareFigures(figure, minimum) < 0) {
    return problem(minimum === "0" ? `${label} must be a whole number` : `${label} must be a whole number, 1 or more`), undefined;
  }
  return figure.replace(/\.0+$/, "");
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
