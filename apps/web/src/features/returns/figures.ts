import { describeState, headlineField, headlineFigure, kindOf, type IndicatorSummary, type ReturnRecord } from "@quarterly-returns/shared";

/** A quarter's return in one line: its headline figure in words, or its state when it has none. */
export function summarise(indicator: IndicatorSummary, record: ReturnRecord | null): string {
  const field = headlineField(indicator);
  return field && headlineFigure(indicator, record) !== null ? kindOf(field).format(field, record!.values[field.key]!) : describeState(record);
}

/** The headline figure as a number for the chart (a rank's position), or null. */
export function headlineNumber(indicator: IndicatorSummary, record: ReturnRecord | null): number | null {
  const figure = headlineFigure(indicator, record);
  return figure === null ? null : Number(figure);
}
