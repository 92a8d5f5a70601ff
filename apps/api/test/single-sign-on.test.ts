// Single sign-on against a real OpenID Connect provider on loopback (oidc-provider): the whole
// redirect flow, and each way it is refused, with its page and its audit event.
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { createTestDatabase, type TestDatabase } from "@quarterly-returns/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type App } from "../src/app.ts";
import { vouchedEmail } from "../src/core/auth/oidc/sign-in.ts";
import { SIGN_IN_ATTEMPTS_PER_NETWORK } from "../src/features/auth/rate-limit.ts";
import { as, sessionCookie, signIn, testConfig } from "./helper.ts";
import { FORM_SECRET_CLIENT, TEST_CLIENT, signInAtProvider, startOidcProvider, type TestOidcProvider } from "./oidc-provider.ts";

const APP_URL = "http://localhost:3000";
const callback = (id: string) => `${APP_URL}/api/auth/oidc/${id}/callback`;

let provider: TestOidcProvider;
let db: TestDatabase;
let app: App;

/** An address nothing listens on: a provider that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  provider = await startOidcProvider({ redirectUris: ["council", "joiners", "down", "form"].map(callback) });
  db = await createTestDatabase("demo");
  const operator = { issuer: provider.issuer, ...TEST_CLIENT };
  const config = await testConfig({
    appUrl: APP_URL,
    oidcProviders: [
      { id: "council", name: "Stockton Council", ...operator, domains: ["demo.test"] },
      { id: "joiners", name: "Fire Brigade", ...operator, domains: ["joiners.example"], createAccountsFor: "fire" },
      { id: "down", name: "Down", ...operator, issuer: `http://127.0.0.1:${await closedPort()}`, domains: ["demo.test"] },
      { id: "form", name: "Form", issuer: provider.issuer, ...FORM_SECRET_CLIENT, domains: ["demo.test"] },
    ],
  });
  app = await buildApp({ config, prisma: db.prisma, databaseUrl: db.url });
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
  await provider?.close();
});

/** Presses the provider's button: the provider's address, and the cookie that remembers the attempt. */
async function start(id: string, query = "") {
  const response = await app.inject({ method: "GET", url: `/api/auth/oidc/${id}/start${query}` });
  const pending = response.cookies.find((cookie) => cookie.name === "qr_sso");
  return { response, location: String(response.headers.location), pending: pending ? `qr_sso=${pending.value}` : "" };
}

/** Comes back from the provider to the app's callback, as the browser would. */
const comeBack = (url: string, cookie: string) => app.inject({ method: "GET", url: new URL(url).pathname + new URL(url).search, headers: { cookie } });

async function signInThrough(id: string, login: string, query = "") {
  const { location, pending } = await start(id, query);
  const back = await signInAtProvider(location, login);
  return { back, pending, response: await comeBack(back, pending) };
}

const lastEvent = async (action: string) => db.prisma.auditEvent.findFirst({ where: { action }, orderBy: { id: "desc" } });

describe("single sign-on", () => {
  it("lists its providers for the sign-in page by name only", async () => {
    const response = await app.inject({ method: "GET", url: "/api/auth/oidc/providers" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([
      { id: "council", name: "Stockton Council" },
      { id: "joiners", name: "Fire Brigade" },
      { id: "down", name: "Down" },
      { id: "form", name: "Form" },
    ]);
  });

  it("sends the browser to the provider with PKCE, state and nonce, remembered in a short-lived Lax cookie", async () => {
    const { response, location } = await start("council");
    expect(response.statusCode).toBe(302);
    const url = new URL(location);
    expect(url.origin).toBe(provider.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: TEST_CLIENT.clientId,
      redirect_uri: callback("council"),
      response_type: "code",
      scope: "openid email profile",
      code_challenge_method: "S256",
      state: expect.any(String),
      nonce: expect.any(String),
      code_challenge: expect.any(String),
    });
    const cookie = response.cookies.find((candidate) => candidate.name === "qr_sso")!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/", maxAge: 600 });
  });

  it("signs a known user in, matching their e-mail address whatever its case, and forgets the attempt", async () => {
    const { response } = await signInThrough("council", "Fire@Demo.Test");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/html");
    expect(response.body).toContain('<meta http-equiv="refresh" content="0;url=/">');
    expect(response.cookies.find((cookie) => cookie.name === "qr_sso")?.value).toBe("");
    const me = await as(app, sessionCookie(response)).get("/api/me");
    expect(me.statusCode).toBe(200);
    // The session is a password session's, noting the provider.
    const token = JSON.parse(Buffer.from(sessionCookie(response).split(".")[1]!, "base64url").toString());
    expect(token).toMatchObject({ sub: String(me.json().user.id), sso: "council", auth: expect.any(Number), sv: expect.any(Number) });
    expect(me.json().user).toMatchObject({ email: "fire@demo.test", role: "DATA_OWNER" });
    const event = await lastEvent("auth.login");
    expect(event).toMatchObject({ actorId: me.json().user.id, after: { email: "fire@demo.test", provider: "council" } });
  });

  it("asks a manager for no second factor: their organisation's provider does its own check", async () => {
    const { response } = await signInThrough("council", "manager@demo.test");
    const manager = as(app, sessionCookie(response));
    expect((await manager.get("/api/me")).json().user).toMatchObject({ role: "MANAGER", mustEnrolSecondFactor: false });
    expect((await manager.get("/api/quarters")).statusCode).toBe(200);
  });

  it("sends the secret in the form to a provider that holds the client to that, time after time", async () => {
    for (const login of ["crc@demo.test", "pcc@demo.test"]) {
      const { response } = await signInThrough("form", login);
      expect(response.statusCode, response.headers.location).toBe(200);
    }
  });

  it("goes on to the page the person was asked to sign in for, and only to a page of the app", async () => {
    const wanted = await signInThrough("council", "iom@demo.test", `?next=${encodeURIComponent("/returns/12/4?tab=1&x=2")}`);
    expect(wanted.response.body).toContain('content="0;url=/returns/12/4?tab=1&amp;x=2"');
    const elsewhere = await signInThrough("council", "iom@demo.test", `?next=${encodeURIComponent("//evil.example/")}`);
    expect(elsewhere.response.body).toContain('content="0;url=/"');
  });

  it("offers the provider's sign-out to a person who signed in through it, and not to one who used a password", async () => {
    const { response } = await signInThrough("council", "crc@demo.test");
    const offer = await as(app, sessionCookie(response)).get("/api/auth/oidc/sign-out");
    expect(offer.statusCode).toBe(200);
    expect(offer.json().provider.name).toBe("Stockton Council");
    expect(offer.json().provider.signOutUrl).toMatch(new RegExp(`^${provider.issuer}/session/end\\?client_id=${TEST_CLIENT.clientId}`));
    const password = await as(app, await signIn(app, "iom@demo.test")).get("/api/auth/oidc/sign-out");
    expect(password.json()).toEqual({ provider: null });
  });

  it.each([
    ["nobody has the address", "council", "nobody@demo.test", "unknown-user", { reason: "no account", email: "nobody@demo.test" }],
    ["the provider may not vouch for its domain", "council", "fire@elsewhere.example", "domain-not-allowed", { reason: "domain not allowed" }],
  ])("refuses when %s, with its page, audited", async (_case, id, login, problem, audited) => {
    const { response } = await signInThrough(id, login);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe(`/single-sign-on/${problem}`);
    expect(response.cookies.find((cookie) => cookie.name === "qr_session")?.value ?? "").toBe("");
    expect((await lastEvent("auth.sso-refused"))?.after).toMatchObject({ provider: id, ...audited });
  });

  it("refuses a deactivated user, audited as a refused sign-in", async () => {
    await db.prisma.user.update({ where: { email: "yot@demo.test" }, data: { active: false } });
    const { response } = await signInThrough("council", "yot@demo.test");
    expect(response.headers.location).toBe("/single-sign-on/deactivated");
    expect((await lastEvent("auth.login-refused"))?.after).toEqual({ reason: "deactivated", provider: "council" });
  });

  it("refuses a wrong state, and a return with no attempt remembered", async () => {
    const { location, pending } = await start("council");
    const back = new URL(await signInAtProvider(location, "pcc@demo.test"));
    back.searchParams.set("state", "someone-elses-state");
    expect((await comeBack(back.href, pending)).headers.location).toBe("/single-sign-on/expired");
    expect((await lastEvent("auth.sso-refused"))?.after).toMatchObject({ reason: "wrong state" });

    const again = await start("council");
    const withoutCookie = await comeBack(await signInAtProvider(again.location, "pcc@demo.test"), "");
    expect(withoutCookie.headers.location).toBe("/single-sign-on/expired");
    expect((await lastEvent("auth.sso-refused"))?.after).toMatchObject({ reason: "no sign-in in progress" });
  });

  it("refuses a code used a second time, even with the attempt's cookie kept", async () => {
    const { back, pending, response } = await signInThrough("council", "police@demo.test");
    expect(response.statusCode).toBe(200);
    const replayed = await comeBack(back, pending);
    expect(replayed.headers.location).toBe("/single-sign-on/refused-by-provider");
    expect((await lastEvent("auth.sso-refused"))?.after).toMatchObject({ reason: "code or token refused" });
  });

  it("says so when the provider cannot be reached", async () => {
    const { response } = await start("down");
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe("/single-sign-on/unavailable");
    expect((await lastEvent("auth.sso-refused"))?.after).toMatchObject({ provider: "down", reason: "provider unavailable" });
  });

  it("creates a data owner of the provider's organisation on first sign-in only where allowed", async () => {
    const { response } = await signInThrough("joiners", "new.starter@joiners.example");
    expect(response.statusCode).toBe(200);
    const me = (await as(app, sessionCookie(response)).get("/api/me")).json().user;
    expect(me).toMatchObject({ email: "new.starter@joiners.example", name: "New Starter", role: "DATA_OWNER", organisation: { shortName: "Fire" } });
    expect((await lastEvent("user.create"))?.after).toMatchObject({ email: "new.starter@joiners.example", role: "DATA_OWNER", by: "Single sign-on (joiners)" });
    // Their password is random and never shown: it signs nobody in.
    const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "new.starter@joiners.example", password: "" } });
    expect(login.statusCode).toBe(400);
  });
});

describe("the e-mail address a provider vouches for", () => {
  const entra = "https://login.microsoftonline.com/tenant/v2.0";
  it.each([
    ["its email claim, lower-case", { email: " Ann.Lee@Stockton.gov.uk " }, "https://idp.example", "ann.lee@stockton.gov.uk"],
    ["none when the provider says it is not verified", { email: "ann@stockton.gov.uk", email_verified: false }, entra, null],
    ["none when it says so in words", { email: "ann@stockton.gov.uk", email_verified: "false" }, entra, null],
    ["Entra ID's sign-in name when email is empty", { email: "", preferred_username: "Ann@Stockton.gov.uk" }, entra, "ann@stockton.gov.uk"],
    ["never another provider's sign-in name", { preferred_username: "ann@stockton.gov.uk" }, "https://idp.example", null],
    ["none that is not an address", { email: "ann" }, "https://idp.example", null],
  ])("is %s", (_case, claims, issuer, expected) => {
    expect(vouchedEmail(claims, issuer)).toBe(expected);
  });
});

describe("the way through a provider", () => {
  it("ends on a page for a provider that does not exist, and after too many attempts from one network", async () => {
    const attempt = () => app.inject({ method: "GET", url: "/api/auth/oidc/no-such-provider/start", remoteAddress: "192.0.2.77" });
    expect((await attempt()).headers.location).toBe("/single-sign-on/unknown-provider");
    for (let count = 1; count < SIGN_IN_ATTEMPTS_PER_NETWORK; count++) await attempt();
    const refused = await attempt();
    expect(refused.statusCode).toBe(302);
    expect(refused.headers.location).toBe("/single-sign-on/too-many");
  });
});

describe("the providers on the settings page", () => {
  const added = {
    id: "police",
    name: "Cleveland Police",
    issuer: "https://login.microsoftonline.com/police-tenant/v2.0",
    clientId: "police-client",
    clientSecret: "the-police-secret-never-shown",
    domains: ["Cleveland.police.uk"],
  };

  it("are an admin's to add, change and remove; the secret is never answered nor audited", async () => {
    const admin = as(app, await signIn(app, "admin@demo.test"));
    const created = await admin.post("/api/settings/single-sign-on", added);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toEqual({
      id: "police",
      name: "Cleveland Police",
      issuer: added.issuer,
      clientId: "police-client",
      domains: ["cleveland.police.uk"],
      createAccountsOrganisation: null,
      setByOperator: false,
      redirectUri: callback("police"),
    });

    const { clientSecret: _kept, ...withoutSecret } = added;
    const changed = await admin.put("/api/settings/single-sign-on/police", { ...withoutSecret, name: "Cleveland Police (Microsoft)" });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await db.prisma.singleSignOnProvider.findUniqueOrThrow({ where: { id: "police" } })).clientSecret).toBe(added.clientSecret);

    const list = await admin.get("/api/settings/single-sign-on");
    expect(list.json().map((shown: { id: string; setByOperator: boolean }) => [shown.id, shown.setByOperator])).toEqual([
      ["council", true], ["joiners", true], ["down", true], ["form", true], ["police", false],
    ]);
    expect(list.body).not.toContain(TEST_CLIENT.clientSecret);
    expect(list.body).not.toContain(added.clientSecret);
    expect((await app.inject({ method: "GET", url: "/api/auth/oidc/providers" })).json()).toContainEqual({ id: "police", name: "Cleveland Police (Microsoft)" });

    expect((await admin.delete("/api/settings/single-sign-on/police")).statusCode).toBe(204);
    const audit = await db.prisma.auditEvent.findMany({ where: { action: { startsWith: "sso." } } });
    expect(audit.map((event) => event.action)).toEqual(["sso.provider-add", "sso.provider-change", "sso.provider-remove"]);
    expect(JSON.stringify(audit.map((event) => [event.before, event.after]))).not.toContain(added.clientSecret);
  });

  it("leave the operator's providers alone, and are no one else's business", async () => {
    const admin = as(app, await signIn(app, "admin@demo.test"));
    const operatorsId = await admin.post("/api/settings/single-sign-on", { ...added, id: "council" });
    expect(operatorsId.json().fields).toEqual({ id: "Your operator has already set up a sign-in service with this short name: choose another" });
    expect((await admin.delete("/api/settings/single-sign-on/council")).statusCode).toBe(409);
    const manager = as(app, await signIn(app, "manager@demo.test"));
    expect((await manager.get("/api/settings/single-sign-on")).statusCode).toBe(403);
    expect((await manager.post("/api/settings/single-sign-on", added)).statusCode).toBe(403);
  });
});
