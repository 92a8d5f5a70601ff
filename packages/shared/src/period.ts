// The period a return's figures cover. Real figures often cover their own period, not the
// quarter's: the 12 months to its end, the year so far, a cohort, or figures a few months behind.
// An indicator declares its basis and usual lag; each return records the period as words, which
// default from them here (the one place the default is defined) and the owner may change.
import type { PeriodBasis } from "./enums.ts";

export const PERIOD_BASIS_NAMES: Record<PeriodBasis, string> = {
  QUARTER: "The quarter",
  YEAR_TO_DATE: "The year to date",
  ROLLING_12_MONTHS: "The 12 months to the end of the quarter",
  COHORT: "A cohort (the owner says which)",
  AS_STATED: "As the owner states each quarter",
};

export const PERIOD_COVERED_MAX_LENGTH = 100;
export const PERIOD_LAG_MAX_MONTHS = 36;

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Months counted from year 0, so a lag can cross a year. */
const monthIndex = (isoDate: string) => Number(isoDate.slice(0, 4)) * 12 + Number(isoDate.slice(5, 7)) - 1;
const monthName = (index: number) => MONTHS[index % 12]!;
const yearOf = (index: number) => Math.floor(index / 12);

/** "April to June 2019", or "December 2019 to February 2020" across a year's end. */
function span(first: number, last: number): string {
  if (first === last) return `${monthName(last)} ${yearOf(last)}`;
  const start = yearOf(first) === yearOf(last) ? monthName(first) : `${monthName(first)} ${yearOf(first)}`;
  return `${start} to ${monthName(last)} ${yearOf(last)}`;
}

/**
 * The period a return's figures cover unless the owner says otherwise, from the indicator's basis
 * and lag and the quarter's first day: in Q1 2019/20 with no lag, "April to June 2019" for the
 * quarter and the year to date, "12 months to June 2019" for a rolling year. A cohort's or a
 * stated period has no default: the owner writes it ("").
 */
export function defaultPeriodCovered(basis: PeriodBasis, lagMonths: number, quarterStartDate: string): string {
  const last = monthIndex(quarterStartDate) + 2 - lagMonths;
  if (basis === "QUARTER") return span(last - 2, last);
  if (basis === "ROLLING_12_MONTHS") return `12 months to ${monthName(last)} ${yearOf(last)}`;
  if (basis === "YEAR_TO_DATE") {
    // The financial year starts in April.
    const april = last - ((last % 12) + 12 - 3) % 12;
    return span(april, last);
  }
  return "";
}

/** The quarter's own period ("April to June 2019"): a return covering it needs no mention of it in the report. */
export const quarterPeriod = (quarterStartDate: string) => defaultPeriodCovered("QUARTER", 0, quarterStartDate);

/** The period to show beside a return's figures: its own, unless it is simply the quarter. */
export function shownPeriod(periodCovered: string | null | undefined, quarterStartDate: string): string | null {
  return periodCovered && periodCovered !== quarterPeriod(quarterStartDate) ? periodCovered : null;
}

/** The same period a year earlier, for last year's figure: "12 months to June 2019" → "12 months to June 2018". */
export function periodAYearEarlier(period: string): string | null {
  return /\b\d{4}\b/.test(period) ? period.replace(/\b(\d{4})\b/g, (year) => String(Number(year) - 1)) : null;
}

/**
 * What kind of period the words describe, without its years: "12 months to June 2019" and "12
 * months to June 2018" are alike, "April to June 2018" is not. Figures are compared year on year
 * only when their periods are alike.
 */
export const periodShape = (period: string) => period.toLowerCase().replace(/\d+/g, "#").replace(/\s+/g, " ").trim();

/**
 * A figure followed by its period in brackets, as a report document writes it: "8.77% (12m to
 * Sept 12)". Only brackets that read as a period ("to", "ending", "months", "12m"), so "20.13%
 * (baseline 28.3%)" stays commentary.
 */
export function splitFigureAndPeriod(cell: string): { figure: string; period: string } | null {
  const match = /^(-?\d[\d,]*(?:\.\d+)?\s*%?)\s+\(([^()]+)\)$/.exec(cell.trim());
  if (!match) return null;
  const period = match[2]!.trim();
  return /\b(to|ending|months?|\d+m)\b/i.test(period) ? { figure: match[1]!, period } : null;
}
