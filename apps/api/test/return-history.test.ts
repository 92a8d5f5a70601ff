// What changed, field by field: each save's audit event holds the return before and after, and
// the return page and the audit log read the same changes from it.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { as, buildTestApp, signIn, type TestApp } from "./helper.ts";

let test: TestApp;
let owner: ReturnType<typeof as>;
let manager: ReturnType<typeof as>;
let indicatorId: number;
let quarterId: number;

beforeAll(async () => {
  test = await buildTestApp("demo");
  owner = as(test.app, await signIn(test.app, "crc@demo.test"));
  manager = as(test.app, await signIn(test.app, "manager@demo.test"));
  indicatorId = (await test.db.prisma.indicator.findFirstOrThrow({ where: { ref: "1.2" } })).id;
  quarterId = (await test.db.prisma.quarter.findFirstOrThrow({ where: { number: 4 } })).id;

  const save = async (version: number, status: string, figure: string, commentary: string | null) => {
    const response = await owner.put(`/api/returns/${indicatorId}/${quarterId}`, { version, status, values: { positiveCompletions: figure }, previousYear: {}, commentary });
    expect(response.statusCode).toBe(200);
  };
  await save(0, "DRAFT", "72", null);
  await save(1, "DRAFT", "72.6", null);
  await save(2, "SUBMITTED", "72.6", null);
  await save(3, "SUBMITTED", "73.1", "Two late completions counted.");
});
afterAll(() => test.close());

it("keeps the figures before and after in each save's audit event", async () => {
  const events = await test.db.prisma.auditEvent.findMany({ where: { entityType: "return", indicatorId, quarterId }, orderBy: { id: "asc" } });
  expect(events.map((event) => event.action)).toEqual(["return.save-draft", "return.save-draft", "return.submit", "return.submit"]);
  expect(events[0]!.before).toBeNull();
  expect(events[3]).toMatchObject({
    before: { status: "SUBMITTED", values: { positiveCompletions: "72.6" }, commentary: null },
    after: { status: "SUBMITTED", values: { positiveCompletions: "73.1" }, commentary: "Two late completions counted." },
  });
});

it("lists each save on the return, newest first, with what it changed field by field", async () => {
  const response = await owner.get(`/api/returns/${indicatorId}/${quarterId}`);
  const by = { id: expect.any(Number), name: "Paul Haley" };
  expect(response.json().changes).toEqual([
    {
      at: expect.any(String),
      by,
      action: "return.submit",
      changes: [
        { label: "Positive completions", before: "72.6%", after: "73.1%" },
        { label: "Commentary", before: null, after: "Two late completions counted." },
      ],
    },
    // Submitting the draft as it stood changed no figure.
    { at: expect.any(String), by, action: "return.submit", changes: [] },
    { at: expect.any(String), by, action: "return.save-draft", changes: [{ label: "Positive completions", before: "72.0%", after: "72.6%" }] },
    // The first save also records the period its figures cover: the quarter, by default.
    {
      at: expect.any(String),
      by,
      action: "return.save-draft",
      changes: [
        { label: "Positive completions", before: null, after: "72.0%" },
        { label: "Period covered", before: null, after: "January to March 2020" },
      ],
    },
  ]);
});

it("shows the same changes in the audit log", async () => {
  const response = await manager.get(`/api/audit?indicatorId=${indicatorId}&quarterId=${quarterId}`);
  expect(response.statusCode).toBe(200);
  const [latest] = response.json().events;
  expect(latest).toMatchObject({ action: "return.submit", actor: { name: "Paul Haley" } });
  expect(latest.changes).toEqual([
    { label: "Positive completions", before: "72.6%", after: "73.1%" },
    { label: "Commentary", before: null, after: "Two late completions counted." },
  ]);
  const csv = await manager.get(`/api/audit.csv?indicatorId=${indicatorId}&quarterId=${quarterId}`);
  expect(csv.body.split("\n")[1]).toContain(",Positive completions 72.6% → 73.1%; Commentary set to Two late completions counted.,");
  const signIns = await manager.get("/api/audit?action=auth.login");
  expect(signIns.json().events[0].changes).toBeNull();
});

it("reads an imported return's changes the same way (the import's batch write keeps the same before and after)", async () => {
  const admin = as(test.app, await signIn(test.app, "admin@demo.test"));
  // The document's priority 1 up to its line 1.2, with a Q4 figure there; the lines above it
  // without their quarters' words, which the demo writes differently.
  const lines = readFileSync(new URL("../../../prisma/stockton-ssp-2019-20-q3.tsv", import.meta.url), "utf8").split("\n");
  const at = lines.findIndex((line) => line.startsWith("1.2\t"));
  const withoutQuarters = (line: string) => line.split("\t").map((cell, index) => (index >= 3 ? "" : cell)).join("\t");
  const withQ4 = [...lines.slice(0, 6), ...lines.slice(6, at).map(withoutQuarters), lines[at]!.replace("\t74.6%\t\t", "\t74.6%\t75.2%\t")].join("\n");
  const imported = await admin.post("/api/reports/import", { year: "2019/20", text: withQ4 });
  expect(imported.statusCode, imported.body).toBe(200);
  const [latest] = (await manager.get(`/api/audit?indicatorId=${indicatorId}&quarterId=${quarterId}`)).json().events;
  expect(latest).toMatchObject({ action: "return.import", changes: [{ label: "Positive completions", before: "73.1%", after: "75.2%" }, { label: "Commentary", before: "Two late completions counted.", after: null }] });
  const [history] = (await owner.get(`/api/returns/${indicatorId}/${quarterId}`)).json().changes;
  expect(history).toMatchObject({ action: "return.import", by: { name: "Jo Adams" }, changes: latest.changes });
});
