import type { FastifyError } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { isDatabaseUnavailable } from "../lib/database-errors.ts";
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
      const fields = Object.fromEntries(
        error.validation.map((issue) => [issue.instancePath.slice(1).replaceAll("/", ".") || "(body)", issue.message ?? "is not valid"]),
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
