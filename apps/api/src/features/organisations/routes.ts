import { idParams, organisationResponseSchema, organisationSchema } from "@quarterly-returns/shared";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod/mini";
import { listOrganisations, saveOrganisation } from "../../core/organisations/organisations.ts";

const tags = ["organisations"];
const oneOrganisation = z.object({ organisation: organisationResponseSchema });

export async function organisationsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/organisations",
    { config: { permission: "readOrganisations" }, schema: { response: { 200: z.object({ organisations: z.array(organisationResponseSchema) }) }, tags, summary: "Every organisation (manager, admin)" } },
    async (request) => ({ organisations: await listOrganisations(request.context) }),
  );

  app.post(
    "/api/organisations",
    { config: { permission: "manageOrganisations" }, schema: { body: organisationSchema, response: { 201: oneOrganisation }, tags, summary: "Add an organisation (admin)" } },
    async (request, reply) => reply.code(201).send({ organisation: await saveOrganisation(request.context, null, request.body) }),
  );

  app.put(
    "/api/organisations/:id",
    {
      config: { permission: "manageOrganisations" },
      schema: { params: idParams, body: organisationSchema, response: { 200: oneOrganisation }, tags, summary: "Change an organisation and its contact (admin)" },
    },
    async (request) => ({ organisation: await saveOrganisation(request.context, request.params.id, request.body) }),
  );
}
