// Input the database cannot take never reaches it: a NUL or another control character in any
// text, a line break or a direction override in a name, an id beyond PostgreSQL's integer, a
// date that does not exist. Each is a 400 that names the field (or 404), never a server fault;
// and should such a value slip past the checks, the database's refusal is still a 400.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, buildTestApp, fingerprint, signIn, signature, type TestApp } from "./helper.ts";

const UNSTORABLE = "contains a character that cannot be stored: remove it or retype the text";
const TOO_BIG = 2_147_483_648;

let test: TestApp;
let admin: ReturnType<typeof as>;
let manager: ReturnType<typeof as>;
let owner: ReturnType<typeof as>;
let openQuarterId: number;
let ownIndicatorId: number;
let textIndicatorId: number;

beforeAll(async () => {
  test = await buildTestApp("demo");
  test.app.get("/api/test-store-nul", async () => test.db.prisma.organisation.create({ data: { name: "Evil\u0000Org", shortName: "EVIL" } }));
  test.app.get("/api/test-big-id", async () => test.db.prisma.organisation.findFirst({ where: { id: TOO_BIG } }));
  test.app.get("/api/test-raw-overflow", async () => test.db.prisma.$queryRaw`SELECT ${TOO_BIG}::int AS id`);
  admin = as(test.app, await signIn(test.app, "admin@demo.test"));
  manager = as(test.app, await signIn(test.app, "manager@demo.test"));
  owner = as(test.app, await signIn(test.app, "crc@demo.test"));
  openQuarterId = (await test.db.prisma.quarter.findFirstOrThrow({ where: { status: "OPEN" } })).id;
  ownIndicatorId = (await test.db.prisma.indicator.findFirstOrThrow({ where: { ownerOrganisation: { shortName: "CRC" } }, orderBy: { id: "asc" } })).id;
  textIndicatorId = (await test.db.prisma.indicator.findFirstOrThrow({ where: { fields: { some: { kind: "TEXT" } } } })).id;
});
afterAll(() => test.close());

const expectRefused = (response: { statusCode: number; json(): unknown }, fields: Record<string, string>, label: string) => {
  expect(response.statusCode, label).toBe(400);
  expect((response.json() as { fields: Record<string, string> }).fields, label).toMatchObject(fields);
};

describe("control characters in text", () => {
  it("refuses a NUL in every kind of text a form sends, naming the field, and writes nothing", async () => {
    const before = (await fingerprint(test.db)).replace(/audit_events:\S+/, "");
    const nul = "Evil\u0000text";
    expectRefused(await admin.post("/api/organisations", { name: nul, shortName: "EV" }), { name: `Name ${UNSTORABLE}` }, "organisation");
    expectRefused(await admin.put("/api/organisations/1", { name: "Probation", shortName: "P\u0000" }), { shortName: `Short name ${UNSTORABLE}` }, "organisation change");
    expectRefused(await admin.post("/api/users", { name: nul, email: "new@example.org", role: "ADMIN" }), { name: `Name ${UNSTORABLE}` }, "user");
    expectRefused(await admin.patch("/api/users/1", { name: nul }), { name: `Name ${UNSTORABLE}` }, "user change");
    expectRefused(await admin.post("/api/quarters/1/reopen", { reason: nul }), { reason: `The reason ${UNSTORABLE}` }, "reopen");
    expectRefused(await admin.post("/api/years/1/priorities", { number: 9, title: nul, outcome: "Safer" }), { title: `Title ${UNSTORABLE}` }, "priority");
    expectRefused(
      await admin.post("/api/priorities/1/indicators", { title: "Crime", ownerOrganisationId: 1, polarity: "NEUTRAL", fields: [{ key: "crimes", label: nul, kind: "COUNT" }] }),
      { "fields.0.label": `Label ${UNSTORABLE}` },
      "indicator",
    );
    expectRefused(await manager.post("/api/chases", { quarterId: openQuarterId, organisationId: 1, subject: "Reminder", body: nul }), { body: `The message ${UNSTORABLE}` }, "chase");
    expectRefused(await manager.post(`/api/returns/${ownIndicatorId}/${openQuarterId}/queries`, { text: nul }), { text: `Your question ${UNSTORABLE}` }, "query");
    expectRefused(await owner.put(`/api/returns/${ownIndicatorId}/${openQuarterId}`, { version: 1, status: "DRAFT", commentary: nul }), { commentary: `Commentary ${UNSTORABLE}` }, "commentary");
    expectRefused(await admin.post("/api/reports/import", { year: "2019/20", text: `Priority\t1\n${nul}` }), { text: `The report file ${UNSTORABLE}` }, "import");
    expect((await fingerprint(test.db)).replace(/audit_events:\S+/, "")).toBe(before);
  });

  it("refuses a NUL in a text figure, in the no-data explanation and in an answer to a query", async () => {
    const field = (await test.db.prisma.indicatorField.findFirstOrThrow({ where: { indicatorId: textIndicatorId, kind: "TEXT" } }));
    const textOwner = as(test.app, await signIn(test.app, (await test.db.prisma.indicator.findUniqueOrThrow({ where: { id: textIndicatorId }, include: { ownerOrganisation: true } })).ownerOrganisation.contactEmail!));
    const current = (await textOwner.get(`/api/returns/${textIndicatorId}/${openQuarterId}`)).json().return?.version ?? 0;
    expectRefused(
      await textOwner.put(`/api/returns/${textIndicatorId}/${openQuarterId}`, { version: current, status: "DRAFT", values: { [field.key]: "a\u0000" } }),
      { [`values.${field.key}`]: `${field.label} ${UNSTORABLE}` },
      "text figure",
    );
    expectRefused(
      await textOwner.put(`/api/returns/${textIndicatorId}/${openQuarterId}`, { version: current, status: "NO_DATA", noData: { reason: "NOT_RELEASED", explanation: "Embargo\u0000" } }),
      { "noData.explanation": `The explanation ${UNSTORABLE}` },
      "explanation",
    );
    expectRefused(await owner.post("/api/queries/1/answer", { response: "Yes\u0000" }), { response: `Your answer ${UNSTORABLE}` }, "answer");
  });

  it("takes line breaks in commentary, and refuses them, with direction overrides, in names", async () => {
    const version = (await owner.get(`/api/returns/${ownIndicatorId}/${openQuarterId}`)).json().return?.version ?? 0;
    const saved = await owner.put(`/api/returns/${ownIndicatorId}/${openQuarterId}`, { version, status: "DRAFT", commentary: "First line\nSecond line" });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().return.commentary).toBe("First line\nSecond line");
    expectRefused(await admin.post("/api/organisations", { name: "Evil\r\nOrg", shortName: "E\u202Ev" }), {
      name: "Name must be on one line: remove the line break",
      shortName: "Short name contains a hidden character that changes the direction of the text: remove it or retype the text",
    }, "organisation");
    expectRefused(await admin.post("/api/users", { name: "Ann\u2028Other", email: "ann@example.org", role: "ADMIN" }), { name: "Name must be on one line: remove the line break" }, "user");
    expectRefused(await manager.post("/api/chases", { quarterId: openQuarterId, organisationId: 1, subject: "Hello\r\nBcc: x@evil.test" }), {
      subject: "The subject must be on one line: remove the line break",
    }, "chase subject");
  });
});

describe("NUL elsewhere in a request", () => {
  it("in a query string, a path segment or a JSON key is a 400 or 404, never a fault", async () => {
    for (const url of ["/api/audit?action=%00", "/api/audit?%00=1", "/api/audit.csv?action=a%00b", "/api/returns/%00/4", "/api/quarters/%00/completeness", "/api/reports/1%00.csv", "/api/nothing/%00"]) {
      const response = await manager.get(url);
      expect([400, 404], `${url}: ${response.body}`).toContain(response.statusCode);
    }
    const key = await admin.post("/api/organisations", JSON.parse('{"name":"A","shortName":"B","\\u0000":1}'));
    expect(key.statusCode).toBe(400);
    const valueKey = await owner.put(`/api/returns/${ownIndicatorId}/${openQuarterId}`, { version: 0, status: "DRAFT", values: { "a\u0000": "1" } });
    expect(valueKey.statusCode).toBe(400);
  });
});

describe("ids beyond PostgreSQL's integer", () => {
  it("find nothing in the path, and are refused in the query string and the body, of every route family that takes one", async () => {
    const big = String(TOO_BIG);
    const requests: [ReturnType<typeof as>, "get" | "post" | "put" | "patch" | "delete", string, unknown?][] = [
      [owner, "get", `/api/returns/${big}/4`],
      [owner, "get", `/api/returns/${ownIndicatorId}/${big}`],
      [owner, "put", `/api/returns/${big}/${openQuarterId}`, { version: 0, status: "DRAFT" }],
      [owner, "get", `/api/returns?quarterId=${big}`],
      [manager, "post", `/api/returns/${big}/${openQuarterId}/queries`, { text: "Right?" }],
      [owner, "post", `/api/queries/${big}/answer`, { response: "Yes" }],
      [manager, "post", `/api/queries/${big}/close`, {}],
      [manager, "get", `/api/quarters/${big}/completeness`],
      [admin, "get", `/api/quarters/${big}/sign-off`],
      [admin, "patch", `/api/quarters/${big}`, { dueDate: "2026-01-31" }],
      [admin, "post", `/api/quarters/${big}/close`, await signature(test.app)],
      [admin, "post", `/api/quarters/${big}/reopen`, { reason: "Wrong" }],
      [admin, "get", `/api/years/${big}/framework`],
      [admin, "post", `/api/years/${big}/priorities`, { number: 9, title: "T", outcome: "O" }],
      [admin, "put", `/api/priorities/${big}`, { number: 9, title: "T", outcome: "O" }],
      [admin, "delete", `/api/priorities/${big}`],
      [admin, "post", `/api/priorities/${big}/indicators`, { title: "T", ownerOrganisationId: 1, polarity: "NEUTRAL" }],
      [admin, "put", `/api/indicators/${big}`, { title: "T", ownerOrganisationId: 1, polarity: "NEUTRAL" }],
      [admin, "delete", `/api/indicators/${big}`],
      [admin, "put", `/api/organisations/${big}`, { name: "N", shortName: "S" }],
      [admin, "patch", `/api/users/${big}`, { name: "N" }],
      [admin, "post", `/api/users/${big}/reset-password`, {}],
      [manager, "get", `/api/chases?quarterId=${big}`],
      [manager, "get", `/api/chases?quarterId=${openQuarterId}&organisationId=${big}`],
      [manager, "get", `/api/audit?actorId=${big}`],
      [manager, "get", `/api/audit?page=99999999999999999999`],
      [manager, "post", "/api/chases/preview", { quarterId: TOO_BIG }],
      [manager, "post", "/api/chases", { quarterId: openQuarterId, organisationId: TOO_BIG }],
      [admin, "post", "/api/users", { name: "N", email: "n@example.org", role: "DATA_OWNER", organisationId: TOO_BIG }],
      [admin, "post", "/api/priorities/1/indicators", { title: "T", ownerOrganisationId: TOO_BIG, polarity: "NEUTRAL" }],
      [admin, "post", "/api/years/1/priorities", { number: TOO_BIG, title: "T", outcome: "O" }],
      [admin, "post", "/api/priorities/1/indicators", { title: "T", ownerOrganisationId: 1, polarity: "NEUTRAL", sortOrder: TOO_BIG }],
    ];
    for (const [client, method, url, body] of requests) {
      const response = await client[method](url, body);
      const label = `${method} ${url} ${JSON.stringify(body ?? "")}: ${response.body}`;
      if (new URL(url, "http://localhost").pathname.includes(big)) {
        // An address that names a record no table could hold names nothing.
        expect(response.statusCode, label).toBe(404);
        continue;
      }
      expect(response.statusCode, label).toBe(400);
      // Refused by the request's checks, which name the field, not by the database.
      expect(response.json().fields, label).toBeDefined();
    }
    expect((await manager.get(`/api/reports/${big}.csv`)).statusCode).toBe(404);
  });

  it("a rank's \"out of\" beyond it is refused, naming the field", async () => {
    const field = await test.db.prisma.indicatorField.findFirstOrThrow({ where: { kind: "RANK" }, include: { indicator: { include: { ownerOrganisation: true } } } });
    const rankOwner = as(test.app, await signIn(test.app, field.indicator.ownerOrganisation.contactEmail!));
    const current = (await rankOwner.get(`/api/returns/${field.indicatorId}/${openQuarterId}`)).json().return?.version ?? 0;
    const response = await rankOwner.put(`/api/returns/${field.indicatorId}/${openQuarterId}`, { version: current, status: "DRAFT", values: { [field.key]: { position: "1", outOf: "99999999999" } } });
    expectRefused(response, { [`values.${field.key}.outOf`]: `${field.label}: "out of" is too large` }, "rank");
  });
});

describe("dates that do not exist", () => {
  it("are a 400 that names the parameter", async () => {
    for (const [url, parameter] of [["/api/audit?from=9999-99-99", "from"], ["/api/audit?to=2026-02-30", "to"], ["/api/audit.csv?from=2026-13-01", "from"], ["/api/audit?from=yesterday", "from"]] as const) {
      const response = await manager.get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json(), url).toEqual({ message: `The "${parameter}" date must be a real date, like 2020-01-31`, fields: { [parameter]: `The "${parameter}" date must be a real date, like 2020-01-31` } });
    }
    expect((await manager.get("/api/audit?from=2024-02-29&to=9999-12-31")).statusCode).toBe(200);
  });
});

describe("unknown parameters", () => {
  it("in a query string are named as the query string's, in a body as the body's", async () => {
    const query = await owner.get(`/api/returns?quarterId=${openQuarterId}&quarter=4`);
    expectRefused(query, { "(query)": 'Unknown field: "quarter"' }, "query string");
    expect(Object.keys((query.json() as { fields: object }).fields)).toEqual(["(query)"]);
    const body = await admin.post(`/api/quarters/${openQuarterId}/reopen`, { reason: "A check", colour: "red" });
    expectRefused(body, { "(body)": 'Unknown field: "colour"' }, "body");
  });
});

describe("the database's own refusal of a value", () => {
  it("is a 400 with a plain message, not a server fault", async () => {
    for (const url of ["/api/test-store-nul", "/api/test-big-id", "/api/test-raw-overflow"]) {
      const response = await admin.get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json(), url).toEqual({ message: "Something you sent cannot be stored: check it for unusual characters or very large numbers, and try again." });
    }
  });
});
