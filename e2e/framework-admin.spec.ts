// The admin adds an indicator (it goes after the last of its priority, its headline chosen from
// its fields), then retires it, saying why; the audit log keeps the reason.
import { expect, test } from "@playwright/test";
import { signIn } from "./support.ts";

const TITLE = "Hate incidents reported by schools";

test("an added indicator is listed last in its priority, and retiring it asks why", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Framework" }).click();
  await page.getByRole("link", { name: "Add an indicator to priority 2" }).click();
  await expect(page.getByLabel("Order in the priority")).toHaveCount(0);
  await page.getByLabel("What it monitors").fill(TITLE);
  await page.getByLabel("Owner").selectOption({ label: "Cleveland Police" });
  await page.getByRole("button", { name: "Add a field" }).click();
  await page.getByLabel("Key").fill("incidents");
  await page.getByLabel("Label").fill("Incidents reported by schools");
  await page.getByLabel("Headline figure (optional)").selectOption({ label: "Incidents reported by schools" });
  await page.getByRole("button", { name: "Add indicator" }).click();

  const priority = page.getByRole("table", { name: "Indicators of priority 2" });
  await expect(priority.locator("tbody tr").last()).toContainText(TITLE);

  await priority.getByRole("link", { name: TITLE }).click();
  await expect(page.getByLabel("Headline figure (optional)").locator("option:checked")).toHaveText("Incidents reported by schools");
  await page.getByRole("button", { name: "Retire indicator" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Retire ${TITLE}?` })).toBeFocused();
  await page.getByRole("button", { name: "Retire indicator" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Say why the indicator is being retired");
  await page.getByLabel("Why are you retiring this indicator?").fill("Schools report these to the council instead");
  await page.getByRole("button", { name: "Retire indicator" }).click();
  await expect(priority.getByRole("row", { name: new RegExp(TITLE) })).toContainText("Retired");

  await page.goto("/audit");
  await page.getByLabel("Action").selectOption({ label: "Retired an indicator" });
  const retired = page.getByRole("row").filter({ hasText: "Retired an indicator" });
  await expect(retired).toHaveCount(1);
  await expect(retired.getByTestId("reason")).toHaveText("Reason: Schools report these to the council instead");
});
