import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signIn, signOut, trySignIn } from "./support.ts";

test("an admin adds a user, who signs in with the temporary password and must choose their own", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Users" }).click();
  await page.getByRole("button", { name: "Add a user" }).click();

  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter the person's name");

  await page.getByLabel("Full name").fill("Priya Shah");
  await page.getByLabel("Email address").fill("priya.shah@stockton.example");
  await page.getByLabel("Data owner").check();
  await page.getByLabel("Organisation").selectOption({ label: "SBC Youth Offending Team" });
  await page.getByRole("button", { name: "Add user" }).click();

  await expect(page.getByRole("heading", { name: "Priya Shah can now sign in" })).toBeVisible();
  const temporaryPassword = (await page.getByTestId("temporary-password").textContent())!.trim();
  expect(temporaryPassword).toMatch(/^\w{4}-\w{4}-\w{4}$/);
  await page.getByRole("link", { name: "Back to users" }).click();
  await expect(page.getByRole("row", { name: /Priya Shah/ })).toContainText("Temporary password");
  await signOut(page);

  await trySignIn(page, "priya.shah@stockton.example", temporaryPassword);
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await page.goto("/returns");
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();

  await page.getByLabel("Temporary password").fill(temporaryPassword);
  await page.getByLabel("New password", { exact: true }).fill("PriyaShah2024");
  await page.getByLabel("New password again").fill("PriyaShah2024");
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Your password must not contain your name or email address");

  await page.getByLabel("New password", { exact: true }).fill("blue kettle winter");
  await page.getByLabel("New password again").fill("blue kettle winter");
  await page.getByRole("button", { name: "Save password" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "My returns" })).toBeVisible();
  await expect(page.locator("header")).toContainText("SBC Youth Offending Team");
  await expect(page.locator("tbody tr td:first-child")).toHaveText(["1.6"]);
});

test("an admin's page of a data owner shows their organisation", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.goto("/users");
  await page.getByRole("link", { name: "Maria Watson" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Maria Watson" })).toBeVisible();
  await expect(page.getByLabel("Data owner")).toBeChecked();
  await expect(page.getByLabel("Organisation").locator("option:checked")).toHaveText("Cleveland Fire Brigade");

  // Saving keeps it.
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Organisation").locator("option:checked")).toHaveText("Cleveland Fire Brigade");
});

test("an admin deactivates a user after saying why, and the user can then no longer sign in", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.goto("/users");
  await page.getByRole("link", { name: "Becky Childs" }).click();
  await page.getByRole("button", { name: "Deactivate" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Deactivate Becky Childs's account?" })).toBeFocused();
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Becky Childs" })).toBeVisible();
  await expect(page.getByLabel("Organisation").locator("option:checked")).toHaveText("Office of the PCC");

  await page.getByRole("button", { name: "Deactivate" }).click();
  await page.getByRole("button", { name: "Deactivate account" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Say why the account is being deactivated");
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(violations.map((violation) => violation.id)).toEqual([]);
  await page.getByLabel("Why are you deactivating this account?").fill("Left the Office of the PCC in November");
  await page.getByRole("button", { name: "Deactivate account" }).click();
  await expect(page.getByText("This account is deactivated: Becky Childs cannot sign in.")).toBeVisible();
  await signOut(page);

  await trySignIn(page, "pcc@demo.test");
  await expect(page.locator(".govuk-error-summary")).toContainText("This account has been deactivated.");
});

test("the audit log says what happened in words, with sign-ins shown only when asked", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Audit log" }).click();
  const what = page.locator("tbody tr td:nth-child(3)");
  await expect(what.first()).toBeVisible();
  await expect(page.getByRole("cell", { name: /^Signed in/ })).toHaveCount(0);
  await expect(page.locator("tbody")).not.toContainText(/\b(auth|return|user|quarter)\.[a-z-]+/);

  await page.getByLabel("Show sign-ins, sign-outs and password changes").check();
  await expect(page.getByRole("cell", { name: /^Signed in/ }).first()).toBeVisible();
  await expect(page).toHaveURL(/signIns=shown/);

  await page.getByLabel("Action").selectOption({ label: "Deactivated a user" });
  const deactivated = page.getByRole("row").filter({ hasText: "Deactivated a user" });
  await expect(deactivated).toHaveCount(1);
  await expect(deactivated.getByTestId("reason")).toHaveText("Reason: Left the Office of the PCC in November");
  await expect(deactivated).toContainText("Jo Adams");
});

test("an admin edits an organisation's contact", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Organisations" }).click();
  await page.getByRole("link", { name: "Cleveland Police", exact: true }).click();
  await page.getByLabel("Contact name (optional)").fill("DI Sam Patel");
  await page.getByLabel("Contact email address (optional)").fill("not-an-email");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter an email address in the correct format");
  await page.getByLabel("Contact email address (optional)").fill("sam.patel@cleveland.example");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("row", { name: /Cleveland Police Police/ })).toContainText("DI Sam Patel");
});
