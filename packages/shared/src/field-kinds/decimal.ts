import { formatFigure } from "../figures.ts";
import { isEmpty, readDecimal } from "./figure-reading.ts";
import type { FieldKindModule } from "./types.ts";

/** Any exact number, such as an average: "2.8". */
export const decimal: FieldKindModule = {
  kind: "DECIMAL",
  name: "Decimal",
  numeric: true,
  read(field, raw, problem) {
    if (isEmpty(raw)) return undefined;
    if (typeof raw === "object") return problem(`${field.label} must be a number`), undefined;
    const figure = readDecimal(raw!, field.label, problem);
    return figure === undefined ? undefined : { number: figure };
  },
  readFigure: (_field, raw, problem, label) => readDecimal(raw, label, problem),
  fromRow: (row) => (row.number === null ? undefined : row.number.toString()),
  format: (field, value) => `${formatFigure(String(value))}${field.unit ? ` ${field.unit}` : ""}`,
  formatFigure,
  differenceUnit: "",
  figureOf: (value) => String(value),
  lowerIsBetter: false,
  input: { layout: "figure", hint: (field) => field.unit ?? undefined, inputMode: "decimal" },
};
