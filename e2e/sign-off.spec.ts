import { expect, test } from "@playwright/test";
import { secondFactorCode, signIn, signOut, tabTo } from "./support.ts";

test("the admin signs off Q4 with their password and second factor, the owner sees it locked, and the admin reopens it", async ({ page, browser, baseURL }) => {
  await signIn(page, "admin@demo.test");
  const q4 = page.getByTestId("quarter-Q4 2019/20");
  await q4.getByRole("link", { name: "Sign off Q4 2019/20" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Sign off Q4 2019/20" })).toBeVisible();
  await expect(page.getByTestId("sign-off-counts")).toContainText("Submitted");
  const toRecord = page.getByTestId("not-provided").locator("tbody tr");
  expect(await toRecord.count()).toBeGreaterThan(0);
  await expect(page.getByRole("heading", { name: /outstanding returns will be recorded as “No data provided”/ })).toBeVisible();

  await page.getByLabel("Your password").fill("wrong password");
  await page.getByRole("button", { name: "Sign off Q4 2019/20" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("That is not your password. The quarter has not been signed off.");

  await page.getByLabel("Your password").fill("demo1234");
  await page.getByRole("button", { name: "Sign off Q4 2019/20" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter the 6-digit code from your authenticator app to sign off");
  await page.getByLabel("Code from your authenticator app").fill("000000");
  await page.getByRole("button", { name: "Sign off Q4 2019/20" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("That code is not right.");
  await page.getByLabel("Code from your authenticator app").fill("");

  // The admin's main task, signed with the keyboard alone.
  await page.getByLabel("Your password").fill("");
  await page.keyboard.press("Shift+Tab");
  await tabTo(page, { id: "password" });
  await page.keyboard.type("demo1234");
  await tabTo(page, { id: "code" });
  await page.keyboard.type(await secondFactorCode("admin@demo.test"));
  await tabTo(page, { text: "Sign off Q4 2019/20" });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Q4 2019/20 is signed off" })).toBeVisible();
  await page.getByRole("link", { name: "Back to quarters" }).click();
  await expect(q4).toContainText("Signed off");
  await expect(q4).toContainText("by Jo Adams");

  // The owner looks in their own browser, so the admin stays signed in (each sign-in takes a new
  // authenticator code, and a code's 30 seconds are spent by now).
  const owner = await browser.newPage({ baseURL });
  await signIn(owner, "crc@demo.test");
  await expect(owner.getByText(/Signed off on .* by Jo Adams\. Its figures can no longer be changed\./)).toBeVisible();
  await owner.getByRole("link", { name: "% of offenders released from prison with settled accommodation" }).click();
  await expect(owner.getByTestId("locked")).toContainText("Q4 2019/20 was signed off on");
  await expect(owner.getByTestId("locked")).toContainText("by Jo Adams: this return can no longer be changed.");
  await expect(owner.getByRole("button", { name: "Submit" })).toHaveCount(0);
  await signOut(owner);
  await owner.close();

  await page.goto("/quarters");
  await q4.getByRole("link", { name: "Reopen Q4 2019/20" }).click();
  await page.getByRole("button", { name: "Reopen the quarter" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Choose what needs to be reopened");
  await page.getByLabel("The whole quarter").check();
  await page.getByRole("button", { name: "Reopen the quarter" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Say why the quarter is being reopened");
  await page.getByLabel("Why is it being reopened?").fill("Fire brigade figures corrected after sign-off");
  await page.getByRole("button", { name: "Reopen the quarter" }).click();
  await expect(q4).toContainText("Open");
  await expect(q4).toContainText("Reopened");
  await expect(q4).toContainText("Fire brigade figures corrected after sign-off");

  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Quarter").selectOption({ label: "Q4 2019/20" });
  await page.getByLabel("Action").selectOption({ label: "Reopened a quarter" });
  await expect(page.getByTestId("audit-total")).toHaveText("1 events");
  await expect(page.getByRole("cell", { name: /^Reopened a quarter/ })).toBeVisible();
  await page.getByText("Before and after").click();
  await expect(page.getByText(/"reason": "Fire brigade figures corrected after sign-off"/)).toBeVisible();
});

test("the admin adds an indicator while Q1–Q3 are signed off: it starts in Q4, and the Q3 report stays as it was", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Framework" }).click();
  await page.getByRole("link", { name: "% of positive completions of Community Orders and Suspended Sentence orders" }).click();
  await expect(page.getByText(/This indicator is in the signed-off Q1–Q3 2019\/20 report, so its wording, owner and fields are fixed/)).toBeVisible();
  await expect(page.getByLabel("What it monitors")).toBeDisabled();
  await page.getByRole("link", { name: "Back to the framework" }).click();

  await page.getByRole("link", { name: "Add an indicator to priority 4" }).click();
  await page.getByLabel("Ref (optional)").fill("4.7");
  await page.getByLabel("What it monitors").fill("Deliberate secondary fires");
  await page.getByLabel("Owner").selectOption({ label: "Cleveland Fire Brigade" });
  await page.getByRole("button", { name: "Add indicator" }).click();
  await expect(page.getByRole("row", { name: /Deliberate secondary fires/ })).toContainText("From Q4");

  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Report" }).click();
  await expect(page.getByRole("row", { name: /Deliberate secondary fires/ })).toBeVisible();
  await page.getByLabel("Quarters").selectOption({ label: "Up to Q3 2019/20 (signed off)" });
  await expect(page.getByText("As it stood at the end of Q3 2019/20.")).toBeVisible();
  await expect(page.getByRole("row", { name: /Deliberate secondary fires/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Download the figures (CSV)" })).toHaveAttribute("href", /\.csv\?quarter=3$/);
});

test("the admin starts 2020/21 and retires a field in its framework", async ({ page }) => {
  await signIn(page, "admin@demo.test");
  await page.getByRole("button", { name: "Start the next year" }).click();
  await expect(page.getByLabel("Year", { exact: true })).toHaveValue("2020/21");
  await expect(page.getByLabel("First day of the year")).toHaveValue("2020-04-01");
  await page.getByRole("button", { name: "Create 2020/21" }).click();
  await expect(page.getByRole("heading", { name: "2020/21 is ready to edit" })).toContainText("2020/21");
  // The demo's 22 and the one added for Q4 above.
  await expect(page.getByText("23 indicators copied from 2019/20")).toBeVisible();

  await page.getByRole("link", { name: "Edit the 2020/21 framework" }).click();
  await expect(page.getByLabel("Year")).toHaveValue(/\d+/);
  await page.getByRole("link", { name: /Reduce Deliberate F1/ }).click();
  const commercial = page.getByTestId("field-commercial");
  await commercial.getByLabel("Retired: no longer asked for").check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("row", { name: /4\.5/ })).toContainText("c. Deliberate industrial & commercial premises fires (retired)");

  await page.goto("/quarters");
  await expect(page.getByTestId("quarter-Q1 2020/21")).toContainText("Not open yet");
  await page.getByRole("button", { name: "Open Q1 2020/21 for entry" }).click();
  await expect(page.getByTestId("quarter-Q1 2020/21")).toContainText("Open");
});
