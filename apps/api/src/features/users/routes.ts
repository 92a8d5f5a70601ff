import { createUserSchema, idParams, temporaryPasswordIssuedSchema, updateUserSchema, userSummarySchema } from "@quarterly-returns/shared";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod/mini";
import { createUser, listUsers, resetPassword, updateUser } from "../../core/users/users.ts";

const tags = ["users"];

export async function usersRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const config = { permission: "manageUsers" } as const;

  app.get("/api/users", { config, schema: { response: { 200: z.object({ users: z.array(userSummarySchema) }) }, tags, summary: "Every user (admin)" } }, async (request) => ({
    users: await listUsers(request.context),
  }));

  app.post(
    "/api/users",
    { config, schema: { body: createUserSchema, response: { 201: temporaryPasswordIssuedSchema }, tags, summary: "Create a user with a temporary password (admin)" } },
    async (request, reply) => reply.code(201).send(await createUser(request.context, request.body)),
  );

  app.patch(
    "/api/users/:id",
    {
      config,
      schema: { params: idParams, body: updateUserSchema, response: { 200: z.object({ user: userSummarySchema }) }, tags, summary: "Change a user's name, role or organisation; deactivate (with a reason) or reactivate (admin)" },
    },
    async (request) => ({ user: await updateUser(request.context, request.params.id, request.body) }),
  );

  app.post(
    "/api/users/:id/reset-password",
    { config, schema: { params: idParams, response: { 200: temporaryPasswordIssuedSchema }, tags, summary: "Give a user a new temporary password (admin)" } },
    async (request) => resetPassword(request.context, request.params.id),
  );
}
