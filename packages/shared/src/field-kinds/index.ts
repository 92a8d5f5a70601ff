import type { FieldKind } from "../enums.ts";
import type { FieldDeclaration } from "../fields.ts";
import { count } from "./count.ts";
import { decimal } from "./decimal.ts";
import { percent } from "./percent.ts";
import { rank } from "./rank.ts";
import { text } from "./text.ts";
import type { FieldKindModule } from "./types.ts";

export const FIELD_KIND_MODULES: Record<FieldKind, FieldKindModule> = { COUNT: count, DECIMAL: decimal, PERCENT: percent, RANK: rank, TEXT: text };

/** The module of a field's kind. */
export const kindOf = (field: Pick<FieldDeclaration, "kind">): FieldKindModule => FIELD_KIND_MODULES[field.kind];

export { TEXT_FIELD_MAX_LENGTH } from "./text.ts";
export type { FieldKindModule, RawValue, StoredValue, ValueRow } from "./types.ts";
