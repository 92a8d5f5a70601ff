import { createPrismaClient } from "@quarterly-returns/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { as, buildTestApp, signIn, testConfig, type TestApp } from "./helper.ts";

describe("GET /api/health", () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await buildTestApp("demo");
  });
  afterAll(() => test.close());

  it("answers 200 when the database answers", async () => {
    const response = await test.app.inject({ method: "GET", url: "/api/health" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok", database: "up" });
  });

  it("answers 503 when the database does not", async () => {
    const nowhere = "postgresql://nobody:nothing@127.0.0.1:1/none";
    const prisma = createPrismaClient(nowhere);
    const app = await buildApp({ config: await testConfig(), prisma, databaseUrl: nowhere });
    try {
      const response = await app.inject({ method: "GET", url: "/api/health" });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: "unavailable", database: "down", message: "The database is not answering." });
    } finally {
      await app.close();
      await prisma.$disconnect();
    }
  });

  it("answers an unknown API path with a 404 that names it, once signed in", async () => {
    expect((await test.app.inject({ method: "GET", url: "/api/no-such-thing" })).statusCode).toBe(401);
    const response = await as(test.app, await signIn(test.app, "admin@demo.test")).get("/api/no-such-thing?x=1");
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ message: "There is no GET /api/no-such-thing in this API." });
  });
});
