import { describe, expect, it } from "vitest";
import { daysUntil, describeState, formatDate } from "./states.ts";

describe("describeState", () => {
  it("names each state as people read it", () => {
    expect(describeState(null)).toBe("Not started");
    expect(describeState({ status: "DRAFT", noData: null })).toBe("Draft");
    expect(describeState({ status: "SUBMITTED", noData: null })).toBe("Submitted");
    expect(describeState({ status: "NO_DATA", noData: { reason: "NOT_YET_AVAILABLE", availableFrom: "2019-10-28", explanation: null } })).toBe(
      "Not available yet (expected 28 Oct 2019)",
    );
    expect(describeState({ status: "NO_DATA", noData: { reason: "NOT_PROVIDED", availableFrom: null, explanation: null } })).toBe("No data provided");
  });
});

describe("dates", () => {
  it("formats dates and counts days to them", () => {
    expect(formatDate("2020-01-31")).toBe("31 Jan 2020");
    expect(daysUntil("2020-01-31", new Date(2020, 0, 24, 15))).toBe(7);
    expect(daysUntil("2020-01-31", new Date(2020, 1, 2, 9))).toBe(-2);
  });
});
