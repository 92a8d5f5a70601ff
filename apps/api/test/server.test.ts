// `npm start` as a user runs it: a real process, its embedded PostgreSQL, signals.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createPrismaClient, withDatabase } from "@quarterly-returns/db";
import { createDatabase, dropDatabase } from "@quarterly-returns/db/testing";
import { afterAll, describe, expect, inject, it } from "vitest";
import { postmasterIsRunning, startServer, waitForHealth } from "./process.ts";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe("npm start with the embedded PostgreSQL", () => {
  it("starts with the demo, stops cleanly on SIGTERM, and reuses its data on the next start", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "qr-start-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));

    const first = await startServer({ DATA_DIR: dataDir });
    await waitForHealth(first);
    expect(first.output()).toContain("Writing the demo data");
    expect(first.output()).toContain("manager@demo.test");
    expect(await postmasterIsRunning(dataDir)).toBe(true);

    first.process.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain("Stopped.");
    expect(await postmasterIsRunning(dataDir)).toBe(false);

    const second = await startServer({ DATA_DIR: dataDir });
    await waitForHealth(second);
    expect(second.output()).not.toContain("Writing the demo data");
    second.process.kill("SIGINT");
    expect(await second.exited).toBe(0);
    expect(await postmasterIsRunning(dataDir)).toBe(false);
  });

  it("recovers when a killed server left its PostgreSQL running", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "qr-start-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));

    const killed = await startServer({ DATA_DIR: dataDir });
    await waitForHealth(killed);
    killed.process.kill("SIGKILL");
    await killed.exited;
    expect(await postmasterIsRunning(dataDir)).toBe(true);

    const next = await startServer({ DATA_DIR: dataDir });
    await waitForHealth(next);
    next.process.kill("SIGTERM");
    expect(await next.exited).toBe(0);
    expect(await postmasterIsRunning(dataDir)).toBe(false);
  });
});

describe("npm start with DATABASE_URL", () => {
  const serverUrl = () => inject("databaseServerUrl");

  it("migrates an empty database and writes the demo only with DEMO_DATA=1", async () => {
    const name = `start_${randomBytes(4).toString("hex")}`;
    await createDatabase(serverUrl(), name);
    cleanups.push(() => dropDatabase(serverUrl(), name));
    const databaseUrl = withDatabase(serverUrl(), name);

    const server = await startServer({ DATABASE_URL: databaseUrl, JWT_SECRET: "x".repeat(40), DEMO_DATA: "1" });
    await waitForHealth(server);
    server.process.kill("SIGTERM");
    expect(await server.exited).toBe(0);

    const prisma = createPrismaClient(databaseUrl);
    try {
      expect(await prisma.organisation.count()).toBe(8);
      expect(await prisma.quarter.count({ where: { status: "CLOSED" } })).toBe(3);
    } finally {
      await prisma.$disconnect();
    }
  });

  it("refuses to start without JWT_SECRET, naming it", async () => {
    const server = await startServer({ DATABASE_URL: withDatabase(serverUrl(), "postgres") });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain("Missing setting JWT_SECRET");
  });
});
