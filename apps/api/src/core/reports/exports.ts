// The report as files: XLSX in the document's layout, TSV in the document's own text layout, and
// CSV for analysts. Each is written from the same report the caller may read, and none of their
// cells can be taken for a formula (shared/spreadsheet.ts).
import type { FieldValue, Report, ReportLine } from "@quarterly-returns/shared";
import { writeReportDocument } from "@quarterly-returns/shared/report-document";
import { spreadsheetCell, writeSpreadsheetText } from "@quarterly-returns/shared/spreadsheet";
import { authorize, reportIndicators } from "../access.ts";
import type { Context } from "../context.ts";
import { reportedThrough } from "../framework/reported.ts";
import { returnInclude, toReturnRecord } from "../returns/mapping.ts";
import type { ReportScope } from "./report.ts";

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

/** One sheet per priority, laid out like the document: wrapped text, set widths, frozen headings. */
export async function reportXlsx(report: Report): Promise<Buffer> {
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
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const valuesText = (values: Record<string, FieldValue>) =>
  Object.entries(values)
    .map(([key, value]) => `${key}=${typeof value === "object" ? `${value.position}/${value.outOf}` : value}`)
    .join("; ");

/** For analysts: one row per indicator and quarter, with the raw figures and the return's state. */
export async function reportCsv(context: Context, { yearId, throughQuarter = 4 }: ReportScope): Promise<string> {
  await authorize(context, "readReport");
  const { db } = context;
  const year = await db.reportingYear.findUniqueOrThrow({ where: { id: yearId }, include: { quarters: { where: { number: { lte: throughQuarter } }, orderBy: { number: "asc" } } } });
  const quarterIds = year.quarters.map((quarter) => quarter.id);
  const indicators = await db.indicator.findMany({
    where: { AND: [reportIndicators(context.actor), { priority: { yearId } }, reportedThrough(throughQuarter, quarterIds)] },
    orderBy: [{ priority: { sortOrder: "asc" } }, { sortOrder: "asc" }],
    include: {
      priority: true,
      ownerOrganisation: true,
      returns: { where: { quarterId: { in: quarterIds } }, include: returnInclude },
    },
  });
  const rows: Record<string, string>[] = [];
  let ref = "";
  for (const indicator of indicators) {
    ref = indicator.ref ?? ref;
    for (const quarter of year.quarters.filter((candidate) => candidate.number >= indicator.firstQuarter)) {
      const found = indicator.returns.find((candidate) => candidate.quarterId === quarter.id);
      // Drafts are work in progress: their state is given, not their figures.
      const shown = found && found.status !== "DRAFT" ? toReturnRecord(found) : undefined;
      rows.push({
        year: year.label,
        quarter: `Q${quarter.number}`,
        priority: String(indicator.priority.number),
        ref,
        line: indicator.ref ? "" : "continuation",
        indicator: indicator.title,
        owner: indicator.ownerOrganisation.name,
        restricted: indicator.restricted ? "yes" : "no",
        status: found?.status ?? "MISSING",
        reason: shown?.noData?.reason ?? "",
        availableFrom: shown?.noData?.availableFrom ?? "",
        explanation: shown?.noData?.explanation ?? "",
        values: valuesText(shown?.values ?? {}),
        previousYear: valuesText(shown?.previousYear ?? {}),
        periodCovered: shown?.periodCovered ?? "",
        commentary: shown?.commentary ?? "",
        submittedAt: shown?.submittedAt ?? "",
      });
    }
  }
  return writeSpreadsheetText(rows, { header: true, columns: Object.keys(rows[0] ?? { year: "" }) });
}
