// Vitest global setup: one embedded PostgreSQL for the whole run, with the schema owner's and the
// application's roles, and two migrated template databases (empty, and with the demo data,
// written through the services as `npm start` writes it) from which every test file clones its
// own database. Tests connect as the application's role, as the server does.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  asRole,
  createPrismaClient,
  EMBEDDED_ROLES,
  ensureRoles,
  migrateAndGrant,
  startEmbeddedPostgres,
  withDatabase,
} from "@quarterly-returns/db";
import { createDatabase, TEMPLATES } from "@quarterly-returns/db/testing";
import type { TestProject } from "vitest/node";
import { seedDemo } from "../src/core/demo/seed-demo.ts";

export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "qr-test-db-"));
  const server = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  const passwords = { owner: randomBytes(12).toString("hex"), app: randomBytes(12).toString("hex") };
  const roles = {
    ownerUrl: asRole(server.url, EMBEDDED_ROLES.owner, passwords.owner),
    appUrl: asRole(server.url, EMBEDDED_ROLES.app, passwords.app),
  };
  try {
    await ensureRoles(server.url, passwords);
    await createDatabase(server.url, TEMPLATES.empty, { owner: EMBEDDED_ROLES.owner });
    await migrateAndGrant({ ownerUrl: withDatabase(roles.ownerUrl, TEMPLATES.empty), appUrl: withDatabase(roles.appUrl, TEMPLATES.empty) });
    await createDatabase(server.url, TEMPLATES.demo, { template: TEMPLATES.empty, owner: EMBEDDED_ROLES.owner });
    const prisma = createPrismaClient(withDatabase(roles.ownerUrl, TEMPLATES.demo));
    await seedDemo(prisma);
    await prisma.$disconnect();
  } catch (error) {
    await server.stop();
    throw error;
  }
  project.provide("databaseServerUrl", server.url);
  project.provide("databaseRoles", roles);

  return async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
