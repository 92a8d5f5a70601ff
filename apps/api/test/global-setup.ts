// Vitest global setup: one embedded PostgreSQL for the whole run, with two migrated template
// databases (empty, and with the demo data, written through the services as `npm start` writes
// it) from which every test file clones its own database.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { applyMigrations, createPrismaClient, startEmbeddedPostgres, withDatabase } from "@quarterly-returns/db";
import { createDatabase, TEMPLATES } from "@quarterly-returns/db/testing";
import type { TestProject } from "vitest/node";
import { seedDemo } from "../src/core/demo/seed-demo.ts";

export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "qr-test-db-"));
  const server = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  try {
    await createDatabase(server.url, TEMPLATES.empty);
    await applyMigrations(withDatabase(server.url, TEMPLATES.empty));
    await createDatabase(server.url, TEMPLATES.demo, TEMPLATES.empty);
    const prisma = createPrismaClient(withDatabase(server.url, TEMPLATES.demo));
    await seedDemo(prisma);
    await prisma.$disconnect();
  } catch (error) {
    await server.stop();
    throw error;
  }
  project.provide("databaseServerUrl", server.url);

  return async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
