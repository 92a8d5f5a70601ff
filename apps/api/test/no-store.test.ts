// Nothing the API answers is kept by a browser or a proxy: every answer, every download and every
// error says Cache-Control: no-store. The web app's own files keep their caching (web-app.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, buildTestApp, fakeWebDist, signIn, type TestApp } from "./helper.ts";

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp("demo", { webDistDir: await fakeWebDist() });
  test.app.get("/api/test-failure", { config: { public: true } }, async () => {
    throw new Error("a fault");
  });
});
afterAll(() => test.close());

describe("Cache-Control: no-store", () => {
  it("on answers, downloads and errors of every kind", async () => {
    const manager = as(test.app, await signIn(test.app, "manager@demo.test"));
    const owner = as(test.app, await signIn(test.app, "iom@demo.test"));
    const yearId = (await test.db.prisma.reportingYear.findFirstOrThrow()).id;
    const answers = {
      "200 JSON": await manager.get("/api/quarters"),
      "200 kept in memory, first": await manager.get(`/api/reports/${yearId}`),
      "200 kept in memory, from memory": await manager.get(`/api/reports/${yearId}`),
      "200 public": await test.app.inject({ method: "GET", url: "/api/health" }),
      "200 CSV report": await manager.get(`/api/reports/${yearId}.csv`),
      "200 TSV report": await manager.get(`/api/reports/${yearId}.tsv`),
      "200 XLSX report": await manager.get(`/api/reports/${yearId}.xlsx`),
      "200 audit CSV": await manager.get("/api/audit.csv"),
      "200 sign-in": await test.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "iom@demo.test", password: "demo1234" }, remoteAddress: "10.9.9.9" }),
      "400": await manager.get("/api/audit?from=2026-02-30"),
      "400 an address the router cannot read": await manager.get("/api/returns/%E0/4"),
      "401": await test.app.inject({ method: "GET", url: "/api/me" }),
      "401, however the path is written": await test.app.inject({ method: "GET", url: "/%61pi/quarters" }),
      "403": await owner.get("/api/users"),
      "404 no such route": await manager.get("/api/no-such-thing"),
      "404 no such year": await manager.get("/api/reports/999999.csv"),
      "415": await test.app.inject({ method: "POST", url: "/api/auth/logout", headers: { "content-type": "text/plain" }, payload: "x" }),
      "500": await test.app.inject({ method: "GET", url: "/api/test-failure" }),
    };
    for (const [label, response] of Object.entries(answers)) {
      expect(response.statusCode, label).toBe(Number(label.slice(0, 3)));
      expect(response.headers["cache-control"], label).toBe("no-store");
    }
    expect(answers["200 CSV report"].headers["content-disposition"]).toContain("attachment");
    expect(answers["400 an address the router cannot read"].json()).toEqual({ message: "This address is not valid: check it and try again." });
  });

  it("leaves the web app's own caching as it is", async () => {
    expect((await test.app.inject({ method: "GET", url: "/" })).headers["cache-control"]).toBe("no-cache");
    expect((await test.app.inject({ method: "GET", url: "/returns/1/4" })).headers["cache-control"]).toBe("no-cache");
    expect((await test.app.inject({ method: "GET", url: "/assets/index-abc123.js" })).headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });
});
