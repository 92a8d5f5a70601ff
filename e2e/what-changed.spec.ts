import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn, signOut } from "./support.ts";

const TITLE = "% of positive completions of Community Orders and Suspended Sentence orders";

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  expect(violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
}

/** Types the figure into 1.2 and submits it, whether it is new or was submitted before. */
async function submitFigure(page: Page, figure: string) {
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await page.locator("[id='values.positiveCompletions']").fill(figure);
  await page.getByRole("button", { name: /^Submit( changes)?$/ }).click();
  await expect(page.getByText("1.2 is in. Thank you.")).toBeVisible();
}

test("the CRC owner changes a submitted figure, and the return and the audit log say what changed, by whom and when", async ({ page }) => {
  await signIn(page, "crc@demo.test");
  await submitFigure(page, "72.6");
  await submitFigure(page, "73.1");

  await page.getByRole("link", { name: TITLE }).click();
  const changes = page.getByRole("region", { name: "Changes to this return" });
  await expect(changes.getByRole("listitem").first()).toHaveText(/^Submitted: Positive completions 72\.6% → 73\.1%, Paul Haley, \d{1,2} \w{3} \d{4} \d\d:\d\d$/);
  await expectAccessible(page);
  await signOut(page);

  await signIn(page, "manager@demo.test");
  await page.goto("/audit?action=return.submit");
  await expect(page.getByRole("row").nth(1)).toContainText("SubmittedPositive completions 72.6% → 73.1%");
  await expect(page.getByRole("row").nth(1)).toContainText("Paul Haley");
  await expectAccessible(page);
});
