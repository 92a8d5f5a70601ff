// Chasing: a reminder to an organisation's contact listing exactly its outstanding returns, sent
// by email when a mail server is configured, and always recorded.
import type { Prisma } from "@quarterly-returns/db";
import {
  describeState,
  isOutstanding,
  type ChaseItem,
  type ChasePreview,
  type ChaseRecord,
  type Completeness,
  type OrganisationCompleteness,
  type SendChase,
} from "@quarterly-returns/shared";
import { authorize, personOf } from "../access.ts";
import { transaction, type Context } from "../context.ts";
import { ServiceError } from "../errors.ts";
import { getCompleteness, toChaseSummary } from "./completeness.ts";
import { composeChase } from "./message.ts";

const RECENT_MS = 24 * 60 * 60 * 1000;
export const NOT_SENT = "not sent: no mail server configured";

/** The outstanding returns a chase lists, each with its state in words. */
function outstandingItems(entry: OrganisationCompleteness): ChaseItem[] {
  return entry.cells
    .filter((cell) => isOutstanding(cell.progress))
    .map((cell) => {
      const record = cell.status ? { status: cell.status, noData: cell.noDataReason ? { reason: cell.noDataReason, availableFrom: cell.progress.expectedOn, explanation: null } : null } : null;
      const state = describeState(record);
      return { indicatorId: cell.indicator.id, ref: cell.indicator.ref, title: cell.indicator.title, state: cell.progress.state === "EXPECTED" && cell.progress.overdue ? `${state}, now overdue` : state };
    });
}

function preview(completeness: Completeness, entry: OrganisationCompleteness, context: Context): ChasePreview {
  const items = outstandingItems(entry);
  const { subject, body } = composeChase({
    quarter: completeness.quarter,
    organisation: entry.organisation,
    items,
    sender: personOf(context),
    appUrl: context.appUrl,
    today: completeness.today,
  });
  const recentlyChased = entry.lastChase !== null && context.now().getTime() - Date.parse(entry.lastChase.sentAt) < RECENT_MS;
  return {
    organisation: { id: entry.organisation.id, name: entry.organisation.name, shortName: entry.organisation.shortName },
    recipient: entry.organisation.contactEmail,
    subject,
    body,
    items,
    skipped: items.length === 0 ? "NOTHING_OUTSTANDING" : !entry.organisation.contactEmail ? "NO_CONTACT" : recentlyChased ? "RECENTLY_CHASED" : null,
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
  return entries.map((entry) => preview(completeness, entry, context));
}

export async function sendChase(context: Context, input: SendChase): Promise<ChaseRecord> {
  await authorize(context, "chase");
  const { db, mailer } = context;
  const sender = personOf(context);
  const quarter = await db.quarter.findUnique({ where: { id: input.quarterId } });
  if (!quarter) throw new ServiceError(404, "There is no such quarter.");
  if (quarter.status !== "OPEN") throw new ServiceError(409, "This quarter is not open: there is nothing to chase.");
  const [message] = await previewChases(context, { quarterId: input.quarterId, organisationId: input.organisationId });
  const { organisation } = message!;
  if (message!.skipped === "NOTHING_OUTSTANDING") throw new ServiceError(409, `${organisation.name} has nothing outstanding for this quarter.`);
  if (message!.skipped === "NO_CONTACT") throw new ServiceError(409, `${organisation.name} has no contact email address: add one under Organisations.`);
  if (message!.skipped === "RECENTLY_CHASED" && !input.insist) {
    throw new ServiceError(409, `${organisation.name} was chased in the last 24 hours. Send again only if you are sure.`, { code: "RECENTLY_CHASED" });
  }

  const subject = input.subject ?? message!.subject;
  const body = input.body ?? message!.body;
  const recipient = message!.recipient!;
  let delivery: { deliveryStatus: "SENT" | "FAILED" | "NOT_SENT"; deliveryError: string | null };
  if (!mailer.configured) {
    delivery = { deliveryStatus: "NOT_SENT", deliveryError: NOT_SENT };
  } else {
    try {
      await mailer.send({ to: recipient, subject, text: body });
      delivery = { deliveryStatus: "SENT", deliveryError: null };
    } catch (error) {
      context.log.warn({ err: error }, "chase email failed");
      delivery = { deliveryStatus: "FAILED", deliveryError: (error as Error).message.slice(0, 500) };
    }
  }

  // Recorded whatever became of the email: a chase is never silently dropped.
  return transaction(context, async (tx) => {
    const chase = await tx.db.chase.create({
      data: {
        quarterId: input.quarterId,
        organisationId: organisation.id,
        sentById: sender.id,
        sentAt: tx.now(),
        recipient,
        subject,
        body,
        ...delivery,
        items: { create: message!.items.map((item) => ({ indicatorId: item.indicatorId, state: item.state })) },
      },
      include: chaseInclude,
    });
    await tx.audit({
      action: "chase.send",
      entityType: "chase",
      entityId: chase.id,
      quarterId: input.quarterId,
      organisationId: organisation.id,
      after: { recipient, subject, items: message!.items.map((item) => item.ref ?? item.title), ...delivery },
    });
    return toChaseRecord(chase);
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
