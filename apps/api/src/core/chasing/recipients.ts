// Whom a chase goes to, whether the manager sends it or the reminder schedule does: one rule.
import type { Db } from "../context.ts";

export interface Addressee {
  name: string | null;
  email: string;
}

export interface ChaseRecipients {
  to: Addressee[];
  /** The organisation's lead contact, copied in when returns are overdue. */
  copyTo: string | null;
}

interface OrganisationContact {
  id: number;
  contactName: string | null;
  contactEmail: string | null;
}

/**
 * A chase goes to the organisation's active data owners, who enter its returns; to its contact
 * when it has none. When any of its returns is overdue the contact, its lead contact, is copied
 * in, unless the chase already goes to them.
 */
export function chaseRecipients(organisation: OrganisationContact, dataOwners: Addressee[], overdue: boolean): ChaseRecipients {
  const contact = organisation.contactEmail ? { name: organisation.contactName, email: organisation.contactEmail } : null;
  const to = dataOwners.length ? dataOwners : contact ? [contact] : [];
  const copyTo = overdue && contact && !to.some((addressee) => addressee.email === contact.email) ? contact.email : null;
  return { to, copyTo };
}

/** Each organisation's active data owners, by organisation id. */
export async function dataOwnersOf(db: Db, organisationIds: number[]): Promise<Map<number, Addressee[]>> {
  const owners = await db.user.findMany({
    where: { role: "DATA_OWNER", active: true, organisationId: { in: organisationIds } },
    select: { name: true, email: true, organisationId: true },
    orderBy: { name: "asc" },
  });
  const byOrganisation = new Map<number, Addressee[]>();
  for (const owner of owners) byOrganisation.set(owner.organisationId!, [...(byOrganisation.get(owner.organisationId!) ?? []), { name: owner.name, email: owner.email }]);
  return byOrganisation;
}

/** "Dear Paul Haley," "Dear Zoe Green and Sam Patel," "Dear colleague,". */
export function greeting(to: Addressee[]): string {
  const names = to.map((addressee) => addressee.name).filter((name): name is string => !!name);
  if (names.length !== to.length || names.length === 0) return "Dear colleague,";
  return `Dear ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`},`;
}
