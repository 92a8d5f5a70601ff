import { compareFigures, formatFigure } from "../figures.ts";
import { MAX_ID } from "../http.ts";
import { isEmpty, readWhole } from "./figure-reading.ts";
import type { FieldKindModule } from "./types.ts";

const ordinal = (position: string) => {
  const number = Number(position);
  const suffix = number % 100 >= 11 && number % 100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[number % 10] ?? "th";
  return `${position}${suffix}`;
};

/** A place in a league table: "Ranked 9th out of 15". Its number rises as it gets worse. */
export const rank: FieldKindModule = {
  kind: "RANK",
  name: "Rank (position out of N)",
  numeric: true,
  read(field, raw, problem) {
    if (typeof raw !== "object" || raw === null) {
      if (isEmpty(raw)) return undefined;
      return problem(`${field.label} needs a position and an "out of"`), undefined;
    }
    if (isEmpty(raw.position) && isEmpty(raw.outOf)) return undefined;
    const part = (value: string | number | null, label: string, name: "position" | "outOf") =>
      isEmpty(value) ? (problem(`Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}`, name), undefined) : readWhole(value!, label, (message) => problem(message, name), "1", name === "position" ? "9" : "15");
    const position = part(raw.position, `${field.label}: the position`, "position");
    const outOf = part(raw.outOf, `${field.label}: "out of"`, "outOf");
    if (position === undefined || outOf === undefined) return undefined;
    // Stored as PostgreSQL's integer.
    if (compareFigures(outOf, String(MAX_ID)) > 0) return problem(`${field.label}: "out of" is too large`, "outOf"), undefined;
    if (compareFigures(position, outOf) > 0) return problem(`${field.label}: the position cannot be more than ${outOf}`, "position"), undefined;
    return { number: position, outOf: Number(outOf) };
  },
  readFigure: (_field, raw, problem, label) => readWhole(raw, label, problem, "1", "9"),
  fromRow: (row) => (row.number === null ? undefined : { position: row.number.toString(), outOf: String(row.outOf) }),
  format: (_field, value) => (typeof value === "object" ? `Ranked ${ordinal(value.position)} out of ${value.outOf}` : `Ranked ${ordinal(value)}`),
  formatFigure,
  differenceUnit: " places",
  figureOf: (value) => (typeof value === "object" ? value.position : value),
  lowerIsBetter: true,
  input: { layout: "rank", hint: () => "Whole numbers, like 9 out of 15", inputMode: "numeric" },
};
