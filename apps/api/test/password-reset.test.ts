// "Forgotten your password?": the same answer for every address, a link by e-mail (caught by a
// real SMTP server) that works once, for 30 minutes, while it is the newest; limits per network
// and per account; the new password ends every session and does not sign anyone in.
import { createTestDatabase, type TestDatabase } from "@quarterly-returns/db/testing";
import { RESET_LINK_PROBLEMS, resetLinkSentMessage } from "@quarterly-returns/shared/password-reset";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildApp, type App } from "../src/app.ts";
import { RESET_LINKS_PER_ACCOUNT_PER_HOUR, RESET_LOCK_CLASS } from "../src/core/auth/password-reset.ts";
import { FAILURES_WITHOUT_DELAY } from "../src/core/auth/sign-in-limit.ts";
import { PASSWORD_PROBLEMS } from "../src/core/auth/password-rules.ts";
import { RESET_LINK_REQUESTS_PER_NETWORK } from "../src/features/auth/password-reset-routes.ts";
import { withoutTokens } from "../src/lib/log-serializers.ts";
import { as, signIn, someAddress, testConfig } from "./helper.ts";
import { startSmtpServer, type TestSmtpServer } from "./smtp.ts";

const APP_URL = "https://returns.example.org";
const LINK = new RegExp(`^${APP_URL.replace(/\./g, "\\.")}/reset-password\\?token=([A-Za-z0-9_-]{43})$`, "m");
const NEW_PASSWORD = "copper lantern orchard";

let db: TestDatabase;
let smtp: TestSmtpServer;
let app: App;

beforeAll(async () => {
  db = await createTestDatabase("demo");
  smtp = await startSmtpServer();
  app = await buildApp({ config: await testConfig({ smtpUrl: smtp.url, appUrl: APP_URL }), prisma: db.prisma, databaseUrl: db.url });
});
afterAll(async () => {
  await app.close();
  await smtp.close();
  await db.drop();
});

const post = (url: string, payload: object, remoteAddress = someAddress()) => app.inject({ method: "POST", url, payload, remoteAddress });
const askForLink = (email: string, remoteAddress?: string) => post("/api/auth/password-reset/request", { email }, remoteAddress);
const checkLink = (token: string) => post("/api/auth/password-reset/check", { token });
const chooseWithLink = (token: string, newPassword = NEW_PASSWORD, confirmPassword = newPassword) =>
  post("/api/auth/password-reset", { token, newPassword, confirmPassword });

const OUTCOMES = ["auth.password-reset-sent", "auth.password-reset-not-sent"];
/** The requests for the address whose work has finished (the answer goes before it), oldest first. */
async function outcomesFor(email: string, count: number) {
  return vi.waitFor(
    async () => {
      const events = await db.prisma.auditEvent.findMany({ where: { action: { in: OUTCOMES }, after: { path: ["email"], equals: email } }, orderBy: { id: "asc" } });
      expect(events.length).toBeGreaterThanOrEqual(count);
      return events;
    },
    { timeout: 10_000, interval: 25 },
  );
}
const mailsTo = (email: string) => smtp.received.filter((mail) => [mail.to].flat().some((group) => group?.value.some((address) => address.address === email)));
const tokenIn = (text: string | undefined) => LINK.exec(text ?? "")![1]!;

async function linkFor(email: string): Promise<string> {
  const before = mailsTo(email).length;
  expect((await askForLink(email)).statusCode).toBe(202);
  await outcomesFor(email, before + 1);
  const mails = mailsTo(email);
  expect(mails).toHaveLength(before + 1);
  return tokenIn(mails.at(-1)!.text);
}

describe("asking for a link", () => {
  it("answers the same whether or not the address has an account, and e-mails only an active account", async () => {
    await db.prisma.user.update({ where: { email: "pcc@demo.test" }, data: { active: false } });
    const answers = await Promise.all(["iom@demo.test", "nobody@demo.test", "pcc@demo.test"].map((email) => askForLink(email)));
    expect(answers.map((answer) => answer.statusCode)).toEqual([202, 202, 202]);
    expect(answers.map((answer) => answer.json())).toEqual(
      ["iom@demo.test", "nobody@demo.test", "pcc@demo.test"].map((email) => ({ message: resetLinkSentMessage(email) })),
    );
    expect(answers[0]!.json().message).toBe("If iom@demo.test has an account, we have sent a link to it to choose a new password. The link works once, for 30 minutes.");

    const [sent] = await outcomesFor("iom@demo.test", 1);
    const [unknown] = await outcomesFor("nobody@demo.test", 1);
    const [deactivated] = await outcomesFor("pcc@demo.test", 1);
    expect(sent).toMatchObject({ action: "auth.password-reset-sent", actorId: expect.any(Number) });
    expect(unknown).toMatchObject({ action: "auth.password-reset-not-sent", actorId: null, after: { reason: "no account has this e-mail address" } });
    expect(deactivated).toMatchObject({ action: "auth.password-reset-not-sent", after: { reason: "the account is deactivated" } });

    expect(mailsTo("nobody@demo.test")).toEqual([]);
    expect(mailsTo("pcc@demo.test")).toEqual([]);
    const [mail] = mailsTo("iom@demo.test");
    expect(mail!.subject).toBe("Choose a new password for Quarterly Returns");
    expect(mail!.text).toMatch(/^Dear Zoe Green,$/m);
    expect(mail!.text).toContain("open this link within 30 minutes");
    const token = tokenIn(mail!.text);
    // Only the token's hash is stored.
    const stored = await db.prisma.passwordReset.findFirstOrThrow({ where: { user: { email: "iom@demo.test" } } });
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBe(30 * 60 * 1000);
  });

  it("answers before it looks the address up or sends anything, so how long it takes tells nothing", async () => {
    // The lookup waits for this lock: an answer that waited for the lookup would never come.
    const holder = await db.sql.connect();
    const lock = (verb: "lock" | "unlock") => holder.query(`SELECT pg_advisory_${verb}($1::int, hashtext($2))`, [RESET_LOCK_CLASS, "crc@demo.test"]);
    await lock("lock");
    try {
      const answer = await askForLink("crc@demo.test");
      expect(answer.statusCode).toBe(202);
      expect(mailsTo("crc@demo.test")).toEqual([]);
    } finally {
      await lock("unlock");
      holder.release();
    }
    await outcomesFor("crc@demo.test", 1);
    expect(mailsTo("crc@demo.test")).toHaveLength(1);
  });

  it(`sends an account at most ${RESET_LINKS_PER_ACCOUNT_PER_HOUR} links an hour, answering the same to the rest`, async () => {
    const answers = [];
    for (let request = 0; request <= RESET_LINKS_PER_ACCOUNT_PER_HOUR; request++) answers.push(await askForLink("police@demo.test"));
    expect(new Set(answers.map((answer) => `${answer.statusCode} ${answer.body}`)).size).toBe(1);
    const outcomes = await outcomesFor("police@demo.test", RESET_LINKS_PER_ACCOUNT_PER_HOUR + 1);
    // A refusal is audited at once, a link once its e-mail has gone: the order of the two may vary.
    expect(outcomes.map((event) => event.action).sort()).toEqual(["auth.password-reset-not-sent", ...Array(RESET_LINKS_PER_ACCOUNT_PER_HOUR).fill("auth.password-reset-sent")]);
    expect(outcomes.find((event) => event.action === "auth.password-reset-not-sent")!.after).toMatchObject({ reason: "3 links were already sent in the last hour" });
    expect(mailsTo("police@demo.test")).toHaveLength(RESET_LINKS_PER_ACCOUNT_PER_HOUR);
  });

  it(`takes ${RESET_LINK_REQUESTS_PER_NETWORK} requests from one network in 15 minutes, then asks it to wait`, async () => {
    const network = someAddress();
    for (let request = 0; request < RESET_LINK_REQUESTS_PER_NETWORK; request++) {
      expect((await askForLink(`someone${request}@elsewhere.example`, network)).statusCode).toBe(202);
    }
    const refused = await askForLink("someone.else@elsewhere.example", network);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().message).toBe("Too many requests for password reset links from your network. Wait 15 minutes, then try again.");
    expect((await askForLink("someone.else@elsewhere.example")).statusCode).toBe(202);
  });
});

describe("using a link", () => {
  it("sets the password once, ends every session, clears a temporary password, and does not sign in", async () => {
    const admin = as(app, await signIn(app, "admin@demo.test"));
    const yotId = (await db.prisma.organisation.findUniqueOrThrow({ where: { shortName: "YOT" } })).id;
    const created = await admin.post("/api/users", { name: "Dana Fox", email: "dana.fox@yot.example", role: "DATA_OWNER", organisationId: yotId });
    expect(created.statusCode, created.body).toBe(201);
    const { temporaryPassword } = created.json();
    const session = as(app, await signIn(app, "dana.fox@yot.example", temporaryPassword));
    expect((await session.get("/api/me")).json().user.mustChangePassword).toBe(true);

    const token = await linkFor("dana.fox@yot.example");
    const checked = await checkLink(token);
    expect(checked.statusCode).toBe(200);
    expect(checked.json()).toEqual({ email: "dana.fox@yot.example" });

    const weak = await chooseWithLink(token, "password1234");
    expect(weak.statusCode).toBe(400);
    expect(weak.json().fields).toEqual({ newPassword: PASSWORD_PROBLEMS.common });
    const mismatched = await chooseWithLink(token, NEW_PASSWORD, "copper lantern");
    expect(mismatched.json().fields).toEqual({ confirmPassword: "The passwords do not match" });

    const reset = await chooseWithLink(token);
    expect(reset.statusCode, reset.body).toBe(204);
    expect(reset.cookies).toEqual([]);
    expect((await session.get("/api/me")).statusCode).toBe(401);
    const login = (password: string) => post("/api/auth/login", { email: "dana.fox@yot.example", password });
    expect((await login(temporaryPassword)).statusCode).toBe(401);
    const signedIn = await login(NEW_PASSWORD);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().user.mustChangePassword).toBe(false);

    const again = await chooseWithLink(token, "another quite long passphrase");
    expect(again.statusCode).toBe(410);
    expect(again.json()).toEqual({ message: RESET_LINK_PROBLEMS.used.title, problem: "used" });
    expect((await checkLink(token)).json().problem).toBe("used");
    expect((await login(NEW_PASSWORD)).statusCode).toBe(200);

    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: "dana.fox@yot.example" } });
    const events = await db.prisma.auditEvent.findMany({ where: { actorId: user.id, action: { startsWith: "auth.password-reset" } }, orderBy: { id: "asc" } });
    expect(events.map((event) => event.action)).toEqual(["auth.password-reset-sent", "auth.password-reset", "auth.password-reset-refused", "auth.password-reset-refused"]);
  });

  it("ends a run of failed sign-ins, from any network: the new password may be tried at once", async () => {
    const guesser = someAddress();
    const login = (password: string) => post("/api/auth/login", { email: "cps@demo.test", password }, guesser);
    for (let attempt = 0; attempt < FAILURES_WITHOUT_DELAY; attempt++) expect((await login("not the password")).statusCode).toBe(401);
    expect((await login("demo1234")).statusCode).toBe(429);

    // The owner, elsewhere, sets a new password with a link.
    expect((await chooseWithLink(await linkFor("cps@demo.test"))).statusCode).toBe(204);
    expect((await login(NEW_PASSWORD)).statusCode).toBe(200);
  });

  it("stops working once a newer link is sent, or after 30 minutes", async () => {
    const older = await linkFor("yot@demo.test");
    const newer = await linkFor("yot@demo.test");
    expect(await Promise.all([checkLink(older), checkLink(newer)]).then((answers) => answers.map((answer) => answer.statusCode))).toEqual([410, 200]);
    const replaced = await chooseWithLink(older);
    expect(replaced.json()).toEqual({ message: "We have sent you a newer link", problem: "replaced" });

    // As if it had been sent 31 minutes ago.
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60 * 1000);
    await db.prisma.passwordReset.updateMany({ where: { user: { email: "yot@demo.test" }, usedAt: null, replacedAt: null }, data: { createdAt: minutesAgo(31), expiresAt: minutesAgo(1) } });
    const expired = await chooseWithLink(newer);
    expect(expired.statusCode).toBe(410);
    expect(expired.json()).toEqual({ message: "This link has expired", problem: "expired" });
    expect((await post("/api/auth/login", { email: "yot@demo.test", password: "demo1234" })).statusCode).toBe(200);
  });

  it("stops working when the account is deactivated", async () => {
    const token = await linkFor("publichealth@demo.test");
    const admin = as(app, await signIn(app, "admin@demo.test"));
    const { id } = await db.prisma.user.findUniqueOrThrow({ where: { email: "publichealth@demo.test" } });
    expect((await admin.patch(`/api/users/${id}`, { active: false, reason: "Left SBC Public Health" })).statusCode).toBe(200);
    const refused = await chooseWithLink(token);
    expect(refused.statusCode).toBe(410);
    expect(refused.json()).toEqual({ message: "This account has been deactivated", problem: "deactivated" });
  });

  it("tells a link that is not complete from one the app never made", async () => {
    const malformed = await checkLink("abc123");
    expect(malformed.statusCode).toBe(404);
    expect(malformed.json()).toEqual({ message: "This link is not complete", problem: "malformed" });
    const unknown = await chooseWithLink("A".repeat(43));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ message: "This link is not right", problem: "unknown" });
  });

  it("keeps the token out of the server's log", () => {
    expect(withoutTokens("/reset-password?token=abcDEF_-123&x=1")).toBe("/reset-password?token=[hidden]&x=1");
  });
});
