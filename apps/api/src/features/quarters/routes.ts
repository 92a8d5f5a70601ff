import type { FastifyInstance } from "fastify";
import { listQuarters } from "./service.ts";

export async function quartersRoutes(app: FastifyInstance) {
  app.get("/api/quarters", { schema: { tags: ["quarters"], summary: "Every quarter, newest year first, with its status and due date" } }, async () => ({
    quarters: await listQuarters(app.prisma),
  }));
}
