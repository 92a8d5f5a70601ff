// The board pack: the report as the partnership's board is sent it. A cover (whose report, which
// quarters, which of them are signed off, when it was written), a summary page per priority (its
// indicators counted by RAG and by trend, then the exceptions a board asks about) and the report
// itself. Written from the report the actor may read, so restricted rows only for those allowed.
import { RAGS, type Rag, type Report, type ReportLine, type ReportQuarter } from "@quarterly-returns/shared";
import { visibleIndicators } from "../access.ts";
import type { Context } from "../context.ts";
import { readSettings } from "../settings/settings.ts";
import { buildReport, type ReportScope } from "./report.ts";

export type QuarterState = "signed off" | "provisional" | "not open yet";
export type TrendCount = "improving" | "worsening" | "no better or worse" | "no trend";
export const TREND_COUNTS: readonly TrendCount[] = ["improving", "worsening", "no better or worse", "no trend"];
export type ExceptionKind = "red" | "no data" | "confirmed outlier" | "open query";

export interface BoardPackException {
  kind: ExceptionKind;
  /** The line's ref, or on a line the report leaves without one, the ref above and its number: "1.1 (2)". */
  ref: string;
  restricted: boolean;
  /** One line: what the board should know. */
  text: string;
}

export interface PrioritySummary {
  number: number;
  title: string;
  indicators: number;
  rag: Record<Rag | "NONE", number>;
  trend: Record<TrendCount, number>;
  exceptions: BoardPackException[];
}

export interface BoardPack {
  partnershipName: string;
  /** "Performance report 2019/20" */
  title: string;
  /** "Year 3 - April 2019 to March 2020" */
  period: string;
  quarters: { name: string; state: QuarterState }[];
  /** Some quarter the pack shows is not signed off: its figures may still change. */
  provisional: boolean;
  /** "29 November 2026 at 14:05", in the UK's time. */
  asAt: string;
  /** Some row is restricted: its pages are marked OFFICIAL-SENSITIVE. */
  restricted: boolean;
  summary: PrioritySummary[];
  report: Report;
}

const ONE_LINE = 140;
const oneLine = (text: string) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > ONE_LINE ? `${flat.slice(0, ONE_LINE - 1)}…` : flat;
};

const stateOf = (quarter: ReportQuarter): QuarterState => (quarter.status === "CLOSED" ? "signed off" : quarter.status === "OPEN" ? "provisional" : "not open yet");

const trendCount = (line: ReportLine): TrendCount =>
  !line.trend ? "no trend" : line.trend.tone === "good" ? "improving" : line.trend.tone === "bad" ? "worsening" : "no better or worse";

export function asAtText(moment: Date): string {
  const day = moment.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
  const time = moment.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });
  return `${day} at ${time}`;
}

/** Each line's short name, the way the completeness page names them. */
function lineRefs(lines: ReportLine[]): string[] {
  let ref: string | null = null;
  let count = 1;
  return lines.map((line) => {
    if (line.ref) {
      ref = line.ref;
      count = 1;
      return ref;
    }
    count++;
    return ref ? `${ref} (${count})` : oneLine(line.title).slice(0, 12);
  });
}

export async function buildBoardPack(context: Context, scope: ReportScope): Promise<BoardPack> {
  const report = await buildReport(context, scope);
  const { partnershipName } = await readSettings(context);
  const shown = report.quarters.filter((quarter) => quarter.number <= report.throughQuarter);
  const lines = report.priorities.flatMap((priority) => priority.lines);
  const returns = await context.db.return.findMany({
    where: { indicatorId: { in: lines.map((line) => line.indicatorId) }, quarterId: { in: shown.map((quarter) => quarter.id) } },
    orderBy: { quarter: { number: "asc" } },
    select: {
      indicatorId: true,
      quarterId: true,
      status: true,
      confirmedOutliers: true,
      queries: { where: { status: { not: "CLOSED" } }, orderBy: { raisedAt: "asc" }, select: { text: true, status: true } },
    },
  });
  // Outliers and queries are the returns' own business: for a data owner, only their organisation's.
  const followed = new Set(
    (await context.db.indicator.findMany({ where: { AND: [{ id: { in: lines.map((line) => line.indicatorId) } }, visibleIndicators(context.actor)] }, select: { id: true } })).map(
      (indicator) => indicator.id,
    ),
  );
  const quarterName = (quarterId: number) => `Q${shown.find((quarter) => quarter.id === quarterId)!.number}`;

  const summary = report.priorities.map((priority): PrioritySummary => {
    const refs = lineRefs(priority.lines);
    const rag = { RED: 0, AMBER: 0, GREEN: 0, NONE: 0 } as PrioritySummary["rag"];
    const trend = Object.fromEntries(TREND_COUNTS.map((count) => [count, 0])) as PrioritySummary["trend"];
    const exceptions: BoardPackException[] = [];
    priority.lines.forEach((line, index) => {
      rag[line.rag?.rag ?? "NONE"]++;
      trend[trendCount(line)]++;
      const add = (kind: ExceptionKind, text: string) => exceptions.push({ kind, ref: refs[index]!, restricted: line.restricted, text: oneLine(text) });
      const own = returns.filter((found) => found.indicatorId === line.indicatorId);
      if (line.rag?.rag === "RED") add("red", `Red${line.rag.reason ? ` (${line.rag.reason})` : ""}${line.trend ? `, ${line.trend.description.toLowerCase()}` : ""}: ${line.title}`);
      const noData = own.filter((found) => found.status === "NO_DATA");
      if (noData.length) {
        const latest = noData.at(-1)!;
        const cell = line.cells[shown.findIndex((quarter) => quarter.id === latest.quarterId)] ?? "";
        add("no data", `No data for ${noData.map((found) => quarterName(found.quarterId)).join(", ")}${cell ? ` (${cell})` : ""}: ${line.title}`);
      }
      if (!followed.has(line.indicatorId)) return;
      for (const found of own) {
        const outliers = found.status === "SUBMITTED" && Array.isArray(found.confirmedOutliers) ? (found.confirmedOutliers as { question?: string }[]) : [];
        for (const outlier of outliers) add("confirmed outlier", `${quarterName(found.quarterId)} figure unusual, confirmed by its owner: ${outlier.question ?? ""}`);
        for (const query of found.queries) add("open query", `${quarterName(found.quarterId)} query ${query.status === "ANSWERED" ? "answered, not yet closed" : "awaiting an answer"}: ${query.text}`);
      }
    });
    return { number: priority.number, title: priority.title, indicators: priority.lines.length, rag, trend, exceptions };
  });

  return {
    partnershipName,
    title: `Performance report ${report.year.label}`,
    period: report.title,
    quarters: shown.map((quarter) => ({ name: quarter.name, state: stateOf(quarter) })),
    provisional: shown.some((quarter) => quarter.status !== "CLOSED"),
    asAt: asAtText(context.now()),
    restricted: lines.some((line) => line.restricted),
    summary,
    report,
  };
}

export const RAG_ORDER: readonly (Rag | "NONE")[] = [...RAGS, "NONE"];
