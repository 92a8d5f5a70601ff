// The board pack as a PDF, A4 landscape, for the board to be sent as it is: the cover, the
// summary page, then the report table in the document's layout. The table's header repeats on
// every page and a row is never split across two. Each page says "PROVISIONAL" while a quarter it
// shows is not signed off, and the pages holding a restricted row say "OFFICIAL-SENSITIVE" at the
// top and the bottom; which pages those are is only known once pdfmake has laid the rows out, so
// each restricted row's first cell carries an id, and a first layout reports the page it landed on.
import { createRequire } from "node:module";
import path from "node:path";
import type { ReportLine } from "@quarterly-returns/shared";
import type { Content, TableCell, TDocumentDefinitions } from "pdfmake/interfaces";
import { RAG_ORDER, TREND_COUNTS, type BoardPack, type ExceptionKind } from "./board-pack.ts";

const RESTRICTED_ROW = "restricted-row-";
const MARKING = "OFFICIAL-SENSITIVE";

const require = createRequire(import.meta.url);
// Roboto, shipped with pdfmake: unlike the PDF standard fonts it has every character people type.
const fontFolder = path.dirname(require.resolve("pdfmake/fonts/Roboto/Roboto-Regular.ttf"));
const FONTS = {
  Roboto: {
    normal: path.join(fontFolder, "Roboto-Regular.ttf"),
    bold: path.join(fontFolder, "Roboto-Medium.ttf"),
    italics: path.join(fontFolder, "Roboto-Italic.ttf"),
    bolditalics: path.join(fontFolder, "Roboto-MediumItalic.ttf"),
  },
};

const RAG_WORDS = { RED: "Red", AMBER: "Amber", GREEN: "Green", NONE: "No RAG" } as const;
const EXCEPTION_HEADINGS: Record<ExceptionKind, string> = {
  red: "Red",
  "no data": "No data",
  "confirmed outlier": "Unusual figure confirmed",
  "open query": "Open query",
};

const trendText = (line: ReportLine) =>
  [line.trend?.description, line.rag ? `${RAG_WORDS[line.rag.rag]}${line.rag.override && line.rag.reason ? ` (${line.rag.reason})` : ""}` : null].filter(Boolean).join(". ");

function cover(pack: BoardPack): Content[] {
  return [
    { text: pack.partnershipName, style: "partnership", margin: [0, 90, 0, 12] },
    { text: pack.title, style: "title" },
    { text: pack.period, style: "subtitle", margin: [0, 4, 0, 24] },
    { text: "Quarters covered", style: "label" },
    { ul: pack.quarters.map((quarter) => `${quarter.name}: ${quarter.state}`), margin: [0, 4, 0, 16] },
    ...(pack.provisional ? [{ text: "Figures for a quarter that is not signed off are provisional: they may still change.", margin: [0, 0, 0, 16] } as Content] : []),
    { text: `As at ${pack.asAt}`, style: "label" },
  ];
}

function summaryPage(pack: BoardPack): Content[] {
  const counts: TableCell[][] = [
    [
      { text: "Priority", style: "header" },
      { text: "Indicators", style: "header" },
      ...RAG_ORDER.map((rag) => ({ text: RAG_WORDS[rag], style: "header" })),
      ...TREND_COUNTS.map((trend) => ({ text: trend[0]!.toUpperCase() + trend.slice(1), style: "header" })),
    ],
    ...pack.summary.map((priority) => [
      `${priority.number}. ${priority.title}`,
      String(priority.indicators),
      ...RAG_ORDER.map((rag) => String(priority.rag[rag])),
      ...TREND_COUNTS.map((trend) => String(priority.trend[trend])),
    ]),
  ];
  const exceptions = pack.summary.flatMap((priority): Content[] =>
    priority.exceptions.length === 0
      ? []
      : [
          { text: `${priority.number}. ${priority.title}`, style: "label", margin: [0, 8, 0, 2] },
          {
            table: {
              widths: [50, 120, "*"],
              dontBreakRows: true,
              body: priority.exceptions.map((exception) => [exception.ref, EXCEPTION_HEADINGS[exception.kind], exception.text]),
            },
            layout: "lightHorizontalLines",
          },
        ],
  );
  return [
    { text: "Summary", style: "title", pageBreak: "before" },
    { text: "Indicators by RAG status and by trend", style: "label", margin: [0, 8, 0, 4] },
    { table: { headerRows: 1, dontBreakRows: true, widths: ["*", ...Array(1 + RAG_ORDER.length + TREND_COUNTS.length).fill(48)], body: counts }, layout: "lightHorizontalLines" },
    { text: "Exceptions", style: "label", margin: [0, 16, 0, 0] },
    ...(exceptions.length ? exceptions : [{ text: "None: no indicator is red, without data, unusual or queried." } as Content]),
  ];
}

function reportTable(pack: BoardPack): Content[] {
  const { report } = pack;
  let restrictedRows = 0;
  // A new header per table: pdfmake writes its layout into the cells it is given.
  const header = (): TableCell[] => ["Ref", "Activities to support this priority", "Data collation", ...report.quarters.map((quarter) => `${quarter.name}${quarter.status === "CLOSED" ? "" : " (provisional)"}`), "Trend and RAG"].map(
    (text) => ({ text, style: "header" }),
  );
  // The priority's title and outcome are header rows too: each page of its table says whose it is.
  return report.priorities.map(
    (priority, index): Content => ({
      table: {
        headerRows: 3,
        keepWithHeaderRows: 1,
        dontBreakRows: true,
        widths: [54, 120, 70, "*", "*", "*", "*", 70],
        body: [
          [{ text: `Priority ${priority.number}: ${priority.title}`, style: "subtitle", colSpan: 8, margin: [0, 0, 0, 0] }, ...Array<TableCell>(7).fill("")],
          [{ text: `Outcome: ${priority.outcome}`, colSpan: 8, margin: [0, 0, 0, 4] }, ...Array<TableCell>(7).fill("")],
          header(),
          ...priority.lines.map((line): TableCell[] => [
            line.restricted ? { text: [line.ref ?? "", "\nRESTRICTED"], id: `${RESTRICTED_ROW}${restrictedRows++}`, bold: true } : (line.ref ?? ""),
            line.title,
            line.collation,
            ...line.cells,
            trendText(line),
          ]),
        ],
      },
      layout: "lightHorizontalLines",
      pageBreak: index === 0 ? "before" : undefined,
      margin: [0, index === 0 ? 0 : 12, 0, 0],
    }),
  );
}

/** The board pack as PDF bytes. */
export async function boardPackPdf(pack: BoardPack): Promise<Buffer> {
  // Loaded on first use, like the workbook writer: most starts never make a PDF.
  const { default: pdfmake } = await import("pdfmake");
  pdfmake.setFonts(FONTS);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => path.dirname(file) === fontFolder);
  // pdfmake writes the headers and footers before it reports where the rows went, so the first
  // layout finds the restricted rows' pages and the second, the same layout, marks them.
  const firstLayout = new Set<number>();
  await pdfmake.createPdf(documentOf(pack, new Set(), firstLayout)).getBuffer();
  return pdfmake.createPdf(documentOf(pack, firstLayout, new Set())).getBuffer();
}

function documentOf(pack: BoardPack, restrictedPages: ReadonlySet<number>, restrictedRowsFound: Set<number>): TDocumentDefinitions {
  const marking = (page: number, position: "top" | "bottom"): Content => {
    const words = [restrictedPages.has(page) ? MARKING : "", position === "top" && pack.provisional ? "PROVISIONAL" : ""].filter(Boolean).join("    ");
    return { text: words, alignment: "center", bold: true, margin: [40, position === "top" ? 14 : 4, 40, 0] };
  };
  return {
    pageSize: "A4",
    pageOrientation: "landscape",
    pageMargins: [40, 44, 40, 48],
    info: { title: `${pack.partnershipName}: ${pack.title}`, creator: "Quarterly Returns" },
    defaultStyle: { font: "Roboto", fontSize: 8, lineHeight: 1.15 },
    styles: {
      partnership: { fontSize: 20, bold: true },
      title: { fontSize: 18, bold: true },
      subtitle: { fontSize: 12, bold: true },
      label: { fontSize: 10, bold: true },
      header: { bold: true, fillColor: "#dddddd" },
    },
    header: (page) => marking(page, "top"),
    footer: (page, pages) => ({
      stack: [marking(page, "bottom"), { text: `Page ${page} of ${pages}`, alignment: "right", margin: [40, 2, 40, 0] }],
    }),
    // Asked of every node once the content is laid out; never asks for a break itself.
    pageBreakBefore: (node) => {
      if (node.id?.startsWith(RESTRICTED_ROW)) restrictedRowsFound.add(node.startPosition.pageNumber);
      return false;
    },
    content: [...cover(pack), ...summaryPage(pack), ...reportTable(pack)],
  };
}
