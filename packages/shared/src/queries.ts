import { z } from "./zod.ts";
import { QUERY_STATUSES } from "./enums.ts";
import { personRefSchema } from "./refs.ts";
import { multiLine, oneLine } from "./text.ts";

export const QUERY_TEXT_MAX_LENGTH = 1000;

const text = (missing: string, label: string) =>
  z.string({ error: missing }).check(
    z.trim(),
    z.minLength(1, { error: missing }),
    z.maxLength(QUERY_TEXT_MAX_LENGTH, { error: `Keep it to ${QUERY_TEXT_MAX_LENGTH} characters or fewer` }),
    multiLine(label),
  );

/** A manager's question about a submitted figure ("Is 230 right? Last year was 161"). */
export const raiseQuerySchema = z.strictObject({
  fieldKey: z.nullish(z.string().check(z.maxLength(50), oneLine("The field"))),
  text: text("Enter your question", "Your question"),
});
export type RaiseQuery = z.input<typeof raiseQuerySchema>;

export const answerQuerySchema = z.strictObject({ response: text("Enter your answer", "Your answer") });
export type AnswerQuery = z.input<typeof answerQuerySchema>;

export const queryRecordSchema = z.object({
  id: z.int(),
  returnId: z.int(),
  fieldKey: z.nullable(z.string()),
  text: z.string(),
  status: z.enum(QUERY_STATUSES),
  raisedBy: personRefSchema,
  raisedAt: z.string(),
  response: z.nullable(z.string()),
  answeredBy: z.nullable(personRefSchema),
  answeredAt: z.nullable(z.string()),
  closedBy: z.nullable(personRefSchema),
  closedAt: z.nullable(z.string()),
});
export type QueryRecord = z.infer<typeof queryRecordSchema>;
