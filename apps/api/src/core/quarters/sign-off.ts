// Signing off a quarter: missing and draft returns become "No data provided" (through the one
// write path for returns), then the quarter is locked (the database refuses any change to its
// returns and their queries until it is reopened).
import { verifyPassword } from "@quarterly-returns/db";
import type { OutstandingReturn, QuarterSummary, SignOffSummary } from "@quarterly-returns/shared";
import { authorize, personOf, refuse } from "../access.ts";
import { transaction, type Context } from "../context.ts";
import { ServiceError } from "../errors.ts";
import { reportedIn } from "../framework/reported.ts";
import { indicatorInclude } from "../returns/mapping.ts";
import { confirmedOutliersOf } from "../returns/outliers.ts";
import { recordReturn } from "../returns/record-return.ts";
import { findQuarter, quarterSummaryInclude, toQuarterSummary, type QuarterRow } from "./summary.ts";

/** The quarter's returns as they stand, and the outstanding ones sign-off would record as not provided. */
async function summarise(context: Context, quarter: QuarterRow) {
  const indicators = await context.db.indicator.findMany({
    where: { priority: { yearId: quarter.yearId }, ...reportedIn(quarter) },
    include: { ...indicatorInclude, returns: { where: { quarterId: quarter.id } } },
    orderBy: [{ priority: { sortOrder: "asc" } }, { sortOrder: "asc" }],
  });
  const noData: Record<string, number> = {};
  const notProvided: (OutstandingReturn & { indicator: (typeof indicators)[number]; version: number })[] = [];
  let submitted = 0;
  for (const indicator of indicators) {
    const found = indicator.returns[0];
    if (found?.status === "SUBMITTED") submitted++;
    else if (found?.status === "NO_DATA") noData[found.noDataReason!] = (noData[found.noDataReason!] ?? 0) + 1;
    else {
      notProvided.push({
        indicatorId: indicator.id,
        ref: indicator.ref,
        title: indicator.title,
        organisation: indicator.ownerOrganisation,
        state: found ? "Draft" : "Not started",
        indicator,
        version: found?.version ?? 0,
      });
    }
  }
  return { quarter: toQuarterSummary(quarter), submitted, noData, notProvided, outliers: await confirmedOutliersOf(context.db, quarter) };
}

const withoutRows = (summary: Awaited<ReturnType<typeof summarise>>, quarter: QuarterSummary = summary.quarter): SignOffSummary => ({
  ...summary,
  quarter,
  notProvided: summary.notProvided.map(({ indicator: _indicator, version: _version, ...outstanding }) => outstanding),
});

export async function previewSignOff(context: Context, quarterId: number): Promise<SignOffSummary> {
  await authorize(context, "manageQuarters");
  const summary = await summarise(context, await findQuarter(context.db, quarterId));
  if (summary.quarter.status !== "OPEN") throw new ServiceError(409, `${summary.quarter.name} is not open, so it cannot be signed off.`);
  return withoutRows(summary);
}

/** Signs the quarter off. The admin's password is the e-signature. */
export async function signOff(context: Context, quarterId: number, password: string): Promise<SignOffSummary> {
  await authorize(context, "manageQuarters");
  const admin = await context.db.user.findUniqueOrThrow({ where: { id: personOf(context).id } });
  if (!(await verifyPassword(admin.passwordHash, password))) {
    await refuse(context, 403, "That is not your password. The quarter has not been signed off.", { quarterId, reason: "sign-off password" });
  }

  return transaction(
    context,
    async (tx) => {
      // Saves read the quarter FOR SHARE in the lock trigger; this waits for those in flight and holds off new ones.
      await tx.db.$queryRaw`SELECT id FROM quarters WHERE id = ${quarterId} FOR UPDATE`;
      const quarter = await findQuarter(tx.db, quarterId);
      const summary = await summarise(tx, quarter);
      if (quarter.status === "CLOSED") throw new ServiceError(409, `${summary.quarter.name} is already signed off.`);
      if (quarter.status !== "OPEN") throw new ServiceError(409, `${summary.quarter.name} is not open, so it cannot be signed off.`);

      for (const outstanding of summary.notProvided) {
        await recordReturn(tx, {
          indicator: outstanding.indicator,
          quarter,
          body: { version: outstanding.version, status: "NO_DATA", noData: { reason: "NOT_PROVIDED" } },
          action: "return.not-provided-at-sign-off",
        });
      }
      const now = tx.now();
      const closed = await tx.db.quarter.update({
        where: { id: quarterId },
        data: { status: "CLOSED", signedOffById: admin.id, signedOffAt: now },
        include: quarterSummaryInclude,
      });
      await tx.audit({
        action: "quarter.close",
        entityType: "quarter",
        entityId: quarterId,
        quarterId,
        before: { status: "OPEN" },
        after: {
          status: "CLOSED",
          submitted: summary.submitted,
          noData: summary.noData,
          recordedNotProvided: summary.notProvided.map((outstanding) => outstanding.ref ?? outstanding.title),
        },
      });
      return withoutRows(summary, toQuarterSummary(closed));
    },
    { timeout: 30_000 },
  );
}

export async function reopen(context: Context, quarterId: number, reason: string): Promise<QuarterSummary> {
  await authorize(context, "manageQuarters");
  const person = personOf(context);
  return transaction(context, async (tx) => {
    const quarter = await findQuarter(tx.db, quarterId);
    if (quarter.status !== "CLOSED") throw new ServiceError(409, `${toQuarterSummary(quarter).name} is not signed off, so it cannot be reopened.`);
    const updated = await tx.db.quarter.update({
      where: { id: quarterId },
      data: { status: "OPEN", signedOffById: null, signedOffAt: null, reopenedById: person.id, reopenedAt: tx.now(), reopenReason: reason },
      include: quarterSummaryInclude,
    });
    await tx.audit({
      action: "quarter.reopen",
      entityType: "quarter",
      entityId: quarterId,
      quarterId,
      before: { status: "CLOSED", signedOffAt: quarter.signedOffAt?.toISOString() ?? null, signedOffBy: quarter.signedOffBy?.name ?? null },
      after: { status: "OPEN", reason },
    });
    return toQuarterSummary(updated);
  });
}
