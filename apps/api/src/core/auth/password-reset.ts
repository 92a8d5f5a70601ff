// "Forgotten your password?": a link by e-mail that lets its holder choose a new password, once,
// within 30 minutes, while it is the newest link the person was sent. Only the SHA-256 of the
// link's token is stored. Whether an address has an account is never told: asking for a link
// always gets the same answer, and the route gives it before any of this runs.
import { createHash, randomBytes } from "node:crypto";
import { hashPassword } from "@quarterly-returns/db";
import { RESET_LINK_MINUTES, RESET_LINK_PROBLEMS, type ResetLinkProblem } from "@quarterly-returns/shared/password-reset";
import { clientNetwork } from "../../lib/client-network.ts";
import { transaction, type Context } from "../context.ts";
import { ServiceError, invalid } from "../errors.ts";
import { composeResetLinkMail } from "./password-reset-mail.ts";
import { passwordProblem } from "./password-rules.ts";

/** Links one account may be sent in an hour; further requests send nothing (and are audited). */
export const RESET_LINKS_PER_ACCOUNT_PER_HOUR = 3;

/** Requests for one address take turns under this advisory lock, with the address. */
export const RESET_LOCK_CLASS = 7302;
/** 32 random bytes, base64url: 43 characters. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

type Refusal = { problem: ResetLinkProblem; userId: number | null };

/**
 * Sends a link to the address's account when it has an active one that has not had its hourly
 * links already; records in the audit log what became of every request. Never throws for any of
 * these: the caller answers the same whatever happens here.
 */
export async function sendResetLink(context: Context, { email }: { email: string }): Promise<void> {
  const network = clientNetwork(context.clientAddress);
  const outcome = await transaction(context, async (tx) => {
    // Requests for one address take turns, so none slips past the hourly count.
    await tx.db.$executeRaw`SELECT pg_advisory_xact_lock(${RESET_LOCK_CLASS}::int, hashtext(${email}))`;
    const user = await tx.db.user.findUnique({ where: { email }, select: { id: true, name: true, active: true } });
    if (!user) return { sent: false as const, userId: null, reason: "no account has this e-mail address" };
    if (!user.active) return { sent: false as const, userId: user.id, reason: "the account is deactivated" };
    const now = tx.now();
    const anHourAgo = new Date(now.getTime() - 60 * 60 * 1000);
    const lately = await tx.db.passwordReset.count({ where: { userId: user.id, createdAt: { gt: anHourAgo } } });
    if (lately >= RESET_LINKS_PER_ACCOUNT_PER_HOUR) {
      return { sent: false as const, userId: user.id, reason: `${RESET_LINKS_PER_ACCOUNT_PER_HOUR} links were already sent in the last hour` };
    }
    const token = randomBytes(32).toString("base64url");
    await tx.db.passwordReset.updateMany({ where: { userId: user.id, usedAt: null, replacedAt: null }, data: { replacedAt: now } });
    const reset = await tx.db.passwordReset.create({
      data: { userId: user.id, tokenHash: hashOf(token), createdAt: now, expiresAt: new Date(now.getTime() + RESET_LINK_MINUTES * 60 * 1000) },
    });
    return { sent: true as const, userId: user.id, resetId: reset.id, mail: composeResetLinkMail(user, `${context.appUrl}/reset-password?token=${token}`) };
  });

  const audited = { email, network };
  if (!outcome.sent) {
    await context.audit({ action: "auth.password-reset-not-sent", entityType: "user", entityId: outcome.userId, actorId: outcome.userId, after: { ...audited, reason: outcome.reason } });
    return;
  }
  const problem = await deliver(context, { to: email, ...outcome.mail });
  await context.audit({
    action: problem ? "auth.password-reset-not-sent" : "auth.password-reset-sent",
    entityType: "user",
    entityId: outcome.userId,
    actorId: outcome.userId,
    after: { ...audited, resetId: outcome.resetId, ...(problem ? { reason: problem } : {}) },
  });
}

async function deliver(context: Context, mail: { to: string; subject: string; text: string }): Promise<string | null> {
  if (!context.mailer.configured) return "e-mail is not set up";
  try {
    await context.mailer.send(mail);
    return null;
  } catch (error) {
    context.log.warn({ err: error }, "password reset e-mail failed");
    return `the mail server failed: ${(error as Error).message.slice(0, 300)}`;
  }
}

/** Whom a link is for, while it can still be used; otherwise refused with why. */
export async function checkResetLink(context: Context, token: string): Promise<{ email: string }> {
  const found = await usableReset(context, token);
  if ("problem" in found) throw await refuse(context, found);
  return { email: found.user.email };
}

/**
 * Sets the new password the link's holder chose (the rules of any password someone chooses),
 * marks the link used and ends every session of the person. They are not signed in: they sign in
 * with the new password, as anyone does.
 */
export async function resetPasswordWithLink(context: Context, form: { token: string; newPassword: string }): Promise<void> {
  const found = await usableReset(context, form.token);
  if ("problem" in found) throw await refuse(context, found);
  const problem = await passwordProblem(form.newPassword, found.user);
  if (problem) throw invalid({ newPassword: problem });
  const passwordHash = await hashPassword(form.newPassword);
  const refusal = await transaction(context, async (tx) => {
    // Only one of two requests sent at once with the same link gets to use it.
    const { count } = await tx.db.passwordReset.updateMany({ where: { id: found.id, usedAt: null, replacedAt: null }, data: { usedAt: tx.now() } });
    if (count === 0) return { problem: "used", userId: found.user.id } satisfies Refusal;
    await tx.db.user.update({ where: { id: found.user.id }, data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } } });
    await tx.audit({ action: "auth.password-reset", entityType: "user", entityId: found.user.id, actorId: found.user.id, after: { resetId: found.id, email: found.user.email } });
    return null;
  });
  if (refusal) throw await refuse(context, refusal);
}

type UsableReset = { id: number; user: { id: number; email: string; name: string } };

async function usableReset(context: Context, token: string): Promise<UsableReset | Refusal> {
  if (!TOKEN_SHAPE.test(token)) return { problem: "malformed", userId: null };
  const reset = await context.db.passwordReset.findUnique({
    where: { tokenHash: hashOf(token) },
    include: { user: { select: { id: true, email: true, name: true, active: true } } },
  });
  if (!reset) return { problem: "unknown", userId: null };
  const userId = reset.userId;
  if (reset.usedAt) return { problem: "used", userId };
  if (reset.replacedAt) return { problem: "replaced", userId };
  if (reset.expiresAt <= context.now()) return { problem: "expired", userId };
  if (!reset.user.active) return { problem: "deactivated", userId };
  return { id: reset.id, user: reset.user };
}

/** The refusal, audited: 404 for a link the app never made, 410 for one that no longer works. */
async function refuse(context: Context, { problem, userId }: Refusal): Promise<ServiceError> {
  await context.audit({ action: "auth.password-reset-refused", entityType: "user", entityId: userId, actorId: userId, after: { problem, network: clientNetwork(context.clientAddress) } });
  const status = problem === "malformed" || problem === "unknown" ? 404 : 410;
  return new ServiceError(status, RESET_LINK_PROBLEMS[problem].title, { problem });
}
