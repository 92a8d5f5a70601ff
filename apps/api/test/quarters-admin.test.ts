import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, buildTestApp, signIn, signature, type TestApp } from "./helper.ts";

let test: TestApp;
let admin: ReturnType<typeof as>;
let q4: number;
const cookies = new Map<string, string>();
async function client(email: string) {
  if (!cookies.has(email)) cookies.set(email, await signIn(test.app, email));
  return as(test.app, cookies.get(email)!);
}
const indicatorId = async (ref: string) => (await test.db.prisma.indicator.findFirstOrThrow({ where: { ref } })).id;
const stateOf = async (ref: string) => {
  const found = await test.db.prisma.return.findFirst({ where: { quarterId: q4, indicator: { ref } } });
  return found ? `${found.status}${found.noDataReason ? ` ${found.noDataReason}` : ""}` : "missing";
};

beforeAll(async () => {
  test = await buildTestApp("demo");
  admin = await client("admin@demo.test");
  q4 = (await test.db.prisma.quarter.findFirstOrThrow({ where: { status: "OPEN" } })).id;
  // Q4 before sign-off: one submitted, one draft, one expected later; the rest missing.
  await (await client("crc@demo.test")).put(`/api/returns/${await indicatorId("1.2")}/${q4}`, { version: 0, status: "SUBMITTED", values: { positiveCompletions: "73" } });
  await (await client("crc@demo.test")).put(`/api/returns/${await indicatorId("1.3")}/${q4}`, { version: 0, status: "DRAFT", values: { positiveCompletions: "90" } });
  await (await client("crc@demo.test")).put(`/api/returns/${await indicatorId("1.4")}/${q4}`, {
    version: 0, status: "NO_DATA", noData: { reason: "NOT_YET_AVAILABLE", availableFrom: "2020-05-01" },
  });
});
afterAll(() => test.close());

describe("signing off a quarter", () => {
  it("previews exactly what will be recorded as not provided", async () => {
    const preview = (await admin.get(`/api/quarters/${q4}/sign-off`)).json();
    expect(preview.submitted).toBe(1);
    expect(preview.noData).toEqual({ NOT_YET_AVAILABLE: 1 });
    expect(preview.notProvided).toHaveLength(20);
    expect(preview.notProvided.find((item: { ref: string }) => item.ref === "1.3")).toMatchObject({ state: "Draft", organisation: { shortName: "CRC" } });
    expect(preview.notProvided.find((item: { ref: string }) => item.ref === "1.5")).toMatchObject({ state: "Missing" });
    expect(preview.notProvided.map((item: { ref: string }) => item.ref)).not.toContain("1.2");
  });

  it("refuses a wrong password with 403 and changes nothing", async () => {
    const response = await admin.post(`/api/quarters/${q4}/close`, { password: "not-my-password" });
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toBe("That is not your password. The quarter has not been signed off.");
    expect((await test.db.prisma.quarter.findUniqueOrThrow({ where: { id: q4 } })).status).toBe("OPEN");
    expect(await stateOf("1.5")).toBe("missing");
    // Held to the sign-in limit, as a wrong password at sign-in is.
    const failed = await test.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "auth.login-failed" }, orderBy: { id: "desc" } });
    expect(failed).toMatchObject({ quarterId: q4, after: { email: "admin@demo.test", reason: "wrong password at sign-off", failures: 1 } });
  });

  it("records the missing and draft returns as not provided, nothing else, and locks the quarter", async () => {
    const response = await admin.post(`/api/quarters/${q4}/close`, await signature(test.app));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ submitted: 1, quarter: { status: "CLOSED", signedOffBy: { name: "Jo Adams" } } });
    expect(response.json().notProvided).toHaveLength(20);

    expect(await stateOf("1.2")).toBe("SUBMITTED");
    expect(await stateOf("1.3")).toBe("NO_DATA NOT_PROVIDED");
    expect(await stateOf("1.4")).toBe("NO_DATA NOT_YET_AVAILABLE");
    expect(await stateOf("4.6")).toBe("NO_DATA NOT_PROVIDED");
    expect(await test.db.prisma.returnValue.count({ where: { return: { quarterId: q4, indicator: { ref: "1.3" } } } })).toBe(0);
    expect(await test.db.prisma.return.count({ where: { quarterId: q4 } })).toBe(22);
    const event = await test.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "quarter.close", quarterId: q4 } });
    expect(event.after).toMatchObject({ status: "CLOSED", submitted: 1 });

    const again = await admin.post(`/api/quarters/${q4}/close`, await signature(test.app));
    expect(again.statusCode).toBe(409);
  });

  it("then refuses every write to the quarter's returns: 423 from the API, and the trigger for SQL", async () => {
    const crc = await client("crc@demo.test");
    const manager = await client("manager@demo.test");
    const write = await crc.put(`/api/returns/${await indicatorId("1.2")}/${q4}`, { version: 1, status: "SUBMITTED", values: { positiveCompletions: "80" } });
    expect(write.statusCode).toBe(423);
    expect(write.json().message).toMatch(/^Q4 2019\/20 was signed off on .* by Jo Adams; its returns can no longer be changed\.$/);
    expect((await manager.post(`/api/returns/${await indicatorId("1.2")}/${q4}/queries`, { text: "Sure?" })).statusCode).toBe(423);
    expect((await admin.patch(`/api/quarters/${q4}`, { dueDate: "2030-01-01" })).statusCode).toBe(423);
    await expect(test.db.sql.query("UPDATE returns SET commentary = 'edited' WHERE quarter_id = $1", [q4])).rejects.toMatchObject({ code: "QR423" });
  });

  it("reopens only with a reason, lets owners correct figures, and signs off again", async () => {
    const withoutReason = await admin.post(`/api/quarters/${q4}/reopen`, { reason: " " });
    expect(withoutReason.statusCode).toBe(400);
    expect(withoutReason.json().fields).toEqual({ reason: "Say why the quarter is being reopened" });

    const reopened = await admin.post(`/api/quarters/${q4}/reopen`, { reason: "CRC sent a corrected 1.2" });
    expect(reopened.json().quarter).toMatchObject({ status: "OPEN", signedOffAt: null, signedOffBy: null });
    const listed = (await admin.get("/api/years")).json().years.flatMap((year: { quarters: { id: number }[] }) => year.quarters).find((quarter: { id: number }) => quarter.id === q4);
    expect(listed.reopenings).toMatchObject([{ reopenedBy: { name: "Jo Adams" }, reason: "CRC sent a corrected 1.2", organisation: null, indicator: null }]);
    const corrected = await (await client("crc@demo.test")).put(`/api/returns/${await indicatorId("1.2")}/${q4}`, {
      version: 1, status: "SUBMITTED", values: { positiveCompletions: "74.2" },
    });
    expect(corrected.statusCode).toBe(200);

    const again = await admin.post(`/api/quarters/${q4}/close`, await signature(test.app));
    expect(again.statusCode).toBe(200);
    // Reopening made the first sign-off's "No data provided" records outstanding again: this sign-off records them anew.
    expect(again.json().notProvided).toHaveLength(20);
    const actions = (await test.db.prisma.auditEvent.findMany({ where: { quarterId: q4, entityType: "quarter" }, orderBy: { id: "asc" } })).map((event) => event.action);
    // The demo opened Q4; then this test's sign-off, reopening and sign-off again.
    expect(actions).toEqual(["quarter.open", "quarter.close", "quarter.reopen", "quarter.close"]);
  });

  it("is for admins only", async () => {
    for (const email of ["manager@demo.test", "crc@demo.test"]) {
      const someone = await client(email);
      expect((await someone.get(`/api/quarters/${q4}/sign-off`)).statusCode).toBe(403);
      expect((await someone.post(`/api/quarters/${q4}/close`, await signature(test.app))).statusCode).toBe(403);
      expect((await someone.post(`/api/quarters/${q4}/reopen`, { reason: "x" })).statusCode).toBe(403);
      expect((await someone.post("/api/years", { label: "2020/21", startDate: "2020-04-01" })).statusCode).toBe(403);
    }
  });
});

describe("the new year", () => {
  it("creates 2020/21 with four planned quarters and the framework copied with its lineage", async () => {
    const created = await admin.post("/api/years", { label: "2020/21", startDate: "2020-04-01" });
    expect(created.statusCode).toBe(201);
    expect(created.json().year).toMatchObject({ label: "2020/21", copiedFrom: "2019/20", indicators: 22 });

    const years = (await admin.get("/api/years")).json().years;
    expect(years[0].quarters.map((quarter: { name: string; status: string; dueDate: string }) => `${quarter.name} ${quarter.status} due ${quarter.dueDate}`)).toEqual([
      "Q1 2020/21 PLANNED due 2020-07-31",
      "Q2 2020/21 PLANNED due 2020-10-31",
      "Q3 2020/21 PLANNED due 2021-01-31",
      "Q4 2020/21 PLANNED due 2021-04-30",
    ]);
    expect((await admin.post("/api/years", { label: "2020/21", startDate: "2021-04-01" })).statusCode).toBe(409);
    expect((await admin.post("/api/years", { label: "2021/22", startDate: "2020-06-01" })).json().fields.startDate).toMatch(/must start after 2020\/21 ends/);

    const q1 = years[0].quarters[0];
    expect((await admin.patch(`/api/quarters/${q1.id}`, { open: true })).json().quarter.status).toBe("OPEN");
    const newIndicator = await test.db.prisma.indicator.findFirstOrThrow({ where: { ref: "4.2", priority: { year: { label: "2020/21" } } } });
    const detail = (await (await client("cps@demo.test")).get(`/api/returns/${newIndicator.id}/${q1.id}`)).json();
    expect(detail.lastYear).toEqual({ incidents: "2424" });
  });
});
