// The demo data against the partnership's own report document, row by row and cell by cell.
import { readFileSync } from "node:fs";
import { mentionsFigure, wordsBesideFigure } from "@quarterly-returns/shared";
import { matchOrganisation, parseReportDocument, readDocumentCell, type DocumentIndicatorLine } from "@quarterly-returns/shared/report-document";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@quarterly-returns/db";
import { createTestDatabase, type TestDatabase } from "@quarterly-returns/db/testing";
import { DEMO_PASSWORD, OPEN_QUARTER_DUE_IN_DAYS, users } from "../src/core/demo/demo-data.ts";

const report = parseReportDocument(readFileSync(new URL("../../../prisma/stockton-ssp-2019-20-q3.tsv", import.meta.url), "utf8"));
const documentLines = report.priorities.flatMap((priority) => priority.lines.map((line) => ({ priority, line })));

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase("demo");
});
afterAll(() => db.drop());

async function loadYear() {
  return db.prisma.reportingYear.findUniqueOrThrow({
    where: { label: "2019/20" },
    include: {
      quarters: { orderBy: { number: "asc" } },
      priorities: {
        orderBy: { sortOrder: "asc" },
        include: {
          indicators: {
            orderBy: { sortOrder: "asc" },
            include: {
              ownerOrganisation: true,
              fields: true,
              returns: { include: { quarter: true, values: { include: { field: true } } } },
            },
          },
        },
      },
    },
  });
}

/** "2,424" → "2424" so figures can be found in the text whatever their formatting. */
const withoutThousandsSeparators = (text: string) => text.replace(/(\d),(?=\d{3}\b)/g, "$1");
const mentions = (text: string, figure: string) => {
  const [whole, fraction = ""] = (figure.includes(".") ? figure.replace(/\.?0+$/, "") : figure).split(".");
  const pattern = fraction ? `${whole}\\.${fraction}0*` : `${whole}(\\.0+)?`;
  return new RegExp(`(?<![\\d.])${pattern}(?![\\d])`).test(withoutThousandsSeparators(text));
};

describe("the demo data matches the 2019/20 report", () => {
  it("has the document's year, four priorities and their outcomes", async () => {
    const year = await loadYear();
    expect(report.title).toBe("Year 3 - April 2019 to March 2020");
    expect(year.planYear).toBe(3);
    expect(year.priorities.map(({ number, title, outcome }) => ({ number, title, outcome }))).toEqual(
      report.priorities.map(({ number, title, outcome }) => ({ number, title, outcome })),
    );
  });

  it("has every indicator line, with its ref, title, owner, lead contact and restriction", async () => {
    const year = await loadYear();
    const organisations = await db.prisma.organisation.findMany();
    const indicators = year.priorities.flatMap((priority) => priority.indicators);
    expect(documentLines).toHaveLength(22);
    expect(indicators).toHaveLength(22);

    indicators.forEach((indicator, index) => {
      const { line } = documentLines[index]!;
      expect(indicator.ref ?? `${line.ref} (continued)`).toBe(line.continuation ? `${line.ref} (continued)` : line.ref);
      expect(indicator.title).toBe(line.title);
      expect(indicator.ownerOrganisation.id, `owner of ${line.ref} "${line.title}"`).toBe(
        matchOrganisation(line.collation, organisations)?.id,
      );
      if (indicator.leadContact) expect(line.collation).toContain(indicator.leadContact);
      expect(indicator.restricted).toBe(line.restricted);
    });
    expect(indicators.filter((indicator) => indicator.restricted).map((indicator) => indicator.ref)).toEqual(["4.1"]);
  });

  it("records each Q1–Q3 cell in the right state, with the figures the cell gives", async () => {
    const year = await loadYear();
    const indicators = year.priorities.flatMap((priority) => priority.indicators);

    indicators.forEach((indicator, index) => {
      const { line } = documentLines[index]!;
      for (const quarter of [1, 2, 3]) {
        const cell = readDocumentCell(line.quarters[quarter - 1]!);
        const saved = indicator.returns.find((candidate) => candidate.quarter.number === quarter);
        const where = `${describeLine(line)} Q${quarter}`;
        expect(saved, where).toBeDefined();
        if (cell.state === "NO_DATA") {
          expect({ status: saved!.status, reason: saved!.noDataReason }, where).toEqual({ status: "NO_DATA", reason: cell.reason });
          if (cell.reason === "NOT_YET_AVAILABLE") expect(saved!.availableFrom?.toISOString().slice(0, 10)).toBe(cell.availableFrom);
          if (cell.reason === "NOT_RELEASED") expect(saved!.explanation).toBe(cell.explanation);
          // The report's own words for "nothing came in" are kept, not the standard ones (bar the "No date provided" slip).
          if (cell.reason === "NOT_PROVIDED" && /update/i.test(cell.phrase)) expect(saved!.explanation, where).toBe(cell.phrase);
          expect(saved!.values, where).toHaveLength(0);
        } else {
          expect(cell.state, where).toBe("SUBMITTED");
          expect(saved!.status, where).toBe("SUBMITTED");
          const text = cell.state === "SUBMITTED" ? cell.text : "";
          // The commentary is the cell's words, less any figure it stores as a figure: never the figure twice.
          const figures = saved!.values.filter((value) => value.number !== null).map((value) => value.number!.toString());
          const besideFigures = figures.reduce<string | null>((words, figure) => words && wordsBesideFigure(words, figure), text);
          if (saved!.commentary && !text.includes(saved!.commentary)) expect(saved!.commentary, where).toBe(besideFigures);
          expect(saved!.commentary || saved!.values.length, `${where} has figures or commentary`).toBeTruthy();
          for (const value of saved!.values) {
            if (value.text !== null) {
              expect(text, `${where}: ${value.field.key}`).toContain(value.text);
              continue;
            }
            expect(mentions(text, value.number!.toString()), `${where}: ${value.field.key} = ${value.number} is in "${text}"`).toBe(true);
            if (value.outOf) expect(text).toContain(`out of ${value.outOf}`);
          }
        }
      }
      expect(indicator.returns.some((candidate) => candidate.quarter.number === 4), `${describeLine(line)} Q4 starts empty`).toBe(false);
    });
  });

  it("states 2.2's, 2.4's and 3.4's figures once: their commentary keeps only the cell's other words", async () => {
    const saved = await db.prisma.return.findMany({
      where: { indicator: { ref: { in: ["2.2", "2.4"] } } },
      include: { values: true, quarter: true, indicator: true },
    });
    expect(saved).toHaveLength(6);
    for (const { values, commentary, indicator, quarter } of saved) {
      const figure = values[0]!.number!.toString();
      expect(commentary, `${indicator.ref} Q${quarter.number}`).toBeTruthy();
      expect(mentionsFigure(commentary!, figure), `${indicator.ref} Q${quarter.number}: "${commentary}" states ${figure}`).toBe(false);
    }
    const opiates = await db.prisma.return.findFirstOrThrow({ where: { indicator: { ref: "3.4" }, quarter: { number: 1 } }, include: { values: true } });
    expect(opiates.values.map((value) => value.number!.toString()).sort()).toEqual(["2.75", "3.16"]);
    expect(opiates.commentary).toBe("NDTMS data as at May 19 (baseline)");
    const q1 = saved.find((row) => row.indicator.ref === "2.2" && row.quarter.number === 1)!;
    expect(q1.commentary).toBe("June 18 / June 19\nThe rolling 12-month repeat rate has decreased by 0.5% compared to 47.5% last year");
  });

  it("gives last year's figures where the report compares with them", async () => {
    const values = await db.prisma.returnValue.findMany({
      where: { previousYearValue: { not: null } },
      include: { field: { include: { indicator: true } }, return: { include: { quarter: true } } },
    });
    const find = (ref: string, key: string, quarter: number) =>
      values.find((value) => value.field.indicator.ref === ref && value.field.key === key && value.return.quarter.number === quarter);
    expect(find("4.2", "incidents", 1)).toMatchObject({ number: expect.anything() });
    expect(find("4.2", "incidents", 1)!.previousYearValue!.toString()).toBe("2767");
    expect(find("4.5", "dwellings", 3)!.previousYearValue!.toString()).toBe("16");
    expect(find("2.2", "repeatRate", 2)!.previousYearValue!.toString()).toBe("46.7");
    expect(find("4.6", "fires", 1)!.number!.toString()).toBe("230");
  });

  it("signs off Q1–Q3 and leaves Q4 open, due a few weeks from today", async () => {
    const year = await loadYear();
    expect(year.quarters.map((quarter) => quarter.status)).toEqual(["CLOSED", "CLOSED", "CLOSED", "OPEN"]);
    const admin = await db.prisma.user.findUniqueOrThrow({ where: { email: "admin@demo.test" } });
    for (const quarter of year.quarters.slice(0, 3)) expect(quarter.signedOffById).toBe(admin.id);
    const daysUntilDue = Math.round((year.quarters[3]!.dueDate.getTime() - Date.now()) / 86_400_000);
    expect(daysUntilDue).toBeGreaterThanOrEqual(OPEN_QUARTER_DUE_IN_DAYS - 1);
    expect(daysUntilDue).toBeLessThanOrEqual(OPEN_QUARTER_DUE_IN_DAYS);
  });

  it("creates the demo sign-ins with their roles and organisations", async () => {
    const saved = await db.prisma.user.findMany({ include: { organisation: true }, orderBy: { id: "asc" } });
    expect(saved.map((user) => ({ email: user.email, role: user.role, organisation: user.organisation?.contactEmail }))).toEqual(
      users.map((user) => ({
        email: user.email,
        role: user.role,
        organisation: user.organisation ? user.email : undefined,
      })),
    );
    expect(await verifyPassword(saved[0]!.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(saved[0]!.passwordHash).toMatch(/^\$argon2id\$/);
  });
});

function describeLine(line: DocumentIndicatorLine) {
  return `${line.ref}${line.continuation ? " (continued)" : ""} "${line.title.slice(0, 30)}…"`;
}
