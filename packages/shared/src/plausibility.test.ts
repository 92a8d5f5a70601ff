import { describe, expect, it } from "vitest";
import type { FieldDeclaration } from "./fields.ts";
import { hardLimitProblem, plausibilityQuestion } from "./plausibility.ts";
import { saveReturnSchema } from "./returns.ts";

const field = (kind: FieldDeclaration["kind"], extra: Partial<FieldDeclaration> = {}): FieldDeclaration => ({
  key: "fires", label: "F3 fires", kind, unit: null, comparesWithPreviousYear: true, required: true, softMin: null, softMax: null, retired: false, ...extra,
});
const none = { previousQuarter: null, lastYear: null };

describe("hard limits", () => {
  it("by kind unless the admin sets them: a count or a decimal from 0 to 1,000,000,000,000", () => {
    expect(hardLimitProblem(field("COUNT"), "1000000000001")).toBe("F3 fires must be 1,000,000,000,000 or less");
    expect(hardLimitProblem(field("COUNT"), "1000000000000")).toBeNull();
    expect(hardLimitProblem(field("COUNT"), "2147483648")).toBeNull();
    expect(hardLimitProblem(field("DECIMAL"), "-0.5")).toBe("F3 fires must be 0 or more");
    expect(hardLimitProblem(field("DECIMAL", { hardMin: "-5" }), "-0.5")).toBeNull();
    expect(hardLimitProblem(field("PERCENT", { hardMax: "50" }), "50.1")).toBe("F3 fires must be 50.0% or less");
  });
});

describe("plausibility", () => {
  it("asks about a figure more than 3 times or less than a third of last year's or last quarter's", () => {
    expect(plausibilityQuestion(field("COUNT"), "2147483648", { previousQuarter: null, lastYear: "492" })).toBe("Is 2,147,483,648 right? Last year it was 492.");
    expect(plausibilityQuestion(field("COUNT"), "1476", { previousQuarter: null, lastYear: "492" })).toBeNull();
    expect(plausibilityQuestion(field("COUNT"), "163", { previousQuarter: { name: "Q3 2019/20", figure: "492" }, lastYear: null })).toBe("Is 163 right? In Q3 2019/20 it was 492.");
    expect(plausibilityQuestion(field("COUNT"), "5", { previousQuarter: null, lastYear: "0" })).toBeNull();
    expect(plausibilityQuestion(field("COUNT", { maxChange: "1.5" }), "100", { previousQuarter: null, lastYear: "60" })).toBe("Is 100 right? Last year it was 60.");
  });

  it("counts a percentage's change in points, and questions a figure outside the expected range", () => {
    expect(plausibilityQuestion(field("PERCENT"), "30", { previousQuarter: null, lastYear: "9" })).toBe("Is 30.0% right? Last year it was 9.0%.");
    expect(plausibilityQuestion(field("PERCENT"), "29", { previousQuarter: null, lastYear: "9" })).toBeNull();
    expect(plausibilityQuestion(field("COUNT", { softMin: "10", softMax: "400" }), "401", none)).toBe("Is 401 right? It is expected to be from 10 to 400.");
    expect(plausibilityQuestion(field("TEXT"), "401", none)).toBeNull();
  });

  it("refuses a submission with an unconfirmed question, not a draft, and keeps the confirmed ones", () => {
    const schema = saveReturnSchema([field("COUNT")], { quarterEndDate: "2020-03-31", today: "2020-04-20" }, { previousQuarter: null, lastYear: null });
    const body = { version: 0, values: { fires: "2147" }, previousYear: { fires: "492" } };
    expect(schema.safeParse({ ...body, status: "DRAFT" }).success).toBe(true);
    expect(schema.safeParse({ ...body, status: "SUBMITTED" }).error?.issues).toMatchObject([
      { path: ["confirmed", "fires"], message: "F3 fires: Is 2,147 right? Last year it was 492. Correct it, or confirm that it is right" },
    ]);
    expect(schema.parse({ ...body, status: "SUBMITTED", confirmed: ["fires"] }).outliers).toEqual([{ fieldKey: "fires", figure: "2147", question: "Is 2,147 right? Last year it was 492." }]);
  });
});
