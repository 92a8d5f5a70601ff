// One thing a save of a return changed, as the return page and the audit log show it
// (return-changes.ts reads it from the audit event).
import { z } from "./zod.ts";

export const fieldChangeSchema = z.object({
  /** What changed, in the form's words: "Positive completions", "Commentary". */
  label: z.string(),
  /** The value before and after, written as the report writes it ("72.6%"); null when there was none. */
  before: z.nullable(z.string()),
  after: z.nullable(z.string()),
});
export type FieldChange = z.infer<typeof fieldChangeSchema>;
