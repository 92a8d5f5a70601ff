import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import fp from "fastify-plugin";
import { isApiRequest } from "./context.ts";

/**
 * Serves the built web app (apps/web/dist) on the API's port. Any GET outside /api that is not a
 * file is a route of the single-page app, so it gets index.html. The build writes brotli and gzip
 * copies of each file; the one the browser accepts is sent (with `Vary: Accept-Encoding`).
 */
export const webAppPlugin = fp<{ distDir: string }>(async (app, { distDir }) => {
  if (!existsSync(path.join(distDir, "index.html"))) {
    app.log.warn(`The web app is not built (${distDir}); run npm run build. Serving the API only.`);
    return;
  }
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    cacheControl: false,
    preCompressed: true,
    setHeaders: (reply, filePath) => {
      // Vite names built assets by their content hash, so they never change.
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      reply.header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  app.get("/*", { schema: { hide: true } }, (request, reply) => {
    if (isApiRequest(request)) return reply.callNotFound();
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  });
});
