import { auditFilterSchema } from "@quarterly-returns/shared";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requirePermission } from "../../access/policy.ts";
import { exportAudit, readAudit } from "./service.ts";

export async function auditRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook("onRequest", requirePermission("readAudit"));

  app.get(
    "/api/audit",
    { schema: { querystring: auditFilterSchema, tags: ["audit"], summary: "Who changed what, when, before and after: filtered and paginated (manager, admin)" } },
    async (request) => readAudit(app.prisma, request.query),
  );

  app.get(
    "/api/audit.csv",
    { schema: { querystring: auditFilterSchema, tags: ["audit"], summary: "The filtered audit log as CSV (manager, admin)" } },
    async (request, reply) => {
      const csv = await exportAudit(app.prisma, request.query);
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`)
        .send(csv);
    },
  );
}
