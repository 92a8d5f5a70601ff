import { expect, test } from "@playwright/test";

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
  await summary.getByRole("link", { name: "Enter your email address" }).click();
  await expect(page.getByLabel("Email address")).toBeFocused();
  await expect(page.getByText("Error: Enter your password")).toBeVisible();
});

test("a page that does not exist says so", async ({ page }) => {
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
});
