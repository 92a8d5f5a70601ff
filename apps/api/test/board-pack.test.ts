// The board pack's cover and summary page, written from the report as each person may read it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { at, offlineContext, type Actor } from "../src/core/context.ts";
import { buildBoardPack, type BoardPack } from "../src/core/reports/board-pack.ts";
import { as, buildTestApp, signIn, type TestApp } from "./helper.ts";

let test: TestApp;
let yearId: number;
beforeAll(async () => {
  test = await buildTestApp("demo");
  yearId = (await test.db.prisma.reportingYear.findFirstOrThrow()).id;
  const q4 = (await test.db.prisma.quarter.findFirstOrThrow({ where: { status: "OPEN" } })).id;
  const fires = (await test.db.prisma.indicator.findFirstOrThrow({ where: { ref: "4.6" } })).id;
  // Fire confirms an unusual Q4 figure, and the manager asks about it.
  const fire = as(test.app, await signIn(test.app, "fire@demo.test"));
  const submitted = await fire.put(`/api/returns/${fires}/${q4}`, { version: 0, status: "SUBMITTED", values: { fires: "900" }, previousYear: { fires: "90" }, confirmed: ["fires"] });
  expect(submitted.statusCode, submitted.body).toBe(200);
  const manager = as(test.app, await signIn(test.app, "manager@demo.test"));
  const raised = await manager.post(`/api/returns/${fires}/${q4}/queries`, { fieldKey: "fires", text: "Is 900 right? It is ten times last year's." });
  expect(raised.statusCode, raised.body).toBe(201);
  // ASB incidents with a target it misses (the framework keeps a signed-off year's targets, so set in the database).
  await test.db.prisma.indicator.updateMany({ where: { ref: "4.2" }, data: { target: "1000", polarity: "LOWER_IS_BETTER" } });
});
afterAll(() => test.close());

async function actor(email: string): Promise<Actor> {
  const user = await test.db.prisma.user.findUniqueOrThrow({ where: { email } });
  return { kind: "person", id: user.id, name: user.name, role: user.role, organisationId: user.organisationId };
}
const packFor = async (email: string, moment = new Date("2020-01-20T15:04:00Z")) =>
  buildBoardPack(offlineContext({ db: test.db.prisma, actor: await actor(email), origin: "test", now: at(moment) }), { yearId });
const exceptions = (pack: BoardPack) => pack.summary.flatMap((priority) => priority.exceptions);

describe("the board pack's cover", () => {
  it("names the partnership, the report, its quarters and when it was written, in the UK's time", async () => {
    const pack = await packFor("manager@demo.test", new Date("2020-06-20T15:04:00Z"));
    expect(pack).toMatchObject({
      partnershipName: "Safer Stockton Partnership",
      title: "Performance report 2019/20",
      period: "Year 3 - April 2019 to March 2020",
      provisional: true,
      asAt: "20 June 2020 at 16:04",
      restricted: true,
    });
    expect(pack.quarters).toEqual([
      { name: "Q1 2019/20", state: "signed off" },
      { name: "Q2 2019/20", state: "signed off" },
      { name: "Q3 2019/20", state: "signed off" },
      { name: "Q4 2019/20", state: "provisional" },
    ]);
  });
});

describe("the board pack's summary", () => {
  it("counts each priority's indicators by RAG and by trend", async () => {
    const pack = await packFor("manager@demo.test");
    expect(pack.summary.map((priority) => priority.indicators)).toEqual([8, 4, 4, 6]);
    const community = pack.summary[3]!;
    expect(community.rag).toEqual({ RED: 1, AMBER: 0, GREEN: 0, NONE: 5 });
    for (const priority of pack.summary) {
      expect(Object.values(priority.rag).reduce((sum, count) => sum + count)).toBe(priority.indicators);
      expect(Object.values(priority.trend).reduce((sum, count) => sum + count)).toBe(priority.indicators);
    }
  });

  it("lists the exceptions with their refs, one line each", async () => {
    const all = exceptions(await packFor("manager@demo.test"));
    expect(all.find((exception) => exception.kind === "red")).toMatchObject({ ref: "4.2", text: expect.stringMatching(/^Red.*: Levels of police recorded ASB incidents/) });
    expect(all).toContainEqual({ kind: "no data", ref: "3.2", restricted: false, text: "No data for Q2, Q3 (No update provided): Monitoring the development of the Alcohol Strategy Group" });
    expect(all).toContainEqual({ kind: "confirmed outlier", ref: "4.6", restricted: false, text: expect.stringMatching(/^Q4 figure unusual, confirmed by its owner: Is 900 right\?/) });
    expect(all).toContainEqual({ kind: "open query", ref: "4.6", restricted: false, text: "Q4 query awaiting an answer: Is 900 right? It is ten times last year's." });
    expect(all.every((exception) => !exception.text.includes("\n") && exception.text.length <= 140)).toBe(true);
  });

  it("leaves out the rows, outliers and queries a data owner may not read", async () => {
    const managerPack = await packFor("manager@demo.test");
    const restricted = managerPack.report.priorities.flatMap((priority) => priority.lines).filter((line) => line.restricted);
    expect(restricted.length).toBeGreaterThan(0);

    const owner = await packFor("yot@demo.test");
    expect(owner.restricted).toBe(false);
    expect(owner.report.priorities.flatMap((priority) => priority.lines).some((line) => line.restricted)).toBe(false);
    expect(exceptions(owner).some((exception) => exception.restricted)).toBe(false);
    expect(exceptions(owner).filter((exception) => exception.kind === "confirmed outlier" || exception.kind === "open query")).toEqual([]);
    expect(exceptions(await packFor("fire@demo.test")).map((exception) => exception.kind)).toEqual(expect.arrayContaining(["confirmed outlier", "open query"]));
  });
});

describe("GET /api/reports/:yearId/board-pack", () => {
  const fetchPack = async (email: string, query = "") => {
    const response = await as(test.app, await signIn(test.app, email)).get(`/api/reports/${yearId}/board-pack${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Omit<BoardPack, "report">;
  };
  const total = (pack: Omit<BoardPack, "report">) => pack.summary.reduce((sum, priority) => sum + priority.indicators, 0);

  it("sends the cover and summary without the report, as of the quarter asked for", async () => {
    const pack = await fetchPack("manager@demo.test");
    expect(pack).toMatchObject({ partnershipName: "Safer Stockton Partnership", title: "Performance report 2019/20", provisional: true, restricted: true });
    expect(pack).not.toHaveProperty("report");
    expect(pack.asAt).toMatch(/^\d{1,2} \w+ \d{4} at \d\d:\d\d$/);
    const throughQ3 = await fetchPack("manager@demo.test", "?quarter=3");
    expect(throughQ3.quarters.map((quarter) => quarter.state)).toEqual(["signed off", "signed off", "signed off"]);
    expect(throughQ3.provisional).toBe(false);
  });

  it("leaves restricted rows out of a data owner's summary", async () => {
    const manager = await fetchPack("manager@demo.test");
    const owner = await fetchPack("yot@demo.test");
    expect(owner.restricted).toBe(false);
    expect(total(owner)).toBeLessThan(total(manager));
    expect(owner.summary.flatMap((priority) => priority.exceptions).some((exception) => exception.restricted)).toBe(false);
  });

  it("refuses a year that does not exist", async () => {
    const response = await as(test.app, await signIn(test.app, "manager@demo.test")).get(`/api/reports/0/board-pack`);
    expect(response.statusCode).toBe(404);
  });
});
