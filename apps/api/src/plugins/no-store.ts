import fp from "fastify-plugin";
import { isApiRequest } from "./context.ts";

/**
 * Nothing the API answers may be kept by a browser, a proxy or a shared computer's disk: figures,
 * names, the audit log, the downloaded reports, and errors alike. (The read cache keeps answers in
 * the server's memory, which is another matter; the web app's own files set their caching in
 * web-app.ts.) Decided by the route matched, or a path under /api that matched none, when the
 * answer is sent, so it covers every answer, however it ended.
 */
export const noStorePlugin = fp(async (app) => {
  app.addHook("onSend", async (request, reply, payload) => {
    if (isApiRequest(request)) reply.header("cache-control", "no-store");
    return payload;
  });
});
