// An import is a batch of the operations a person does on the screens, so it meets the same rules:
// into the demo's 2019/20 (Q1–Q3 signed off, Q4 open) nothing a signed-off quarter shows may change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, buildTestApp, fingerprint, signIn, type TestApp } from "./helper.ts";

let test: TestApp;
let admin: ReturnType<typeof as>;
let yearId: number;
/** The demo's report as the document it came from: importing it back changes nothing. */
let document: string;

beforeAll(async () => {
  test = await buildTestApp("demo");
  admin = as(test.app, await signIn(test.app, "admin@demo.test"));
  yearId = (await test.db.prisma.reportingYear.findFirstOrThrow()).id;
  document = (await admin.get(`/api/reports/${yearId}.tsv`)).body;
});
afterAll(() => test.close());

const importText = (text: string) => admin.post("/api/reports/import", { year: "2019/20", text });
const lines = () => document.split("\n");
/** The 1-based line of the first row starting with `start`. */
const lineOf = (start: string) => lines().findIndex((line) => line.startsWith(start)) + 1;
const changed = (start: string, change: (cells: string[]) => string[], from = document) =>
  from.split("\n").map((line) => (line.startsWith(start) ? change(line.split("\t")).join("\t") : line)).join("\n");
const withRowBefore = (start: string, row: string[]) => {
  const all = lines();
  all.splice(lineOf(start) - 1, 0, row.join("\t"));
  return all.join("\n");
};
const row = (ref: string, title: string, collation: string, quarters: string[]) => [ref, title, collation, ...quarters, ""];

/** Refused whole: every problem with its line, and not one row of any table written, audit included. */
async function expectRefused(text: string, problems: { line: number; problem: RegExp }[]) {
  const before = await fingerprint(test.db);
  const response = await importText(text);
  expect(response.statusCode, response.body).toBe(400);
  expect(response.json().message).toMatch(/^Nothing was imported:/);
  const found = response.json().problems as { line: number; problem: string }[];
  expect(found).toHaveLength(problems.length);
  problems.forEach((expected, index) => {
    expect(found[index]!.line).toBe(expected.line);
    expect(found[index]!.problem).toMatch(expected.problem);
  });
  expect(await fingerprint(test.db)).toBe(before);
}

describe("importing into a year with signed-off quarters", () => {
  it("changes nothing when the document says what the year already says", async () => {
    const before = await fingerprint(test.db);
    const response = await importText(document);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().summary).toMatchObject({ organisationsCreated: [], prioritiesCreated: 0, prioritiesUpdated: 0, indicatorsCreated: 0, indicatorsUpdated: 0, returnsWritten: 0, returnsUnchanged: 66 });
    const withoutAudit = (digest: string) => digest.replace(/audit_events:\S+/, "");
    expect(withoutAudit(await fingerprint(test.db))).toBe(withoutAudit(before));
  });

  it("refuses to reword a priority that signed-off quarters show", async () => {
    await expectRefused(changed("Priority 1\t", (cells) => [cells[0]!, "REDUCE REOFFENDING", ...cells.slice(2)]), [
      { line: lineOf("Priority 1\t"), problem: /^Priority 1 is in the signed-off Q1–Q3 2019\/20 report, so its wording is fixed while they are signed off/ },
    ]);
  });

  it("refuses to reword an indicator, or give it another owner, that signed-off quarters show", async () => {
    const retitled = changed("1.2\t", (cells) => [cells[0]!, "% of positive completions", ...cells.slice(2)]);
    await expectRefused(retitled, [{ line: lineOf("1.2\t"), problem: /^This indicator is in the signed-off Q1–Q3 2019\/20 report, so its title cannot change/ }]);
    // The lines below with an empty data-collation cell take the new owner too.
    const moved = changed("1.2\t", (cells) => [cells[0]!, cells[1]!, "Cleveland Police", ...cells.slice(3)]);
    const ownerFixed = /^This indicator is in the signed-off Q1–Q3 2019\/20 report, so its owner, lead contact cannot change/;
    await expectRefused(moved, ["1.2\t", "1.3\t", "1.4\t", "1.5\t"].map((start) => ({ line: lineOf(start), problem: ownerFixed })));
  });

  it("refuses a new indicator's figures for signed-off quarters, and a new organisation with it", async () => {
    const text = withRowBefore("Priority 2\t", row("1.8", "Monitor knife crime", "Stockton Knife Crime Unit", ["41", "", "", ""]));
    await expectRefused(text, [{ line: lineOf("Priority 2\t"), problem: /^1\.8 in Q1 2019\/20 would read “41”: 1\.8 is reported from Q4 2019\/20, so it has no return in Q1 2019\/20\.$/ }]);
    expect(await test.db.prisma.organisation.findFirst({ where: { name: "Stockton Knife Crime Unit" } })).toBeNull();
  });

  it("refuses a changed figure in a signed-off quarter, naming the line and who signed it off", async () => {
    const text = changed("1.2\t", (cells) => [...cells.slice(0, 3), "73.1%", ...cells.slice(4)]);
    await expectRefused(text, [{ line: lineOf("1.2\t"), problem: /^1\.2 in Q1 2019\/20 would read “73\.1%”: Q1 2019\/20 was signed off on 14 Aug 2019 by Jo Adams; its returns can no longer be changed\.$/ }]);
  });

  it("reports every problem of a document at once, then writes nothing", async () => {
    const reworded = changed("Priority 1\t", (cells) => [cells[0]!, "REDUCE REOFFENDING", ...cells.slice(2)]);
    const text = changed("1.2\t", (cells) => [...cells.slice(0, 3), "73.1%", ...cells.slice(4)], reworded);
    const response = await importText(text);
    expect(response.json().problems.map((problem: { line: number }) => problem.line)).toEqual([lineOf("Priority 1\t"), lineOf("1.2\t")]);
  });

  it("adds an indicator from the open quarter, through the same rules and audit as the screens", async () => {
    const text = withRowBefore("Priority 2\t", row("1.8", "Monitor knife crime", "Stockton Knife Crime Unit", ["", "", "", "No data available until 31/02/2020"]));
    const refused = await importText(text);
    expect(refused.json().problems).toEqual([{ line: lineOf("Priority 2\t"), problem: expect.stringMatching(/^1\.8 in Q4 2019\/20 would read .*: Enter a real date$/) }]);

    const response = await importText(withRowBefore("Priority 2\t", row("1.8", "Monitor knife crime", "Stockton Knife Crime Unit", ["", "", "", "12"])));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().summary).toMatchObject({ organisationsCreated: ["Stockton Knife Crime Unit"], indicatorsCreated: 1, returnsWritten: 1 });
    const added = await test.db.prisma.indicator.findFirstOrThrow({ where: { ref: "1.8" }, include: { returns: { include: { quarter: true, values: true } } } });
    expect(added.firstQuarter).toBe(4);
    expect(added.returns.map((found) => `Q${found.quarter.number} ${found.status} ${found.values[0]?.number}`)).toEqual(["Q4 SUBMITTED 12"]);
    const actions = await test.db.prisma.auditEvent.findMany({ where: { OR: [{ indicatorId: added.id }, { entityType: "organisation", action: "organisation.create" }] }, orderBy: { id: "asc" } });
    expect(actions.map((event) => event.action)).toEqual(expect.arrayContaining(["organisation.create", "framework.indicator-create", "return.import"]));
    expect(actions.find((event) => event.action === "return.import")).toMatchObject({ before: null, after: expect.objectContaining({ status: "SUBMITTED", values: { value: "12" } }) });
  });
});
