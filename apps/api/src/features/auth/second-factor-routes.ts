// The second factor over HTTP: the code after a right password, setting up an authenticator app,
// and an admin's reset. Between the password and the code the browser holds only a pending sign-in:
// a signed token in its own httpOnly cookie, good for 5 minutes, naming who gave the right password
// (never the password itself).
import { idParams } from "@quarterly-returns/shared";
import { confirmEnrolmentSchema, enrolledSchema, enrolmentSchema, resetSecondFactorSchema, secondFactorSignInSchema, secondFactorStatusSchema, signedInWithCodeSchema } from "@quarterly-returns/shared/second-factor";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod/mini";
import { toSessionUser } from "../../core/auth/auth.ts";
import { confirmEnrolment, resetSecondFactor, secondFactorStatus, startEnrolment } from "../../core/auth/second-factor.ts";
import { SIGN_IN_AGAIN, signInWithCode, type PendingSignIn } from "../../core/auth/second-factor-sign-in.ts";
import { ServiceError } from "../../core/errors.ts";
import { signInLimiter } from "./rate-limit.ts";

const PENDING_SECONDS = 5 * 60;
const PENDING_PURPOSE = "second factor";

const pendingTokenSchema = z.object({ purpose: z.literal(PENDING_PURPOSE), uid: z.int(), sv: z.int() });

const cookieOf = (app: FastifyInstance) => {
  const secure = app.appUrl.startsWith("https://");
  return { name: secure ? "__Host-qr_sign_in" : "qr_sign_in", options: { httpOnly: true, sameSite: "strict", secure, path: "/" } as const };
};

/** Answers a right password when a code is needed: sets the pending sign-in, starts no session. */
export async function askForCode(reply: FastifyReply, user: { id: number; sessionVersion: number }) {
  const cookie = cookieOf(reply.server);
  // Not a session token: it has none of a session's claims, so the session plugin refuses it.
  const token = await reply.jwtSign({ purpose: PENDING_PURPOSE, uid: user.id, sv: user.sessionVersion } as never, { expiresIn: PENDING_SECONDS });
  reply.setCookie(cookie.name, token, { ...cookie.options, maxAge: PENDING_SECONDS });
  return { secondFactorRequired: true as const };
}

function pendingSignIn(request: FastifyRequest): PendingSignIn {
  const token = request.cookies[cookieOf(request.server).name];
  if (!token) throw new ServiceError(401, SIGN_IN_AGAIN);
  try {
    const parsed = pendingTokenSchema.safeParse(request.server.jwt.verify(token));
    if (parsed.success) return { userId: parsed.data.uid, sessionVersion: parsed.data.sv };
  } catch {
    // Expired, or not signed by this app.
  }
  throw new ServiceError(401, SIGN_IN_AGAIN);
}

const tags = ["auth"];

export async function secondFactorRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // Codes are sign-in attempts too: each network gets as many as it gets passwords.
  const perNetwork = await signInLimiter(app);

  app.post(
    "/api/auth/login/code",
    {
      config: { public: true },
      preHandler: perNetwork,
      schema: { body: secondFactorSignInSchema, response: { 200: signedInWithCodeSchema }, tags, summary: "The second step of signing in: the authenticator's code, or a recovery code" },
    },
    async (request, reply) => {
      const { user, recoveryCodesLeft } = await signInWithCode(request.context, pendingSignIn(request), request.body.code);
      const cookie = cookieOf(app);
      reply.clearCookie(cookie.name, cookie.options);
      await reply.startSession(user, undefined, null, { enrolOnly: false });
      return { user: toSessionUser(user), recoveryCodesLeft };
    },
  );

  const beforeSecondFactor = { beforeSecondFactor: true } as const;

  app.get(
    "/api/auth/second-factor",
    { config: beforeSecondFactor, schema: { response: { 200: secondFactorStatusSchema }, tags, summary: "Whether you have set up an authenticator app" } },
    async (request) => secondFactorStatus(request.context),
  );

  app.post(
    "/api/auth/second-factor/enrolment",
    { config: beforeSecondFactor, schema: { response: { 200: enrolmentSchema }, tags, summary: "The key to add to your authenticator app (the same until it is confirmed)" } },
    async (request) => startEnrolment(request.context),
  );

  app.post(
    "/api/auth/second-factor/enrolment/confirm",
    {
      config: beforeSecondFactor,
      schema: { body: confirmEnrolmentSchema, response: { 200: enrolledSchema }, tags, summary: "Turn the second factor on with the app's first code; answers the recovery codes, once" },
    },
    async (request, reply) => {
      const { user, recoveryCodes } = await confirmEnrolment(request.context, request.body.code);
      // Someone who signed in through single sign-on and chose to set one up stays signed in that way.
      await reply.startSession(user, undefined, request.caller!.singleSignOn, { enrolOnly: false });
      return { user: toSessionUser(user), recoveryCodes };
    },
  );

  app.post(
    "/api/users/:id/second-factor/reset",
    {
      config: { permission: "manageUsers" },
      schema: { params: idParams, body: resetSecondFactorSchema, response: { 204: z.null() }, tags: ["users"], summary: "Take away a user's second factor; they set one up again at their next sign-in (admin)" },
    },
    async (request, reply) => {
      await resetSecondFactor(request.context, request.params.id, request.body.reason);
      return reply.code(204).send(null);
    },
  );
}
