// Every route declares what it answers, from the shared contract: /api/docs documents each
// response, and the server never sends a field the contract does not declare.
import type { PrismaClient } from "@quarterly-returns/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type App } from "../src/app.ts";
import { as, buildTestApp, signIn, testConfig, type TestApp } from "./helper.ts";

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp("demo");
});
afterAll(() => test.close());

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: object }> }> };

describe("the OpenAPI document at /api/docs", () => {
  it("gives every operation a success response with its schema, and the shape of its errors", async () => {
    const document = (await test.app.inject({ method: "GET", url: "/api/docs" })).json() as { paths: Record<string, Record<string, Operation>> };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })));
    expect(operations.length).toBeGreaterThanOrEqual(38);
    for (const { name, operation } of operations) {
      const success = Object.entries(operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
      expect(success.length, `${name} declares a success response`).toBeGreaterThan(0);
      for (const [status, response] of success) {
        if (status === "204") continue;
        const schemas = Object.values(response.content ?? {}).map((content) => content.schema);
        expect(schemas.length > 0 && schemas.every(Boolean), `${name} ${status} has a schema`).toBe(true);
      }
      expect(operation.responses?.["4XX"]?.content?.["application/json"]?.schema, `${name} documents its errors`).toBeDefined();
    }
  });
});

describe("a field the contract does not declare", () => {
  let app: App;
  const SENTINEL = "an-undeclared-column";

  beforeAll(async () => {
    // As if a column were added to every table: every row Prisma reads now carries it.
    const extended = test.db.prisma.$extends({ result: { $allModels: { undeclaredColumn: { needs: {}, compute: () => SENTINEL } } } }) as unknown as PrismaClient;
    app = await buildApp({ config: await testConfig(), prisma: extended, databaseUrl: test.db.url });
  });
  afterAll(() => app.close());

  it("never reaches a response", async () => {
    const admin = as(app, await signIn(app, "admin@demo.test"));
    const owner = as(app, await signIn(app, "fire@demo.test"));
    const year = await test.db.prisma.reportingYear.findFirstOrThrow({ include: { quarters: { orderBy: { number: "asc" } } } });
    const q4 = year.quarters[3]!.id;
    const f3 = await test.db.prisma.indicator.findFirstOrThrow({ where: { ref: "4.6" } });
    const saved = await owner.put(`/api/returns/${f3.id}/${q4}`, { version: 0, status: "DRAFT", values: { fires: "100" } });
    expect(saved.statusCode, saved.body).toBe(200);

    const answers = await Promise.all([
      admin.get("/api/me"),
      admin.get("/api/quarters"),
      admin.get("/api/years"),
      admin.get(`/api/quarters/${q4}/sign-off`),
      admin.get(`/api/quarters/${q4}/completeness`),
      admin.get(`/api/returns?quarterId=${q4}`),
      admin.get(`/api/returns/${f3.id}/${q4}`),
      admin.get(`/api/years/${year.id}/framework`),
      admin.get(`/api/reports/${year.id}`),
      admin.get("/api/users"),
      admin.get("/api/organisations"),
      admin.get("/api/audit"),
      admin.get(`/api/chases?quarterId=${q4}`),
      owner.get(`/api/returns?quarterId=${q4}`),
    ]);
    for (const answer of [saved, ...answers]) {
      expect(answer.statusCode, answer.body.slice(0, 200)).toBe(200);
      expect(answer.body).not.toContain(SENTINEL);
      expect(answer.body).not.toContain("undeclaredColumn");
    }
    // The sentinel is really there to leak: the rows carry it.
    expect((await (app.prisma as unknown as PrismaClient).organisation.findFirstOrThrow()) as unknown).toMatchObject({ undeclaredColumn: SENTINEL });
  });
});
