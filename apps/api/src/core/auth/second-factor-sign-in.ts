// The second step of a password sign-in: the code. It is held to the same limit as the password
// (sign-in-limit.ts): a wrong code is a failed sign-in for the email from that network, so guessing
// codes slows down exactly as guessing passwords does, and only a right code ends the run.
import type { Context } from "../context.ts";
import { ServiceError } from "../errors.ts";
import { clientNetwork } from "../../lib/client-network.ts";
import { checkSecondFactor, WRONG_CODE } from "./second-factor.ts";
import { decideInTurn, recordFailure, refuseIfTooSoon, type SignInAttempt } from "./sign-in-limit.ts";

const withOrganisation = { organisation: { select: { id: true, name: true, shortName: true } } } as const;

export const SIGN_IN_AGAIN = "Your sign-in has timed out. Sign in again with your email address and password.";

/** Who gave the right password, as the short-lived pending sign-in says. */
export interface PendingSignIn {
  userId: number;
  sessionVersion: number;
}

export async function signInWithCode(context: Context, pending: PendingSignIn, code: string) {
  const user = await context.db.user.findUnique({ where: { id: pending.userId }, include: withOrganisation });
  // Signed out everywhere, reset or deactivated since the password: start again.
  if (!user || !user.active || user.sessionVersion !== pending.sessionVersion || !user.totpEnabledAt) throw new ServiceError(401, SIGN_IN_AGAIN);
  const attempt: SignInAttempt = { email: user.email, network: clientNetwork(context.clientAddress) };
  await refuseIfTooSoon(context, attempt);

  return decideInTurn(context, attempt, async (tx, recent) => {
    const checked = await checkSecondFactor(tx, user, code);
    if (!checked) {
      await recordFailure(tx, attempt, recent, { reason: "wrong code", userId: user.id, actorId: user.id });
      return new ServiceError(401, WRONG_CODE, { fields: { code: WRONG_CODE } });
    }
    const signedIn = await tx.db.user.update({ where: { id: user.id }, data: { lastSignInAt: tx.now() }, include: withOrganisation });
    await tx.audit({ action: "auth.login", entityType: "user", entityId: user.id, actorId: user.id, after: { ...attempt, secondFactor: checked.method } });
    return { user: signedIn, recoveryCodesLeft: checked.method === "recovery code" ? checked.recoveryCodesLeft : null };
  });
}
