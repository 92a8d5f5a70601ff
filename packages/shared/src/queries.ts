import { z } from "./zod.ts";
import type { QueryStatus } from "./enums.ts";
import type { PersonRef } from "./refs.ts";

export const QUERY_TEXT_MAX_LENGTH = 1000;

const text = (missing: string) =>
  z.string({ error: missing }).check(
    z.trim(),
    z.minLength(1, { error: missing }),
    z.maxLength(QUERY_TEXT_MAX_LENGTH, { error: `Keep it to ${QUERY_TEXT_MAX_LENGTH} characters or fewer` }),
  );

/** A manager's question about a submitted figure ("Is 230 right? Last year was 161"). */
export const raiseQuerySchema = z.strictObject({
  fieldKey: z.nullish(z.string().check(z.maxLength(50))),
  text: text("Enter your question"),
});
export type RaiseQuery = z.input<typeof raiseQuerySchema>;

export const answerQuerySchema = z.strictObject({ response: text("Enter your answer") });
export type AnswerQuery = z.input<typeof answerQuerySchema>;

export interface QueryRecord {
  id: number;
  returnId: number;
  fieldKey: string | null;
  text: string;
  status: QueryStatus;
  raisedBy: PersonRef;
  raisedAt: string;
  response: string | null;
  answeredBy: PersonRef | null;
  answeredAt: string | null;
  closedBy: PersonRef | null;
  closedAt: string | null;
}
