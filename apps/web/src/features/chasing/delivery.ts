import type { ChaseSummary } from "@quarterly-returns/shared";

/** Shown wherever reminders can be sent while no mail server is set. */
export const MAIL_NOT_SET_UP = "E-mail is not set up, so reminders are recorded but not sent. Ask your administrator to set it up.";

/** What happened to a reminder, in words for the manager: never the mail server's own error. */
export function deliveryWords(chase: Pick<ChaseSummary, "deliveryStatus">): string {
  switch (chase.deliveryStatus) {
    case "SENT":
      return "Sent";
    case "NOT_SENT":
      return "Not sent: e-mail is not set up";
    case "FAILED":
      return "Not delivered: the e-mail could not be sent";
  }
}
