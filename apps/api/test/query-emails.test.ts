// A query reaches people: raising one e-mails the owning organisation's data owners, an answer
// e-mails the manager who asked; without a mail server, or with one that is down, the query is
// saved all the same and the audit log says what became of the e-mail.
import { createTestDatabase, type TestDatabase } from "@quarterly-returns/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type App } from "../src/app.ts";
import { as, signIn, testConfig } from "./helper.ts";
import { startSmtpServer, type TestSmtpServer } from "./smtp.ts";

const APP_URL = "https://returns.example.org";
let db: TestDatabase;
let smtp: TestSmtpServer;
let app: App;
let manager: ReturnType<typeof as>;
let fire: ReturnType<typeof as>;
let q4: number;
let fires: number;

const recipients = (index: number) => smtp.received[index]!.to;
const addresses = (to: ReturnType<typeof recipients>) => (Array.isArray(to) ? to : to ? [to] : []).flatMap((group) => group.value.map((address) => address.address));
const emailEvents = (queryId: number) => db.prisma.auditEvent.findMany({ where: { action: "query.email", entityId: String(queryId) }, orderBy: { id: "asc" } });

beforeAll(async () => {
  db = await createTestDatabase("demo");
  smtp = await startSmtpServer();
  app = await buildApp({ config: await testConfig({ smtpUrl: smtp.url, appUrl: APP_URL }), prisma: db.prisma, databaseUrl: db.url });
  manager = as(app, await signIn(app, "manager@demo.test"));
  fire = as(app, await signIn(app, "fire@demo.test"));
  q4 = (await db.prisma.quarter.findFirstOrThrow({ where: { status: "OPEN" } })).id;
  fires = (await db.prisma.indicator.findFirstOrThrow({ where: { ref: "4.6" } })).id;
  const submitted = await fire.put(`/api/returns/${fires}/${q4}`, { version: 0, status: "SUBMITTED", values: { fires: "120" }, previousYear: { fires: "90" }, confirmed: ["fires"] });
  expect(submitted.statusCode, submitted.body).toBe(200);

  // Fire has a second data owner, and one whose account is deactivated; the police's owner is not Fire's.
  const admin = as(app, await signIn(app, "admin@demo.test"));
  const fireId = (await db.prisma.organisation.findUniqueOrThrow({ where: { shortName: "Fire" } })).id;
  const colleague = await admin.post("/api/users", { name: "Sam Okafor", email: "sam.okafor@fire.example", role: "DATA_OWNER", organisationId: fireId });
  const leaver = await admin.post("/api/users", { name: "Lee Moss", email: "lee.moss@fire.example", role: "DATA_OWNER", organisationId: fireId });
  expect([colleague.statusCode, leaver.statusCode]).toEqual([201, 201]);
  expect((await admin.patch(`/api/users/${leaver.json().user.id}`, { active: false, reason: "Moved to another brigade" })).statusCode).toBe(200);
});
afterAll(async () => {
  await app.close();
  await smtp.close();
  await db.drop();
});

describe("query e-mails", () => {
  it("e-mails exactly the owning organisation's active data owners, with a link to the return", async () => {
    const raised = await manager.post(`/api/returns/${fires}/${q4}/queries`, { fieldKey: "fires", text: "120 is a third more than last year:\nis that right?" });
    expect(raised.statusCode, raised.body).toBe(201);

    expect(smtp.received).toHaveLength(1);
    expect(addresses(recipients(0)).sort()).toEqual(["fire@demo.test", "sam.okafor@fire.example"]);
    const mail = smtp.received[0]!;
    expect(mail.subject).toMatch(/^Query on your Q4 2019\/20 return: 4\.6 /);
    expect(mail.text).toMatch(/^Chris Manning has a question about the “.+” figure in your Q4 2019\/20 return for 4\.6 .+:$/m);
    expect(mail.text).toContain("> 120 is a third more than last year:\n> is that right?");
    expect(mail.text).toContain(`${APP_URL}/returns/${fires}/${q4}`);

    const [event] = await emailEvents(raised.json().query.id);
    expect(event!.after).toMatchObject({ to: ["fire@demo.test", "sam.okafor@fire.example"], delivery: "SENT" });
  });

  it("e-mails the answer to the manager who raised the query", async () => {
    const query = (await manager.post(`/api/returns/${fires}/${q4}/queries`, { text: "Does 120 include the bonfire night fires?" })).json().query;
    const before = smtp.received.length;
    const answered = await fire.post(`/api/queries/${query.id}/answer`, { response: "Yes: 31 of them were on 5 November." });
    expect(answered.statusCode, answered.body).toBe(200);

    expect(smtp.received).toHaveLength(before + 1);
    const mail = smtp.received.at(-1)!;
    expect(addresses(mail.to)).toEqual(["manager@demo.test"]);
    expect(mail.subject).toMatch(/^Answer to your query on 4\.6 .*, Q4 2019\/20$/);
    expect(mail.text).toContain("Dear Chris Manning,");
    expect(mail.text).toContain("> Does 120 include the bonfire night fires?");
    expect(mail.text).toContain("> Yes: 31 of them were on 5 November.");
    expect(mail.text).toContain(`${APP_URL}/returns/${fires}/${q4}`);
    const events = await emailEvents(query.id);
    expect(events.map((event) => (event.after as { to: string[] }).to)).toEqual([["fire@demo.test", "sam.okafor@fire.example"], ["manager@demo.test"]]);
  });

  it("raises and answers the query without a mail server, and the audit log says it was not e-mailed", async () => {
    const noMail = await buildApp({ config: await testConfig({ smtpUrl: null }), prisma: db.prisma, databaseUrl: db.url });
    try {
      const before = smtp.received.length;
      const raised = await as(noMail, await signIn(noMail, "manager@demo.test")).post(`/api/returns/${fires}/${q4}/queries`, { text: "Anything to add?" });
      expect(raised.statusCode, raised.body).toBe(201);
      const answered = await as(noMail, await signIn(noMail, "fire@demo.test")).post(`/api/queries/${raised.json().query.id}/answer`, { response: "No." });
      expect(answered.statusCode, answered.body).toBe(200);
      expect(smtp.received).toHaveLength(before);
      const events = await emailEvents(raised.json().query.id);
      expect(events.map((event) => event.after)).toEqual([
        expect.objectContaining({ delivery: "NOT_SENT", problem: "e-mail is not set up" }),
        expect.objectContaining({ delivery: "NOT_SENT", problem: "e-mail is not set up" }),
      ]);
    } finally {
      await noMail.close();
    }
  });

  it("keeps the query when the mail server is down, and records the failure", async () => {
    const down = await buildApp({ config: await testConfig({ smtpUrl: "smtp://127.0.0.1:1" }), prisma: db.prisma, databaseUrl: db.url });
    try {
      const raised = await as(down, await signIn(down, "manager@demo.test")).post(`/api/returns/${fires}/${q4}/queries`, { text: "Is the server down?" });
      expect(raised.statusCode, raised.body).toBe(201);
      expect(await db.prisma.returnQuery.count({ where: { id: raised.json().query.id } })).toBe(1);
      const [event] = await emailEvents(raised.json().query.id);
      expect(event!.after).toMatchObject({ delivery: "FAILED", problem: expect.stringMatching(/ECONNREFUSED|connect/i) });
    } finally {
      await down.close();
    }
  });
});
