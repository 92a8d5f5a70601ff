import { expect, test, type Response } from "@playwright/test";
import { signIn } from "./support.ts";

// What Chromium is actually sent: the build's brotli copies, cached for good when hashed, and the
// page itself checked every time.
test("a data owner's browser gets the app brotli-compressed, its hashed files cached for good", async ({ page }) => {
  const scripts: Response[] = [];
  page.on("response", (response) => {
    if (new URL(response.url()).pathname.startsWith("/assets/") && response.url().endsWith(".js")) scripts.push(response);
  });

  const document = await page.goto("/sign-in");
  expect(await document?.headerValue("content-encoding")).toBe("br");
  expect(await document?.headerValue("cache-control")).toBe("no-cache");

  await signIn(page, "crc@demo.test");
  await page.getByRole("link", { name: "% of positive completions of Community Orders and Suspended Sentence orders" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("% of positive completions");

  // The return form comes with the app's own code (apps/web/src/app/App.tsx) and the libraries.
  const paths = scripts.map((response) => new URL(response.url()).pathname);
  expect(paths).toContainEqual(expect.stringMatching(/\/index-/));
  expect(paths).toContainEqual(expect.stringMatching(/\/libraries-/));
  let sent = 0;
  for (const response of scripts) {
    const headers = await response.allHeaders();
    expect(headers["content-encoding"], response.url()).toBe("br");
    expect(headers["cache-control"], response.url()).toBe("public, max-age=31536000, immutable");
    expect(headers.vary, response.url()).toContain("accept-encoding");
    // A preloaded file is asked for again from memory, which reports no size of its own.
    sent += Math.max(0, (await response.request().sizes()).responseBodySize);
  }
  test.info().annotations.push({ type: "JavaScript sent to reach the return form", description: `${(sent / 1000).toFixed(1)} KB` });
  console.log(`JavaScript sent to reach the return form: ${(sent / 1000).toFixed(1)} KB`);
});
