import { Prisma } from "@quarterly-returns/db";
import type { Organisation, OrganisationChanges } from "@quarterly-returns/shared";
import { authorize } from "../access.ts";
import { transaction, type Context, type Db } from "../context.ts";
import { ServiceError } from "../errors.ts";

const fields = { id: true, name: true, shortName: true, contactName: true, contactEmail: true } as const;

export async function listOrganisations(context: Context): Promise<Organisation[]> {
  await authorize(context, "readOrganisations");
  return context.db.organisation.findMany({ select: fields, orderBy: { name: "asc" } });
}

export async function saveOrganisation(context: Context, id: number | null, changes: OrganisationChanges): Promise<Organisation> {
  await authorize(context, "manageOrganisations");
  try {
    return await transaction(context, async (tx) => {
      const before = id === null ? null : await tx.db.organisation.findUnique({ where: { id }, select: fields });
      if (id !== null && !before) throw new ServiceError(404, "There is no such organisation.");
      await assertNamesFree(tx.db, id, changes);
      const data = { ...changes, contactName: changes.contactName ?? null, contactEmail: changes.contactEmail ?? null };
      const after = before
        ? await tx.db.organisation.update({ where: { id: before.id }, data, select: fields })
        : await tx.db.organisation.create({ data, select: fields });
      await tx.audit({
        action: before ? "organisation.update" : "organisation.create",
        entityType: "organisation",
        entityId: after.id,
        organisationId: after.id,
        before,
        after,
      });
      return after;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      // Another admin took the name between our check and our write.
      throw new ServiceError(409, "Another organisation has this name or short name.");
    }
    throw error;
  }
}

async function assertNamesFree(db: Db, id: number | null, changes: OrganisationChanges) {
  const others = await db.organisation.findMany({
    where: {
      OR: [{ name: { equals: changes.name, mode: "insensitive" } }, { shortName: { equals: changes.shortName, mode: "insensitive" } }],
      ...(id === null ? {} : { id: { not: id } }),
    },
  });
  const fields: Record<string, string> = {};
  if (others.some((other) => other.name.toLowerCase() === changes.name.toLowerCase())) fields.name = "Another organisation has this name";
  if (others.some((other) => other.shortName.toLowerCase() === changes.shortName.toLowerCase())) {
    fields.shortName = "Another organisation has this short name";
  }
  if (Object.keys(fields).length) throw new ServiceError(409, `${Object.values(fields).join(". ")}.`, { fields });
}
