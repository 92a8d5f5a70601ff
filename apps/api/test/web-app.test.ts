import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, fakeWebDist, type TestApp } from "./helper.ts";

describe("the web app is served on the API's port", () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await buildTestApp("empty", { webDistDir: await fakeWebDist() });
  });
  afterAll(() => test.close());

  it("answers the app's own routes with index.html, never cached", async () => {
    for (const url of ["/", "/sign-in", "/returns/12/3"]) {
      const response = await test.app.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain("<title>Quarterly Returns</title>");
      expect(response.headers["cache-control"]).toBe("no-cache");
    }
  });

  it("serves built assets to be cached for good", async () => {
    const response = await test.app.inject({ method: "GET", url: "/assets/index-abc123.js" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("keeps /api paths for the API", async () => {
    const response = await test.app.inject({ method: "GET", url: "/api/unknown" });
    expect(response.statusCode).toBe(401);
    expect(response.headers["content-type"]).toContain("application/json");
  });
});
