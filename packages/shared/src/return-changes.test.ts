import { describe, expect, it } from "vitest";
import type { FieldDeclaration } from "./fields.ts";
import { fieldChangeText, returnChanges } from "./return-changes.ts";

const field = (key: string, label: string, kind: FieldDeclaration["kind"], unit: string | null = null): FieldDeclaration => ({
  key, label, kind, unit, comparesWithPreviousYear: true, required: false, softMin: null, softMax: null, retired: false,
});
const FIELDS = [field("completions", "Positive completions", "PERCENT"), field("fires", "Deliberate fires", "COUNT", "fires"), field("rank", "Rank", "RANK")];

describe("returnChanges", () => {
  it("writes each changed figure by its kind, with its unit, in the form's order", () => {
    const before = { status: "SUBMITTED", values: { completions: "72.6", fires: "2424", rank: { position: "9", outOf: "15" } }, previousYear: {}, commentary: null };
    const after = { status: "SUBMITTED", values: { completions: "73.1", fires: "2424", rank: { position: "10", outOf: "15" } }, previousYear: { fires: "2767" }, commentary: "Late figures." };
    expect(returnChanges(FIELDS, before, after)).toEqual([
      { label: "Positive completions", before: "72.6%", after: "73.1%" },
      { label: "Deliberate fires, same quarter last year", before: null, after: "2,767" },
      { label: "Rank", before: "Ranked 9th out of 15", after: "Ranked 10th out of 15" },
      { label: "Commentary", before: null, after: "Late figures." },
    ]);
  });

  it("says when the period the figures cover changed", () => {
    const before = { status: "SUBMITTED", values: { fires: "12" }, previousYear: {}, commentary: null, periodCovered: "12 months to June 2019" };
    expect(returnChanges(FIELDS, before, { ...before, periodCovered: "12 months to May 2019" })).toEqual([
      { label: "Period covered", before: "12 months to June 2019", after: "12 months to May 2019" },
    ]);
  });

  it("finds nothing changed in a submit of the draft as it stood", () => {
    const draft = { status: "DRAFT", values: { completions: "72.6" }, previousYear: {}, commentary: null };
    expect(returnChanges(FIELDS, draft, { ...draft, status: "SUBMITTED" })).toEqual([]);
  });

  it("says when figures gave way to no data, and the reason", () => {
    const before = { status: "SUBMITTED", noData: null, values: { fires: "12" }, previousYear: {}, commentary: null };
    const after = { status: "NO_DATA", noData: { reason: "NOT_YET_AVAILABLE", availableFrom: "2020-05-01", explanation: null }, values: {}, previousYear: {}, commentary: null };
    expect(returnChanges(FIELDS, before, after)).toEqual([
      { label: "Deliberate fires", before: "12 fires", after: null },
      { label: "No data", before: null, after: "Not available yet (expected 1 May 2020)" },
    ]);
  });

  it("reads the first save (nothing before) and an event from before a field was removed", () => {
    expect(returnChanges(FIELDS, null, { values: { completions: "70", old: "5" } })).toEqual([
      { label: "Positive completions", before: null, after: "70.0%" },
      { label: "old", before: null, after: "5" },
    ]);
  });
});

describe("fieldChangeText", () => {
  it("reads a change, a first value and a removal", () => {
    expect(fieldChangeText({ label: "Positive completions", before: "72.6%", after: "73.1%" })).toBe("Positive completions 72.6% → 73.1%");
    expect(fieldChangeText({ label: "Positive completions", before: null, after: "72.6%" })).toBe("Positive completions set to 72.6%");
    expect(fieldChangeText({ label: "Commentary", before: "Late.", after: null })).toBe("Commentary removed (was Late.)");
  });
});
