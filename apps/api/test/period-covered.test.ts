// The period each figure covers: declared per indicator (basis and lag), recorded on each return,
// shown in the report and every file, read by the importer.
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import type { Report, ReportLine, ReturnRecord } from "@quarterly-returns/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, buildTestApp, signIn, type TestApp, indicatorEdit, type FrameworkIndicator } from "./helper.ts";

let test: TestApp;
let admin: ReturnType<typeof as>;
let police: ReturnType<typeof as>;
let yearId: number;
let q4: number;
let repeatRate: { id: number; [key: string]: unknown };

type Indicator = FrameworkIndicator;

beforeAll(async () => {
  test = await buildTestApp("demo");
  admin = as(test.app, await signIn(test.app, "admin@demo.test"));
  police = as(test.app, await signIn(test.app, "police@demo.test"));
  yearId = (await test.db.prisma.reportingYear.findFirstOrThrow()).id;
  q4 = (await test.db.prisma.quarter.findFirstOrThrow({ where: { number: 4 } })).id;
  const framework = (await admin.get(`/api/years/${yearId}/framework`)).json();
  const indicators: Indicator[] = framework.priorities.flatMap((priority: { indicators: Indicator[] }) => priority.indicators);
  const found = indicators.find((indicator) => indicator.ref === "2.2")!;
  const changed = await admin.put(`/api/indicators/${found.id}`, indicatorEdit(found, { periodBasis: "ROLLING_12_MONTHS", periodLagMonths: 0 }));
  expect(changed.statusCode, changed.body).toBe(200);
  repeatRate = changed.json().indicator;
});
afterAll(() => test.close());

const save = (changes: Record<string, unknown>) =>
  police.put(`/api/returns/${repeatRate.id}/${q4}`, { version: 0, status: "SUBMITTED", values: { repeatRate: "41.8" }, previousYear: { repeatRate: "44.0" }, ...changes });
const reportLine = async (): Promise<ReportLine> =>
  ((await admin.get(`/api/reports/${yearId}`)).json() as Report).priorities.flatMap((priority) => priority.lines).find((line) => line.ref === "2.2")!;

describe("an indicator's period basis and lag", () => {
  it("is set in the framework editor, and refuses a lag beyond three years", async () => {
    expect(repeatRate).toMatchObject({ periodBasis: "ROLLING_12_MONTHS", periodLagMonths: 0 });
    const framework = (await admin.get(`/api/years/${yearId}/framework`)).json();
    const indicator = framework.priorities.flatMap((priority: { indicators: Indicator[] }) => priority.indicators).find((candidate: Indicator) => candidate.ref === "2.2");
    const refused = await admin.put(`/api/indicators/${repeatRate.id}`, indicatorEdit(indicator, { periodLagMonths: 40 }));
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("Enter 36 months or fewer");
    const unknown = await admin.put(`/api/indicators/${repeatRate.id}`, indicatorEdit(indicator, { periodBasis: "FORTNIGHT" }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain("Choose the period its figures cover");
  });
});

describe("a return's periodCovered", () => {
  it("defaults from the indicator's basis and lag when the owner leaves it, and shows in the report", async () => {
    const saved = await save({});
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as { return: ReturnRecord }).return.periodCovered).toBe("12 months to March 2020");
    const stored = await test.db.prisma.return.findFirstOrThrow({ where: { indicatorId: repeatRate.id, quarterId: q4 } });
    expect(stored.periodCovered).toBe("12 months to March 2020");
    expect((await reportLine()).cells[3]).toBe(
      "41.8% (12 months to March 2020) compared to 44.0% (12 months to March 2019), a reduction of 2.2 percentage points",
    );
  });

  it("keeps what the owner writes, and refuses a line break in it", async () => {
    const { version } = await test.db.prisma.return.findFirstOrThrow({ where: { indicatorId: repeatRate.id, quarterId: q4 } });
    const broken = await save({ version, periodCovered: "12 months\nto December 2019" });
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain("The period the figures cover must be on one line");
    const saved = await save({ version, periodCovered: " 12 months to December 2019 " });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as { return: ReturnRecord }).return.periodCovered).toBe("12 months to December 2019");
    expect((await reportLine()).cells[3]).toMatch(/^41\.8% \(12 months to December 2019\) compared to 44\.0% \(12 months to December 2018\)/);
    const detail = (await police.get(`/api/returns/${repeatRate.id}/${q4}`)).json();
    expect(detail.return.periodCovered).toBe("12 months to December 2019");
  });

  it("is in the CSV's own column and in the XLSX's cell", async () => {
    const csv = parse((await admin.get(`/api/reports/${yearId}.csv`)).body, { columns: true }) as Record<string, string>[];
    expect(csv.find((row) => row.Ref === "2.2" && row.Quarter === "Q4")).toMatchObject({ Value: "0.418", "Period covered": "12 months to December 2019" });
    // A figure for the quarter itself says so in the CSV, and needs no words in the report.
    expect(csv.find((row) => row.Ref === "1.2" && row.Quarter === "Q1")).toMatchObject({ "Period covered": "April to June 2019" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await admin.get(`/api/reports/${yearId}.xlsx`)).rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.getWorksheet("Priority 2")!.eachRow((row) => cells.push(String(row.getCell(7).value)));
    expect(cells.some((cell) => cell.startsWith("41.8% (12 months to December 2019)"))).toBe(true);
    expect((await admin.get(`/api/reports/${yearId}.tsv`)).body).toContain("41.8% (12 months to December 2019) compared to");
  });

  it("is not kept for a return without figures", async () => {
    const { version } = await test.db.prisma.return.findFirstOrThrow({ where: { indicatorId: repeatRate.id, quarterId: q4 } });
    const saved = await save({ version, status: "DRAFT", values: {}, previousYear: {}, periodCovered: "12 months to December 2019" });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as { return: ReturnRecord }).return.periodCovered).toBeNull();
  });
});
