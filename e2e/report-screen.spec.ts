import { expect, test } from "@playwright/test";
import { signIn } from "./support.ts";

const scrollWidth = (page: import("@playwright/test").Page) => page.evaluate(() => document.documentElement.scrollWidth);

test("on a desktop the report's table uses the screen's width", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, "manager@demo.test");
  await page.goto("/report");
  const table = page.getByRole("table", { name: "Priority 1 indicators and their quarterly updates" });
  await expect(table).toBeVisible();
  expect((await table.boundingBox())!.width).toBeGreaterThan(960);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(1366);
});

test("on a phone each indicator is a card and nothing scrolls sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "manager@demo.test");
  await page.goto("/report");
  const card = page.getByTestId("line-3");
  await expect(card).toContainText("1.2");
  await expect(card).toContainText("% of positive completions of Community Orders");
  // The card names its owner and each quarter, drawn by the stylesheet beside the cells' own text.
  const drawn = (cell: number, part: "::before" | "::after") => card.locator("td").nth(cell).evaluate((element, pseudo) => getComputedStyle(element, pseudo).content, part);
  expect(await drawn(1, "::after")).toBe('"DTV Community Rehabilitation Company - Paul Haley"');
  expect(await drawn(3, "::before")).toBe('"Quarter 1"');
  await expect(card.locator("td").nth(3)).toHaveText("72.6%");
  expect(await drawn(7, "::before")).toBe('"Trend/RAG"');
  // Q4 has nothing reported yet: the card leaves it out.
  await expect(card.locator("td").nth(6)).toBeHidden();
  await expect(card.locator("td").nth(2)).toBeHidden();
  // The card's parts stack: the title sits under the ref, not beside it.
  const ref = (await card.locator("td").nth(0).boundingBox())!;
  const title = (await card.locator("td").nth(1).boundingBox())!;
  expect(title.y).toBeGreaterThanOrEqual(ref.y + ref.height - 1);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
});
