// The period each figure covers, set for an indicator by the admin, and "check your answers"
// before the owner submits: the period, a Change link back to it, then Submit; the report names it.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signIn, signOut } from "./support.ts";

const HATE_CRIME = "To increase reporting of Hate crime to the police and third party reporting centres encompassing all strands of Hate.";

test("an owner checks their answers with the period the figures cover, changes it, submits, and the report names it", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  const { quarters } = await (await page.request.get("/api/quarters")).json();
  const year = quarters[0].year.id;
  const framework = await (await page.request.get(`/api/years/${year}/framework`)).json();
  const hateCrime = framework.priorities.flatMap((priority: { indicators: { id: number; ref: string }[] }) => priority.indicators).find((indicator: { ref: string }) => indicator.ref === "2.4");
  await page.goto(`/framework/indicators/${hateCrime.id}?year=${year}`);
  await page.getByLabel("Each quarter's figures cover").selectOption({ label: "The year to date" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/framework\?year=/);
  await signOut(page);

  await signIn(page, "cps@demo.test");
  await page.getByRole("link", { name: HATE_CRIME }).click();
  await page.locator("[id='values.incidents']").fill("240");
  await page.locator("[id='previousYear.incidents']").fill("230");
  await expect(page.getByText("Leave it empty for April 2019 to March 2020")).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();

  const check = page.getByTestId("check-answers");
  await expect(page.getByRole("heading", { name: "Check your answers before submitting" })).toBeFocused();
  await expect(check.getByRole("definition").filter({ hasText: "240 incidents reported" })).toBeVisible();
  await expect(check).toContainText("Change: +10 (+4.3%)");
  await expect(check).toContainText("April 2019 to March 2020");
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(violations.map((violation) => violation.id)).toEqual([]);

  // The police figures stop at February: the owner says so.
  await check.getByRole("link", { name: "Change the period the figures cover" }).click();
  await expect(page.locator("#periodCovered")).toBeFocused();
  await page.keyboard.type("April 2019 to February 2020");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(check).toContainText("April 2019 to February 2020");
  await check.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("2.4 is in. Thank you.")).toBeVisible();

  await page.getByRole("link", { name: HATE_CRIME }).click();
  await expect(page.locator("#periodCovered")).toHaveValue("April 2019 to February 2020");

  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Report" }).click();
  await expect(page.getByText("240 incidents reported (April 2019 to February 2020) compared to 230 (April 2018 to February 2019), an increase of 10 (+4.3%)")).toBeVisible();
});
