// The board pack's PDF, read back page by page as a board member would read it.
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, buildTestApp, signIn, type TestApp } from "./helper.ts";

let test: TestApp;
let yearId: number;
beforeAll(async () => {
  test = await buildTestApp("demo");
  yearId = (await test.db.prisma.reportingYear.findFirstOrThrow()).id;
});
afterAll(() => test.close());

async function pdfPages(email: string, query = "") {
  const response = await as(test.app, await signIn(test.app, email)).get(`/api/reports/${yearId}.pdf${query}`);
  expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
  expect(response.headers["content-type"]).toBe("application/pdf");
  expect(response.headers["content-disposition"]).toBe(`attachment; filename="performance-report-2019-20${query ? "-q3" : ""}.pdf"`);
  expect(response.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
  const parser = new PDFParse({ data: new Uint8Array(response.rawPayload) });
  try {
    return (await parser.getText()).pages.map((page) => page.text);
  } finally {
    await parser.destroy();
  }
}

const RESTRICTED_TITLE = "Comparison of crime against other Community Safety Partnerships";

describe("GET /api/reports/:yearId.pdf", () => {
  it("opens with the cover: the partnership, the report, its quarters and when it was written", async () => {
    const pages = await pdfPages("manager@demo.test");
    expect(pages[0]).toContain("Safer Stockton Partnership");
    expect(pages[0]).toContain("Performance report 2019/20");
    expect(pages[0]).toContain("Q3 2019/20: signed off");
    expect(pages[0]).toContain("Q4 2019/20: provisional");
    expect(pages[0]).toMatch(/As at \d{1,2} \w+ \d{4} at \d\d:\d\d/);
    expect(pages[1]).toContain("Summary");
    expect(pages[1]).toContain("Indicators by RAG status and by trend");
    pages.forEach((text, index) => expect(text).toContain(`Page ${index + 1} of ${pages.length}`));
  });

  it("prints every line of the report, marks every page provisional while Q4 is open, and marks only restricted rows' pages OFFICIAL-SENSITIVE", async () => {
    const pages = await pdfPages("manager@demo.test");
    expect(pages.length).toBeGreaterThan(3);
    expect(pages.every((text) => text.includes("PROVISIONAL"))).toBe(true);
    const marked = pages.filter((text) => text.includes("OFFICIAL-SENSITIVE"));
    expect(marked.length).toBeGreaterThan(0);
    for (const text of pages) {
      const holdsRestricted = text.includes("RESTRICTED");
      // Top and bottom of the page.
      expect(text.split("OFFICIAL-SENSITIVE").length - 1, text.slice(0, 300)).toBe(holdsRestricted ? 2 : 0);
    }
    const all = pages.join("\n").replace(/\s+/g, " ");
    expect(all).toContain("Levels of police recorded ASB incidents");
    expect(all).toContain(RESTRICTED_TITLE);
  });

  it("as it stood at the end of a signed-off quarter, is not provisional", async () => {
    const pages = await pdfPages("manager@demo.test", "?quarter=3");
    expect(pages.some((text) => text.includes("PROVISIONAL"))).toBe(false);
  });

  it("leaves the restricted rows, and their marking, out of a data owner's copy", async () => {
    const pages = await pdfPages("yot@demo.test");
    const all = pages.join("\n").replace(/\s+/g, " ");
    expect(all).toContain("Safer Stockton Partnership");
    expect(all).not.toContain("OFFICIAL-SENSITIVE");
    expect(all).not.toContain("RESTRICTED");
    expect(all).not.toContain(RESTRICTED_TITLE);
  });

  it("gives a data owner their own organisation's restricted row, marked", async () => {
    const pages = await pdfPages("cps@demo.test");
    const marked = pages.filter((text) => text.includes("OFFICIAL-SENSITIVE"));
    expect(marked).toHaveLength(1);
    expect(marked[0]!.replace(/\s+/g, " ")).toContain(RESTRICTED_TITLE);
  });

  it("prints the partnership's name the admin set", async () => {
    const admin = as(test.app, await signIn(test.app, "admin@demo.test"));
    expect((await admin.put("/api/settings", { partnershipName: "Tees Valley Community Safety Partnership" })).statusCode).toBe(200);
    expect((await pdfPages("yot@demo.test"))[0]).toContain("Tees Valley Community Safety Partnership");
  });
});
