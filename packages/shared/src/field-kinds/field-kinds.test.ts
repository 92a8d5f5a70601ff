import { describe, expect, it } from "vitest";
import type { FieldDeclaration } from "../fields.ts";
import { FIELD_KIND_MODULES, kindOf, type RawValue } from "./index.ts";

const field = (kind: FieldDeclaration["kind"], unit: string | null = null): FieldDeclaration => ({
  key: "value", label: "Fires", kind, unit, comparesWithPreviousYear: false, required: true, softMin: null, softMax: null, retired: false,
});

/** What a module makes of a value: the stored value, or the problems it names. */
function read(kind: FieldDeclaration["kind"], raw: RawValue) {
  const problems: string[] = [];
  const value = kindOf(field(kind)).read(field(kind), raw, (message, part) => problems.push(part ? `${part}: ${message}` : message));
  return problems.length ? problems : value;
}

describe("one module per kind of field", () => {
  it("reads what people type, and refuses only the impossible", () => {
    expect(read("COUNT", "2,424")).toEqual({ number: "2424" });
    expect(read("COUNT", "-1")).toEqual(["Fires cannot be negative"]);
    expect(read("COUNT", "2.5")).toEqual(["Fires must be a whole number, like 2,424"]);
    expect(read("COUNT", "twelve")).toEqual(["Fires must be a whole number, like 2,424"]);
    expect(read("DECIMAL", "twelve")).toEqual(["Fires must be a number, like 2,424 or 72.6"]);
    expect(read("RANK", { position: "second", outOf: "15" })).toEqual(["position: Fires: the position must be a whole number, like 9"]);
    expect(read("RANK", { position: "0", outOf: "15" })).toEqual(["position: Fires: the position must be 1 or more"]);
    // The label as written, acronyms and all.
    const csps = { ...field("RANK"), label: "Rank among CSPs" };
    const problems: string[] = [];
    kindOf(csps).read(csps, { position: "9", outOf: "" }, (message) => problems.push(message));
    expect(problems).toEqual(['Enter rank among CSPs: "out of"']);
    expect(read("DECIMAL", "-0.5")).toEqual({ number: "-0.5" });
    expect(read("PERCENT", "72.6%")).toEqual({ number: "72.6" });
    expect(read("PERCENT", "100.1")).toEqual(["Fires must be a percentage from 0 to 100"]);
    expect(read("RANK", { position: "9", outOf: "15" })).toEqual({ number: "9", outOf: 15 });
    expect(read("RANK", { position: "16", outOf: "15" })).toEqual(["position: Fires: the position cannot be more than 15"]);
    expect(read("RANK", "9")).toEqual(['Fires needs a position and an "out of"']);
    expect(read("TEXT", "  Ranked high  ")).toEqual({ text: "Ranked high" });
    expect(read("TEXT", 5)).toEqual(["Fires must be text"]);
    for (const kind of Object.keys(FIELD_KIND_MODULES) as FieldDeclaration["kind"][]) expect(read(kind, ""), kind).toBeUndefined();
  });

  it("writes a value as the report and every page write it", () => {
    expect(kindOf(field("COUNT")).format(field("COUNT", "ASB incidents"), "2424")).toBe("2,424 ASB incidents");
    expect(kindOf(field("COUNT")).format(field("COUNT", "repeat callers"), "1")).toBe("1 repeat caller");
    expect(kindOf(field("COUNT")).format(field("COUNT", "offences"), "1")).toBe("1 offence");
    expect(kindOf(field("COUNT")).format(field("COUNT", "burglaries"), "1")).toBe("1 burglary");
    expect(kindOf(field("COUNT")).format(field("COUNT", "people"), "1")).toBe("1 person");
    expect(kindOf(field("COUNT")).format(field("COUNT", "repeat callers"), "0")).toBe("0 repeat callers");
    expect(kindOf(field("DECIMAL")).format(field("DECIMAL", "re-offences"), "1")).toBe("1 re-offence");
    expect(kindOf(field("DECIMAL")).format(field("DECIMAL", "re-offences"), "1.5")).toBe("1.5 re-offences");
    expect(kindOf(field("PERCENT")).format(field("PERCENT"), "100")).toBe("100.0%");
    expect(kindOf(field("RANK")).format(field("RANK"), { position: "2", outOf: "15" })).toBe("Ranked 2nd out of 15");
    expect(kindOf(field("RANK")).format(field("RANK"), { position: "12", outOf: "15" })).toBe("Ranked 12th out of 15");
  });

  it("stores and reads back the same value", () => {
    expect(kindOf(field("RANK")).fromRow({ number: "9", outOf: 15, text: null })).toEqual({ position: "9", outOf: "15" });
    expect(kindOf(field("TEXT")).fromRow({ number: null, outOf: null, text: "Words" })).toBe("Words");
    expect(kindOf(field("COUNT")).fromRow({ number: null, outOf: null, text: null })).toBeUndefined();
  });

  it("says how each is entered: a whole number on a number pad, a percentage with its sign", () => {
    expect(kindOf(field("COUNT")).input).toMatchObject({ layout: "figure", inputMode: "numeric" });
    expect(kindOf(field("COUNT")).input.hint(field("COUNT", "fires"))).toBe("A whole number of fires, like 2,424");
    expect(kindOf(field("RANK")).input).toMatchObject({ inputMode: "numeric" });
    expect(kindOf(field("DECIMAL")).input).toMatchObject({ inputMode: "decimal" });
    expect(kindOf(field("PERCENT")).input).toMatchObject({ layout: "figure", inputMode: "decimal", suffix: "%" });
    expect(kindOf(field("RANK")).input.layout).toBe("rank");
    expect(kindOf(field("TEXT")).numeric).toBe(false);
  });
});
