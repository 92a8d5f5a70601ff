// Every kind of event the audit log records, with the words people read for it. The server can
// only write these (a typo is a type error; apps/api/test/audit-labels.test.ts also reads the
// database's own triggers), and the audit log and the return page show the words, never the codes.

export const AUDIT_ACTIONS = {
  "auth.login": "Signed in",
  "auth.login-failed": "Sign-in failed",
  "auth.login-refused": "Sign-in refused: account deactivated",
  "auth.login-throttled": "Sign-in slowed down after failed attempts",
  "auth.logout": "Signed out",
  "auth.password-change": "Changed their password",
  "auth.password-change-refused": "Password change refused",
  "auth.second-factor-enabled": "Set up their authenticator app",
  "auth.password-reset-sent": "Sent a link to reset their password",
  "auth.password-reset-not-sent": "Password reset link not sent",
  "auth.password-reset": "Chose a new password with a reset link",
  "auth.password-reset-refused": "Password reset link refused",
  "auth.sso-refused": "Single sign-on refused",
  "access.refused": "Refused access",
  "user.create": "Added a user",
  "user.update": "Changed a user",
  "user.deactivate": "Deactivated a user",
  "user.reactivate": "Reactivated a user",
  "user.reset-password": "Reset a user's password",
  "user.reset-second-factor": "Reset a user's second factor",
  "organisation.create": "Added an organisation",
  "organisation.update": "Changed an organisation",
  "year.create": "Started a year",
  "quarter.open": "Opened a quarter for returns",
  "quarter.update": "Changed a quarter's due date",
  "quarter.close": "Signed off a quarter",
  "quarter.reopen": "Reopened a quarter",
  "quarter.changed-outside-app": "Changed a quarter's sign-off outside the application",
  "framework.priority-create": "Added a priority",
  "framework.priority-update": "Changed a priority",
  "framework.priority-delete": "Deleted a priority",
  "framework.indicator-create": "Added an indicator",
  "framework.indicator-update": "Changed an indicator",
  "framework.indicator-retire": "Retired an indicator",
  "framework.indicator-delete": "Deleted an indicator",
  "return.save-draft": "Draft saved",
  "return.submit": "Submitted",
  "return.record-no-data": "No data recorded",
  "return.record-not-provided": "“No data provided” recorded",
  "return.not-provided-at-sign-off": "Recorded as not provided at sign-off",
  "return.reopen": "Outstanding again after reopening",
  "return.import": "Imported from a report",
  "query.raise": "Raised a query",
  "query.answer": "Answered a query",
  "query.close": "Closed a query",
  "query.email": "E-mail about a query",
  "chase.send": "Sent a reminder",
  "chase.retry": "Tried a failed reminder e-mail again",
  "reminders.schedule": "Changed the reminder days",
  "report.import": "Imported a report",
  "settings.update": "Changed the partnership's name",
  "sso.provider-add": "Added a single sign-on provider",
  "sso.provider-change": "Changed a single sign-on provider",
  "sso.provider-remove": "Removed a single sign-on provider",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** Sign-ins, sign-outs and password changes: most of the log, so hidden unless asked for. */
export const SIGN_IN_ACTION_PREFIX = "auth.";
export const isSignInAction = (action: string) => action.startsWith(SIGN_IN_ACTION_PREFIX);

/** The action in words. Every action written has its words; one no version wrote is only "Other event", never a code. */
export const auditActionLabel = (action: string): string => (AUDIT_ACTIONS as Record<string, string>)[action] ?? "Other event";

/**
 * The repeats of a refusal: the API writes a person's first refusal for a reason at once, then
 * one event for all the same refusals in the minute after it, with how many and over what time.
 */
export interface RepeatedRefusal {
  repeated: number;
  /** ISO times of the first and the last repeat. */
  from: string;
  to: string;
}

function repeatedRefusalOf(after: unknown): RepeatedRefusal | null {
  if (!after || typeof after !== "object") return null;
  const { repeated, from, to } = after as Partial<Record<keyof RepeatedRefusal, unknown>>;
  return typeof repeated === "number" && typeof from === "string" && typeof to === "string" ? { repeated, from, to } : null;
}

const timeOfDay = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** What the event was, in words: "Refused access", or "Refused access 199 more times between 10:42:01 and 10:42:58". */
export function auditEventLabel(event: { action: string; after: unknown }): string {
  const label = auditActionLabel(event.action);
  const repeats = event.action === "access.refused" ? repeatedRefusalOf(event.after) : null;
  if (!repeats) return label;
  const times = repeats.repeated === 1 ? "1 more time" : `${repeats.repeated.toLocaleString("en-GB")} more times`;
  return repeats.from === repeats.to ? `${label} ${times} at ${timeOfDay(repeats.from)}` : `${label} ${times} between ${timeOfDay(repeats.from)} and ${timeOfDay(repeats.to)}`;
}
