// The second factor: an authenticator app's code (TOTP, RFC 6238: SHA-1, 6 digits, 30-second steps,
// one step either side accepted for a clock that drifts), or a single-use recovery code. A step
// whose code was accepted is never accepted again for that person, whether to sign in or to sign a
// quarter off (RFC 6238 §5.2): the last one is kept on the user and only a later one passes.
import { randomInt } from "node:crypto";
import type { Role } from "@quarterly-returns/db";
import { RECOVERY_CODE_COUNT, requiresSecondFactor, type Enrolment, type SecondFactorStatus } from "@quarterly-returns/shared/second-factor";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { authorize, personOf } from "../access.ts";
import { transaction, type Context } from "../context.ts";
import { ServiceError, invalid } from "../errors.ts";
import { openSecret, recoveryCodeHash, sealSecret, type SecondFactorKeys } from "./second-factor-keys.ts";

const ISSUER = "Quarterly Returns";
const TOTP_SETTINGS = { algorithm: "SHA1", digits: 6, period: 30 } as const;
/** Steps either side of now whose code is still accepted. */
const DRIFT_STEPS = 1;

export const WRONG_CODE = "The code is not right. Enter the code your authenticator app shows now, or one of your recovery codes";

function keysOf(context: Context): SecondFactorKeys {
  if (!context.secondFactorKeys) throw new Error("the second factor needs its keys in the context");
  return context.secondFactorKeys;
}

/** Who has a second factor, and whether their role needs one. */
export interface SecondFactorHolder {
  id: number;
  role: Role;
  totpSecret: string | null;
  totpEnabledAt: Date | null;
}

/** The step whose code this is, within the drift allowed around now; null for a wrong code. */
function matchingStep(base32Secret: string, token: string, now: Date): number | null {
  const timestamp = now.getTime();
  const delta = TOTP.validate({ ...TOTP_SETTINGS, token, secret: Secret.fromBase32(base32Secret), timestamp, window: DRIFT_STEPS });
  return delta === null ? null : TOTP.counter({ period: TOTP_SETTINGS.period, timestamp }) + delta;
}

const withoutSeparators = (code: string) => code.replace(/[\s-]/g, "").toLowerCase();

export type SecondFactorCheck = { method: "authenticator" } | { method: "recovery code"; recoveryCodesLeft: number };

/**
 * Checks a code typed by someone whose second factor is on, and uses it up: an authenticator code's
 * step, or the recovery code. Null when it is wrong, already used, or not theirs.
 */
export async function checkSecondFactor(context: Context, user: SecondFactorHolder, typed: string): Promise<SecondFactorCheck | null> {
  if (!user.totpEnabledAt || !user.totpSecret) return null;
  const keys = keysOf(context);
  const code = withoutSeparators(typed);
  if (/^\d{6}$/.test(code)) {
    const step = matchingStep(openSecret(keys, user.totpSecret), code, context.now());
    if (step === null) return null;
    // One statement, so two requests with the same code cannot both pass.
    const claimed = await context.db.user.updateMany({
      where: { id: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return claimed.count === 1 ? { method: "authenticator" } : null;
  }
  if (!/^[a-z0-9]{10}$/.test(code)) return null;
  const used = await context.db.recoveryCode.updateMany({
    where: { userId: user.id, codeHash: recoveryCodeHash(keys, code), usedAt: null },
    data: { usedAt: context.now() },
  });
  if (used.count !== 1) return null;
  return { method: "recovery code", recoveryCodesLeft: await context.db.recoveryCode.count({ where: { userId: user.id, usedAt: null } }) };
}

/**
 * The key to add to an authenticator app: the one already waiting for its first code if there is
 * one (so reloading the page shows the same), else a new one (160 random bits, as RFC 4226 advises).
 */
export async function startEnrolment(context: Context): Promise<Enrolment> {
  const keys = keysOf(context);
  const person = personOf(context);
  const user = await context.db.user.findUniqueOrThrow({ where: { id: person.id } });
  if (user.totpEnabledAt) throw new ServiceError(409, "You have already set up your authenticator app.");
  let secret = user.totpSecret ? openSecret(keys, user.totpSecret) : null;
  if (!secret) {
    secret = new Secret({ size: 20 }).base32;
    await context.db.user.update({ where: { id: user.id }, data: { totpSecret: sealSecret(keys, secret) } });
  }
  const uri = new TOTP({ ...TOTP_SETTINGS, issuer: ISSUER, label: user.email, secret: Secret.fromBase32(secret) }).toString();
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return {
    qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
    key: secret.match(/.{1,4}/g)!.join(" "),
    issuer: ISSUER,
    account: user.email,
  };
}

/** Ten codes of ten letters and digits (no look-alikes), shown as "abcde-fghjk". */
function newRecoveryCodes(): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const part = () => Array.from({ length: 5 }, () => alphabet[randomInt(alphabet.length)]).join("");
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => `${part()}-${part()}`);
}

/** Turns the second factor on with the app's first code, and gives the recovery codes, once. */
export async function confirmEnrolment(context: Context, typed: string) {
  const keys = keysOf(context);
  const person = personOf(context);
  const user = await context.db.user.findUniqueOrThrow({ where: { id: person.id } });
  if (user.totpEnabledAt) throw new ServiceError(409, "You have already set up your authenticator app.");
  if (!user.totpSecret) throw new ServiceError(409, "Start setting up your authenticator app again: the key has been changed.");
  const step = matchingStep(openSecret(keys, user.totpSecret), withoutSeparators(typed), context.now());
  if (step === null) {
    throw invalid({ code: "The code is not right. Check the key in your authenticator app, then enter the code it shows now" });
  }
  const recoveryCodes = newRecoveryCodes();
  const enabled = await transaction(context, async (tx) => {
    const updated = await tx.db.user.update({
      where: { id: user.id },
      // Other sessions end: one started before, with the password alone, never gains what this one did.
      data: { totpEnabledAt: tx.now(), totpLastStep: step, sessionVersion: { increment: 1 } },
      include: { organisation: { select: { id: true, name: true, shortName: true } } },
    });
    await tx.db.recoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.db.recoveryCode.createMany({ data: recoveryCodes.map((code) => ({ userId: user.id, codeHash: recoveryCodeHash(keys, withoutSeparators(code)) })) });
    await tx.audit({ action: "auth.second-factor-enabled", entityType: "user", entityId: user.id });
    return updated;
  });
  return { user: enabled, recoveryCodes };
}

export async function secondFactorStatus(context: Context): Promise<SecondFactorStatus> {
  const person = personOf(context);
  const user = await context.db.user.findUniqueOrThrow({ where: { id: person.id }, select: { role: true, totpEnabledAt: true } });
  const recoveryCodesLeft = user.totpEnabledAt ? await context.db.recoveryCode.count({ where: { userId: person.id, usedAt: null } }) : 0;
  return { enabled: Boolean(user.totpEnabledAt), required: requiresSecondFactor(user.role), recoveryCodesLeft };
}

/**
 * An admin takes someone's second factor away (a lost phone, no recovery codes left): their
 * sessions end, and they set up an app again at their next sign-in. Never one's own: another admin
 * must agree that it is needed.
 */
export async function resetSecondFactor(context: Context, userId: number, reason: string) {
  await authorize(context, "manageUsers");
  if (personOf(context).id === userId) {
    throw new ServiceError(409, "You cannot reset your own second factor. Ask another admin to reset it.");
  }
  const user = await context.db.user.findUnique({ where: { id: userId }, select: { name: true, totpSecret: true, organisationId: true } });
  if (!user) throw new ServiceError(404, "There is no such user.");
  if (!user.totpSecret) throw new ServiceError(409, `${user.name} has not set up an authenticator app, so there is nothing to reset.`);
  await transaction(context, async (tx) => {
    await tx.db.user.update({
      where: { id: userId },
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, sessionVersion: { increment: 1 } },
    });
    await tx.db.recoveryCode.deleteMany({ where: { userId } });
    await tx.audit({ action: "user.reset-second-factor", entityType: "user", entityId: userId, organisationId: user.organisationId, after: { reason } });
  });
}

/** A right password from someone with a second factor: they are not signed in until their code is right. */
export class CodeNeeded {
  constructor(readonly user: { id: number; sessionVersion: number }) {}
}

/** Signed in with a password by an admin or manager with no second factor yet: they may only set one up. */
export const mustEnrol = (user: { role: Role; totpEnabledAt: Date | null }) => requiresSecondFactor(user.role) && !user.totpEnabledAt;
