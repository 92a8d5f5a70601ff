import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium where it is installed (as on CI here: Playwright cannot download its own
// browser offline), Playwright's own browser everywhere else.
const systemChromium = "/usr/bin/chromium";
const port = Number(process.env.E2E_PORT ?? 3100);
const dataDir = ".data/e2e";
// The mail catcher (e2e/mail-catcher.ts): SMTP for the app, and HTTP for the tests to read what arrived.
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 3125);
export const mailCatcherUrl = `http://127.0.0.1:${smtpPort + 1}/messages`;
// A real OpenID Connect provider on loopback (apps/api/test/oidc-provider.ts), set up for the app
// as an operator would, in OIDC_PROVIDERS: its sign-in page takes any password.
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? port + 1);
export const oidcIssuer = `http://127.0.0.1:${oidcPort}`;
export const SINGLE_SIGN_ON_NAME = "Safer Stockton Test Sign-in";
const oidcProviders = [
  {
    id: "test",
    name: SINGLE_SIGN_ON_NAME,
    issuer: oidcIssuer,
    // The client the test provider registers (TEST_CLIENT there).
    clientId: "quarterly-returns",
    clientSecret: "a-test-client-secret-of-some-length",
    domains: ["demo.test"],
  },
];

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? "line" : "list",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: existsSync(systemChromium)
      ? {
          executablePath: systemChromium,
          args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        }
      : {},
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, testIgnore: /(sign-off|reopen)\.spec\.ts/ },
    // Signing off the demo's open quarter changes it for every other journey, so it runs after them;
    // and reopening it, after the sign-off journey, which counts the quarter's reopenings.
    { name: "sign-off", use: { ...devices["Desktop Chrome"] }, testMatch: /sign-off\.spec\.ts/, dependencies: ["chromium"] },
    { name: "reopen", use: { ...devices["Desktop Chrome"] }, testMatch: /reopen\.spec\.ts/, dependencies: ["sign-off"] },
  ],
  webServer: [
    {
      command: "exec node --import tsx e2e/mail-catcher.ts",
      url: mailCatcherUrl,
      env: { SMTP_PORT: String(smtpPort), HTTP_PORT: String(smtpPort + 1) },
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      command: "exec node --import tsx apps/api/test/oidc-provider.ts",
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      env: { PORT: String(oidcPort), REDIRECT_URI: `http://127.0.0.1:${port}/api/auth/oidc/test/callback` },
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      // A fresh demo database for every run.
      command: `rm -rf ${dataDir} && node scripts/prepare-start.mjs && exec node --enable-source-maps apps/api/dist/server.mjs`,
      url: `http://127.0.0.1:${port}/api/health`,
      env: {
        PORT: String(port),
        DATA_DIR: dataDir,
        LOG_LEVEL: "warn",
        APP_URL: `http://127.0.0.1:${port}`,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        MAIL_FROM: "Safer Stockton Partnership <returns@stockton.example>",
        // The journeys chase by hand and count on who was chased: no reminders behind their back.
        AUTOMATIC_REMINDERS: "0",
        OIDC_PROVIDERS: JSON.stringify(oidcProviders),
      },
      timeout: 120_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
