// The server as a process, stopped politely and killed outright.
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { postmasterIsRunning, signInOverHttp, startServer, waitForHealth, type RunningServer } from "../process.ts";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function dataDir() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "qr-process-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const call = (server: RunningServer, cookie: string, method: string, url: string, body?: unknown) =>
  fetch(`http://127.0.0.1:${server.port}${url}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** A GET on a connection of its own (fetch would reuse one kept alive from earlier requests). */
const onNewConnection = (server: RunningServer, url: string) =>
  new Promise<number>((resolve, reject) => {
    http.get({ host: "127.0.0.1", port: server.port, path: url, agent: false }, (response) => resolve(response.statusCode!)).on("error", reject);
  });

describe("a graceful stop", () => {
  it("finishes the requests in flight, refuses new ones and stops its PostgreSQL", async () => {
    const dir = await dataDir();
    const server = await startServer({ DATA_DIR: dir });
    await waitForHealth(server);
    const cookie = await signInOverHttp(server, "manager@demo.test");
    const { quarters } = (await (await call(server, cookie, "GET", "/api/quarters")).json()) as { quarters: { year: { id: number } }[] };
    const yearId = quarters[0]!.year.id;
    // The spreadsheet library loads on the first export; loaded now, it cannot hold up the requests below.
    expect((await call(server, cookie, "GET", `/api/reports/${yearId}.xlsx`)).status).toBe(200);

    // Sign-ins (argon2) and spreadsheets take a moment each: several are still running at SIGTERM.
    const emails = ["admin", "iom", "crc", "yot", "pcc", "cps", "police", "publichealth", "fire"].map((name) => `${name}@demo.test`);
    const inFlight = [
      ...emails.map((email) =>
        fetch(`http://127.0.0.1:${server.port}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password: "demo1234" }) }),
      ),
      ...Array.from({ length: 4 }, () => call(server, cookie, "GET", `/api/reports/${yearId}.xlsx`)),
    ];
    await new Promise((resolve) => setTimeout(resolve, 30));
    server.process.kill("SIGTERM");
    const answers = await Promise.all(inFlight.map((request) => request.then((response) => response.status)));
    expect(answers).toEqual(Array(inFlight.length).fill(200));
    // After a moment for requests already sent to arrive, no connection is taken.
    await expect
      .poll(() => onNewConnection(server, "/api/health").then(() => "answered", () => "refused"), { timeout: 5_000, interval: 100 })
      .toBe("refused");

    expect(await server.exited, server.output()).toBe(0);
    expect(await postmasterIsRunning(dir)).toBe(false);
  }, 90_000);
});

describe("a crash", () => {
  it("loses no save that was answered 200, and half-writes none", async () => {
    const dir = await dataDir();
    const first = await startServer({ DATA_DIR: dir });
    await waitForHealth(first);
    const owner = await signInOverHttp(first, "fire@demo.test");
    const { quarters } = (await (await call(first, owner, "GET", "/api/quarters")).json()) as { quarters: { id: number; status: string }[] };
    const q4 = quarters.find((quarter) => quarter.status === "OPEN")!.id;
    const { items } = (await (await call(first, owner, "GET", `/api/returns?quarterId=${q4}`)).json()) as { items: { indicator: { id: number; ref: string } }[] };
    const fires = items.find((item) => item.indicator.ref === "4.5")!.indicator.id;

    // Three fields saved together in each save: a half-written save would leave them unequal.
    const acknowledged: { version: number; figure: number }[] = [];
    let version = 0;
    let stopped = false;
    const stream = (async () => {
      for (let figure = 1; !stopped; figure++) {
        const values = { dwellings: String(figure), vehicles: String(figure), commercial: String(figure) };
        try {
          const response = await call(first, owner, "PUT", `/api/returns/${fires}/${q4}`, { version, status: "DRAFT", values, previousYear: values });
          if (response.status !== 200) throw new Error(`save answered ${response.status}`);
          version = ((await response.json()) as { return: { version: number } }).return.version;
          acknowledged.push({ version, figure });
        } catch {
          return;
        }
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    first.process.kill("SIGKILL");
    await first.exited;
    stopped = true;
    await stream;
    expect(acknowledged.length).toBeGreaterThan(5);
    const last = acknowledged.at(-1)!;

    const second = await startServer({ DATA_DIR: dir });
    cleanups.push(async () => {
      second.process.kill("SIGTERM");
      await second.exited;
    });
    await waitForHealth(second);
    const manager = await signInOverHttp(second, "manager@demo.test");
    const detail = (await (await call(second, manager, "GET", `/api/returns/${fires}/${q4}`)).json()) as { return: { version: number; values: Record<string, string>; previousYear: Record<string, string> } };
    const saved = detail.return;
    expect(saved.version).toBeGreaterThanOrEqual(last.version);
    const figures = new Set([...Object.values(saved.values), ...Object.values(saved.previousYear)]);
    expect(figures.size).toBe(1);
    expect(Number([...figures][0])).toBeGreaterThanOrEqual(last.figure);
    const audit = (await (await call(second, manager, "GET", `/api/audit?indicatorId=${fires}&quarterId=${q4}&action=return.save-draft`)).json()) as { total: number };
    expect(audit.total).toBe(saved.version);
  }, 120_000);
});
