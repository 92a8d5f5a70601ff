import { idParam, returnDetailSchema, returnRecordSchema, returnsListSchema } from "@quarterly-returns/shared";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod/mini";
import { RETURN_TABLES } from "../../core/returns/indicators.ts";
import { getReturnDetail } from "../../core/returns/detail.ts";
import { listReturns } from "../../core/returns/list.ts";
import { saveReturn } from "../../core/returns/save-return.ts";

const tags = ["returns"];
const target = z.object({ indicatorId: idParam, quarterId: idParam });

export async function returnsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/api/returns",
    {
      config: { readCache: { tables: RETURN_TABLES } },
      schema: {
        querystring: z.strictObject({ quarterId: idParam }),
        response: { 200: returnsListSchema },
        tags,
        summary: "The indicators the quarter reports that you may see, each with its return or null",
      },
    },
    async (request) => listReturns(request.context, request.query.quarterId),
  );

  app.get(
    "/api/returns/:indicatorId/:quarterId",
    {
      schema: { params: target, response: { 200: returnDetailSchema }, tags, summary: "One return with its last four quarters, last year's figures, its changes and queries" },
    },
    async (request) => getReturnDetail(request.context, request.params.indicatorId, request.params.quarterId),
  );

  app.put(
    "/api/returns/:indicatorId/:quarterId",
    {
      schema: {
        params: target,
        // Checked by the service against the indicator's own fields (saveReturnSchema).
        body: z.record(z.string(), z.unknown()),
        response: { 200: z.object({ return: returnRecordSchema }) },
        tags,
        summary: "Save a draft, submit, or record that there is no data (409 on a stale version, 423 when signed off)",
      },
    },
    async (request) => ({ return: await saveReturn(request.context, request.params.indicatorId, request.params.quarterId, request.body) }),
  );
}
