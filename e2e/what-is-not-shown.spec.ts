import { expect, test } from "@playwright/test";
import { signIn } from "./support.ts";

// Runs after returns.spec.ts (files run in name order), which submits 1.4 first: either way, what
// the owner types here before choosing "no update" must not be published.
test("the CRC owner types 3.1 and a commentary on 1.4, chooses no update, and no figure is published", async ({ page }) => {
  await signIn(page, "crc@demo.test");
  await page.getByRole("link", { name: "% of offenders recalled" }).click();
  await page.locator("[id='values.recalled']").fill("3.1");
  await page.locator("#commentary").fill("Recalls up after the licence review.");

  await page.getByLabel("No data this quarter").check();
  await page.getByLabel("No update this quarter").check();
  await expect(page.locator("[id='values.recalled']")).toHaveCount(0);
  await expect(page.locator("#commentary")).toHaveCount(0);
  await expect(page.getByTestId("last-quarter")).toContainText("In Q3 2019/20 the report showed:");
  await expect(page.getByTestId("last-quarter")).toContainText("2.63%");

  // Back to the figures: what was typed is still there.
  await page.getByLabel("The figures").check();
  await expect(page.locator("[id='values.recalled']")).toHaveValue("3.1");
  await expect(page.locator("#commentary")).toHaveValue("Recalls up after the licence review.");

  await page.getByLabel("No data this quarter").check();
  await expect(page.getByLabel("No update this quarter")).toBeChecked();
  await page.getByRole("button", { name: "Record no data" }).click();
  await expect(page.getByRole("row", { name: /1\.4/ })).toContainText("No update this quarter");

  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Report" }).click();
  const recalled = page.getByRole("table", { name: "Priority 1 indicators and their quarterly updates" }).getByRole("row").filter({ hasText: "% of offenders recalled" });
  await expect(recalled.getByRole("cell").nth(5)).toHaveText("2.63%");
  await expect(recalled.getByRole("cell").nth(6)).toHaveText("No further update available");

  const csv = await (await page.request.get((await page.getByRole("link", { name: "Download the figures (CSV)" }).getAttribute("href"))!)).text();
  const q4 = csv.split("\n").filter((line) => line.includes("% of offenders recalled") && line.includes("Q4"));
  expect(q4).toHaveLength(1);
  expect(q4[0]).not.toContain("3.1");
  expect(q4[0]).not.toContain("Recalls up");
});
