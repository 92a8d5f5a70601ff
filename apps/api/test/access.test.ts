// The access matrix: every demo sign-in tries to read and write every indicator's return for the
// open quarter; exactly the allowed set succeeds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, buildTestApp, refusalsAudited, signIn, type TestApp } from "./helper.ts";

const OWNERS = ["iom", "crc", "yot", "pcc", "cps", "police", "publichealth", "fire"];

let test: TestApp;
let openQuarterId: number;
let indicators: { id: number; ref: string | null; restricted: boolean; owner: { shortName: string; id: number }; ownerEmail: string }[];

beforeAll(async () => {
  test = await buildTestApp("demo");
  openQuarterId = (await test.db.prisma.quarter.findFirstOrThrow({ where: { status: "OPEN" } })).id;
  const rows = await test.db.prisma.indicator.findMany({ include: { ownerOrganisation: true } });
  indicators = rows.map((row) => ({
    id: row.id,
    ref: row.ref,
    restricted: row.restricted,
    owner: { id: row.ownerOrganisationId, shortName: row.ownerOrganisation.shortName },
    ownerEmail: row.ownerOrganisation.contactEmail!,
  }));
});
afterAll(() => test.close());

const draft = { version: 0, status: "DRAFT", values: {}, commentary: "Work in progress" };

describe("the access matrix for the open quarter", () => {
  for (const owner of OWNERS) {
    it(`${owner}@demo.test reads and writes exactly its own organisation's returns`, async () => {
      const email = `${owner}@demo.test`;
      const client = as(test.app, await signIn(test.app, email));
      const own = indicators.filter((indicator) => indicator.ownerEmail === email).map((indicator) => indicator.id).sort();
      expect(own.length).toBeGreaterThan(0);

      const list = await client.get(`/api/returns?quarterId=${openQuarterId}`);
      expect(list.statusCode).toBe(200);
      const visible = list.json().items.map((item: { indicator: { id: number } }) => item.indicator.id).sort();
      expect(visible).toEqual(own);

      for (const indicator of indicators) {
        const response = await client.put(`/api/returns/${indicator.id}/${openQuarterId}`, draft);
        // Another organisation's indicator is refused; a restricted one's existence is not even told.
        const expected = own.includes(indicator.id) ? 200 : indicator.restricted ? 404 : 403;
        expect(response.statusCode, `${email} writing ${indicator.ref ?? "continuation"} of ${indicator.owner.shortName}`).toBe(expected);
      }
    });
  }

  for (const role of ["manager", "admin"]) {
    it(`${role}@demo.test reads every return, restricted ones included, but enters no figures`, async () => {
      const client = as(test.app, await signIn(test.app, `${role}@demo.test`));
      const list = await client.get(`/api/returns?quarterId=${openQuarterId}`);
      expect(list.json().items).toHaveLength(indicators.length);
      expect(list.json().items.filter((item: { indicator: { restricted: boolean } }) => item.indicator.restricted)).toHaveLength(1);

      for (const indicator of indicators) {
        const response = await client.put(`/api/returns/${indicator.id}/${openQuarterId}`, { ...draft, version: 1 });
        expect(response.statusCode, `${role} writing ${indicator.ref}`).toBe(403);
      }
    });
  }

  it("shows the restricted 4.1 only to its organisation, managers and admins", async () => {
    const restricted = indicators.find((indicator) => indicator.restricted)!;
    expect(restricted.ref).toBe("4.1");
    for (const owner of OWNERS) {
      const client = as(test.app, await signIn(test.app, `${owner}@demo.test`));
      const ids = (await client.get(`/api/returns?quarterId=${openQuarterId}`)).json().items.map((item: { indicator: { id: number } }) => item.indicator.id);
      expect(ids.includes(restricted.id), owner).toBe(owner === "cps");
    }
  });

  it("audits refused writes and never changes the return", async () => {
    const before = await refusalsAudited(test);
    const iomIndicator = indicators.find((indicator) => indicator.owner.shortName === "IOM")!;
    const response = await as(test.app, await signIn(test.app, "fire@demo.test")).put(`/api/returns/${iomIndicator.id}/${openQuarterId}`, {
      version: 1, status: "SUBMITTED", values: {}, commentary: "Overwritten by Fire",
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({ message: "This indicator belongs to Cleveland Police IOM Unit: only its data owners can see and enter its returns." });
    expect(await refusalsAudited(test)).toBe(before + 1);
    const saved = await test.db.prisma.return.findFirstOrThrow({ where: { indicatorId: iomIndicator.id, quarterId: openQuarterId } });
    expect(saved.commentary).toBe("Work in progress");
  });

  it("lets a manager record 'No data provided' for an outstanding return, but not an owner", async () => {
    const fire = indicators.find((indicator) => indicator.owner.shortName === "Fire")!;
    const notProvided = { version: 1, status: "NO_DATA", noData: { reason: "NOT_PROVIDED" } };
    const byOwner = await as(test.app, await signIn(test.app, "fire@demo.test")).put(`/api/returns/${fire.id}/${openQuarterId}`, notProvided);
    expect(byOwner.statusCode).toBe(403);
    const byManager = await as(test.app, await signIn(test.app, "manager@demo.test")).put(`/api/returns/${fire.id}/${openQuarterId}`, notProvided);
    expect(byManager.statusCode).toBe(200);
    expect(byManager.json().return).toMatchObject({ status: "NO_DATA", noData: { reason: "NOT_PROVIDED" }, updatedBy: { name: "Chris Manning" } });
    const event = await test.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "return.record-not-provided", indicatorId: fire.id } });
    expect(event.actorId).toBe((await test.db.prisma.user.findUniqueOrThrow({ where: { email: "manager@demo.test" } })).id);
  });
});

describe("role permissions", () => {
  it("keeps users and organisations admin to admins, and audits refusals", async () => {
    const before = await refusalsAudited(test);
    for (const email of ["manager@demo.test", "iom@demo.test"]) {
      const client = as(test.app, await signIn(test.app, email));
      expect((await client.get("/api/users")).statusCode, email).toBe(403);
      expect((await client.post("/api/users", { name: "X", email: "x@demo.test", role: "ADMIN" })).statusCode, email).toBe(403);
      expect((await client.post("/api/organisations", { name: "X", shortName: "X" })).statusCode, email).toBe(403);
    }
    expect((await as(test.app, await signIn(test.app, "iom@demo.test")).get("/api/organisations")).statusCode).toBe(403);
    expect((await as(test.app, await signIn(test.app, "manager@demo.test")).get("/api/organisations")).statusCode).toBe(200);
    expect(await refusalsAudited(test)).toBe(before + 7);
  });
});
