import { createSigner } from "fast-jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { SIGN_IN_ATTEMPTS_PER_NETWORK } from "../src/features/auth/rate-limit.ts";
import { signIn as signInService } from "../src/core/auth/auth.ts";
import { passwordProblem } from "../src/core/auth/password-rules.ts";
import { FAILURES_WITHOUT_DELAY } from "../src/core/auth/sign-in-limit.ts";
import { offlineContext } from "../src/core/context.ts";
import { ServiceError } from "../src/core/errors.ts";
import { SESSION_IDLE_SECONDS, SESSION_LIFETIME_SECONDS } from "../src/plugins/session.ts";
import { as, buildTestApp, DEMO_PASSWORD, sessionCookie, signIn, someAddress, testConfig, type TestApp } from "./helper.ts";

const DEMO_EMAILS = [
  "admin@demo.test", "manager@demo.test", "iom@demo.test", "crc@demo.test", "yot@demo.test",
  "pcc@demo.test", "cps@demo.test", "police@demo.test", "publichealth@demo.test", "fire@demo.test",
];

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp("demo");
});
afterAll(() => test.close());

const login = (email: string, password: string, remoteAddress = someAddress()) =>
  test.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password }, remoteAddress });
const tokenOf = (cookie: string) => cookie.split("=")[1]!;
const claims = (cookie: string) => JSON.parse(Buffer.from(tokenOf(cookie).split(".")[1]!, "base64url").toString());

describe("signing in", () => {
  it("works for every demo sign-in and answers who they are", async () => {
    for (const email of DEMO_EMAILS) {
      const response = await login(email.toUpperCase(), DEMO_PASSWORD);
      expect(response.statusCode, email).toBe(200);
      expect(response.json().user).toMatchObject({ email, mustChangePassword: false });
    }
    const cookie = await signIn(test.app, "crc@demo.test");
    const me = await as(test.app, cookie).get("/api/me");
    expect(me.json()).toEqual({
      user: {
        id: expect.any(Number),
        email: "crc@demo.test",
        name: "Paul Haley",
        role: "DATA_OWNER",
        organisation: { id: expect.any(Number), name: "DTV Community Rehabilitation Company", shortName: "CRC" },
        mustChangePassword: false,
        mustEnrolSecondFactor: false,
      },
    });
  });

  it("sets an httpOnly, SameSite=Strict session cookie that lasts 30 idle minutes at most", async () => {
    const response = await login("iom@demo.test", DEMO_PASSWORD);
    const cookie = response.cookies.find((candidate) => candidate.name === "qr_session")!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
    expect(cookie.secure).toBeUndefined();
    expect(cookie.maxAge).toBeLessThanOrEqual(SESSION_IDLE_SECONDS);
    const { exp, iat } = claims(sessionCookie(response));
    expect(exp - iat).toBeLessThanOrEqual(SESSION_IDLE_SECONDS);
  });

  it("gives the same answer for an unknown email and a wrong password, and audits both", async () => {
    const unknown = await login("nobody@demo.test", DEMO_PASSWORD);
    const wrong = await login("fire@demo.test", "not-the-password");
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json()).toEqual({ message: "The email address or password is not right." });
    const failures = await test.db.prisma.auditEvent.findMany({ where: { action: "auth.login-failed" } });
    expect(failures.map((event) => (event.after as { email: string }).email)).toEqual(
      expect.arrayContaining(["nobody@demo.test", "fire@demo.test"]),
    );
  });

  it("names the problem with the request", async () => {
    const response = await login("not-an-email", "");
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual({
      email: "Enter an email address in the correct format, like name@example.org",
      password: "Enter your password",
    });
  });
});

describe("sessions end when they should", () => {
  it("answers 401 to every /api route without a session, but not to health or the API docs", async () => {
    for (const url of ["/api/me", "/api/quarters", "/api/returns?quarterId=1", "/api/users", "/api/organisations"]) {
      const response = await test.app.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(401);
      expect(response.json()).toEqual({ message: "Sign in to continue." });
    }
    expect((await test.app.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
    const docs = await test.app.inject({ method: "GET", url: "/api/docs" });
    expect(docs.statusCode).toBe(200);
    expect(docs.json().paths).toHaveProperty(["/api/returns/{indicatorId}/{quarterId}"]);
  });

  it("refuses the cookie after signing out", async () => {
    const cookie = await signIn(test.app, "pcc@demo.test");
    const logout = await as(test.app, cookie).post("/api/auth/logout");
    expect(logout.statusCode).toBe(204);
    expect(logout.cookies.find((candidate) => candidate.name === "qr_session")?.value).toBe("");
    const reused = await as(test.app, cookie).get("/api/me");
    expect(reused.statusCode).toBe(401);
    expect(reused.json()).toEqual({ message: "Your session has ended. Please sign in again." });
  });

  it("refuses tampered tokens, `alg: none`, other keys and expired tokens", async () => {
    const cookie = await signIn(test.app, "police@demo.test");
    const [header, payload, signature] = tokenOf(cookie).split(".");
    const decoded = claims(cookie);
    const forged = Buffer.from(JSON.stringify({ ...decoded, sub: "1" })).toString("base64url");
    const none = [
      Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url"),
      Buffer.from(JSON.stringify({ ...decoded, sub: "1" })).toString("base64url"),
      "",
    ].join(".");
    const otherKey = createSigner({ key: "another-secret-that-is-long-enough-to-sign", algorithm: "HS256" })({ ...decoded });
    const sign = createSigner({ key: "test-secret-that-is-at-least-32-characters-long", algorithm: "HS256" });
    const expired = sign({ ...decoded, iat: decoded.iat - 7200, exp: Math.floor(Date.now() / 1000) - 5 });
    const hs512 = createSigner({ key: "test-secret-that-is-at-least-32-characters-long", algorithm: "HS512" })({ ...decoded });

    for (const token of [`${header}.${forged}.${signature}`, none, otherKey, expired, hs512, `${header}.${payload}`]) {
      const response = await as(test.app, `qr_session=${token}`).get("/api/me");
      expect(response.statusCode, token).toBe(401);
    }
    expect((await as(test.app, cookie).get("/api/me")).statusCode).toBe(200);
  });

  it("refuses a token signed with the app's key unless it holds exp and iat, is within 8 hours of signing in and names a user id", async () => {
    const user = await test.db.prisma.user.findUniqueOrThrow({ where: { email: "fire@demo.test" } });
    const now = Math.floor(Date.now() / 1000);
    const hours = (count: number) => count * 60 * 60;
    const valid = { sub: String(user.id), sv: user.sessionVersion, auth: now - 60, iat: now - 30, exp: now + 600 };
    const key = "test-secret-that-is-at-least-32-characters-long";
    const signers = { withIat: createSigner({ key, algorithm: "HS256" }), withoutIat: createSigner({ key, algorithm: "HS256", noTimestamp: true }) };
    const sign = (claims: object) => ("iat" in claims ? signers.withIat : signers.withoutIat)(claims);
    const without = (claim: keyof typeof valid) => Object.fromEntries(Object.entries(valid).filter(([name]) => name !== claim));
    const me = (claims: object) => as(test.app, `qr_session=${sign(claims)}`).get("/api/me");

    expect((await me(valid)).statusCode, "the valid token the others are made from").toBe(200);
    const refused = {
      "no exp": without("exp"),
      "no iat": without("iat"),
      "no auth": without("auth"),
      "signed in 9 hours ago, though issued just now": { ...valid, auth: now - hours(9), exp: now + hours(1) },
      "issued 9 hours ago, with an exp a day on": { ...valid, auth: now - hours(9), iat: now - hours(9), exp: now + hours(24) },
      "issued 31 minutes ago, with an exp an hour on": { ...valid, iat: now - 31 * 60, auth: now - 31 * 60, exp: now + hours(1) },
      "issued in the future": { ...valid, iat: now + hours(1), auth: now + hours(1), exp: now + hours(2) },
      "sub 3abc": { ...valid, sub: `${user.id}abc` },
      "sub beyond PostgreSQL's integer": { ...valid, sub: "2147483648" },
      "sub 0": { ...valid, sub: "0" },
      "sub as a number": { ...valid, sub: user.id },
      "sv as a string": { ...valid, sv: String(user.sessionVersion) },
    };
    for (const [what, claims] of Object.entries(refused)) {
      const response = await me(claims);
      expect(response.statusCode, what).toBe(401);
    }
  });

  it("moves the idle deadline on, but never past 8 hours from signing in", async () => {
    const user = await test.db.prisma.user.findUniqueOrThrow({ where: { email: "yot@demo.test" } });
    const now = Math.floor(Date.now() / 1000);
    const signedIn = now - SESSION_LIFETIME_SECONDS + 100;
    const sign = createSigner({ key: "test-secret-that-is-at-least-32-characters-long", algorithm: "HS256" });
    const old = sign({ sub: String(user.id), sv: user.sessionVersion, auth: signedIn, iat: now - 120, exp: now + 300 });
    const response = await as(test.app, `qr_session=${old}`).get("/api/me");
    expect(response.statusCode).toBe(200);
    const renewed = claims(sessionCookie(response));
    expect(renewed.auth).toBe(signedIn);
    expect(renewed.exp).toBe(signedIn + SESSION_LIFETIME_SECONDS);
  });
});

describe("sign-in attempts are slowed down, never locked", () => {
  const failedLogins = (email: string) =>
    test.db.prisma.auditEvent.findMany({ where: { action: "auth.login-failed", after: { path: ["email"], equals: email } }, orderBy: { id: "asc" } });

  it("keeps the right password working from another address after ten failures from one", async () => {
    const attacker = "198.51.100.10";
    const answers = [];
    for (let count = 0; count < 10; count++) answers.push((await login("admin@demo.test", `guess-${count}`, attacker)).statusCode);
    expect(answers).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    expect((await login("admin@demo.test", DEMO_PASSWORD, attacker)).statusCode, "the attacker's address waits").toBe(429);
    expect((await login("admin@demo.test", DEMO_PASSWORD, "198.51.100.20")).statusCode).toBe(200);
  });

  it("makes the address that failed wait, with Retry-After, even for the right password", async () => {
    const address = "198.51.100.30";
    for (let count = 0; count < FAILURES_WITHOUT_DELAY; count++) expect((await login("manager@demo.test", `wrong-${count}`, address)).statusCode).toBe(401);
    const refused = await login("manager@demo.test", DEMO_PASSWORD, address);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(10);
    expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(15);
    expect(refused.json().message).toMatch(/^Too many failed sign-ins for this email address from your network\. Wait 1\d seconds, then try again\.$/);
  });

  it("records in the audit log the email, the network, how many failures and how long the next attempt waits", async () => {
    const address = "198.51.100.40";
    for (let count = 0; count < FAILURES_WITHOUT_DELAY; count++) await login("iom@demo.test", `wrong-${count}`, address);
    await login("iom@demo.test", DEMO_PASSWORD, address);
    await login("iom@demo.test", DEMO_PASSWORD, address);
    const failures = await failedLogins("iom@demo.test");
    expect(failures.map((event) => event.after)).toEqual(
      [1, 2, 3, 4, 5].map((count) => ({ email: "iom@demo.test", network: address, failures: count, waitSeconds: count < 5 ? 0 : 15, reason: "wrong password" })),
    );
    expect(failures.every((event) => event.clientAddress === address)).toBe(true);
    const slowed = await test.db.prisma.auditEvent.findMany({ where: { action: "auth.login-throttled", after: { path: ["email"], equals: "iom@demo.test" } } });
    expect(slowed, "one event for each wait, however many attempts it refuses").toHaveLength(1);
    expect(slowed[0]!.after).toMatchObject({ email: "iom@demo.test", network: address, failures: 5, waitSeconds: expect.any(Number) });
  });

  it("counts attempts sent at the same moment one after another", async () => {
    const address = "198.51.100.50";
    const answers = await Promise.all(Array.from({ length: 12 }, (_, count) => login("pcc@demo.test", `wrong-${count}`, address)));
    const statuses = answers.map((answer) => answer.statusCode).sort();
    expect(statuses).toEqual([...Array<number>(FAILURES_WITHOUT_DELAY).fill(401), ...Array<number>(12 - FAILURES_WITHOUT_DELAY).fill(429)]);
    expect(await failedLogins("pcc@demo.test")).toHaveLength(FAILURES_WITHOUT_DELAY);
  });

  it("counts an IPv6 network's addresses together, and no other network's", async () => {
    for (let count = 0; count < FAILURES_WITHOUT_DELAY; count++) await login("cps@demo.test", `wrong-${count}`, `2001:db8:1:2::${count + 1}`);
    expect((await login("cps@demo.test", DEMO_PASSWORD, "2001:db8:1:2:ffff::9")).statusCode).toBe(429);
    expect((await login("cps@demo.test", DEMO_PASSWORD, "2001:db8:1:3::1")).statusCode).toBe(200);
  });

  it("counts only failures, since the last success from the same address", async () => {
    const address = "198.51.100.60";
    for (let count = 0; count < FAILURES_WITHOUT_DELAY + 10; count++) expect((await login("yot@demo.test", DEMO_PASSWORD, address)).statusCode).toBe(200);
    for (let count = 0; count < FAILURES_WITHOUT_DELAY - 1; count++) await login("yot@demo.test", "wrong", address);
    expect((await login("yot@demo.test", DEMO_PASSWORD, address)).statusCode).toBe(200);
    for (let count = 0; count < FAILURES_WITHOUT_DELAY - 1; count++) await login("yot@demo.test", "wrong", address);
    expect((await login("yot@demo.test", DEMO_PASSWORD, address)).statusCode, "a success starts the count again").toBe(200);
  });

  it("makes the wait grow from 15 seconds to 5 minutes at most, and lets the right password in once it is over", async () => {
    let clock = Date.now();
    const context = offlineContext({ db: test.db.prisma, actor: { kind: "anonymous" }, origin: "POST /api/auth/login", clientAddress: "203.0.113.5", now: () => new Date(clock) });
    /** "signed in", the refusal's status, or for a 429 how many seconds it says to wait. */
    const attempt = async (password: string) => {
      try {
        await signInService(context, { email: "fire@demo.test", password });
        return "signed in";
      } catch (error) {
        if (!(error instanceof ServiceError)) throw error;
        return error.statusCode === 429 ? (error.extra.retryAfter as number) : error.statusCode;
      }
    };
    const seconds = (count: number) => (clock += count * 1000);

    for (let count = 0; count < FAILURES_WITHOUT_DELAY; count++) expect(await attempt("wrong")).toBe(401);
    const waits = [];
    for (let count = 0; count < 6; count++) {
      const wait = await attempt(DEMO_PASSWORD);
      waits.push(wait);
      seconds(wait as number);
      expect(await attempt("wrong"), "once the wait is over, an attempt is checked").toBe(401);
    }
    expect(waits).toEqual([15, 30, 60, 120, 240, 300]);
    expect(await attempt(DEMO_PASSWORD), "5 minutes at most").toBe(300);
    seconds(299);
    expect(await attempt(DEMO_PASSWORD)).toBe(1);
    seconds(1);
    expect(await attempt(DEMO_PASSWORD), "eleven failures, and the right password works after 5 minutes").toBe("signed in");

    for (let count = 0; count < FAILURES_WITHOUT_DELAY; count++) expect(await attempt("wrong")).toBe(401);
    seconds(15 * 60 + 1);
    expect(await attempt("wrong")).toBe(401);
    expect(await attempt(DEMO_PASSWORD), "failures are forgotten after 15 minutes without one").toBe("signed in");
  });

  it("answers 429 after repeated attempts from one address, and only to that address", async () => {
    const app = await buildApp({ config: await testConfig(), prisma: test.db.prisma, databaseUrl: test.db.url });
    try {
      let status = 0;
      for (let attempt = 0; attempt <= SIGN_IN_ATTEMPTS_PER_NETWORK && status !== 429; attempt++) {
        const payload = { email: `person${attempt}@demo.test`, password: "x" };
        status = (await app.inject({ method: "POST", url: "/api/auth/login", payload, remoteAddress: "192.0.2.7" })).statusCode;
      }
      expect(status).toBe(429);
      const otherAddress = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "fire@demo.test", password: DEMO_PASSWORD }, remoteAddress: "192.0.2.8" });
      expect(otherAddress.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it("counts authenticator codes sent from one address the same way", async () => {
    const app = await buildApp({ config: await testConfig(), prisma: test.db.prisma, databaseUrl: test.db.url });
    try {
      const send = (remoteAddress: string) => app.inject({ method: "POST", url: "/api/auth/login/code", payload: { code: "123456" }, remoteAddress });
      const statuses = [];
      for (let attempt = 0; attempt <= SIGN_IN_ATTEMPTS_PER_NETWORK; attempt++) statuses.push((await send("192.0.2.9")).statusCode);
      expect(statuses.slice(0, SIGN_IN_ATTEMPTS_PER_NETWORK).every((status) => status === 401)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      expect((await send("192.0.2.10")).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });
});
describe("passwords", () => {
  it("needs the current password to change it, and ends other sessions", async () => {
    const first = await signIn(test.app, "cps@demo.test");
    const second = await signIn(test.app, "cps@demo.test");
    const wrong = await as(test.app, first).post("/api/auth/password", {
      currentPassword: "nope", newPassword: "a long new passphrase", confirmPassword: "a long new passphrase",
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields).toEqual({ currentPassword: "Your current password is not right" });

    const tooShort = await as(test.app, first).post("/api/auth/password", { currentPassword: DEMO_PASSWORD, newPassword: "short", confirmPassword: "short" });
    expect(tooShort.json().fields).toEqual({ newPassword: "Your password must be at least 10 characters" });

    const long = "orange lantern swims beneath a quiet harbour at dawn, humming softly to itself";
    const changed = await as(test.app, first).post("/api/auth/password", { currentPassword: DEMO_PASSWORD, newPassword: long, confirmPassword: long });
    expect(changed.statusCode).toBe(200);
    expect((await as(test.app, second).get("/api/me")).statusCode).toBe(401);
    expect((await as(test.app, sessionCookie(changed)).get("/api/me")).statusCode).toBe(200);
    expect((await login("cps@demo.test", long)).statusCode).toBe(200);
    expect(await test.db.prisma.auditEvent.count({ where: { action: "auth.password-change" } })).toBe(1);
  });
});

describe("choosing a password", () => {
  const choose = async (email: string, newPassword: string) => {
    const cookie = await signIn(test.app, email);
    return as(test.app, cookie).post("/api/auth/password", { currentPassword: DEMO_PASSWORD, newPassword, confirmPassword: newPassword });
  };
  const common = "Your password is one of the most common passwords, or too close to one: choose one that is harder to guess, such as three random words";
  const pattern =
    "Your password is too easy to guess because it repeats characters or follows a pattern like 1234, qwerty or a date: choose one that is harder to guess, such as three random words";
  const personal = "Your password must not contain your name or email address";

  it.each([
    ["password", "Your password must be at least 10 characters"],
    ["12345678", "Your password must be at least 10 characters"],
    [" ".repeat(10), pattern],
    ["aaaaaaaaaaaa", pattern],
    ["Password123", common],
    ["1234567890", common],
    ["qwertyuiop", common],
    ["publichealth@demo.test", personal],
    ["PublicHealth2024", personal],
    ["MandyMackinnon2024", personal],
    ["mackinnon19801980", personal],
  ])("refuses %j, saying why", async (newPassword, why) => {
    const response = await choose("publichealth@demo.test", newPassword);
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual({ newPassword: why });
  });

  it("gives temporary passwords, of a new user and of a reset, that meet the same rules", async () => {
    const admin = as(test.app, await signIn(test.app, "admin@demo.test"));
    const owner = { email: "jo.bloggs@stockton.example", name: "Jo Bloggs" };
    const created = await admin.post("/api/users", { ...owner, role: "MANAGER" });
    expect(created.statusCode).toBe(201);
    const reset = await admin.post(`/api/users/${created.json().user.id}/reset-password`);
    for (const { temporaryPassword } of [created.json(), reset.json()]) expect(await passwordProblem(temporaryPassword, owner)).toBeNull();
  });

  it("accepts a long password that is none of these, with no rules about kinds of character", async () => {
    const response = await choose("publichealth@demo.test", "tangerine otter lamppost");
    expect(response.statusCode).toBe(200);
    expect((await login("publichealth@demo.test", "tangerine otter lamppost")).statusCode).toBe(200);
  });
});
