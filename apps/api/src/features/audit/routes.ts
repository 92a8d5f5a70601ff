import { auditFilterSchema, auditPageSchema } from "@quarterly-returns/shared";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod/mini";
import { exportAudit, readAudit } from "../../core/audit-log/audit-log.ts";

const tags = ["audit"];

export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const config = { permission: "readAudit" } as const;

  app.get(
    "/api/audit",
    { config, schema: { querystring: auditFilterSchema, response: { 200: auditPageSchema }, tags, summary: "Who changed what, when, before and after: filtered and paginated (manager, admin)" } },
    async (request) => readAudit(request.context, request.query),
  );

  app.get(
    "/api/audit.csv",
    {
      config,
      schema: {
        querystring: auditFilterSchema,
        response: { 200: { description: "The events as CSV", content: { "text/csv": { schema: z.string() } } } },
        tags,
        summary: "The filtered audit log as CSV (manager, admin)",
      },
    },
    async (request, reply) => {
      const csv = await exportAudit(request.context, request.query);
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`)
        .send(csv);
    },
  );
}
