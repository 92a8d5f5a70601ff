import { Prisma, type PrismaClient } from "@quarterly-returns/db";
import type { Organisation, OrganisationChanges } from "@quarterly-returns/shared";
import type { FastifyRequest } from "fastify";
import { audit } from "../../lib/audit.ts";
import { HttpError } from "../../lib/http-error.ts";

const fields = { id: true, name: true, shortName: true, contactName: true, contactEmail: true } as const;

export function listOrganisations(prisma: PrismaClient): Promise<Organisation[]> {
  return prisma.organisation.findMany({ select: fields, orderBy: { name: "asc" } });
}

export async function saveOrganisation(
  prisma: PrismaClient,
  request: FastifyRequest,
  id: number | null,
  changes: OrganisationChanges,
): Promise<Organisation> {
  try {
    return await prisma.$transaction(async (tx) => {
      const before = id === null ? null : await tx.organisation.findUnique({ where: { id }, select: fields });
      if (id !== null && !before) throw new HttpError(404, "There is no such organisation.");
      await assertNamesFree(tx, id, changes);
      const data = { ...changes, contactName: changes.contactName ?? null, contactEmail: changes.contactEmail ?? null };
      const after = before
        ? await tx.organisation.update({ where: { id: before.id }, data, select: fields })
        : await tx.organisation.create({ data, select: fields });
      await audit(tx, request, {
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
      throw new HttpError(409, "Another organisation has this name or short name.");
    }
    throw error;
  }
}

async function assertNamesFree(tx: Prisma.TransactionClient, id: number | null, changes: OrganisationChanges) {
  const others = await tx.organisation.findMany({
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
  if (Object.keys(fields).length) throw new HttpError(409, `${Object.values(fields).join(". ")}.`, { fields });
}
