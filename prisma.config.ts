// Configuration of the Prisma CLI. Here only `prisma generate` runs (through
// scripts/prisma-generate.mjs); on a machine that can download Prisma's engine, `prisma migrate
// deploy` reads the same migrations folder and agrees with the project's own applier.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
