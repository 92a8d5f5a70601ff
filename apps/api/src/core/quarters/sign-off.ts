// Signing off a quarter: missing and draft returns become "No data provided" (through the one
// write path for returns, marked as recorded by the sign-off itself), then the quarter is locked
// (the database refuses any change to its returns and their queries until it is reopened).
// Reopening, of the whole quarter or of one organisation's returns or one return, gives those
// automatic records back as the outstanding returns they were; signing off a reopened part locks
// it again.
import type { Prisma } from "@quarterly-returns/db";
import { londonDay, reopeningCovers, type OpenQuerySummary, type OutstandingReturn, type QuarterSummary, type Reopen, type Reopening, type SignOff, type SignOffSummary } from "@quarterly-returns/shared";
import { isoDate } from "../../lib/dates.ts";
import { checkSignOffSignature } from "../auth/sign-off-code.ts";
import { authorize, personOf } from "../access.ts";
import { transaction, type Context } from "../context.ts";
import { ServiceError, invalid } from "../errors.ts";
import { reportedIn } from "../framework/reported.ts";
import { indicatorInclude } from "../returns/mapping.ts";
import { confirmedOutliersOf, unconfirmedOutliersOf } from "../returns/outliers.ts";
import { recordReturn, restoreOutstanding } from "../returns/record-return.ts";
import { isWritable } from "./lock.ts";
import { findQuarter, openReopenings, quarterSummaryInclude, reopeningInclude, toQuarterSummary, toReopening, type QuarterRow } from "./summary.ts";

const DAY = 86_400_000;

/**
 * The returns sign-off would lock as they stand, and the outstanding ones it would record as not
 * provided: the whole quarter's, or in a signed-off quarter only its reopened parts'.
 */
async function summarise(context: Context, quarter: QuarterRow) {
  const summary = toQuarterSummary(quarter);
  const all = await context.db.indicator.findMany({
    where: { priority: { yearId: quarter.yearId }, ...reportedIn(quarter) },
    include: { ...indicatorInclude, returns: { where: { quarterId: quarter.id } } },
    orderBy: [{ priority: { sortOrder: "asc" } }, { sortOrder: "asc" }],
  });
  const indicators = all.filter((indicator) => isWritable(quarter, indicator));
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
        state: found ? "Draft" : "Missing",
        indicator,
        version: found?.version ?? 0,
      });
    }
  }
  const today = londonDay(context.now());
  return {
    quarter: summary,
    parts: summary.partlyReopened,
    daysBeforeDue: Math.round((Date.parse(isoDate(quarter.dueDate)) - Date.parse(today)) / DAY),
    submitted,
    noData,
    notProvided,
    outliers: (await confirmedOutliersOf(context.db, quarter)).filter((outlier) => indicators.some((indicator) => indicator.id === outlier.indicator.id)),
    unconfirmedOutliers: await unconfirmedOutliersOf(context.db, quarter, indicators),
    openQueries: await openQueriesOf(context, quarter.id, indicators.map((indicator) => indicator.id)),
  };
}

/** The queries on these returns not yet closed, in the framework's order. */
async function openQueriesOf(context: Context, quarterId: number, indicatorIds: number[]): Promise<OpenQuerySummary[]> {
  const queries = await context.db.returnQuery.findMany({
    where: { status: { not: "CLOSED" }, return: { quarterId, indicatorId: { in: indicatorIds } } },
    include: {
      raisedBy: { select: { id: true, name: true } },
      return: { select: { indicator: { include: { ownerOrganisation: { select: { id: true, name: true, shortName: true } }, fields: { select: { key: true, label: true } } } } } },
    },
    orderBy: { raisedAt: "asc" },
  });
  const order = new Map(indicatorIds.map((id, index) => [id, index]));
  return queries
    .sort((a, b) => order.get(a.return.indicator.id)! - order.get(b.return.indicator.id)!)
    .map(({ id, fieldKey, text, raisedBy, raisedAt, status, return: { indicator } }) => ({
      id,
      indicatorId: indicator.id,
      ref: indicator.ref,
      title: indicator.title,
      organisation: indicator.ownerOrganisation,
      field: fieldKey ? (indicator.fields.find((field) => field.key === fieldKey)?.label ?? fieldKey) : null,
      text,
      raisedBy,
      raisedAt: raisedAt.toISOString(),
      answered: status === "ANSWERED",
    }));
}

const withoutRows = (summary: Awaited<ReturnType<typeof summarise>>, quarter: QuarterSummary = summary.quarter): SignOffSummary => ({
  ...summary,
  quarter,
  notProvided: summary.notProvided.map(({ indicator: _indicator, version: _version, ...outstanding }) => outstanding),
});

/** 409 unless the quarter is open, or signed off with parts of it reopened. */
function assertSignable(quarter: QuarterRow): void {
  const { name, partlyReopened } = toQuarterSummary(quarter);
  if (quarter.status === "CLOSED" && partlyReopened.length === 0) throw new ServiceError(409, `${name} is already signed off.`);
  if (quarter.status === "PLANNED") throw new ServiceError(409, `${name} is not open, so it cannot be signed off.`);
}

export async function previewSignOff(context: Context, quarterId: number): Promise<SignOffSummary> {
  await authorize(context, "manageQuarters");
  const quarter = await findQuarter(context.db, quarterId);
  assertSignable(quarter);
  return withoutRows(await summarise(context, quarter));
}

/**
 * Signs the quarter off, or its reopened parts. The e-signature is the admin's password, and the
 * code from their authenticator app when they have one (core/auth/sign-off-code.ts), both held to
 * the sign-in limit.
 */
export async function signOff(context: Context, quarterId: number, signature: SignOff): Promise<SignOffSummary> {
  await authorize(context, "manageQuarters");
  const admin = await context.db.user.findUniqueOrThrow({ where: { id: personOf(context).id } });
  await checkSignOffSignature(context, admin, signature, quarterId);

  return transaction(
    context,
    async (tx) => {
      // Saves read the quarter FOR SHARE in the lock trigger; this waits for those in flight and holds off new ones.
      await tx.db.$queryRaw`SELECT id FROM quarters WHERE id = ${quarterId} FOR UPDATE`;
      const quarter = await findQuarter(tx.db, quarterId);
      assertSignable(quarter);
      const summary = await summarise(tx, quarter);

      for (const outstanding of summary.notProvided) {
        await recordReturn(tx, {
          indicator: outstanding.indicator,
          quarter,
          body: { version: outstanding.version, status: "NO_DATA", noData: { reason: "NOT_PROVIDED" } },
          action: "return.not-provided-at-sign-off",
          atSignOff: true,
        });
      }
      const now = tx.now();
      // Every reopening still open ends with this sign-off: a part's, or a whole-quarter one's.
      await tx.db.quarterReopening.updateMany({ where: { quarterId, ...openReopenings }, data: { signedOffAt: now, signedOffById: admin.id } });
      if (quarter.status === "OPEN") {
        await tx.db.quarter.update({ where: { id: quarterId }, data: { status: "CLOSED", signedOffById: admin.id, signedOffAt: now } });
      }
      await tx.audit({
        action: "quarter.close",
        entityType: "quarter",
        entityId: quarterId,
        quarterId,
        before: summary.parts.length ? { status: "CLOSED", reopened: summary.parts.map(partOf) } : { status: "OPEN" },
        after: {
          status: "CLOSED",
          submitted: summary.submitted,
          noData: summary.noData,
          recordedNotProvided: summary.notProvided.map((outstanding) => outstanding.ref ?? outstanding.title),
        },
      });
      return withoutRows(summary, toQuarterSummary(await findQuarter(tx.db, quarterId)));
    },
    { timeout: 30_000 },
  );
}

/**
 * Reopens a signed-off quarter, or one organisation's returns in it, or one return. What sign-off
 * recorded by itself as not provided in that part becomes outstanding again.
 */
export async function reopen(context: Context, quarterId: number, request: Reopen): Promise<QuarterSummary> {
  await authorize(context, "manageQuarters");
  const person = personOf(context);
  const { reason, organisationId, indicatorId } = request;
  return transaction(
    context,
    async (tx) => {
      // As sign-off: no save is half-way through the lock while the quarter's parts change.
      await tx.db.$queryRaw`SELECT id FROM quarters WHERE id = ${quarterId} FOR UPDATE`;
      const quarter = await findQuarter(tx.db, quarterId);
      const { name } = toQuarterSummary(quarter);
      if (quarter.status !== "CLOSED") throw new ServiceError(409, `${name} is not signed off, so it cannot be reopened.`);
      const now = tx.now();
      const part = await partToReopen(tx, quarter, { organisationId, indicatorId });

      const reopening = await tx.db.quarterReopening.create({
        data: { quarterId, organisationId: part.organisationId, indicatorId: part.indicatorId, reason: reason.trim(), reopenedById: person.id, reopenedAt: now },
        include: reopeningInclude,
      });
      if (!part.organisationId && !part.indicatorId) {
        await tx.db.quarter.update({
          where: { id: quarterId },
          data: { status: "OPEN", signedOffById: null, signedOffAt: null, reopenedById: person.id, reopenedAt: now, reopenReason: reason },
        });
      }
      const restored = await restoreOutstanding(tx, quarterId, part.indicators);
      await tx.audit({
        action: "quarter.reopen",
        entityType: "quarter",
        entityId: quarterId,
        quarterId,
        organisationId: part.organisationId ?? reopening.indicator?.ownerOrganisation.id ?? null,
        indicatorId: part.indicatorId,
        before: { status: "CLOSED", signedOffAt: quarter.signedOffAt?.toISOString() ?? null, signedOffBy: quarter.signedOffBy?.name ?? null },
        after: { status: part.organisationId || part.indicatorId ? "CLOSED" : "OPEN", reopened: partOf(toReopening(reopening)), reason, outstandingAgain: restored },
      });
      return toQuarterSummary(await findQuarter(tx.db, quarterId));
    },
    { timeout: 30_000 },
  );
}

/** What a reopening covers, for the audit log: the return's ref, the organisation, or the whole quarter. */
const partOf = ({ organisation, indicator }: Reopening) => (indicator ? (indicator.ref ?? indicator.title) : (organisation?.name ?? "the whole quarter"));

/** The part of the quarter a reopening asks for, checked: it has returns in the quarter and is not open already. */
async function partToReopen(context: Context, quarter: QuarterRow, { organisationId, indicatorId }: Pick<Reopen, "organisationId" | "indicatorId">) {
  const { name, partlyReopened } = toQuarterSummary(quarter);
  const reported: Prisma.IndicatorWhereInput = { priority: { yearId: quarter.yearId }, ...reportedIn(quarter) };
  if (organisationId !== undefined) {
    const organisation = await context.db.organisation.findUnique({ where: { id: organisationId } });
    if (!organisation) throw new ServiceError(404, "There is no such organisation.", { fields: { organisationId: "Choose an organisation" } });
    if ((await context.db.indicator.count({ where: { ...reported, ownerOrganisationId: organisationId } })) === 0) {
      throw invalid({ organisationId: `${organisation.name} has no returns in ${name}: choose an organisation that reports in this quarter` });
    }
    if (partlyReopened.some((reopening) => !reopening.indicator && reopening.organisation?.id === organisationId)) {
      throw new ServiceError(409, `${organisation.name}'s returns in ${name} are already reopened.`);
    }
    return { organisationId, indicatorId: null, indicators: { ownerOrganisationId: organisationId } };
  }
  if (indicatorId !== undefined) {
    const indicator = await context.db.indicator.findFirst({ where: { ...reported, id: indicatorId } });
    if (!indicator) throw new ServiceError(404, `That indicator has no return in ${name}.`, { fields: { indicatorId: "Choose a return of this quarter" } });
    if (partlyReopened.some((reopening) => reopeningCovers(reopening, { id: indicator.id, organisationId: indicator.ownerOrganisationId }))) {
      throw new ServiceError(409, `The return for ${indicator.ref ?? indicator.title} in ${name} is already reopened.`);
    }
    return { organisationId: null, indicatorId, indicators: { id: indicatorId } };
  }
  return { organisationId: null, indicatorId: null, indicators: {} };
}
