import { z } from "./zod.ts";
import { ROLES } from "./enums.ts";
import { organisationRefSchema } from "./refs.ts";

/**
 * Passwords: at least 10 characters, long passphrases welcome, no rules about kinds of character
 * (NCSC, OWASP ASVS). The server also refuses common passwords and the person's own name or email
 * (apps/api/src/core/auth/password-rules.ts): its list is too big for the browser.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_TOO_SHORT = `Your password must be at least ${PASSWORD_MIN_LENGTH} characters`;
export const PASSWORD_MAX_LENGTH = 128;

export const emailSchema = z.pipe(
  z.string({ error: "Enter an email address" }).check(
    z.trim(),
    z.minLength(1, { error: "Enter an email address" }),
    z.maxLength(254, { error: "Email address must be 254 characters or fewer" }),
  ),
  z.email({ error: "Enter an email address in the correct format, like name@example.org" }).check(z.toLowerCase()),
);

export const signInSchema = z.strictObject({
  email: emailSchema,
  password: z.string({ error: "Enter your password" }).check(
    z.minLength(1, { error: "Enter your password" }),
    z.maxLength(PASSWORD_MAX_LENGTH, { error: `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer` }),
  ),
});
export type SignIn = z.input<typeof signInSchema>;

export const newPasswordSchema = z.string({ error: "Enter a new password" }).check(
  z.minLength(PASSWORD_MIN_LENGTH, { error: PASSWORD_TOO_SHORT }),
  z.maxLength(PASSWORD_MAX_LENGTH, { error: `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer` }),
);

/** A new password typed twice, as every form that sets one asks for it. */
export const newPasswordTwice = { newPassword: newPasswordSchema, confirmPassword: z.string({ error: "Enter the new password again" }) };
export const passwordsMatch = z.refine<{ newPassword: string; confirmPassword: string }>((form) => form.newPassword === form.confirmPassword, {
  error: "The passwords do not match",
  path: ["confirmPassword"],
});

export const changePasswordSchema = z
  .strictObject({
    currentPassword: z.string({ error: "Enter your current password" }).check(z.minLength(1, { error: "Enter your current password" })),
    ...newPasswordTwice,
  })
  .check(
    passwordsMatch,
    z.refine((form) => form.newPassword !== form.currentPassword, {
      error: "Choose a password different from your current one",
      path: ["newPassword"],
    }),
  );
export type ChangePassword = z.input<typeof changePasswordSchema>;

/** The signed-in person, as GET /api/me and POST /api/auth/login answer. */
export const sessionUserSchema = z.object({
  id: z.int(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  organisation: z.nullable(organisationRefSchema),
  mustChangePassword: z.boolean(),
  /** Signed in with a password, and must set up a second factor before anything else. */
  mustEnrolSecondFactor: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;
