import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support.ts";

const STATE_WORDS = /^\d+\.\d+( \(\d\))? \S (Missing|Draft|Expected \d+ \w+|In|In late|Not released|No update|Not provided)\b/;

const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

test("the manager sees the open quarter at a glance on a 1366×768 screen, and opens a return from its cell", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, "manager@demo.test");
  const matrix = page.getByTestId("matrix");
  const cells = matrix.getByTestId("cell");
  await expect(cells).toHaveCount(22);

  // Nothing to scroll: the whole matrix, each cell with its word, lies inside the window as it opens.
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const box = (await matrix.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(768);
  for (const cell of await cells.all()) {
    await expect(cell).toBeInViewport({ ratio: 1 });
    await expect(cell).toHaveText(STATE_WORDS);
  }
  expect(await scrollWidth(page)).toBeLessThanOrEqual(1366);
  await expect(page.getByTestId("headline")).toBeInViewport();
  await expect(page.getByTestId("headline")).toContainText("of 22 returns in");
  await expect(page.getByTestId("reporting-rates").getByRole("img")).toHaveAttribute(
    "aria-label",
    /^Reporting rate by quarter\. Q1 2019\/20: 100%, 22 of 22 returns in\. Q2 2019\/20: 64%, 14 of 22 returns in\. Q3 2019\/20: 82%, 18 of 22 returns in\. Q4 2019\/20: \d+%, \d+ of 22 returns in\.$/,
  );

  const fire = page.getByTestId("organisation-Fire");
  await expect(fire.getByRole("rowheader")).toContainText("Cleveland Fire Brigade Data owner: Maria Watson");
  await fire.getByRole("link", { name: /^4\.5 / }).click();
  await expect(page).toHaveURL(/\/returns\/\d+\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Reduce Deliberate F1 (Property Fires)");
});

test("on a phone the matrix is a list of organisations, and nothing scrolls sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "manager@demo.test");
  await expect(page.getByTestId("cell")).toHaveCount(22);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(390);

  const filter = (await page.getByLabel("Organisation").boundingBox())!;
  expect(filter.x + filter.width).toBeLessThanOrEqual(390);
  // A row is a card: the organisation's name, then its returns below it.
  const fire = page.getByTestId("organisation-Fire");
  const name = (await fire.getByRole("rowheader").boundingBox())!;
  const cell = (await fire.getByTestId("cell").first().boundingBox())!;
  expect(cell.y).toBeGreaterThanOrEqual(name.y + name.height - 1);
  await page.getByLabel("Organisation").selectOption({ label: "DTV Community Rehabilitation Company" });
  await expect(page.getByTestId("cell")).toHaveCount(4);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
});

test("without e-mail set up, the manager is told so in plain words", async ({ page }) => {
  await page.route(/\/api\/quarters\/\d+\/completeness$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), mailConfigured: false } });
  });
  await signIn(page, "manager@demo.test");
  await expect(page.getByText("E-mail is not set up, so reminders are recorded but not sent. Ask your administrator to set it up.")).toBeVisible();
  await expect(page.getByText(/SMTP|mail server/)).toHaveCount(0);
});
