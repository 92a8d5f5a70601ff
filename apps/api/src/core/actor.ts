// Who does something: a person, the product itself, or someone not signed in.
import type { Role } from "@quarterly-returns/db";

/** A signed-in person. */
export interface PersonActor {
  kind: "person";
  id: number;
  name: string;
  role: Role;
  /** A data owner's organisation; null for managers and admins. */
  organisationId: number | null;
}

/** The product itself: the demo seed, a scheduled job. It may do anything, and names no person. */
export interface SystemActor {
  kind: "system";
  /** What the audit log says did it: "Demo data", "Scheduled reminders". */
  name: string;
}

/** Someone not signed in (yet): signing in is all they can do. */
export interface AnonymousActor {
  kind: "anonymous";
}

export type Actor = PersonActor | SystemActor | AnonymousActor;
