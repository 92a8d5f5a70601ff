import type { FastifyError } from "fastify";
import fp from "fastify-plugin";
import { isDatabaseUnavailable } from "../database-errors.ts";

/**
 * One shape for every error the API answers: `{ message }`, plus `fields` for per-field problems.
 * Server faults answer a generic message; the detail goes only to the server log.
 */
export const errorsPlugin = fp(async (app) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
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
