import { formatFigure } from "../figures.ts";
import { oneFigure, readDecimal, withUnit } from "./figure-reading.ts";
import type { FieldKindModule } from "./types.ts";

/** Any exact number, such as an average: "2.8". */
export const decimal: FieldKindModule = {
  kind: "DECIMAL",
  name: "Decimal",
  numeric: true,
  ...oneFigure(readDecimal),
  format: (field, value) => withUnit(String(value), field.unit),
  formatFigure,
  differenceUnit: "",
  lowerIsBetter: false,
  input: { layout: "figure", hint: (field) => field.unit ?? undefined, inputMode: "decimal" },
};
