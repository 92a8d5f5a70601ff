import { formatDate, type CompletenessCell } from "@quarterly-returns/shared";

/** The look of a state: a GOV.UK tag colour, and a pattern so it never rests on colour alone. */
export type CellTone = "in" | "no-data" | "not-provided" | "expected" | "draft" | "missing" | "overdue";

export interface CellState {
  /** The short word shown in the cell: "Missing", "Draft", "Expected 20 Dec", "In", "Not released" … */
  word: string;
  /** A mark beside the word, hidden from screen readers (they read `full`). */
  icon: string;
  tone: CellTone;
  /** The whole state in words, for screen readers and the tooltip. */
  full: string;
  /** Small extra words: an open query, a confirmed unusual figure. */
  flags: string[];
}

const shortDay = (isoDate: string) => formatDate(isoDate).replace(/ \d{4}$/, "");

/** Where a return stands, in the words and marks of a cell of the completeness matrix. */
export function cellState(cell: CompletenessCell): CellState {
  const { state, overdue, late, expectedOn } = cell.progress;
  const flags = [
    ...(cell.openQueries > 0 ? ["Query"] : []),
    ...(cell.confirmedOutliers > 0 ? ["Unusual"] : []),
  ];
  const extras = [
    ...(cell.openQueries > 0 ? [cell.openQueries === 1 ? "a query is open" : `${cell.openQueries} queries are open`] : []),
    ...(cell.confirmedOutliers > 0 ? [cell.confirmedOutliers === 1 ? "the owner confirmed an unusual figure" : `the owner confirmed ${cell.confirmedOutliers} unusual figures`] : []),
  ];
  const withExtras = (text: string) => (extras.length ? `${text}; ${extras.join("; ")}` : text);
  const make = (word: string, icon: string, tone: CellTone, full: string): CellState => ({ word, icon, tone, full: withExtras(full), flags });

  switch (state) {
    case "MISSING":
      return overdue ? make("Missing", "!", "overdue", "Missing, overdue") : make("Missing", "○", "missing", "Missing: nothing entered yet");
    case "DRAFT":
      return overdue ? make("Draft", "!", "overdue", "Draft, not submitted, overdue") : make("Draft", "✎", "draft", "Draft, not submitted yet");
    case "EXPECTED": {
      const day = expectedOn ? shortDay(expectedOn) : "later";
      const full = expectedOn ? `No data yet: expected on ${formatDate(expectedOn)}` : "No data yet: expected later";
      return overdue ? make(`Expected ${day}`, "!", "overdue", `${full}, now overdue`) : make(`Expected ${day}`, "…", "expected", full);
    }
    case "NOT_PROVIDED":
      return make("Not provided", "×", "not-provided", "No data provided");
    case "IN":
      if (cell.status === "SUBMITTED") return make(late ? "In late" : "In", "✓", "in", late ? "In: submitted after the due date" : "In: submitted");
      return cell.noDataReason === "NOT_RELEASED"
        ? make("Not released", "–", "no-data", "In, no data: not released")
        : make("No update", "–", "no-data", "In, no data: no update this quarter");
  }
}
