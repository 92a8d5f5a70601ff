import { randomInt } from "node:crypto";
import { hashPassword, Prisma, type PrismaClient } from "@quarterly-returns/db";
import type { CreateUser, UpdateUser, UserSummary } from "@quarterly-returns/shared";
import type { FastifyRequest } from "fastify";
import { audit } from "../../lib/audit.ts";
import { HttpError, invalid } from "../../lib/http-error.ts";

const summary = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  mustChangePassword: true,
  lastSignInAt: true,
  organisation: { select: { id: true, name: true, shortName: true } },
} as const satisfies Prisma.UserSelect;

type SummaryRow = Prisma.UserGetPayload<{ select: typeof summary }>;

const toSummary = (user: SummaryRow): UserSummary => ({ ...user, lastSignInAt: user.lastSignInAt?.toISOString() ?? null });

export async function listUsers(prisma: PrismaClient): Promise<UserSummary[]> {
  const users = await prisma.user.findMany({ select: summary, orderBy: [{ active: "desc" }, { name: "asc" }] });
  return users.map(toSummary);
}

/** A temporary password the person types once, then replaces: unambiguous letters and digits. */
function temporaryPassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join("");
  return `${group()}-${group()}-${group()}`;
}

export async function createUser(prisma: PrismaClient, request: FastifyRequest, input: CreateUser) {
  await assertOrganisationExists(prisma, input.organisationId);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  try {
    const user = await prisma.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          role: input.role,
          organisationId: input.role === "DATA_OWNER" ? input.organisationId : null,
          passwordHash,
          mustChangePassword: true,
        },
        select: summary,
      });
      await audit(tx, request, {
        action: "user.create",
        entityType: "user",
        entityId: created.id,
        organisationId: created.organisation?.id ?? null,
        after: describe(created),
      });
      return created;
    });
    return { user: toSummary(user), temporaryPassword: password };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new HttpError(409, "There is already a user with this email address.", { fields: { email: "There is already a user with this email address" } });
    }
    throw error;
  }
}

export async function updateUser(prisma: PrismaClient, request: FastifyRequest, id: number, changes: UpdateUser) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id }, select: summary });
    if (!before) throw new HttpError(404, "There is no such user.");
    const role = changes.role ?? before.role;
    const organisationId = role === "DATA_OWNER" ? (changes.organisationId ?? before.organisation?.id ?? null) : null;
    if (role === "DATA_OWNER" && !organisationId) throw invalid({ organisationId: "Choose the organisation whose figures they submit" });
    await assertOrganisationExists(tx, organisationId);

    const demotedOrDeactivated = before.role === "ADMIN" && before.active && (role !== "ADMIN" || changes.active === false);
    if (changes.active === false && id === request.caller!.id) throw new HttpError(409, "You cannot deactivate your own account.");
    if (demotedOrDeactivated && (await tx.user.count({ where: { role: "ADMIN", active: true, id: { not: id } } })) === 0) {
      throw new HttpError(409, "There must always be at least one active admin.");
    }

    const after = await tx.user.update({
      where: { id },
      data: {
        name: changes.name,
        role,
        organisationId,
        active: changes.active,
        // Deactivating ends every session the person holds, at once.
        ...(changes.active === false && before.active ? { sessionVersion: { increment: 1 } } : {}),
      },
      select: summary,
    });
    await audit(tx, request, {
      action: changes.active === false ? "user.deactivate" : changes.active === true && !before.active ? "user.reactivate" : "user.update",
      entityType: "user",
      entityId: id,
      organisationId: after.organisation?.id ?? before.organisation?.id ?? null,
      before: describe(before),
      after: describe(after),
    });
    return toSummary(after);
  });
}

export async function resetPassword(prisma: PrismaClient, request: FastifyRequest, id: number) {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const user = await prisma.$transaction(async (tx) => {
    const updated = await tx.user
      .update({ where: { id }, data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } }, select: summary })
      .catch((error: unknown) => {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") throw new HttpError(404, "There is no such user.");
        throw error;
      });
    await audit(tx, request, { action: "user.reset-password", entityType: "user", entityId: id, organisationId: updated.organisation?.id ?? null });
    return updated;
  });
  return { user: toSummary(user), temporaryPassword: password };
}

async function assertOrganisationExists(db: PrismaClient | Prisma.TransactionClient, organisationId: number | null) {
  if (organisationId && !(await db.organisation.findUnique({ where: { id: organisationId } }))) {
    throw invalid({ organisationId: "Choose an organisation from the list" });
  }
}

const describe = (user: SummaryRow) => ({
  email: user.email,
  name: user.name,
  role: user.role,
  organisation: user.organisation?.shortName ?? null,
  active: user.active,
});
