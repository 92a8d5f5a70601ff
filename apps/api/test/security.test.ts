import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { as, buildTestApp, signIn, testConfig, type TestApp } from "./helper.ts";

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp("demo");
  test.app.get("/api/test-failure", { config: { public: true } }, async () => {
    throw new Error("secret internal detail at /srv/app/x.ts:12");
  });
});
afterAll(() => test.close());

describe("security headers", () => {
  it("sends a strict CSP without inline scripts, frame-ancestors 'none' and nosniff", async () => {
    const response = await test.app.inject({ method: "GET", url: "/api/health" });
    const csp = response.headers["content-security-policy"] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["strict-transport-security"]).toBeUndefined();
  });

  it("over HTTPS adds HSTS and makes the cookie Secure with a __Host- name", async () => {
    const app = await buildApp({ config: await testConfig({ appUrl: "https://returns.example.org" }), prisma: test.db.prisma, databaseUrl: test.db.url });
    try {
      const response = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "iom@demo.test", password: "demo1234" } });
      expect(response.headers["strict-transport-security"]).toContain("max-age=31536000");
      const cookie = response.cookies[0]!;
      expect(cookie).toMatchObject({ name: "__Host-qr_session", secure: true, httpOnly: true, sameSite: "Strict", path: "/" });
    } finally {
      await app.close();
    }
  });
});

describe("CSRF: state changes only by JSON requests", () => {
  it("refuses a form post or a body-less request that is not JSON", async () => {
    const cookie = await signIn(test.app, "admin@demo.test");
    const form = await test.app.inject({
      method: "POST",
      url: "/api/organisations",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: "name=Evil&shortName=EV",
    });
    expect(form.statusCode).toBe(415);
    expect(form.json()).toEqual({ message: "Send this request as JSON (Content-Type: application/json)." });
    const bare = await test.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie } });
    expect(bare.statusCode).toBe(415);
    expect((await as(test.app, cookie).get("/api/me")).statusCode).toBe(200);
  });
});

describe("errors", () => {
  it("answers a server fault with a generic message, never the detail or a stack", async () => {
    const response = await test.app.inject({ method: "GET", url: "/api/test-failure" });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      message: "Something went wrong on our side. Please try again; if it keeps happening, tell your administrator.",
    });
    expect(response.body).not.toContain("secret");
  });

  it("refuses an oversized body", async () => {
    const cookie = await signIn(test.app, "admin@demo.test");
    const response = await as(test.app, cookie).post("/api/organisations", { name: "x".repeat(300 * 1024), shortName: "X" });
    expect(response.statusCode).toBe(413);
    expect(response.json().message).toBe("What you sent is 301 KB; at most 256 KB can be sent here. Shorten the text and try again.");
  });
});

describe("access decided by the route the router matched", () => {
  it("asks for a session however the path is written", async () => {
    for (const url of ["/%61pi/quarters", "/api/%71uarters", "/%61pi/me", "/%61pi/users", "/%61pi/reports/1", "/%61pi/no-such-thing"]) {
      const response = await test.app.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(401);
      expect(response.json(), url).toEqual({ message: "Sign in to continue." });
    }
  });

  it("takes state changes as JSON only, however the path is written", async () => {
    const cookie = await signIn(test.app, "crc@demo.test");
    const response = await test.app.inject({ method: "PUT", url: "/%61pi/returns/2/4", headers: { cookie, "content-type": "text/plain" }, payload: "version=0" });
    expect(response.statusCode).toBe(415);
  });

  it("finds nothing at ids beyond PostgreSQL's integer or not whole numbers, and refuses them in a filter, naming the problem", async () => {
    const manager = as(test.app, await signIn(test.app, "manager@demo.test"));
    for (const url of ["/api/quarters/2147483648/completeness", "/api/quarters/1e3/completeness", "/api/returns/2147483648/4", "/api/returns/2/0x10"]) {
      const response = await manager.get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().message, url).toBe("There is nothing at this address: check the link and try again.");
    }
    const filter = await manager.get("/api/returns?quarterId=99999999999");
    expect(filter.statusCode).toBe(400);
    expect(filter.json().message).toMatch(/must be a whole number from 1 to 2147483647/);
    expect((await manager.get("/api/reports/99999999999")).statusCode).toBe(404);
    expect((await manager.get("/api/reports/9999999999.csv")).statusCode).toBe(404);
  });
});
