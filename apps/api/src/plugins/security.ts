import helmet from "helmet";
import fp from "fastify-plugin";
import type { Config } from "../config.ts";
import { ServiceError } from "../core/errors.ts";
import { isApiRoute } from "./context.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** The web app's hashed build files: scripts and style sheets (not its SVGs, which can be opened as documents). */
const SCRIPT_OR_STYLE = /^\/assets\/[\w.-]+\.(js|css)$/;

/**
 * Security headers, and CSRF protection beyond the SameSite=Strict cookie: the API changes state
 * only for non-GET requests with a JSON body, which a cross-site form cannot send.
 */
export const securityPlugin = fp<{ config: Config }>(async (app, { config }) => {
  const secure = config.appUrl.startsWith("https://");
  // Made once: @fastify/helmet made the middleware again for every request (a tenth of a save's CPU).
  const setSecurityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: "same-origin" },
  });
  app.addHook("onRequest", (request, reply, done) => {
    // A built script or style sheet is never a document: of the headers, only these apply to it.
    // The rest are 600 bytes on each of the files a phone waits for on a slow connection.
    if (SCRIPT_OR_STYLE.test(request.url)) {
      reply.header("x-content-type-options", "nosniff").header("cross-origin-resource-policy", "same-origin");
      return done();
    }
    setSecurityHeaders(request.raw, reply.raw, () => done());
  });

  app.addHook("onRequest", async (request) => {
    if (SAFE_METHODS.has(request.method) || !isApiRoute(request)) return;
    const contentType = request.headers["content-type"] ?? "";
    if (!/^application\/json\s*(;|$)/i.test(contentType)) {
      throw new ServiceError(415, "Send this request as JSON (Content-Type: application/json).");
    }
  });
});
