import { describe, expect, it } from "vitest";
import { change, compareFigures, formatFigure, formatPercentChange, parseFigure } from "./figures.ts";

describe("parseFigure", () => {
  it.each([
    ["2,424", "2424"],
    ["72.6%", "72.6"],
    [" 15 ", "15"],
    ["1,234,567.25", "1234567.25"],
    ["007", "7"],
    ["-3.5", "-3.5"],
    ["-0", "0"],
    [2.63, "2.63"],
    ["100.0 %", "100.0"],
  ])("reads %j as %s", (typed, expected) => {
    expect(parseFigure(typed)).toEqual({ value: expected });
  });

  it.each([
    ["", "is empty"],
    ["2,4", "must be a number"],
    ["twelve", "must be a number"],
    ["1.1234567", "6 decimal places"],
    ["123456789012345", "too large"],
    [Number.NaN, "must be a number"],
  ])("refuses %j", (typed, message) => {
    expect(parseFigure(typed)).toMatchObject({ error: expect.stringContaining(message) });
  });
});

describe("compareFigures", () => {
  it("orders exact decimals", () => {
    expect(compareFigures("100", "99.999")).toBeGreaterThan(0);
    expect(compareFigures("100.000", "100")).toBe(0);
    expect(compareFigures("-2", "1")).toBeLessThan(0);
    expect(compareFigures("-2", "-10")).toBeGreaterThan(0);
    expect(compareFigures("0.5", "0.45")).toBeGreaterThan(0);
  });
});

describe("change", () => {
  it("computes the exact difference and the percentage change", () => {
    expect(change("2424", "2767")).toEqual({ difference: "-343", percent: -12.4 });
    expect(change("5", "4")).toEqual({ difference: "1", percent: 25 });
    expect(change("0", "3")).toEqual({ difference: "-3", percent: -100 });
    expect(change("44.7", "46.7")).toEqual({ difference: "-2", percent: -4.3 });
    expect(change("0.3", "0.1")).toEqual({ difference: "0.2", percent: 200 });
    expect(change("3", "0")).toEqual({ difference: "3", percent: null });
    expect(change("230", "161")).toEqual({ difference: "69", percent: 42.9 });
  });

  it("formats figures and changes as people read them", () => {
    expect(formatFigure("1234567.5")).toBe("1,234,567.5");
    expect(formatFigure("-343")).toBe("−343");
    expect(formatPercentChange(-12.4)).toBe("−12.4%");
    expect(formatPercentChange(25)).toBe("+25%");
    expect(formatPercentChange(0)).toBe("0%");
  });
});
