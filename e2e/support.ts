import { expect, type APIRequestContext, type Cookie, type Page } from "@playwright/test";
import { currentStep, freshCode, readState, totpCode, writeState, type Authenticator } from "./authenticator.ts";

export { freshCode, secondFactorCode } from "./authenticator.ts";

export const DEMO_PASSWORD = "demo1234";

/** Fills in and sends the sign-in form, whatever the outcome. */
export async function trySignIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Signs in and waits until the app has the session. Someone with an authenticator app (every admin
 * and manager) goes on with the session they had last, when it still works; otherwise they sign in
 * with a code (e2e/authenticator.ts), first setting up the app as the set-up page asks, reading
 * its key from the page.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  if (await resumeSession(page, email)) return;
  const answer = page.waitForResponse((response) => response.url().endsWith("/api/auth/login") && response.request().method() === "POST");
  await trySignIn(page, email, password);
  const body = await (await answer).json();
  if (body.user?.mustEnrolSecondFactor) await setUpAuthenticator(page, email);
  if (body.secondFactorRequired) {
    await expect(page.getByRole("heading", { level: 1, name: "Enter the code from your authenticator app" })).toBeVisible();
    await page.getByLabel("Code").fill(await freshCode(email));
    await page.getByRole("button", { name: "Continue" }).click();
  }
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  if (readState(email, "authenticator")) writeState(email, "session", await page.context().cookies());
}

/** Signs an API client in (for a journey's setting up through the API), with a code when they need one. */
export async function signInApi(request: APIRequestContext, email: string, password = DEMO_PASSWORD) {
  const answer = await request.post("/api/auth/login", { data: { email, password } });
  expect(answer.ok()).toBe(true);
  const body = await answer.json();
  if (body.secondFactorRequired) {
    expect((await request.post("/api/auth/login/code", { data: { code: await freshCode(email) } })).ok()).toBe(true);
  } else if (body.user.mustEnrolSecondFactor) {
    const { key } = await (await request.post("/api/auth/second-factor/enrolment", { data: {} })).json();
    const secret = key.replace(/\s/g, "");
    const step = currentStep();
    writeState(email, "authenticator", { secret, lastStep: step } satisfies Authenticator);
    const confirmed = await request.post("/api/auth/second-factor/enrolment/confirm", { data: { code: totpCode(secret, step) } });
    expect(confirmed.ok()).toBe(true);
    writeState(email, "authenticator", { secret, lastStep: step, recoveryCodes: (await confirmed.json()).recoveryCodes } satisfies Authenticator);
  }
}

/** The person's last session, if the server still takes it (nobody signed them out since). */
async function resumeSession(page: Page, email: string): Promise<boolean> {
  const cookies = readState<Cookie[]>(email, "session");
  if (!cookies) return false;
  await page.context().addCookies(cookies);
  const me = await page.request.get("/api/me");
  if (me.ok() && (await me.json()).user.email === email) {
    await page.goto("/");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    return true;
  }
  await page.context().clearCookies();
  return false;
}

/** Sets up an authenticator app as a person would with the key typed in: its first code, then past the recovery codes. */
export async function setUpAuthenticator(page: Page, email: string) {
  await expect(page.getByRole("heading", { level: 1, name: "Set up your authenticator app" })).toBeVisible();
  await page.getByText("I cannot scan the QR code").click();
  const secret = (await page.getByTestId("second-factor-key").textContent())!.replace(/\s/g, "");
  writeState(email, "authenticator", { secret, lastStep: 0 } satisfies Authenticator);
  await page.getByLabel("Code").fill(await freshCode(email));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
  const recoveryCodes = await page.getByTestId("recovery-codes").locator("li").allTextContents();
  writeState(email, "authenticator", { ...readState<Authenticator>(email, "authenticator")!, recoveryCodes });
  await page.getByRole("button", { name: "I have saved my recovery codes" }).click();
  return { secret, recoveryCodes };
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
