import type { PrismaClient } from "@quarterly-returns/db";
import fp from "fastify-plugin";

declare module "fastify" {
  interface FastifyInstance {
    prisma: PrismaClient;
  }
}

/** The database client, owned by whoever built the app (the server, or a test). */
export const prismaPlugin = fp<{ prisma: PrismaClient }>(async (app, { prisma }) => {
  app.decorate("prisma", prisma);
});
