import { partnershipSettingsSchema } from "@quarterly-returns/shared";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { readSettings, saveSettings } from "../../core/settings/settings.ts";

const tags = ["settings"];

export async function settingsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/settings",
    { schema: { response: { 200: partnershipSettingsSchema }, tags, summary: "The partnership's name, as the board pack prints it (everyone signed in)" } },
    async (request) => readSettings(request.context),
  );

  app.put(
    "/api/settings",
    { config: { permission: "manageSettings" }, schema: { body: partnershipSettingsSchema, response: { 200: partnershipSettingsSchema }, tags, summary: "Change the partnership's name (admin)" } },
    async (request) => saveSettings(request.context, request.body),
  );
}
