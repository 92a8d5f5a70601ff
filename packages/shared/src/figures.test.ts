import { describe, expect, it } from "vitest";
import { compareFigures, parseFigure } from "./figures.ts";

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
    expect(parseFigure(typed)).toEqual({ error: expect.stringContaining(message) });
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
