// The second factor: a code from an authenticator app (TOTP, RFC 6238: SHA-1, 6 digits, 30 seconds),
// or one of ten single-use recovery codes. Required for admins and managers who sign in with a
// password; a data owner may turn it on.
import { z } from "./zod.ts";
import type { Role } from "./enums.ts";
import { sessionUserSchema } from "./auth.ts";
import { multiLine } from "./text.ts";

export const requiresSecondFactor = (role: Role) => role === "ADMIN" || role === "MANAGER";

export const RECOVERY_CODE_COUNT = 10;

const ENTER_CODE = "Enter the 6-digit code from your authenticator app";

/** A code as typed: spaces and dashes are allowed, as authenticator apps and recovery codes show them. */
export const secondFactorCodeSchema = z.string({ error: ENTER_CODE }).check(
  z.trim(),
  z.minLength(1, { error: ENTER_CODE }),
  z.maxLength(20, { error: "The code is too long. Enter the 6-digit code, or a recovery code" }),
);

export const secondFactorSignInSchema = z.strictObject({ code: secondFactorCodeSchema });
export type SecondFactorSignIn = z.input<typeof secondFactorSignInSchema>;

export const confirmEnrolmentSchema = z.strictObject({
  code: z.string({ error: ENTER_CODE }).check(
    z.trim(),
    z.minLength(1, { error: ENTER_CODE }),
    z.regex(/^\d{3} ?\d{3}$/, { error: "The code must be 6 digits, like 123456" }),
  ),
});
export type ConfirmEnrolment = z.input<typeof confirmEnrolmentSchema>;

/** What the enrolment page shows: the key to scan (a QR code, as an image's data URL) or to type. */
export const enrolmentSchema = z.object({
  qrCode: z.string(),
  /** The key in groups of four, for typing into an app. */
  key: z.string(),
  issuer: z.string(),
  account: z.string(),
});
export type Enrolment = z.infer<typeof enrolmentSchema>;

/** Shown once, when the second factor is turned on. */
export const enrolledSchema = z.object({ user: sessionUserSchema, recoveryCodes: z.array(z.string()) });
export type Enrolled = z.infer<typeof enrolledSchema>;

export const secondFactorStatusSchema = z.object({
  enabled: z.boolean(),
  /** Whether the person's role needs one when they sign in with a password. */
  required: z.boolean(),
  recoveryCodesLeft: z.int(),
});
export type SecondFactorStatus = z.infer<typeof secondFactorStatusSchema>;

/** The answer to a right password when a code is needed next: no session yet. */
export const codeNeededSchema = z.object({ secondFactorRequired: z.literal(true) });

/** The answer to a right code: the session, and how many recovery codes are left if one was used. */
export const signedInWithCodeSchema = z.object({ user: sessionUserSchema, recoveryCodesLeft: z.nullable(z.int()) });

export const resetSecondFactorSchema = z.strictObject({
  reason: z.string({ error: "Say why their second factor is being reset" }).check(
    z.trim(),
    z.minLength(1, { error: "Say why their second factor is being reset" }),
    z.maxLength(1000, { error: "Keep the reason to 1000 characters or fewer" }),
    multiLine("The reason"),
  ),
});
export type ResetSecondFactor = z.input<typeof resetSecondFactorSchema>;
