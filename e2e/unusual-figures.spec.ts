import { expect, test } from "@playwright/test";
import { signIn, signOut } from "./support.ts";

// After returns.spec.ts, which submits 4.6 first: so here it may be a change to a submitted return.
const submit = /^Submit( changes)?$/;
const next = "Continue";

test("a fire-count typo is refused beyond the limit, an unusual figure is confirmed, and the manager queries it in one click", async ({ page }) => {
  await signIn(page, "fire@demo.test");
  await page.getByRole("link", { name: "Reduce deliberate small / nuisance / ASB fires (F3 fires)" }).click();
  const fires = page.locator("[id='values.fires']");
  // Q3 2018/19 had 492 fires, the demo's last figure for a year earlier.
  await page.locator("[id='previousYear.fires']").fill("492");

  await fires.fill("10000000000000");
  await page.getByRole("button", { name: next }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toContainText("Deliberate small, nuisance and ASB fires (F3) must be 1,000,000,000,000 or less");

  await fires.fill("2147483648");
  const question = page.locator("[id='values.fires-question']");
  await expect(question).toContainText("Is 2,147,483,648 right? Last year it was 492. In Q3 2019/20 it was 501.");
  await page.getByRole("button", { name: next }).click();
  await expect(summary).toContainText("Is 2,147,483,648 right? Last year it was 492. In Q3 2019/20 it was 501. Correct it, or confirm that it is right");
  await summary.getByRole("link", { name: /Is 2,147,483,648 right\?/ }).click();
  await expect(page.getByLabel("Yes, this figure is right")).toBeFocused();
  await page.getByLabel("Yes, this figure is right").check();
  await page.getByRole("button", { name: next }).click();
  const checkAnswers = page.getByTestId("check-answers");
  await expect(checkAnswers.getByTestId("checked-warnings")).toContainText("Deliberate small, nuisance and ASB fires (F3): Is 2,147,483,648 right? Last year it was 492.");
  await checkAnswers.getByRole("button", { name: submit }).click();
  await expect(page.getByText("4.6 is in. Thank you.")).toBeVisible();
  await signOut(page);

  await signIn(page, "manager@demo.test");
  const outliers = page.getByTestId("confirmed-outliers");
  const row = outliers.getByRole("row", { name: /4\.6/ });
  await expect(row).toContainText("Deliberate small, nuisance and ASB fires (F3): 2,147,483,648. Last year it was 492.");
  await row.getByRole("button", { name: /Query this figure/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Query sent to Cleveland Fire Brigade about 4.6" })).toBeVisible();
  await expect(row).toContainText("Queried");

  await row.getByRole("link", { name: "4.6" }).click();
  await expect(page.getByText(/You confirmed this figure when you submitted it\. Please tell us why it is so different\./)).toBeVisible();
});
