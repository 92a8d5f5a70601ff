export { createPrismaClient } from "./client.ts";
export { EMBEDDED_DATABASE, resolveDataDir } from "./data-dir.ts";
export { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded-postgres.ts";
export { applyMigrations, readMigrations, migrationsDir } from "./migrations/apply.ts";
export { hashPassword, verifyPassword } from "./passwords.ts";
export { withDatabase } from "./url.ts";
export { Prisma, PrismaClient } from "./generated/prisma/client.ts";
export * from "./generated/prisma/enums.ts";
export type * from "./generated/prisma/models.ts";
