// Chasing: a reminder to an organisation's data owners listing exactly its outstanding returns,
// sent by email when a mail server is configured, and always recorded. The manager sends one by
// hand; the reminder schedule (reminders.ts) sends the same message by itself.
import type { Prisma } from "@quarterly-returns/db";
import {
  isOutstanding,
  mayRemind,
  type ChaseItem,
  type ChasePreview,
  type ChaseRecord,
  type Completeness,
  type OrganisationCompleteness,
  type SendChase,
} from "@quarterly-returns/shared";
import { describeProgress } from "@quarterly-returns/shared/progress-words";
import { authorize, personOf } from "../access.ts";
import { transaction, type Context } from "../context.ts";
import { ServiceError } from "../errors.ts";
import { findQuarter, toQuarterSummary } from "../quarters/summary.ts";
import { getCompleteness, toChaseSummary } from "./completeness.ts";
import { composeChase } from "./message.ts";
import { chaseRecipients, dataOwnersOf, greeting, type Addressee } from "./recipients.ts";

const RECENT_MS = 24 * 60 * 60 * 1000;
export const NOT_SENT = "not sent: no mail server configured";

/** The outstanding returns a chase lists, each in the completeness screen's words. */
function outstandingItems(entry: OrganisationCompleteness): ChaseItem[] {
  return entry.cells
    .filter((cell) => isOutstanding(cell.progress))
    .map((cell) => ({
      indicatorId: cell.indicator.id,
      ref: cell.indicator.ref,
      title: cell.indicator.title,
      state: cell.progress.overdue ? `${describeProgress(cell)}, overdue` : describeProgress(cell),
    }));
}

/** The chase an organisation would get: from a person, or automatically (sender null). */
export function composeFor(
  completeness: Completeness,
  entry: OrganisationCompleteness,
  dataOwners: Addressee[],
  sender: { name: string } | null,
  context: Context,
): ChasePreview {
  const items = outstandingItems(entry);
  const recipients = chaseRecipients(entry.organisation, dataOwners, entry.overdue > 0);
  const { subject, body } = composeChase({
    quarter: completeness.quarter,
    organisation: entry.organisation,
    greeting: greeting(recipients.to),
    items,
    sender,
    appUrl: context.appUrl,
    today: completeness.today,
  });
  const recentlyChased = entry.lastChase !== null && context.now().getTime() - Date.parse(entry.lastChase.sentAt) < RECENT_MS;
  return {
    organisation: { id: entry.organisation.id, name: entry.organisation.name, shortName: entry.organisation.shortName },
    recipient: recipients.to.length ? recipients.to.map((addressee) => addressee.email).join(", ") : null,
    copyTo: recipients.copyTo,
    subject,
    body,
    items,
    skipped: items.length === 0 ? "NOTHING_OUTSTANDING" : recipients.to.length === 0 ? "NO_CONTACT" : recentlyChased ? "RECENTLY_CHASED" : null,
    lastChase: entry.lastChase,
  };
}

/** The reminders that would go: to one organisation, or to every one with overdue (or outstanding) returns. */
export async function previewChases(
  context: Context,
  target: { quarterId: number; organisationId?: number | undefined; scope?: "overdue" | "outstanding" | undefined },
): Promise<ChasePreview[]> {
  await authorize(context, "chase");
  const completeness = await getCompleteness(context, target.quarterId);
  const entries = completeness.organisations.filter((entry) =>
    target.organisationId ? entry.organisation.id === target.organisationId : target.scope === "outstanding" ? entry.outstanding > 0 : entry.overdue > 0,
  );
  if (target.organisationId && entries.length === 0) throw new ServiceError(404, "That organisation has no indicators in this quarter.");
  const owners = await dataOwnersOf(context.db, entries.map((entry) => entry.organisation.id));
  return entries.map((entry) => composeFor(completeness, entry, owners.get(entry.organisation.id) ?? [], personOf(context), context));
}

export async function sendChase(context: Context, input: SendChase): Promise<ChaseRecord> {
  await authorize(context, "chase");
  const sender = personOf(context);
  const quarter = toQuarterSummary(await findQuarter(context.db, input.quarterId));
  if (!mayRemind(quarter, input.organisationId)) throw new ServiceError(409, `${quarter.name} is not open: there is nothing to chase.`);
  const [message] = await previewChases(context, { quarterId: input.quarterId, organisationId: input.organisationId });
  const { organisation } = message!;
  if (message!.skipped === "NOTHING_OUTSTANDING") throw new ServiceError(409, `${organisation.name} has nothing outstanding for this quarter.`);
  if (message!.skipped === "NO_CONTACT") {
    throw new ServiceError(409, `${organisation.name} has no data owners and no contact email address: add a data owner under Users, or a contact under Organisations.`);
  }
  if (message!.skipped === "RECENTLY_CHASED" && !input.insist) {
    throw new ServiceError(409, `${organisation.name} was chased in the last 24 hours. Send again only if you are sure.`, { code: "RECENTLY_CHASED" });
  }

  return recordChase(context, {
    quarterId: input.quarterId,
    message: { ...message!, subject: input.subject ?? message!.subject, body: input.body ?? message!.body },
    sentById: sender.id,
    reminderId: null,
  });
}

/** Sends a chase's e-mail: what became of it, to record; a failure is recorded, never thrown. */
export async function deliver(
  context: Context,
  chase: { recipient: string; copyTo: string | null; subject: string; body: string },
): Promise<{ deliveryStatus: "SENT" | "FAILED"; deliveryError: string | null }> {
  try {
    await context.mailer.send({ to: chase.recipient, ...(chase.copyTo ? { cc: chase.copyTo } : {}), subject: chase.subject, text: chase.body });
    return { deliveryStatus: "SENT", deliveryError: null };
  } catch (error) {
    context.log.warn({ err: error }, "chase email failed");
    return { deliveryStatus: "FAILED", deliveryError: (error as Error).message.slice(0, 500) };
  }
}

/**
 * E-mails a composed chase (when a mail server is configured) and records it with its delivery,
 * whatever became of the e-mail: a chase is never silently dropped.
 */
export async function recordChase(
  context: Context,
  chase: { quarterId: number; message: ChasePreview; sentById: number | null; reminderId: number | null },
): Promise<ChaseRecord> {
  const { organisation, subject, body, items, copyTo } = chase.message;
  const recipient = chase.message.recipient!;
  const delivery = context.mailer.configured
    ? await deliver(context, { recipient, copyTo: copyTo ?? null, subject, body })
    : { deliveryStatus: "NOT_SENT" as const, deliveryError: NOT_SENT };

  return transaction(context, async (tx) => {
    const record = await tx.db.chase.create({
      data: {
        quarterId: chase.quarterId,
        organisationId: organisation.id,
        sentById: chase.sentById,
        reminderId: chase.reminderId,
        sentAt: tx.now(),
        recipient,
        copyTo,
        subject,
        body,
        ...delivery,
        items: { create: items.map((item) => ({ indicatorId: item.indicatorId, state: item.state })) },
      },
      include: chaseInclude,
    });
    await tx.audit({
      action: "chase.send",
      entityType: "chase",
      entityId: record.id,
      quarterId: chase.quarterId,
      organisationId: organisation.id,
      after: { recipient, ...(copyTo ? { copyTo } : {}), subject, items: items.map((item) => item.ref ?? item.title), ...delivery },
    });
    return toChaseRecord(record);
  });
}

const chaseInclude = {
  sentBy: { select: { id: true, name: true } },
  organisation: { select: { id: true, name: true, shortName: true } },
  items: { include: { indicator: { select: { ref: true, title: true } } } },
} as const satisfies Prisma.ChaseInclude;

function toChaseRecord(chase: Prisma.ChaseGetPayload<{ include: typeof chaseInclude }>): ChaseRecord {
  return {
    ...toChaseSummary(chase)!,
    quarterId: chase.quarterId,
    organisation: chase.organisation,
    subject: chase.subject,
    body: chase.body,
    items: chase.items.map((item) => ({ indicatorId: item.indicatorId, ref: item.indicator.ref, title: item.indicator.title, state: item.state })),
  };
}

export async function listChases(context: Context, filter: { quarterId: number; organisationId?: number | undefined }): Promise<ChaseRecord[]> {
  await authorize(context, "chase");
  const chases = await context.db.chase.findMany({
    where: { quarterId: filter.quarterId, ...(filter.organisationId ? { organisationId: filter.organisationId } : {}) },
    include: chaseInclude,
    orderBy: { sentAt: "desc" },
  });
  return chases.map(toChaseRecord);
}
