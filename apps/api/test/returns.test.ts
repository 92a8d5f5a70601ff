import { londonDay } from "@quarterly-returns/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, buildTestApp, fingerprint, signIn, type TestApp } from "./helper.ts";

let test: TestApp;
let quarters: Record<number, number>;
let fire: ReturnType<typeof as>;
const cookies = new Map<string, string>();
/** One session per person for the whole file: sign-ins are rate-limited per email. */
async function client(email: string) {
  if (!cookies.has(email)) cookies.set(email, await signIn(test.app, email));
  return as(test.app, cookies.get(email)!);
}
/** Two years and a day from today, in England (YYYY-MM-DD). */
function twoYearsAndADayAhead() {
  const [year, month, day] = londonDay().split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year + 2, month - 1, day + 1)).toISOString().slice(0, 10);
}
const indicatorId = async (ref: string) => (await test.db.prisma.indicator.findFirstOrThrow({ where: { ref } })).id;

beforeAll(async () => {
  test = await buildTestApp("demo");
  quarters = Object.fromEntries((await test.db.prisma.quarter.findMany()).map((quarter) => [quarter.number, quarter.id]));
  fire = await client("fire@demo.test");
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
      // Far from Q3's 12 and 4: the owner confirms them.
      confirmed: ["dwellings", "commercial"],
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
    const colleague = await client("fire@demo.test");
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
    const events = await test.db.prisma.auditEvent.findMany({ where: { indicatorId: id, quarterId: quarters[4], entityType: "return" }, orderBy: { id: "asc" } });
    expect(events.map((event) => event.action)).toEqual(["return.save-draft", "return.save-draft"]);
    expect(events[1]!.before).toMatchObject({ values: { fires: "12" }, version: 1 });
    expect(events[1]!.after).toMatchObject({ values: { fires: "13" }, version: 2 });
  });
});

describe("every field kind and every no-data reason round-trips", () => {
  it("counts, decimals, percentages, ranks and text", async () => {
    const cps = await client("cps@demo.test");
    const iom = await client("iom@demo.test");
    const crc = await client("crc@demo.test");
    const average = (await test.db.prisma.indicator.findFirstOrThrow({ where: { fields: { some: { key: "averageReoffences" } } } })).id;

    const rank = await cps.put(`/api/returns/${await indicatorId("4.1")}/${quarters[4]}`, {
      version: 0, status: "SUBMITTED", values: { rank: { position: "8", outOf: "15" }, againstAverage: "  Performing above MSG average level " },
    });
    expect(rank.json().return.values).toEqual({ rank: { position: "8", outOf: "15" }, againstAverage: "Performing above MSG average level" });

    const decimal = await iom.put(`/api/returns/${average}/${quarters[4]}`, { version: 0, status: "SUBMITTED", values: { averageReoffences: "2.75" } });
    expect(decimal.json().return.values).toEqual({ averageReoffences: "2.75" });

    const percent = await crc.put(`/api/returns/${await indicatorId("1.4")}/${quarters[4]}`, { version: 0, status: "SUBMITTED", values: { recalled: "2.634%" } });
    expect(percent.json().return.values).toEqual({ recalled: "2.634" });

    const count = await cps.put(`/api/returns/${await indicatorId("4.3")}/${quarters[4]}`, { version: 0, status: "SUBMITTED", values: { repeatCallers: "1,002" }, confirmed: ["repeatCallers"] });
    expect(count.json().return.values).toEqual({ repeatCallers: "1002" });
  });

  it("not yet available (with its date), not released (with why), no update, not provided", async () => {
    const crc = await client("crc@demo.test");
    const yot = await client("yot@demo.test");
    const publicHealth = await client("publichealth@demo.test");
    const manager = await client("manager@demo.test");

    const later = await crc.put(`/api/returns/${await indicatorId("1.2")}/${quarters[4]}`, {
      version: 0, status: "NO_DATA", noData: { reason: "NOT_YET_AVAILABLE", availableFrom: "2020-04-28" },
    });
    expect(later.json().return.noData).toEqual({ reason: "NOT_YET_AVAILABLE", availableFrom: "2020-04-28", explanation: null });

    const notReleased = await yot.put(`/api/returns/${await indicatorId("1.6")}/${quarters[4]}`, {
      version: 0, status: "NO_DATA", noData: { reason: "NOT_RELEASED", explanation: "Awaiting the national statistics." },
    });
    expect(notReleased.json().return.noData).toEqual({ reason: "NOT_RELEASED", availableFrom: null, explanation: "Awaiting the national statistics." });

    const noUpdate = await publicHealth.put(`/api/returns/${await indicatorId("3.4")}/${quarters[4]}`, {
      version: 0, status: "NO_DATA", noData: { reason: "NO_UPDATE" },
    });
    expect(noUpdate.json().return).toMatchObject({ status: "NO_DATA", noData: { reason: "NO_UPDATE" }, values: {}, commentary: null });

    const notProvided = await manager.put(`/api/returns/${await indicatorId("3.2")}/${quarters[4]}`, {
      version: 0, status: "NO_DATA", noData: { reason: "NOT_PROVIDED" },
    });
    expect(notProvided.json().return.noData.reason).toBe("NOT_PROVIDED");
  });
});

describe("submitting and changing a submitted return", () => {
  it("keeps each version in the audit history, shown in the return's changes", async () => {
    const crc = await client("crc@demo.test");
    const id = await indicatorId("1.5");
    const first = await crc.put(`/api/returns/${id}/${quarters[4]}`, { version: 0, status: "SUBMITTED", values: { settledAccommodation: "79.1" } });
    expect(first.json().return).toMatchObject({ status: "SUBMITTED", version: 1 });
    const second = await crc.put(`/api/returns/${id}/${quarters[4]}`, { version: 1, status: "SUBMITTED", values: { settledAccommodation: "79.4" }, commentary: "Corrected." });
    expect(second.json().return).toMatchObject({ status: "SUBMITTED", version: 2, values: { settledAccommodation: "79.4" } });

    const detail = (await crc.get(`/api/returns/${id}/${quarters[4]}`)).json();
    expect(detail.changes.map((entry: { action: string; by: { name: string } }) => `${entry.action} by ${entry.by.name}`)).toEqual([
      "return.submit by Paul Haley",
      "return.submit by Paul Haley",
    ]);
    expect(detail.mayEdit).toBe(true);
    expect(detail.history.map((entry: { quarter: { name: string }; return: { values: object } }) => [entry.quarter.name, entry.return?.values])).toEqual([
      ["Q1 2019/20", { settledAccommodation: "77.4" }],
      ["Q2 2019/20", {}],
      ["Q3 2019/20", { settledAccommodation: "78.6" }],
    ]);
  });
});

describe("no lost update", () => {
  it("lets exactly one of twenty parallel saves of the same version through", async () => {
    const police = await signIn(test.app, "police@demo.test");
    const id = await indicatorId("2.2");
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        as(test.app, police).put(`/api/returns/${id}/${quarters[4]}`, { version: 0, status: "DRAFT", values: { repeatRate: `${20 + index}.5` } }),
      ),
    );
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, ...Array(19).fill(409)]);
    const winner = responses.find((response) => response.statusCode === 200)!.json().return.values.repeatRate;
    const saved = await test.db.prisma.returnValue.findFirstOrThrow({ where: { return: { indicatorId: id, quarterId: quarters[4] } } });
    expect(saved.number!.toString()).toBe(winner);
    expect(await test.db.prisma.auditEvent.count({ where: { indicatorId: id, quarterId: quarters[4], entityType: "return" } })).toBe(1);
  });
});

describe("bad input changes nothing", () => {
  it.each([
    ["an unknown field", { version: 0, status: "DRAFT", values: { nope: "1" } }, { "values.nope": 'There is no field "nope" on this indicator' }],
    ["a wrong type", { version: "0", status: "DRAFT" }, { version: expect.any(String) }],
    ["a missing required figure", { version: 0, status: "SUBMITTED", values: {} }, { "values.repeatCallers": "Enter ASB repeat callers" }],
    ["a negative count", { version: 0, status: "DRAFT", values: { repeatCallers: "-2" } }, { "values.repeatCallers": "ASB repeat callers cannot be negative" }],
    ["a fractional count", { version: 0, status: "DRAFT", values: { repeatCallers: "2.5" } }, { "values.repeatCallers": "ASB repeat callers must be a whole number, like 2,424" }],
    ["text over the limit", { version: 0, status: "DRAFT", commentary: "x".repeat(3001) }, { commentary: "Commentary must be 3,000 characters or fewer" }],
    [
      "figures with no update this quarter",
      { version: 0, status: "NO_DATA", noData: { reason: "NO_UPDATE" }, values: { repeatCallers: "3" } },
      { values: "A return with no data cannot have figures. Remove them, or report the figures instead of no data" },
    ],
    [
      "a commentary with no data",
      { version: 0, status: "NO_DATA", noData: { reason: "NOT_RELEASED", explanation: "Embargoed" }, commentary: "Hidden by the form" },
      { commentary: "A return with no data cannot have a commentary. Remove it, or report the figures instead of no data" },
    ],
    [
      "an expected date before the quarter ends",
      { version: 0, status: "NO_DATA", noData: { reason: "NOT_YET_AVAILABLE", availableFrom: "2019-01-01" } },
      { "noData.availableFrom": "The date the figures are expected must be after 31 Mar 2020, when the quarter ends" },
    ],
    [
      "an expected date on the quarter's last day",
      { version: 0, status: "NO_DATA", noData: { reason: "NOT_YET_AVAILABLE", availableFrom: "2020-03-31" } },
      { "noData.availableFrom": "The date the figures are expected must be after 31 Mar 2020, when the quarter ends" },
    ],
    [
      "an expected date more than two years ahead",
      { version: 0, status: "NO_DATA", noData: { reason: "NOT_YET_AVAILABLE", availableFrom: twoYearsAndADayAhead() } },
      { "noData.availableFrom": expect.stringMatching(/^The date the figures are expected must be within 2 years from today, by \d+ \w+ \d{4} at the latest$/) },
    ],
    ["a reason without its date", { version: 0, status: "NO_DATA", noData: { reason: "NOT_YET_AVAILABLE" } }, { "noData.availableFrom": "Enter the date the data is expected" }],
    ["a date that does not exist", { version: 0, status: "NO_DATA", noData: { reason: "NOT_YET_AVAILABLE", availableFrom: "2020-02-30" } }, { "noData.availableFrom": "Enter a real date" }],
    ["a reason without its explanation", { version: 0, status: "NO_DATA", noData: { reason: "NOT_RELEASED" } }, { "noData.explanation": "Explain why the data cannot be released" }],
    ["an unknown top-level key", { version: 0, status: "DRAFT", extra: 1 }, { "(body)": expect.stringContaining("extra") }],
  ])("refuses %s with 400 naming the field", async (_, body, fields) => {
    const cps = await client("cps@demo.test");
    const before = await fingerprint(test.db);
    const response = await cps.put(`/api/returns/${await indicatorId("4.3")}/${quarters[4]}`, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual(fields);
    expect(await fingerprint(test.db)).toBe(before);
  });
});

describe("last year's figures through the indicator's lineage", () => {
  it("finds 2019/20 Q1 as last year for a 2020/21 Q1 return, and the four quarters before", async () => {
    const q = test.db.prisma;
    const lastYears = await q.indicator.findFirstOrThrow({ where: { ref: "4.2" }, include: { fields: true, ownerOrganisation: true } });
    const year = await q.reportingYear.create({ data: { label: "2020/21", planYear: 4, startDate: new Date("2020-04-01"), endDate: new Date("2021-03-31") } });
    const quarter = await q.quarter.create({
      data: { yearId: year.id, number: 1, startDate: new Date("2020-04-01"), endDate: new Date("2020-06-30"), dueDate: new Date("2020-07-31"), status: "OPEN" },
    });
    const priority = await q.priority.create({ data: { yearId: year.id, number: 4, title: "Community Safety & Protection", outcome: "…", sortOrder: 4 } });
    const indicator = await q.indicator.create({
      data: {
        priorityId: priority.id, ref: "4.2", title: lastYears.title, ownerOrganisationId: lastYears.ownerOrganisationId, sortOrder: 2,
        previousIndicatorId: lastYears.id, headlineFieldKey: "incidents",
        fields: { create: lastYears.fields.map(({ id: _, indicatorId: __, ...field }) => field) },
      },
    });
    const detail = (await (await client("cps@demo.test")).get(`/api/returns/${indicator.id}/${quarter.id}`)).json();
    expect(detail.lastYear).toEqual({ incidents: "2424" });
    expect(detail.history.map((entry: { quarter: { name: string }; return: { values: { incidents?: string } } | null }) => [entry.quarter.name, entry.return?.values.incidents ?? null])).toEqual([
      ["Q1 2019/20", "2424"],
      ["Q2 2019/20", "2319"],
      ["Q3 2019/20", "1728"],
      ["Q4 2019/20", null],
    ]);
  });
});

describe("queries on a figure", () => {
  it("a manager asks, the owner sees it flagged and answers, the manager closes it", async () => {
    const fireOwner = await client("fire@demo.test");
    const manager = await client("manager@demo.test");
    const id = await indicatorId("4.5");

    const draftQuery = await manager.post(`/api/returns/${await indicatorId("4.6")}/${quarters[4]}/queries`, { text: "Is this right?" });
    expect(draftQuery.statusCode).toBe(409);
    const raised = await manager.post(`/api/returns/${id}/${quarters[4]}/queries`, { fieldKey: "dwellings", text: "Is 1,204 right? Last year was 1,199." });
    expect(raised.statusCode).toBe(201);
    expect((await fireOwner.post(`/api/returns/${id}/${quarters[4]}/queries`, { text: "Owners cannot raise" })).statusCode).toBe(403);

    const list = (await fireOwner.get(`/api/returns?quarterId=${quarters[4]}`)).json();
    expect(list.items.find((item: { indicator: { id: number } }) => item.indicator.id === id).openQueries).toBe(1);
    const detail = (await fireOwner.get(`/api/returns/${id}/${quarters[4]}`)).json();
    expect(detail.queries).toEqual([expect.objectContaining({ text: "Is 1,204 right? Last year was 1,199.", status: "OPEN", raisedBy: expect.objectContaining({ name: "Chris Manning" }) })]);

    const queryId = raised.json().query.id;
    expect((await (await client("cps@demo.test")).post(`/api/queries/${queryId}/answer`, { response: "Not ours" })).statusCode).toBe(404);
    const answered = await fireOwner.post(`/api/queries/${queryId}/answer`, { response: "Yes: a typing slip, it is 120. Corrected." });
    expect(answered.json().query).toMatchObject({ status: "ANSWERED", answeredBy: { name: "Maria Watson" } });
    const closed = await manager.post(`/api/queries/${queryId}/close`);
    expect(closed.json().query.status).toBe("CLOSED");
    const after = (await fireOwner.get(`/api/returns?quarterId=${quarters[4]}`)).json();
    expect(after.items.find((item: { indicator: { id: number } }) => item.indicator.id === id).openQueries).toBe(0);
    const events = await test.db.prisma.auditEvent.findMany({ where: { entityType: "query" }, orderBy: { id: "asc" } });
    // Raised, answered and closed, and the e-mails of the first two (not sent: this app has no mail server).
    expect(events.map((event) => event.action)).toEqual(["query.raise", "query.email", "query.answer", "query.email", "query.close"]);
  });
});
