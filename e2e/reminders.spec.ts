import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signIn } from "./support.ts";

test("the manager changes the days reminders go out, with the problems named on the form", async ({ page }) => {
  await signIn(page, "manager@demo.test");
  await expect(page.getByRole("heading", { level: 1, name: "Completeness" })).toBeVisible();
  await page.getByRole("link", { name: "Reminder schedule" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reminder schedule" })).toBeVisible();

  const schedule = page.getByTestId("reminder-schedule");
  await expect(schedule.getByRole("caption")).toHaveText("The usual days");
  await expect(schedule.locator("tbody tr td:nth-child(2)")).toHaveText([
    "When the quarter opens (the day after it ends)",
    "7 days before the due date",
    "On the due date",
    "3 days after the due date",
  ]);
  // The journeys' server sends none, and says so.
  await expect(page.getByText("Automatic reminders are switched off on this server")).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(violations.map((violation) => violation.id)).toEqual([]);

  const second = page.getByRole("group", { name: "Reminder 2" });
  const day = await second.getByLabel("Day").inputValue();
  await second.getByLabel("Day").fill("32");
  await page.getByRole("button", { name: "Save the schedule" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toContainText("Reminder 2 must be a real date, like 14 4 2020");
  await summary.getByRole("link", { name: "Reminder 2 must be a real date, like 14 4 2020" }).click();
  await expect(second.getByLabel("Day")).toBeFocused();

  await second.getByLabel("Day").fill(day);
  await page.getByRole("button", { name: "Remove reminder 1" }).click();
  await page.getByRole("button", { name: "Save the schedule" }).click();
  await expect(page.getByTestId("schedule-saved")).toContainText("The reminder schedule is saved.");
  await expect(schedule.getByRole("caption")).toHaveText("The days you set");
  await expect(schedule.locator("tbody tr td:nth-child(2)")).toHaveText(["7 days before the due date", "On the due date", "3 days after the due date"]);
  await expect(schedule.locator("tbody tr td:nth-child(3)")).toHaveText(["Not yet", "Not yet", "Not yet"]);

  await page.reload();
  await expect(page.getByRole("group", { name: /^Reminder \d$/ })).toHaveCount(3);
});
