import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { signIn, signOut } from "./support.ts";

test("the manager reads the 2019/20 report as the document lays it out, and downloads it", async ({ page }) => {
  await signIn(page, "manager@demo.test");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Report" }).click();
  await expect(page.getByText("Year 3 - April 2019 to March 2020")).toBeVisible();

  const priority1 = page.getByRole("table", { name: "Priority 1 indicators and their quarterly updates" });
  const completions = priority1.getByRole("row").filter({ hasText: "% of positive completions of Community Orders" });
  await expect(completions.getByRole("cell").nth(3)).toHaveText("72.6%");
  await expect(completions.getByRole("cell").nth(4)).toHaveText("No data available until 28/10/19");
  const average = priority1.getByRole("row").filter({ hasText: "Monitor the average number of re-offences" });
  await expect(average.getByRole("cell").nth(4)).toHaveText("No data provided");
  await expect(average.getByRole("cell").nth(0)).toHaveText("");
  await expect(page.getByRole("table", { name: /Priority 4/ }).getByRole("row").filter({ hasText: "IQUANTA" })).toContainText("Restricted");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download as a spreadsheet (XLSX)" }).click()]);
  expect(download.suggestedFilename()).toBe("performance-report-2019-20.xlsx");
  const file = await readFile((await download.path())!);
  expect(file.subarray(0, 2).toString()).toBe("PK");
  await signOut(page);

  await signIn(page, "fire@demo.test");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Report" }).click();
  await expect(page.getByText("Levels of police recorded ASB incidents")).toBeVisible();
  await expect(page.getByText("IQUANTA")).toHaveCount(0);
});

test("the admin imports a report file in the document's layout, and sees what it could not read", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.goto("/report");
  await page.getByRole("link", { name: "Import a report" }).click();

  await page.getByLabel("Year").fill("2018/19");
  await page.getByLabel("Report file").setInputFiles({
    name: "broken.tsv",
    mimeType: "text/tab-separated-values",
    buffer: Buffer.from("Priority 1\tSafer streets\nOutcome\tLess crime\n1.1\tA row before the header\tCleveland Police\n"),
  });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Line 3: a row before the header row of Priority 1's table");

  await page.getByLabel("Report file").setInputFiles({
    name: "too-long.tsv",
    mimeType: "text/tab-separated-values",
    buffer: Buffer.from(["Priority 1\tSafer streets", "Ref\tActivities\tData collation", ...Array.from({ length: 2_499 }, (_, index) => `1.${index}\tA line\tCleveland Police\t1`)].join("\n")),
  });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("The file has 2,501 lines; an import can have at most 2,000 lines.");

  await page.getByLabel("Report file").setInputFiles({
    name: "2021-22.tsv",
    mimeType: "text/tab-separated-values",
    buffer: Buffer.from(
      [
        "Year 2 - April 2018 to March 2019",
        "Priority 1\tSafer streets",
        "Outcome\tLess crime",
        "Ref\tActivities\tData collation\tQuarter 1 Update\tQuarter 2 Update\tQuarter 3 Update\tQuarter 4 Update\tTrend",
        "1.1\tBurglaries\tCleveland Police - Sam Patel\t120\t131",
      ].join("\n"),
    ),
  });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-summary")).toContainText("1 indicators created and 0 updated; 2 quarter updates written");

  await page.goto("/report");
  await page.getByLabel("Year").selectOption({ label: "2018/19" });
  await expect(page.getByText("Year 2 - April 2018 to March 2019")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Burglaries" })).toContainText("Cleveland Police - Sam Patel");
});
