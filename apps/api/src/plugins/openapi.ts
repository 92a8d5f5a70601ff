import swagger from "@fastify/swagger";
import { problemSchema } from "@quarterly-returns/shared";
import fp from "fastify-plugin";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";

/**
 * Routes validate with the shared zod schemas and answer through them: a response is encoded by
 * its declared schema, so a field the schema does not declare is never sent. The same schemas
 * describe the API at GET /api/docs. Every route's errors share one shape, `{ message, … }`.
 */
export const openApiPlugin = fp(async (app) => {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/") || route.schema?.hide) return;
    route.schema = { ...route.schema, response: { "4XX": problemSchema, "5XX": problemSchema, ...(route.schema?.response as object | undefined) } };
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: "Quarterly Returns API",
        version: "1",
        description: "JSON under /api. Sign in with POST /api/auth/login; the session is an httpOnly cookie. Errors answer `{ message }`, with `fields` naming each problem of a form.",
      },
    },
    transform: jsonSchemaTransform,
  });
  app.get("/api/docs", { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
});
