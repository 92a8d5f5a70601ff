// Chasing: a reminder to an organisation's contact listing exactly its outstanding returns, sent
// by email when a mail server is configured, and always recorded.
import type { Prisma, PrismaClient } from "@quarterly-returns/db";
import {
  describeState,
  type ChaseItem,
  type ChasePreview,
  type ChaseRecord,
  type Completeness,
  type OrganisationCompleteness,
  type SendChase,
} from "@quarterly-returns/shared";
import type { FastifyRequest } from "fastify";
import { audit } from "../../lib/audit.ts";
import { HttpError } from "../../lib/http-error.ts";
import type { Mailer } from "../../lib/mailer.ts";
import { getCompleteness, toChaseSummary } from "./completeness.ts";
import { composeChase } from "./message.ts";

const RECENT_MS = 24 * 60 * 60 * 1000;
export const NOT_SENT = "not sent: no mail server configured";

interface Context {
  prisma: PrismaClient;
  mailer: Mailer;
  appUrl: string;
  request: FastifyRequest;
}

/** The outstanding returns a chase lists, each with its state in words. */
function outstandingItems(entry: OrganisationCompleteness): ChaseItem[] {
  return entry.cells
    .filter((cell) => cell.state === "OUTSTANDING" || cell.state === "EXPECTED")
    .map((cell) => {
      const record = cell.status ? { status: cell.status, noData: cell.noDataReason ? { reason: cell.noDataReason, availableFrom: cell.availableFrom, explanation: null } : null } : null;
      const state = describeState(record);
      return { indicatorId: cell.indicator.id, ref: cell.indicator.ref, title: cell.indicator.title, state: cell.late && cell.availableFrom ? `${state}, now overdue` : state };
    });
}

function preview(completeness: Completeness, entry: OrganisationCompleteness, context: Context, now: Date): ChasePreview {
  const items = outstandingItems(entry);
  const { subject, body } = composeChase({
    quarter: completeness.quarter,
    organisation: entry.organisation,
    items,
    sender: context.request.caller!,
    appUrl: context.appUrl,
    today: completeness.today,
  });
  const recentlyChased = entry.lastChase !== null && now.getTime() - Date.parse(entry.lastChase.sentAt) < RECENT_MS;
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
  now = new Date(),
): Promise<ChasePreview[]> {
  const completeness = await getCompleteness(context.prisma, target.quarterId, context.mailer.configured, now);
  const entries = completeness.organisations.filter((entry) =>
    target.organisationId ? entry.organisation.id === target.organisationId : target.scope === "outstanding" ? entry.outstanding > 0 : entry.overdue > 0,
  );
  if (target.organisationId && entries.length === 0) throw new HttpError(404, "That organisation has no indicators in this quarter.");
  return entries.map((entry) => preview(completeness, entry, context, now));
}

export async function sendChase(context: Context, input: SendChase, now = new Date()): Promise<ChaseRecord> {
  const { prisma, mailer, request } = context;
  const quarter = await prisma.quarter.findUnique({ where: { id: input.quarterId } });
  if (!quarter) throw new HttpError(404, "There is no such quarter.");
  if (quarter.status !== "OPEN") throw new HttpError(409, "This quarter is not open: there is nothing to chase.");
  const [message] = await previewChases(context, { quarterId: input.quarterId, organisationId: input.organisationId }, now);
  const { organisation } = message!;
  if (message!.skipped === "NOTHING_OUTSTANDING") throw new HttpError(409, `${organisation.name} has nothing outstanding for this quarter.`);
  if (message!.skipped === "NO_CONTACT") throw new HttpError(409, `${organisation.name} has no contact email address: add one under Organisations.`);
  if (message!.skipped === "RECENTLY_CHASED" && !input.insist) {
    throw new HttpError(409, `${organisation.name} was chased in the last 24 hours. Send again only if you are sure.`, { code: "RECENTLY_CHASED" });
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
      request.log.warn({ err: error }, "chase email failed");
      delivery = { deliveryStatus: "FAILED", deliveryError: (error as Error).message.slice(0, 500) };
    }
  }

  // Recorded whatever became of the email: a chase is never silently dropped.
  return prisma.$transaction(async (tx) => {
    const chase = await tx.chase.create({
      data: {
        quarterId: input.quarterId,
        organisationId: organisation.id,
        sentById: request.caller!.id,
        sentAt: now,
        recipient,
        subject,
        body,
        ...delivery,
        items: { create: message!.items.map((item) => ({ indicatorId: item.indicatorId, state: item.state })) },
      },
      include: chaseInclude,
    });
    await audit(tx, request, {
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

export async function listChases(prisma: PrismaClient, filter: { quarterId: number; organisationId?: number | undefined }): Promise<ChaseRecord[]> {
  const chases = await prisma.chase.findMany({
    where: { quarterId: filter.quarterId, ...(filter.organisationId ? { organisationId: filter.organisationId } : {}) },
    include: chaseInclude,
    orderBy: { sentAt: "desc" },
  });
  return chases.map(toChaseRecord);
}
