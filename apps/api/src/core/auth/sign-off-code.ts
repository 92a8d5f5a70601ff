// Signing a quarter off with a second factor: the code joins the password as the e-signature. A
// wrong code is held to the sign-in limit (sign-in-limit.ts), as at sign-in, so that someone holding
// an admin's session and password cannot guess codes here instead; it is audited as a failed
// sign-in with the reason "wrong code at sign-off" and the quarter.
import { transaction, type Context } from "../context.ts";
import { ServiceError, invalid } from "../errors.ts";
import { clientNetwork } from "../../lib/client-network.ts";
import { checkSecondFactor, type SecondFactorHolder } from "./second-factor.ts";
import { failureRecord, recentAttempts, slowDown, takeTurn, type SignInAttempt } from "./sign-in-limit.ts";

const WRONG_SIGN_OFF_CODE = "That code is not right. Enter the code your authenticator app shows now. The quarter has not been signed off.";

/** Nothing to check for someone with no second factor (signed in through their organisation, or the demo data). */
export async function checkSignOffCode(context: Context, admin: SecondFactorHolder & { email: string }, code: string | undefined, quarterId: number) {
  if (!admin.totpEnabledAt) return;
  if (!code) throw invalid({ code: "Enter the 6-digit code from your authenticator app to sign off" });
  const attempt: SignInAttempt = { email: admin.email, network: clientNetwork(context.clientAddress) };
  const refusal = await transaction(context, async (tx) => {
    await takeTurn(tx, attempt);
    const recent = await recentAttempts(tx, attempt);
    const slowed = await slowDown(tx, attempt, recent);
    if (slowed) return slowed;
    if (await checkSecondFactor(tx, admin, code)) return null;
    await tx.audit({
      action: "auth.login-failed",
      entityType: "user",
      entityId: admin.id,
      quarterId,
      after: { ...failureRecord(attempt, recent), reason: "wrong code at sign-off", quarterId },
    });
    return new ServiceError(403, WRONG_SIGN_OFF_CODE, { fields: { code: WRONG_SIGN_OFF_CODE } });
  });
  if (refusal) throw refusal;
}
