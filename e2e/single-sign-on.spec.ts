import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { oidcIssuer, SINGLE_SIGN_ON_NAME } from "../playwright.config.ts";
import { signIn } from "./support.ts";

test("a data owner signs in with their organisation's account, then signs out of the app and is offered the provider's sign-out", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 2, name: "Sign in with your organisation's account" })).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(violations.map((violation) => violation.id)).toEqual([]);

  await page.getByRole("link", { name: `Sign in with ${SINGLE_SIGN_ON_NAME}` }).click();

  // The provider's own sign-in page.
  await expect(page).toHaveURL(new RegExp(`^${oidcIssuer}/interaction/`));
  await page.locator('input[name="login"]').fill("PublicHealth@demo.test");
  await page.locator('input[name="password"]').fill("whatever the provider checks");
  await page.getByRole("button", { name: "Sign-in" }).click();

  // Back in the app, signed in: the session cookie (SameSite=Strict) arrived with the way in.
  await expect(page).toHaveURL(/\/returns$/);
  await expect(page.getByRole("heading", { level: 1, name: "My returns" })).toBeVisible();
  await expect(page.locator("header")).toContainText("Public Health");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "You have signed out of Quarterly Returns" })).toBeVisible();
  await expect(page.getByText(`You are still signed in to ${SINGLE_SIGN_ON_NAME}, which you signed in with.`)).toBeVisible();
  await expect(page.getByRole("link", { name: `Sign out of ${SINGLE_SIGN_ON_NAME}` })).toHaveAttribute("href", new RegExp(`^${oidcIssuer}/session/end`));
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  expect((await page.request.get("/api/me")).status()).toBe(401);

  await page.getByRole("link", { name: "Sign in again" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
});

test("a person the provider vouches for who has no account ends on a page that says so, with the way back", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: `Sign in with ${SINGLE_SIGN_ON_NAME}` }).click();
  await page.locator('input[name="login"]').fill("not.yet.added@demo.test");
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();

  await expect(page).toHaveURL(/\/single-sign-on\/unknown-user$/);
  await expect(page.getByRole("heading", { level: 1, name: "You do not have an account yet" })).toBeVisible();
  await expect(page).toHaveTitle("You do not have an account yet – Quarterly Returns");
  await page.getByRole("link", { name: "Go back to sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
});

test("an admin sees the operator's sign-in service read-only and adds one of their own, whose secret is never shown again", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Organisations" }).click();
  await page.getByRole("link", { name: "Single sign-on" }).click();

  const operators = page.locator(".govuk-summary-card", { hasText: SINGLE_SIGN_ON_NAME });
  await expect(operators).toContainText("Set by your operator");
  await expect(operators).toContainText(/http:\/\/127\.0\.0\.1:\d+\/api\/auth\/oidc\/test\/callback/);
  await expect(operators.getByRole("link", { name: /Change/ })).toHaveCount(0);

  await page.getByRole("link", { name: "Add a sign-in service" }).click();
  await page.getByLabel("Name on the button").fill("Cleveland Police (Microsoft)");
  await page.getByLabel("Short name").fill("police");
  await page.getByLabel("Issuer").fill("https://login.microsoftonline.com/police-tenant/v2.0");
  await page.getByLabel("Client ID").fill("police-client-id");
  await page.getByLabel("Email domains it may confirm").fill("Cleveland.police.uk, not a domain");
  await page.getByRole("button", { name: "Add sign-in service" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toContainText("Each email domain must look like stockton.gov.uk");

  await page.getByLabel("Email domains it may confirm").fill("Cleveland.police.uk");
  await page.getByRole("button", { name: "Add sign-in service" }).click();
  await expect(summary).toContainText("Enter the client secret");
  await page.getByLabel("Client secret").fill("the-police-secret");
  await page.getByRole("button", { name: "Add sign-in service" }).click();

  await expect(page.getByText("Cleveland Police (Microsoft) is saved.")).toBeVisible();
  const added = page.locator(".govuk-summary-card", { hasText: "Cleveland Police (Microsoft)" });
  await expect(added).toContainText("cleveland.police.uk");
  await expect(added).toContainText("/api/auth/oidc/police/callback");
  await expect(page.locator("main")).not.toContainText("the-police-secret");
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(violations.map((violation) => violation.id)).toEqual([]);

  await added.getByRole("link", { name: /Change/ }).click();
  await expect(page.getByLabel("Client secret")).toHaveValue("");
  await page.getByRole("button", { name: "Remove" }).click();
  await page.getByRole("button", { name: "Yes, remove Cleveland Police (Microsoft)" }).click();
  await expect(page.getByText("Cleveland Police (Microsoft) is removed.")).toBeVisible();
  await expect(page.locator(".govuk-summary-card")).toHaveCount(1);
});
