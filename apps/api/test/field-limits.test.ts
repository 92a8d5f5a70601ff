// Hard limits per field, and implausible figures the owner must confirm before submitting, which
// the manager then sees on completeness and at sign-off.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, buildTestApp, signIn, type TestApp, indicatorEdit, type FrameworkIndicator } from "./helper.ts";

let test: TestApp;
let quarters: Record<number, number>;
let year: number;
const cookies = new Map<string, string>();
async function client(email: string) {
  if (!cookies.has(email)) cookies.set(email, await signIn(test.app, email));
  return as(test.app, cookies.get(email)!);
}
const indicatorId = async (ref: string) => (await test.db.prisma.indicator.findFirstOrThrow({ where: { ref } })).id;
const FIRES = "Deliberate small, nuisance and ASB fires (F3)";

beforeAll(async () => {
  test = await buildTestApp("demo");
  quarters = Object.fromEntries((await test.db.prisma.quarter.findMany()).map((quarter) => [quarter.number, quarter.id]));
  year = (await test.db.prisma.reportingYear.findFirstOrThrow()).id;
});
afterAll(() => test.close());

describe("hard limits", () => {
  it("refuses a count above its ceiling and a negative average, naming the field and the limit", async () => {
    const fire = await client("fire@demo.test");
    const fires = await fire.put(`/api/returns/${await indicatorId("4.6")}/${quarters[4]}`, {
      version: 0, status: "DRAFT", values: { fires: "1000000000001" }, previousYear: { fires: "-3" },
    });
    expect(fires.statusCode).toBe(400);
    expect(fires.json().fields).toEqual({
      "values.fires": `${FIRES} must be 1,000,000,000,000 or less`,
      "previousYear.fires": `Last year's ${FIRES.toLowerCase()} cannot be negative`,
    });

    const iom = await client("iom@demo.test");
    const average = (await test.db.prisma.indicator.findFirstOrThrow({ where: { fields: { some: { key: "averageReoffences" } } } })).id;
    for (const typed of ["-1", "-0.5"]) {
      const response = await iom.put(`/api/returns/${average}/${quarters[4]}`, { version: 0, status: "DRAFT", values: { averageReoffences: typed } });
      expect(response.statusCode).toBe(400);
      expect(response.json().fields).toEqual({ "values.averageReoffences": "Average re-offences per nominal in the cohort must be 0 or more" });
    }
    expect(await test.db.prisma.return.count({ where: { quarterId: quarters[4], indicatorId: { in: [average, await indicatorId("4.6")] } } })).toBe(0);
  });

  it("is the database's rule too, whatever writes the figure", async () => {
    const field = await test.db.prisma.indicatorField.findFirstOrThrow({ where: { key: "fires" } });
    const submitted = await test.db.prisma.return.findFirstOrThrow({ where: { quarterId: quarters[1], indicatorId: field.indicatorId } });
    // The quarter is signed off, so the lock would refuse first: a return in the open quarter.
    const open = await test.db.prisma.return.create({
      data: { indicatorId: field.indicatorId, quarterId: quarters[4]!, status: "DRAFT", createdById: submitted.createdById, updatedById: submitted.createdById },
    });
    await expect(test.db.prisma.returnValue.create({ data: { returnId: open.id, fieldId: field.id, number: "1000000000001" } })).rejects.toThrow(/must be from 0 to 1000000000000/);
    await test.db.prisma.return.delete({ where: { id: open.id } });
  });
});

describe("implausible figures", () => {
  it("refuses a submit until the owner confirms the figure, then flags it to the manager and the admin", async () => {
    const fire = await client("fire@demo.test");
    const id = await indicatorId("4.6");
    const body = { status: "SUBMITTED", values: { fires: "2,000,000" }, previousYear: { fires: "492" } };

    // A draft may hold it unconfirmed.
    const draft = await fire.put(`/api/returns/${id}/${quarters[4]}`, { ...body, version: 0, status: "DRAFT" });
    expect(draft.statusCode).toBe(200);

    const unconfirmed = await fire.put(`/api/returns/${id}/${quarters[4]}`, { ...body, version: 1 });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().fields).toEqual({
      "confirmed.fires": `${FIRES}: Is 2,000,000 right? Last year it was 492. In Q3 2019/20 it was 501. Correct it, or confirm that it is right`,
    });

    const confirmed = await fire.put(`/api/returns/${id}/${quarters[4]}`, { ...body, version: 1, confirmed: ["fires"] });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().return).toMatchObject({
      status: "SUBMITTED",
      confirmedOutliers: [{ fieldKey: "fires", figure: "2000000", question: "Is 2,000,000 right? Last year it was 492. In Q3 2019/20 it was 501." }],
    });

    const flagged = {
      indicator: { id, ref: "4.6" },
      organisation: { shortName: "Fire" },
      quarter: { id: quarters[4], name: "Q4 2019/20" },
      fieldKey: "fires",
      label: FIRES,
      question: "Is 2,000,000 right? Last year it was 492. In Q3 2019/20 it was 501.",
      queried: false,
    };
    const manager = await client("manager@demo.test");
    const completeness = await manager.get(`/api/quarters/${quarters[4]}/completeness`);
    expect(completeness.json().outliers).toMatchObject([flagged]);
    const admin = await client("admin@demo.test");
    expect((await admin.get(`/api/quarters/${quarters[4]}/sign-off`)).json().outliers).toMatchObject([flagged]);

    // Queried once, it says so.
    expect((await manager.post(`/api/returns/${id}/${quarters[4]}/queries`, { fieldKey: "fires", text: "Is this right?" })).statusCode).toBe(201);
    expect((await manager.get(`/api/quarters/${quarters[4]}/completeness`)).json().outliers).toMatchObject([{ ...flagged, queried: true }]);
  });

  it("asks about a percentage moved by more than 20 points", async () => {
    const crc = await client("crc@demo.test");
    const id = await indicatorId("1.4");
    const response = await crc.put(`/api/returns/${id}/${quarters[4]}`, { version: 0, status: "SUBMITTED", values: { recalled: "30%" } });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields["confirmed.recalled"]).toMatch(/Is 30\.0% right\? In Q3 2019\/20 it was 2\.63%\./);
    // 10 points from 2.63% is within the default 20.
    expect((await crc.put(`/api/returns/${id}/${quarters[4]}`, { version: 0, status: "SUBMITTED", values: { recalled: "12.63" } })).statusCode).toBe(200);
  });
});

describe("the framework editor sets each field's limits", () => {
  it("saves hard limits and the change questioned, and saves of returns follow them", async () => {
    const admin = await client("admin@demo.test");
    const framework = (await admin.get(`/api/years/${year}/framework`)).json();
    type Indicator = FrameworkIndicator;
    const indicator: Indicator = framework.priorities.flatMap((priority: { indicators: Indicator[] }) => priority.indicators).find((candidate: Indicator) => candidate.ref === "4.5");
    const fields = indicatorEdit(indicator).fields.map((field) => (field.key === "vehicles" ? { ...field, hardMin: "0", hardMax: "100", maxChange: "1.5", softMax: "65" } : field));
    const body = indicatorEdit(indicator, { fields });
    const refused = await admin.put(`/api/indicators/${indicator.id}`, { ...body, fields: fields.map((field) => (field.key === "vehicles" ? { ...field, hardMin: "200", maxChange: "1" } : field)) });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields).toMatchObject({ "fields.1.hardMax": "The highest allowed figure must be at least the lowest", "fields.1.maxChange": "Enter a number of times more than 1, like 3" });

    const saved = await admin.put(`/api/indicators/${indicator.id}`, body);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().indicator.fields[1]).toMatchObject({ key: "vehicles", hardMin: "0", hardMax: "100", maxChange: "1.5" });

    const fire = await client("fire@demo.test");
    const tooMany = await fire.put(`/api/returns/${indicator.id}/${quarters[4]}`, { version: 0, status: "DRAFT", values: { vehicles: "101" } });
    expect(tooMany.json().fields).toEqual({ "values.vehicles": "b. Deliberate vehicle fires must be 100 or less" });
    // Q3 had 40 vehicle fires: 70 is more than 1.5 times that.
    const questioned = await fire.put(`/api/returns/${indicator.id}/${quarters[4]}`, { version: 0, status: "SUBMITTED", values: { dwellings: "12", vehicles: "70", commercial: "4" }, previousYear: { dwellings: "12", vehicles: "60", commercial: "4" } });
    expect(questioned.json().fields).toEqual({ "confirmed.vehicles": "b. Deliberate vehicle fires: Is 70 right? In Q3 2019/20 it was 40. It is expected to be at most 65. Correct it, or confirm that it is right" });
  });
});
