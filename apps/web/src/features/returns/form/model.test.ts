import type { FieldDeclaration } from "@quarterly-returns/shared";
import { describe, expect, it } from "vitest";
import { bodyOf, formPathOf, formValuesOf, returnResolver } from "./model.ts";
import { questionFor } from "./warnings.ts";

const field = (key: string, kind: FieldDeclaration["kind"], extra: Partial<FieldDeclaration> = {}): FieldDeclaration => ({
  key, label: key, kind, unit: null, comparesWithPreviousYear: false, required: true, softMin: null, softMax: null, retired: false, ...extra,
});
const fields = [field("fires", "COUNT", { comparesWithPreviousYear: true }), field("rank", "RANK", { required: false })];

describe("the return form's values", () => {
  it("become the body of a save, with the date put together from its three boxes", () => {
    const values = formValuesOf(null, fields, { fires: "161" });
    expect(values.previousYear).toEqual({ fires: "161" });
    values.values.fires = "2,30";
    expect(bodyOf(values, "DRAFT", 3, fields)).toEqual({
      version: 3, status: "DRAFT", values: { fires: "2,30" }, previousYear: { fires: "161" }, commentary: "", periodCovered: "", noData: null,
    });
    const noData = { ...values, mode: "NO_DATA" as const, reason: "NOT_YET_AVAILABLE" as const, availableFrom: { day: "8", month: "4", year: "2027" } };
    noData.commentary = "Typed before choosing no data";
    expect(bodyOf(noData, "SUBMITTED", 3, fields)).toEqual({
      version: 3, status: "NO_DATA", values: {}, previousYear: {}, commentary: null, noData: { reason: "NOT_YET_AVAILABLE", availableFrom: "2027-04-08", explanation: null },
    });
  });

  it("are checked by the shared schema, each problem at its own box", async () => {
    const resolve = returnResolver(fields, "2020-03-31", { status: "SUBMITTED", version: 0 });
    const values = formValuesOf(null, fields, null);
    values.values.fires = "-1";
    values.values.rank = "20";
    values.outOf.rank = "15";
    const { errors } = await resolve(values, undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(errors).toEqual({
      values: { fires: { type: "schema", message: "fires cannot be negative" }, rank: { type: "schema", message: "rank: the position cannot be more than 15" } },
    });
    expect(formPathOf("values.rank.outOf")).toBe("outOf.rank");
    expect(formPathOf("noData.availableFrom")).toBe("availableFrom.day");
  });
});

describe("soft warnings", () => {
  it("ask about a figure far from last quarter's or last year's, or outside the expected range, by the API's rule", () => {
    const fires = field("fires", "COUNT", { softMax: "400" });
    const comparisons = { previousQuarter: { name: "Q3 2019/20", values: { fires: "501" } }, lastYear: null };
    expect(questionFor(fires, "4920", "492", comparisons)).toBe("Is 4,920 right? Last year it was 492. In Q3 2019/20 it was 501. It is expected to be at most 400.");
    // Beyond the hard limit it is an error to correct, not a question.
    expect(questionFor(fires, "1000000000001", "492", comparisons)).toBeNull();
    expect(questionFor(fires, "160", "", comparisons)).toBe("Is 160 right? In Q3 2019/20 it was 501.");
    expect(questionFor(fires, "300", "492", comparisons)).toBeNull();
    expect(questionFor(fires, "oops", "", comparisons)).toBeNull();
  });

  it("refuse a submission with an unconfirmed question, and send the confirmed fields", async () => {
    const fires = [field("fires", "COUNT", { comparesWithPreviousYear: true })];
    const values = { ...formValuesOf(null, fires, null), values: { fires: "2147" }, previousYear: { fires: "492" } };
    const resolve = (status: "DRAFT" | "SUBMITTED") => returnResolver(fires, "2020-03-31", { status, version: 0 }, { previousQuarter: null, lastYear: null })(values, undefined, {} as never);
    expect((await resolve("DRAFT")).errors).toEqual({});
    expect((await resolve("SUBMITTED")).errors).toMatchObject({ confirmed: { fires: { message: "fires: Is 2,147 right? Last year it was 492. Correct it, or confirm that it is right" } } });
    values.confirmed = { fires: true };
    expect((await resolve("SUBMITTED")).errors).toEqual({});
    expect(bodyOf(values, "SUBMITTED", 0, fires).confirmed).toEqual(["fires"]);
  });
});
