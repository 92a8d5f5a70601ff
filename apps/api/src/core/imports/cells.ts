// A quarter cell of the report document, as the return the product records: a cell that is only
// a figure (perhaps with the period it covers in brackets, "8.77% (12m to Sept 12)") becomes the figure (where the indicator has one numeric field and the report writes it
// back as the document had it), the no-data phrases become their states, anything else is
// commentary.
import { figuresText, kindOf, londonDay, parseFigure, reportCellText, saveReturnSchema, splitFigureAndPeriod, type FieldDeclaration, type FieldKind, type ImportSummary, type QuarterSummary, type ReportQuarter, type ReturnRecord } from "@quarterly-returns/shared";
import { readDocumentCell, type DocumentIndicatorLine, type DocumentProblem } from "@quarterly-returns/shared/report-document";
import type { Context } from "../context.ts";
import { toQuarterSummary, type QuarterRow } from "../quarters/summary.ts";
import { toFieldDeclaration, toReturnRecord, type IndicatorRow, type ReturnRow } from "../returns/mapping.ts";
import { recordReturn, recordReturns, type ReturnWrite } from "../returns/record-return.ts";
import { batchOrOneByOne, problemOf, type Attempt } from "./steps.ts";

const FIGURE_ONLY = /^-?\d[\d,]*(\.\d+)?\s*%?$/;

/** A new indicator's one field, from the figure-only cells it has: a percentage, a decimal, or a count. */
export function inferKind(cells: string[]): FieldKind | null {
  const figures = cells.map((cell) => splitFigureAndPeriod(cell)?.figure ?? cell.trim()).filter((cell) => FIGURE_ONLY.test(cell));
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
  const { figure, period } = splitFigureAndPeriod(read.text) ?? { figure: read.text, period: null };
  if (FIGURE_ONLY.test(figure) && numeric.length === 1) {
    const parsed = parseFigure(figure);
    if ("value" in parsed) {
      const record: Desired = { ...blank, status: "SUBMITTED", noData: null, values: { [numeric[0]!.key]: parsed.value }, periodCovered: period };
      // Only a structured figure if the field takes it and the report writes it back as the document had it.
      const fits = saveReturnSchema(fields, { quarterEndDate: quarter.endDate, today: londonDay() }).safeParse({ version: 0, ...record }).success;
      if (fits && figuresText(fields, record, quarter) === read.text) return record;
    }
  }
  return { ...blank, status: "SUBMITTED", noData: null, commentary: read.text };
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
