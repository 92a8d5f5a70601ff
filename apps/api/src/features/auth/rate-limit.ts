import rateLimit, { type RateLimitOptions } from "@fastify/rate-limit";
import type { FastifyInstance, preHandlerAsyncHookHandler } from "fastify";
import { ServiceError } from "../../core/errors.ts";

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
