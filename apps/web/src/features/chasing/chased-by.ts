import type { ChaseSummary } from "@quarterly-returns/shared";

/** Who chased, for a sentence: "by Chris Manning", or "by an automatic reminder". */
export const chasedBy = (chase: Pick<ChaseSummary, "sentBy">) => (chase.sentBy ? `by ${chase.sentBy.name}` : "by an automatic reminder");

/** Who chased, for a table's cell: "Chris Manning", or "Sent automatically". */
export const chaseSender = (chase: Pick<ChaseSummary, "sentBy">) => chase.sentBy?.name ?? "Sent automatically";
