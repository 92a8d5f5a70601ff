// Big imports: refused at once, with a message naming the limit and what was sent, or imported in
// batches, well within a request's time, all or nothing.
import { readFileSync } from "node:fs";
import { hashPassword } from "@quarterly-returns/db";
import { IMPORT_LIMITS } from "@quarterly-returns/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { offlineContext } from "../src/core/context.ts";
import { writeCells } from "../src/core/imports/cells.ts";
import { importReport } from "../src/core/imports/import-report.ts";
import { stepper } from "../src/core/imports/steps.ts";
import { indicatorInclude } from "../src/core/returns/mapping.ts";
import { quarterSummaryInclude } from "../src/core/quarters/summary.ts";
import { as, buildTestApp, fingerprint, signIn, type TestApp } from "./helper.ts";

const seed = readFileSync(new URL("../../../prisma/stockton-ssp-2019-20-q3.tsv", import.meta.url), "utf8");

let test: TestApp;
let admin: ReturnType<typeof as>;
let adminId: number;

beforeAll(async () => {
  test = await buildTestApp("empty");
  adminId = (await test.db.prisma.user.create({ data: { email: "admin@example.org", name: "Ada Admin", role: "ADMIN", passwordHash: await hashPassword("a good passphrase") } })).id;
  admin = as(test.app, await signIn(test.app, "admin@example.org", "a good passphrase"));
});
afterAll(() => test.close());

const importText = (text: string, year = "2030/31") => admin.post("/api/reports/import", { year, text });

/** A report of exactly `lines` lines: priorities of 50 indicators, each with three quarters' figures or words. */
function report(lines: number, pad = "") {
  const rows = ["Year 1 - April 2030 to March 2031"];
  for (let priority = 1; rows.length < lines; priority++) {
    rows.push(`Priority ${priority}\tPriority ${priority}`, "Outcome\tFewer victims", "Ref\tActivities\tData collation\tQ1\tQ2\tQ3\tQ4\tTrend");
    for (let line = 1; line <= 50 && rows.length < lines; line++) {
      rows.push([`${priority}.${line}`, `Indicator ${priority}.${line}${pad}`, `Partner ${line % 7} - Lead ${line}`, String(line), `${line % 90}.5%`, `Went well ${line}`, "", ""].join("\t"));
    }
  }
  return rows.slice(0, lines).join("\n");
}

describe("an import too big for the limits", () => {
  it("is refused at once when it has too many lines, saying how many it has and may have, and nothing is written", async () => {
    const before = await fingerprint(test.db);
    const text = report(21_000);
    expect(Buffer.byteLength(text)).toBeLessThan(IMPORT_LIMITS.bytes);
    const started = Date.now();
    const response = await importText(text);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(response.statusCode).toBe(413);
    expect(response.json().message).toBe(
      "The file has 21,000 lines; an import can have at most 2,000 lines. Check it is one year's report in the partnership's layout, or import it in parts, a few priorities at a time.",
    );
    expect(await fingerprint(test.db)).toBe(before);
  });

  it("is refused by the import itself when it is over the size limit but within what the request may carry", async () => {
    const text = report(1_000, " ".repeat(2_400));
    expect(Buffer.byteLength(text)).toBeGreaterThan(IMPORT_LIMITS.bytes);
    const response = await importText(text);
    expect(response.statusCode).toBe(413);
    expect(response.json().message).toMatch(/^The file is 2\.\d MB; an import can be at most 2 MB\. Check it is one year's report/);
  });

  it("is refused before it is read when the request is larger than any import can be: 413 with the same message", async () => {
    const text = report(2_000, "x".repeat(2_400));
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 * IMPORT_LIMITS.bytes + 1024);
    const response = await importText(text);
    expect(response.statusCode).toBe(413);
    expect(response.json().message).toMatch(/^The file is 4\.\d MB; an import can be at most 2 MB\. Check it is one year's report/);
  });

  it("is refused by the command line's import too: the limits are the import's own", async () => {
    const context = offlineContext({ db: test.db.prisma, actor: { kind: "person", id: adminId, name: "Ada Admin", role: "ADMIN", organisationId: null }, origin: "npm run import:report" });
    await expect(importReport(context, report(2_001), "2030/31")).rejects.toMatchObject({ statusCode: 413, message: expect.stringMatching(/^The file has 2,001 lines; an import can have at most 2,000 lines\./) });
  });
});

describe("an import within the limits", () => {
  it(`imports a report of ${IMPORT_LIMITS.lines.toLocaleString("en-GB")} lines, its returns written in batches, every one audited`, { timeout: 60_000 }, async () => {
    const response = await importText(report(IMPORT_LIMITS.lines));
    expect(response.statusCode, response.body).toBe(200);
    const summary = response.json().summary;
    // A title line, then 37 priorities of 53 lines and one of 38.
    expect(summary).toMatchObject({ prioritiesCreated: 38, indicatorsCreated: 1_885, returnsWritten: 3 * 1_885, returnsUnchanged: 0 });
    expect(await test.db.prisma.return.count()).toBe(3 * 1_885);
    expect(await test.db.prisma.auditEvent.count({ where: { action: "return.import" } })).toBe(3 * 1_885);
    expect(await test.db.prisma.auditEvent.count({ where: { action: "framework.indicator-create" } })).toBe(1_885);
    const figure = await test.db.prisma.return.findFirstOrThrow({ where: { indicator: { ref: "38.30" }, quarter: { number: 2 } }, include: { values: true } });
    expect(figure.values[0]!.number?.toString()).toBe("30.5");

    const again = await importText(report(IMPORT_LIMITS.lines).replaceAll("Went well", "Went very well"));
    expect(again.json().summary).toMatchObject({ indicatorsCreated: 0, returnsWritten: 1_885, returnsUnchanged: 2 * 1_885 });
  });

  it("stops an import that runs past its deadline, says so, and writes nothing", async () => {
    const before = await fingerprint(test.db);
    const context = offlineContext({ db: test.db.prisma, actor: { kind: "person", id: adminId, name: "Ada Admin", role: "ADMIN", organisationId: null }, origin: "test" });
    await expect(importReport(context, seed, "2019/20", 0.001)).rejects.toMatchObject({
      statusCode: 503,
      message: "The import took longer than 0.001 seconds, so it was stopped and nothing was imported. Try again in a few minutes, or import the report in parts, a few priorities at a time.",
    });
    expect(await fingerprint(test.db)).toBe(before);
  });

  it("names the line of a write the database refuses within a batch, by making that batch's writes one by one", async () => {
    const indicator = await test.db.prisma.indicator.findFirstOrThrow({ where: { ref: "1.1", priority: { year: { label: "2030/31" } } }, include: indicatorInclude });
    const quarter = await test.db.prisma.quarter.findFirstOrThrow({ where: { yearId: indicator.priority.yearId, number: 4 }, include: quarterSummaryInclude });
    const context = offlineContext({ db: test.db.prisma, actor: { kind: "person", id: adminId, name: "Ada Admin", role: "ADMIN", organisationId: null }, origin: "test" });
    const write = (commentary: string) => ({ indicator, quarter, body: { version: 0, status: "SUBMITTED", commentary }, action: "return.import" as const });
    const problems: { line: number; problem: string }[] = [];
    const summary = { returnsWritten: 0 } as Parameters<typeof writeCells>[2];
    await test.db.prisma.$transaction(async (tx) => {
      const inTransaction = offlineContext({ ...context, db: tx, inTransaction: true });
      // The same return twice: together, the database refuses the second insert.
      await writeCells(inTransaction, [{ line: 7, about: "1.1 in Q4", write: write("First") }, { line: 9, about: "1.1 in Q4 again", write: write("Second") }], summary, problems, stepper(inTransaction, problems));
    });
    expect(summary.returnsWritten).toBe(1);
    expect(problems).toEqual([{ line: 9, problem: expect.stringMatching(/^1\.1 in Q4 again: This return has changed since you opened it\./) }]);
    expect((await test.db.prisma.return.findFirstOrThrow({ where: { indicatorId: indicator.id, quarterId: quarter.id } })).commentary).toBe("First");
  });
});
