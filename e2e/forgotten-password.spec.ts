import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { mailCatcherUrl } from "../playwright.config.ts";
import { signIn, signInApi } from "./support.ts";

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const EMAIL = "aisha.khan@yot.example";

async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  expect(violations.map((violation) => violation.id)).toEqual([]);
}

/** A data owner of the journey's own, so that no other journey's password changes. */
async function addDataOwner(request: APIRequestContext) {
  await signInApi(request, "admin@demo.test");
  const { organisations } = await (await request.get("/api/organisations")).json();
  const yot = organisations.find((organisation: { shortName: string }) => organisation.shortName === "YOT");
  const added = await request.post("/api/users", { data: { name: "Aisha Khan", email: EMAIL, role: "DATA_OWNER", organisationId: yot.id } });
  expect(added.status()).toBe(201);
  await request.post("/api/auth/logout", { data: {} });
}

test("a data owner who has forgotten their password has a link e-mailed, chooses a new password with it and signs in", async ({ page, request }) => {
  await addDataOwner(request);

  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgotten your password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Forgotten your password?" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Email address").fill(EMAIL);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  await expect(page.locator("main")).toContainText(`If ${EMAIL} has an account, we have sent a link to it to choose a new password. The link works once, for 30 minutes.`);

  const mailTo = async () => (await (await request.get(mailCatcherUrl)).json()).find((message: { to: string }) => message.to === EMAIL);
  await expect.poll(mailTo).toBeTruthy();
  const mail = await mailTo();
  expect(mail.subject).toBe("Choose a new password for Quarterly Returns");
  const link = /^(http\S+\/reset-password\?token=\S+)$/m.exec(mail.text)![1]!;

  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await expect(page.locator("main")).toContainText(`For ${EMAIL}.`);
  await page.getByLabel("New password", { exact: true }).fill("password1234");
  await page.getByLabel("New password again").fill("password1234");
  await page.getByRole("button", { name: "Save password" }).click();
  await expect(page.locator(".govuk-error-summary")).toContainText("Your password is one of the most common passwords");
  await expectAccessible(page);
  await page.getByLabel("New password", { exact: true }).fill("amber harbour thistle");
  await page.getByLabel("New password again").fill("amber harbour thistle");
  await page.getByRole("button", { name: "Save password" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Your password has been changed" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await signIn(page, EMAIL, "amber harbour thistle");
  await expect(page.getByRole("heading", { level: 1, name: "My returns" })).toBeVisible();

  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "This link has already been used" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/forgotten-password");
});
