import { RESET_LINK_MINUTES } from "@quarterly-returns/shared/password-reset";

/** The e-mail with a link to choose a new password, in the words of the app's other e-mails. */
export function composeResetLinkMail(person: { name: string }, link: string): { subject: string; text: string } {
  return {
    subject: "Choose a new password for Quarterly Returns",
    text: [
      `Dear ${person.name},`,
      "",
      "We were asked to reset the password you use to sign in to Quarterly Returns, the partnership's performance returns.",
      "",
      `To choose a new password, open this link within ${RESET_LINK_MINUTES} minutes:`,
      link,
      "",
      "The link works once. Choosing a new password signs you out wherever you are signed in; then sign in with the new password.",
      "",
      "If you did not ask for this, you can ignore this email: your password has not changed.",
      "",
      "Quarterly Returns",
    ].join("\n"),
  };
}
