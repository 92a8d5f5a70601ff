// `npm start` as a user runs it: a real process, its embedded PostgreSQL, signals.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createPrismaClient, roleOf, withDatabase } from "@quarterly-returns/db";
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

  it("warns when the app's role could switch the lock off, and not when it is the least-privileged role", async () => {
    const name = `start_${randomBytes(4).toString("hex")}`;
    const roles = inject("databaseRoles");
    await createDatabase(serverUrl(), name, { owner: roleOf(roles.ownerUrl) });
    cleanups.push(() => dropDatabase(serverUrl(), name));

    const asOwnerOnly = await startServer({ DATABASE_URL: withDatabase(roles.ownerUrl, name), JWT_SECRET: "x".repeat(40) });
    await waitForHealth(asOwnerOnly);
    asOwnerOnly.process.kill("SIGTERM");
    expect(await asOwnerOnly.exited).toBe(0);
    expect(asOwnerOnly.output()).toContain(`the database role "quarterly_returns_owner" of DATABASE_URL owns the tables`);

    const withTwoRoles = await startServer({
      DATABASE_URL: withDatabase(roles.appUrl, name),
      MIGRATION_DATABASE_URL: withDatabase(roles.ownerUrl, name),
      JWT_SECRET: "x".repeat(40),
    });
    await waitForHealth(withTwoRoles);
    withTwoRoles.process.kill("SIGTERM");
    expect(await withTwoRoles.exited).toBe(0);
    expect(withTwoRoles.output()).not.toContain("Warning");
  });

  it("migrates and writes the demo exactly once when two servers start together on one empty database", async () => {
    const name = `start_${randomBytes(4).toString("hex")}`;
    const roles = inject("databaseRoles");
    await createDatabase(serverUrl(), name, { owner: roleOf(roles.ownerUrl) });
    cleanups.push(() => dropDatabase(serverUrl(), name));
    const env = {
      DATABASE_URL: withDatabase(roles.appUrl, name),
      MIGRATION_DATABASE_URL: withDatabase(roles.ownerUrl, name),
      JWT_SECRET: "x".repeat(40),
      DEMO_DATA: "1",
    };

    const servers = await Promise.all([startServer(env), startServer(env)]);
    await Promise.all(servers.map((server) => waitForHealth(server)));
    for (const server of servers) {
      const signIn = await fetch(`http://127.0.0.1:${server.port}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "manager@demo.test", password: "demo1234" }),
      });
      expect(signIn.status).toBe(200);
    }
    for (const server of servers) server.process.kill("SIGTERM");
    expect(await Promise.all(servers.map((server) => server.exited))).toEqual([0, 0]);
    expect(servers.filter((server) => server.output().includes("Writing the demo data"))).toHaveLength(1);

    const prisma = createPrismaClient(env.DATABASE_URL);
    try {
      expect(await prisma.organisation.count()).toBe(8);
      expect(await prisma.return.count()).toBe(66);
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
