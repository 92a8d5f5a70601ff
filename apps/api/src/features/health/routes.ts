import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod/mini";
import { checkDatabase } from "../../core/health/health.ts";

const up = z.object({ status: z.literal("ok"), database: z.literal("up") });
const down = z.object({ status: z.literal("unavailable"), database: z.literal("down"), message: z.string() });

export async function healthRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/health",
    { config: { public: true }, schema: { response: { 200: up, 503: down }, tags: ["health"], summary: "200 when the database answers, 503 when it does not" } },
    async (request, reply) => {
      const database = await checkDatabase(request.context.db);
      if (database === "up") return { status: "ok" as const, database };
      return reply.code(503).send({ status: "unavailable" as const, database, message: "The database is not answering." });
    },
  );
}
