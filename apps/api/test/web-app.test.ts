import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, fakeAssetSource, fakeWebDist, type TestApp } from "./helper.ts";

describe("the web app is served on the API's port", () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await buildTestApp("empty", { webDistDir: await fakeWebDist() });
  });
  afterAll(() => test.close());

  const asset = (acceptEncoding?: string) =>
    test.app.inject({
      method: "GET",
      url: "/assets/index-abc123.js",
      headers: acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding },
    });

  it("answers the app's own routes with index.html, never cached", async () => {
    for (const url of ["/", "/sign-in", "/returns/12/3"]) {
      const response = await test.app.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain("<title>Quarterly Returns</title>");
      expect(response.headers["cache-control"]).toBe("no-cache");
    }
  });

  it("sends index.html brotli-compressed to a browser that accepts it, still never cached", async () => {
    for (const url of ["/", "/returns/12/3"]) {
      const response = await test.app.inject({ method: "GET", url, headers: { "accept-encoding": "gzip, deflate, br" } });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["content-encoding"], url).toBe("br");
      expect(response.headers["content-type"], url).toContain("text/html");
      expect(response.headers["cache-control"], url).toBe("no-cache");
      expect(response.headers.vary, url).toContain("accept-encoding");
      expect(brotliDecompressSync(response.rawPayload).toString(), url).toContain("<title>Quarterly Returns</title>");
    }
  });

  it("names in a signed-in person's pages what they fetch first, so the browser fetches it alongside the script", async () => {
    const page = (url: string, cookie?: string) => test.app.inject({ method: "GET", url, headers: cookie ? { cookie } : {} });
    const form = (await page("/returns/12/3?from=list", "qr_session=anything")).body;
    expect(form).toContain('<link rel="preload" as="fetch" crossorigin="anonymous" href="/api/me">');
    expect(form).toContain('<link rel="preload" as="fetch" crossorigin="anonymous" href="/api/returns/12/3">');
    expect(form.indexOf("/api/returns/12/3")).toBeLessThan(form.indexOf("</head>"));

    const other = (await page("/completeness", "qr_session=anything")).body;
    expect(other).toContain('href="/api/me"');
    expect(other).not.toContain("/api/returns/");
    for (const url of ["/returns/12/abc", "/returns/12%2F3/4", "/returns/99999999999/3"]) expect((await page(url, "qr_session=anything")).body, url).not.toContain("/api/returns/");
    // Nobody signed in: nothing to fetch for them.
    expect((await page("/returns/12/3")).body).not.toContain("preload");
  });

  it("sends a built script only the security headers that apply to a script, and the page all of them", async () => {
    const script = await asset();
    expect(script.headers["x-content-type-options"]).toBe("nosniff");
    expect(script.headers["cross-origin-resource-policy"]).toBe("same-origin");
    expect(script.headers["content-security-policy"]).toBeUndefined();
    const missing = await test.app.inject({ method: "GET", url: "/assets/not-built-abc123.js" });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).not.toContain("<title>");
    const page = await test.app.inject({ method: "GET", url: "/assets/index-abc123.js?x=/a.html" });
    expect(page.headers["content-security-policy"]).toBeDefined();
    const index = await test.app.inject({ method: "GET", url: "/returns/12/3" });
    expect(index.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(index.headers["x-frame-options"]).toBe("SAMEORIGIN");
  });

  it("serves built assets to be cached for good", async () => {
    const response = await asset();
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("sends an asset as brotli when the browser accepts it", async () => {
    const response = await asset("gzip, deflate, br");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-encoding"]).toBe("br");
    expect(response.headers["content-type"]).toContain("javascript");
    expect(response.headers.vary).toContain("accept-encoding");
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(fakeAssetSource);
  });

  it("sends an asset as gzip when the browser accepts only gzip", async () => {
    const response = await asset("gzip");
    expect(response.headers["content-encoding"]).toBe("gzip");
    expect(response.headers.vary).toContain("accept-encoding");
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(gunzipSync(response.rawPayload).toString()).toBe(fakeAssetSource);
  });

  it("sends an asset uncompressed when the browser accepts no compression", async () => {
    for (const acceptEncoding of [undefined, "identity"]) {
      const response = await asset(acceptEncoding);
      expect(response.statusCode, acceptEncoding).toBe(200);
      expect(response.headers["content-encoding"], acceptEncoding).toBeUndefined();
      expect(response.headers.vary, acceptEncoding).toContain("accept-encoding");
      expect(response.body, acceptEncoding).toBe(fakeAssetSource);
    }
  });

  it("keeps /api paths for the API", async () => {
    const response = await test.app.inject({ method: "GET", url: "/api/unknown" });
    expect(response.statusCode).toBe(401);
    expect(response.headers["content-type"]).toContain("application/json");
  });
});
