import { randomInt } from "node:crypto";
import { hashPassword, Prisma } from "@quarterly-returns/db";
import type { CreateUser, UpdateUser, UserSummary } from "@quarterly-returns/shared";
import { authorize } from "../access.ts";
import { transaction, type Context, type Db } from "../context.ts";
import { ServiceError, invalid } from "../errors.ts";
import { passwordProblem, type PasswordOwner } from "../auth/password-rules.ts";

const summary = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  mustChangePassword: true,
  lastSignInAt: true,
  totpEnabledAt: true,
  organisation: { select: { id: true, name: true, shortName: true } },
} as const satisfies Prisma.UserSelect;

type SummaryRow = Prisma.UserGetPayload<{ select: typeof summary }>;

const toSummary = ({ totpEnabledAt, ...user }: SummaryRow): UserSummary => ({
  ...user,
  lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
  secondFactor: totpEnabledAt !== null,
});

export async function listUsers(context: Context): Promise<UserSummary[]> {
  await authorize(context, "manageUsers");
  const users = await context.db.user.findMany({ select: summary, orderBy: [{ active: "desc" }, { name: "asc" }] });
  return users.map(toSummary);
}

/**
 * A temporary password the person types once, then replaces: 12 random unambiguous letters and
 * digits (about 59 bits). It meets the rules of a chosen password too; the rare draw that does not
 * (a sequence, or the person's name by chance) is drawn again.
 */
async function temporaryPassword(owner: PasswordOwner): Promise<string> {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join("");
  for (;;) {
    const password = `${group()}-${group()}-${group()}`;
    if (!(await passwordProblem(password, owner))) return password;
  }
}

/**
 * A new user with a temporary password they replace at their first sign-in; or with the password
 * given, and no change asked: the demo's sign-ins, and the random one nobody knows of an account
 * made by single sign-on (core/auth/oidc/sign-in.ts).
 */
export async function createUser(context: Context, input: CreateUser, options: { password?: string } = {}) {
  await authorize(context, "manageUsers");
  await assertOrganisationExists(context.db, input.organisationId);
  const password = options.password ?? (await temporaryPassword(input));
  const passwordHash = await hashPassword(password);
  try {
    const user = await transaction(context, async (tx) => {
      const created = await tx.db.user.create({
        data: {
          email: input.email,
          name: input.name,
          role: input.role,
          organisationId: input.role === "DATA_OWNER" ? input.organisationId : null,
          passwordHash,
          mustChangePassword: options.password === undefined,
        },
        select: summary,
      });
      await tx.audit({
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
      throw new ServiceError(409, "There is already a user with this email address.", { fields: { email: "There is already a user with this email address" } });
    }
    throw error;
  }
}

export async function updateUser(context: Context, id: number, changes: UpdateUser) {
  await authorize(context, "manageUsers");
  return transaction(context, async (tx) => {
    const before = await tx.db.user.findUnique({ where: { id }, select: summary });
    if (!before) throw new ServiceError(404, "There is no such user.");
    const role = changes.role ?? before.role;
    const organisationId = role === "DATA_OWNER" ? (changes.organisationId ?? before.organisation?.id ?? null) : null;
    if (role === "DATA_OWNER" && !organisationId) throw invalid({ organisationId: "Choose the organisation whose figures they submit" });
    await assertOrganisationExists(tx.db, organisationId);

    const demotedOrDeactivated = before.role === "ADMIN" && before.active && (role !== "ADMIN" || changes.active === false);
    if (changes.active === false && tx.actor.kind === "person" && id === tx.actor.id) throw new ServiceError(409, "You cannot deactivate your own account.");
    // Deactivating ends the person's access at once: the admin says why, for the audit log.
    if (changes.active === false && before.active && !changes.reason) throw invalid({ reason: "Say why the account is being deactivated" });
    if (demotedOrDeactivated && (await tx.db.user.count({ where: { role: "ADMIN", active: true, id: { not: id } } })) === 0) {
      throw new ServiceError(409, "There must always be at least one active admin.");
    }

    const after = await tx.db.user.update({
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
    await tx.audit({
      action: changes.active === false ? "user.deactivate" : changes.active === true && !before.active ? "user.reactivate" : "user.update",
      entityType: "user",
      entityId: id,
      organisationId: after.organisation?.id ?? before.organisation?.id ?? null,
      before: describe(before),
      after: { ...describe(after), ...(changes.reason ? { reason: changes.reason } : {}) },
    });
    return toSummary(after);
  });
}

export async function resetPassword(context: Context, id: number) {
  await authorize(context, "manageUsers");
  const owner = await context.db.user.findUnique({ where: { id }, select: { email: true, name: true } });
  if (!owner) throw new ServiceError(404, "There is no such user.");
  const password = await temporaryPassword(owner);
  const passwordHash = await hashPassword(password);
  const user = await transaction(context, async (tx) => {
    const updated = await tx.db.user.update({ where: { id }, data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } }, select: summary });
    await tx.audit({ action: "user.reset-password", entityType: "user", entityId: id, organisationId: updated.organisation?.id ?? null });
    return updated;
  });
  return { user: toSummary(user), temporaryPassword: password };
}

async function assertOrganisationExists(db: Db, organisationId: number | null) {
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
