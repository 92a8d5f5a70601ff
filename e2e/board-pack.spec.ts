import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
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
