// Builds the real app on a database of the test's own (cloned from a migrated template).
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "@quarterly-returns/db/testing";
import { buildApp, type App, type AppOptions } from "../src/app.ts";
import type { Config } from "../src/config.ts";

export async function testConfig(overrides: Partial<Config> = {}): Promise<Config> {
  return {
    port: 0,
    host: "127.0.0.1",
    databaseUrl: "postgresql://unused",
    dataDir: await mkdtemp(path.join(os.tmpdir(), "qr-api-test-")),
    jwtSecret: "test-secret-that-is-at-least-32-characters-long",
    demoData: false,
    smtpUrl: null,
    mailFrom: "Quarterly Returns <no-reply@test.invalid>",
    appUrl: "http://localhost:3000",
    logLevel: "silent",
    ...overrides,
  };
}

export interface TestApp {
  app: App;
  db: TestDatabase;
  close(): Promise<void>;
}

export async function buildTestApp(
  template: "empty" | "demo" = "demo",
  options: Partial<Omit<AppOptions, "prisma">> = {},
): Promise<TestApp> {
  const db = await createTestDatabase(template);
  const app = await buildApp({ config: await testConfig(), prisma: db.prisma, ...options });
  return {
    app,
    db,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
