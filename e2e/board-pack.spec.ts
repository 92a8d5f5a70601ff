import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import { PDFParse } from "pdf-parse";
import { signIn } from "./support.ts";

test("the manager downloads the board pack as a PDF from the report page", async ({ page }) => {
  await signIn(page, "manager@demo.test");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Report" }).click();
  await expect(page.getByText("Year 3 - April 2019 to March 2020")).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download as PDF" }).click()]);
  expect(download.suggestedFilename()).toBe("performance-report-2019-20.pdf");
  const file = await readFile((await download.path())!);
  expect(file.subarray(0, 5).toString()).toBe("%PDF-");
});

test("the report page opens with the board pack's cover and summary, and prints with page numbers and markings", async ({ page }) => {
  await signIn(page, "manager@demo.test");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Report" }).click();
  const cover = page.locator(".app-board-pack__cover");
  await expect(cover.getByText("Safer Stockton Partnership")).toBeVisible();
  await expect(cover.getByRole("heading", { name: "Performance report 2019/20" })).toBeVisible();
  await expect(cover.getByText("As at", { exact: true })).toBeVisible();
  await expect(cover.getByText(/PROVISIONAL: Q4 2019\/20 is not signed off yet/)).toBeVisible();
  const summary = page.getByRole("region", { name: "Summary" });
  await expect(summary.getByRole("heading", { name: /^Priority 4:/ })).toBeVisible();
  await expect(summary.getByText(/\d+ red, \d+ amber, \d+ green, \d+ no RAG/).first()).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Quarter 4 update (provisional)" }).first()).toBeVisible();

  const pages = await printedPages(page);
  expect(pages[0]).toContain("PROVISIONAL");
  expect(pages[0]).toContain(`Page 1 of ${pages.length}`);
  expect(pages[1]).toContain("Summary");
  // Top and bottom of every page (the cover also says why).
  expect(pages.every((printed) => printed.split("OFFICIAL-SENSITIVE").length >= 3)).toBe(true);
});

test("a data owner's printed report, holding no restricted row, is not marked OFFICIAL-SENSITIVE", async ({ page }) => {
  await signIn(page, "yot@demo.test");
  await page.goto("/report");
  await expect(page.getByRole("region", { name: "Summary" })).toBeVisible();
  const pages = await printedPages(page);
  expect(pages[0]).toContain("Page 1 of");
  expect(pages.join("\n")).not.toContain("OFFICIAL-SENSITIVE");
});

async function printedPages(page: Page) {
  await page.emulateMedia({ media: "print" });
  const parser = new PDFParse({ data: new Uint8Array(await page.pdf({ preferCSSPageSize: true })) });
  try {
    return (await parser.getText()).pages.map((printed) => printed.text);
  } finally {
    await parser.destroy();
  }
}

test("at 390 pixels wide the cover and summary do not scroll sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "manager@demo.test");
  await page.goto("/report");
  await expect(page.getByRole("region", { name: "Summary" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
