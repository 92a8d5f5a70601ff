import { hashPassword, verifyPassword, type PrismaClient } from "@quarterly-returns/db";
import type { FastifyRequest } from "fastify";
import { audit } from "../../lib/audit.ts";
import { HttpError, invalid } from "../../lib/http-error.ts";

/** The same answer for an unknown email and a wrong password, so neither can be told apart. */
export const SIGN_IN_REFUSED = "The email address or password is not right.";

const withOrganisation = { organisation: { select: { id: true, name: true, shortName: true } } } as const;

// Checking a password against this when the email is unknown takes as long as a real check.
let decoyHash: Promise<string> | undefined;

export async function signIn(prisma: PrismaClient, request: FastifyRequest, credentials: { email: string; password: string }) {
  const user = await prisma.user.findUnique({ where: { email: credentials.email }, include: withOrganisation });
  decoyHash ??= hashPassword("decoy password for unknown emails");
  const passwordIsRight = await verifyPassword(user?.passwordHash ?? (await decoyHash), credentials.password);

  if (!user || !passwordIsRight) {
    await audit(prisma, request, {
      action: "auth.login-failed",
      entityType: "user",
      entityId: user?.id ?? null,
      actorId: user?.id ?? null,
      after: { email: credentials.email, reason: user ? "wrong password" : "unknown email" },
    });
    throw new HttpError(401, SIGN_IN_REFUSED);
  }
  if (!user.active) {
    await audit(prisma, request, { action: "auth.login-refused", entityType: "user", entityId: user.id, actorId: user.id, after: { reason: "deactivated" } });
    throw new HttpError(401, "This account has been deactivated. Ask your administrator to reactivate it.");
  }
  const signedIn = await prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() }, include: withOrganisation });
  await audit(prisma, request, { action: "auth.login", entityType: "user", entityId: user.id, actorId: user.id });
  return signedIn;
}

/** Ends every session of the caller: the token they hold stops working at once. */
export async function signOut(prisma: PrismaClient, request: FastifyRequest, userId: number) {
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    await audit(tx, request, { action: "auth.logout", entityType: "user", entityId: userId });
  });
}

export async function changePassword(
  prisma: PrismaClient,
  request: FastifyRequest,
  userId: number,
  passwords: { currentPassword: string; newPassword: string },
) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(user.passwordHash, passwords.currentPassword))) {
    await audit(prisma, request, { action: "auth.password-change-refused", entityType: "user", entityId: userId, after: { reason: "wrong current password" } });
    throw invalid({ currentPassword: "Your current password is not right" });
  }
  const passwordHash = await hashPassword(passwords.newPassword);
  return prisma.$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: userId },
      // Other sessions end; the route gives this one a new token.
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
      include: withOrganisation,
    });
    await audit(tx, request, { action: "auth.password-change", entityType: "user", entityId: userId });
    return updated;
  });
}
