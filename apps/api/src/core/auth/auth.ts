import { hashPassword, verifyPassword } from "@quarterly-returns/db";
import type { SessionUser } from "@quarterly-returns/shared";
import { personOf } from "../access.ts";
import { transaction, type Context } from "../context.ts";
import { ServiceError, invalid } from "../errors.ts";
import { clientNetwork } from "../../lib/client-network.ts";
import { passwordProblem } from "./password-rules.ts";
import { CodeNeeded } from "./second-factor.ts";
import { decideInTurn, recordFailure, refuseIfTooSoon, type SignInAttempt } from "./sign-in-limit.ts";

/** The same answer for an unknown email and a wrong password, so neither can be told apart. */
export const SIGN_IN_REFUSED = "The email address or password is not right.";

export const withOrganisation = { organisation: { select: { id: true, name: true, shortName: true } } } as const;

// Checking a password against this when the email is unknown takes as long as a real check.
let decoyHash: Promise<string> | undefined;

/**
 * Signs in with an email and password. Failures slow down the next attempt for the same email
 * from the same network (sign-in-limit.ts); an attempt made too soon is refused before its password
 * is checked, and again, in turn with any sent at the same moment, once it has been.
 */
export async function signIn(context: Context, credentials: { email: string; password: string }) {
  const attempt: SignInAttempt = { email: credentials.email, network: clientNetwork(context.clientAddress) };
  await refuseIfTooSoon(context, attempt);

  const user = await context.db.user.findUnique({ where: { email: credentials.email }, include: withOrganisation });
  decoyHash ??= hashPassword("decoy password for unknown emails");
  const passwordIsRight = await verifyPassword(user?.passwordHash ?? (await decoyHash), credentials.password);

  return decideInTurn(context, attempt, async (tx, recent) => {
    if (!user || !passwordIsRight) {
      await recordFailure(tx, attempt, recent, { reason: user ? "wrong password" : "unknown email", userId: user?.id ?? null, actorId: user?.id ?? null });
      return new ServiceError(401, SIGN_IN_REFUSED);
    }
    if (!user.active) {
      await tx.audit({ action: "auth.login-refused", entityType: "user", entityId: user.id, actorId: user.id, after: { reason: "deactivated" } });
      return new ServiceError(401, "This account has been deactivated. Ask your administrator to reactivate it.");
    }
    // Not signed in yet, so the failures before it still count against the code (second-factor-sign-in.ts).
    if (user.totpEnabledAt) return new CodeNeeded(user);
    const signedIn = await tx.db.user.update({ where: { id: user.id }, data: { lastSignInAt: tx.now() }, include: withOrganisation });
    // The email and network end the count of failures before it (sign-in-limit.ts).
    await tx.audit({ action: "auth.login", entityType: "user", entityId: user.id, actorId: user.id, after: { ...attempt } });
    return signedIn;
  });
}

/** Ends every session of the person: the token they hold stops working at once. */
export async function signOut(context: Context) {
  const userId = personOf(context).id;
  await transaction(context, async (tx) => {
    await tx.db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    await tx.audit({ action: "auth.logout", entityType: "user", entityId: userId });
  });
}

export async function changePassword(context: Context, passwords: { currentPassword: string; newPassword: string }) {
  const userId = personOf(context).id;
  const user = await context.db.user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(user.passwordHash, passwords.currentPassword))) {
    await context.audit({ action: "auth.password-change-refused", entityType: "user", entityId: userId, after: { reason: "wrong current password" } });
    throw invalid({ currentPassword: "Your current password is not right" });
  }
  const problem = await passwordProblem(passwords.newPassword, user);
  if (problem) throw invalid({ newPassword: problem });
  const passwordHash = await hashPassword(passwords.newPassword);
  return transaction(context, async (tx) => {
    const updated = await tx.db.user.update({
      where: { id: userId },
      // Other sessions end; the route gives this one a new token.
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
      include: withOrganisation,
    });
    await tx.audit({ action: "auth.password-change", entityType: "user", entityId: userId });
    return updated;
  });
}

/** A user as the session shows them: who they are, never how they sign in. */
export function toSessionUser(user: Omit<SessionUser, "mustEnrolSecondFactor"> & { mustEnrolSecondFactor?: boolean }): SessionUser {
  const { id, email, name, role, organisation, mustChangePassword, mustEnrolSecondFactor = false } = user;
  return { id, email, name, role, organisation, mustChangePassword, mustEnrolSecondFactor };
}
