import { describe, expect, it } from "vitest";
import { changeText, chartIsInverted, ragOf, reportCellText, sameQuarterLastYearLabel, trendOf, type ReportQuarter } from "./report.ts";
import type { FieldDeclaration } from "./fields.ts";
import type { ReturnRecord } from "./returns.ts";

const field = (key: string, kind: FieldDeclaration["kind"], extra: Partial<FieldDeclaration> = {}): FieldDeclaration => ({
  key, label: key, kind, unit: null, comparesWithPreviousYear: false, required: true, softMin: null, softMax: null, retired: false, ...extra,
});
const quarters: ReportQuarter[] = [1, 2, 3, 4].map((number) => ({ id: number, number, name: `Q${number} 2019/20`, startDate: `2019-${String(1 + number * 3).padStart(2, "0")}-01`, status: "CLOSED" }));
const record = (values: ReturnRecord["values"], extra: Partial<ReturnRecord> = {}): ReturnRecord => ({
  id: 1, indicatorId: 1, quarterId: 1, status: "SUBMITTED", noData: null, values, previousYear: {}, commentary: null, periodCovered: null, ragOverride: null, ragOverrideReason: null,
  version: 1, createdAt: "", createdBy: { id: 1, name: "A" }, updatedAt: "", updatedBy: { id: 1, name: "A" }, submittedAt: null, submittedBy: null, ...extra,
});
const noData = (reason: "NOT_YET_AVAILABLE" | "NOT_RELEASED" | "NO_UPDATE" | "NOT_PROVIDED", extra: Partial<NonNullable<ReturnRecord["noData"]>> = {}) =>
  record({}, { status: "NO_DATA", noData: { reason, availableFrom: null, explanation: null, ...extra } });

describe("reportCellText", () => {
  it("writes each field kind", () => {
    expect(reportCellText([field("rate", "PERCENT")], record({ rate: "100" }), quarters[0]!)).toBe("100.0%");
    expect(reportCellText([field("rate", "PERCENT")], record({ rate: "2.63" }), quarters[0]!)).toBe("2.63%");
    expect(reportCellText([field("count", "COUNT", { unit: "fires" })], record({ count: "1204" }), quarters[0]!)).toBe("1,204 fires");
    expect(reportCellText([field("average", "DECIMAL")], record({ average: "2.8" }), quarters[0]!)).toBe("2.8");
    expect(reportCellText([field("rank", "RANK")], record({ rank: { position: "2", outOf: "15" } }), quarters[0]!)).toBe("Ranked 2nd out of 15");
    expect(reportCellText([field("rank", "RANK")], record({ rank: { position: "11", outOf: "15" } }), quarters[0]!)).toBe("Ranked 11th out of 15");
    expect(reportCellText([field("note", "TEXT")], record({ note: "On track" }, { commentary: "More next time." }), quarters[0]!)).toBe("On track\nMore next time.");
    expect(reportCellText([field("a", "COUNT"), field("b", "COUNT")], record({ a: "1", b: "2" }), quarters[0]!)).toBe("a: 1; b: 2");
    const compared = field("asb", "COUNT", { unit: "ASB incidents", comparesWithPreviousYear: true });
    expect(reportCellText([compared], record({ asb: "2424" }, { previousYear: { asb: "2767" } }), quarters[0]!)).toBe(
      "2,424 ASB incidents compared to 2,767 in Q1/2018, a reduction of 343 (-12.4%)",
    );
    expect(reportCellText([compared], record({ asb: "10" }, { previousYear: { asb: "10" } }), quarters[0]!)).toBe("10 ASB incidents compared to 10 in Q1/2018, no change");
    // Figures over their own period name it, and last year's the same period a year earlier.
    expect(reportCellText([compared], record({ asb: "2424" }, { previousYear: { asb: "2767" }, periodCovered: "12 months to June 2019" }), quarters[0]!)).toBe(
      "2,424 ASB incidents (12 months to June 2019) compared to 2,767 (12 months to June 2018), a reduction of 343 (-12.4%)",
    );
    expect(reportCellText([field("rate", "PERCENT")], record({ rate: "41.8" }, { periodCovered: "12m to Sept 12" }), quarters[0]!)).toBe("41.8% (12m to Sept 12)");
    // The quarter's own period goes without saying, as the document always had it.
    expect(reportCellText([field("rate", "PERCENT")], record({ rate: "41.8" }, { periodCovered: "April to June 2019" }), quarters[0]!)).toBe("41.8%");
    expect(reportCellText([field("a", "COUNT"), field("b", "COUNT")], record({ a: "1", b: "2" }, { periodCovered: "Cohort released in 2018" }), quarters[0]!)).toBe("a: 1; b: 2 (Cohort released in 2018)");
  });

  it("writes each no-data state in the document's words, and nothing for a draft", () => {
    const fields = [field("rate", "PERCENT")];
    expect(reportCellText(fields, noData("NOT_YET_AVAILABLE", { availableFrom: "2019-10-28" }), quarters[1]!)).toBe("No data available until 28/10/19");
    expect(reportCellText(fields, noData("NOT_RELEASED", { explanation: "Not released in line with SSP requirements" }), quarters[1]!)).toBe("Not released in line with SSP requirements");
    expect(reportCellText(fields, noData("NO_UPDATE"), quarters[1]!)).toBe("No further update available");
    expect(reportCellText(fields, noData("NOT_PROVIDED"), quarters[1]!)).toBe("No data provided");
    expect(reportCellText(fields, noData("NOT_PROVIDED", { explanation: "No date provided" }), quarters[1]!)).toBe("No date provided");
    expect(reportCellText(fields, record({ rate: "5" }, { status: "DRAFT" }), quarters[1]!)).toBe("");
    expect(reportCellText(fields, null, quarters[1]!)).toBe("");
  });
});

describe("comparisons with the same quarter last year", () => {
  // A year as the partnership reports it, April to March: Q4 starts in the January after.
  const year: ReportQuarter[] = ["2019-04-01", "2019-07-01", "2019-10-01", "2020-01-01"].map((startDate, index) => ({
    id: index + 1, number: index + 1, name: `Q${index + 1} 2019/20`, startDate, status: "OPEN",
  }));

  it("names each quarter a year earlier by the year its reporting year starts in, Q4 too", () => {
    const fires = field("fires", "COUNT", { comparesWithPreviousYear: true });
    const cells = year.map((quarter) => reportCellText([fires], record({ fires: "5" }, { previousYear: { fires: "4" } }), quarter));
    expect(cells).toEqual([
      "5 compared to 4 in Q1/2018, an increase of 1 (+25%)",
      "5 compared to 4 in Q2/2018, an increase of 1 (+25%)",
      "5 compared to 4 in Q3/2018, an increase of 1 (+25%)",
      "5 compared to 4 in Q4/2018, an increase of 1 (+25%)",
    ]);
    // A year that runs January to December.
    expect(sameQuarterLastYearLabel({ number: 4, startDate: "2020-10-01" })).toBe("Q4/2019");
    expect(sameQuarterLastYearLabel({ number: 1, startDate: "2020-01-01" })).toBe("Q1/2019");
  });

  it("compares percentages in percentage points, never in per cent of a per cent", () => {
    const rate = field("rate", "PERCENT", { comparesWithPreviousYear: true });
    expect(reportCellText([rate], record({ rate: "73.1" }, { previousYear: { rate: "72.6" } }), year[3]!)).toBe("73.1% compared to 72.6% in Q4/2018, an increase of 0.5 percentage points");
    expect(reportCellText([rate], record({ rate: "43.5" }, { previousYear: { rate: "46.7" } }), year[0]!)).toBe("43.5% compared to 46.7% in Q1/2018, a reduction of 3.2 percentage points");
    expect(reportCellText([rate], record({ rate: "3" }, { previousYear: { rate: "2" } }), year[0]!)).toBe("3.0% compared to 2.0% in Q1/2018, an increase of 1 percentage point");
  });
});

describe("changeText, the form's change line", () => {
  it("moves a percentage by points, a rank by places, and a count by itself and its per cent", () => {
    expect(changeText(field("rate", "PERCENT"), "73.1", "72.6")).toBe("+0.5 percentage points");
    expect(changeText(field("rate", "PERCENT"), "72.6", "73.6")).toBe("−1 percentage point");
    expect(changeText(field("fires", "COUNT"), "230", "161")).toBe("+69 (+42.9%)");
    expect(changeText(field("fires", "COUNT"), "2424", "2767")).toBe("−343 (−12.4%)");
  });
});

describe("trend and RAG", () => {
  const indicator = (polarity: "HIGHER_IS_BETTER" | "LOWER_IS_BETTER" | "NEUTRAL", fields = [field("value", "COUNT")]) => ({ fields, headlineFieldKey: "value", polarity, target: null });

  it("follows the latest headline figure against the quarter before, coloured by polarity", () => {
    const records = [record({ value: "5" }), null, record({ value: "3" }), record({ value: "9" }, { status: "DRAFT" })];
    expect(trendOf(indicator("LOWER_IS_BETTER"), records, quarters)).toEqual({ arrow: "↘", tone: "good", description: "Down from 5 in Q1 2019/20" });
    expect(trendOf(indicator("HIGHER_IS_BETTER"), records, quarters)?.tone).toBe("bad");
    expect(trendOf(indicator("NEUTRAL"), records, quarters)?.tone).toBe("neutral");
    expect(trendOf(indicator("HIGHER_IS_BETTER"), [record({ value: "5" }), record({ value: "5" })], quarters)?.arrow).toBe("—");
    expect(trendOf(indicator("HIGHER_IS_BETTER"), [record({ value: "5" })], quarters)).toBeNull();
  });

  it("says a percentage moved by percentage points", () => {
    const rate = indicator("HIGHER_IS_BETTER", [field("value", "PERCENT")]);
    expect(trendOf(rate, [record({ value: "72.6" }), record({ value: "73.1" })], quarters)).toEqual({
      arrow: "↗", tone: "good", description: "Up 0.5 percentage points from 72.6% in Q1 2019/20",
    });
  });

  it("draws a rank the right way up: a bigger number is a lower place, and falls", () => {
    const ranked = (polarity: "LOWER_IS_BETTER" | "NEUTRAL") => indicator(polarity, [field("value", "RANK")]);
    const place = (position: string) => record({ value: { position, outOf: "15" } });
    for (const polarity of ["LOWER_IS_BETTER", "NEUTRAL"] as const) {
      expect(trendOf(ranked(polarity), [place("9"), place("10")], quarters)).toEqual({ arrow: "↘", tone: "bad", description: "Down 1 place from 9 in Q1 2019/20" });
      expect(trendOf(ranked(polarity), [place("10"), place("7")], quarters)).toEqual({ arrow: "↗", tone: "good", description: "Up 3 places from 10 in Q1 2019/20" });
    }
    expect(chartIsInverted(ranked("LOWER_IS_BETTER"))).toBe(true);
    expect(chartIsInverted(indicator("LOWER_IS_BETTER"))).toBe(false);
  });

  it("compares a cumulative figure with the same quarter last year", () => {
    const compared = indicator("LOWER_IS_BETTER", [field("value", "COUNT", { comparesWithPreviousYear: true })]);
    expect(trendOf(compared, [record({ value: "230" }, { previousYear: { value: "161" } })], quarters)).toMatchObject({ arrow: "↗", tone: "bad" });
  });

  it("is green on target, amber within 5%, red beyond; an override wins with its reason", () => {
    const higher = { ...indicator("HIGHER_IS_BETTER"), target: "100" };
    expect(ragOf(higher, [record({ value: "101" })])?.rag).toBe("GREEN");
    expect(ragOf(higher, [record({ value: "96" })])?.rag).toBe("AMBER");
    expect(ragOf(higher, [record({ value: "90" })])?.rag).toBe("RED");
    expect(ragOf({ ...indicator("LOWER_IS_BETTER"), target: "100" }, [record({ value: "90" })])?.rag).toBe("GREEN");
    expect(ragOf(higher, [record({ value: "90" }, { ragOverride: "GREEN", ragOverrideReason: "Target revised mid-year" })])).toEqual({
      rag: "GREEN", override: true, reason: "Target revised mid-year",
    });
    expect(ragOf(indicator("HIGHER_IS_BETTER"), [record({ value: "90" })])).toBeNull();
  });
});
