// "Forgotten your password?": asking for a link by e-mail, and choosing a new password with it.
import { z } from "./zod.ts";
import { emailSchema, newPasswordTwice, passwordsMatch } from "./auth.ts";

/** How long an e-mailed link works. */
export const RESET_LINK_MINUTES = 30;

export const resetLinkRequestSchema = z.strictObject({ email: emailSchema });
export type ResetLinkRequest = z.input<typeof resetLinkRequestSchema>;

/** The one answer to every request for a link: whether the address has an account is never told. */
export const resetLinkSentMessage = (email: string) =>
  `If ${email} has an account, we have sent a link to it to choose a new password. The link works once, for ${RESET_LINK_MINUTES} minutes.`;

// Longer than any token the app makes, so a malformed one reaches the service and gets its own page.
const tokenSchema = z.string({ error: "The link is not complete" }).check(z.maxLength(500, { error: "The link is not complete" }));

export const resetLinkSchema = z.strictObject({ token: tokenSchema });
export type ResetLink = z.input<typeof resetLinkSchema>;

export const resetPasswordSchema = z.strictObject({ token: tokenSchema, ...newPasswordTwice }).check(passwordsMatch);
export type ResetPassword = z.input<typeof resetPasswordSchema>;

/** Why a link cannot be used, each with the words of its page. */
export const RESET_LINK_PROBLEMS = {
  malformed: {
    title: "This link is not complete",
    detail: "Part of the link may have been lost when it was copied. Open it from the email again, or copy all of it, or ask for a new link.",
  },
  unknown: {
    title: "This link is not right",
    detail: "Check you opened the link from the most recent email we sent you, or ask for a new link.",
  },
  used: {
    title: "This link has already been used",
    detail: "Each link works once. If you have not chosen a new password, or have forgotten it again, ask for a new link.",
  },
  expired: {
    title: "This link has expired",
    detail: `Each link works for ${RESET_LINK_MINUTES} minutes after we send it. Ask for a new link.`,
  },
  replaced: {
    title: "We have sent you a newer link",
    detail: "Only the most recent link we sent you works. Open the link in the newest email, or ask for a new link.",
  },
  deactivated: {
    title: "This account has been deactivated",
    detail: "Ask your administrator to reactivate it.",
  },
} as const;
export type ResetLinkProblem = keyof typeof RESET_LINK_PROBLEMS;

/** Who a usable link is for, so the page can say so. */
export const resetLinkUsableSchema = z.object({ email: z.string() });
