// What the completeness matrix needs beyond the counts: each quarter's reporting rate, each
// organisation's data owners, each line's short name and its confirmed unusual figures.
import type { Completeness } from "@quarterly-returns/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, buildTestApp, signIn, type TestApp } from "./helper.ts";

const DAY = 86_400_000;
const dateOnly = (offsetDays: number) => new Date(new Date(new Date().toISOString().slice(0, 10) + "T00:00:00Z").getTime() + offsetDays * DAY);

let test: TestApp;
let manager: ReturnType<typeof as>;
let q4: number;

beforeAll(async () => {
  test = await buildTestApp("demo");
  const prisma = test.db.prisma;
  const quarter = await prisma.quarter.findFirstOrThrow({ where: { status: "OPEN" } });
  q4 = quarter.id;
  await prisma.quarter.update({ where: { id: q4 }, data: { dueDate: dateOnly(-1) } });
  const indicator = async (title: string) => (await prisma.indicator.findFirstOrThrow({ where: { title: { startsWith: title } } })).id;
  const user = async (email: string) => (await prisma.user.findUniqueOrThrow({ where: { email } })).id;
  const put = async (title: string, email: string, data: object, submittedDaysAgo: number | null) => {
    const by = await user(email);
    const when = submittedDaysAgo === null ? null : new Date(Date.now() - submittedDaysAgo * DAY);
    await prisma.return.create({
      data: { indicatorId: await indicator(title), quarterId: q4, createdById: by, updatedById: by, submittedById: when ? by : null, submittedAt: when, ...(data as { status: "DRAFT" }) },
    });
  };
  await put("Monitor the number of reoffenders", "iom@demo.test", { status: "SUBMITTED", commentary: "In on time" }, 3);
  await put("Monitor the average number", "iom@demo.test", { status: "SUBMITTED", commentary: "In late" }, 0);
  await put("Reduction in youth offending", "yot@demo.test", { status: "NO_DATA", noDataReason: "NOT_RELEASED", explanation: "Not released" }, 3);
  await put("% of positive completions of Community", "crc@demo.test", { status: "NO_DATA", noDataReason: "NOT_YET_AVAILABLE", availableFrom: dateOnly(1) }, 3);
  await put("Monitor the number of Restorative", "manager@demo.test", { status: "NO_DATA", noDataReason: "NOT_PROVIDED" }, 0);
  await put("% of offenders recalled", "crc@demo.test", { status: "DRAFT" }, null);
  await put("Reduce Deliberate F1", "fire@demo.test", {
    status: "SUBMITTED",
    confirmedOutliers: [{ fieldKey: "dwellings", figure: "2000", question: "Is 2,000 right? Last year it was 49." }],
  }, 2);
  // Retired in Q4 with no Q4 return: expected in Q1–Q3, which have its returns, not in Q4.
  await prisma.indicator.update({ where: { id: await indicator("% of positive completions on licenses") }, data: { retired: true } });
  // A second data owner of CPS, and one who has left.
  const cps = await prisma.organisation.findUniqueOrThrow({ where: { shortName: "CPS" } });
  await prisma.user.create({ data: { email: "ali.khan@demo.test", name: "Ali Khan", passwordHash: "x", role: "DATA_OWNER", organisationId: cps.id } });
  await prisma.user.create({ data: { email: "gone@demo.test", name: "Gone Away", passwordHash: "x", role: "DATA_OWNER", organisationId: cps.id, active: false } });
  manager = as(test.app, await signIn(test.app, "manager@demo.test"));
});
afterAll(() => test.close());

const completeness = async () => {
  const response = await manager.get(`/api/quarters/${q4}/completeness`);
  expect(response.statusCode).toBe(200);
  return response.json() as Completeness;
};
const organisation = (data: Completeness, shortName: string) => data.organisations.find((entry) => entry.organisation.shortName === shortName)!;

describe("the completeness matrix", () => {
  it("gives each quarter of the year its reporting rate, counted as the quarter's own completeness is", async () => {
    const data = await completeness();
    const rates = data.reportingRates.map(({ quarter, expected, received, receivedOnTime }) => [quarter.name, quarter.status, expected, received, receivedOnTime]);
    // The demo's Q2 has four returns expected later and four not provided; Q3 four not provided.
    expect(rates).toEqual([
      ["Q1 2019/20", "CLOSED", 22, 22, 22],
      ["Q2 2019/20", "CLOSED", 22, 14, 14],
      ["Q3 2019/20", "CLOSED", 22, 18, 18],
      ["Q4 2019/20", "OPEN", 21, 4, 3],
    ]);
    expect(data.reportingRates[1]!.rate).toBeCloseTo(14 / 22);
    const q4Rate = data.reportingRates[3]!;
    expect([q4Rate.expected, q4Rate.received, q4Rate.receivedOnTime, q4Rate.rate]).toEqual([data.expected, data.received, data.receivedOnTime, data.completeness]);
  });

  it("gives a quarter's view the rates up to that quarter only, so a signed-off one reads the same whatever follows", async () => {
    const q4Row = await test.db.prisma.quarter.findUniqueOrThrow({ where: { id: q4 } });
    const q2 = await test.db.prisma.quarter.findFirstOrThrow({ where: { yearId: q4Row.yearId, number: 2 } });
    const response = await manager.get(`/api/quarters/${q2.id}/completeness`);
    expect((response.json() as Completeness).reportingRates.map((rate) => [rate.quarter.name, rate.received])).toEqual([
      ["Q1 2019/20", 22],
      ["Q2 2019/20", 14],
    ]);
  });

  it("names each organisation's active data owners", async () => {
    const data = await completeness();
    expect(organisation(data, "CPS").dataOwners).toEqual(["Ali Khan", "Lee Carter"]);
    expect(organisation(data, "Police").dataOwners).toEqual(["Sam Patel"]);
  });

  it("names each line by its ref, and a line without one by the ref above and its number", async () => {
    const data = await completeness();
    expect(organisation(data, "IOM").cells.map((cell) => cell.label)).toEqual(["1.1", "1.1 (2)"]);
    expect(organisation(data, "CPS").cells.map((cell) => cell.label)).toEqual(["2.1", "2.3", "2.4", "3.1", "4.1", "4.2", "4.2 (2)", "4.3"]);
  });

  it("counts the unusual figures the owner confirmed on a submitted return", async () => {
    const data = await completeness();
    expect(organisation(data, "Fire").cells.map((cell) => [cell.label, cell.progress.state, cell.confirmedOutliers])).toEqual([
      ["4.5", "IN", 1],
      ["4.6", "MISSING", 0],
    ]);
  });

  // Last, as it takes Q3 back out of sign-off.
  it("a quarter not open yet expects nothing", async () => {
    const q4Row = await test.db.prisma.quarter.findUniqueOrThrow({ where: { id: q4 } });
    await test.db.prisma.quarter.updateMany({ where: { yearId: q4Row.yearId, number: 3 }, data: { status: "PLANNED", signedOffAt: null, signedOffById: null } });
    const third = (await completeness()).reportingRates[2]!;
    expect([third.quarter.status, third.expected, third.rate]).toEqual(["PLANNED", 0, 0]);
  });
});
