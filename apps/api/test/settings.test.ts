import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, buildTestApp, signIn, type TestApp } from "./helper.ts";

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp("demo");
});
afterAll(() => test.close());

const client = async (email: string) => as(test.app, await signIn(test.app, email));

describe("the partnership's name", () => {
  it("starts as the demo partnership's, and everyone signed in may read it", async () => {
    for (const email of ["admin@demo.test", "manager@demo.test", "yot@demo.test"]) {
      const response = await (await client(email)).get("/api/settings");
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ partnershipName: "Safer Stockton Partnership" });
    }
    expect((await test.app.inject({ method: "GET", url: "/api/settings" })).statusCode).toBe(401);
  });

  it("is changed by an admin only, and the change is audited", async () => {
    const manager = await client("manager@demo.test");
    expect((await manager.put("/api/settings", { partnershipName: "Someone else" })).statusCode).toBe(403);

    const admin = await client("admin@demo.test");
    const saved = await admin.put("/api/settings", { partnershipName: "  Tees Valley Community Safety Partnership " });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ partnershipName: "Tees Valley Community Safety Partnership" });
    expect((await manager.get("/api/settings")).json()).toEqual({ partnershipName: "Tees Valley Community Safety Partnership" });

    const event = await test.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "settings.update" }, orderBy: { id: "desc" } });
    expect(event.before).toEqual({ partnershipName: "Safer Stockton Partnership" });
    expect(event.after).toMatchObject({ partnershipName: "Tees Valley Community Safety Partnership" });
  });

  it("refuses an empty name, saying what to do", async () => {
    const response = await (await client("admin@demo.test")).put("/api/settings", { partnershipName: "   " });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("Enter the partnership's name");
  });
});
