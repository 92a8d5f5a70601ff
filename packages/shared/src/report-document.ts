// The partnership's report as its own document: tab-separated text exported from a table (see
// README, "The report document"). Read it into priorities and indicator lines, say what each
// quarter cell means, and write a report back in the same layout.
import { CsvError, parse } from "csv-parse/sync";
import { fromSpreadsheetCell, writeSpreadsheetText } from "./spreadsheet.ts";

export interface DocumentIndicatorLine {
  /** "1.1" without any marker; on a continuation line, the ref of the line it continues. */
  ref: string;
  /** A line with an empty Ref cell: another indicator under the previous ref. */
  continuation: boolean;
  restricted: boolean;
  title: string;
  /** The data-collation cell, filled down from the line above when it is empty. */
  collation: string;
  /** Quarter 1–4 update cells; paragraphs of a continued cell joined by a newline. */
  quarters: [string, string, string, string];
  trend: string;
  /** Where the line starts in the file (1-based), for messages. */
  line: number;
}

export interface DocumentPriority {
  number: number;
  title: string;
  outcome: string;
  lines: DocumentIndicatorLine[];
  /** Where its heading is (1-based), for messages; 0 for a document being written. */
  line: number;
}

export interface ReportDocument {
  title: string;
  priorities: DocumentPriority[];
}

export interface DocumentProblem {
  line: number;
  problem: string;
}

export class DocumentError extends Error {
  constructor(readonly problems: DocumentProblem[]) {
    super(`The report could not be read:\n${problems.map((problem) => `  line ${problem.line}: ${problem.problem}`).join("\n")}`);
  }
}

const PRIORITY = /^Priority\s+(\S+)$/i;
const COLUMNS = 8;

interface Row {
  cells: string[];
  line: number;
}

function readRows(text: string): Row[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter: "\t", bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, info: true }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) throw new DocumentError([{ line: (error as CsvError & { lines?: number }).lines ?? 0, problem: `unreadable text (${error.message})` }]);
    throw error;
  }
  let previousEnd = 0;
  return records.map(({ record, info }) => {
    // The apostrophe that kept a cell from being read as a formula goes before anything else is trimmed.
    const row = { cells: record.map((cell) => fromSpreadsheetCell(cell).replace(/\r/g, "").trim()), line: previousEnd + 1 };
    previousEnd = info.lines;
    return row;
  });
}

/** Reads the document; every problem found is reported with its line, or none and the document. */
export function parseReportDocument(text: string): ReportDocument {
  const rows = readRows(text).filter((row) => row.cells.some((cell) => cell !== ""));
  const problems: DocumentProblem[] = [];
  const document: ReportDocument = { title: "", priorities: [] };
  let priority: DocumentPriority | undefined;
  let tableStarted = false;
  let previous: DocumentIndicatorLine | undefined;

  for (let index = 0; index < rows.length; index++) {
    const { cells, line } = rows[index]!;
    const [first = "", second = ""] = cells;
    const headingWithTitleBelow = () => {
      if (second) return second;
      const below = rows[index + 1];
      if (!below || below.cells.slice(1).some(Boolean)) return "";
      index++;
      return below.cells[0] ?? "";
    };
    if (cells.length > COLUMNS && cells.slice(COLUMNS).some(Boolean)) {
      problems.push({ line, problem: `${cells.length} columns where the report has ${COLUMNS} (Ref, activity, data collation, four quarters, trend)` });
      continue;
    }
    const priorityMatch = PRIORITY.exec(first);
    if (priorityMatch) {
      const number = Number(priorityMatch[1]);
      if (!Number.isInteger(number) || number < 1) problems.push({ line, problem: `"${first}" is not a priority number` });
      if (document.priorities.some((existing) => existing.number === number)) problems.push({ line, problem: `Priority ${number} appears twice` });
      const title = headingWithTitleBelow();
      if (!title) problems.push({ line, problem: `Priority ${priorityMatch[1]} has no title` });
      priority = { number, title, outcome: "", lines: [], line };
      document.priorities.push(priority);
      tableStarted = false;
      previous = undefined;
    } else if (/^Outcome$/i.test(first)) {
      if (!priority) problems.push({ line, problem: "an Outcome before any Priority heading" });
      else priority.outcome = headingWithTitleBelow();
    } else if (/^Ref$/i.test(first)) {
      if (!priority) problems.push({ line, problem: "a table header before any Priority heading" });
      tableStarted = true;
    } else if (!priority) {
      if (document.title || cells.slice(1).some(Boolean)) problems.push({ line, problem: "a table row before any Priority heading" });
      else document.title = first;
    } else if (!tableStarted) {
      problems.push({ line, problem: `a row before the header row of Priority ${priority.number}'s table (Ref, activities, data collation, quarters)` });
    } else {
      const read = readIndicatorRow(cells, line, previous, priority);
      if ("problem" in read) problems.push(read);
      else previous = read;
    }
  }
  if (document.priorities.length === 0 && problems.length === 0) problems.push({ line: 1, problem: "no Priority heading: this is not a report in the partnership's layout" });
  if (problems.length) throw new DocumentError(problems);
  return document;
}

function readIndicatorRow(
  cells: string[],
  line: number,
  previous: DocumentIndicatorLine | undefined,
  priority: DocumentPriority,
): DocumentIndicatorLine | DocumentProblem {
  const [refCell = "", title = "", collation = "", q1 = "", q2 = "", q3 = "", q4 = "", trend = ""] = cells;
  const quarters: [string, string, string, string] = [q1, q2, q3, q4];

  if (!refCell && !title) {
    if (!previous) return { line, problem: "quarter text that continues no indicator" };
    previous.quarters = previous.quarters.map((cell, quarter) => [cell, quarters[quarter]].filter(Boolean).join("\n")) as [string, string, string, string];
    previous.trend ||= trend;
    return previous;
  }
  if (!refCell && !previous) return { line, problem: "an indicator line with no Ref above it" };
  if (!title) return { line, problem: `indicator ${refCell} has no activity` };

  const [, ref = "", marker = ""] = /^(\S+)\s*(.*)$/.exec(refCell) ?? [];
  const owner = collation || previous?.collation || "";
  if (!owner) return { line, problem: `indicator ${refCell || previous!.ref} has no data collation (owner)` };
  const indicator: DocumentIndicatorLine = {
    ref: refCell ? ref : previous!.ref,
    continuation: !refCell,
    restricted: refCell ? /RESTRICTED/i.test(marker) : previous!.restricted,
    title,
    collation: owner,
    quarters,
    trend,
    line,
  };
  priority.lines.push(indicator);
  return indicator;
}

/** What a quarter cell of the document records, in the product's terms (DESIGN.md §1). */
export type DocumentCell =
  | { state: "MISSING" }
  | { state: "SUBMITTED"; text: string }
  | { state: "NO_DATA"; reason: "NOT_PROVIDED" | "NO_UPDATE"; phrase: string }
  | { state: "NO_DATA"; reason: "NOT_YET_AVAILABLE"; availableFrom: string; phrase: string }
  | { state: "NO_DATA"; reason: "NOT_RELEASED"; explanation: string };

export function readDocumentCell(text: string): DocumentCell {
  const cell = text.trim();
  if (!cell) return { state: "MISSING" };
  // "No date provided" is the document's own typing slip for "No data provided".
  if (/^no (data|date|update) provided\.?$/i.test(cell)) return { state: "NO_DATA", reason: "NOT_PROVIDED", phrase: cell };
  if (/^no further update available\.?$/i.test(cell)) return { state: "NO_DATA", reason: "NO_UPDATE", phrase: cell };
  const until = /^no data available until (\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\.?$/i.exec(cell);
  if (until) {
    const [, day, month, year] = until;
    const fullYear = year!.length === 2 ? `20${year}` : year!;
    return {
      state: "NO_DATA",
      reason: "NOT_YET_AVAILABLE",
      availableFrom: `${fullYear}-${month!.padStart(2, "0")}-${day!.padStart(2, "0")}`,
      phrase: cell,
    };
  }
  if (/\bnot released\b/i.test(cell)) return { state: "NO_DATA", reason: "NOT_RELEASED", explanation: cell };
  return { state: "SUBMITTED", text: cell };
}

/**
 * The organisation a data-collation cell names ("Cleveland Police IOM Unit - Zoe Green"): the
 * longest organisation name the cell starts with, else one whose short name it contains as a word
 * ("Office of PCC - Becky Childs").
 */
export function matchOrganisation<T extends { name: string; shortName: string }>(collation: string, organisations: T[]): T | undefined {
  const cell = collation.toLowerCase();
  const byName = organisations
    .filter((organisation) => cell.startsWith(organisation.name.toLowerCase()))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (byName) return byName;
  const words = new Set(cell.split(/[^a-z0-9]+/));
  return organisations.find((organisation) => words.has(organisation.shortName.toLowerCase()));
}

/** "Cleveland Police IOM Unit - Zoe Green" → the organisation's name and the lead contact. */
export function splitCollation(collation: string): { organisation: string; leadContact: string | null } {
  const [organisation, ...rest] = collation.split(/\s*-\s+|\s+-\s*/);
  return { organisation: organisation!.trim(), leadContact: rest.join(" - ").trim() || null };
}

const HEADER = ["Ref", "Activities To Support This Priority", "Data Collation", "Quarter 1 Update", "Quarter 2 Update", "Quarter 3 Update", "Quarter 4 Update", "Trend/RAG"];

/**
 * Writes a report in the document's layout: a cell's further paragraphs go on continuation rows,
 * as the document does, and the owner is written once for consecutive lines of the same owner.
 */
export function writeReportDocument(document: ReportDocument): string {
  const rows: string[][] = [];
  if (document.title) rows.push([document.title]);
  for (const priority of document.priorities) {
    rows.push([`Priority ${priority.number}`, priority.title]);
    rows.push(["Outcome", priority.outcome]);
    rows.push(HEADER);
    let lastCollation = "";
    for (const line of priority.lines) {
      const paragraphs = line.quarters.map((cell) => cell.split("\n"));
      const ref = line.continuation ? "" : `${line.ref}${line.restricted ? " RESTRICTED" : ""}`;
      rows.push([ref, line.title, line.collation === lastCollation ? "" : line.collation, ...paragraphs.map((cell) => cell[0] ?? ""), line.trend]);
      lastCollation = line.collation;
      const depth = Math.max(...paragraphs.map((cell) => cell.length));
      for (let paragraph = 1; paragraph < depth; paragraph++) rows.push(["", "", "", ...paragraphs.map((cell) => cell[paragraph] ?? ""), ""]);
    }
    rows.push([]);
  }
  return writeSpreadsheetText(rows, { delimiter: "\t", record_delimiter: "\n" });
}
