// Refused requests are audited without flooding the log: a person's first refusal for a reason is
// written at once, its repeats within the minute as one more event with the count.
import { auditEventLabel } from "@quarterly-returns/shared/audit-actions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import type { PersonActor } from "../src/core/context.ts";
import { RepeatedRefusals, type Refusal } from "../src/core/refusals.ts";
import { as, buildTestApp, signIn, testConfig, type TestApp } from "./helper.ts";

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp("demo");
});
afterAll(() => test.close());

const personNamed = async (email: string): Promise<PersonActor> => {
  const user = await test.db.prisma.user.findUniqueOrThrow({ where: { email } });
  return { kind: "person", id: user.id, name: user.name, role: user.role, organisationId: user.organisationId };
};
const refusalsOf = (actorId: number) =>
  test.db.prisma.auditEvent.findMany({ where: { action: "access.refused", actorId }, orderBy: { id: "asc" } });

describe("a burst of refusals", () => {
  it("200 refused requests from one owner are two events: the first, then the other 199 with their count", async () => {
    const owner = await personNamed("iom@demo.test");
    const client = as(test.app, await signIn(test.app, "iom@demo.test"));
    const answers = await Promise.all(Array.from({ length: 200 }, () => client.get("/api/users")));
    expect(answers.every((answer) => answer.statusCode === 403)).toBe(true);
    expect(await refusalsOf(owner.id)).toHaveLength(1);

    await test.app.refusals.flush();
    const [first, repeats] = await refusalsOf(owner.id);
    expect(first!.after).toEqual({ request: "GET /api/users", status: 403, reason: "You do not have permission to do this.", permission: "manageUsers" });
    const after = repeats!.after as { repeated: number; from: string; to: string; requests: string[] };
    expect(after).toMatchObject({ status: 403, reason: "You do not have permission to do this.", repeated: 199, requests: ["GET /api/users"] });
    expect(new Date(after.from).getTime()).toBeGreaterThanOrEqual(first!.at.getTime());
    expect(new Date(after.to).getTime()).toBeGreaterThanOrEqual(new Date(after.from).getTime());
    expect(repeats!.at.toISOString()).toBe(after.to);

    // The audit log shows the count in words.
    const manager = as(test.app, await signIn(test.app, "manager@demo.test"));
    const page = (await manager.get(`/api/audit?actorId=${owner.id}&action=access.refused`)).json();
    expect(page.events).toHaveLength(2);
    expect(auditEventLabel(page.events[0])).toMatch(/^Refused access 199 more times (between \d\d:\d\d:\d\d and \d\d:\d\d:\d\d|at \d\d:\d\d:\d\d)$/);
    expect(auditEventLabel(page.events[1])).toBe("Refused access");
  });

  it("counts each person's reasons apart", async () => {
    const [fire, yot] = [await personNamed("fire@demo.test"), await personNamed("yot@demo.test")];
    const fireClient = as(test.app, await signIn(test.app, "fire@demo.test"));
    const yotClient = as(test.app, await signIn(test.app, "yot@demo.test"));
    const quarter = await test.db.prisma.quarter.findFirstOrThrow({ where: { status: "OPEN" } });
    const iomIndicator = await test.db.prisma.indicator.findFirstOrThrow({ where: { ownerOrganisation: { shortName: "IOM" }, restricted: false } });
    for (let i = 0; i < 3; i++) expect((await fireClient.get("/api/organisations")).statusCode).toBe(403);
    for (let i = 0; i < 2; i++) expect((await fireClient.get(`/api/returns/${iomIndicator.id}/${quarter.id}`)).statusCode).toBe(403);
    expect((await yotClient.get("/api/organisations")).statusCode).toBe(403);
    await test.app.refusals.flush();

    // The counts are written together, in either order.
    const counted = (events: Awaited<ReturnType<typeof refusalsOf>>) =>
      events.map((event) => `${(event.after as { reason: string }).reason.slice(0, 20)}: ${(event.after as { repeated?: number }).repeated ?? "first"}`).sort();
    expect(counted(await refusalsOf(fire.id))).toEqual(["This indicator belon: 1", "This indicator belon: first", "You do not have perm: 2", "You do not have perm: first"]);
    expect(counted(await refusalsOf(yot.id))).toEqual(["You do not have perm: first"]);
  });
});

describe("the minute of a count", () => {
  const refusal: Refusal = { status: 403, reason: "You do not have permission to do this.", request: "GET /api/users", details: { permission: "manageUsers" } };

  it("ends at the next refusal after it: the count is written, and a new one starts with that refusal", async () => {
    const actor = await personNamed("crc@demo.test");
    const refusals = new RepeatedRefusals({ db: test.db.prisma, failed: (error) => { throw error; } });
    const start = Date.parse("2026-11-20T10:00:00Z");
    const at = (seconds: number) => ({ db: test.db.prisma, actor, clientAddress: "10.0.0.1", now: () => new Date(start + seconds * 1000) });
    for (const seconds of [0, 1, 30, 59]) await refusals.record(at(seconds), refusal);
    expect(await refusalsOf(actor.id)).toHaveLength(1);
    await refusals.record(at(61), refusal);
    await refusals.flush();

    const events = await refusalsOf(actor.id);
    expect(events.map((event) => [event.at.toISOString(), (event.after as { repeated?: number }).repeated ?? "first"])).toEqual([
      ["2026-11-20T10:00:00.000Z", "first"],
      ["2026-11-20T10:00:59.000Z", 3],
      ["2026-11-20T10:01:01.000Z", "first"],
    ]);
    expect(events[1]!.after).toMatchObject({ from: "2026-11-20T10:00:01.000Z", to: "2026-11-20T10:00:59.000Z" });
    expect(auditEventLabel({ action: "access.refused", after: { repeated: 1, from: "2026-11-20T10:00:01.000Z", to: "2026-11-20T10:00:01.000Z" } })).toMatch(/^Refused access 1 more time at \d\d:\d\d:01$/);
  });

  it("ends when its time is up, with no other refusal: a timer writes the count", async () => {
    const actor = await personNamed("pcc@demo.test");
    const refusals = new RepeatedRefusals({ db: test.db.prisma, windowMs: 100, failed: (error) => { throw error; } });
    const source = { db: test.db.prisma, actor, clientAddress: "10.0.0.2", now: () => new Date() };
    await Promise.all([refusals.record(source, refusal), refusals.record(source, refusal), refusals.record(source, refusal)]);
    expect(await refusalsOf(actor.id)).toHaveLength(1);
    await expect.poll(async () => (await refusalsOf(actor.id)).map((event) => (event.after as { repeated?: number }).repeated ?? "first"), { timeout: 5_000 }).toEqual(["first", 2]);
  });

  it("ends when the server stops: closing the app writes the counts it holds", async () => {
    const app = await buildApp({ config: await testConfig(), prisma: test.db.prisma, databaseUrl: test.db.url });
    const actor = await personNamed("police@demo.test");
    const client = as(app, await signIn(app, "police@demo.test"));
    for (let i = 0; i < 5; i++) expect((await client.get("/api/audit")).statusCode).toBe(403);
    expect(await refusalsOf(actor.id)).toHaveLength(1);
    await app.close();
    expect((await refusalsOf(actor.id)).map((event) => (event.after as { repeated?: number }).repeated ?? "first")).toEqual(["first", 4]);
  });
});
