import { expect, test, type Page } from "@playwright/test";
import { signIn, signInApi, submitReturn, tabTo } from "./support.ts";

async function openReturn(page: Page, title: string | RegExp) {
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
}

test("the CRC owner completes 1.2 with the keyboard alone, fills 1.3–1.5 and reaches 4 of 4", async ({ page }) => {
  await signIn(page, "crc@demo.test");
  await expect(page.getByTestId("progress")).toHaveText("0 of 4 done");
  await openReturn(page, "% of positive completions of Community Orders and Suspended Sentence orders");

  // Keyboard only from here: Tab to each control, type, press Enter on Continue, then on Submit.
  await tabTo(page, { id: "values.positiveCompletions" });
  await page.keyboard.type("73.9%");
  await tabTo(page, { id: "commentary" });
  await page.keyboard.type("Up on last quarter.");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Continue", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Check your answers before submitting" })).toBeFocused();
  await tabTo(page, { text: "Submit" });
  await page.keyboard.press("Enter");

  await expect(page.getByText("1.2 is in. Thank you.")).toBeVisible();
  await expect(page.getByTestId("progress")).toHaveText("1 of 4 done");

  for (const [title, figure] of [
    ["% of positive completions on licenses", "91.2"],
    ["% of offenders recalled", "3.1%"],
    ["% of offenders released from prison with settled accommodation", " 80 "],
  ]) {
    await openReturn(page, title!);
    await page.locator("input[id^='values.']").fill(figure!);
    await submitReturn(page);
    await expect(page.getByText(/is in\. Thank you\./)).toBeVisible();
  }
  await expect(page.getByTestId("progress")).toHaveText("4 of 4 done");
  await expect(page.getByRole("row", { name: /1\.4/ })).toContainText("Submitted");

  await openReturn(page, "% of offenders recalled");
  await expect(page.getByText(/Submitted on .* by Paul Haley\. You can change it until the quarter is signed off\./)).toBeVisible();
  await expect(page.locator("[id='values.recalled']")).toHaveValue("3.1");
});

test("the fire brigade owner enters 4.5's breakdowns against last year and sees the changes", async ({ page }) => {
  await signIn(page, "fire@demo.test");
  await openReturn(page, /Reduce Deliberate F1/);

  const breakdowns = [
    ["dwellings", "21", "16", "Change: +5 (+31.3%)"],
    ["vehicles", "38", "45", "Change: −7 (−15.6%)"],
    ["commercial", "4", "8", "Change: −4 (−50%)"],
  ];
  for (const [key, thisYear, lastYear, changeText] of breakdowns) {
    await page.locator(`[id='values.${key}']`).fill(thisYear!);
    await page.locator(`[id='previousYear.${key}']`).fill(lastYear!);
    await expect(page.getByTestId(`change-${key}`)).toHaveText(changeText!);
  }
  await expect(page.getByTestId("save-status")).toHaveText(/Saved at \d\d:\d\d/);

  await page.locator("[id='values.vehicles']").fill("-3");
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toContainText("b. Deliberate vehicle fires cannot be negative");
  await summary.getByRole("link", { name: "b. Deliberate vehicle fires cannot be negative" }).click();
  await expect(page.locator("[id='values.vehicles']")).toBeFocused();
  await page.locator("[id='values.vehicles']").fill("38");
  await submitReturn(page);
  await expect(page.getByText("4.5 is in. Thank you.")).toBeVisible();
});

test("the YOT owner records that the figures are not available until a date", async ({ page }) => {
  await signIn(page, "yot@demo.test");
  await openReturn(page, "Reduction in youth offending");
  await page.getByLabel("No data this quarter").check();
  await page.getByLabel("Not available yet").check();
  await page.getByLabel("Day").fill("30");
  await page.getByLabel("Month").fill("2");
  await page.getByLabel("Year").fill("2027");
  await page.getByRole("button", { name: "Record no data" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter a real date");

  await page.getByLabel("Day").fill("28");
  await page.getByRole("button", { name: "Record no data" }).click();
  await expect(page.getByRole("row", { name: /1\.6/ })).toContainText("Not available yet (expected 28 Feb 2027)");
});

test("one person editing one return in two browsers: the second sees what the first saved and chooses", async ({ browser }) => {
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  for (const page of [first, second]) {
    await signIn(page, "police@demo.test");
    await openReturn(page, "Monitor the repeat incident rate for domestic abuse in a rolling 12 month period");
  }

  await first.locator("[id='values.repeatRate']").fill("42.1");
  await first.locator("[id='previousYear.repeatRate']").fill("44.7");
  await first.getByRole("button", { name: "Save draft" }).click();
  await expect(first.getByTestId("save-status")).toHaveText(/Saved at/);

  await second.locator("[id='values.repeatRate']").fill("41.0");
  await second.locator("#commentary").fill("Rolling rate to March 2020.");
  await second.getByRole("button", { name: "Save draft" }).click();

  const conflict = second.getByTestId("conflict");
  // The same person, so not "someone else".
  await expect(conflict.getByRole("heading")).toHaveText("You changed this return in another tab");
  await expect(conflict).toContainText(/You saved it at \d\d:\d\d in another tab or on another device\./);
  await expect(conflict).toContainText("Keep these: 41.0");
  await expect(conflict).toContainText("Use the other tab's: 42.1");
  await conflict.getByLabel(/Use the other tab's: 42\.1/).check();
  await conflict.getByRole("button", { name: "Use these answers" }).click();
  await expect(second.locator("[id='values.repeatRate']")).toHaveValue("42.1");
  await expect(second.locator("#commentary")).toHaveValue("Rolling rate to March 2020.");
  await submitReturn(second);
  await expect(second.getByText("2.2 is in. Thank you.")).toBeVisible();
});

test("a reload in the middle of typing keeps the input", async ({ page }) => {
  await signIn(page, "publichealth@demo.test");
  await openReturn(page, "% of successful completions of those in drug treatment for opiates");
  await page.locator("[id='values.successfulCompletions']").fill("3.4");
  await page.locator("#commentary").fill("NDTMS data as at Feb 20");
  await page.reload();

  await expect(page.getByText("We kept what you typed")).toBeVisible();
  await expect(page.locator("[id='values.successfulCompletions']")).toHaveValue("3.4");
  await expect(page.locator("#commentary")).toHaveValue("NDTMS data as at Feb 20");
});

test("a signed-off quarter's return is read-only and says why", async ({ page }) => {
  await signIn(page, "crc@demo.test");
  await page.getByLabel("Quarter").selectOption({ label: "Q2 2019/20 (signed off)" });
  await openReturn(page, "% of offenders recalled");
  await expect(page.getByTestId("locked")).toHaveText("Q2 2019/20 was signed off on 13 Nov 2019 by Jo Adams: this return can no longer be changed.");
  await expect(page.getByText("Not available yet (expected 28 Oct 2019)", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: /^(Continue|Submit)/ })).toHaveCount(0);
});

test("a signed-off return keeps the report's own words: “No update provided”", async ({ page }) => {
  await signIn(page, "publichealth@demo.test");
  await page.getByLabel("Quarter").selectOption({ label: "Q2 2019/20 (signed off)" });
  await openReturn(page, "Monitoring the development of the Alcohol Strategy Group");
  const answers = page.locator(".govuk-summary-list");
  await expect(answers.getByRole("definition").filter({ hasText: /^No data provided$/ })).toBeVisible();
  await expect(answers.getByRole("definition").filter({ hasText: /^No update provided$/ })).toBeVisible();
});

test("the owner sees the manager's query on a figure and answers it", async ({ page, playwright, baseURL }) => {
  await signIn(page, "fire@demo.test");
  await openReturn(page, "Reduce deliberate small / nuisance / ASB fires (F3 fires)");
  await page.locator("[id='values.fires']").fill("230");
  await page.locator("[id='previousYear.fires']").fill("161");
  await submitReturn(page);
  await expect(page.getByText("4.6 is in. Thank you.")).toBeVisible();

  const manager = await playwright.request.newContext({ baseURL });
  await signInApi(manager, "manager@demo.test");
  const { quarters } = await (await manager.get("/api/quarters")).json();
  const open = quarters.find((quarter: { status: string }) => quarter.status === "OPEN");
  const { items } = await (await manager.get(`/api/returns?quarterId=${open.id}`)).json();
  const f3 = items.find((item: { indicator: { ref: string } }) => item.indicator.ref === "4.6");
  const raised = await manager.post(`/api/returns/${f3.indicator.id}/${open.id}/queries`, { data: { fieldKey: "fires", text: "Is 230 right? Last year was 161." } });
  expect(raised.status()).toBe(201);

  await page.reload();
  await expect(page.getByRole("row", { name: /4\.6/ })).toContainText("Query open");
  await openReturn(page, "Reduce deliberate small / nuisance / ASB fires (F3 fires)");
  await expect(page.getByText("Chris Manning asked on")).toContainText("“Is 230 right? Last year was 161.”");
  await page.getByLabel("Your answer").fill("Yes: a rise in grass fires in the hot spell.");
  await page.getByRole("button", { name: "Send answer" }).click();
  await expect(page.getByText(/Answered by Maria Watson on .*: “Yes: a rise in grass fires in the hot spell\.”/)).toBeVisible();
});
