// How a return's state is named to people, everywhere in the app.
import { formatDate } from "./dates.ts";
import type { NoDataReason, ReturnStatus } from "./enums.ts";
import type { Progress } from "./progress.ts";
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

/**
 * Where a return stands in the quarter, in the completeness screen's words, which the chase
 * e-mails use too: "Missing", "Draft", "Expected 28 Oct 2019", "Submitted", "Not released" …
 */
export function describeProgress(cell: { progress: Progress; status: ReturnStatus | null; noDataReason: NoDataReason | null }): string {
  switch (cell.progress.state) {
    case "MISSING":
      return "Missing";
    case "DRAFT":
      return "Draft";
    case "EXPECTED":
      return cell.progress.expectedOn ? `Expected ${formatDate(cell.progress.expectedOn)}` : NO_DATA_REASON_NAMES.NOT_YET_AVAILABLE;
    case "IN":
      return cell.status === "SUBMITTED" ? "Submitted" : NO_DATA_REASON_NAMES[cell.noDataReason!];
    case "NOT_PROVIDED":
      return NO_DATA_REASON_NAMES.NOT_PROVIDED;
  }
}

/** Whole days from `today` to `isoDate`: negative once it has passed. */
export function daysUntil(isoDate: string, today = new Date()): number {
  const due = Date.parse(`${isoDate}T00:00:00Z`);
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((due - start) / 86_400_000);
}
