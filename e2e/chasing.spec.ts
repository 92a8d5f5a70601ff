import { expect, test } from "@playwright/test";
import { mailCatcherUrl } from "../playwright.config.ts";
import { signIn, signOut, submitReturn } from "./support.ts";

test("the manager sees who is missing what, chases the fire brigade by email and sees it in the history", async ({ page, request }) => {
  await signIn(page, "manager@demo.test");
  await expect(page.getByRole("heading", { level: 1, name: "Completeness" })).toBeVisible();

  const headline = page.getByTestId("headline");
  await expect(headline).toContainText("Completeness");
  await expect(headline).toContainText("of 22 returns in");

  const fire = page.getByTestId("organisation-Fire");
  await expect(fire.getByRole("rowheader")).toContainText("Cleveland Fire Brigade");
  await expect(fire.getByTestId("last-chase")).toHaveText("Not reminded yet");

  await page.getByLabel("Outstanding only").check();
  await page.getByLabel("Organisation").selectOption({ label: "Cleveland Fire Brigade" });
  await expect(page.locator("tr[data-testid^='organisation-']")).toHaveCount(1);
  const outstandingRefs = await fire.locator(".app-cell__ref").allTextContents();
  expect(outstandingRefs.length).toBeGreaterThan(0);

  await fire.getByRole("link", { name: "Remind Cleveland Fire Brigade" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cleveland Fire Brigade" })).toBeVisible();
  await expect(page.getByTestId("outstanding").locator("li strong")).toHaveText(outstandingRefs.map((ref) => `${ref} `));
  await page.getByLabel("Message").fill((await page.getByLabel("Message").inputValue()).replace("Thank you,", "Thank you for your help,"));
  await page.getByRole("button", { name: "Send reminder" }).click();

  await expect(page.getByTestId("chase-result")).toContainText("Reminder sent");
  await expect(page.getByTestId("chase-history")).toContainText("fire@demo.test");
  await expect(page.getByTestId("chase-history")).toContainText("Sent");

  const mail = (await (await request.get(mailCatcherUrl)).json()).find((message: { to: string }) => message.to === "fire@demo.test");
  expect(mail.subject).toMatch(/^Q4 2019\/20 performance returns: \d+ returns? outstanding for Cleveland Fire Brigade$/);
  expect([...mail.text.matchAll(/^- (\d\.\d) /gm)].map((match: RegExpMatchArray) => match[1])).toEqual(outstandingRefs);
  expect(mail.text).toContain("Thank you for your help,");

  await page.getByRole("link", { name: "Back to completeness" }).click();
  await expect(page.getByTestId("organisation-Fire").getByTestId("last-chase")).toHaveText(/^Reminded \d{1,2} \w{3}$/);

  // Reminding them again within a day is a choice, said in plain words.
  await page.getByRole("button", { name: "Remind everyone with outstanding returns" }).click();
  await expect(page.getByTestId("preview-Fire")).toContainText("Not included: reminded in the last 24 hours");
  await expect(page.getByTestId("preview-Fire").getByLabel("Send another reminder to Cleveland Fire Brigade")).not.toBeChecked();
});

test("the manager queries a submitted figure and the owner sees the query", async ({ page }) => {
  await signIn(page, "cps@demo.test");
  await page.getByRole("link", { name: "Monitor the number of ASB repeat callers to SBC" }).click();
  await page.locator("[id='values.repeatCallers']").fill("9");
  // Q3 had 1: the owner confirms the figure.
  await page.getByLabel("Yes, this figure is right").check();
  await submitReturn(page);
  await expect(page.getByText("4.3 is in. Thank you.")).toBeVisible();
  await signOut(page);

  await signIn(page, "manager@demo.test");
  await page.getByRole("link", { name: "Monitor the number of ASB repeat callers to SBC" }).click();
  await page.getByText("Query a figure").click();
  await page.getByLabel("About").selectOption({ label: "ASB repeat callers" });
  await page.getByLabel("Your question").fill("Is 9 right? Q3 was 1.");
  await page.getByRole("button", { name: "Send query" }).click();
  await expect(page.getByText("Chris Manning asked on")).toContainText("about ASB repeat callers: “Is 9 right? Q3 was 1.”");
  await page.getByRole("link", { name: "Back to completeness" }).click();
  await expect(page.getByTestId("organisation-CPS").getByRole("link", { name: /^4\.3 / })).toContainText("Query");
  await signOut(page);

  // The owner's home lists the queries to answer before anything else.
  await signIn(page, "cps@demo.test");
  await expect(page.locator("main h2, main caption").first()).toHaveText("Queries to answer");
  await expect(page.getByRole("listitem").filter({ hasText: "“Is 9 right? Q3 was 1.”" })).toContainText("Answer the query on 4.3");
  await expect(page.getByRole("row", { name: /4\.3/ })).toContainText("Query open");
  await page.getByRole("link", { name: "Answer the query on 4.3" }).click();
  await expect(page.getByText("“Is 9 right? Q3 was 1.”")).toBeVisible();
});
