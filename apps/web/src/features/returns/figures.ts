import { describeState, formatFigure, headlineField, type FieldDeclaration, type FieldValue, type IndicatorSummary, type ReturnRecord } from "@quarterly-returns/shared";

/** A field's value as people read it: "72.6%", "2,424 ASB incidents", "9 out of 15". */
export function displayValue(field: FieldDeclaration, value: FieldValue | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "object") return `${value.position} out of ${value.outOf}`;
  if (field.kind === "TEXT") return value;
  return `${formatFigure(value)}${field.kind === "PERCENT" ? "%" : field.unit ? ` ${field.unit}` : ""}`;
}

/** A quarter's return in one line: its headline figure, or its state when it has none. */
export function summarise(indicator: IndicatorSummary, record: ReturnRecord | null): string {
  const field = headlineField(indicator);
  const value = field ? record?.values[field.key] : undefined;
  if (field && value !== undefined && record?.status !== "DRAFT") return displayValue(field, value);
  return describeState(record);
}

/** The headline figure as a number for the chart (a rank's position), or null. */
export function headlineNumber(indicator: IndicatorSummary, record: ReturnRecord | null): number | null {
  const field = headlineField(indicator);
  const value = field && record && record.status !== "DRAFT" ? record.values[field.key] : undefined;
  if (value === undefined || field?.kind === "TEXT") return null;
  return Number(typeof value === "object" ? value.position : value);
}
