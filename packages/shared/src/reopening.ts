// Reopening a signed-off quarter: the whole of it, one organisation's returns, or one return.
import { z } from "./zod.ts";
import { indicatorRefSchema, organisationRefSchema, personRefSchema } from "./refs.ts";

export const reopeningSchema = z.object({
  id: z.int(),
  /** One organisation's returns were reopened; with no indicator either, the whole quarter. */
  organisation: z.nullable(organisationRefSchema),
  /** One return was reopened: this indicator's, with its owner. */
  indicator: z.nullable(z.extend(indicatorRefSchema, { owner: organisationRefSchema })),
  reason: z.string(),
  reopenedAt: z.string(),
  reopenedBy: personRefSchema,
  /** When that part was signed off again; null while it is open. */
  signedOffAt: z.nullable(z.string()),
  signedOffBy: z.nullable(personRefSchema),
});
export type Reopening = z.infer<typeof reopeningSchema>;

/** Whether a reopening covers this indicator's return (a whole-quarter one covers every return). */
export function reopeningCovers(reopening: Pick<Reopening, "organisation" | "indicator">, indicator: { id: number; organisationId: number }): boolean {
  if (reopening.indicator) return reopening.indicator.id === indicator.id;
  return !reopening.organisation || reopening.organisation.id === indicator.organisationId;
}

/**
 * Whether an organisation can be reminded about a quarter: it is open, or a part of it the
 * organisation owns (its returns, or one of them) has been reopened after sign-off.
 */
export function mayRemind(quarter: { status: string; partlyReopened: Pick<Reopening, "organisation" | "indicator">[] }, organisationId: number): boolean {
  return (
    quarter.status === "OPEN" ||
    quarter.partlyReopened.some((reopening) => (reopening.indicator ? reopening.indicator.owner.id : reopening.organisation?.id) === organisationId)
  );
}
