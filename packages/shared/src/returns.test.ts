import { describe, expect, it } from "vitest";
import type { FieldDeclaration } from "./fields.ts";
import { saveReturnSchema } from "./returns.ts";

const field = (key: string, kind: FieldDeclaration["kind"], extra: Partial<FieldDeclaration> = {}): FieldDeclaration => ({
  key, label: key[0]!.toUpperCase() + key.slice(1), kind, unit: null, comparesWithPreviousYear: false,
  required: false, softMin: null, softMax: null, retired: false, ...extra,
});
const fields = [
  field("crimes", "COUNT", { required: true, comparesWithPreviousYear: true }),
  field("rate", "PERCENT"),
  field("rank", "RANK"),
  field("note", "TEXT"),
  // The admin allows a negative average by setting a negative minimum.
  field("average", "DECIMAL", { hardMin: "-10" }),
  field("old", "COUNT", { retired: true }),
];
// Q4 2019/20, checked on 20 April 2020.
const schema = saveReturnSchema(fields, { quarterEndDate: "2020-03-31", today: "2020-04-20" });
const problems = (body: unknown) => {
  const result = schema.safeParse(body);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
};

describe("saveReturnSchema", () => {
  it("normalises what people type into exact figures", () => {
    const result = schema.parse({
      version: 3,
      status: "SUBMITTED",
      values: { crimes: "2,424", rate: "72.6%", rank: { position: "9", outOf: 15 }, note: "  fine ", average: "-0.5" },
      previousYear: { crimes: " 2,767 " },
      commentary: "  A reduction.  ",
      periodCovered: " 12 months to June 2019 ",
    });
    expect(result).toEqual({
      version: 3,
      status: "SUBMITTED",
      values: { crimes: { number: "2424" }, rate: { number: "72.6" }, rank: { number: "9", outOf: 15 }, note: { text: "fine" }, average: { number: "-0.5" } },
      previousYear: { crimes: "2767" },
      commentary: "A reduction.",
      periodCovered: "12 months to June 2019",
      noData: null,
      outliers: [],
    });
  });

  it("refuses the impossible, naming the field", () => {
    expect(
      problems({
        version: 0,
        status: "DRAFT",
        values: { crimes: "-1", rate: "120", rank: { position: 16, outOf: 15 }, unknown: "1", old: "3" },
        commentary: "x".repeat(3001),
      }),
    ).toEqual({
      "values.crimes": "Crimes cannot be negative",
      "values.rate": "Rate must be a percentage from 0 to 100",
      "values.rank.position": "Rank: the position cannot be more than 15",
      "values.unknown": 'There is no field "unknown" on this indicator',
      "values.old": 'There is no field "old" on this indicator',
      commentary: "Commentary must be 3,000 characters or fewer",
    });
  });

  it("lets a draft be incomplete but not a submission", () => {
    expect(problems({ version: 0, status: "DRAFT", values: { rate: "5" } })).toEqual({});
    expect(problems({ version: 0, status: "SUBMITTED", values: { rate: "5" } })).toEqual({ "values.crimes": "Enter crimes" });
    expect(problems({ version: 0, status: "SUBMITTED", values: { crimes: "5" } })).toEqual({
      "previousYear.crimes": "Enter last year's figure for crimes",
    });
  });

  it("requires the reason's details when there is no data", () => {
    expect(problems({ version: 1, status: "NO_DATA" })).toEqual({ "noData.reason": "Choose why there is no data this quarter" });
    expect(problems({ version: 1, status: "NO_DATA", noData: { reason: "NOT_YET_AVAILABLE" } })).toEqual({
      "noData.availableFrom": "Enter the date the data is expected",
    });
    expect(problems({ version: 1, status: "NO_DATA", noData: { reason: "NOT_YET_AVAILABLE", availableFrom: "2020-02-30" } })).toEqual({
      "noData.availableFrom": "Enter a real date",
    });
    expect(problems({ version: 1, status: "NO_DATA", noData: { reason: "NOT_RELEASED", explanation: " " } })).toEqual({
      "noData.explanation": "Explain why the data cannot be released",
    });
  });

  it("takes only the reason and what it needs when there is no data: never figures or a commentary", () => {
    const noFigures = "A return with no data cannot have figures. Remove them, or report the figures instead of no data";
    const noCommentary = "A return with no data cannot have a commentary. Remove it, or report the figures instead of no data";
    for (const reason of ["NO_UPDATE", "NOT_YET_AVAILABLE", "NOT_RELEASED", "NOT_PROVIDED"]) {
      const noData = { reason, availableFrom: reason === "NOT_YET_AVAILABLE" ? "2020-04-28" : null, explanation: reason === "NOT_RELEASED" ? "Embargoed" : null };
      expect(problems({ version: 1, status: "NO_DATA", noData }), reason).toEqual({});
      expect(problems({ version: 1, status: "NO_DATA", noData, values: { rate: "3.1" } }), reason).toEqual({ values: noFigures });
      expect(problems({ version: 1, status: "NO_DATA", noData, values: { rank: { position: "2", outOf: "9" } } }), reason).toEqual({ values: noFigures });
      expect(problems({ version: 1, status: "NO_DATA", noData, previousYear: { crimes: "12" } }), reason).toEqual({ values: noFigures });
      expect(problems({ version: 1, status: "NO_DATA", noData, commentary: "Hidden words" }), reason).toEqual({ commentary: noCommentary });
    }
    expect(problems({ version: 1, status: "NO_DATA", noData: { reason: "NO_UPDATE", availableFrom: "2020-04-28" } })).toEqual({
      "noData.availableFrom": "Only figures that are not available yet have a date they are expected",
    });
    // Empty boxes are not figures.
    expect(problems({ version: 1, status: "NO_DATA", noData: { reason: "NO_UPDATE" }, values: { rate: "", rank: { position: "", outOf: "" } }, commentary: "  " })).toEqual({});
  });

  it("expects figures after the quarter ends and no more than two years from today", () => {
    const expectedOn = (availableFrom: string) => problems({ version: 1, status: "NO_DATA", noData: { reason: "NOT_YET_AVAILABLE", availableFrom } });
    const tooEarly = "The date the figures are expected must be after 31 Mar 2020, when the quarter ends";
    const tooLate = "The date the figures are expected must be within 2 years from today, by 20 Apr 2022 at the latest";
    expect(expectedOn("2019-01-01")).toEqual({ "noData.availableFrom": tooEarly });
    expect(expectedOn("2020-03-31")).toEqual({ "noData.availableFrom": tooEarly });
    expect(expectedOn("2020-04-01")).toEqual({});
    expect(expectedOn("2022-04-20")).toEqual({});
    expect(expectedOn("2022-04-21")).toEqual({ "noData.availableFrom": tooLate });
    expect(expectedOn("2092-04-20")).toEqual({ "noData.availableFrom": tooLate });
  });

  it("refuses unknown keys and wrong types at the top level", () => {
    expect(problems({ version: "1", status: "DONE", extra: true })).toMatchObject({
      version: expect.any(String),
      status: "status must be DRAFT, SUBMITTED or NO_DATA",
      "": expect.stringContaining("extra"),
    });
  });
});
