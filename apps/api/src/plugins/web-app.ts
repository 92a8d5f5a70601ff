import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import fp from "fastify-plugin";
import { isApiRequest } from "./context.ts";
import { withPageHints } from "./page-hints.ts";

/**
 * Serves the built web app (apps/web/dist) on the API's port. Any GET outside /api that is not a
 * file is a route of the single-page app, so it gets index.html, with what that page will fetch
 * first named in it (page-hints.ts). The build writes brotli and gzip
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
  const index = await readFile(path.join(distDir, "index.html"), "utf8");
  app.get("/*", { schema: { hide: true } }, (request, reply) => {
    // A build file that is not there (an old hash after a deploy) is missing, not a page of the app:
    // answered as a page it would also lack the headers a page needs (plugins/security.ts).
    if (isApiRequest(request) || request.url.startsWith("/assets/")) return reply.callNotFound();
    const signedIn = Object.keys(request.cookies ?? {}).some((name) => name.endsWith("qr_session"));
    const html = withPageHints(index, request.url.split("?")[0]!, signedIn);
    reply.header("cache-control", "no-cache").header("vary", "accept-encoding").type("text/html; charset=utf-8");
    // Made for each request, so compressed for each (a few hundred bytes: quick at a middling setting).
    const encodings = request.headers["accept-encoding"] ?? "";
    if (accepts(encodings, "br")) return reply.header("content-encoding", "br").send(brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }));
    if (accepts(encodings, "gzip")) return reply.header("content-encoding", "gzip").send(gzipSync(html));
    return reply.send(html);
  });
});

/** Whether an Accept-Encoding header takes `encoding` (named, and not with q=0). */
const accepts = (header: string, encoding: string) =>
  header.split(",").some((part) => {
    const [name, ...parameters] = part.trim().split(";");
    return name === encoding && !parameters.some((parameter) => /^\s*q=0(\.0*)?\s*$/.test(parameter));
  });
