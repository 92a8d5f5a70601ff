// Who may see and do what, on the server. The permission table is shared with the web app
// (packages/shared/src/permissions.ts); the rules on rows (which indicators, and so which returns,
// an actor may see) are here, and every query applies them. Services check both themselves, so
// the rules hold however a service is called: a route, the command line, the importer, the seed.
import { can, type Permission } from "@quarterly-returns/shared";
import type { Prisma } from "@quarterly-returns/db";
import type { Actor, Context, PersonActor } from "./context.ts";
import { ServiceError } from "./errors.ts";

/** Whether the actor may do it: a person by their role, the system always, nobody signed in never. */
export function allows(actor: Actor, permission: Permission): boolean {
  if (actor.kind === "system") return true;
  return actor.kind === "person" && can(actor, permission);
}

/** Refuses (403, audited) unless the actor may do it. */
export async function authorize(context: Context, permission: Permission): Promise<void> {
  if (!allows(context.actor, permission)) await refuse(context, 403, "You do not have permission to do this.", { permission });
}

/** The person acting: stamps such as "submitted by" need one; the system and nobody cannot sign for a figure. */
export function personOf(context: Context): PersonActor {
  if (context.actor.kind !== "person") throw new ServiceError(403, "Only a signed-in person can do this.");
  return context.actor;
}

/** A data owner's own organisation; -1 (no organisation) for anyone else, so a filter on it matches nothing. */
const ownOrganisation = (actor: Actor) => (actor.kind === "person" && actor.organisationId !== null ? actor.organisationId : -1);
const isDataOwner = (actor: Actor) => actor.kind === "person" && actor.role === "DATA_OWNER";

/**
 * The indicators (and so the returns) an actor may see. A data owner sees only their own
 * organisation's, restricted or not; managers, admins and the system see every one.
 */
export function visibleIndicators(actor: Actor): Prisma.IndicatorWhereInput {
  if (isDataOwner(actor)) return { ownerOrganisationId: ownOrganisation(actor) };
  if (actor.kind === "anonymous") return { id: -1 };
  return {};
}

/**
 * The report's rows an actor may read: everyone signed in reads the partnership's report, but a
 * restricted indicator only its own organisation, managers and admins.
 */
export function reportIndicators(actor: Actor): Prisma.IndicatorWhereInput {
  if (isDataOwner(actor)) return { OR: [{ restricted: false }, { ownerOrganisationId: ownOrganisation(actor) }] };
  if (actor.kind === "anonymous") return { id: -1 };
  return {};
}

/**
 * The actors who see exactly what this one sees: every rule here depends only on the role and
 * the organisation, so what is kept of a read for one of them may be given to the others.
 */
export function audienceOf(actor: Actor): string {
  return isDataOwner(actor) ? `organisation ${ownOrganisation(actor)}` : actor.kind === "anonymous" ? "nobody" : "everyone";
}

/** Only the owning organisation's data owners enter an indicator's figures. */
export function mayEnterFigures(actor: Actor, indicator: { ownerOrganisationId: number }): boolean {
  return isDataOwner(actor) && ownOrganisation(actor) === indicator.ownerOrganisationId;
}

/**
 * Refuses with 403 (or 404 where the thing's existence must not leak), and audits the refusal
 * (repeats of one person's refusal for one reason within a minute as one event: refusals.ts).
 */
export async function refuse(context: Context, status: 403 | 404, message: string, details: Record<string, unknown> = {}): Promise<never> {
  await context.refusals.record(context, { status, reason: message, request: context.origin, details });
  throw new ServiceError(status, message);
}
