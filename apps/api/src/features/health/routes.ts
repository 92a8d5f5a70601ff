import type { FastifyInstance } from "fastify";
import { checkDatabase } from "./service.ts";

export async function healthRoutes(app: FastifyInstance) {
  app.get("/api/health", { config: { public: true } }, async (_request, reply) => {
    const database = await checkDatabase(app.prisma);
    if (database === "up") return { status: "ok", database };
    return reply.code(503).send({ status: "unavailable", database, message: "The database is not answering." });
  });
}
