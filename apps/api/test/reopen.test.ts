// Reopening a signed-off quarter gives back the returns sign-off recorded by itself as "No data
// provided" as the outstanding returns they were; an admin can reopen one organisation's returns
// or one return, and the rest stays locked in the API and in the database.
import { londonDay } from "@quarterly-returns/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, buildTestApp, signIn, signature, type TestApp } from "./helper.ts";

let test: TestApp;
let q4: number;
const cookies = new Map<string, string>();
async function client(email: string) {
  if (!cookies.has(email)) cookies.set(email, await signIn(test.app, email));
  return as(test.app, cookies.get(email)!);
}
const indicatorId = async (ref: string) => (await test.db.prisma.indicator.findFirstOrThrow({ where: { ref, priority: { year: { label: "2019/20" } } } })).id;
const organisationId = async (shortName: string) => (await test.db.prisma.organisation.findUniqueOrThrow({ where: { shortName } })).id;
const returnOf = (ref: string) => test.db.prisma.return.findFirst({ where: { quarterId: q4, indicator: { ref } }, include: { values: true } });
const stateOf = async (ref: string) => {
  const found = await returnOf(ref);
  return found ? `${found.status}${found.noDataReason ? ` ${found.noDataReason}` : ""}` : "missing";
};
const admin = () => client("admin@demo.test");
const signOff = async () => {
  const response = await (await admin()).post(`/api/quarters/${q4}/close`, await signature(test.app));
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const reopen = async (body: Record<string, unknown>) => (await admin()).post(`/api/quarters/${q4}/reopen`, body);
const outsideAppEvents = () => test.db.prisma.auditEvent.count({ where: { action: "quarter.changed-outside-app" } });

beforeAll(async () => {
  test = await buildTestApp("demo");
  q4 = (await test.db.prisma.quarter.findFirstOrThrow({ where: { status: "OPEN" } })).id;
  const crc = await client("crc@demo.test");
  // Q4 before sign-off: CRC submitted 1.2, has a draft of 1.3 and chose "not yet available" for 1.4;
  // the manager recorded 4.6 as not provided; the rest are missing.
  await crc.put(`/api/returns/${await indicatorId("1.2")}/${q4}`, { version: 0, status: "SUBMITTED", values: { positiveCompletions: "73" } });
  await crc.put(`/api/returns/${await indicatorId("1.3")}/${q4}`, { version: 0, status: "DRAFT", values: { positiveCompletions: "90" }, commentary: "Half done" });
  await crc.put(`/api/returns/${await indicatorId("1.4")}/${q4}`, { version: 0, status: "NO_DATA", noData: { reason: "NOT_YET_AVAILABLE", availableFrom: "2020-05-01" } });
  const manager = await client("manager@demo.test");
  const recorded = await manager.put(`/api/returns/${await indicatorId("4.6")}/${q4}`, { version: 0, status: "NO_DATA", noData: { reason: "NOT_PROVIDED" } });
  expect(recorded.statusCode, recorded.body).toBe(200);
});
afterAll(() => test.close());

describe("reopening the whole quarter after sign-off", () => {
  it("makes sign-off's own \"No data provided\" records outstanding again, and keeps the owners' returns", async () => {
    expect((await signOff()).notProvided).toHaveLength(19);
    expect(await stateOf("1.5")).toBe("NO_DATA NOT_PROVIDED");
    const outsideBefore = await outsideAppEvents();

    const reopened = await reopen({ reason: "YOT's figures came in late" });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json().quarter).toMatchObject({ status: "OPEN", partlyReopened: [] });

    expect(await stateOf("1.5")).toBe("missing");
    expect(await stateOf("1.2")).toBe("SUBMITTED");
    expect(await stateOf("1.4")).toBe("NO_DATA NOT_YET_AVAILABLE");
    expect(await stateOf("4.6")).toBe("NO_DATA NOT_PROVIDED");
    const draft = await returnOf("1.3");
    expect(draft).toMatchObject({ status: "DRAFT", submittedById: null, submittedAt: null, commentary: "Half done", notProvidedAtSignOff: false, draftBeforeSignOff: null });
    expect(draft!.values.map((value) => value.number?.toString())).toEqual(["90"]);
    const crcOwner = await test.db.prisma.user.findUniqueOrThrow({ where: { email: "crc@demo.test" } });
    expect(draft!.updatedById).toBe(crcOwner.id);
    expect(await test.db.prisma.auditEvent.count({ where: { action: "return.reopen", quarterId: q4 } })).toBe(19);
    const detail = (await (await client("crc@demo.test")).get(`/api/returns/${await indicatorId("1.3")}/${q4}`)).json();
    expect(detail).toMatchObject({ mayEdit: true, return: { status: "DRAFT", submittedBy: null, values: { positiveCompletions: "90" } } });
    expect(detail.changes.map((change: { action: string; by: { name: string } }) => `${change.action} by ${change.by.name}`).slice(0, 2)).toEqual([
      "return.reopen by Jo Adams",
      "return.not-provided-at-sign-off by Jo Adams",
    ]);
    expect(await outsideAppEvents()).toBe(outsideBefore);

    const manager = await client("manager@demo.test");
    const completeness = (await manager.get(`/api/quarters/${q4}/completeness`)).json();
    // The 19 returns given back, and 1.4, expected later.
    expect(completeness).toMatchObject({ expected: 22, received: 1, outstanding: 20 });
    const yot = await test.db.prisma.organisation.findUniqueOrThrow({ where: { shortName: "YOT" } });
    const yotItems = (await (await client("yot@demo.test")).get(`/api/returns?quarterId=${q4}`)).json().items;
    expect(yotItems.length).toBeGreaterThan(0);
    expect(yotItems.every((item: { indicator: { owner: { id: number } }; return: unknown }) => item.indicator.owner.id === yot.id && item.return === null)).toBe(true);
    const preview = await manager.post("/api/chases/preview", { quarterId: q4, organisationId: yot.id });
    expect(preview.statusCode, preview.body).toBe(200);
  });

  it("gives the draft back with its figures again after a second sign-off and reopening", async () => {
    const summary = await signOff();
    expect(summary.notProvided).toHaveLength(19);
    expect(summary.notProvided.find((item: { ref: string }) => item.ref === "1.3")).toMatchObject({ state: "Draft" });
    expect((await reopen({ reason: "Once more" })).statusCode).toBe(200);
    const draft = await returnOf("1.3");
    expect(draft).toMatchObject({ status: "DRAFT", commentary: "Half done" });
    expect(draft!.values.map((value) => value.number?.toString())).toEqual(["90"]);
  });

  it("keeps what an owner saved since: a person's save is no longer sign-off's record", async () => {
    const draft = await returnOf("1.3");
    const submitted = await (await client("crc@demo.test")).put(`/api/returns/${await indicatorId("1.3")}/${q4}`, { version: draft!.version, status: "SUBMITTED", values: { positiveCompletions: "90" } });
    expect(submitted.statusCode, submitted.body).toBe(200);
    await signOff();
    expect((await reopen({ reason: "Another look" })).statusCode).toBe(200);
    expect(await stateOf("1.3")).toBe("SUBMITTED");
  });

  it("refuses to reopen a quarter that is open (409)", async () => {
    const response = await reopen({ reason: "Again" });
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toBe("Q4 2019/20 is not signed off, so it cannot be reopened.");
  });
});

describe("reopening one organisation's returns", () => {
  it("lets only that organisation write, in the API and in the database, until it is signed off again", async () => {
    await signOff();
    const outsideBefore = await outsideAppEvents();
    const crcId = await organisationId("CRC");
    const reopened = await reopen({ reason: "CRC found an error", organisationId: crcId });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json().quarter).toMatchObject({
      status: "CLOSED",
      partlyReopened: [{ organisation: { id: crcId }, indicator: null, reason: "CRC found an error", reopenedBy: { name: "Jo Adams" }, signedOffAt: null }],
    });
    expect(await outsideAppEvents()).toBe(outsideBefore);
    const manager = await client("manager@demo.test");
    const chased = await manager.post("/api/chases", { quarterId: q4, organisationId: crcId });
    expect(chased.statusCode, chased.body).toBe(201);
    expect(chased.json().chase.items.map((item: { ref: string }) => item.ref)).toContain("1.5");
    const notReopened = await manager.post("/api/chases", { quarterId: q4, organisationId: await organisationId("Fire") });
    expect(notReopened.statusCode).toBe(409);
    expect(notReopened.json().message).toBe("Q4 2019/20 is not open: there is nothing to chase.");
    const fireIndicator = await test.db.prisma.indicator.findFirstOrThrow({ where: { ownerOrganisation: { shortName: "Fire" }, priority: { year: { label: "2019/20" } } }, orderBy: { id: "asc" } });
    const fireReturn = await test.db.prisma.return.findUniqueOrThrow({ where: { indicatorId_quarterId: { indicatorId: fireIndicator.id, quarterId: q4 } } });
    expect(fireReturn).toMatchObject({ status: "NO_DATA", noDataReason: "NOT_PROVIDED" });

    const crc = await client("crc@demo.test");
    const draft = await returnOf("1.3");
    const corrected = await crc.put(`/api/returns/${await indicatorId("1.3")}/${q4}`, { version: draft!.version, status: "SUBMITTED", values: { positiveCompletions: "91" } });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const detail = (await crc.get(`/api/returns/${await indicatorId("1.3")}/${q4}`)).json();
    expect(detail.mayEdit).toBe(true);

    const fire = await client("fire@demo.test");
    const refused = await fire.put(`/api/returns/${fireIndicator.id}/${q4}`, { version: fireReturn.version, status: "NO_DATA", noData: { reason: "NO_UPDATE" } });
    expect(refused.statusCode).toBe(423);
    expect((await fire.get(`/api/returns/${fireIndicator.id}/${q4}`)).json().mayEdit).toBe(false);

    await expect(test.db.sql.query("UPDATE returns SET commentary = 'forced' WHERE id = $1", [fireReturn.id])).rejects.toMatchObject({ code: "QR423" });
    const fireField = await test.db.prisma.indicatorField.findFirstOrThrow({ where: { indicatorId: fireIndicator.id } });
    await expect(test.db.sql.query("INSERT INTO return_values (return_id, field_id, number) VALUES ($1, $2, 1)", [fireReturn.id, fireField.id])).rejects.toMatchObject({ code: "QR423" });
    const managerUser = await test.db.prisma.user.findUniqueOrThrow({ where: { email: "manager@demo.test" } });
    await expect(test.db.sql.query("INSERT INTO return_queries (return_id, text, raised_by_id) VALUES ($1, 'forced', $2)", [fireReturn.id, managerUser.id])).rejects.toMatchObject({ code: "QR423" });
    const crcReturn = await returnOf("1.2");
    await expect(test.db.sql.query("UPDATE returns SET commentary = 'by SQL' WHERE id = $1", [crcReturn!.id])).resolves.toMatchObject({ rowCount: 1 });
    await expect(test.db.sql.query("UPDATE return_values SET number = 74 WHERE return_id = $1", [crcReturn!.id])).resolves.toMatchObject({ rowCount: 1 });

    const preview = (await (await admin()).get(`/api/quarters/${q4}/sign-off`)).json();
    expect(preview.parts).toMatchObject([{ organisation: { id: crcId } }]);
    expect(preview.notProvided.every((item: { organisation: { id: number } }) => item.organisation.id === crcId)).toBe(true);

    const again = await signOff();
    expect(again.quarter).toMatchObject({ status: "CLOSED", partlyReopened: [] });
    expect((await crc.put(`/api/returns/${await indicatorId("1.2")}/${q4}`, { version: crcReturn!.version + 1, status: "SUBMITTED", values: { positiveCompletions: "75" } })).statusCode).toBe(423);
    await expect(test.db.sql.query("UPDATE returns SET commentary = 'late' WHERE id = $1", [crcReturn!.id])).rejects.toMatchObject({ code: "QR423" });
    expect(await outsideAppEvents()).toBe(outsideBefore);

    const quarter = (await (await admin()).get("/api/years")).json().years.flatMap((year: { quarters: unknown[] }) => year.quarters).find((candidate: { id: number }) => candidate.id === q4);
    expect(quarter.reopenings[0]).toMatchObject({ organisation: { shortName: "CRC" }, reason: "CRC found an error", reopenedBy: { name: "Jo Adams" }, signedOffBy: { name: "Jo Adams" } });
  });
});

describe("reopening one return", () => {
  it("lets only that return be written", async () => {
    const oneFour = await indicatorId("1.4");
    const reopened = await reopen({ reason: "The figure for 1.4 arrived", indicatorId: oneFour });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json().quarter.partlyReopened).toMatchObject([{ organisation: null, indicator: { id: oneFour, ref: "1.4", owner: { shortName: "CRC" } } }]);

    const crc = await client("crc@demo.test");
    const current = await returnOf("1.4");
    expect((await crc.put(`/api/returns/${oneFour}/${q4}`, { version: current!.version, status: "SUBMITTED", values: { recalled: "3.1" } })).statusCode).toBe(200);
    const other = await returnOf("1.2");
    expect((await crc.put(`/api/returns/${await indicatorId("1.2")}/${q4}`, { version: other!.version, status: "SUBMITTED", values: { positiveCompletions: "75" } })).statusCode).toBe(423);
    await expect(test.db.sql.query("UPDATE returns SET commentary = 'forced' WHERE id = $1", [other!.id])).rejects.toMatchObject({ code: "QR423" });

    expect((await reopen({ reason: "Twice", indicatorId: oneFour })).statusCode).toBe(409);
    await signOff();
    await expect(test.db.sql.query("UPDATE returns SET commentary = 'late' WHERE id = $1", [current!.id])).rejects.toMatchObject({ code: "QR423" });
  });

  it("refuses what cannot be reopened, saying why", async () => {
    const newOrganisation = await (await admin()).post("/api/organisations", { name: "Harbour Trust", shortName: "Harbour" });
    expect(newOrganisation.statusCode, newOrganisation.body).toBe(201);
    const noReturns = await reopen({ reason: "Check", organisationId: newOrganisation.json().organisation.id });
    expect(noReturns.statusCode).toBe(400);
    expect(noReturns.json().fields).toEqual({ organisationId: "Harbour Trust has no returns in Q4 2019/20: choose an organisation that reports in this quarter" });
    expect((await reopen({ reason: "Check", organisationId: 999_999 })).statusCode).toBe(404);
    expect((await reopen({ reason: "Check", indicatorId: 999_999 })).statusCode).toBe(404);
    const both = await reopen({ reason: "Check", organisationId: await organisationId("CRC"), indicatorId: await indicatorId("1.2") });
    expect(both.statusCode).toBe(400);
  });
});

describe("the database's record of changes made outside the app", () => {
  it("records a part of a quarter reopened by direct SQL, naming the role", async () => {
    const before = await outsideAppEvents();
    const someone = await test.db.prisma.user.findUniqueOrThrow({ where: { email: "admin@demo.test" } });
    await test.db.sql.query(
      "INSERT INTO quarter_reopenings (quarter_id, organisation_id, reason, reopened_by_id, reopened_at) VALUES ($1, $2, 'sneaky', $3, now())",
      [q4, await organisationId("Fire"), someone.id],
    );
    const events = await test.db.prisma.auditEvent.findMany({ where: { action: "quarter.changed-outside-app" }, orderBy: { id: "desc" } });
    expect(events).toHaveLength(before + 1);
    expect(events[0]).toMatchObject({ quarterId: q4, after: expect.objectContaining({ reason: "sneaky", by: "Someone using the database directly (role quarterly_returns_app)" }) });

    await test.db.sql.query("UPDATE quarters SET status = 'OPEN', signed_off_at = NULL, signed_off_by_id = NULL WHERE id = $1", [q4]);
    expect(await outsideAppEvents()).toBe(before + 2);
  });
});

describe("the sign-off page's warnings", () => {
  it("lists the open queries, the days before the due date and the unusual figures nobody confirmed", async () => {
    const quarter = (await test.db.prisma.quarter.findFirstOrThrow({ where: { status: "CLOSED", number: 3 } })).id;
    await (await admin()).post(`/api/quarters/${quarter}/reopen`, { reason: "Checking queries" });
    const inTwentyOneDays = londonDay(new Date(Date.now() + 21 * 86_400_000));
    expect((await (await admin()).patch(`/api/quarters/${quarter}`, { dueDate: inTwentyOneDays })).statusCode).toBe(200);
    const manager = await client("manager@demo.test");
    const raised = await manager.post(`/api/returns/${await indicatorId("1.2")}/${quarter}/queries`, { fieldKey: "positiveCompletions", text: "Is this the year to date?" });
    expect(raised.statusCode, raised.body).toBe(201);

    // A Q3 count ten times its Q2 figure that nobody was asked about, as an import records it.
    const q2 = (await test.db.prisma.quarter.findFirstOrThrow({ where: { number: 2 } })).id;
    const counts = await test.db.prisma.returnValue.findMany({
      where: { field: { kind: "COUNT" }, number: { gt: 0 }, return: { quarterId: quarter, status: "SUBMITTED", confirmedOutliers: { equals: [] } } },
      include: { field: true, return: { include: { indicator: true } } },
    });
    const comparable = [];
    for (const value of counts) {
      const q2Value = await test.db.prisma.returnValue.findFirst({ where: { fieldId: value.fieldId, number: { gt: 0 }, return: { quarterId: q2, status: "SUBMITTED" } } });
      if (q2Value) comparable.push({ value, q2Value });
    }
    const { value: imported, q2Value } = comparable[0]!;
    await test.db.sql.query("UPDATE return_values SET number = $1 WHERE id = $2", [q2Value.number!.mul(10).toString(), imported.id]);

    const preview = (await (await admin()).get(`/api/quarters/${quarter}/sign-off`)).json();
    expect(preview.daysBeforeDue).toBe(21);
    expect(preview.unconfirmedOutliers).toEqual([
      expect.objectContaining({ indicator: expect.objectContaining({ id: imported.return.indicatorId }), fieldKey: imported.field.key, question: expect.stringMatching(/^Is .* right\? .*In Q2 2019\/20 it was/) }),
    ]);
    expect(preview.openQueries).toEqual([
      expect.objectContaining({ ref: "1.2", organisation: expect.objectContaining({ shortName: "CRC" }), field: expect.any(String), text: "Is this the year to date?", raisedBy: expect.objectContaining({ name: expect.any(String) }), answered: false }),
    ]);
  });
});
