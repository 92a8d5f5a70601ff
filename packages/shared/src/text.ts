// What text the app takes, defined once for every schema that takes text, so the browser and the
// API refuse the same characters with the same words. Each character must be one the database can
// store and a reader can see: no control characters (PostgreSQL cannot store a NUL at all), no
// half of an emoji on its own. A name — a person's, an organisation's, a priority's or indicator's
// title, a field's label — is one line, and may not hold the invisible characters that reverse
// the direction of the text around them (used to make a name read as something else).
import { z } from "./zod.ts";

/** Text that may run over several lines (commentary, a query and its answer): tabs and line breaks are allowed. */
export type Lines = "multi-line" | "one-line";

// C0 controls but tab, line feed and carriage return; DEL; C1 controls.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const TAB = /\t/;
const LINE_BREAK = /[\n\r\u2028\u2029]/;
// Bidirectional embeddings, overrides and isolates.
const DIRECTION = /[\u202A-\u202E\u2066-\u2069]/;
// Half of a surrogate pair: the database would get a replacement character instead.
const LONE_SURROGATE = /\p{Cs}/u;

/** What is wrong with the text, in words that name it ("Commentary contains …"); null when nothing is. */
export function textProblem(value: string, label: string, lines: Lines): string | null {
  if (lines === "one-line" && LINE_BREAK.test(value)) return `${label} must be on one line: remove the line break`;
  if (CONTROL.test(value) || LONE_SURROGATE.test(value) || (lines === "one-line" && TAB.test(value))) {
    return `${label} contains a character that cannot be stored: remove it or retype the text`;
  }
  if (lines === "one-line" && DIRECTION.test(value)) {
    return `${label} contains a hidden character that changes the direction of the text: remove it or retype the text`;
  }
  return null;
}

const textCheck = (label: string, lines: Lines) =>
  z.refine<string>((value) => textProblem(value, label, lines) === null, { error: (issue) => textProblem(issue.input as string, label, lines) ?? undefined });

/** The check of a name or any other one-line text, as a zod check: `z.string().check(z.trim(), oneLine("Name"))`. */
export const oneLine = (label: string) => textCheck(label, "one-line");

/** The check of text that may run over several lines, as a zod check. */
export const multiLine = (label: string) => textCheck(label, "multi-line");

/**
 * Why an admin did something that takes effect at once (deactivating an account, retiring an
 * indicator): their words, kept in the audit log. The service says when one is required.
 */
export const optionalReason = z.optional(
  z.pipe(
    z.string().check(z.trim(), z.maxLength(1000, { error: "Keep the reason to 1000 characters or fewer" }), multiLine("The reason")),
    z.transform((value) => value || undefined),
  ),
);
