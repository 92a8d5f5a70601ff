import { chasePreviewSchema, sendChaseSchema } from "@quarterly-returns/shared";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requirePermission } from "../../access/policy.ts";
import { londonDate } from "../../lib/london-date.ts";
import { listChases, previewChases, sendChase } from "./chases.ts";
import { getCompleteness } from "./completeness.ts";

const id = z.coerce.number().int().positive();
const COMPLETENESS_TABLES = ["quarters", "reporting_years", "users", "priorities", "indicators", "organisations", "returns", "return_queries", "chases"] as const;

export async function chasingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const context = (request: FastifyRequest) => ({ prisma: app.prisma, mailer: app.mailer, appUrl: app.appUrl, request });

  app.get(
    "/api/quarters/:id/completeness",
    {
      onRequest: requirePermission("readEveryReturn"),
      schema: { params: z.object({ id }), tags: ["chasing"], summary: "Who has sent what, completeness and timeliness, last chases and expected dates (manager, admin)" },
    },
    // Kept until anything changes or the day does (lateness is counted in London's days).
    async (request, reply) => {
      const now = new Date();
      const json = await app.readCache.get(`completeness ${request.params.id} on ${londonDate(now)}`, COMPLETENESS_TABLES, async () =>
        JSON.stringify(await getCompleteness(app.prisma, request.params.id, app.mailer.configured, now)),
      );
      return reply.type("application/json; charset=utf-8").send(json);
    },
  );

  app.post(
    "/api/chases/preview",
    { onRequest: requirePermission("chase"), schema: { body: chasePreviewSchema, tags: ["chasing"], summary: "The reminders that would be sent, to one organisation or to all overdue (manager, admin)" } },
    async (request) => ({ chases: await previewChases(context(request), request.body) }),
  );

  app.post(
    "/api/chases",
    { onRequest: requirePermission("chase"), schema: { body: sendChaseSchema, tags: ["chasing"], summary: "Chase an organisation: email and record the reminder (manager, admin)" } },
    async (request, reply) => reply.code(201).send({ chase: await sendChase(context(request), request.body) }),
  );

  app.get(
    "/api/chases",
    {
      onRequest: requirePermission("chase"),
      schema: { querystring: z.strictObject({ quarterId: id, organisationId: id.optional() }), tags: ["chasing"], summary: "Chase history (manager, admin)" },
    },
    async (request) => ({ chases: await listChases(app.prisma, request.query) }),
  );
}
