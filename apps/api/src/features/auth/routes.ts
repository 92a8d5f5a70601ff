import { changePasswordSchema, signInSchema } from "@quarterly-returns/shared";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { createLimiter } from "../../lib/rate-limit.ts";
import { toSessionUser } from "../../plugins/session.ts";
import { changePassword, signIn, signOut } from "./service.ts";

const SIGN_IN_WINDOW = "15 minutes";
/** Attempts allowed in the window from one address, and for one email address. */
export const SIGN_IN_ATTEMPTS_PER_ADDRESS = 30;
export const SIGN_IN_ATTEMPTS_PER_EMAIL = 10;

export async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const attemptsFrom = (keyGenerator: (request: FastifyRequest) => string, max: number) =>
    createLimiter(app, {
      max,
      timeWindow: SIGN_IN_WINDOW,
      keyGenerator,
      message: `Too many sign-in attempts. Wait ${SIGN_IN_WINDOW}, then try again.`,
    });
  const perAddress = await attemptsFrom((request) => `address:${request.ip}`, SIGN_IN_ATTEMPTS_PER_ADDRESS);
  const perEmail = await attemptsFrom((request) => `email:${(request.body as { email: string }).email}`, SIGN_IN_ATTEMPTS_PER_EMAIL);

  app.post(
    "/api/auth/login",
    {
      config: { public: true },
      schema: { body: signInSchema, tags: ["auth"], summary: "Sign in; sets the session cookie" },
      preHandler: [perAddress, perEmail],
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
