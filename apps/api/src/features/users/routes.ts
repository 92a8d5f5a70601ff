import { createUserSchema, updateUserSchema } from "@quarterly-returns/shared";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requirePermission } from "../../access/policy.ts";
import { createUser, listUsers, resetPassword, updateUser } from "./service.ts";

const params = z.object({ id: z.coerce.number().int().positive() });

export async function usersRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.addHook("onRequest", requirePermission("manageUsers"));

  app.get("/api/users", { schema: { tags: ["users"], summary: "Every user (admin)" } }, async () => ({ users: await listUsers(app.prisma) }));

  app.post("/api/users", { schema: { body: createUserSchema, tags: ["users"], summary: "Create a user with a temporary password (admin)" } }, async (request, reply) =>
    reply.code(201).send(await createUser(app.prisma, request, request.body)),
  );

  app.patch(
    "/api/users/:id",
    { schema: { params, body: updateUserSchema, tags: ["users"], summary: "Change a user's name, role or organisation; deactivate or reactivate (admin)" } },
    async (request) => ({ user: await updateUser(app.prisma, request, request.params.id, request.body) }),
  );

  app.post(
    "/api/users/:id/reset-password",
    { schema: { params, tags: ["users"], summary: "Give a user a new temporary password (admin)" } },
    async (request) => resetPassword(app.prisma, request, request.params.id),
  );
}
