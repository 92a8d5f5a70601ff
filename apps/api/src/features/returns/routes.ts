import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { getReturnDetail } from "./detail.ts";
import { listReturnsJson, saveReturn } from "./service.ts";

const id = z.coerce.number({ error: "must be a number" }).int().positive();

export async function returnsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/returns",
    {
      schema: {
        querystring: z.strictObject({ quarterId: id }),
        tags: ["returns"],
        summary: "The indicators you may see for a quarter, each with its return or null",
      },
    },
    async (request, reply) => reply.type("application/json; charset=utf-8").send(await listReturnsJson(app.prisma, request, request.query.quarterId)),
  );

  app.get(
    "/api/returns/:indicatorId/:quarterId",
    {
      schema: {
        params: z.object({ indicatorId: id, quarterId: id }),
        tags: ["returns"],
        summary: "One return with its last four quarters, last year's figures, its changes and queries",
      },
    },
    async (request) => getReturnDetail(app.prisma, request, request.params.indicatorId, request.params.quarterId),
  );

  app.put(
    "/api/returns/:indicatorId/:quarterId",
    {
      schema: {
        params: z.object({ indicatorId: id, quarterId: id }),
        // Checked in the service against the indicator's own fields (saveReturnSchema).
        body: z.record(z.string(), z.unknown()),
        tags: ["returns"],
        summary: "Save a draft, submit, or record that there is no data (409 on a stale version, 423 when signed off)",
      },
    },
    async (request) => ({ return: await saveReturn(app.prisma, request, request.params.indicatorId, request.params.quarterId, request.body) }),
  );
}
