import type { FieldDeclaration } from "@quarterly-returns/shared";
import { describe, expect, it } from "vitest";
import { bodyOf, formPathOf, formValuesOf, returnResolver } from "./model.ts";
import { warningsFor } from "./warnings.ts";

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
  it("flag a big change or a figure outside the expected range, without refusing it", () => {
    const fires = field("fires", "COUNT", { softMax: "400" });
    expect(warningsFor(fires, "501", { lastQuarter: { name: "Q3 2019/20", figure: "492" }, lastYear: "230" })).toEqual([
      "This is outside the expected range (at most 400). Check it is right.",
      "This is 117.8% higher than the same quarter last year (230). Check it is right.",
    ]);
    expect(warningsFor(fires, "100", { lastQuarter: { name: "Q3 2019/20", figure: "492" }, lastYear: null })).toEqual([
      "This is 79.7% lower than Q3 2019/20 (492). Check it is right.",
    ]);
    expect(warningsFor(fires, "oops", { lastQuarter: null, lastYear: null })).toEqual([]);
  });
});
