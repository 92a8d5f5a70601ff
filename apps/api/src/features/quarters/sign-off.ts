// Signing off a quarter: missing and draft returns become "No data provided", then the quarter is
// locked (the database refuses any change to its returns until it is reopened).
import { verifyPassword, type PrismaClient } from "@quarterly-returns/db";
import type { OutstandingReturn, SignOffSummary } from "@quarterly-returns/shared";
import type { FastifyRequest } from "fastify";
import { refuse } from "../../access/policy.ts";
import { audit } from "../../lib/audit.ts";
import { HttpError } from "../../lib/http-error.ts";
import { quarterSummaryInclude, toQuarterSummary } from "../../lib/quarter-summary.ts";

type Db = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** The quarter's returns as they stand, and the outstanding ones sign-off would record as not provided. */
async function summarise(db: Db | PrismaClient, quarterId: number): Promise<SignOffSummary> {
  const quarter = await db.quarter.findUnique({ where: { id: quarterId }, include: quarterSummaryInclude });
  if (!quarter) throw new HttpError(404, "There is no such quarter.");
  const indicators = await db.indicator.findMany({
    where: { priority: { yearId: quarter.yearId }, OR: [{ retired: false }, { returns: { some: { quarterId } } }] },
    include: { ownerOrganisation: { select: { id: true, name: true, shortName: true } }, returns: { where: { quarterId } } },
    orderBy: [{ priority: { sortOrder: "asc" } }, { sortOrder: "asc" }],
  });
  const noData: Record<string, number> = {};
  const notProvided: OutstandingReturn[] = [];
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
      });
    }
  }
  return { quarter: toQuarterSummary(quarter), submitted, noData, notProvided };
}

export async function previewSignOff(prisma: PrismaClient, quarterId: number): Promise<SignOffSummary> {
  const summary = await summarise(prisma, quarterId);
  if (summary.quarter.status !== "OPEN") throw new HttpError(409, `${summary.quarter.name} is not open, so it cannot be signed off.`);
  return summary;
}

export async function signOff(prisma: PrismaClient, request: FastifyRequest, quarterId: number, password: string): Promise<SignOffSummary> {
  const admin = await prisma.user.findUniqueOrThrow({ where: { id: request.caller!.id } });
  if (!(await verifyPassword(admin.passwordHash, password))) {
    await refuse(request, 403, "That is not your password. The quarter has not been signed off.", { quarterId, reason: "sign-off password" });
  }

  return prisma.$transaction(
    async (tx) => {
      // Saves read the quarter FOR SHARE in the lock trigger; this waits for those in flight and holds off new ones.
      await tx.$queryRaw`SELECT id FROM quarters WHERE id = ${quarterId} FOR UPDATE`;
      const summary = await summarise(tx, quarterId);
      if (summary.quarter.status === "CLOSED") throw new HttpError(409, `${summary.quarter.name} is already signed off.`);
      if (summary.quarter.status !== "OPEN") throw new HttpError(409, `${summary.quarter.name} is not open, so it cannot be signed off.`);

      const now = new Date();
      const adminId = request.caller!.id;
      for (const outstanding of summary.notProvided) {
        const existing = await tx.return.findUnique({ where: { indicatorId_quarterId: { indicatorId: outstanding.indicatorId, quarterId } } });
        const columns = {
          status: "NO_DATA" as const,
          noDataReason: "NOT_PROVIDED" as const,
          availableFrom: null,
          explanation: null,
          updatedById: adminId,
          updatedAt: now,
          submittedById: adminId,
          submittedAt: now,
        };
        const saved = existing
          ? await tx.return.update({ where: { id: existing.id }, data: { ...columns, version: { increment: 1 }, values: { deleteMany: {} } } })
          : await tx.return.create({ data: { ...columns, indicatorId: outstanding.indicatorId, quarterId, createdById: adminId, createdAt: now } });
        await audit(tx, request, {
          action: "return.record-not-provided",
          entityType: "return",
          entityId: saved.id,
          quarterId,
          indicatorId: outstanding.indicatorId,
          organisationId: outstanding.organisation.id,
          before: existing ? { status: existing.status, commentary: existing.commentary } : null,
          after: { status: "NO_DATA", noData: { reason: "NOT_PROVIDED" }, by: "sign-off" },
        });
      }
      await tx.quarter.update({ where: { id: quarterId }, data: { status: "CLOSED", signedOffById: adminId, signedOffAt: now } });
      await audit(tx, request, {
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
      return { ...summary, quarter: { ...summary.quarter, status: "CLOSED", signedOffAt: now.toISOString(), signedOffBy: { id: adminId, name: admin.name } } };
    },
    { timeout: 30_000 },
  );
}

export async function reopen(prisma: PrismaClient, request: FastifyRequest, quarterId: number, reason: string) {
  return prisma.$transaction(async (tx) => {
    const quarter = await tx.quarter.findUnique({ where: { id: quarterId }, include: quarterSummaryInclude });
    if (!quarter) throw new HttpError(404, "There is no such quarter.");
    if (quarter.status !== "CLOSED") throw new HttpError(409, `${toQuarterSummary(quarter).name} is not signed off, so it cannot be reopened.`);
    const updated = await tx.quarter.update({
      where: { id: quarterId },
      data: { status: "OPEN", signedOffById: null, signedOffAt: null, reopenedById: request.caller!.id, reopenedAt: new Date(), reopenReason: reason },
      include: quarterSummaryInclude,
    });
    await audit(tx, request, {
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
