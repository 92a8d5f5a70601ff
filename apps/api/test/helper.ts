// Builds the real app on a database of the test's own (cloned from a migrated template).
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { createTestDatabase, type TestDatabase } from "@quarterly-returns/db/testing";
import { buildApp, type App, type AppOptions } from "../src/app.ts";
import type { Config } from "../src/config.ts";
import { sealSecret } from "../src/core/auth/second-factor-keys.ts";
import { stepAt, TEST_TOTP_SECRET, totpCode } from "./totp.ts";

export async function testConfig(overrides: Partial<Config> = {}): Promise<Config> {
  return {
    port: 0,
    host: "127.0.0.1",
    databaseUrl: "postgresql://unused",
    migrationDatabaseUrl: null,
    dataDir: await mkdtemp(path.join(os.tmpdir(), "qr-api-test-")),
    jwtSecret: "test-secret-that-is-at-least-32-characters-long",
    demoData: false,
    // A test that is about them turns them on: others must not see reminders sent behind their back.
    automaticReminders: false,
    smtpUrl: null,
    mailFrom: "Quarterly Returns <no-reply@test.invalid>",
    appUrl: "http://localhost:3000",
    logLevel: "silent",
    trustProxy: false,
    oidcProviders: [],
    ...overrides,
  };
}

export const fakeAssetSource = "console.log('app')";

/**
 * A built web app of one page and one hashed asset, `assets/index-abc123.js`, to serve, each with
 * the brotli (.br) and gzip (.gz) copies the build writes beside it.
 */
export async function fakeWebDist(): Promise<string> {
  const dist = await mkdtemp(path.join(os.tmpdir(), "qr-dist-"));
  await mkdir(path.join(dist, "assets"));
  const files = { "index.html": "<!doctype html><html><head><title>Quarterly Returns</title>\n  </head><body></body></html>", "assets/index-abc123.js": fakeAssetSource };
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dist, name);
    await writeFile(file, text);
    await writeFile(`${file}.br`, brotliCompressSync(text));
    await writeFile(`${file}.gz`, gzipSync(text));
  }
  return dist;
}

export interface TestApp {
  app: App;
  db: TestDatabase;
  close(): Promise<void>;
}

export async function buildTestApp(
  template: "empty" | "demo" = "demo",
  options: Partial<Omit<AppOptions, "prisma" | "databaseUrl">> = {},
): Promise<TestApp> {
  const db = await createTestDatabase(template);
  const app = await buildApp({ config: await testConfig(), prisma: db.prisma, databaseUrl: db.url, ...options });
  return {
    app,
    db,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

export const DEMO_PASSWORD = "demo1234";

/**
 * Signs in through the API and returns the session cookie to send with later requests. An admin or
 * manager meets the second factor: the first time, they are given TEST_TOTP_SECRET in the database
 * (as if they had set up an app: tests of enrolment itself are in second-factor.test.ts); then the
 * code is computed (test/totp.ts). Tests of signing in itself use the routes directly.
 */
export async function signIn(app: App, email: string, password = DEMO_PASSWORD): Promise<string> {
  const remoteAddress = someAddress();
  const login = () => app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password }, remoteAddress });
  let response = await login();
  if (response.statusCode === 200 && response.json().user?.mustEnrolSecondFactor) {
    await giveTestAuthenticator(app, email);
    response = await login();
  }
  if (response.statusCode === 200 && response.json().secondFactorRequired) {
    response = await app.inject({
      method: "POST",
      url: "/api/auth/login/code",
      headers: { cookie: pendingSignInCookie(response) },
      payload: { code: await freshCode(app, email) },
      remoteAddress,
    });
  }
  if (response.statusCode !== 200) throw new Error(`Sign-in as ${email} failed: ${response.statusCode} ${response.body}`);
  return sessionCookie(response);
}

/** The person as if they had set up an authenticator app with TEST_TOTP_SECRET. */
export async function giveTestAuthenticator(app: App, email: string) {
  await app.prisma.user.update({
    where: { email },
    data: { totpSecret: sealSecret(app.secondFactorKeys, TEST_TOTP_SECRET), totpEnabledAt: new Date(), totpLastStep: null },
  });
}

/**
 * The code for now, with the step the person last used forgotten first: a test may sign in or sign
 * off as often as it needs within 30 seconds. Refusing a step used before is tested on its own
 * (second-factor.test.ts), never through this.
 */
export async function freshCode(app: App, email: string): Promise<string> {
  await app.prisma.user.update({ where: { email }, data: { totpLastStep: null } });
  return totpCode(TEST_TOTP_SECRET, stepAt(Date.now()));
}

/** The e-signature of a sign-off by the demo admin: their password and a fresh code. */
export const signature = async (app: App, email = "admin@demo.test") => ({ password: DEMO_PASSWORD, code: await freshCode(app, email) });

export function pendingSignInCookie(response: { cookies: { name: string; value: string }[] }): string {
  const cookie = response.cookies.find((candidate) => candidate.name.endsWith("qr_sign_in"));
  if (!cookie) throw new Error("No pending sign-in cookie was set");
  return `${cookie.name}=${cookie.value}`;
}

export function sessionCookie(response: { cookies: { name: string; value: string }[] }): string {
  const cookie = response.cookies.find((candidate) => candidate.name.endsWith("qr_session"));
  if (!cookie) throw new Error("No session cookie was set");
  return `${cookie.name}=${cookie.value}`;
}

/** Requests as the holder of a session cookie. */
export function as(app: App, cookie: string) {
  const send = (method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { cookie, ...(method === "GET" ? {} : { "content-type": "application/json" }) },
      payload: method === "GET" ? undefined : JSON.stringify(payload ?? {}),
    });
  return {
    get: (url: string) => send("GET", url),
    post: (url: string, payload?: unknown) => send("POST", url, payload),
    put: (url: string, payload?: unknown) => send("PUT", url, payload),
    patch: (url: string, payload?: unknown) => send("PATCH", url, payload),
    delete: (url: string) => send("DELETE", url),
  };
}

/** Sign-ins are rate-limited per address; tests that are not about that come from many. */
export const someAddress = () => `10.${randomOctet()}.${randomOctet()}.${randomOctet()}`;
const randomOctet = () => Math.floor(Math.random() * 254) + 1;

/** A digest of every row of the tables a write could touch: equal digests, nothing written. */
export async function fingerprint(db: TestDatabase): Promise<string> {
  const tables = [
    "returns", "return_values", "return_queries", "audit_events", "users", "organisations", "reporting_years", "quarters", "priorities", "indicators", "indicator_fields", "chases",
  ];
  const digests = await Promise.all(
    tables.map(async (table) => {
      const { rows } = await db.sql.query(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM ${table} t`);
      return `${table}:${rows[0].digest}`;
    }),
  );
  return digests.join(" ");
}

/**
 * How many requests the audit log says were refused, once the app has written its counts of
 * repeats: a first refusal is one event, its repeats within the minute one more with the count.
 */
export async function refusalsAudited(test: TestApp): Promise<number> {
  await test.app.refusals.flush();
  const events = await test.db.prisma.auditEvent.findMany({ where: { action: "access.refused" }, select: { after: true } });
  return events.reduce((sum, event) => sum + ((event.after as { repeated?: number } | null)?.repeated ?? 1), 0);
}

/** An indicator as the framework answers it. */
export type FrameworkIndicator = {
  id: number;
  ref: string | null;
  title: string;
  owner: { id: number };
  fields: { key: string; values: number; retired: boolean; [key: string]: unknown }[];
  [key: string]: unknown;
};

/** The indicator as the framework editor sends it back, with `changes`. */
export const indicatorEdit = (indicator: FrameworkIndicator, changes: Record<string, unknown> = {}) => ({
  ref: indicator.ref,
  title: indicator.title,
  ownerOrganisationId: indicator.owner.id,
  leadContact: indicator.leadContact,
  restricted: indicator.restricted,
  polarity: indicator.polarity,
  target: indicator.target,
  headlineFieldKey: indicator.headlineFieldKey,
  sortOrder: indicator.sortOrder,
  retired: indicator.retired,
  fields: indicator.fields.map(({ values: _values, ...field }) => field),
  ...changes,
});
