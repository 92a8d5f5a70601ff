import { expect, test } from "@playwright/test";
import { signIn, signOut, trySignIn } from "./support.ts";

test("the app opens on its sign-in page", async ({ page }) => {
  await page.goto("/");

  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page).toHaveTitle("Sign in – Quarterly Returns");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(page.getByLabel("Email address")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("type", "password");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("signing in with nothing entered says what is missing, GOV.UK style", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();

  const summary = page.locator(".govuk-error-summary");
  await expect(summary.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(summary).toBeFocused();
  await summary.getByRole("link", { name: "Enter an email address" }).click();
  await expect(page.getByLabel("Email address")).toBeFocused();
  await expect(page.getByText("Error: Enter your password")).toBeVisible();
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await trySignIn(page, "crc@demo.test", "not-my-password");
  await expect(page.locator(".govuk-error-summary")).toContainText("The email address or password is not right.");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("repeated wrong passwords slow the next attempt down for a while, never lock the account", async ({ page }) => {
  test.setTimeout(60_000);
  // CPS's owner is nobody else's sign-in after this file, so the wait touches no other journey.
  const summary = page.locator(".govuk-error-summary");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await trySignIn(page, "cps@demo.test", `wrong-password-${attempt}`);
    await expect(summary).toContainText("The email address or password is not right.");
  }
  await trySignIn(page, "cps@demo.test");
  await expect(summary).toContainText(/Too many failed sign-ins for this email address from your network\. Wait 1[0-5] seconds, then try again\./);

  await page.waitForTimeout(15_000);
  await signIn(page, "cps@demo.test");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("a data owner signs in to their own organisation's returns only, then signs out", async ({ page }) => {
  await signIn(page, "iom@demo.test");

  await expect(page).toHaveURL(/\/returns$/);
  await expect(page.getByRole("heading", { level: 1, name: "My returns" })).toBeVisible();
  const header = page.locator("header");
  await expect(header).toContainText("Zoe Green");
  await expect(header).toContainText("Cleveland Police IOM Unit");
  const menu = page.getByRole("navigation", { name: "Menu" });
  await expect(menu.getByRole("link")).toHaveText(["My returns", "Report"]);

  await expect(page.getByText(/Returns for Q4 2019\/20 are due by/)).toBeVisible();
  await expect(page.getByTestId("progress")).toHaveText("0 of 2 done");
  const rows = page.locator("tbody tr");
  await expect(rows.locator("td:first-child")).toHaveText(["1.1", ""]);
  await expect(rows.nth(1)).toContainText("Monitor the average number of re-offences");
  await expect(page.getByText("% of positive completions")).toHaveCount(0);

  await page.getByLabel("Quarter").selectOption({ label: "Q2 2019/20 (signed off)" });
  await expect(page.getByText("Signed off on 13 Nov 2019 by Jo Adams")).toBeVisible();
  await expect(rows.nth(0)).toContainText("Submitted");
  await expect(rows.nth(1)).toContainText("No data provided");

  await signOut(page);
  await expect(page.getByText("You have signed out.")).toBeVisible();
  await page.goto("/returns");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Freturns/);
});

test("each role lands on its own home with its own menu", async ({ page }) => {
  await signIn(page, "manager@demo.test");
  await expect(page.getByRole("heading", { level: 1, name: "Completeness" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Menu" }).getByRole("link")).toHaveText(["Completeness", "Report", "Audit log"]);
  await expect(page.getByTestId("organisation-CPS")).toContainText("4.1");
  await signOut(page);

  await signIn(page, "admin@demo.test");
  await expect(page.getByRole("heading", { level: 1, name: "Quarters" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Menu" }).getByRole("link")).toHaveText([
    "Completeness", "Quarters", "Framework", "Users", "Organisations", "Report", "Audit log",
  ]);
  await expect(page.getByRole("table", { name: "2019/20" }).locator("tbody tr")).toHaveCount(4);
});

test("a page that does not exist says so", async ({ page }) => {
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
});
