import { answerQuerySchema, raiseQuerySchema } from "@quarterly-returns/shared";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requirePermission } from "../../access/policy.ts";
import { answerQuery, closeQuery, raiseQuery } from "./service.ts";

const id = z.coerce.number().int().positive();

export async function queriesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    "/api/returns/:indicatorId/:quarterId/queries",
    {
      onRequest: requirePermission("raiseQueries"),
      schema: { params: z.object({ indicatorId: id, quarterId: id }), body: raiseQuerySchema, tags: ["queries"], summary: "Query a submitted return (manager)" },
    },
    async (request, reply) => reply.code(201).send({ query: await raiseQuery(app.prisma, request, request.params, request.body) }),
  );

  app.post(
    "/api/queries/:id/answer",
    { schema: { params: z.object({ id }), body: answerQuerySchema, tags: ["queries"], summary: "Answer a query on your organisation's return" } },
    async (request) => ({ query: await answerQuery(app.prisma, request, request.params.id, request.body.response) }),
  );

  app.post(
    "/api/queries/:id/close",
    { onRequest: requirePermission("raiseQueries"), schema: { params: z.object({ id }), tags: ["queries"], summary: "Close a query (manager)" } },
    async (request) => ({ query: await closeQuery(app.prisma, request, request.params.id) }),
  );
}
