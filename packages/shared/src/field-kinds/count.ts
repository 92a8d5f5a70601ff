import { formatFigure } from "../figures.ts";
import { readWhole, isEmpty } from "./figure-reading.ts";
import type { FieldKindModule } from "./types.ts";

/** A whole number of things, never negative: "2,424 ASB incidents". */
export const count: FieldKindModule = {
  kind: "COUNT",
  name: "Count (whole number)",
  numeric: true,
  read(field, raw, problem) {
    if (isEmpty(raw)) return undefined;
    if (typeof raw === "object") return problem(`${field.label} must be a number`), undefined;
    const figure = readWhole(raw!, field.label, problem, "0");
    return figure === undefined ? undefined : { number: figure };
  },
  readFigure: (_field, raw, problem, label) => readWhole(raw, label, problem, "0"),
  fromRow: (row) => (row.number === null ? undefined : row.number.toString()),
  format: (field, value) => `${formatFigure(String(value))}${field.unit ? ` ${field.unit}` : ""}`,
  formatFigure,
  differenceUnit: "",
  figureOf: (value) => String(value),
  lowerIsBetter: false,
  input: { layout: "figure", hint: (field) => `A whole number${field.unit ? ` of ${field.unit}` : ""}`, inputMode: "numeric" },
};
