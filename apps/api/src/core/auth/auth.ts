import { hashPassword, verifyPassword } from "@quarterly-returns/db";
import type { SessionUser } from "@quarterly-returns/shared";
import { personOf } from "../access.ts";
import { transaction, type Context } from "../context.ts";
import { ServiceError, invalid } from "../errors.ts";
import { passwordProblem } from "./password-rules.ts";

/** The same answer for an unknown email and a wrong password, so neither can be told apart. */
export const SIGN_IN_REFUSED = "The email address or password is not right.";

/** Failed sign-ins allowed for one email within the window, before it is locked until they age out. */
export const FAILED_SIGN_INS_PER_EMAIL = 10;
const FAILURE_WINDOW_MS = 15 * 60 * 1000;

/**
 * Counts the email's failed sign-ins of the last 15 minutes (since its last success) in the audit
 * log, so the lock holds across every replica of the app; 429 with Retry-After once they reach
 * the limit, even for the right password.
 */
async function assertNotLocked(context: Context, email: string) {
  const now = context.now().getTime();
  const since = new Date(now - FAILURE_WINDOW_MS);
  const failures = await context.db.$queryRaw<{ at: Date }[]>`
    SELECT f.at FROM audit_events f
     WHERE f.action = 'auth.login-failed' AND f.after ->> 'email' = ${email} AND f.at > ${since}
       AND f.at > coalesce((SELECT max(s.at) FROM audit_events s JOIN users u ON u.id = s.actor_id
                             WHERE s.action = 'auth.login' AND u.email = ${email}), '-infinity')
     ORDER BY f.at DESC LIMIT ${FAILED_SIGN_INS_PER_EMAIL}`;
  if (failures.length < FAILED_SIGN_INS_PER_EMAIL) return;
  const oldest = failures.at(-1)!.at.getTime();
  const retryAfter = Math.max(1, Math.ceil((oldest + FAILURE_WINDOW_MS - now) / 1000));
  await context.audit({ action: "auth.login-throttled", entityType: "user", actorId: null, after: { email } });
  throw new ServiceError(429, `Too many failed sign-ins for this email address. Wait ${Math.ceil(retryAfter / 60)} minutes, then try again.`, {
    retryAfter,
  });
}

const withOrganisation = { organisation: { select: { id: true, name: true, shortName: true } } } as const;

// Checking a password against this when the email is unknown takes as long as a real check.
let decoyHash: Promise<string> | undefined;

export async function signIn(context: Context, credentials: { email: string; password: string }) {
  await assertNotLocked(context, credentials.email);
  const user = await context.db.user.findUnique({ where: { email: credentials.email }, include: withOrganisation });
  decoyHash ??= hashPassword("decoy password for unknown emails");
  const passwordIsRight = await verifyPassword(user?.passwordHash ?? (await decoyHash), credentials.password);

  if (!user || !passwordIsRight) {
    await context.audit({
      action: "auth.login-failed",
      entityType: "user",
      entityId: user?.id ?? null,
      actorId: user?.id ?? null,
      after: { email: credentials.email, reason: user ? "wrong password" : "unknown email" },
    });
    throw new ServiceError(401, SIGN_IN_REFUSED);
  }
  if (!user.active) {
    await context.audit({ action: "auth.login-refused", entityType: "user", entityId: user.id, actorId: user.id, after: { reason: "deactivated" } });
    throw new ServiceError(401, "This account has been deactivated. Ask your administrator to reactivate it.");
  }
  return transaction(context, async (tx) => {
    const signedIn = await tx.db.user.update({ where: { id: user.id }, data: { lastSignInAt: tx.now() }, include: withOrganisation });
    await tx.audit({ action: "auth.login", entityType: "user", entityId: user.id, actorId: user.id });
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
export function toSessionUser(user: SessionUser): SessionUser {
  const { id, email, name, role, organisation, mustChangePassword } = user;
  return { id, email, name, role, organisation, mustChangePassword };
}
