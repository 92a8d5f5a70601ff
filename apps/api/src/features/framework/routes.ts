import { indicatorSchema, prioritySchema } from "@quarterly-returns/shared";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requirePermission } from "../../access/policy.ts";
import { deleteIndicator, deletePriority, getFramework, saveIndicator, savePriority } from "./service.ts";

const params = z.object({ id: z.coerce.number().int().positive() });
const tags = ["framework"];

export async function frameworkRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook("onRequest", requirePermission("manageFramework"));

  app.get("/api/years/:id/framework", { schema: { params, tags, summary: "A year's priorities, indicators and fields (admin)" } }, async (request) =>
    getFramework(app.prisma, request.params.id),
  );
  app.post("/api/years/:id/priorities", { schema: { params, body: prioritySchema, tags, summary: "Add a priority (admin)" } }, async (request, reply) =>
    reply.code(201).send({ priority: await savePriority(app.prisma, request, { yearId: request.params.id }, request.body) }),
  );
  app.put("/api/priorities/:id", { schema: { params, body: prioritySchema, tags, summary: "Change a priority (admin)" } }, async (request) => ({
    priority: await savePriority(app.prisma, request, { id: request.params.id }, request.body),
  }));
  app.delete("/api/priorities/:id", { schema: { params, tags, summary: "Delete a priority without indicators (admin)" } }, async (request, reply) => {
    await deletePriority(app.prisma, request, request.params.id);
    return reply.code(204).send();
  });
  app.post("/api/priorities/:id/indicators", { schema: { params, body: indicatorSchema, tags, summary: "Add an indicator with its fields (admin)" } }, async (request, reply) =>
    reply.code(201).send({ indicator: await saveIndicator(app.prisma, request, { priorityId: request.params.id }, request.body) }),
  );
  app.put("/api/indicators/:id", { schema: { params, body: indicatorSchema, tags, summary: "Change an indicator and its fields, or retire it (admin)" } }, async (request) => ({
    indicator: await saveIndicator(app.prisma, request, { id: request.params.id }, request.body),
  }));
  app.delete("/api/indicators/:id", { schema: { params, tags, summary: "Delete an indicator that has no returns (admin)" } }, async (request, reply) => {
    await deleteIndicator(app.prisma, request, request.params.id);
    return reply.code(204).send();
  });
}
