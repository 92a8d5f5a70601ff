import type { PrismaClient } from "@quarterly-returns/db";
import { createTestDatabase, type TestDatabase } from "@quarterly-returns/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type App } from "../src/app.ts";
import { as, signIn, testConfig } from "./helper.ts";
import { startSmtpServer, type TestSmtpServer } from "./smtp.ts";

const DAY = 86_400_000;
const dateOnly = (offsetDays: number) => new Date(new Date(new Date().toISOString().slice(0, 10) + "T00:00:00Z").getTime() + offsetDays * DAY);

let db: TestDatabase;
let smtp: TestSmtpServer;
let app: App;
let manager: ReturnType<typeof as>;
let q4: number;

/** The demo's Q4, due yesterday, with returns in every state. */
async function construct(prisma: PrismaClient) {
  const quarter = await prisma.quarter.findFirstOrThrow({ where: { status: "OPEN" } });
  await prisma.quarter.update({ where: { id: quarter.id }, data: { dueDate: dateOnly(-1) } });
  const indicator = async (title: string) => (await prisma.indicator.findFirstOrThrow({ where: { title: { startsWith: title } } })).id;
  const owner = async (email: string) => (await prisma.user.findUniqueOrThrow({ where: { email } })).id;
  const put = async (title: string, email: string, data: object, submittedDaysAgo: number | null) => {
    const by = await owner(email);
    const when = submittedDaysAgo === null ? null : new Date(Date.now() - submittedDaysAgo * DAY);
    await prisma.return.create({
      data: {
        indicatorId: await indicator(title), quarterId: quarter.id, createdById: by, updatedById: by,
        submittedById: when ? by : null, submittedAt: when, ...(data as { status: "DRAFT" }),
      },
    });
  };
  await put("Monitor the number of reoffenders", "iom@demo.test", { status: "SUBMITTED", commentary: "In on time" }, 3);
  await put("Monitor the average number", "iom@demo.test", { status: "SUBMITTED", commentary: "In late" }, 0);
  await put("% of positive completions of Community", "crc@demo.test", { status: "NO_DATA", noDataReason: "NOT_YET_AVAILABLE", availableFrom: dateOnly(1) }, 3);
  await put("% of positive completions on licenses", "crc@demo.test", { status: "NO_DATA", noDataReason: "NOT_YET_AVAILABLE", availableFrom: dateOnly(-2) }, 3);
  await put("% of offenders recalled", "crc@demo.test", { status: "DRAFT" }, null);
  await put("Reduction in youth offending", "yot@demo.test", { status: "NO_DATA", noDataReason: "NOT_RELEASED", explanation: "Not released" }, 3);
  await put("Monitor the number of Restorative", "manager@demo.test", { status: "NO_DATA", noDataReason: "NOT_PROVIDED" }, 0);
  return quarter.id;
}

beforeAll(async () => {
  db = await createTestDatabase("demo");
  smtp = await startSmtpServer();
  q4 = await construct(db.prisma);
  app = await buildApp({ config: await testConfig({ smtpUrl: smtp.url, appUrl: "https://returns.example.org" }), prisma: db.prisma, databaseUrl: db.url });
  manager = as(app, await signIn(app, "manager@demo.test"));
});
afterAll(async () => {
  await app.close();
  await smtp.close();
  await db.drop();
});

const organisation = async (shortName: string) => (await db.prisma.organisation.findUniqueOrThrow({ where: { shortName } })).id;

describe("GET /api/quarters/:id/completeness", () => {
  it("counts completeness and timeliness, with expected dates before and after today", async () => {
    const response = await manager.get(`/api/quarters/${q4}/completeness`);
    expect(response.statusCode).toBe(200);
    const completeness = response.json();
    expect(completeness).toMatchObject({ expected: 22, received: 3, receivedOnTime: 2, outstanding: 18, overdue: 17, mailConfigured: true });
    expect(completeness.completeness).toBeCloseTo(3 / 22);
    expect(completeness.timeliness).toBeCloseTo(2 / 22);

    const crc = completeness.organisations.find((entry: { organisation: { shortName: string } }) => entry.organisation.shortName === "CRC");
    expect(crc).toMatchObject({ expected: 4, received: 0, outstanding: 4, overdue: 3 });
    type Cell = { indicator: { ref: string }; progress: { state: string; overdue: boolean } };
    expect(crc.cells.map((cell: Cell) => `${cell.indicator.ref} ${cell.progress.state}${cell.progress.overdue ? " overdue" : ""}`)).toEqual([
      "1.2 EXPECTED", "1.3 EXPECTED overdue", "1.4 DRAFT overdue", "1.5 MISSING overdue",
    ]);
    const pcc = completeness.organisations.find((entry: { organisation: { shortName: string } }) => entry.organisation.shortName === "PCC");
    expect(pcc.cells[0].progress.state).toBe("NOT_PROVIDED");
    expect(completeness.followUps.map((followUp: { indicator: { ref: string }; overdue: boolean }) => [followUp.indicator.ref, followUp.overdue])).toEqual([
      ["1.3", true],
      ["1.2", false],
    ]);
  });

  it("is for managers and admins only", async () => {
    const owner = as(app, await signIn(app, "fire@demo.test"));
    expect((await owner.get(`/api/quarters/${q4}/completeness`)).statusCode).toBe(403);
    expect((await owner.post("/api/chases/preview", { quarterId: q4 })).statusCode).toBe(403);
    expect((await owner.post("/api/chases", { quarterId: q4, organisationId: await organisation("Fire") })).statusCode).toBe(403);
    expect((await owner.get(`/api/chases?quarterId=${q4}`)).statusCode).toBe(403);
  });
});

describe("chasing", () => {
  it("emails the contact a reminder listing exactly the outstanding returns, and records it", async () => {
    const response = await manager.post("/api/chases", { quarterId: q4, organisationId: await organisation("CRC") });
    expect(response.statusCode).toBe(201);
    expect(response.json().chase).toMatchObject({ recipient: "crc@demo.test", deliveryStatus: "SENT", deliveryError: null, sentBy: { name: "Chris Manning" } });
    expect(response.json().chase.items.map((item: { ref: string }) => item.ref)).toEqual(["1.2", "1.3", "1.4", "1.5"]);

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toMatchObject({ text: "crc@demo.test" });
    expect(mail.from?.value).toEqual([{ name: "Quarterly Returns", address: "no-reply@test.invalid" }]);
    expect(mail.subject).toBe("Q4 2019/20 performance returns: 4 returns outstanding for DTV Community Rehabilitation Company");
    const listed = [...mail.text!.matchAll(/^- (\d\.\d) /gm)].map((match) => match[1]);
    expect(listed).toEqual(["1.2", "1.3", "1.4", "1.5"]);
    expect(mail.text).toContain("Dear Paul Haley,");
    expect(mail.text).toContain(`https://returns.example.org/returns?quarter=${q4}`);
    expect(mail.text).toContain("1.4 % of offenders recalled: Draft");

    const history = await manager.get(`/api/chases?quarterId=${q4}&organisationId=${await organisation("CRC")}`);
    expect(history.json().chases).toHaveLength(1);
    expect(await db.prisma.auditEvent.count({ where: { action: "chase.send" } })).toBe(1);
  });

  it("does not chase again within 24 hours unless the manager insists", async () => {
    const crc = await organisation("CRC");
    const again = await manager.post("/api/chases", { quarterId: q4, organisationId: crc });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("RECENTLY_CHASED");

    const preview = await manager.post("/api/chases/preview", { quarterId: q4, scope: "overdue" });
    const skipped = preview.json().chases.filter((chase: { skipped: string | null }) => chase.skipped).map((chase: { organisation: { shortName: string }; skipped: string }) => `${chase.organisation.shortName} ${chase.skipped}`);
    expect(skipped).toEqual(["CRC RECENTLY_CHASED"]);
    expect(preview.json().chases.map((chase: { organisation: { shortName: string } }) => chase.organisation.shortName)).not.toContain("PCC");

    const insisted = await manager.post("/api/chases", { quarterId: q4, organisationId: crc, insist: true, subject: "Reminder", body: "Please send 1.2 to 1.5." });
    expect(insisted.statusCode).toBe(201);
    expect(smtp.received.at(-1)!.subject).toBe("Reminder");
    expect(smtp.received.at(-1)!.text!.trim()).toBe("Please send 1.2 to 1.5.");
  });

  it("records a failed delivery with its error when the mail server is down", async () => {
    const down = await buildApp({ config: await testConfig({ smtpUrl: "smtp://127.0.0.1:1" }), prisma: db.prisma, databaseUrl: db.url });
    try {
      const response = await as(down, await signIn(down, "manager@demo.test")).post("/api/chases", { quarterId: q4, organisationId: await organisation("Fire") });
      expect(response.statusCode).toBe(201);
      expect(response.json().chase.deliveryStatus).toBe("FAILED");
      expect(response.json().chase.deliveryError).toMatch(/ECONNREFUSED|connect/i);
    } finally {
      await down.close();
    }
  });

  it("without a mail server records the chase as not sent, and says so", async () => {
    const noMail = await buildApp({ config: await testConfig({ smtpUrl: null }), prisma: db.prisma, databaseUrl: db.url });
    try {
      const client = as(noMail, await signIn(noMail, "manager@demo.test"));
      expect((await client.get(`/api/quarters/${q4}/completeness`)).json().mailConfigured).toBe(false);
      const response = await client.post("/api/chases", { quarterId: q4, organisationId: await organisation("Police") });
      expect(response.json().chase).toMatchObject({ deliveryStatus: "NOT_SENT", deliveryError: "not sent: no mail server configured" });
    } finally {
      await noMail.close();
    }
  });

  it("refuses to chase an organisation with nothing outstanding", async () => {
    const response = await manager.post("/api/chases", { quarterId: q4, organisationId: await organisation("PCC") });
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toBe("Office of the PCC has nothing outstanding for this quarter.");
  });
});
