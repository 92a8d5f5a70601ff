import { Prisma, type PrismaClient } from "@quarterly-returns/db";
import { saveReturnSchema, type ReturnRecord, type ReturnsList, type SaveReturn } from "@quarterly-returns/shared";
import type { FastifyRequest } from "fastify";
import { audienceOf, mayEnterFigures, permissions, refuse, visibleIndicators } from "../../access/policy.ts";
import { audit } from "../../lib/audit.ts";
import { longDate } from "../../lib/dates.ts";
import { HttpError, invalid } from "../../lib/http-error.ts";
import { quarterSummaryInclude, toQuarterSummary } from "../../lib/quarter-summary.ts";
import { auditSnapshot, indicatorInclude, returnInclude, toFieldDeclaration, toIndicatorSummary, toReturnRecord } from "../../lib/return-mapping.ts";

const INDICATOR_TABLES = ["indicators", "indicator_fields", "priorities", "organisations"] as const;
const QUARTER_TABLES = ["quarters", "reporting_years", "users"] as const;

/**
 * The indicator, if the caller may see it. Another organisation's indicator is refused with 403
 * (the framework is no secret), a restricted one with 404 (its existence is); both are audited.
 */
export async function findVisibleIndicator(prisma: PrismaClient, request: FastifyRequest, indicatorId: number) {
  const caller = request.caller!;
  const indicator = await request.server.readCache.get(`indicator ${indicatorId} for ${audienceOf(caller)}`, INDICATOR_TABLES, () =>
    prisma.indicator.findFirst({ where: { id: indicatorId, ...visibleIndicators(caller) }, include: indicatorInclude }),
  );
  if (indicator) return indicator;
  const hidden = await prisma.indicator.findUnique({ where: { id: indicatorId }, include: { ownerOrganisation: true } });
  if (!hidden) throw new HttpError(404, "There is no such indicator.");
  if (hidden.restricted) return refuse(request, 404, "There is no such indicator.", { indicatorId });
  return refuse(request, 403, `This indicator belongs to ${hidden.ownerOrganisation.name}: only its data owners can see and enter its returns.`, { indicatorId });
}

async function findQuarter(prisma: PrismaClient, quarterId: number) {
  const quarter = await prisma.quarter.findUnique({ where: { id: quarterId }, include: quarterSummaryInclude });
  if (!quarter) throw new HttpError(404, "There is no such quarter.");
  return quarter;
}

/** The quarter as kept: for checks the database makes again as it writes (the lock on a signed-off quarter). */
function findKeptQuarter(prisma: PrismaClient, request: FastifyRequest, quarterId: number) {
  return request.server.readCache.get(`quarter ${quarterId}`, QUARTER_TABLES, () => findQuarter(prisma, quarterId));
}

const RETURNS_LIST_TABLES = [...INDICATOR_TABLES, ...QUARTER_TABLES, "returns", "return_values", "return_queries"] as const;

/** The list below as the JSON answered, kept until one of its tables changes (see plugins/read-cache.ts). */
export function listReturnsJson(prisma: PrismaClient, request: FastifyRequest, quarterId: number): Promise<string> {
  return request.server.readCache.get(`returns of quarter ${quarterId} for ${audienceOf(request.caller!)}`, RETURNS_LIST_TABLES, async () =>
    JSON.stringify(await listReturns(prisma, request, quarterId)),
  );
}

/** The indicators of the quarter's year the caller may see, each with its return (or null). */
async function listReturns(prisma: PrismaClient, request: FastifyRequest, quarterId: number): Promise<ReturnsList> {
  const quarter = await findQuarter(prisma, quarterId);
  const indicators = await prisma.indicator.findMany({
    where: {
      AND: [
        visibleIndicators(request.caller!),
        { priority: { yearId: quarter.yearId } },
        // A retired indicator still shows where it has a return for the quarter.
        { OR: [{ retired: false }, { returns: { some: { quarterId } } }] },
      ],
    },
    include: {
      ...indicatorInclude,
      returns: { where: { quarterId }, include: { ...returnInclude, _count: { select: { queries: { where: { status: { not: "CLOSED" } } } } } } },
    },
    orderBy: [{ priority: { sortOrder: "asc" } }, { sortOrder: "asc" }],
  });
  return {
    quarter: toQuarterSummary(quarter),
    items: indicators.map((indicator) => ({
      indicator: toIndicatorSummary(indicator),
      return: indicator.returns[0] ? toReturnRecord(indicator.returns[0]) : null,
      openQueries: indicator.returns[0]?._count.queries ?? 0,
    })),
  };
}

/**
 * Saves a return in one transaction: the return, its values and the audit event, or nothing.
 * The save names the version it was based on; a stale one answers 409 with the current return.
 */
export async function saveReturn(
  prisma: PrismaClient,
  request: FastifyRequest,
  indicatorId: number,
  quarterId: number,
  body: unknown,
): Promise<ReturnRecord> {
  const caller = request.caller!;
  const indicator = await findVisibleIndicator(prisma, request, indicatorId);
  const quarter = await findKeptQuarter(prisma, request, quarterId);
  if (quarter.yearId !== indicator.priority.yearId) throw new HttpError(404, `Indicator ${indicator.ref ?? indicator.id} is not reported in ${toQuarterSummary(quarter).name}.`);
  assertOpen(quarter);

  const parsed = saveReturnSchema(indicator.fields.map(toFieldDeclaration)).safeParse(body);
  if (!parsed.success) {
    throw invalid(Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join(".") || "(body)", issue.message])));
  }
  const save = parsed.data;
  const recordingNotProvided = save.noData?.reason === "NOT_PROVIDED";
  if (mayEnterFigures(caller, indicator)) {
    if (recordingNotProvided) await refuse(request, 403, "Only the community safety manager can record that no data was provided.", { indicatorId });
  } else if (!(recordingNotProvided && permissions.recordNotProvided(caller))) {
    await refuse(request, 403, `Only ${indicator.ownerOrganisation.name}'s data owners can enter these figures.`, { indicatorId, quarterId });
  }

  try {
    return await prisma.$transaction(async (tx) => {
      const existing = await tx.return.findUnique({ where: { indicatorId_quarterId: { indicatorId, quarterId } }, include: returnInclude });
      const before = existing ? toReturnRecord(existing) : null;
      if ((before?.version ?? 0) !== save.version) throw conflict(before);
      if (recordingNotProvided && before && before.status !== "DRAFT") {
        throw new HttpError(409, "This return is no longer outstanding: its owner has submitted it.", { current: before });
      }

      const now = new Date();
      const columns = {
        status: save.status,
        noDataReason: save.noData?.reason ?? null,
        availableFrom: save.noData?.availableFrom ? new Date(`${save.noData.availableFrom}T00:00:00Z`) : null,
        explanation: save.noData?.explanation ?? null,
        commentary: save.commentary,
        updatedById: caller.id,
        updatedAt: now,
        submittedById: save.status === "DRAFT" ? null : caller.id,
        submittedAt: save.status === "DRAFT" ? null : now,
      };
      // The values are replaced and the return read back with the write itself.
      const values = { createMany: { data: valueRows(indicator.fields, save) } };
      const stored = existing
        ? await tx.return.update({
            where: { id: existing.id, version: save.version },
            data: { ...columns, version: { increment: 1 }, values: { deleteMany: {}, ...values } },
            include: returnInclude,
          })
        : await tx.return.create({ data: { ...columns, indicatorId, quarterId, createdById: caller.id, createdAt: now, values }, include: returnInclude });
      const saved = toReturnRecord(stored);
      await audit(tx, request, {
        action: auditAction(save),
        entityType: "return",
        entityId: saved.id,
        quarterId,
        indicatorId,
        organisationId: indicator.ownerOrganisationId,
        before: auditSnapshot(before),
        after: auditSnapshot(saved),
      });
      return saved;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && (error.code === "P2002" || error.code === "P2025")) {
      // Someone else created the return between our read and our insert, or saved it between
      // our read and our update.
      const current = await prisma.return.findUnique({ where: { indicatorId_quarterId: { indicatorId, quarterId } }, include: returnInclude });
      throw conflict(current ? toReturnRecord(current) : null);
    }
    if (isQuarterLockedError(error)) assertOpen(await findQuarter(prisma, quarterId));
    throw error;
  }
}

function assertOpen(quarter: Awaited<ReturnType<typeof findQuarter>>) {
  const name = toQuarterSummary(quarter).name;
  if (quarter.status === "CLOSED") {
    const by = quarter.signedOffBy ? ` by ${quarter.signedOffBy.name}` : "";
    throw new HttpError(423, `${name} was signed off on ${longDate(quarter.signedOffAt!)}${by}; its returns can no longer be changed.`);
  }
  if (quarter.status === "PLANNED") throw new HttpError(423, `${name} is not open for returns yet.`);
}

function conflict(current: ReturnRecord | null) {
  const who = current ? ` ${current.updatedBy.name} saved it at ${new Date(current.updatedAt).toLocaleTimeString("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit" })}.` : "";
  return new HttpError(409, `This return has changed since you opened it.${who}`, { current });
}

function valueRows(fields: { id: number; key: string }[], save: SaveReturn): Prisma.ReturnValueCreateManyReturnInput[] {
  const keys = new Set([...Object.keys(save.values), ...Object.keys(save.previousYear)]);
  return fields
    .filter((field) => keys.has(field.key))
    .map((field) => {
      const value = save.values[field.key];
      return {
        fieldId: field.id,
        number: value && "number" in value ? value.number : null,
        outOf: value && "outOf" in value ? (value.outOf ?? null) : null,
        text: value && "text" in value ? value.text : null,
        previousYearValue: save.previousYear[field.key] ?? null,
      };
    });
}

function auditAction(save: SaveReturn): string {
  if (save.status === "DRAFT") return "return.save-draft";
  if (save.status === "SUBMITTED") return "return.submit";
  return save.noData?.reason === "NOT_PROVIDED" ? "return.record-not-provided" : "return.record-no-data";
}

/** The database's own lock on a signed-off quarter (the trigger's SQLSTATE QR423). */
function isQuarterLockedError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (code === "QR423" || (typeof message === "string" && message.includes("signed off and locked"))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
