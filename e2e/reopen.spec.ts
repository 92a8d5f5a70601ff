import { expect, test, type Page } from "@playwright/test";
import { secondFactorCode, signIn, signOut } from "./support.ts";

/** The demo's Q4 2019/20 (the sign-off journey before this one starts 2020/21, whose Q1 is then the open quarter). */
async function q4Id(page: Page): Promise<number> {
  const { quarters } = await (await page.request.get("/api/quarters")).json();
  return quarters.find((quarter: { name: string }) => quarter.name === "Q4 2019/20").id;
}

async function signOffQ4(page: Page) {
  await page.goto("/quarters");
  await page.getByTestId("quarter-Q4 2019/20").getByRole("link", { name: "Sign off Q4 2019/20" }).click();
  await expect(page.getByTestId("sign-off-warnings")).toContainText("will be recorded as “No data provided”");
  await page.getByLabel("Your password").fill("demo1234");
  await page.getByLabel("Code from your authenticator app").fill(await secondFactorCode("admin@demo.test"));
  await page.getByRole("button", { name: "Sign off Q4 2019/20" }).click();
  await expect(page.getByRole("heading", { name: "Q4 2019/20 is signed off" })).toBeVisible();
}

// The admin stays signed in while the others look in browsers of their own: each sign-in of the
// admin, and each sign-off, takes an authenticator code of a 30-second step not used before.
test("after a reopening the manager can chase the organisations again", async ({ page, browser, baseURL }) => {
  await signIn(page, "admin@demo.test");
  await signOffQ4(page);
  await page.goto("/quarters");
  await page.getByTestId("quarter-Q4 2019/20").getByRole("link", { name: "Reopen Q4 2019/20" }).click();
  await page.getByLabel("The whole quarter").check();
  await page.getByLabel("Why is it being reopened?").fill("Youth offending figures arrived late");
  await page.getByRole("button", { name: "Reopen the quarter" }).click();
  await expect(page.getByTestId("quarter-Q4 2019/20")).toContainText(/Reopened on .* by Jo Adams: Youth offending figures arrived late/);

  const manager = await browser.newPage({ baseURL });
  await signIn(manager, "manager@demo.test");
  await manager.goto(`/completeness?quarter=${await q4Id(manager)}`);
  await expect(manager.getByRole("heading", { level: 1, name: "Completeness" })).toBeVisible();
  await expect(manager.getByText("Returns for Q4 2019/20 are due by")).toBeVisible();
  const yot = manager.getByTestId("organisation-YOT");
  await expect(yot).toContainText(/\d+ outstanding/);
  await yot.getByRole("link", { name: "Remind SBC Youth Offending Team" }).click();
  await expect(manager.getByRole("heading", { level: 1, name: "SBC Youth Offending Team" })).toBeVisible();
  await expect(manager.getByTestId("outstanding").locator("li").first()).toBeVisible();
  await manager.close();
});

test("the admin reopens one organisation's returns: only theirs can change, until they are signed off again", async ({ page, browser, baseURL }) => {
  await signIn(page, "admin@demo.test");
  await signOffQ4(page);
  await page.goto("/quarters");
  const q4 = page.getByTestId("quarter-Q4 2019/20");
  await q4.getByRole("link", { name: "Reopen Q4 2019/20" }).click();
  await page.getByLabel("One organisation’s returns").check();
  await page.getByRole("button", { name: "Reopen their returns" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Choose the organisation whose returns are to be reopened");
  await page.getByLabel("Organisation", { exact: true }).selectOption({ label: "Cleveland Fire Brigade" });
  await page.getByLabel("Why is it being reopened?").fill("Fire figures corrected");
  await page.getByRole("button", { name: "Reopen their returns" }).click();
  await expect(q4).toContainText("Partly reopened");
  await expect(q4).toContainText(/Reopened for Cleveland Fire Brigade on .* by Jo Adams: Fire figures corrected/);

  const owner = await browser.newPage({ baseURL });
  await signIn(owner, "fire@demo.test");
  await owner.goto(`/returns?quarter=${await q4Id(owner)}`);
  await expect(owner.getByText("Some of its returns are reopened for changes.")).toBeVisible();
  await owner.getByRole("link", { name: /Deliberate/ }).first().click();
  await expect(owner.getByTestId("reopened")).toContainText(/Reopened on .* by Jo Adams: Fire figures corrected\. You can change it until it is signed off again\./);
  await expect(owner.getByRole("button", { name: "Continue" })).toBeVisible();
  await signOut(owner);

  await signIn(owner, "crc@demo.test");
  await owner.goto(`/returns?quarter=${await q4Id(owner)}`);
  await owner.getByRole("link", { name: "% of offenders released from prison with settled accommodation" }).click();
  await expect(owner.getByTestId("locked")).toContainText("this return can no longer be changed");
  await owner.close();

  await page.goto("/quarters");
  await q4.getByRole("link", { name: /Sign off again/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign off the reopened returns of Q4 2019/20" })).toBeVisible();
  await expect(page.getByTestId("reopened-parts")).toContainText("Cleveland Fire Brigade");
  await page.getByLabel("Your password").fill("demo1234");
  await page.getByLabel("Code from your authenticator app").fill(await secondFactorCode("admin@demo.test"));
  await page.getByRole("button", { name: "Sign off the reopened returns" }).click();
  await expect(page.getByRole("heading", { name: "The reopened returns of Q4 2019/20 are signed off again" })).toBeVisible();
  await page.getByRole("link", { name: "Back to quarters" }).click();
  await expect(q4).not.toContainText("Partly reopened");
  await expect(q4).toContainText(/Fire figures corrected\. Signed off again on .* by Jo Adams\./);
});
