// The data owner's return page on a slow phone connection: Chromium with its network throttled to
// "Slow 4G" (1.6 Mbit/s down, 750 kbit/s up, 150 ms round trips) and its CPU slowed 4×, through the
// DevTools protocol; the browser's cache empty, the server's warm. The time is from the start of
// the navigation until the form's first field is on the page, able to take a keystroke (which is
// then typed into it to prove it).
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 };
const CPU_SLOWDOWN = 4;
const FIELD = "form input:is([type=text], :not([type])):not([disabled]), form textarea:not([disabled])";

/**
 * Notes, on the page's own clock (0 is the start of the navigation), when the form's first field
 * appears. A string, not a function: tsx would put its own helpers in a function's text.
 */
const NOTE_FIRST_FIELD = `
  new MutationObserver(() => {
    if (window.fieldAt === undefined && document.querySelector(${JSON.stringify(FIELD)})) window.fieldAt = performance.now();
  }).observe(document, { childList: true, subtree: true, attributes: true });`;

export interface PageLoad {
  /** Milliseconds from navigation until the first field took input. */
  interactive: number;
  /** Bytes that came over the network, compressed, headers included. */
  transferred: number;
  requests: number;
}

/** Loads `url` signed in with `cookie` ("name=value") `times` times, each in a fresh browser profile. */
export async function loadOnSlowConnection(url: string, cookie: string, times: number): Promise<PageLoad[]> {
  const browser = await chromium.launch(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {});
  const [name, ...value] = cookie.split("=");
  try {
    const loads: PageLoad[] = [];
    for (let run = 0; run < times; run++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      await context.addCookies([{ name: name!, value: value.join("="), url: new URL(url).origin }]);
      const page = await context.newPage();
      await page.addInitScript(NOTE_FIRST_FIELD);
      const devtools = await context.newCDPSession(page);
      await devtools.send("Network.enable");
      await devtools.send("Network.emulateNetworkConditions", SLOW_4G);
      await devtools.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
      let transferred = 0;
      let requests = 0;
      devtools.on("Network.loadingFinished", (event) => {
        transferred += event.encodedDataLength;
        requests++;
      });
      await page.goto(url, { waitUntil: "commit" });
      const field = page.locator(FIELD).first();
      await field.waitFor({ state: "visible", timeout: 60_000 });
      await field.focus();
      await page.keyboard.type("7");
      if (new URL(page.url()).pathname !== new URL(url).pathname) throw new Error(`The page went to ${page.url()}, not ${url}: is the cookie a session?`);
      if (!(await field.inputValue()).includes("7")) throw new Error("The form's first field did not take the keystroke.");
      const interactive = (await page.evaluate("window.fieldAt")) as number;
      loads.push({ interactive, transferred, requests });
      await context.close();
    }
    return loads;
  } finally {
    await browser.close();
  }
}
