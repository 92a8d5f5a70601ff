import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, buildTestApp, signIn, type TestApp } from "./helper.ts";

let test: TestApp;
let admin: ReturnType<typeof as>;
let q4: number;
let fireId: number;

beforeAll(async () => {
  test = await buildTestApp("demo");
  admin = as(test.app, await signIn(test.app, "admin@demo.test"));
  q4 = (await test.db.prisma.quarter.findFirstOrThrow({ where: { status: "OPEN" } })).id;
  fireId = (await test.db.prisma.organisation.findUniqueOrThrow({ where: { shortName: "Fire" } })).id;
  const fire = as(test.app, await signIn(test.app, "fire@demo.test"));
  const f3 = await test.db.prisma.indicator.findFirstOrThrow({ where: { ref: "4.6" } });
  await fire.put(`/api/returns/${f3.id}/${q4}`, { version: 0, status: "DRAFT", values: { fires: "100" } });
  await fire.put(`/api/returns/${f3.id}/${q4}`, { version: 1, status: "SUBMITTED", values: { fires: "120" }, previousYear: { fires: "90" }, confirmed: ["fires"] });
});
afterAll(() => test.close());

describe("the audit log", () => {
  it("filters by action, quarter, organisation, person and date, newest first, with before and after", async () => {
    const maria = await test.db.prisma.user.findUniqueOrThrow({ where: { email: "fire@demo.test" } });
    const page = (await admin.get(`/api/audit?quarterId=${q4}&organisationId=${fireId}&actorId=${maria.id}`)).json();
    expect(page.events.map((event: { action: string }) => event.action)).toEqual(["return.submit", "return.save-draft"]);
    expect(page.events[0]).toMatchObject({
      actor: { name: "Maria Watson" },
      quarter: { name: "Q4 2019/20" },
      organisation: { shortName: "Fire" },
      indicator: { ref: "4.6" },
      before: { values: { fires: "100" }, status: "DRAFT" },
      after: { values: { fires: "120" }, status: "SUBMITTED" },
    });
    expect((await admin.get("/api/audit?action=quarter.close")).json().total).toBe(3);
    const today = new Date().toISOString().slice(0, 10);
    expect((await admin.get(`/api/audit?action=quarter.close&from=${today}`)).json().total).toBe(0);
    expect((await admin.get(`/api/audit?action=return.submit&from=${today}&to=${today}`)).json().total).toBe(1);
    expect((await admin.get("/api/audit")).json().actions).toEqual(expect.arrayContaining(["auth.login", "quarter.close", "return.submit"]));
  });

  it("leaves out sign-ins, sign-outs and password changes unless asked to show them", async () => {
    const hidden = (await admin.get("/api/audit?pageSize=200")).json();
    expect(hidden.events.length).toBeGreaterThan(0);
    expect(hidden.events.filter((event: { action: string }) => event.action.startsWith("auth."))).toEqual([]);
    // The sign-ins of this file's own beforeAll and tests are there when shown.
    const shown = (await admin.get("/api/audit?signIns=shown&pageSize=200")).json();
    expect(shown.total).toBeGreaterThan(hidden.total);
    expect(shown.events.map((event: { action: string }) => event.action)).toContain("auth.login");
    const signIns = await test.db.prisma.auditEvent.count({ where: { action: { startsWith: "auth." } } });
    expect(shown.total - hidden.total).toBe(signIns);
    // Choosing a sign-in action shows it, whatever the other filter says.
    expect((await admin.get("/api/audit?action=auth.login")).json().total).toBe(await test.db.prisma.auditEvent.count({ where: { action: "auth.login" } }));
    expect((await admin.get("/api/audit?signIns=everything")).statusCode).toBe(400);
  });

  it("pages through the events", async () => {
    const first = (await admin.get("/api/audit?pageSize=2&page=1")).json();
    const second = (await admin.get("/api/audit?pageSize=2&page=2")).json();
    expect(first.events).toHaveLength(2);
    expect(second.events).toHaveLength(2);
    expect(first.total).toBeGreaterThan(4);
    expect(second.events[0].id).not.toBe(first.events[1].id);
  });

  it("exports the filtered events as CSV", async () => {
    const response = await admin.get(`/api/audit.csv?quarterId=${q4}&organisationId=${fireId}`);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = response.body.trim().split("\n");
    expect(header).toBe("at,person,action,entity,entityId,quarter,organisation,indicator,changes,before,after,clientAddress");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain("Maria Watson,return.submit,return");
    expect(rows[0]).toContain('""status"":""SUBMITTED""');
  });

  it("writes an organisation's short name that starts like a formula as text, with an apostrophe", async () => {
    const shortName = "=cmd|' /C calc'!A0";
    const created = await admin.post("/api/organisations", { name: "Formula Partnership", shortName });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json().organisation;
    const rows = parse((await admin.get(`/api/audit.csv?organisationId=${id}`)).body, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => [row.action, row.organisation])).toEqual([["organisation.create", `'${shortName}`]]);
    expect(JSON.parse(rows[0]!.after!)).toMatchObject({ shortName });
  });

  it("is read by managers and admins, not owners", async () => {
    expect((await as(test.app, await signIn(test.app, "manager@demo.test")).get("/api/audit")).statusCode).toBe(200);
    expect((await as(test.app, await signIn(test.app, "fire@demo.test")).get("/api/audit")).statusCode).toBe(403);
  });

  it("shows a quarter reopened by direct SQL, by whom, with the words an admin reads", async () => {
    const q1 = await test.db.prisma.quarter.findFirstOrThrow({ where: { number: 1 } });
    await test.db.sql.query("UPDATE quarters SET status = 'OPEN', signed_off_at = NULL, signed_off_by_id = NULL WHERE id = $1", [q1.id]);
    const page = (await admin.get("/api/audit?action=quarter.changed-outside-app")).json();
    expect(page.events).toEqual([
      expect.objectContaining({
        actor: null,
        quarter: { id: q1.id, name: "Q1 2019/20" },
        before: expect.objectContaining({ status: "CLOSED" }),
        after: expect.objectContaining({ status: "OPEN", by: "Someone using the database directly (role quarterly_returns_app)" }),
      }),
    ]);
  });
});
