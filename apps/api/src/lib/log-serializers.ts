import type { FastifyRequest } from "fastify";

/** A password reset link's token would work for anyone who read the log: it is left out. */
export const withoutTokens = (url: string) => url.replace(/([?&]token=)[^&#]*/gi, "$1[hidden]");

/** Fastify's own request serializer, with the URL's tokens hidden. */
export function requestForLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: withoutTokens(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
