import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAILURES_WITHOUT_DELAY } from "../src/core/auth/sign-in-limit.ts";
import { as, buildTestApp, DEMO_PASSWORD, pendingSignInCookie, sessionCookie, signIn, someAddress, type TestApp } from "./helper.ts";
import { base32Decode, stepAt, TEST_TOTP_SECRET, totpCode } from "./totp.ts";

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp("demo");
});
afterAll(() => test.close());

const login = (email: string, remoteAddress = someAddress()) =>
  test.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password: DEMO_PASSWORD }, remoteAddress });
const sendCode = (pending: string, code: string, remoteAddress = someAddress()) =>
  test.app.inject({ method: "POST", url: "/api/auth/login/code", headers: { cookie: pending }, payload: { code }, remoteAddress });
const codeAt = (secret: string, stepsFromNow = 0) => totpCode(secret, stepAt(Date.now()) + stepsFromNow);
const userOf = (email: string) => test.db.prisma.user.findUniqueOrThrow({ where: { email } });
const events = (action: string) => test.db.prisma.auditEvent.findMany({ where: { action }, orderBy: { id: "asc" } });

/** Each person's authenticator secret, as they set it up here. */
const secrets = new Map<string, string>();

/** Signs in with the password and then the code of the person's app for a step not used yet. */
async function signInWithApp(email: string) {
  await test.db.prisma.user.update({ where: { email }, data: { totpLastStep: null } });
  const response = await sendCode(pendingSignInCookie(await login(email)), codeAt(secrets.get(email)!));
  expect(response.statusCode, response.body).toBe(200);
  return as(test.app, sessionCookie(response));
}

/** Sets up an authenticator app as a person would: reads the key the page shows and types the app's code. */
async function enrol(email: string) {
  const response = await login(email);
  const cookie = sessionCookie(response);
  const enrolment = (await as(test.app, cookie).post("/api/auth/second-factor/enrolment")).json();
  const secret = enrolment.key.replaceAll(" ", "");
  const confirmed = await as(test.app, cookie).post("/api/auth/second-factor/enrolment/confirm", { code: codeAt(secret) });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  secrets.set(email, secret);
  return { secret, enrolment, confirmed, firstCookie: cookie, cookie: sessionCookie(confirmed) };
}

describe("codes computed independently (RFC 6238)", () => {
  it("match the RFC's own SHA-1 test vectors", () => {
    expect(base32Decode(TEST_TOTP_SECRET).toString()).toBe("12345678901234567890");
    expect(totpCode(TEST_TOTP_SECRET, stepAt(59_000))).toBe("287082");
    expect(totpCode(TEST_TOTP_SECRET, stepAt(1_111_111_109_000))).toBe("081804");
    expect(totpCode(TEST_TOTP_SECRET, stepAt(20_000_000_000_000))).toBe("353130");
  });
});

describe("an admin or manager without a second factor", () => {
  it("signs in with a password to a session that can only set one up", async () => {
    const response = await login("manager@demo.test");
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ email: "manager@demo.test", mustEnrolSecondFactor: true });
    const manager = as(test.app, sessionCookie(response));
    expect((await manager.get("/api/me")).json().user.mustEnrolSecondFactor).toBe(true);
    const refused = await manager.get("/api/quarters");
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toEqual({ message: "Set up your authenticator app before you continue.", code: "SECOND_FACTOR_REQUIRED" });
    expect((await manager.get("/api/auth/second-factor")).json()).toEqual({ enabled: false, required: true, recoveryCodesLeft: 0 });
  });

  it("is never asked for one by a data owner, who may turn one on", async () => {
    const response = await login("yot@demo.test");
    expect(response.json().user).toMatchObject({ mustEnrolSecondFactor: false });
    const owner = as(test.app, sessionCookie(response));
    const q4 = (await test.db.prisma.quarter.findFirstOrThrow({ where: { status: "OPEN" } })).id;
    expect((await owner.get(`/api/returns?quarterId=${q4}`)).statusCode).toBe(200);
    expect((await owner.get("/api/auth/second-factor")).json()).toEqual({ enabled: false, required: false, recoveryCodesLeft: 0 });
  });
});

describe("setting up an authenticator app", () => {
  it("shows a QR code and the key, turns on with the app's code, and gives ten recovery codes once", async () => {
    const { secret, enrolment, confirmed, firstCookie, cookie } = await enrol("manager@demo.test");
    expect(enrolment).toMatchObject({ issuer: "Quarterly Returns", account: "manager@demo.test" });
    expect(enrolment.key).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    expect(base32Decode(secret)).toHaveLength(20);
    expect(Buffer.from(enrolment.qrCode.replace("data:image/svg+xml;base64,", ""), "base64").toString()).toContain("<svg");

    const { user, recoveryCodes } = confirmed.json();
    expect(user).toMatchObject({ email: "manager@demo.test", mustEnrolSecondFactor: false });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);

    // The new session may do everything; the one before, with the password alone, has ended.
    expect((await as(test.app, cookie).get("/api/completeness")).statusCode).not.toBe(403);
    expect((await as(test.app, firstCookie).get("/api/me")).statusCode).toBe(401);
    expect((await as(test.app, cookie).get("/api/auth/second-factor")).json()).toEqual({ enabled: true, required: true, recoveryCodesLeft: 10 });

    // Kept encrypted, and the recovery codes only as hashes.
    const stored = await userOf("manager@demo.test");
    expect(stored.totpSecret).not.toContain(secret);
    const hashes = await test.db.prisma.recoveryCode.findMany({ where: { userId: stored.id } });
    expect(hashes.map((row) => row.codeHash)).not.toContain(recoveryCodes[0]);
    expect((await events("auth.second-factor-enabled")).map((event) => event.entityId)).toContain(String(stored.id));

    // Not twice.
    expect((await as(test.app, cookie).post("/api/auth/second-factor/enrolment")).statusCode).toBe(409);
  });

  it("refuses a wrong code, saying what to do, and keeps the same key until one is right", async () => {
    const cookie = sessionCookie(await login("iom@demo.test"));
    const first = (await as(test.app, cookie).post("/api/auth/second-factor/enrolment")).json();
    const again = (await as(test.app, cookie).post("/api/auth/second-factor/enrolment")).json();
    expect(again.key).toBe(first.key);
    const wrong = await as(test.app, cookie).post("/api/auth/second-factor/enrolment/confirm", { code: codeAt(first.key.replaceAll(" ", ""), 5) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields.code).toBe("The code is not right. Check the key in your authenticator app, then enter the code it shows now");
    expect((await as(test.app, cookie).get("/api/auth/second-factor")).json().enabled).toBe(false);
  });
});

describe("signing in with a second factor", () => {
  let secret: string;
  let recoveryCodes: string[];
  beforeAll(async () => {
    const enrolled = await enrol("admin@demo.test");
    secret = enrolled.secret;
    recoveryCodes = enrolled.confirmed.json().recoveryCodes;
    // The code used to enrol is spent; the tests below use later steps.
    await test.db.prisma.user.update({ where: { email: "admin@demo.test" }, data: { totpLastStep: stepAt(Date.now()) - 3 } });
  });

  it("asks for the code after a right password, with no session until it is given", async () => {
    const response = await login("admin@demo.test");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ secondFactorRequired: true });
    expect(response.cookies.find((cookie) => cookie.name === "qr_session")).toBeUndefined();
    const pending = response.cookies.find((cookie) => cookie.name === "qr_sign_in")!;
    expect(pending).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/", maxAge: 300 });
    // The pending sign-in is not a session.
    expect((await as(test.app, `qr_session=${pending.value}`).get("/api/me")).statusCode).toBe(401);
    // Without it, no code is taken.
    const without = await test.app.inject({ method: "POST", url: "/api/auth/login/code", payload: { code: codeAt(secret) } });
    expect(without.statusCode).toBe(401);
    expect(without.json().message).toBe("Your sign-in has timed out. Sign in again with your email address and password.");
  });

  it("signs in with the code, a step either side of now accepted, and never the same step twice", async () => {
    const behind = await sendCode(pendingSignInCookie(await login("admin@demo.test")), codeAt(secret, -1));
    expect(behind.statusCode, behind.body).toBe(200);
    expect(behind.json()).toEqual({ user: expect.objectContaining({ email: "admin@demo.test" }), recoveryCodesLeft: null });
    expect((await as(test.app, sessionCookie(behind)).get("/api/quarters")).statusCode).toBe(200);

    const now = await sendCode(pendingSignInCookie(await login("admin@demo.test")), codeAt(secret));
    expect(now.statusCode, now.body).toBe(200);
    for (const replayed of [codeAt(secret), codeAt(secret, -1)]) {
      const again = await sendCode(pendingSignInCookie(await login("admin@demo.test")), replayed);
      expect(again.statusCode).toBe(401);
      expect(again.json().fields.code).toMatch(/^The code is not right/);
    }
    const tooFarAhead = await sendCode(pendingSignInCookie(await login("admin@demo.test")), codeAt(secret, 2));
    expect(tooFarAhead.statusCode).toBe(401);
    const signIns = await events("auth.login");
    expect(signIns.at(-1)!.after).toMatchObject({ email: "admin@demo.test", secondFactor: "authenticator" });
  });

  it("takes a recovery code once, and says how many are left", async () => {
    const typedWithSpaces = recoveryCodes[0]!.toUpperCase().replace("-", " ");
    const used = await sendCode(pendingSignInCookie(await login("admin@demo.test")), typedWithSpaces);
    expect(used.statusCode, used.body).toBe(200);
    expect(used.json().recoveryCodesLeft).toBe(9);
    expect((await events("auth.login")).at(-1)!.after).toMatchObject({ secondFactor: "recovery code" });
    const again = await sendCode(pendingSignInCookie(await login("admin@demo.test")), recoveryCodes[0]!);
    expect(again.statusCode).toBe(401);
    expect((await as(test.app, sessionCookie(used)).get("/api/auth/second-factor")).json().recoveryCodesLeft).toBe(9);
  });

  it("counts a wrong code as a failed sign-in for the email and network, slowing down the next", async () => {
    const network = "192.0.2.77";
    for (let failure = 1; failure <= FAILURES_WITHOUT_DELAY; failure++) {
      const wrong = await sendCode(pendingSignInCookie(await login("admin@demo.test", network)), "000000", network);
      expect(wrong.statusCode).toBe(401);
    }
    const failures = (await events("auth.login-failed")).filter((event) => (event.after as { network: string }).network === network);
    expect(failures.map((event) => event.after)).toEqual(
      [1, 2, 3, 4, 5].map((count) => ({ email: "admin@demo.test", network, failures: count, waitSeconds: count < 5 ? 0 : 15, reason: "wrong code" })),
    );
    // Even the right password, then, waits.
    expect((await login("admin@demo.test", network)).statusCode).toBe(429);
    // From another network the code is still taken (signInWithApp expects 200).
    await signInWithApp("admin@demo.test");
  });
});

describe("an admin's reset of someone's second factor", () => {
  it("asks why, is audited, ends their sessions, and has them set up an app again at their next sign-in", async () => {
    const admin = await signInWithApp("admin@demo.test");
    const publicHealth = await userOf("publichealth@demo.test");
    const { cookie } = await enrol("publichealth@demo.test");

    const noReason = await admin.post(`/api/users/${publicHealth.id}/second-factor/reset`, { reason: "" });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields.reason).toBe("Say why their second factor is being reset");
    const users = (await admin.get("/api/users")).json().users;
    expect(users.find((user: { id: number }) => user.id === publicHealth.id).secondFactor).toBe(true);

    const reset = await admin.post(`/api/users/${publicHealth.id}/second-factor/reset`, { reason: "Lost their phone" });
    expect(reset.statusCode, reset.body).toBe(204);
    expect((await as(test.app, cookie).get("/api/me")).statusCode).toBe(401);
    const audited = (await events("user.reset-second-factor")).at(-1)!;
    expect(audited).toMatchObject({ entityId: String(publicHealth.id), after: { reason: "Lost their phone" } });
    expect(await test.db.prisma.recoveryCode.count({ where: { userId: publicHealth.id } })).toBe(0);
    // A data owner then signs in with the password alone; a manager would be asked to set one up.
    expect((await login("publichealth@demo.test")).json().user).toMatchObject({ mustEnrolSecondFactor: false });
    expect((await admin.post(`/api/users/${publicHealth.id}/second-factor/reset`, { reason: "Again" })).statusCode).toBe(409);
  });

  it("resets a manager, who must set one up again", async () => {
    const admin = await signInWithApp("admin@demo.test");
    await signInWithApp("manager@demo.test");
    const manager = await userOf("manager@demo.test");
    expect((await admin.post(`/api/users/${manager.id}/second-factor/reset`, { reason: "New phone" })).statusCode).toBe(204);
    expect((await login("manager@demo.test")).json().user).toMatchObject({ mustEnrolSecondFactor: true });
  });

  it("is never of one's own, and only by an admin", async () => {
    const own = await (await signInWithApp("admin@demo.test")).post(`/api/users/${(await userOf("admin@demo.test")).id}/second-factor/reset`, { reason: "Mine" });
    expect(own.statusCode).toBe(409);
    expect(own.json().message).toBe("You cannot reset your own second factor. Ask another admin to reset it.");
    // Reset above: the shared sign-in sets them up with the test authenticator.
    const manager = as(test.app, await signIn(test.app, "manager@demo.test"));
    expect((await manager.post(`/api/users/${(await userOf("admin@demo.test")).id}/second-factor/reset`, { reason: "x" })).statusCode).toBe(403);
  });
});

describe("signing a quarter off", () => {
  it("needs the code with the password: refused without it or with a wrong one, audited, and signed off with it", async () => {
    const admin = await signInWithApp("admin@demo.test");
    const q4 = (await test.db.prisma.quarter.findFirstOrThrow({ where: { status: "OPEN" } })).id;
    const stillOpen = async () => (await test.db.prisma.quarter.findUniqueOrThrow({ where: { id: q4 } })).status === "OPEN";

    const withoutCode = await admin.post(`/api/quarters/${q4}/close`, { password: DEMO_PASSWORD });
    expect(withoutCode.statusCode).toBe(400);
    expect(withoutCode.json().fields.code).toBe("Enter the 6-digit code from your authenticator app to sign off");

    const wrong = await admin.post(`/api/quarters/${q4}/close`, { password: DEMO_PASSWORD, code: "123456" });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().message).toBe("That code is not right. Enter the code your authenticator app shows now. The quarter has not been signed off.");
    expect(await stillOpen()).toBe(true);
    expect((await events("auth.login-failed")).at(-1)).toMatchObject({ quarterId: q4, after: { email: "admin@demo.test", reason: "wrong code at sign-off" } });

    await test.db.prisma.user.update({ where: { email: "admin@demo.test" }, data: { totpLastStep: null } });
    const code = codeAt(secrets.get("admin@demo.test")!);
    const signedOff = await admin.post(`/api/quarters/${q4}/close`, { password: DEMO_PASSWORD, code });
    expect(signedOff.statusCode, signedOff.body).toBe(200);
    expect(await stillOpen()).toBe(false);
    // The code that signed it off cannot sign in.
    expect((await sendCode(pendingSignInCookie(await login("admin@demo.test")), code)).statusCode).toBe(401);
  });
});

describe("a new manager with a temporary password", () => {
  it("chooses a password first, and is still held to setting up an app after it", async () => {
    const admin = await signInWithApp("admin@demo.test");
    const created = await admin.post("/api/users", { name: "Sam Okafor", email: "sam.okafor@stockton.example", role: "MANAGER", organisationId: null });
    const { temporaryPassword } = created.json();
    const first = await test.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "sam.okafor@stockton.example", password: temporaryPassword }, remoteAddress: someAddress() });
    expect(first.json().user).toMatchObject({ mustChangePassword: true, mustEnrolSecondFactor: true });
    const changed = await as(test.app, sessionCookie(first)).post("/api/auth/password", {
      currentPassword: temporaryPassword,
      newPassword: "heron lantern orchard",
      confirmPassword: "heron lantern orchard",
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().user).toMatchObject({ mustChangePassword: false, mustEnrolSecondFactor: true });
    expect((await as(test.app, sessionCookie(changed)).get("/api/completeness")).json().code).toBe("SECOND_FACTOR_REQUIRED");
  });
});
