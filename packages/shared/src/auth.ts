import { z } from "zod";

/** Passwords: at least 8 characters; long passphrases welcome. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, { error: "Enter your email address" })
    .max(254, { error: "Email address must be 254 characters or fewer" })
    .pipe(z.email({ error: "Enter an email address in the correct format, like name@example.org" })),
  password: z
    .string()
    .min(1, { error: "Enter your password" })
    .max(PASSWORD_MAX_LENGTH, { error: `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer` }),
});
export type SignIn = z.infer<typeof signInSchema>;
