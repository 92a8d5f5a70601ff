// The board pack's cover and summary page as the report page shows them (the report itself is
// fetched on its own). Written by apps/api/src/core/reports/board-pack.ts.
import { z } from "../zod.ts";

const count = z.number();

export const boardPackSummarySchema = z.object({
  partnershipName: z.string(),
  title: z.string(),
  period: z.string(),
  quarters: z.array(z.object({ name: z.string(), state: z.enum(["signed off", "provisional", "not open yet"]) })),
  provisional: z.boolean(),
  asAt: z.string(),
  restricted: z.boolean(),
  summary: z.array(
    z.object({
      number: z.number(),
      title: z.string(),
      indicators: count,
      rag: z.object({ RED: count, AMBER: count, GREEN: count, NONE: count }),
      trend: z.object({ improving: count, worsening: count, "no better or worse": count, "no trend": count }),
      exceptions: z.array(
        z.object({ kind: z.enum(["red", "no data", "confirmed outlier", "open query"]), ref: z.string(), restricted: z.boolean(), text: z.string() }),
      ),
    }),
  ),
});
export type BoardPackSummary = z.infer<typeof boardPackSummarySchema>;
