// The partnership's report, written from the returns: each cell's words, the trend and the RAG.
import { z } from "./zod.ts";
import { RAGS, type Polarity } from "./enums.ts";
import { kindOf } from "./field-kinds/index.ts";
import type { FieldDeclaration, FieldValue } from "./fields.ts";
import { change, compareFigures, formatFigure, formatPercentChange } from "./figures.ts";
import { periodAYearEarlier, shownPeriod } from "./period.ts";
import { yearOverviewSchema } from "./quarters.ts";
import { organisationRefSchema } from "./refs.ts";
import { quarterSummarySchema, type IndicatorSummary, type ReturnRecord } from "./returns.ts";
import { multiLine } from "./text.ts";

export const reportQuarterSchema = z.pick(quarterSummarySchema, { id: true, number: true, name: true, startDate: true, status: true });
export type ReportQuarter = z.infer<typeof reportQuarterSchema>;

export const trendSchema = z.object({
  arrow: z.enum(["↗", "↘", "—"]),
  /** Whether the move is good news, by the indicator's polarity. */
  tone: z.enum(["good", "bad", "neutral"]),
  /** "Up from 97 in Q2 2019/20", "Up 0.5 percentage points from 72.6% in Q3 2019/20" */
  description: z.string(),
});
export type Trend = z.infer<typeof trendSchema>;

export const ragStatusSchema = z.object({
  rag: z.enum(RAGS),
  /** Set by hand, with its reason, rather than computed against the target. */
  override: z.boolean(),
  reason: z.nullable(z.string()),
});
export type RagStatus = z.infer<typeof ragStatusSchema>;

/** The headline figure of each quarter of an earlier year of a line's lineage. */
export const reportYearFiguresSchema = z.object({ year: z.string(), chart: z.array(z.nullable(z.number())) });
export type ReportYearFigures = z.infer<typeof reportYearFiguresSchema>;

export const reportLineSchema = z.object({
  indicatorId: z.int(),
  ref: z.nullable(z.string()),
  restricted: z.boolean(),
  title: z.string(),
  owner: organisationRefSchema,
  /** The data-collation cell: the owner, and the lead contact when there is one. */
  collation: z.string(),
  cells: z.tuple([z.string(), z.string(), z.string(), z.string()]),
  trend: z.nullable(trendSchema),
  rag: z.nullable(ragStatusSchema),
  /** The headline figure of each quarter, for the small chart (null where there is none). */
  chart: z.array(z.nullable(z.number())),
  /** The chart's figures are places in a table: a lower one is better and is drawn higher. */
  chartInverted: z.boolean(),
  /** The same chart for each earlier year the indicator continues (oldest first), as far as the reader may see it. */
  earlierYears: z.array(reportYearFiguresSchema),
});
export type ReportLine = z.infer<typeof reportLineSchema>;

export const reportPrioritySchema = z.object({ number: z.int(), title: z.string(), outcome: z.string(), lines: z.array(reportLineSchema) });
export type ReportPriority = z.infer<typeof reportPrioritySchema>;

export const reportSchema = z.object({
  year: z.omit(yearOverviewSchema, { quarters: true }),
  /** "Year 3 - April 2019 to March 2020", as the document heads it. */
  title: z.string(),
  /** The report as it stood at the end of this quarter (1–4): later quarters' cells are empty, and what was added in them absent. */
  throughQuarter: z.int(),
  quarters: z.array(reportQuarterSchema),
  priorities: z.array(reportPrioritySchema),
});
export type Report = z.infer<typeof reportSchema>;

/** The field the trend follows: the declared headline, else the first that holds a figure. */
export function headlineField(indicator: Pick<IndicatorSummary, "fields" | "headlineFieldKey">): FieldDeclaration | undefined {
  const numeric = indicator.fields.filter((field) => kindOf(field).numeric);
  return numeric.find((field) => field.key === indicator.headlineFieldKey) ?? numeric[0];
}

/**
 * The headline figure of a return, wherever one is shown (trend, RAG, chart, the form's history):
 * only a submitted return's, since a draft is unfinished and "no update" repeats an old one.
 */
export function headlineFigure(indicator: Pick<IndicatorSummary, "fields" | "headlineFieldKey">, record: Pick<ReturnRecord, "status" | "values"> | null): string | null {
  const field = headlineField(indicator);
  const value = field && record?.status === "SUBMITTED" ? record.values[field.key] : undefined;
  return value === undefined ? null : kindOf(field!).figureOf(value);
}

const signedPercent = (value: number) => `${value > 0 ? "+" : value < 0 ? "-" : ""}${Math.abs(value).toFixed(1).replace(/\.0$/, "")}%`;

/**
 * The same quarter a year earlier as the document names it, by the year its reporting year starts
 * in: Q1 2019/20 → "Q1/2018", and Q4 2019/20 (January to March 2020) → "Q4/2018".
 */
export function sameQuarterLastYearLabel(quarter: Pick<ReportQuarter, "number" | "startDate">): string {
  const [year, month] = quarter.startDate.split("-").map(Number) as [number, number];
  const yearStartsIn = month - 3 * (quarter.number - 1) < 1 ? year - 1 : year;
  return `Q${quarter.number}/${yearStartsIn - 1}`;
}

/** "3.2 percentage points", "1 place", "343": the size of a difference in the units it is counted in. */
function differenceSize(field: FieldDeclaration, difference: string): string {
  const size = formatFigure(difference.replace("-", ""));
  const unit = kindOf(field).differenceUnit;
  return `${size}${size === "1" ? unit.replace(/s$/, "") : unit}`;
}

/**
 * "+69 (+42.9%)", "-0.5 percentage points", "+1 place": how a figure moved from another, for the
 * form and check your answers. A percentage moves by points and a rank by places, never by a per
 * cent of itself.
 */
export function changeText(field: FieldDeclaration, figure: string, previous: string): string {
  const { difference, percent } = change(figure, previous);
  const sign = difference.startsWith("-") ? "−" : "+";
  const relative = percent === null || kindOf(field).differenceUnit ? "" : ` (${formatPercentChange(percent)})`;
  return `${sign}${differenceSize(field, difference)}${relative}`;
}

/**
 * A figure against the same period last year: named by that period when the figures cover their
 * own, else by the quarter. A difference counted in its own units (a count, an average) also gives
 * its per cent; one counted in percentage points or places does not, as a per cent of a
 * percentage or of a rank misleads.
 */
function comparison(field: FieldDeclaration, figure: string, previous: string, quarter: ReportQuarter, period: string | null): string {
  const kind = kindOf(field);
  const earlierPeriod = period && periodAYearEarlier(period);
  const lastYear = earlierPeriod ? ` (${earlierPeriod})` : period ? " a year earlier" : ` in ${sameQuarterLastYearLabel(quarter)}`;
  const { difference, percent: relative } = change(figure, previous);
  const size = `${differenceSize(field, difference)}${relative === null || kind.differenceUnit ? "" : ` (${signedPercent(relative)})`}`;
  const movement = compareFigures(difference, "0") === 0 ? "no change" : difference.startsWith("-") ? `a reduction of ${size}` : `an increase of ${size}`;
  return `${kind.format(field, figure)}${period ? ` (${period})` : ""} compared to ${kind.formatFigure(previous)}${lastYear}, ${movement}`;
}

function valueText(field: FieldDeclaration, value: FieldValue, previousYear: string | undefined, quarter: ReportQuarter, period: string | null): string {
  const compared = previousYear !== undefined && field.comparesWithPreviousYear && typeof value === "string" && kindOf(field).numeric;
  if (compared) return comparison(field, value, previousYear, quarter, period);
  return `${kindOf(field).format(field, value)}${period ? ` (${period})` : ""}`;
}

/**
 * The figures of a return in words, from the indicator's declaration, with the period they cover
 * when it is not simply the quarter: "41.8% (12 months to June 2019)". With several figures the
 * period follows them all.
 */
export function figuresText(fields: FieldDeclaration[], record: Pick<ReturnRecord, "values" | "previousYear"> & { periodCovered?: string | null }, quarter: ReportQuarter): string {
  const period = shownPeriod(record.periodCovered, quarter.startDate);
  const shown = fields.filter((field) => record.values[field.key] !== undefined);
  const single = shown.length === 1;
  const parts = shown.map((field) => ({ field, text: valueText(field, record.values[field.key]!, record.previousYear[field.key], quarter, single ? period : null) }));
  if (single) return parts[0]!.text;
  const text = parts.map(({ field, text }) => `${field.label}: ${text}`).join("; ");
  return period && text ? `${text} (${period})` : text;
}

const dayMonthYear = (isoDate: string) => `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(2, 4)}`;

/** A quarter's cell of the report: nothing for a draft; the figures then the commentary; or the no-data words. */
export function reportCellText(fields: FieldDeclaration[], record: ReturnRecord | null, quarter: ReportQuarter): string {
  if (!record || record.status === "DRAFT") return "";
  if (record.status === "NO_DATA" && record.noData) {
    const { reason, availableFrom, explanation } = record.noData;
    if (reason === "NOT_YET_AVAILABLE") return explanation ?? `No data available until ${dayMonthYear(availableFrom!)}`;
    if (reason === "NOT_RELEASED") return explanation ?? "Data not released";
    if (reason === "NOT_PROVIDED") return explanation ?? "No data provided";
    // Never a figure under "no data", even one stored before the API refused them.
    return explanation ?? "No further update available";
  }
  return [figuresText(fields, record, quarter), record.commentary].filter(Boolean).join("\n");
}

function toneOf(direction: number, polarity: Polarity): Trend["tone"] {
  if (direction === 0 || polarity === "NEUTRAL") return "neutral";
  return (direction > 0) === (polarity === "HIGHER_IS_BETTER") ? "good" : "bad";
}

/**
 * The trend of the latest quarter's headline figure: against the same quarter last year when the
 * field is compared with last year (cumulative figures), else against the previous quarter.
 */
export function trendOf(indicator: Pick<IndicatorSummary, "fields" | "headlineFieldKey" | "polarity">, records: (ReturnRecord | null)[], quarters: ReportQuarter[]): Trend | null {
  const field = headlineField(indicator);
  if (!field) return null;
  const figureAt = (index: number) => headlineFigure(indicator, records[index]!);
  const latest = [...records.keys()].reverse().find((index) => figureAt(index) !== null);
  if (latest === undefined) return null;
  const current = figureAt(latest)!;
  let previous: string | null = null;
  let against = "";
  const lastYear = records[latest]!.previousYear[field.key];
  if (field.comparesWithPreviousYear && lastYear !== undefined) {
    previous = lastYear;
    against = "the same quarter last year";
  } else {
    const earlier = [...records.keys()].slice(0, latest).reverse().find((index) => figureAt(index) !== null);
    if (earlier !== undefined) {
      previous = figureAt(earlier);
      against = quarters[earlier]!.name;
    }
  }
  if (previous === null) return null;
  const kind = kindOf(field);
  const direction = compareFigures(current, previous);
  // A rank's position falls as it improves: 9th is better than 10th. Its arrow follows the place
  // in the table, and its colour the polarity (a neutral rank is read as lower-is-better).
  const upward = kind.lowerIsBetter ? -direction : direction;
  const polarity = kind.lowerIsBetter && indicator.polarity === "NEUTRAL" ? "LOWER_IS_BETTER" : indicator.polarity;
  // A percentage or a rank moves by points or places: "Up 0.5 percentage points from 72.6%".
  const size = kind.differenceUnit && direction !== 0 ? ` ${differenceSize(field, change(current, previous).difference)}` : "";
  return {
    arrow: upward > 0 ? "↗" : upward < 0 ? "↘" : "—",
    tone: toneOf(direction, polarity),
    description: `${upward > 0 ? "Up" : upward < 0 ? "Down" : "No change"}${size} ${direction === 0 ? "on" : "from"} ${kind.formatFigure(previous)} in ${against}`,
  };
}

/** RAG of the latest headline figure against the target (within 5% of it is amber), or the override. */
export function ragOf(
  indicator: Pick<IndicatorSummary, "fields" | "headlineFieldKey" | "polarity"> & { target: string | null },
  records: (ReturnRecord | null)[],
): RagStatus | null {
  const latest = [...records].reverse().find((record) => record && record.status !== "DRAFT");
  if (latest?.ragOverride) return { rag: latest.ragOverride, override: true, reason: latest.ragOverrideReason };
  if (!headlineField(indicator) || indicator.target === null || indicator.polarity === "NEUTRAL") return null;
  const figure = [...records].reverse().map((record) => headlineFigure(indicator, record)).find((value) => value !== null);
  if (figure === undefined || figure === null) return null;
  const value = Number(figure);
  const target = Number(indicator.target);
  const better = indicator.polarity === "HIGHER_IS_BETTER" ? value >= target : value <= target;
  const near = Math.abs(value - target) <= Math.abs(target) * 0.05;
  return { rag: better ? "GREEN" : near ? "AMBER" : "RED", override: false, reason: null };
}

/** A chart of the headline figure draws a lower figure higher: a rank, where 1st is the top. */
export function chartIsInverted(indicator: Pick<IndicatorSummary, "fields" | "headlineFieldKey">): boolean {
  const field = headlineField(indicator);
  return field ? kindOf(field).lowerIsBetter : false;
}

/** The headline figure of each quarter, as numbers for a chart. */
export function chartOf(indicator: Pick<IndicatorSummary, "fields" | "headlineFieldKey">, records: (ReturnRecord | null)[]): (number | null)[] {
  return records.map((record) => {
    const figure = headlineFigure(indicator, record);
    return figure === null ? null : Number(figure);
  });
}

/**
 * The most one import may hold. A partnership's year is a few hundred lines at most (Stockton's
 * report is 44 lines and 9 KB): these allow several times a large one, and an import of that size
 * is written well within a request's time (see BENCHMARKS.md).
 */
export const IMPORT_LIMITS = { bytes: 2 * 1024 * 1024, lines: 2_000 } as const;

const IN_PARTS = "Check it is one year's report in the partnership's layout, or import it in parts, a few priorities at a time.";
/** Rounded up, so that a file just over the limit never reads as the limit itself. */
const megabytes = (bytes: number) => `${(Math.ceil((bytes / 2 ** 20) * 10) / 10).toString()} MB`;
const counted = (count: number) => count.toLocaleString("en-GB");

/** The file is over the size limit: what was sent (in bytes) against it, or only the limit when the size is not known. */
export function importFileTooLarge(bytes: number | null): string {
  const sent = bytes === null ? "The file is too large" : `The file is ${megabytes(bytes)}`;
  return `${sent}; an import can be at most ${megabytes(IMPORT_LIMITS.bytes)}. ${IN_PARTS}`;
}

/** Lines as an editor numbers them: a line break at the very end starts no new line. */
export function lineCount(text: string): number {
  const breaks = text.match(/\r\n|\r|\n/g)?.length ?? 0;
  return text === "" || /[\r\n]$/.test(text) ? breaks : breaks + 1;
}

/** Why the report is too big to import (its size, then its lines, against IMPORT_LIMITS), or null. */
export function importTooBig(text: string): string | null {
  const bytes = new TextEncoder().encode(text).byteLength;
  if (bytes > IMPORT_LIMITS.bytes) return importFileTooLarge(bytes);
  const lines = lineCount(text);
  if (lines > IMPORT_LIMITS.lines) return `The file has ${counted(lines)} lines; an import can have at most ${counted(IMPORT_LIMITS.lines)} lines. ${IN_PARTS}`;
  return null;
}

/** An admin uploads a report in the document's layout for a year. */
export const importReportSchema = z.strictObject({
  year: z.string({ error: "Enter the year, like 2019/20" }).check(z.regex(/^\d{4}\/\d{2}$/, { error: "Enter the year like 2019/20" })),
  text: z.string({ error: "Choose the report file" }).check(z.minLength(1, { error: "The file is empty" }), multiLine("The report file")),
});

/** What an import did, for the admin who ran it. */
export const importSummarySchema = z.object({
  year: z.string(),
  organisationsCreated: z.array(z.string()),
  prioritiesCreated: z.int(),
  prioritiesUpdated: z.int(),
  indicatorsCreated: z.int(),
  indicatorsUpdated: z.int(),
  returnsWritten: z.int(),
  returnsUnchanged: z.int(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;
