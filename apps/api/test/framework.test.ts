import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, buildTestApp, signIn, type TestApp, indicatorEdit, type FrameworkIndicator } from "./helper.ts";

let test: TestApp;
let admin: ReturnType<typeof as>;
let year: number;
let quarters: Record<number, number>;

beforeAll(async () => {
  test = await buildTestApp("demo");
  admin = as(test.app, await signIn(test.app, "admin@demo.test"));
  year = (await test.db.prisma.reportingYear.findFirstOrThrow()).id;
  quarters = Object.fromEntries((await test.db.prisma.quarter.findMany()).map((quarter) => [quarter.number, quarter.id]));
});
afterAll(() => test.close());

type Indicator = FrameworkIndicator;
const framework = async () => (await admin.get(`/api/years/${year}/framework`)).json();
const indicatorByRef = async (ref: string): Promise<Indicator> =>
  (await framework()).priorities.flatMap((priority: { indicators: Indicator[] }) => priority.indicators).find((indicator: Indicator) => indicator.ref === ref);

describe("the framework of a year with signed-off quarters", () => {
  it("lists priorities, indicators and fields with what they hold", async () => {
    const data = await framework();
    expect(data.priorities).toHaveLength(4);
    expect(data.priorities.every((priority: { locked: boolean }) => priority.locked)).toBe(true);
    const fires = await indicatorByRef("4.5");
    expect(fires).toMatchObject({ returns: 3, firstQuarter: 1, fixedBySignedOffQuarters: [1, 2, 3] });
    expect(fires.fields.map((field) => `${field.key}:${field.values}`)).toEqual(["dwellings:3", "vehicles:3", "commercial:3"]);
  });

  it("keeps an indicator's wording, and a field's definition, as signed-off quarters showed them", async () => {
    const fires = await indicatorByRef("4.5");
    const retitled = await admin.put(`/api/indicators/${fires.id}`, indicatorEdit(fires, { title: "Deliberate property fires" }));
    expect(retitled.statusCode).toBe(409);
    expect(retitled.json().message).toMatch(/^This indicator is in the signed-off Q1–Q3 2019\/20 report, so its title cannot change while they are signed off/);

    const withoutVehicles = await admin.put(`/api/indicators/${fires.id}`, indicatorEdit(fires, { fields: indicatorEdit(fires).fields.filter((field) => field.key !== "vehicles") }));
    expect(withoutVehicles.statusCode).toBe(409);
    expect(withoutVehicles.json().fields).toEqual({ "fields.vehicles": "The field vehicles is in the signed-off Q1–Q3 2019/20 report: retire it instead of removing it" });

    const rekinded = indicatorEdit(fires);
    rekinded.fields[0] = { ...rekinded.fields[0]!, kind: "DECIMAL" } as never;
    expect((await admin.put(`/api/indicators/${fires.id}`, rekinded)).json().fields).toEqual({
      "fields.0.kind": "The field dwellings is in the signed-off Q1–Q3 2019/20 report, so its kind cannot change: retire it and add a new field",
    });
  });

  it("retires a field and adds one, leaving signed-off returns as they were", async () => {
    const fires = await indicatorByRef("4.5");
    const before = (await admin.get(`/api/returns/${fires.id}/${quarters[1]}`)).json();
    const changed = indicatorEdit(fires);
    changed.fields[2] = { ...changed.fields[2]!, retired: true } as never;
    changed.fields.push({ key: "total", label: "Total deliberate F1 fires", kind: "COUNT", unit: "fires", comparesWithPreviousYear: true, required: false, softMin: null, softMax: "500", retired: false } as never);
    const response = await admin.put(`/api/indicators/${fires.id}`, changed);
    expect(response.statusCode).toBe(200);
    expect(response.json().indicator.fields.map((field: { key: string; retired: boolean }) => `${field.key}${field.retired ? " (retired)" : ""}`)).toEqual([
      "dwellings", "vehicles", "commercial (retired)", "total",
    ]);

    const after = (await admin.get(`/api/returns/${fires.id}/${quarters[1]}`)).json();
    expect(after.return).toEqual(before.return);
    const q4Form = (await as(test.app, await signIn(test.app, "fire@demo.test")).put(`/api/returns/${fires.id}/${quarters[4]}`, {
      version: 0, status: "DRAFT", values: { commercial: "1" },
    })).json();
    expect(q4Form.fields).toEqual({ "values.commercial": 'There is no field "commercial" on this indicator' });
  });

  it("retires an indicator with returns instead of deleting it", async () => {
    const repeat = await indicatorByRef("4.3");
    const deleted = await admin.delete(`/api/indicators/${repeat.id}`);
    expect(deleted.statusCode).toBe(409);
    expect(deleted.json().message).toBe("This indicator has returns: retire it instead of deleting it.");
    const withoutReason = await admin.put(`/api/indicators/${repeat.id}`, indicatorEdit(repeat, { retired: true }));
    expect(withoutReason.statusCode).toBe(400);
    expect(withoutReason.json()).toEqual({ message: "Say why the indicator is being retired", fields: { reason: "Say why the indicator is being retired" } });
    expect((await indicatorByRef("4.3")).retired).toBe(false);

    const retired = await admin.put(`/api/indicators/${repeat.id}`, indicatorEdit(repeat, { retired: true, reason: "The fire service stopped counting repeat fires" }));
    expect(retired.statusCode).toBe(200);
    const audited = await test.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "framework.indicator-retire", indicatorId: repeat.id } });
    expect(audited.after).toMatchObject({ retired: true, reason: "The fire service stopped counting repeat fires" });

    const manager = as(test.app, await signIn(test.app, "manager@demo.test"));
    const refs = async (quarter: number) => (await manager.get(`/api/returns?quarterId=${quarter}`)).json().items.map((item: { indicator: { ref: string } }) => item.indicator.ref);
    expect(await refs(quarters[4]!)).not.toContain("4.3");
    expect(await refs(quarters[1]!)).toContain("4.3");
  });

  it("keeps a priority's wording once it has signed-off returns", async () => {
    const priority = (await framework()).priorities[0];
    const response = await admin.put(`/api/priorities/${priority.id}`, { number: 1, title: "Reoffending", outcome: priority.outcome });
    expect(response.statusCode).toBe(409);
    expect((await admin.delete(`/api/priorities/${priority.id}`)).statusCode).toBe(409);
  });
});

describe("a new indicator's place", () => {
  it("is after the last indicator of its priority, unless the admin gives one", async () => {
    const priority = (await framework()).priorities.find((candidate: { number: number }) => candidate.number === 1);
    const last = Math.max(...priority.indicators.map((indicator: Indicator) => indicator.sortOrder as number));
    const owner = priority.indicators[0].owner.id;
    const add = (title: string, extra: Record<string, unknown> = {}) =>
      admin.post(`/api/priorities/${priority.id}/indicators`, { ref: "1.9", title, ownerOrganisationId: owner, polarity: "NEUTRAL", ...extra });

    const added = await add("Offenders in the cohort");
    expect(added.statusCode).toBe(201);
    expect(added.json().indicator.sortOrder).toBe(last + 1);
    expect((await add("Another line")).json().indicator.sortOrder).toBe(last + 2);
    expect((await add("Placed by hand", { sortOrder: 0 })).json().indicator.sortOrder).toBe(0);

    const listed = (await framework()).priorities.find((candidate: { number: number }) => candidate.number === 1).indicators.map((indicator: Indicator) => indicator.title);
    expect(listed.slice(-2)).toEqual(["Offenders in the cohort", "Another line"]);
  });
});

describe("next year's framework is fully editable", () => {
  it("adds, edits and deletes priorities and indicators", async () => {
    await admin.post("/api/years", { label: "2020/21", startDate: "2020-04-01" });
    const next = (await test.db.prisma.reportingYear.findUniqueOrThrow({ where: { label: "2020/21" } })).id;
    const created = await admin.post(`/api/years/${next}/priorities`, { number: 5, title: "Serious violence", outcome: "Fewer knife crimes" });
    expect(created.statusCode).toBe(201);
    expect((await admin.post(`/api/years/${next}/priorities`, { number: 5, title: "Again", outcome: "x" })).json().fields).toEqual({
      number: "There is already a priority 5 this year",
    });
    const cps = await test.db.prisma.organisation.findUniqueOrThrow({ where: { shortName: "CPS" } });
    const indicator = await admin.post(`/api/priorities/${created.json().priority.id}/indicators`, {
      ref: "5.1", title: "Knife crime offences", ownerOrganisationId: cps.id, polarity: "LOWER_IS_BETTER", headlineFieldKey: "offences",
      fields: [{ key: "offences", label: "Knife crime offences", kind: "COUNT", comparesWithPreviousYear: true, required: true }],
    });
    expect(indicator.statusCode).toBe(201);
    expect(indicator.json().indicator).toMatchObject({ ref: "5.1", firstQuarter: 1, fixedBySignedOffQuarters: [], fields: [{ key: "offences", kind: "COUNT" }] });

    const badHeadline = await admin.post(`/api/priorities/${created.json().priority.id}/indicators`, {
      title: "x", ownerOrganisationId: cps.id, polarity: "NEUTRAL", headlineFieldKey: "nope", fields: [],
    });
    expect(badHeadline.json().fields).toEqual({ headlineFieldKey: "Choose the headline from the indicator's own fields" });

    const copied = await test.db.prisma.indicator.findFirstOrThrow({ where: { ref: "4.5", priority: { yearId: next } }, include: { fields: true, ownerOrganisation: true } });
    const retitled = await admin.put(`/api/indicators/${copied.id}`, {
      ref: "4.5", title: "Deliberate property fires (F1)", ownerOrganisationId: copied.ownerOrganisationId, polarity: "LOWER_IS_BETTER",
      headlineFieldKey: "dwellings", fields: copied.fields.map(({ key, label, kind, unit, comparesWithPreviousYear, required }) => ({ key, label, kind, unit, comparesWithPreviousYear, required })),
    });
    expect(retitled.json().indicator.title).toBe("Deliberate property fires (F1)");
    expect((await admin.delete(`/api/indicators/${indicator.json().indicator.id}`)).statusCode).toBe(204);
    const old = await test.db.prisma.indicator.findFirstOrThrow({ where: { ref: "4.6", priority: { yearId: year } } });
    expect((await admin.delete(`/api/indicators/${old.id}`)).statusCode).toBe(409);
  });

  it("is for admins only", async () => {
    const manager = as(test.app, await signIn(test.app, "manager@demo.test"));
    expect((await manager.get(`/api/years/${year}/framework`)).statusCode).toBe(403);
  });
});
