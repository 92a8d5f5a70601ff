import { fileURLToPath } from "node:url";
import type { PrismaClient } from "@quarterly-returns/db";
import Fastify from "fastify";
import type { Config } from "./config.ts";
import { healthRoutes } from "./features/health/routes.ts";
import { errorsPlugin } from "./plugins/errors.ts";
import { prismaPlugin } from "./plugins/prisma.ts";
import { webAppPlugin } from "./plugins/web-app.ts";

export interface AppOptions {
  config: Config;
  prisma: PrismaClient;
  /** The built web app; by default apps/web/dist. */
  webDistDir?: string;
}

const defaultWebDistDir = fileURLToPath(new URL("../../web/dist", import.meta.url));

/** The whole application, without listening: plugins, then features, then the web app. */
export async function buildApp({ config, prisma, webDistDir = defaultWebDistDir }: AppOptions) {
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: 256 * 1024,
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    // Keep-alive connections must not hold a shutdown open.
    forceCloseConnections: "idle",
  });

  await app.register(prismaPlugin, { prisma });
  await app.register(errorsPlugin);

  await app.register(healthRoutes);

  await app.register(webAppPlugin, { distDir: webDistDir });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
