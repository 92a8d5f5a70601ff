// An indicator's declared fields, and a value of one on the wire. What each kind of field means is
// in field-kinds/.
import { z } from "./zod.ts";
import { FIELD_KINDS } from "./enums.ts";

export const fieldDeclarationSchema = z.object({
  key: z.string(),
  label: z.string(),
  kind: z.enum(FIELD_KINDS),
  unit: z.nullable(z.string()),
  comparesWithPreviousYear: z.boolean(),
  required: z.boolean(),
  softMin: z.nullable(z.string()),
  softMax: z.nullable(z.string()),
  /** Hard limits; null or absent: the kind's (plausibility.ts). */
  hardMin: z.optional(z.nullable(z.string())),
  hardMax: z.optional(z.nullable(z.string())),
  /** The change from the previous quarter or last year that is questioned: a factor, or percentage points for a percentage; null: the default. */
  maxChange: z.optional(z.nullable(z.string())),
  retired: z.boolean(),
});
export type FieldDeclaration = z.infer<typeof fieldDeclarationSchema>;

/** A figure on the wire: a decimal string, a rank's position and "out of", or text. */
export const fieldValueSchema = z.union([z.string(), z.object({ position: z.string(), outOf: z.string() })]);
export type FieldValue = z.infer<typeof fieldValueSchema>;
