// Signing a quarter off is an e-signature: the admin's password, and the code from their
// authenticator app when they have one. A wrong password or code is held to the sign-in limit
// (sign-in-limit.ts), as at sign-in, so that someone holding an admin's session cannot guess either
// here instead; each is audited as a failed sign-in, with the reason ("wrong password at sign-off",
// "wrong code at sign-off") and the quarter.
import { verifyPassword } from "@quarterly-returns/db";
import type { Context } from "../context.ts";
import { ServiceError, invalid } from "../errors.ts";
import { clientNetwork } from "../../lib/client-network.ts";
import { checkSecondFactor, type SecondFactorHolder } from "./second-factor.ts";
import { decideInTurn, recordFailure, refuseIfTooSoon, type SignInAttempt } from "./sign-in-limit.ts";

const WRONG_SIGN_OFF_PASSWORD = "That is not your password. The quarter has not been signed off.";
const WRONG_SIGN_OFF_CODE = "That code is not right. Enter the code your authenticator app shows now. The quarter has not been signed off.";

type Signer = SecondFactorHolder & { email: string; passwordHash: string };

/** The code is asked for only of someone with a second factor (not of one signed in through their organisation, nor the demo data). */
export async function checkSignOffSignature(context: Context, admin: Signer, signature: { password: string; code?: string }, quarterId: number) {
  const attempt: SignInAttempt = { email: admin.email, network: clientNetwork(context.clientAddress) };
  await refuseIfTooSoon(context, attempt);
  const passwordIsRight = await verifyPassword(admin.passwordHash, signature.password);
  if (passwordIsRight && admin.totpEnabledAt && !signature.code) throw invalid({ code: "Enter the 6-digit code from your authenticator app to sign off" });

  await decideInTurn(context, attempt, async (tx, recent) => {
    if (passwordIsRight && (!admin.totpEnabledAt || (await checkSecondFactor(tx, admin, signature.code!)))) return null;
    await recordFailure(tx, attempt, recent, { reason: passwordIsRight ? "wrong code at sign-off" : "wrong password at sign-off", userId: admin.id, quarterId });
    return passwordIsRight ? new ServiceError(403, WRONG_SIGN_OFF_CODE, { fields: { code: WRONG_SIGN_OFF_CODE } }) : new ServiceError(403, WRONG_SIGN_OFF_PASSWORD);
  });
}
