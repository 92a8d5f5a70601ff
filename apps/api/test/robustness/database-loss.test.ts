// PostgreSQL stops while the app runs: health says so, requests answer 503 with a clear message,
// and the app recovers by itself when the database is back.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createPrismaClient, migrateAndGrant, startEmbeddedPostgres, type EmbeddedDatabase } from "@quarterly-returns/db";
import { seedDemo } from "../../src/core/demo/seed-demo.ts";
import { afterAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.ts";
import { as, signIn, testConfig } from "../helper.ts";

let dataDir: string;
let database: EmbeddedDatabase | undefined;
afterAll(async () => {
  await database?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("losing the database", () => {
  it("answers 503 while PostgreSQL is down and recovers without a restart", async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "qr-loss-"));
    database = await startEmbeddedPostgres({ dataDir, database: "returns", ephemeral: true });
    const { port, url, ownerUrl } = database;
    await migrateAndGrant({ ownerUrl, appUrl: url });
    const owner = createPrismaClient(ownerUrl);
    await seedDemo(owner);
    await owner.$disconnect();
    const prisma = createPrismaClient(url);
    const app = await buildApp({ config: await testConfig(), prisma, databaseUrl: url });
    try {
      const owner = as(app, await signIn(app, "crc@demo.test"));
      expect((await app.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);

      await database.stop();
      database = undefined;
      const health = await app.inject({ method: "GET", url: "/api/health" });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: "unavailable", database: "down" });
      const request = await owner.get("/api/quarters");
      expect(request.statusCode).toBe(503);
      expect(request.json()).toEqual({ message: "The database is not available at the moment. Please try again in a minute." });

      database = await startEmbeddedPostgres({ dataDir, database: "returns", port, ephemeral: true });
      let recovered = 0;
      for (let attempt = 0; attempt < 50 && recovered !== 200; attempt++) {
        recovered = (await app.inject({ method: "GET", url: "/api/health" })).statusCode;
        if (recovered !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(recovered).toBe(200);
      expect((await owner.get("/api/quarters")).statusCode).toBe(200);
    } finally {
      await app.close();
      await prisma.$disconnect();
    }
  }, 60_000);
});
