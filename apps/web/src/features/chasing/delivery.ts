import type { ChaseSummary } from "@quarterly-returns/shared";

/** Shown wherever reminders can be sent while no mail server is set. */
export const MAIL_NOT_SET_UP = "E-mail is not set up, so reminders are recorded but not sent. Ask your administrator to set it up.";

const ORDINALS = ["1st", "2nd", "3rd"];

/** Why an e-mail failed, in plain words: never the mail server's own message. */
function failureWords(deliveryError: string | null): string {
  return deliveryError && /ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|ECONNRESET|timeout/i.test(deliveryError)
    ? "the mail server could not be reached"
    : "the e-mail could not be sent";
}

/** What happened to a reminder, in words for the manager; an automatic one that failed is tried up to 3 times. */
export function deliveryWords(chase: Pick<ChaseSummary, "deliveryStatus" | "deliveryError" | "attempts">): string {
  switch (chase.deliveryStatus) {
    case "SENT":
      return chase.attempts > 1 ? `Sent on the ${ORDINALS[chase.attempts - 1] ?? `${chase.attempts}th`} attempt` : "Sent";
    case "NOT_SENT":
      return "Not sent: e-mail is not set up";
    case "FAILED":
      return chase.attempts > 1 ? `Failed ${chase.attempts} times: ${failureWords(chase.deliveryError)}` : `Not delivered: ${failureWords(chase.deliveryError)}`;
  }
}
