import { describe, expect, it } from "vitest";
import { idParam, idParams, problemSchema, returnParams, type Problem } from "./http.ts";
import { z } from "./zod.ts";

const problems = (schema: z.ZodMiniType, input: unknown) => {
  const result = z.safeParse(schema, input);
  return result.success ? [] : result.error.issues.map((issue) => [...issue.path, issue.message].join(": "));
};

describe("idParam", () => {
  it.each([
    ["1", 1],
    ["42", 42],
    ["007", 7],
    ["2147483647", 2147483647],
  ])("reads %j as %d", (text, id) => {
    expect(z.parse(idParam, text)).toBe(id);
  });

  it.each(["0", "-1", "1.5", "2147483648", "99999999999999999999", "abc", "", "1e3", " 1", "1 ", "0x10", "+1"])("refuses %j", (text) => {
    expect(problems(idParam, text)).toEqual(["must be a whole number from 1 to 2147483647"]);
  });

  it("takes only the text of a path or query string", () => {
    expect(problems(idParam, 5)).toEqual(["must be a whole number from 1 to 2147483647"]);
    expect(problems(idParam, ["1", "2"])).toEqual(["must be a whole number from 1 to 2147483647"]);
  });

  it("says a missing id is required, naming it", () => {
    expect(problems(idParams, {})).toEqual(["id: This is required"]);
    expect(problems(returnParams, { indicatorId: "3", quarterId: "x" })).toEqual(["quarterId: must be a whole number from 1 to 2147483647"]);
    expect(z.parse(returnParams, { indicatorId: "3", quarterId: "12" })).toEqual({ indicatorId: 3, quarterId: 12 });
  });
});

describe("problemSchema", () => {
  it("keeps what an error answer carries beyond its message", () => {
    const conflict = { message: "Someone else has changed this return.", current: { id: 1, version: 4 } };
    const tooMany = { message: "Too many failed sign-ins.", retryAfter: 900 };
    const invalid = { message: "Enter the due date", fields: { dueDate: "Enter the due date" } };
    for (const answer of [conflict, tooMany, invalid]) expect(z.safeEncode(problemSchema, answer)).toEqual({ success: true, data: answer });
  });

  it("needs a message, and fields as text", () => {
    for (const answer of [{ fields: {} }, { message: "x", fields: { dueDate: 1 } }]) expect(z.safeEncode(problemSchema, answer as unknown as Problem).success).toBe(false);
  });
});
