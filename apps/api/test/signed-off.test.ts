// What a signed-off quarter shows never changes: not its queries, not its list of indicators, not
// its report, completeness or exports, whatever is added to the year afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, buildTestApp, signIn, signature, type TestApp } from "./helper.ts";

let test: TestApp;
let admin: ReturnType<typeof as>;
let manager: ReturnType<typeof as>;
let fire: ReturnType<typeof as>;
let yearId: number;
let quarters: Record<number, number>;
const indicatorId = async (ref: string) => (await test.db.prisma.indicator.findFirstOrThrow({ where: { ref } })).id;

beforeAll(async () => {
  test = await buildTestApp("demo");
  admin = as(test.app, await signIn(test.app, "admin@demo.test"));
  manager = as(test.app, await signIn(test.app, "manager@demo.test"));
  fire = as(test.app, await signIn(test.app, "fire@demo.test"));
  yearId = (await test.db.prisma.reportingYear.findFirstOrThrow()).id;
  quarters = Object.fromEntries((await test.db.prisma.quarter.findMany()).map((quarter) => [quarter.number, quarter.id]));
});
afterAll(() => test.close());

describe("queries on a signed-off quarter's returns", () => {
  it("cannot be raised, answered or closed (423), by the API or by SQL", async () => {
    const f3 = await indicatorId("4.6");
    await fire.put(`/api/returns/${f3}/${quarters[4]}`, { version: 0, status: "SUBMITTED", values: { fires: "120" }, previousYear: { fires: "90" }, confirmed: ["fires"] });
    const answeredBefore = (await manager.post(`/api/returns/${f3}/${quarters[4]}/queries`, { fieldKey: "fires", text: "Is 120 right?" })).json().query.id;
    const openAtSignOff = (await manager.post(`/api/returns/${f3}/${quarters[4]}/queries`, { text: "And the commentary?" })).json().query.id;
    expect((await fire.post(`/api/queries/${answeredBefore}/answer`, { response: "Yes." })).statusCode).toBe(200);

    const signedOff = await admin.post(`/api/quarters/${quarters[4]}/close`, await signature(test.app));
    expect(signedOff.statusCode, signedOff.body).toBe(200);

    const answer = await fire.post(`/api/queries/${openAtSignOff}/answer`, { response: "Too late?" });
    expect(answer.statusCode).toBe(423);
    expect(answer.json().message).toMatch(/^Q4 2019\/20 was signed off on .* by Jo Adams; its queries can no longer be raised, answered or closed\.$/);
    expect((await manager.post(`/api/queries/${answeredBefore}/close`)).statusCode).toBe(423);
    expect((await manager.post(`/api/returns/${f3}/${quarters[4]}/queries`, { text: "One more?" })).statusCode).toBe(423);
    const stored = await test.db.prisma.returnQuery.findMany({ where: { id: { in: [answeredBefore, openAtSignOff] } }, orderBy: { id: "asc" } });
    expect(stored.map((query) => query.status)).toEqual(["ANSWERED", "OPEN"]);

    const { id: returnId } = await test.db.prisma.return.findUniqueOrThrow({ where: { indicatorId_quarterId: { indicatorId: f3, quarterId: quarters[4]! } } });
    const manager_ = await test.db.prisma.user.findUniqueOrThrow({ where: { email: "manager@demo.test" } });
    for (const sql of [
      `UPDATE return_queries SET status = 'ANSWERED', response = 'forced' WHERE id = ${openAtSignOff}`,
      `UPDATE return_queries SET status = 'CLOSED' WHERE id = ${answeredBefore}`,
      `DELETE FROM return_queries WHERE id = ${openAtSignOff}`,
      `INSERT INTO return_queries (return_id, text, raised_by_id) VALUES (${returnId}, 'forced', ${manager_.id})`,
    ]) {
      await expect(test.db.sql.query(sql), sql).rejects.toMatchObject({ code: "QR423" });
    }

    expect((await admin.post(`/api/quarters/${quarters[4]}/reopen`, { reason: "The fire figures need a second look" })).statusCode).toBe(200);
    expect((await fire.post(`/api/queries/${openAtSignOff}/answer`, { response: "It is right." })).json().query.status).toBe("ANSWERED");
  });
});

describe("an indicator and a priority added after Q1–Q3 were signed off", () => {
  const signedOffViews = () =>
    Promise.all([
      ...[1, 2, 3].flatMap((number) => [manager.get(`/api/quarters/${quarters[number]}/completeness`), manager.get(`/api/returns?quarterId=${quarters[number]}`)]),
      manager.get(`/api/reports/${yearId}?quarter=3`),
      manager.get(`/api/reports/${yearId}.tsv?quarter=3`),
      manager.get(`/api/reports/${yearId}.csv?quarter=3`),
    ]).then((responses) => responses.map((response) => `${response.statusCode} ${response.body}`));

  it("start in Q4: Q1–Q3's report, completeness, lists and exports are byte for byte as before", async () => {
    const before = await signedOffViews();
    const xlsxBefore = await manager.get(`/api/reports/${yearId}.xlsx?quarter=3`);

    const priority = await admin.post(`/api/years/${yearId}/priorities`, { number: 5, title: "SERIOUS VIOLENCE", outcome: "Fewer victims of knife crime" });
    expect(priority.statusCode, priority.body).toBe(201);
    expect(priority.json().priority.firstQuarter).toBe(4);
    const fireBrigade = await test.db.prisma.organisation.findUniqueOrThrow({ where: { shortName: "Fire" } });
    const firstPriority = (await test.db.prisma.priority.findFirstOrThrow({ where: { number: 4 } })).id;
    const indicator = await admin.post(`/api/priorities/${firstPriority}/indicators`, {
      ref: "4.7", title: "Deliberate secondary fires", ownerOrganisationId: fireBrigade.id, polarity: "LOWER_IS_BETTER", headlineFieldKey: "fires",
      fields: [{ key: "fires", label: "Deliberate secondary fires", kind: "COUNT", required: true }],
    });
    expect(indicator.statusCode, indicator.body).toBe(201);
    expect(indicator.json().indicator.firstQuarter).toBe(4);
    const added = indicator.json().indicator.id;
    expect((await fire.put(`/api/returns/${added}/${quarters[4]}`, { version: 0, status: "SUBMITTED", values: { fires: "31" } })).statusCode).toBe(200);

    expect(await signedOffViews()).toEqual(before);
    const xlsxAfter = await manager.get(`/api/reports/${yearId}.xlsx?quarter=3`);
    expect(xlsxAfter.rawPayload.length).toBeGreaterThan(0);
    expect(await sheetText(xlsxAfter.rawPayload)).toEqual(await sheetText(xlsxBefore.rawPayload));

    // Q4 reports them.
    const q4 = (await fire.get(`/api/returns?quarterId=${quarters[4]}`)).json();
    expect(q4.items.map((item: { indicator: { ref: string } }) => item.indicator.ref)).toContain("4.7");
    const whole = (await manager.get(`/api/reports/${yearId}`)).json();
    expect(whole.priorities.map((entry: { number: number }) => entry.number)).toEqual([1, 2, 3, 4, 5]);
    expect(whole.priorities[3].lines.find((line: { ref: string }) => line.ref === "4.7").cells).toEqual(["", "", "", "31"]);
    expect((await fire.put(`/api/returns/${added}/${quarters[3]}`, { version: 0, status: "SUBMITTED", values: { fires: "30" } })).statusCode).toBe(423);
    expect((await fire.get(`/api/returns/${added}/${quarters[3]}`)).statusCode).toBe(404);
  });

  it("cannot be added once every quarter of the year is signed off", async () => {
    expect((await admin.post(`/api/quarters/${quarters[4]}/close`, await signature(test.app))).statusCode).toBe(200);
    const refused = await admin.post(`/api/years/${yearId}/priorities`, { number: 6, title: "LATE", outcome: "Too late" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe(
      "Every quarter of 2019/20 is signed off, so nothing can be added to its framework. Add it to next year's framework, or reopen the fourth quarter first.",
    );
  });
});

/** The cells of every sheet of a workbook: its content, whatever time the file was written at. */
async function sheetText(file: Buffer): Promise<string[][]> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => sheet.getSheetValues().flat().map(String));
}
