import { formatDate } from "../dates.ts";
import type { NoDataReason, ReturnStatus } from "../enums.ts";
import type { Progress } from "../progress.ts";
import { NO_DATA_REASON_NAMES } from "../states.ts";

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
