// How a return's state is named to people, everywhere in the app.
import { formatDate } from "./dates.ts";
import type { NoDataReason } from "./enums.ts";
import type { ReturnRecord } from "./returns.ts";

export { formatDate };

export const NO_DATA_REASON_NAMES: Record<NoDataReason, string> = {
  NOT_YET_AVAILABLE: "Not available yet",
  NOT_RELEASED: "Not released",
  NO_UPDATE: "No update this quarter",
  NOT_PROVIDED: "No data provided",
};

/** "Not started", "Draft", "Submitted", "Not available yet (expected 28 Oct 2019)" … */
export function describeState(record: Pick<ReturnRecord, "status" | "noData"> | null): string {
  if (!record) return "Not started";
  if (record.status === "DRAFT") return "Draft";
  if (record.status === "SUBMITTED") return "Submitted";
  const reason = record.noData!.reason;
  const name = NO_DATA_REASON_NAMES[reason];
  return reason === "NOT_YET_AVAILABLE" && record.noData!.availableFrom ? `${name} (expected ${formatDate(record.noData!.availableFrom)})` : name;
}

/** Whole days from `today` to `isoDate`: negative once it has passed. */
export function daysUntil(isoDate: string, today = new Date()): number {
  const due = Date.parse(`${isoDate}T00:00:00Z`);
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((due - start) / 86_400_000);
}
