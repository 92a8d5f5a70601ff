import { answerQuerySchema, idParam, idParams, queryRecordSchema, raiseQuerySchema } from "@quarterly-returns/shared";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod/mini";
import { answerQuery, closeQuery, raiseQuery } from "../../core/queries/queries.ts";

const tags = ["queries"];
const oneQuery = z.object({ query: queryRecordSchema });

export async function queriesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    "/api/returns/:indicatorId/:quarterId/queries",
    {
      config: { permission: "raiseQueries" },
      schema: {
        params: z.object({ indicatorId: idParam, quarterId: idParam }),
        body: raiseQuerySchema,
        response: { 201: oneQuery },
        tags,
        summary: "Query a submitted return (manager; 423 once the quarter is signed off)",
      },
    },
    async (request, reply) => reply.code(201).send({ query: await raiseQuery(request.context, request.params, request.body) }),
  );

  app.post(
    "/api/queries/:id/answer",
    { schema: { params: idParams, body: answerQuerySchema, response: { 200: oneQuery }, tags, summary: "Answer a query on your organisation's return (423 once signed off)" } },
    async (request) => ({ query: await answerQuery(request.context, request.params.id, request.body.response) }),
  );

  app.post(
    "/api/queries/:id/close",
    { config: { permission: "raiseQueries" }, schema: { params: idParams, response: { 200: oneQuery }, tags, summary: "Close a query (manager; 423 once signed off)" } },
    async (request) => ({ query: await closeQuery(request.context, request.params.id) }),
  );
}
