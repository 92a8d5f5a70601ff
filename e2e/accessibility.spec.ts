// Every page of every role against WCAG 2.2 AA with axe, the forms at 400% zoom, and the
// manager's main task with the keyboard alone (the owner's and the admin's are in their journeys).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn, signOut, tabTo } from "./support.ts";

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

// axe takes a moment per page, and a role has many pages.
test.describe.configure({ timeout: 180_000 });

async function expectAccessible(page: Page, what: string) {
  await expect(page.locator("main"), what).not.toContainText("Loading…");
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  expect(
    violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`),
    what,
  ).toEqual([]);
}

async function visit(page: Page, url: string) {
  await page.goto(url);
  await expectAccessible(page, url);
}

/** Ids the pages need, read through the API as the signed-in person. */
async function ids(page: Page) {
  const { quarters } = await (await page.request.get("/api/quarters")).json();
  const open = quarters.find((quarter: { status: string }) => quarter.status === "OPEN");
  const closed = quarters.find((quarter: { status: string }) => quarter.status === "CLOSED");
  return { open: open.id as number, closed: closed.id as number, year: open.year.id as number };
}

test("pages for everyone: sign-in (with its errors) and not found", async ({ page }) => {
  await visit(page, "/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectAccessible(page, "sign-in with errors");
  await visit(page, "/no-such-page");
});

test("a data owner's pages", async ({ page }) => {
  await signIn(page, "iom@demo.test");
  const { open, closed } = await ids(page);
  const { items } = await (await page.request.get(`/api/returns?quarterId=${open}`)).json();
  const indicator = items[0].indicator.id;
  await visit(page, "/returns");
  await visit(page, `/returns/${indicator}/${open}`);
  await page.locator("[id='values.crimes']").fill("-5");
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expectAccessible(page, "return form with errors");
  await page.getByLabel("No data this quarter").check();
  await page.getByLabel("Not available yet").check();
  await expectAccessible(page, "return form, no data");
  await visit(page, `/returns/${indicator}/${closed}`);
  await visit(page, "/change-password");
  await visit(page, "/report");
});

test("the manager's pages", async ({ page }) => {
  await signIn(page, "manager@demo.test");
  const { open } = await ids(page);
  const { organisations } = await (await page.request.get("/api/organisations")).json();
  const { items } = await (await page.request.get(`/api/returns?quarterId=${open}`)).json();
  await visit(page, "/completeness");
  await visit(page, `/completeness/chase/${organisations[0].id}?quarter=${open}`);
  await visit(page, `/completeness/chase-all?quarter=${open}&scope=outstanding`);
  await visit(page, `/returns/${items[0].indicator.id}/${open}`);
  await visit(page, "/audit");
  await visit(page, "/report");
});

test("the admin's pages", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  const { open, closed, year } = await ids(page);
  const { organisations } = await (await page.request.get("/api/organisations")).json();
  const { users } = await (await page.request.get("/api/users")).json();
  const framework = await (await page.request.get(`/api/years/${year}/framework`)).json();
  for (const url of [
    "/quarters",
    `/quarters/${open}/sign-off`,
    `/quarters/${closed}/reopen`,
    "/quarters/new-year",
    `/framework?year=${year}`,
    `/framework/priorities/${framework.priorities[0].id}?year=${year}`,
    `/framework/indicators/${framework.priorities[3].indicators[0].id}?year=${year}`,
    "/users",
    "/users/new",
    `/users/${users[0].id}`,
    "/organisations",
    `/organisations/${organisations[0].id}`,
    "/report/import",
  ]) {
    await visit(page, url);
  }
});

test("the forms work at 400% zoom, without scrolling sideways", async ({ page }) => {
  // 400% zoom of a 1280-pixel-wide window: 320 CSS pixels.
  await page.setViewportSize({ width: 320, height: 640 });
  const noSidewaysScroll = async (what: string) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth), what).toBeLessThanOrEqual(320);
  await page.goto("/sign-in");
  await noSidewaysScroll("sign-in");
  await signIn(page, "police@demo.test");
  await noSidewaysScroll("my returns");
  await page.getByRole("link", { name: "Monitor the repeat incident rate for domestic abuse in a rolling 12 month period" }).click();
  await expect(page.getByLabel("Repeat incident rate, rolling 12 months")).toBeVisible();
  await noSidewaysScroll("return form");
  await page.getByLabel("Repeat incident rate, rolling 12 months").fill("40.1");
  await expect(page.getByTestId("save-status")).toHaveText(/Saved at/);
});

test("the manager chases an organisation with the keyboard alone", async ({ page }) => {
  await signIn(page, "manager@demo.test");
  await tabTo(page, { text: "Remind SBC Public Health" });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "SBC Public Health" })).toBeVisible();
  await tabTo(page, { text: "Send reminder" });
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("chase-result")).toContainText("Reminder sent");
  await signOut(page);
});
