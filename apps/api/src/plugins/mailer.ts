import fp from "fastify-plugin";
import type { Config } from "../config.ts";
import { createMailer, type Mailer } from "../lib/mailer.ts";

declare module "fastify" {
  interface FastifyInstance {
    mailer: Mailer;
    /** Where users reach the app, for links in emails. */
    appUrl: string;
  }
}

export const mailerPlugin = fp<{ config: Config }>(async (app, { config }) => {
  app.decorate("mailer", createMailer(config.smtpUrl, config.mailFrom));
  app.decorate("appUrl", config.appUrl);
});
