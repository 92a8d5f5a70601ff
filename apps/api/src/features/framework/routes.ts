import { frameworkIndicatorSchema, frameworkSchema, idParams, indicatorSchema, savedPrioritySchema, prioritySchema } from "@quarterly-returns/shared";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod/mini";
import { deleteIndicator, deletePriority, getFramework, saveIndicator, savePriority } from "../../core/framework/framework.ts";

const tags = ["framework"];
const onePriority = z.object({ priority: savedPrioritySchema });
const oneIndicator = z.object({ indicator: frameworkIndicatorSchema });
const nothing = { 204: z.null() };

export async function frameworkRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const config = { permission: "manageFramework" } as const;

  app.get("/api/years/:id/framework", { config, schema: { params: idParams, response: { 200: frameworkSchema }, tags, summary: "A year's priorities, indicators and fields (admin)" } }, async (request) =>
    getFramework(request.context, request.params.id),
  );
  app.post(
    "/api/years/:id/priorities",
    { config, schema: { params: idParams, body: prioritySchema, response: { 201: onePriority }, tags, summary: "Add a priority; during a year it starts after the last signed-off quarter (admin)" } },
    async (request, reply) => reply.code(201).send({ priority: await savePriority(request.context, { yearId: request.params.id }, request.body) }),
  );
  app.put("/api/priorities/:id", { config, schema: { params: idParams, body: prioritySchema, response: { 200: onePriority }, tags, summary: "Change a priority (admin)" } }, async (request) => ({
    priority: await savePriority(request.context, { id: request.params.id }, request.body),
  }));
  app.delete("/api/priorities/:id", { config, schema: { params: idParams, response: nothing, tags, summary: "Delete a priority without indicators (admin)" } }, async (request, reply) => {
    await deletePriority(request.context, request.params.id);
    return reply.code(204).send(null);
  });
  app.post(
    "/api/priorities/:id/indicators",
    {
      config,
      schema: { params: idParams, body: indicatorSchema, response: { 201: oneIndicator }, tags, summary: "Add an indicator with its fields; during a year it starts after the last signed-off quarter (admin)" },
    },
    async (request, reply) => reply.code(201).send({ indicator: await saveIndicator(request.context, { priorityId: request.params.id }, request.body) }),
  );
  app.put(
    "/api/indicators/:id",
    { config, schema: { params: idParams, body: indicatorSchema, response: { 200: oneIndicator }, tags, summary: "Change an indicator and its fields, or retire it with a reason (admin)" } },
    async (request) => ({ indicator: await saveIndicator(request.context, { id: request.params.id }, request.body) }),
  );
  app.delete("/api/indicators/:id", { config, schema: { params: idParams, response: nothing, tags, summary: "Delete an indicator that has no returns (admin)" } }, async (request, reply) => {
    await deleteIndicator(request.context, request.params.id);
    return reply.code(204).send(null);
  });
}
