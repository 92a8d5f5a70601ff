// Each API request gets the context its services run on: the database, the signed-in person (or
// nobody, on the few public routes), the clock, the audit writer, the read cache. Built once, right
// after the session is checked; then the route's permission, if it declares one, is checked on it.
import type { Permission } from "@quarterly-returns/shared";
import type { FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { authorize } from "../core/access.ts";
import { createContext, type Actor, type Context } from "../core/context.ts";
import { RepeatedRefusals } from "../core/refusals.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** This server's count of repeated refusals; flushed as it closes. */
    refusals: RepeatedRefusals;
  }
  interface FastifyRequest {
    context: Context;
  }
  interface FastifyContextConfig {
    /** Who may call the route: checked before anything else it does (its services check again). */
    permission?: Permission;
  }
}

export const contextPlugin = fp(async (app) => {
  app.decorateRequest("context", null as unknown as Context);
  const refusals = new RepeatedRefusals({ db: app.prisma, failed: (error) => app.log.error({ err: error }, "could not audit repeated refusals") });
  app.decorate("refusals", refusals);
  app.addHook("onClose", () => refusals.flush());

  app.addHook("onRequest", async (request) => {
    if (!isApiRoute(request)) return;
    request.context = contextOf(request);
    const permission = request.routeOptions.config?.permission;
    if (permission) await authorize(request.context, permission);
  });

  function contextOf(request: FastifyRequest): Context {
    const caller = request.caller;
    const actor: Actor = caller
      ? { kind: "person", id: caller.id, name: caller.name, role: caller.role, organisationId: caller.organisationId }
      : { kind: "anonymous" };
    return createContext({
      db: app.prisma,
      actor,
      now: () => new Date(),
      cache: app.readCache,
      mailer: app.mailer,
      appUrl: app.appUrl,
      clientAddress: request.ip,
      origin: `${request.method} ${request.url}`,
      log: request.log,
      refusals,
      inTransaction: false,
      secondFactorKeys: app.secondFactorKeys,
    });
  }
});

const underApi = (path: string) => path === "/api" || path.startsWith("/api/");

/** Decided by the route the router matched (which decodes the path), never by the raw URL. */
export const isApiRoute = (request: FastifyRequest) => {
  const route = request.routeOptions.url;
  return route !== undefined && underApi(route);
};

/** An API route, or a path under /api that matched none (once decoded: "/%61pi/…" is "/api/…"). */
export function isApiRequest(request: FastifyRequest): boolean {
  if (isApiRoute(request)) return true;
  const path = request.url.split("?")[0]!;
  try {
    return underApi(decodeURIComponent(path));
  } catch {
    return true;
  }
}
