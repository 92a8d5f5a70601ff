import { describe, expect, it } from "vitest";
import { isDone, isOutstanding, isReceived, londonDay, progressOf, type ProgressFacts } from "./progress.ts";

const due = "2020-04-30";
const submitted = (at: string): ProgressFacts => ({ status: "SUBMITTED", noData: null, submittedAt: at });
const noData = (reason: "NOT_YET_AVAILABLE" | "NOT_RELEASED" | "NO_UPDATE" | "NOT_PROVIDED", availableFrom: string | null = null): ProgressFacts => ({
  status: "NO_DATA",
  noData: { reason, availableFrom },
  submittedAt: "2020-04-10T09:00:00Z",
});

describe("where a return stands: one answer for the owner, the manager, the chase and completeness", () => {
  it("is missing or a draft until it is in, and overdue after the due date", () => {
    expect(progressOf(null, due, "2020-04-30")).toEqual({ state: "MISSING", overdue: false, late: false, expectedOn: null });
    expect(progressOf(null, due, "2020-05-01")).toMatchObject({ state: "MISSING", overdue: true });
    expect(progressOf({ status: "DRAFT", noData: null, submittedAt: null }, due, "2020-05-01")).toMatchObject({ state: "DRAFT", overdue: true });
  });

  it("counts figures not yet available as expected, and overdue once their own date passes", () => {
    expect(progressOf(noData("NOT_YET_AVAILABLE", "2020-05-28"), due, "2020-05-28")).toEqual({ state: "EXPECTED", overdue: false, late: false, expectedOn: "2020-05-28" });
    expect(progressOf(noData("NOT_YET_AVAILABLE", "2020-05-28"), due, "2020-05-29")).toMatchObject({ state: "EXPECTED", overdue: true });
  });

  it("is in when submitted or with a reason that answers for the quarter, late when in after the due date (in London)", () => {
    expect(progressOf(submitted("2020-04-30T23:30:00Z"), due, "2020-06-01")).toMatchObject({ state: "IN", late: true });
    expect(progressOf(submitted("2020-04-30T22:30:00+01:00"), due, "2020-06-01")).toMatchObject({ state: "IN", late: false });
    expect(progressOf(noData("NOT_RELEASED"), due, "2020-06-01").state).toBe("IN");
    expect(progressOf(noData("NO_UPDATE"), due, "2020-06-01").state).toBe("IN");
    expect(progressOf(noData("NOT_PROVIDED"), due, "2020-06-01")).toEqual({ state: "NOT_PROVIDED", overdue: false, late: false, expectedOn: null });
  });

  it("agrees on done and outstanding: what is expected is still owed", () => {
    const states = [null, { status: "DRAFT", noData: null, submittedAt: null } as const, noData("NOT_YET_AVAILABLE", "2020-05-28"), submitted("2020-04-01T09:00:00Z"), noData("NOT_PROVIDED")];
    expect(states.map((record) => progressOf(record, due, "2020-05-01")).map((progress) => [isOutstanding(progress), isDone(progress), isReceived(progress)])).toEqual([
      [true, false, false],
      [true, false, false],
      [true, false, false],
      [false, true, true],
      [false, true, false],
    ]);
  });

  it("reads the day in England", () => {
    expect(londonDay(new Date("2020-06-30T23:30:00Z"))).toBe("2020-07-01");
    expect(londonDay(new Date("2020-01-31T23:30:00Z"))).toBe("2020-01-31");
  });
});
