import { textProblem } from "../text.ts";
import type { FieldKindModule } from "./types.ts";

export const TEXT_FIELD_MAX_LENGTH = 1000;

/** Words, such as a comparison the source gives only in prose. */
export const text: FieldKindModule = {
  kind: "TEXT",
  name: "Text",
  numeric: false,
  read(field, raw, problem) {
    if (raw === null || raw === "") return undefined;
    if (typeof raw !== "string") return problem(`${field.label} must be text`), undefined;
    const trimmed = raw.trim();
    if (trimmed.length > TEXT_FIELD_MAX_LENGTH) return problem(`${field.label} must be ${TEXT_FIELD_MAX_LENGTH} characters or fewer`), undefined;
    const unstorable = textProblem(trimmed, field.label, "multi-line");
    if (unstorable) return problem(unstorable), undefined;
    return trimmed ? { text: trimmed } : undefined;
  },
  readFigure: (field, _raw, problem) => (problem(`${field.label} is text: it has no figure for last year`), undefined),
  fromRow: (row) => row.text ?? undefined,
  format: (_field, value) => String(value),
  formatFigure: (figure) => figure,
  differenceUnit: "",
  figureOf: () => null,
  lowerIsBetter: false,
  input: { layout: "text", hint: (field) => field.unit ?? undefined, inputMode: "text" },
};
