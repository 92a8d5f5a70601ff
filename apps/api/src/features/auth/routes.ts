import { changePasswordSchema, sessionUserSchema, signInSchema } from "@quarterly-returns/shared";
import { codeNeededSchema } from "@quarterly-returns/shared/second-factor";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod/mini";
import { changePassword, signIn, signOut, toSessionUser } from "../../core/auth/auth.ts";
import { CodeNeeded, mustEnrol } from "../../core/auth/second-factor.ts";
import { askForCode } from "./second-factor-routes.ts";
import { signInLimiter } from "./rate-limit.ts";

const signedIn = z.object({ user: sessionUserSchema });
const tags = ["auth"];

export async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const perNetwork = await signInLimiter(app);

  app.post(
    "/api/auth/login",
    {
      config: { public: true },
      schema: {
        body: signInSchema,
        response: { 200: z.union([signedIn, codeNeededSchema]) },
        tags,
        summary: "Sign in; sets the session cookie, or asks for the second factor's code (POST /api/auth/login/code)",
      },
      preHandler: perNetwork,
    },
    async (request, reply) => {
      const outcome = await signIn(request.context, request.body);
      if (outcome instanceof CodeNeeded) return askForCode(reply, outcome.user);
      const enrolOnly = mustEnrol(outcome);
      await reply.startSession(outcome, undefined, null, { enrolOnly });
      return { user: toSessionUser({ ...outcome, mustEnrolSecondFactor: enrolOnly }) };
    },
  );

  app.post(
    "/api/auth/logout",
    { config: { beforePasswordChange: true, beforeSecondFactor: true }, schema: { response: { 204: z.null() }, tags, summary: "Sign out everywhere" } },
    async (request, reply) => {
      await signOut(request.context);
      reply.endSession();
      return reply.code(204).send(null);
    },
  );

  app.get("/api/me", { config: { beforePasswordChange: true, beforeSecondFactor: true }, schema: { response: { 200: signedIn }, tags, summary: "The signed-in user" } }, async (request) => ({
    user: toSessionUser(request.caller!),
  }));

  app.post(
    "/api/auth/password",
    {
      config: { beforePasswordChange: true, beforeSecondFactor: true },
      schema: { body: changePasswordSchema, response: { 200: signedIn }, tags, summary: "Change your password (ends your other sessions)" },
    },
    async (request, reply) => {
      const user = await changePassword(request.context, request.body);
      await reply.startSession(user);
      return { user: toSessionUser({ ...user, mustEnrolSecondFactor: request.caller!.mustEnrolSecondFactor }) };
    },
  );
}
