import { formatFigure } from "../figures.ts";
import { oneFigure, readWhole, withUnit } from "./figure-reading.ts";
import type { FieldKindModule } from "./types.ts";

/** A whole number of things, never negative: "2,424 ASB incidents". */
export const count: FieldKindModule = {
  kind: "COUNT",
  name: "Count (whole number)",
  numeric: true,
  ...oneFigure((raw, label, problem) => readWhole(raw, label, problem, "0", "2,424")),
  format: (field, value) => withUnit(String(value), field.unit),
  formatFigure,
  differenceUnit: "",
  lowerIsBetter: false,
  input: { layout: "figure", hint: (field) => `A whole number${field.unit ? ` of ${field.unit}` : ""}, like 2,424`, inputMode: "numeric" },
};
