import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo1234";

/** Fills in and sends the sign-in form, whatever the outcome. */
export async function trySignIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in and waits until the app has the session. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await trySignIn(page, email, password);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
}

/** Submits the return form: Continue, then Submit on "check your answers". */
export async function submitReturn(page: Page) {
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByTestId("check-answers").getByRole("button", { name: /^Submit/ }).click();
}

/** Presses Tab until the focused element has this id or text (as a keyboard-only user would). */
export async function tabTo(page: Page, target: { id: string } | { text: string }) {
  for (let presses = 0; presses < 150; presses++) {
    const focused = await page.evaluate(() => ({
      id: document.activeElement?.id ?? "",
      text: document.activeElement?.textContent?.replace(/\s+/g, " ").trim() ?? "",
    }));
    if ("id" in target ? focused.id === target.id : focused.text === target.text) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${JSON.stringify(target)}`);
}
