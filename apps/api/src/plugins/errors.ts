import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { isDatabaseUnavailable, isRefusedValue } from "../lib/database-errors.ts";
import { ServiceError, invalid } from "../core/errors.ts";
import { isQuarterLockedError } from "../core/quarters/lock.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** What a body over the route's limit is told, given its size in bytes when the request said it. */
    bodyTooLarge?: (bytes: number | null) => string;
  }
}

const kilobytes = (bytes: number) => `${Math.ceil(bytes / 1024).toLocaleString("en-GB")} KB`;

/**
 * One shape for every error the API answers: `{ message }`, plus `fields` for per-field problems
 * and whatever else the case needs. Server faults answer a generic message; the detail goes only
 * to the server log, never a stack trace to the client.
 */
export const errorsPlugin = fp(async (app) => {
  app.setErrorHandler((error: FastifyError | ServiceError, request, reply) => {
    if (error instanceof ServiceError) {
      if (typeof error.extra.retryAfter === "number") reply.header("retry-after", String(error.extra.retryAfter));
      return reply.code(error.statusCode).send({ message: error.message, ...error.extra });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      // An id in the path that no record could have (2147483648, 1e3): that address names nothing.
      if (error.validationContext === "params") return reply.code(404).send({ message: "There is nothing at this address: check the link and try again." });
      // A problem with the whole query string (an unknown parameter) is not the body's.
      const whole = error.validationContext === "querystring" ? "(query)" : "(body)";
      const fields = Object.fromEntries(
        error.validation.map((issue) => [issue.instancePath.slice(1).replaceAll("/", ".") || whole, issue.message ?? "is not valid"]),
      );
      const answer = invalid(fields);
      return reply.code(400).send({ message: answer.message, ...answer.extra });
    }
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      // Refused before it is read: a body can be large, and whoever sent it should hear why at once.
      const sent = Number(request.headers["content-length"]) || null;
      const explain = request.routeOptions.config.bodyTooLarge;
      const message = explain ? explain(sent) : `What you sent is ${sent ? kilobytes(sent) : "too large"}; at most ${kilobytes(request.routeOptions.bodyLimit)} can be sent here. Shorten the text and try again.`;
      return reply.code(413).send({ message });
    }
    if (isQuarterLockedError(error)) {
      // The database's own lock, should a write get past the services' checks.
      return reply.code(423).send({ message: "This quarter has been signed off: nothing about its returns can change until an admin reopens it." });
    }
    if (isRefusedValue(error)) {
      request.log.warn({ err: error }, "the database refused a value the request's checks let through");
      return reply.code(400).send({ message: "Something you sent cannot be stored: check it for unusual characters or very large numbers, and try again." });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.error({ err: error }, "database unavailable");
      return reply.code(503).send({ message: "The database is not available at the moment. Please try again in a minute." });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, "request failed");
      return reply.code(500).send({ message: "Something went wrong on our side. Please try again; if it keeps happening, tell your administrator." });
    }
    return reply.code(status).send({ message: error.message });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ message: `There is no ${request.method} ${request.url.split("?")[0]} in this API.` }),
  );
});

/**
 * What the router refuses before any route or hook runs (a path whose %-encoding is not valid,
 * a parameter too long): answered in the API's shape, and, as no hook runs, never kept here.
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  return reply.code(error.statusCode ?? 400).header("cache-control", "no-store").send({ message: "This address is not valid: check it and try again." });
}
