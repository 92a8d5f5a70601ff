import { newYearSchema, reopenSchema, signOffSchema, updateQuarterSchema } from "@quarterly-returns/shared";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requirePermission } from "../../access/policy.ts";
import { listQuarters } from "./service.ts";
import { previewSignOff, reopen, signOff } from "./sign-off.ts";
import { createYear, listYears, updateQuarter } from "./years.ts";

const params = z.object({ id: z.coerce.number().int().positive() });

export async function quartersRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const adminOnly = requirePermission("signOffQuarters");

  app.get("/api/quarters", { schema: { tags: ["quarters"], summary: "Every quarter, newest year first, with its status and due date" } }, async () => ({
    quarters: await listQuarters(app.prisma),
  }));

  app.get("/api/years", { onRequest: adminOnly, schema: { tags: ["quarters"], summary: "The years and their quarters with completeness and sign-off (admin)" } }, async () => ({
    years: await listYears(app.prisma),
  }));

  app.post(
    "/api/years",
    { onRequest: adminOnly, schema: { body: newYearSchema, tags: ["quarters"], summary: "Create the next year with its quarters, copying the framework (admin)" } },
    async (request, reply) => reply.code(201).send({ year: await createYear(app.prisma, request, request.body) }),
  );

  app.patch(
    "/api/quarters/:id",
    { onRequest: adminOnly, schema: { params, body: updateQuarterSchema, tags: ["quarters"], summary: "Set the due date, or open a planned quarter for entry (admin)" } },
    async (request) => ({ quarter: await updateQuarter(app.prisma, request, request.params.id, request.body) }),
  );

  app.get(
    "/api/quarters/:id/sign-off",
    { onRequest: adminOnly, schema: { params, tags: ["quarters"], summary: "What signing off would do (admin)" } },
    async (request) => previewSignOff(app.prisma, request.params.id),
  );

  app.post(
    "/api/quarters/:id/close",
    { onRequest: adminOnly, schema: { params, body: signOffSchema, tags: ["quarters"], summary: "Sign off and lock the quarter; needs the admin's password (admin)" } },
    async (request) => signOff(app.prisma, request, request.params.id, request.body.password),
  );

  app.post(
    "/api/quarters/:id/reopen",
    { onRequest: adminOnly, schema: { params, body: reopenSchema, tags: ["quarters"], summary: "Reopen a signed-off quarter, with a reason (admin)" } },
    async (request) => ({ quarter: await reopen(app.prisma, request, request.params.id, request.body.reason) }),
  );
}
