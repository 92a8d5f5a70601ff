import { changePasswordSchema, signInSchema } from "@quarterly-returns/shared";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { createLimiter } from "../../lib/rate-limit.ts";
import { toSessionUser } from "../../plugins/session.ts";
import { changePassword, signIn, signOut } from "./service.ts";

/** Sign-in attempts allowed from one address in 15 minutes (failures per email: see service.ts). */
export const SIGN_IN_ATTEMPTS_PER_ADDRESS = 100;

export async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const perAddress = await createLimiter(app, {
    max: SIGN_IN_ATTEMPTS_PER_ADDRESS,
    timeWindow: "15 minutes",
    keyGenerator: (request: FastifyRequest) => request.ip,
    message: "Too many sign-in attempts from your network. Wait 15 minutes, then try again.",
  });

  app.post(
    "/api/auth/login",
    {
      config: { public: true },
      schema: { body: signInSchema, tags: ["auth"], summary: "Sign in; sets the session cookie" },
      preHandler: perAddress,
    },
    async (request, reply) => {
      const user = await signIn(app.prisma, request, request.body);
      await reply.startSession(user);
      return { user: toSessionUser(user) };
    },
  );

  app.post(
    "/api/auth/logout",
    { config: { beforePasswordChange: true }, schema: { tags: ["auth"], summary: "Sign out everywhere" } },
    async (request, reply) => {
      await signOut(app.prisma, request, request.caller!.id);
      reply.endSession();
      return reply.code(204).send();
    },
  );

  app.get("/api/me", { config: { beforePasswordChange: true }, schema: { tags: ["auth"], summary: "The signed-in user" } }, async (request) => ({
    user: toSessionUser(request.caller!),
  }));

  app.post(
    "/api/auth/password",
    {
      config: { beforePasswordChange: true },
      schema: { body: changePasswordSchema, tags: ["auth"], summary: "Change your password (ends your other sessions)" },
    },
    async (request, reply) => {
      const user = await changePassword(app.prisma, request, request.caller!.id, request.body);
      await reply.startSession(user);
      return { user: toSessionUser(user) };
    },
  );
}
