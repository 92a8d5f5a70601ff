// The e-mails a query sends: to the owning organisation's data owners when it is raised, to the
// manager who raised it when it is answered. Sent once the query is committed, so a mail server
// that is down or missing never loses a query; what became of each e-mail is in the audit log.
import type { Prisma } from "@quarterly-returns/db";
import type { Context } from "../context.ts";

export interface QueryMail {
  queryId: number;
  quarterId: number;
  indicatorId: number;
  organisationId: number;
  /** Who it goes to; empty when there is nobody to tell. */
  to: string[];
  /** Why nobody, in words, when `to` is empty. */
  nobody: string;
  subject: string;
  text: string;
}

export type QueryMailDelivery = { delivery: "SENT" } | { delivery: "NOT_SENT" | "FAILED"; problem: string };

export const EMAIL_NOT_SET_UP = "e-mail is not set up";

interface About {
  quarterName: string;
  indicator: { id: number; ref: string | null; title: string };
  quarterId: number;
  fieldLabel: string | null;
  appUrl: string;
}

const named = (indicator: About["indicator"]) => `${indicator.ref ? `${indicator.ref} ` : ""}${indicator.title}`;
const link = (about: About) => `${about.appUrl}/returns/${about.indicator.id}/${about.quarterId}`;
const quoted = (text: string) => text.split("\n").map((line) => `> ${line}`).join("\n");

/** To the data owners: a question on their return, and where to answer it. */
export function composeQueryRaised(about: About, query: { text: string; raisedBy: string }): { subject: string; text: string } {
  const what = about.fieldLabel ? `the “${about.fieldLabel}” figure in your` : "your";
  return {
    subject: `Query on your ${about.quarterName} return: ${named(about.indicator)}`,
    text: [
      "Hello,",
      "",
      `${query.raisedBy} has a question about ${what} ${about.quarterName} return for ${named(about.indicator)}:`,
      "",
      quoted(query.text),
      "",
      "Please answer it on the return (you can change the figures there too):",
      link(about),
      "",
      "Thank you,",
      query.raisedBy,
    ].join("\n"),
  };
}

/** To the manager who asked: the owner's answer, and where to close the query. */
export function composeQueryAnswered(about: About, query: { text: string; response: string; raisedBy: string; answeredBy: string; organisation: string }): { subject: string; text: string } {
  return {
    subject: `Answer to your query on ${named(about.indicator)}, ${about.quarterName}`,
    text: [
      `Dear ${query.raisedBy},`,
      "",
      `${query.answeredBy} (${query.organisation}) has answered your query on the ${about.quarterName} return for ${named(about.indicator)}.`,
      "",
      "You asked:",
      quoted(query.text),
      "",
      "Their answer:",
      quoted(query.response),
      "",
      "See the return, and close the query if it is resolved:",
      link(about),
    ].join("\n"),
  };
}

/**
 * Sends the e-mail of a committed query and records in the audit log what became of it. It never
 * throws: the query is saved whatever happens to its e-mail.
 */
export async function sendQueryMail(context: Context, mail: QueryMail): Promise<QueryMailDelivery> {
  const outcome = await deliver(context, mail);
  try {
    await context.audit({
      action: "query.email",
      entityType: "query",
      entityId: mail.queryId,
      quarterId: mail.quarterId,
      indicatorId: mail.indicatorId,
      organisationId: mail.organisationId,
      after: { to: mail.to, subject: mail.subject, ...outcome } as Prisma.InputJsonValue,
    });
  } catch (error) {
    context.log.warn({ err: error, queryId: mail.queryId, ...outcome }, "the query's e-mail could not be recorded in the audit log");
  }
  return outcome;
}

async function deliver(context: Context, mail: QueryMail): Promise<QueryMailDelivery> {
  if (mail.to.length === 0) return { delivery: "NOT_SENT", problem: mail.nobody };
  if (!context.mailer.configured) return { delivery: "NOT_SENT", problem: EMAIL_NOT_SET_UP };
  try {
    await context.mailer.send({ to: mail.to.join(", "), subject: mail.subject, text: mail.text });
    return { delivery: "SENT" };
  } catch (error) {
    context.log.warn({ err: error, queryId: mail.queryId }, "query e-mail failed");
    return { delivery: "FAILED", problem: (error as Error).message.slice(0, 500) };
  }
}
