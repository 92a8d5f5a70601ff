// The partnership's report as its own document: tab-separated text exported from a table. This
// module reads that layout (see README, "The report document") into priorities and indicator
// lines, and says what each quarter cell means.

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
}

export interface DocumentPriority {
  number: number;
  title: string;
  outcome: string;
  lines: DocumentIndicatorLine[];
}

export interface ReportDocument {
  title: string;
  priorities: DocumentPriority[];
}

const PRIORITY = /^Priority\s+(\d+)$/i;

export function parseReportDocument(text: string): ReportDocument {
  const rows = text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.split("\t").map((cell) => cell.trim()))
    .filter((cells) => cells.some((cell) => cell !== ""));

  const document: ReportDocument = { title: "", priorities: [] };
  let priority: DocumentPriority | undefined;
  let previous: DocumentIndicatorLine | undefined;

  for (let index = 0; index < rows.length; index++) {
    const [first = "", second = ""] = rows[index]!;
    const headingWithTitleBelow = () => {
      const title = second || rows[index + 1]?.[0] || "";
      if (!second) index++;
      return title;
    };
    const priorityMatch = PRIORITY.exec(first);
    if (priorityMatch) {
      priority = { number: Number(priorityMatch[1]), title: headingWithTitleBelow(), outcome: "", lines: [] };
      document.priorities.push(priority);
      previous = undefined;
    } else if (/^Outcome$/i.test(first)) {
      if (!priority) throw new DocumentError(index, "an Outcome before any Priority");
      priority.outcome = headingWithTitleBelow();
    } else if (/^Ref$/i.test(first)) {
      // The table's header row.
    } else if (!priority) {
      document.title ||= first;
    } else {
      previous = readIndicatorRow(rows[index]!, previous, priority, index);
    }
  }
  return document;
}

function readIndicatorRow(
  cells: string[],
  previous: DocumentIndicatorLine | undefined,
  priority: DocumentPriority,
  index: number,
): DocumentIndicatorLine {
  const [refCell = "", title = "", collation = "", q1 = "", q2 = "", q3 = "", q4 = "", trend = ""] = cells;
  const quarters: [string, string, string, string] = [q1, q2, q3, q4];

  if (!refCell && !title) {
    if (!previous) throw new DocumentError(index, "quarter text that continues no indicator");
    previous.quarters = previous.quarters.map((cell, quarter) =>
      [cell, quarters[quarter]].filter(Boolean).join("\n"),
    ) as [string, string, string, string];
    previous.trend ||= trend;
    return previous;
  }
  if (!refCell && !previous) throw new DocumentError(index, "an indicator line with no Ref above it");

  const [, ref = "", marker = ""] = /^(\S+)\s*(.*)$/.exec(refCell) ?? [];
  const line: DocumentIndicatorLine = {
    ref: refCell ? ref : previous!.ref,
    continuation: !refCell,
    restricted: refCell ? /RESTRICTED/i.test(marker) : previous!.restricted,
    title,
    collation: collation || previous?.collation || "",
    quarters,
    trend,
  };
  priority.lines.push(line);
  return line;
}

export class DocumentError extends Error {
  constructor(rowIndex: number, problem: string) {
    super(`The report document has ${problem} (non-empty row ${rowIndex + 1}).`);
  }
}

/** What a quarter cell of the document records, in the product's terms (DESIGN.md §1). */
export type DocumentCell =
  | { state: "MISSING" }
  | { state: "SUBMITTED"; text: string }
  | { state: "NO_DATA"; reason: "NOT_PROVIDED" | "NO_UPDATE" }
  | { state: "NO_DATA"; reason: "NOT_YET_AVAILABLE"; availableFrom: string }
  | { state: "NO_DATA"; reason: "NOT_RELEASED"; explanation: string };

export function readDocumentCell(text: string): DocumentCell {
  const cell = text.trim();
  if (!cell) return { state: "MISSING" };
  // "No date provided" is the document's own typing slip for "No data provided".
  if (/^no (data|date|update) provided\.?$/i.test(cell)) return { state: "NO_DATA", reason: "NOT_PROVIDED" };
  if (/^no further update available\.?$/i.test(cell)) return { state: "NO_DATA", reason: "NO_UPDATE" };
  const until = /^no data available until (\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\.?$/i.exec(cell);
  if (until) {
    const [, day, month, year] = until;
    const fullYear = year!.length === 2 ? `20${year}` : year!;
    return {
      state: "NO_DATA",
      reason: "NOT_YET_AVAILABLE",
      availableFrom: `${fullYear}-${month!.padStart(2, "0")}-${day!.padStart(2, "0")}`,
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
