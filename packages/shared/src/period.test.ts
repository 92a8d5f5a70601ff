import { describe, expect, it } from "vitest";
import { defaultPeriodCovered, periodAYearEarlier, periodShape, shownPeriod, splitFigureAndPeriod } from "./period.ts";

const Q1 = "2019-04-01";
const Q2 = "2019-07-01";
const Q3 = "2019-10-01";
const Q4 = "2020-01-01";

describe("defaultPeriodCovered", () => {
  it("is the quarter's months for the quarter", () => {
    expect(defaultPeriodCovered("QUARTER", 0, Q1)).toBe("April to June 2019");
    expect(defaultPeriodCovered("QUARTER", 0, Q4)).toBe("January to March 2020");
  });

  it("runs from April for the year to date, naming both years once it crosses one", () => {
    expect(defaultPeriodCovered("YEAR_TO_DATE", 0, Q1)).toBe("April to June 2019");
    expect(defaultPeriodCovered("YEAR_TO_DATE", 0, Q2)).toBe("April to September 2019");
    expect(defaultPeriodCovered("YEAR_TO_DATE", 0, Q4)).toBe("April 2019 to March 2020");
  });

  it("is the 12 months to the quarter's end for a rolling year", () => {
    expect(defaultPeriodCovered("ROLLING_12_MONTHS", 0, Q1)).toBe("12 months to June 2019");
    expect(defaultPeriodCovered("ROLLING_12_MONTHS", 0, Q3)).toBe("12 months to December 2019");
  });

  it("goes back by the lag, across a year's end", () => {
    expect(defaultPeriodCovered("ROLLING_12_MONTHS", 3, Q1)).toBe("12 months to March 2019");
    expect(defaultPeriodCovered("ROLLING_12_MONTHS", 15, Q1)).toBe("12 months to March 2018");
    expect(defaultPeriodCovered("QUARTER", 3, Q1)).toBe("January to March 2019");
    expect(defaultPeriodCovered("QUARTER", 1, Q4)).toBe("December 2019 to February 2020");
    // Three months behind Q1, the year to date is the whole of the year before.
    expect(defaultPeriodCovered("YEAR_TO_DATE", 3, Q1)).toBe("April 2018 to March 2019");
    expect(defaultPeriodCovered("YEAR_TO_DATE", 2, Q2)).toBe("April to July 2019");
  });

  it("leaves a cohort's or a stated period for the owner to write", () => {
    expect(defaultPeriodCovered("COHORT", 0, Q1)).toBe("");
    expect(defaultPeriodCovered("AS_STATED", 6, Q1)).toBe("");
  });
});

describe("shownPeriod", () => {
  it("names the period only when it is not simply the quarter", () => {
    expect(shownPeriod("April to June 2019", Q1)).toBeNull();
    expect(shownPeriod("12 months to June 2019", Q1)).toBe("12 months to June 2019");
    expect(shownPeriod(null, Q1)).toBeNull();
    expect(shownPeriod("", Q1)).toBeNull();
  });
});

describe("comparing like with like", () => {
  it("gives the same period a year earlier, when the words hold a year", () => {
    expect(periodAYearEarlier("12 months to June 2019")).toBe("12 months to June 2018");
    expect(periodAYearEarlier("April 2019 to March 2020")).toBe("April 2018 to March 2019");
    expect(periodAYearEarlier("12m to Sept 12")).toBeNull();
  });

  it("tells periods of a different kind apart, whatever their years", () => {
    expect(periodShape("12 months to June 2019")).toBe(periodShape("12 months to June 2018"));
    expect(periodShape("12 months to June 2019")).not.toBe(periodShape("April to June 2018"));
  });
});

describe("splitFigureAndPeriod", () => {
  it("reads a period in brackets after a figure", () => {
    expect(splitFigureAndPeriod("8.77% (12m to Sept 12)")).toEqual({ figure: "8.77%", period: "12m to Sept 12" });
    expect(splitFigureAndPeriod("2,424 (12 months ending March 2019)")).toEqual({ figure: "2,424", period: "12 months ending March 2019" });
  });

  it("leaves brackets that are not a period, and text that is not a figure", () => {
    expect(splitFigureAndPeriod("20.13% (baseline 28.3%)")).toBeNull();
    expect(splitFigureAndPeriod("about 8% (12m to Sept 12)")).toBeNull();
    expect(splitFigureAndPeriod("8.77%")).toBeNull();
  });
});
