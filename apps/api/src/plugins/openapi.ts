import swagger from "@fastify/swagger";
import fp from "fastify-plugin";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";

/** Routes validate with the shared zod schemas, which also describe the API at GET /api/docs. */
export const openApiPlugin = fp(async (app) => {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(swagger, {
    openapi: {
      info: {
        title: "Quarterly Returns API",
        version: "1",
        description: "JSON under /api. Sign in with POST /api/auth/login; the session is an httpOnly cookie.",
      },
    },
    transform: jsonSchemaTransform,
  });
  app.get("/api/docs", { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
});
