import { fileURLToPath } from "node:url";
import type { PrismaClient } from "@quarterly-returns/db";
import Fastify from "fastify";
import type { Config } from "./config.ts";
import { auditRoutes } from "./features/audit/routes.ts";
import { authRoutes } from "./features/auth/routes.ts";
import { secondFactorRoutes } from "./features/auth/second-factor-routes.ts";
import { passwordResetRoutes } from "./features/auth/password-reset-routes.ts";
import { singleSignOnRoutes } from "./features/auth/single-sign-on-routes.ts";
import { chasingRoutes } from "./features/chasing/routes.ts";
import { frameworkRoutes } from "./features/framework/routes.ts";
import { healthRoutes } from "./features/health/routes.ts";
import { organisationsRoutes } from "./features/organisations/routes.ts";
import { quartersRoutes } from "./features/quarters/routes.ts";
import { queriesRoutes } from "./features/queries/routes.ts";
import { reportsRoutes } from "./features/reports/routes.ts";
import { returnsRoutes } from "./features/returns/routes.ts";
import { settingsRoutes } from "./features/settings/routes.ts";
import { usersRoutes } from "./features/users/routes.ts";
import { requestForLog } from "./lib/log-serializers.ts";
import { contextPlugin } from "./plugins/context.ts";
import { answerFrameworkError, errorsPlugin } from "./plugins/errors.ts";
import { mailerPlugin } from "./plugins/mailer.ts";
import { noStorePlugin } from "./plugins/no-store.ts";
import { openApiPlugin } from "./plugins/openapi.ts";
import { prismaPlugin } from "./plugins/prisma.ts";
import { readCachePlugin } from "./plugins/read-cache.ts";
import { remindersPlugin } from "./plugins/reminders.ts";
import { securityPlugin } from "./plugins/security.ts";
import { sessionPlugin } from "./plugins/session.ts";
import { webAppPlugin } from "./plugins/web-app.ts";

export interface AppOptions {
  config: Config;
  prisma: PrismaClient;
  /** The same database's address, for hearing about changes made by anyone (see plugins/read-cache.ts). */
  databaseUrl: string;
  /** The built web app; by default apps/web/dist. */
  webDistDir?: string;
}

const defaultWebDistDir = fileURLToPath(new URL("../../web/dist", import.meta.url));

/** The whole application, without listening: plugins, then the features, then the web app. */
export async function buildApp({ config, prisma, databaseUrl, webDistDir = defaultWebDistDir }: AppOptions) {
  const app = Fastify({
    logger: { level: config.logLevel, serializers: { req: requestForLog } },
    trustProxy: config.trustProxy,
    bodyLimit: 256 * 1024,
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    // Keep-alive connections must not hold a shutdown open.
    forceCloseConnections: "idle",
    frameworkErrors: answerFrameworkError,
  });

  await app.register(prismaPlugin, { prisma });
  await app.register(readCachePlugin, { databaseUrl });
  await app.register(mailerPlugin, { config });
  await app.register(remindersPlugin, { config, databaseUrl });
  await app.register(errorsPlugin);
  await app.register(securityPlugin, { config });
  await app.register(noStorePlugin);
  await app.register(openApiPlugin);
  // Every /api route needs a session from here on, unless it says it is public; then each request
  // gets the context its services run on, and the route's permission is checked.
  await app.register(sessionPlugin, { config });
  await app.register(contextPlugin);

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(secondFactorRoutes);
  await app.register(passwordResetRoutes);
  await app.register(singleSignOnRoutes, { appUrl: config.appUrl, operator: config.oidcProviders });
  await app.register(quartersRoutes);
  await app.register(returnsRoutes);
  await app.register(queriesRoutes);
  await app.register(chasingRoutes);
  await app.register(auditRoutes);
  await app.register(frameworkRoutes);
  await app.register(reportsRoutes);
  await app.register(settingsRoutes);
  await app.register(usersRoutes);
  await app.register(organisationsRoutes);

  await app.register(webAppPlugin, { distDir: webDistDir });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
