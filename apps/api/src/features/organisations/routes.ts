import { organisationSchema } from "@quarterly-returns/shared";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requirePermission } from "../../access/policy.ts";
import { listOrganisations, saveOrganisation } from "./service.ts";

const params = z.object({ id: z.coerce.number().int().positive() });

export async function organisationsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/organisations",
    { onRequest: requirePermission("readOrganisations"), schema: { tags: ["organisations"], summary: "Every organisation (manager, admin)" } },
    async () => ({ organisations: await listOrganisations(app.prisma) }),
  );

  app.post(
    "/api/organisations",
    { onRequest: requirePermission("manageOrganisations"), schema: { body: organisationSchema, tags: ["organisations"], summary: "Add an organisation (admin)" } },
    async (request, reply) => reply.code(201).send({ organisation: await saveOrganisation(app.prisma, request, null, request.body) }),
  );

  app.put(
    "/api/organisations/:id",
    {
      onRequest: requirePermission("manageOrganisations"),
      schema: { params, body: organisationSchema, tags: ["organisations"], summary: "Change an organisation and its contact (admin)" },
    },
    async (request) => ({ organisation: await saveOrganisation(app.prisma, request, request.params.id, request.body) }),
  );
}
