// A report at the import's line limit, for the benchmark: priorities of 25 indicator lines, each
// owned by one of the history's organisations, with a count, a percentage, a commentary and a
// no-data phrase for its quarters. `revision` changes every quarter's words and figures.
import { IMPORT_LIMITS } from "@quarterly-returns/shared";
import { ORGANISATIONS } from "./history.ts";

export function bigReport(revision = 0, lines: number = IMPORT_LIMITS.lines): string {
  const rows = ["Year 11 - April 2020 to March 2021"];
  for (let priority = 1; rows.length < lines; priority++) {
    rows.push(`Priority ${priority}\tPRIORITY ${priority}`, `Outcome\tOutcome of priority ${priority}`, "Ref\tActivities To Support This Priority\tData Collation\tQuarter 1 Update\tQuarter 2 Update\tQuarter 3 Update\tQuarter 4 Update\tTrend/RAG");
    for (let line = 1; line <= 25 && rows.length < lines; line++) {
      const owner = `Partner organisation ${((priority * 25 + line) % ORGANISATIONS) + 1} - Lead ${line}`;
      const commentary = `Revision ${revision}: ${line * 3} sessions delivered across the borough this quarter, with partners reporting good engagement and ${line} referrals onward.`;
      rows.push([`${priority}.${line}`, `Monitor activity ${priority}.${line} in the partnership area`, owner, String(100 + line + revision), `${(line + revision) % 90}.5%`, commentary, "No data provided", ""].join("\t"));
    }
  }
  return rows.slice(0, lines).join("\n");
}
