// What the app keeps in memory is never older than the database: changes made through another
// connection (another replica, a command-line tool) are seen by the very next request.
import type { Report } from "@quarterly-returns/shared";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ReadCache, type ChangeFeed } from "../src/core/read-cache.ts";
import { as, buildTestApp, signIn, type TestApp } from "./helper.ts";

let test: TestApp;
let yearId: number;
let manager: ReturnType<typeof as>;

beforeAll(async () => {
  test = await buildTestApp("demo");
  yearId = (await test.db.prisma.reportingYear.findFirstOrThrow()).id;
  manager = as(test.app, await signIn(test.app, "manager@demo.test"));
  await vi.waitFor(() => expect(test.app.readCache.listening).toBe(true));
});
afterAll(() => test.close());

const titles = async () => {
  const response = await manager.get(`/api/reports/${yearId}`);
  expect(response.statusCode).toBe(200);
  return (response.json() as Report).priorities.flatMap((priority) => priority.lines.map((line) => line.title));
};

describe("the report kept in memory", () => {
  it("is answered without reading the tables again", async () => {
    await titles();
    const locker = await test.db.sql.connect();
    try {
      // Anyone reading indicators now waits for this transaction; a kept report does not.
      await locker.query("BEGIN; LOCK TABLE indicators IN ACCESS EXCLUSIVE MODE");
      expect((await titles()).length).toBeGreaterThan(0);
    } finally {
      await locker.query("ROLLBACK");
      locker.release();
    }
  });

  it("shows a change committed through another connection at the next request", async () => {
    expect(await titles()).not.toContain("Renamed from another replica");
    await test.db.sql.query(`UPDATE indicators SET title = 'Renamed from another replica' WHERE id = (SELECT min(id) FROM indicators)`);
    expect(await titles()).toContain("Renamed from another replica");
  });

  it("keeps nothing while the change notices are not heard, and listens again by itself", async () => {
    await titles();
    await test.db.sql.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'quarterly-returns change listener' AND datname = current_database()`);
    await expect.poll(() => test.app.readCache.listening).toBe(false);
    await test.db.sql.query(`UPDATE indicators SET title = 'Renamed while nobody listened' WHERE id = (SELECT max(id) FROM indicators)`);
    expect(await titles()).toContain("Renamed while nobody listened");
    await expect.poll(() => test.app.readCache.listening, { timeout: 5_000 }).toBe(true);
    await test.db.sql.query(`UPDATE indicators SET title = 'Renamed after listening again' WHERE id = (SELECT max(id) FROM indicators)`);
    expect(await titles()).toContain("Renamed after listening again");
  });
});

describe("the signed-in user kept in memory", () => {
  it("loses their session at the next request when another connection deactivates them", async () => {
    const owner = as(test.app, await signIn(test.app, "fire@demo.test"));
    expect((await owner.get("/api/me")).statusCode).toBe(200);
    await test.db.sql.query(`UPDATE users SET active = false WHERE email = 'fire@demo.test'`);
    expect((await owner.get("/api/me")).statusCode).toBe(401);
  });
});

/** A change feed with nothing outstanding: the tests hand the notices to the cache themselves. */
const caughtUpFeed: ChangeFeed = { caughtUp: () => Promise.resolve() };

describe("ReadCache", () => {
  it("shares one read among callers asking at the same time, and keeps it", async () => {
    const cache = new ReadCache();
    cache.listenTo(caughtUpFeed);
    let reads = 0;
    const read = async () => ++reads;
    expect(await Promise.all([cache.get("k", ["returns"], read), cache.get("k", ["returns"], read)])).toEqual([1, 1]);
    expect(await cache.get("k", ["returns"], read)).toBe(1);
  });

  it("forgets what was read from a table when it changes, and only that", async () => {
    const cache = new ReadCache();
    cache.listenTo(caughtUpFeed);
    let reads = 0;
    const read = async () => ++reads;
    await cache.get("returns", ["returns"], read);
    await cache.get("users", ["users"], read);
    cache.changed("returns");
    expect(await cache.get("returns", ["returns"], read)).toBe(3);
    expect(await cache.get("users", ["users"], read)).toBe(2);
  });

  it("does not keep a read during which its table changed", async () => {
    const cache = new ReadCache();
    cache.listenTo(caughtUpFeed);
    let finish!: (value: string) => void;
    const slow = cache.get("k", ["returns"], () => new Promise<string>((resolve) => (finish = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 0));
    cache.changed("returns");
    finish("before the change");
    expect(await slow).toBe("before the change");
    expect(await cache.get("k", ["returns"], async () => "after the change")).toBe("after the change");
  });

  it("hears every change committed before it is asked before answering from memory", async () => {
    const cache = new ReadCache();
    // Notices of committed changes still on their way, delivered when the feed is asked to catch up.
    const onTheirWay: string[] = [];
    cache.listenTo({ caughtUp: async () => onTheirWay.splice(0).forEach((table) => cache.changed(table)) });
    expect(await cache.get("k", ["returns"], async () => "before the change")).toBe("before the change");
    onTheirWay.push("returns");
    expect(await cache.get("k", ["returns"], async () => "after the change")).toBe("after the change");
  });

  it("does not keep a failed read", async () => {
    const cache = new ReadCache();
    cache.listenTo(caughtUpFeed);
    await expect(cache.get("k", ["returns"], async () => Promise.reject(new Error("database away")))).rejects.toThrow("database away");
    expect(await cache.get("k", ["returns"], async () => "read again")).toBe("read again");
  });

  it("forgets the oldest entries rather than grow without end", async () => {
    const cache = new ReadCache();
    cache.listenTo(caughtUpFeed);
    for (let key = 0; key <= 2_000; key++) await cache.get(`indicator ${key}`, ["indicators"], async () => `read ${key}`);
    expect(await cache.get("indicator 0", ["indicators"], async () => "read again")).toBe("read again");
    expect(await cache.get("indicator 2000", ["indicators"], async () => "read again")).toBe("read 2000");
  });

  it("keeps a route's answer made by its handler, and lets those waiting for it share it", async () => {
    const cache = new ReadCache();
    cache.listenTo(caughtUpFeed);
    const slot = await cache.reserve("k", ["returns"]);
    expect(slot && "keep" in slot).toBe(true);
    const waiting = cache.reserve("k", ["returns"]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (slot && "keep" in slot) slot.keep('{"answer":1}');
    expect(await waiting).toEqual({ kept: '{"answer":1}' });
    cache.changed("returns");
    expect(await cache.reserve("k", ["returns"])).toMatchObject({ keep: expect.any(Function) });
  });

  it("keeps no error answer: those waiting make their own", async () => {
    const cache = new ReadCache();
    cache.listenTo(caughtUpFeed);
    const slot = await cache.reserve("k", ["returns"]);
    const waiting = cache.reserve("k", ["returns"]);
    // It is waiting on the answer being made when that answer turns out to be an error.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (slot && "drop" in slot) slot.drop();
    expect(await waiting).toBeNull();
    expect(await cache.reserve("k", ["returns"])).toMatchObject({ keep: expect.any(Function) });
  });

  it("keeps nothing without a change feed", async () => {
    const cache = new ReadCache();
    let reads = 0;
    await cache.get("k", ["returns"], async () => ++reads);
    expect(await cache.get("k", ["returns"], async () => ++reads)).toBe(2);
    expect(await cache.reserve("k", ["returns"])).toBeNull();
  });
});
