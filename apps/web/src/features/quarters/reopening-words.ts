// A reopening in words, for the admin's pages (kept out of the data owner's download).
import { formatDate, type Reopening } from "@quarterly-returns/shared";

/** What was reopened, in words: "the whole quarter", "Cleveland Police", "1.2 Anti-social behaviour (Cleveland Police)". */
export function reopenedPart(reopening: Pick<Reopening, "organisation" | "indicator">): string {
  if (reopening.indicator) return `${[reopening.indicator.ref, reopening.indicator.title].filter(Boolean).join(" ")} (${reopening.indicator.owner.name})`;
  return reopening.organisation?.name ?? "the whole quarter";
}

/** "Reopened for Cleveland Police on 29 November 2026 by Jo Adams: the reason" */
export function reopeningWords(reopening: Reopening): string {
  const part = reopening.organisation || reopening.indicator ? ` for ${reopenedPart(reopening)}` : "";
  return `Reopened${part} on ${formatDate(reopening.reopenedAt)} by ${reopening.reopenedBy.name}: ${reopening.reason}`;
}
