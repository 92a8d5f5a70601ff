import { describe, expect, it } from "vitest";
import { percentAsFraction } from "../src/core/reports/figures.ts";

describe("a percentage in the Figures sheet", () => {
  it("is the fraction a spreadsheet keeps, exactly as entered", () => {
    expect(percentAsFraction("72.6")).toBe("0.726");
    expect(Number(percentAsFraction("72.6"))).toBe(0.726);
    expect(percentAsFraction("100")).toBe("1");
    expect(percentAsFraction("100.0")).toBe("1");
    expect(percentAsFraction("2.63")).toBe("0.0263");
    expect(percentAsFraction("0")).toBe("0");
    expect(percentAsFraction("-12.4")).toBe("-0.124");
    expect(percentAsFraction("7")).toBe("0.07");
  });
});
