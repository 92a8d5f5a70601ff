import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, buildTestApp, signIn, type TestApp } from "./helper.ts";

let test: TestApp;
let quarters: Record<number, number>;
let fire: ReturnType<typeof as>;
const indicatorId = async (ref: string) => (await test.db.prisma.indicator.findFirstOrThrow({ where: { ref } })).id;

beforeAll(async () => {
  test = await buildTestApp("demo");
  quarters = Object.fromEntries((await test.db.prisma.quarter.findMany()).map((quarter) => [quarter.number, quarter.id]));
  fire = as(test.app, await signIn(test.app, "fire@demo.test"));
});
afterAll(() => test.close());

describe("GET /api/quarters", () => {
  it("lists the quarters with status, due date and who signed them off", async () => {
    const response = await fire.get("/api/quarters");
    expect(response.json().quarters.map((quarter: { name: string; status: string }) => `${quarter.name} ${quarter.status}`)).toEqual([
      "Q1 2019/20 CLOSED", "Q2 2019/20 CLOSED", "Q3 2019/20 CLOSED", "Q4 2019/20 OPEN",
    ]);
    expect(response.json().quarters[0]).toMatchObject({ dueDate: "2019-07-31", signedOffBy: { name: "Jo Adams" } });
  });
});

describe("PUT /api/returns/:indicatorId/:quarterId", () => {
  it("saves figures exactly as typed, with last year's, and reads them back", async () => {
    const id = await indicatorId("4.5");
    const response = await fire.put(`/api/returns/${id}/${quarters[4]}`, {
      version: 0,
      status: "SUBMITTED",
      values: { dwellings: "1,204", vehicles: " 31 ", commercial: 0 },
      previousYear: { dwellings: "1,199", vehicles: "40", commercial: "2" },
      commentary: "Figures for Jan–Mar 2020.",
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().return).toMatchObject({
      status: "SUBMITTED",
      version: 1,
      values: { dwellings: "1204", vehicles: "31", commercial: "0" },
      previousYear: { dwellings: "1199", vehicles: "40", commercial: "2" },
      submittedBy: { name: "Maria Watson" },
    });
    const list = await fire.get(`/api/returns?quarterId=${quarters[4]}`);
    const item = list.json().items.find((candidate: { indicator: { id: number } }) => candidate.indicator.id === id);
    expect(item.return.values).toEqual({ dwellings: "1204", vehicles: "31", commercial: "0" });
    expect(item.indicator.fields.map((field: { key: string }) => field.key)).toEqual(["dwellings", "vehicles", "commercial"]);
  });

  it("refuses bad input with a message per field, and writes nothing", async () => {
    const id = await indicatorId("4.6");
    const response = await fire.put(`/api/returns/${id}/${quarters[4]}`, {
      version: 0,
      status: "SUBMITTED",
      values: { fires: "-4", smoke: "1" },
      previousYear: {},
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual({
      "values.fires": "Deliberate small, nuisance and ASB fires (F3) cannot be negative",
      "values.smoke": 'There is no field "smoke" on this indicator',
    });
    expect(await test.db.prisma.return.count({ where: { indicatorId: id, quarterId: quarters[4] } })).toBe(0);
  });

  it("answers 409 with the current return when the save is based on an old version", async () => {
    const id = await indicatorId("4.6");
    const first = await fire.put(`/api/returns/${id}/${quarters[4]}`, { version: 0, status: "DRAFT", values: { fires: "12" } });
    expect(first.json().return.version).toBe(1);
    const colleague = as(test.app, await signIn(test.app, "fire@demo.test"));
    expect((await colleague.put(`/api/returns/${id}/${quarters[4]}`, { version: 1, status: "DRAFT", values: { fires: "13" } })).statusCode).toBe(200);

    const stale = await fire.put(`/api/returns/${id}/${quarters[4]}`, { version: 1, status: "DRAFT", values: { fires: "99" } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ message: expect.stringContaining("has changed since you opened it"), current: { version: 2, values: { fires: "13" } } });
    const saved = await test.db.prisma.returnValue.findFirstOrThrow({ where: { return: { indicatorId: id, quarterId: quarters[4] } } });
    expect(saved.number?.toString()).toBe("13");
  });

  it("answers 423 for a signed-off quarter, saying who signed it off and when", async () => {
    const id = await indicatorId("4.6");
    const response = await fire.put(`/api/returns/${id}/${quarters[1]}`, { version: 1, status: "SUBMITTED", values: { fires: "1" }, previousYear: { fires: "1" } });
    expect(response.statusCode).toBe(423);
    expect(response.json().message).toBe("Q1 2019/20 was signed off on 14 Aug 2019 by Jo Adams; its returns can no longer be changed.");
  });

  it("keeps every change in the audit log, before and after", async () => {
    const id = await indicatorId("4.6");
    const events = await test.db.prisma.auditEvent.findMany({ where: { indicatorId: id, entityType: "return" }, orderBy: { id: "asc" } });
    expect(events.map((event) => event.action)).toEqual(["return.save-draft", "return.save-draft"]);
    expect(events[1]!.before).toMatchObject({ values: { fires: "12" }, version: 1 });
    expect(events[1]!.after).toMatchObject({ values: { fires: "13" }, version: 2 });
  });
});
