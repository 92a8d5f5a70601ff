// The report as files: XLSX in the document's layout with a Figures sheet, TSV in the document's
// own text layout, and CSV for analysts (the Figures sheet's rows). Each is written from what the
// caller may read, and none of their cells can be taken for a formula (shared/spreadsheet.ts).
import type { Report, ReportLine } from "@quarterly-returns/shared";
import { writeReportDocument } from "@quarterly-returns/shared/report-document";
import { spreadsheetCell, writeSpreadsheetText } from "@quarterly-returns/shared/spreadsheet";
import type { Workbook } from "exceljs";
import { FIGURE_COLUMNS, type FigureRow } from "./figures.ts";

const HEADER = ["Ref", "Activities To Support This Priority", "Data Collation", "Quarter 1 Update", "Quarter 2 Update", "Quarter 3 Update", "Quarter 4 Update", "Trend/RAG"];
const WIDTHS = [9, 40, 28, 38, 38, 38, 38, 14];

const trendCell = (line: ReportLine) =>
  [line.trend?.arrow, line.rag ? `${line.rag.rag}${line.rag.override && line.rag.reason ? ` (${line.rag.reason})` : ""}` : null].filter(Boolean).join(" ");

const refCell = (line: ReportLine) => (line.ref ? `${line.ref}${line.restricted ? " RESTRICTED" : ""}` : "");

/** The document's own layout as tab-separated text. */
export function reportTsv(report: Report): string {
  return writeReportDocument({
    title: report.title,
    priorities: report.priorities.map((priority) => {
      let ref = "";
      return {
        number: priority.number,
        title: priority.title,
        outcome: priority.outcome,
        line: 0,
        lines: priority.lines.map((line) => {
          ref = line.ref ?? ref;
          return { ref, continuation: line.ref === null, restricted: line.restricted, title: line.title, collation: line.collation, quarters: line.cells, trend: trendCell(line), line: 0 };
        }),
      };
    }),
  });
}

/** One sheet per priority, laid out like the document: wrapped text, set widths, frozen headings; then the Figures sheet. */
export async function reportXlsx(report: Report, figures: FigureRow[]): Promise<Buffer> {
  // Loaded on first use: it is the largest module the server has, and most starts never need it.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Quarterly Returns";
  workbook.title = `${report.year.label} performance report`;
  for (const priority of report.priorities) {
    const sheet = workbook.addWorksheet(`Priority ${priority.number}`, {
      views: [{ state: "frozen", ySplit: 4 }],
      pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "4:4" },
    });
    sheet.columns = WIDTHS.map((width) => ({ width }));
    sheet.addRow([spreadsheetCell(report.title)]).font = { bold: true };
    sheet.addRow([`Priority ${priority.number}`, spreadsheetCell(priority.title)]).font = { bold: true, size: 13 };
    sheet.addRow(["Outcome", spreadsheetCell(priority.outcome)]);
    const header = sheet.addRow(HEADER);
    header.font = { bold: true };
    header.eachCell((cell) => (cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDDDDD" } }));
    let lastCollation = "";
    for (const line of priority.lines) {
      const cells = [refCell(line), line.title, line.collation === lastCollation ? "" : line.collation, ...line.cells, trendCell(line)];
      const row = sheet.addRow(cells.map(spreadsheetCell));
      lastCollation = line.collation;
      row.alignment = { wrapText: true, vertical: "top" };
    }
  }
  addFiguresSheet(workbook, figures);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** For analysts: the long table of figures, one value per row, numbers as plain decimal text. */
export function reportCsv(rows: FigureRow[]): string {
  const records = rows.map((row) => FIGURE_COLUMNS.map(({ key }) => csvCell(row[key])));
  return writeSpreadsheetText(records, { header: true, columns: FIGURE_COLUMNS.map(({ header }) => header) });
}

const csvCell = (cell: FigureRow[keyof FigureRow]): string => (cell === null ? "" : typeof cell === "object" ? cell.figure : String(cell));

/** An ISO date as the spreadsheet date of that day. */
const dateCell = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

/** The Figures sheet: the same rows as the CSV, figures as number cells with their formats, filterable. */
function addFiguresSheet(workbook: Workbook, rows: FigureRow[]) {
  const sheet = workbook.addWorksheet("Figures", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = FIGURE_COLUMNS.map(({ width }) => ({ width }));
  const header = sheet.addRow(FIGURE_COLUMNS.map(({ header }) => header));
  header.font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: FIGURE_COLUMNS.length } };
  for (const row of rows) {
    const added = sheet.addRow([]);
    FIGURE_COLUMNS.forEach(({ key }, index) => {
      const cell = added.getCell(index + 1);
      const value = row[key];
      // Nothing to say leaves the cell blank, so a spreadsheet counts and filters it as blank.
      if (value === null || value === "") return;
      if (typeof value === "number") cell.value = value;
      else if (typeof value === "object") {
        cell.value = Number(value.figure);
        cell.numFmt = value.format;
      } else if (key === "expected") {
        cell.value = dateCell(value);
        cell.numFmt = "d mmm yyyy";
      } else cell.value = spreadsheetCell(value);
    });
    added.alignment = { vertical: "top" };
  }
}
