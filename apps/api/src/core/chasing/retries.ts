// An automatic reminder whose e-mail failed (the mail server was down, say) is tried again by
// later runs of the reminder job: 3 attempts in all, the 2nd at least 10 minutes after the 1st,
// the 3rd at least an hour after the 2nd. The e-mail sent again is the chase as recorded: the
// same reminder, not a new one. It stays failed, untried, once the quarter is no longer open for
// the organisation, the organisation has nothing outstanding, or a newer chase has gone to it.
// Chases sent by hand are never retried: the manager sees the failure and chooses what to do.
import { mayRemind } from "@quarterly-returns/shared";
import type { ChaseModel as Chase } from "@quarterly-returns/db";
import { transaction, type Context } from "../context.ts";
import { findQuarter, openReopenings, toQuarterSummary } from "../quarters/summary.ts";
import { deliver } from "./chases.ts";
import { getCompleteness } from "./completeness.ts";

export const MAX_ATTEMPTS = 3;
const MINUTE = 60_000;
/** How long after the nth attempt (index n - 1) the next one may go. */
export const RETRY_AFTER_MS = [10 * MINUTE, 60 * MINUTE] as const;

/** Tries again each failed automatic reminder whose wait is over. Run with the reminder job. */
export async function retryFailedReminders(context: Context): Promise<void> {
  if (!context.mailer.configured) return;
  const now = context.now().getTime();
  const due = await context.db.chase.findMany({
    where: {
      reminderId: { not: null },
      deliveryStatus: "FAILED",
      // Quarters open, whole or in part: a signed-off quarter's failures are never looked at again.
      quarter: { OR: [{ status: "OPEN" }, { reopenings: { some: openReopenings } }] },
      OR: RETRY_AFTER_MS.map((wait, index) => ({ attempts: index + 1, sentAt: { lte: new Date(now - wait) } })),
    },
    orderBy: { id: "asc" },
  });
  for (const quarterId of new Set(due.map((chase) => chase.quarterId))) {
    const quarter = toQuarterSummary(await findQuarter(context.db, quarterId));
    const open = due.filter((chase) => chase.quarterId === quarterId && mayRemind(quarter, chase.organisationId));
    if (!open.length) continue;
    const completeness = await getCompleteness(context, quarterId);
    for (const chase of open) {
      const entry = completeness.organisations.find((candidate) => candidate.organisation.id === chase.organisationId);
      if (!entry || entry.outstanding === 0 || entry.lastChase?.id !== chase.id) continue;
      await retry(context, chase);
    }
  }
}

/**
 * Claims the next attempt in one UPDATE that only the first server to get there wins (the attempt
 * it read is still the latest, and the e-mail still failed), then sends and records it.
 */
async function retry(context: Context, chase: Chase): Promise<void> {
  const claimed = await context.db.chase.updateMany({
    where: { id: chase.id, attempts: chase.attempts, deliveryStatus: "FAILED" },
    data: { attempts: { increment: 1 }, sentAt: context.now() },
  });
  if (claimed.count === 0) return;
  const delivery = await deliver(context, chase);
  await transaction(context, async (tx) => {
    await tx.db.chase.update({ where: { id: chase.id }, data: delivery });
    await tx.audit({
      action: "chase.retry",
      entityType: "chase",
      entityId: chase.id,
      quarterId: chase.quarterId,
      organisationId: chase.organisationId,
      after: { attempt: chase.attempts + 1, recipient: chase.recipient, ...(chase.copyTo ? { copyTo: chase.copyTo } : {}), subject: chase.subject, ...delivery },
    });
  });
}
