import { describe, expect, it } from "vitest";
import { auditFilterSchema } from "./audit.ts";
import { sendChaseSchema } from "./completeness.ts";
import { indicatorSchema, prioritySchema } from "./framework.ts";
import { organisationSchema } from "./organisations.ts";
import { reopenSchema } from "./quarters.ts";
import { answerQuerySchema, raiseQuerySchema } from "./queries.ts";
import { importReportSchema } from "./report.ts";
import { saveReturnSchema } from "./returns.ts";
import { textProblem } from "./text.ts";
import { createUserSchema } from "./users.ts";

const UNSTORABLE = "contains a character that cannot be stored: remove it or retype the text";
const DIRECTION = "contains a hidden character that changes the direction of the text: remove it or retype the text";

const problems = (schema: { safeParse(value: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown) => {
  const result = schema.safeParse(value);
  return Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));
};

describe("textProblem", () => {
  it("refuses NUL, the other C0 controls, DEL, the C1 controls and half an emoji in any text", () => {
    for (const character of ["\u0000", "\u0001", "\u0008", "\u000B", "\u000C", "\u001B", "\u001F", "\u007F", "\u0080", "\u0085", "\u009F", "\uD83D"]) {
      const escaped = JSON.stringify(character);
      expect(textProblem(`a${character}b`, "Commentary", "multi-line"), escaped).toBe(`Commentary ${UNSTORABLE}`);
      expect(textProblem(`a${character}b`, "Name", "one-line"), escaped).toBe(`Name ${UNSTORABLE}`);
    }
  });

  it("takes tabs and line breaks where text runs over several lines, and any language or emoji", () => {
    for (const text of ["First line\nsecond line", "Windows\r\nline", "a\tb", "Paragraph\u2029next", "Ysgol Gymraeg · Łódź · עברית · العربية · 😀"]) {
      expect(textProblem(text, "Commentary", "multi-line"), JSON.stringify(text)).toBeNull();
    }
    expect(textProblem("Ysgol Gymraeg · Łódź · עברית · العربية · 😀", "Name", "one-line")).toBeNull();
  });

  it("keeps a name on one line, without tabs or characters that reverse the text", () => {
    for (const lineBreak of ["\n", "\r", "\r\n", "\u2028", "\u2029"]) {
      expect(textProblem(`Evil${lineBreak}Org`, "Name", "one-line"), JSON.stringify(lineBreak)).toBe("Name must be on one line: remove the line break");
    }
    expect(textProblem("a\tb", "Name", "one-line")).toBe(`Name ${UNSTORABLE}`);
    for (const direction of ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"]) {
      expect(textProblem(`Police${direction}IOM`, "Short name", "one-line"), JSON.stringify(direction)).toBe(`Short name ${DIRECTION}`);
    }
  });
});

describe("every schema that takes text applies the rule, naming the field", () => {
  it("names: people, organisations, priorities, indicators and their fields", () => {
    expect(problems(createUserSchema, { name: "Ann\u0000", email: "ann@example.org", role: "ADMIN" })).toEqual({ name: `Name ${UNSTORABLE}` });
    expect(problems(organisationSchema, { name: "Evil\r\nOrg", shortName: "E\u202Ev", contactName: "Jo\u0007" })).toEqual({
      name: "Name must be on one line: remove the line break",
      shortName: `Short name ${DIRECTION}`,
      contactName: `Contact name ${UNSTORABLE}`,
    });
    expect(problems(prioritySchema, { number: 1, title: "Safer\nstreets", outcome: "Fewer victims.\nMore trust.\tAnd \u0000" })).toEqual({
      title: "Title must be on one line: remove the line break",
      outcome: `Outcome ${UNSTORABLE}`,
    });
    const field = { key: "crimes", label: "Crimes\u2028recorded", kind: "COUNT", unit: "crimes\u202E" };
    expect(
      problems(indicatorSchema, { ref: "4\u00001", title: "Crime\nrate", ownerOrganisationId: 1, leadContact: "Jo\rAnn", polarity: "NEUTRAL", headlineFieldKey: "crimes", fields: [field] }),
    ).toEqual({
      ref: `Ref ${UNSTORABLE}`,
      title: "What it monitors must be on one line: remove the line break",
      leadContact: "Lead contact must be on one line: remove the line break",
      "fields.0.label": "Label must be on one line: remove the line break",
      "fields.0.unit": `Unit ${DIRECTION}`,
    });
  });

  it("text over several lines: commentary, explanations, text figures, queries, reasons, messages, an imported file", () => {
    const schema = saveReturnSchema([{ key: "note", label: "Note", kind: "TEXT", unit: null, comparesWithPreviousYear: false, required: false, softMin: null, softMax: null, retired: false }], { quarterEndDate: "2020-03-31", today: "2020-04-20" });
    expect(problems(schema, { version: 0, status: "DRAFT", values: { note: "a\u0000" }, commentary: "Line one\nline\u0000two" })).toEqual({
      "values.note": `Note ${UNSTORABLE}`,
      commentary: `Commentary ${UNSTORABLE}`,
    });
    expect(problems(schema, { version: 0, status: "NO_DATA", noData: { reason: "NOT_RELEASED", explanation: "Embargoed\u001B" } })).toEqual({
      "noData.explanation": `The explanation ${UNSTORABLE}`,
    });
    expect(schema.parse({ version: 0, status: "DRAFT", values: { note: "two\nlines" }, commentary: "Line one\r\nline two" })).toMatchObject({
      values: { note: { text: "two\nlines" } },
      commentary: "Line one\r\nline two",
    });
    expect(problems(raiseQuerySchema, { text: "Is 230 right?\u0000", fieldKey: "crimes\n" })).toEqual({ text: `Your question ${UNSTORABLE}`, fieldKey: "The field must be on one line: remove the line break" });
    expect(problems(answerQuerySchema, { response: "Yes\u0085" })).toEqual({ response: `Your answer ${UNSTORABLE}` });
    expect(problems(reopenSchema, { reason: "Wrong\u0000" })).toEqual({ reason: `The reason ${UNSTORABLE}` });
    expect(problems(sendChaseSchema, { quarterId: 1, organisationId: 1, subject: "Reminder\r\nBcc: x@evil.test", body: "Dear\u0000" })).toEqual({
      subject: "The subject must be on one line: remove the line break",
      body: `The message ${UNSTORABLE}`,
    });
    expect(problems(importReportSchema, { year: "2019/20", text: "a\tb\r\nc\u0000" })).toEqual({ text: `The report file ${UNSTORABLE}` });
    expect(problems(importReportSchema, { year: "2019/20", text: "a\tb\r\nc\n" })).toEqual({});
  });

  it("the audit log's filters: an action on one line, dates that exist, naming the parameter", () => {
    expect(problems(auditFilterSchema, { action: "access.refused\u0000" })).toEqual({ action: `The action ${UNSTORABLE}` });
    expect(problems(auditFilterSchema, { from: "9999-99-99", to: "2026-02-30" })).toEqual({
      from: 'The "from" date must be a real date, like 2020-01-31',
      to: 'The "to" date must be a real date, like 2020-01-31',
    });
    expect(problems(auditFilterSchema, { from: "2024-02-29", to: "9999-12-31", page: "99999999999999999999" })).toEqual({ page: "Too big: expected at most 2147483647" });
  });
});
