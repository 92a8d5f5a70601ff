// The access policy: who may see and do what. Every route and query asks here; nothing else
// decides. The caller comes from the verified session (see plugins/session.ts).
import type { Prisma, Role } from "@quarterly-returns/db";
import type { FastifyRequest } from "fastify";
import { audit } from "../lib/audit.ts";
import { HttpError } from "../lib/http-error.ts";

export interface Caller {
  id: number;
  role: Role;
  /** The data owner's organisation; null for managers and admins. */
  organisationId: number | null;
}

const isManagerOrAdmin = (caller: Caller) => caller.role === "MANAGER" || caller.role === "ADMIN";
const isAdmin = (caller: Caller) => caller.role === "ADMIN";

/** What a role may do, beyond entering its own organisation's figures. */
export const permissions = {
  manageUsers: isAdmin,
  manageOrganisations: isAdmin,
  readOrganisations: isManagerOrAdmin,
  manageFramework: isAdmin,
  signOffQuarters: isAdmin,
  readEveryReturn: isManagerOrAdmin,
  recordNotProvided: isManagerOrAdmin,
  chase: isManagerOrAdmin,
  raiseQueries: isManagerOrAdmin,
  readAudit: isManagerOrAdmin,
} satisfies Record<string, (caller: Caller) => boolean>;
export type Permission = keyof typeof permissions;

/**
 * The indicators (and so the returns) a caller may see. A data owner sees only their own
 * organisation's, restricted or not; managers and admins see every one.
 */
export function visibleIndicators(caller: Caller): Prisma.IndicatorWhereInput {
  if (caller.role === "DATA_OWNER") return { ownerOrganisationId: caller.organisationId ?? -1 };
  return {};
}

/**
 * The report's rows a caller may read: everyone signed in reads the partnership's report, but a
 * restricted indicator only by its own organisation, managers and admins.
 */
export function reportIndicators(caller: Caller): Prisma.IndicatorWhereInput {
  if (caller.role === "DATA_OWNER") return { OR: [{ restricted: false }, { ownerOrganisationId: caller.organisationId ?? -1 }] };
  return {};
}

/**
 * The callers who see exactly what this one sees: every rule here depends only on the role and
 * the organisation, so what is kept of a read for one of them may be given to the others.
 */
export function audienceOf(caller: Caller): string {
  return caller.role === "DATA_OWNER" ? `organisation ${caller.organisationId ?? -1}` : "everyone";
}

/** Only the owning organisation's data owners enter an indicator's figures. */
export function mayEnterFigures(caller: Caller, indicator: { ownerOrganisationId: number }): boolean {
  return caller.role === "DATA_OWNER" && caller.organisationId === indicator.ownerOrganisationId;
}

/** Refuses with 403 (or 404 where the thing's existence must not leak), and audits the refusal. */
export async function refuse(
  request: FastifyRequest,
  status: 403 | 404,
  message: string,
  details: Record<string, unknown> = {},
): Promise<never> {
  await audit(request.server.prisma, request, {
    action: "access.refused",
    entityType: "request",
    after: { method: request.method, url: request.url, status, reason: message, ...details } as Prisma.InputJsonValue,
  });
  throw new HttpError(status, message);
}

/** A route guard: the caller's role must carry the permission. */
export function requirePermission(permission: Permission) {
  return async (request: FastifyRequest) => {
    if (!permissions[permission](request.caller!)) {
      await refuse(request, 403, "You do not have permission to do this.", { permission });
    }
  };
}
