import { resetLinkRequestSchema, resetLinkSchema, resetLinkSentMessage, resetLinkUsableSchema, resetPasswordSchema } from "@quarterly-returns/shared/password-reset";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod/mini";
import { checkResetLink, resetPasswordWithLink, sendResetLink } from "../../core/auth/password-reset.ts";
import { clientNetwork } from "../../lib/client-network.ts";
import { createLimiter } from "./rate-limit.ts";

/** Requests for a link from one network in 15 minutes, counted in this replica's memory. */
export const RESET_LINK_REQUESTS_PER_NETWORK = 10;
/** Uses of links (opening one, choosing the password) from one network in 15 minutes. */
export const RESET_LINK_USES_PER_NETWORK = 50;

const tags = ["auth"];
const byNetwork = (request: FastifyRequest) => clientNetwork(request.ip);

export async function passwordResetRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const requestsPerNetwork = await createLimiter(app, {
    max: RESET_LINK_REQUESTS_PER_NETWORK,
    timeWindow: "15 minutes",
    keyGenerator: byNetwork,
    message: "Too many requests for password reset links from your network. Wait 15 minutes, then try again.",
  });
  const usesPerNetwork = await createLimiter(app, {
    max: RESET_LINK_USES_PER_NETWORK,
    timeWindow: "15 minutes",
    keyGenerator: byNetwork,
    message: "Too many attempts to use password reset links from your network. Wait 15 minutes, then try again.",
  });

  // The answer goes before the address is even looked up, so how long it takes cannot tell
  // whether the address has an account or an e-mail was sent. The work is awaited when the
  // server stops.
  const sending = new Set<Promise<void>>();
  app.addHook("onClose", async () => {
    await Promise.all(sending);
  });

  app.post(
    "/api/auth/password-reset/request",
    {
      config: { public: true },
      schema: {
        body: resetLinkRequestSchema,
        response: { 202: z.object({ message: z.string() }) },
        tags,
        summary: "Ask for a link to choose a new password (the same answer whether or not the address has an account)",
      },
      preHandler: requestsPerNetwork,
    },
    async (request, reply) => {
      const work = sendResetLink(request.context, request.body).catch((error: unknown) => request.log.error({ err: error }, "could not handle a request for a password reset link"));
      sending.add(work);
      void work.finally(() => sending.delete(work));
      return reply.code(202).send({ message: resetLinkSentMessage(request.body.email) });
    },
  );

  app.post(
    "/api/auth/password-reset/check",
    {
      config: { public: true },
      schema: { body: resetLinkSchema, response: { 200: resetLinkUsableSchema }, tags, summary: "Whether a password reset link can still be used, and whose it is" },
      preHandler: usesPerNetwork,
    },
    async (request) => checkResetLink(request.context, request.body.token),
  );

  app.post(
    "/api/auth/password-reset",
    {
      config: { public: true },
      schema: { body: resetPasswordSchema, response: { 204: z.null() }, tags, summary: "Choose a new password with a reset link (ends every session; does not sign in)" },
      preHandler: usesPerNetwork,
    },
    async (request, reply) => {
      await resetPasswordWithLink(request.context, request.body);
      return reply.code(204).send(null);
    },
  );
}
