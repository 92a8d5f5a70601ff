import rateLimit, { type RateLimitOptions } from "@fastify/rate-limit";
import type { FastifyInstance, preHandlerAsyncHookHandler } from "fastify";
import { ServiceError } from "../../core/errors.ts";
import { clientNetwork } from "../../lib/client-network.ts";

/**
 * Sign-in attempts allowed from one network in 15 minutes, whatever the emails, counted in this
 * replica's memory: passwords, authenticator codes and single sign-ons each. It limits only that
 * network; failures for one email slow down only the network they come from
 * (core/auth/sign-in-limit.ts).
 */
export const SIGN_IN_ATTEMPTS_PER_NETWORK = 100;

/** The per-network limit on one way of signing in. */
export const signInLimiter = (app: FastifyInstance, message = "Too many sign-in attempts from your network. Wait 15 minutes, then try again.") =>
  createLimiter(app, { max: SIGN_IN_ATTEMPTS_PER_NETWORK, timeWindow: "15 minutes", keyGenerator: (request) => clientNetwork(request.ip), message });

/**
 * A rate limit to put in a route's preHandler list. @fastify/rate-limit applies one limit per
 * request per plugin instance, so each limit gets an instance of its own: a route can then be
 * limited by address and by account at once.
 */
export async function createLimiter(
  app: FastifyInstance,
  options: RateLimitOptions & { message: string },
): Promise<preHandlerAsyncHookHandler> {
  let limiter: preHandlerAsyncHookHandler | undefined;
  await app.register(async (scope) => {
    await scope.register(rateLimit, { global: false, errorResponseBuilder: () => new ServiceError(429, options.message) });
    limiter = scope.rateLimit(options) as preHandlerAsyncHookHandler;
  });
  return limiter!;
}
