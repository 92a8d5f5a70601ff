import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { freshCode, setUpAuthenticator, signIn, signInApi, signOut, trySignIn } from "./support.ts";

async function expectAccessible(page: Page, what: string) {
  await expect(page.locator("main"), what).not.toContainText("Loading…");
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(violations.map((violation) => `${violation.id}: ${violation.help}`), what).toEqual([]);
}

const codePage = (page: Page) => page.getByRole("heading", { level: 1, name: "Enter the code from your authenticator app" });

test("a data owner turns on an authenticator app, signs in with its code, then with a recovery code once", async ({ page }) => {
  // YOT's owner signs in in no journey after this one.
  const email = "yot@demo.test";
  await signIn(page, email);
  await page.getByRole("link", { name: "Authenticator app" }).click();
  await expect(page.getByText("You can add a second step to signing in")).toBeVisible();
  await page.getByRole("link", { name: "Set up an authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code to scan with your authenticator app" })).toBeVisible();
  await expectAccessible(page, "set-up page");

  await page.getByLabel("Code").fill("12345");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("The code must be 6 digits, like 123456");

  const { recoveryCodes } = await setUpAuthenticator(page, email);
  expect(recoveryCodes).toHaveLength(10);
  await expect(page.getByRole("heading", { level: 1, name: "My returns" })).toBeVisible();
  await signOut(page);

  await trySignIn(page, email);
  await expect(codePage(page)).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in\/code$/);
  await expectAccessible(page, "code page");
  await page.getByLabel("Code").fill(await freshCode(email));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My returns" })).toBeVisible();
  await signOut(page);

  await trySignIn(page, email);
  await expect(codePage(page)).toBeVisible();
  await page.getByText("I cannot use my authenticator app").click();
  await page.getByLabel("Code").fill(recoveryCodes[0]!);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("You signed in with a recovery code. You have 9 recovery codes left.")).toBeVisible();
  await expect(page.locator(".govuk-summary-list")).toContainText("Recovery codes left9");
  await signOut(page);

  await trySignIn(page, email);
  await expect(codePage(page)).toBeVisible();
  await page.getByLabel("Code").fill(recoveryCodes[0]!);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("The code is not right.");
});

test("an admin resets a manager's second factor, and the manager sets up an app again at their next sign-in", async ({ page, playwright, baseURL }) => {
  // The manager has set theirs up by now: at their first sign-in in this run (support.ts).
  await signInApi(await playwright.request.newContext({ baseURL }), "manager@demo.test");
  await signIn(page, "admin@demo.test");
  await page.goto("/users");
  await page.getByRole("link", { name: "Chris Manning" }).click();
  await expect(page.getByText("Authenticator app: set up.")).toBeVisible();
  await page.getByRole("button", { name: "Reset second factor" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reset Chris Manning's second factor?" })).toBeVisible();
  await page.getByRole("button", { name: "Reset second factor" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Say why their second factor is being reset");
  await page.getByLabel("Why are you resetting their second factor?").fill("Lost his phone");
  await page.getByRole("button", { name: "Reset second factor" }).click();
  await expect(page.getByText("Chris Manning's second factor is reset, and they have been signed out.")).toBeVisible();
  await expect(page.getByText("Authenticator app: not set up.")).toBeVisible();
  await signOut(page);

  // The manager is taken to set one up again, and may do nothing else first.
  await trySignIn(page, "manager@demo.test");
  await expect(page.getByRole("heading", { level: 1, name: "Set up your authenticator app" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Menu" })).toHaveCount(0);
  await page.goto("/completeness");
  await expect(page.getByRole("heading", { level: 1, name: "Set up your authenticator app" })).toBeVisible();
  await setUpAuthenticator(page, "manager@demo.test");
  await expect(page.getByRole("heading", { level: 1, name: "Completeness" })).toBeVisible();
});
