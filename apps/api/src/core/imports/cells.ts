// A quarter cell of the report document, as the return the product records: a cell whose first
// line is a figure (perhaps with the period it covers in brackets, "8.77% (12m to Sept 12)")
// becomes the figure, with any further lines as its commentary (where the indicator has one
// numeric field, the words never restate the figure, and the report writes the cell back as the
// document had it); the no-data phrases become their states, keeping the document's own words;
// anything else is commentary.
import { kindOf, mentionsFigure, londonDay, parseFigure, reportCellText, saveReturnSchema, splitFigureAndPeriod, type FieldDeclaration, type FieldKind, type ImportSummary, type QuarterSummary, type ReportQuarter, type ReturnRecord } from "@quarterly-returns/shared";
import { readDocumentCell, type DocumentIndicatorLine, type DocumentProblem } from "@quarterly-returns/shared/report-document";
import type { Context } from "../context.ts";
import { toQuarterSummary, type QuarterRow } from "../quarters/summary.ts";
import { toFieldDeclaration, toReturnRecord, type IndicatorRow, type ReturnRow } from "../returns/mapping.ts";
import { recordReturn, recordReturns, type ReturnWrite } from "../returns/record-return.ts";
import { batchOrOneByOne, problemOf, type Attempt } from "./steps.ts";

const FIGURE_ONLY = /^-?\d[\d,]*(\.\d+)?\s*%?$/;

/** A new indicator's one field, from the figure-only cells it has: a percentage, a decimal, or a count. */
export function inferKind(cells: string[]): FieldKind | null {
  const figures = cells.map((cell) => leadingFigure(cell).figure).filter((figure) => FIGURE_ONLY.test(figure));
  if (figures.length === 0) return null;
  if (figures.some((figure) => figure.endsWith("%"))) return "PERCENT";
  return figures.some((figure) => figure.includes(".") || figure.startsWith("-")) ? "DECIMAL" : "COUNT";
}

type Desired = Pick<ReturnRecord, "status" | "noData" | "values" | "previousYear" | "commentary" | "periodCovered">;

/** The return a cell says, or null for an empty cell. */
function desiredReturn(fields: FieldDeclaration[], cell: string, quarter: QuarterSummary): Desired | null {
  const read = readDocumentCell(cell);
  if (read.state === "MISSING") return null;
  const blank = { values: {}, previousYear: {}, commentary: null, periodCovered: null };
  if (read.state === "NO_DATA") {
    if (read.reason === "NOT_RELEASED") return { ...blank, status: "NO_DATA", noData: { reason: "NOT_RELEASED", availableFrom: null, explanation: read.explanation } };
    const availableFrom = read.reason === "NOT_YET_AVAILABLE" ? read.availableFrom : null;
    const record: Desired = { ...blank, status: "NO_DATA", noData: { reason: read.reason, availableFrom, explanation: null } };
    // Keep the document's own words where the standard ones would differ ("No date provided").
    return reportCellText(fields, record as ReturnRecord, quarter) === read.phrase ? record : { ...record, noData: { ...record.noData!, explanation: read.phrase } };
  }
  const numeric = fields.filter((field) => kindOf(field).numeric && !field.retired);
  const figured = numeric.length === 1 ? figureReturn(fields, numeric[0]!, read.text, quarter) : null;
  return figured ?? { ...blank, status: "SUBMITTED", noData: null, commentary: read.text };
}

/** A cell's first line read as a figure and the period it covers; the lines after it are its words. */
function leadingFigure(cell: string): { figure: string; period: string | null; words: string | null } {
  const [first = "", ...rest] = cell.trim().split("\n");
  const { figure, period } = splitFigureAndPeriod(first) ?? { figure: first.trim(), period: null };
  return { figure, period, words: rest.join("\n").trim() || null };
}

/**
 * The cell as a structured figure with its words as commentary, or null to keep it all as
 * commentary: where the words restate the figure (the report would state it twice, and leaving it
 * out of them would not write the cell back as the document had it), where the field refuses it,
 * or where the report would not write the cell back exactly.
 */
function figureReturn(fields: FieldDeclaration[], field: FieldDeclaration, cell: string, quarter: QuarterSummary): Desired | null {
  const { figure, period, words } = leadingFigure(cell);
  if (!FIGURE_ONLY.test(figure)) return null;
  const parsed = parseFigure(figure);
  if (!("value" in parsed) || (words && mentionsFigure(words, parsed.value))) return null;
  const record: Desired = { status: "SUBMITTED", noData: null, values: { [field.key]: parsed.value }, previousYear: {}, commentary: words, periodCovered: period };
  const fits = saveReturnSchema(fields, { quarterEndDate: quarter.endDate, today: londonDay() }).safeParse({ version: 0, ...record }).success;
  return fits && reportCellText(fields, record as ReturnRecord, quarter) === cell ? record : null;
}

interface Cell {
  indicator: IndicatorRow;
  quarter: QuarterRow;
  cell: string;
  line: DocumentIndicatorLine;
  /** The indicator's return for the quarter as it stands, if any. */
  existing: ReturnRow | undefined;
}

/** A return to write so that the report reads as the document's cell, with what its problems will be about. */
export interface CellWrite {
  line: number;
  about: string;
  write: ReturnWrite;
}

/** The write a cell asks for; "unchanged" when the report already reads as the cell, null for an empty cell. */
export function cellWrite({ indicator, quarter, cell, line, existing }: Cell): CellWrite | "unchanged" | null {
  const fields = indicator.fields.map(toFieldDeclaration);
  const reportQuarter = toQuarterSummary(quarter);
  const desired = desiredReturn(fields, cell, reportQuarter);
  if (!desired) return null;
  const wanted = reportCellText(fields, desired as ReturnRecord, reportQuarter);
  if (existing && reportCellText(fields, toReturnRecord(existing), reportQuarter) === wanted) return "unchanged";
  const body = { version: existing?.version ?? 0, ...desired };
  const about = `${line.ref}${line.continuation ? ` (“${line.title.slice(0, 40)}”)` : ""} in ${reportQuarter.name} would read “${wanted.slice(0, 60)}${wanted.length > 60 ? "…" : ""}”`;
  return { line: line.line, about, write: { indicator, quarter, body, action: "return.import" } };
}

/** Enough returns for a few statements to write thousands; few enough that a batch the database refuses is soon made again one by one. */
const BATCH = 1_000;

/**
 * Writes the cells' returns a batch at a time through the one write path's batch form (the same
 * rules and audit as one return); a rule a write breaks becomes a problem on its line.
 */
export async function writeCells(context: Context, cells: CellWrite[], summary: ImportSummary, problems: DocumentProblem[], attempt: Attempt): Promise<void> {
  for (let start = 0; start < cells.length; start += BATCH) {
    const batch = cells.slice(start, start + BATCH);
    const written = await batchOrOneByOne(
      context,
      async () => {
        const { refused } = await recordReturns(context, batch.map((cell) => cell.write));
        for (const [index, error] of refused) problems.push(problemOf(batch[index]!.line, error, batch[index]!.about));
        return refused.size ? 0 : batch.length;
      },
      async () => {
        let count = 0;
        for (const { line, about, write } of batch) if (await attempt(line, () => recordReturn(context, write), about)) count++;
        return count;
      },
    );
    summary.returnsWritten += written;
  }
}
