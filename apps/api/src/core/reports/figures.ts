// The figures as analysts want them: one row per indicator, quarter and field, one value per row.
// The CSV and the XLSX's Figures sheet are both written from these rows, so they always agree.
import { describeState, NO_DATA_REASON_NAMES, type FieldDeclaration, type FieldValue } from "@quarterly-returns/shared";
import { authorize, reportIndicators } from "../access.ts";
import type { Context } from "../context.ts";
import { reportedThrough } from "../framework/reported.ts";
import { indicatorInclude, returnInclude, toFieldDeclaration, toReturnRecord } from "../returns/mapping.ts";
import type { ReportScope } from "./report.ts";

/** A number as exact decimal text ("0.726"), and how a spreadsheet shows it ("0.0%"). */
export type Figure = { figure: string; format: string };

export type FigureRow = {
  priority: number;
  ref: string;
  indicator: string;
  organisation: string;
  restricted: string;
  year: string;
  quarter: string;
  field: string;
  value: Figure | string | null;
  unit: string;
  outOf: Figure | null;
  lastYear: Figure | null;
  status: string;
  reason: string;
  explanation: string;
  /** YYYY-MM-DD. */
  expected: string | null;
  periodCovered: string;
  commentary: string;
};

/** The columns, in order, with their headings: the same in the CSV and the Figures sheet. */
export const FIGURE_COLUMNS: { key: keyof FigureRow; header: string; width: number }[] = [
  { key: "priority", header: "Priority", width: 9 },
  { key: "ref", header: "Ref", width: 7 },
  { key: "indicator", header: "Indicator", width: 40 },
  { key: "organisation", header: "Organisation", width: 28 },
  { key: "restricted", header: "Restricted", width: 11 },
  { key: "year", header: "Year", width: 9 },
  { key: "quarter", header: "Quarter", width: 9 },
  { key: "field", header: "Field", width: 28 },
  { key: "value", header: "Value", width: 14 },
  { key: "unit", header: "Unit", width: 18 },
  { key: "outOf", header: "Out of", width: 8 },
  { key: "lastYear", header: "Same quarter last year", width: 14 },
  { key: "status", header: "Status", width: 18 },
  { key: "reason", header: "No data reason", width: 22 },
  { key: "explanation", header: "No data explanation", width: 30 },
  { key: "expected", header: "Expected", width: 13 },
  { key: "periodCovered", header: "Period covered", width: 26 },
  { key: "commentary", header: "Commentary", width: 50 },
];

const WHOLE = "#,##0";

const decimalPlaces = (figure: string) => figure.split(".")[1]?.length ?? 0;

/**
 * A percentage as the fraction spreadsheets keep one as ("72.6" → "0.726"), moved two places by
 * its digits rather than divided, so no binary rounding creeps in (72.6 / 100 is 0.7259999…).
 */
export function percentAsFraction(percent: string): string {
  const negative = percent.startsWith("-");
  const [whole = "", decimals = ""] = (negative ? percent.slice(1) : percent).split(".");
  const padded = whole.padStart(3, "0");
  const digits = padded + decimals;
  const point = padded.length - 2;
  const integer = digits.slice(0, point).replace(/^0+(?=\d)/, "");
  const fraction = digits.slice(point).replace(/0+$/, "");
  return `${negative ? "-" : ""}${integer}${fraction ? `.${fraction}` : ""}`;
}

/** A figure of a field as a number with its format: percentages as fractions shown as "72.6%". */
function figureOf(field: FieldDeclaration, figure: string): Figure {
  const places = decimalPlaces(figure);
  if (field.kind === "PERCENT") return { figure: percentAsFraction(figure), format: `0.${"0".repeat(Math.max(1, places))}%` };
  if (field.kind === "DECIMAL" && places > 0) return { figure, format: `${WHOLE}.${"0".repeat(places)}` };
  return { figure, format: WHOLE };
}

function valueOf(field: FieldDeclaration, value: FieldValue | undefined): Pick<FigureRow, "value" | "outOf"> {
  if (value === undefined) return { value: null, outOf: null };
  if (typeof value === "object") return { value: figureOf(field, value.position), outOf: { figure: value.outOf, format: WHOLE } };
  if (field.kind === "TEXT") return { value, outOf: null };
  return { value: figureOf(field, value), outOf: null };
}

// A spreadsheet shows the fraction as a percentage; the CSV, which has no formats, needs the words.
const unitOf = (field: FieldDeclaration) => (field.kind === "PERCENT" ? "percentage (1 = 100%)" : field.unit ?? "");

/** The rows of the report the actor may read: restricted indicators only for those allowed, as in the report. */
export async function figureRows(context: Context, { yearId, throughQuarter = 4 }: ReportScope): Promise<FigureRow[]> {
  await authorize(context, "readReport");
  const { db } = context;
  const year = await db.reportingYear.findUniqueOrThrow({ where: { id: yearId }, include: { quarters: { where: { number: { lte: throughQuarter } }, orderBy: { number: "asc" } } } });
  const quarterIds = year.quarters.map((quarter) => quarter.id);
  const indicators = await db.indicator.findMany({
    where: { AND: [reportIndicators(context.actor), { priority: { yearId } }, reportedThrough(throughQuarter, quarterIds)] },
    orderBy: [{ priority: { sortOrder: "asc" } }, { sortOrder: "asc" }],
    include: { ...indicatorInclude, returns: { where: { quarterId: { in: quarterIds } }, include: returnInclude } },
  });
  const rows: FigureRow[] = [];
  let ref = "";
  for (const indicator of indicators) {
    ref = indicator.ref ?? ref;
    // As the report: a retired field stays while the year holds figures of it.
    const fields = indicator.fields.map(toFieldDeclaration).filter((field) => !field.retired || indicator.returns.length > 0);
    for (const quarter of year.quarters.filter((candidate) => candidate.number >= indicator.firstQuarter)) {
      const found = indicator.returns.find((candidate) => candidate.quarterId === quarter.id);
      const record = found ? toReturnRecord(found) : null;
      // Drafts are work in progress: their state is given, not their figures.
      const shown = record && record.status !== "DRAFT" ? record : null;
      const common = {
        priority: indicator.priority.number,
        ref,
        indicator: indicator.title,
        organisation: indicator.ownerOrganisation.name,
        restricted: indicator.restricted ? "Yes" : "No",
        year: year.label,
        quarter: `Q${quarter.number}`,
        status: record?.status === "NO_DATA" ? "No data" : describeState(record),
        reason: shown?.noData ? NO_DATA_REASON_NAMES[shown.noData.reason] : "",
        explanation: shown?.noData?.explanation ?? "",
        expected: shown?.noData?.availableFrom ?? null,
        periodCovered: shown?.periodCovered ?? "",
        commentary: shown?.commentary ?? "",
      };
      // An indicator reported in words alone still has its row per quarter.
      if (fields.length === 0) rows.push({ ...common, field: "", value: null, unit: "", outOf: null, lastYear: null });
      for (const field of fields) {
        const lastYear = shown?.previousYear[field.key];
        rows.push({
          ...common,
          field: field.label,
          ...valueOf(field, shown?.values[field.key]),
          unit: unitOf(field),
          lastYear: lastYear === undefined || field.kind === "TEXT" ? null : figureOf(field, lastYear),
        });
      }
    }
  }
  return rows;
}
