// The one way a return is written, whoever writes it: a data owner's save, the manager recording
// "No data provided", sign-off recording what is still outstanding, an imported report. The body
// is checked against the indicator's own fields by the shared schema (the same rules as the
// browser); the lock, the version, the return and its values and the audit event are one
// transaction.
import { Prisma } from "@quarterly-returns/db";
import { saveReturnSchema, type AuditAction, type ReturnRecord, type SaveReturn } from "@quarterly-returns/shared";
import { personOf } from "../access.ts";
import { transaction, type Context } from "../context.ts";
import { ServiceError, invalid } from "../errors.ts";
import { assertNotSignedOff, isQuarterLockedError } from "../quarters/lock.ts";
import { findQuarter, toQuarterSummary, type QuarterRow } from "../quarters/summary.ts";
import { auditSnapshot, returnInclude, toFieldDeclaration, toReturnRecord, type IndicatorRow } from "./mapping.ts";

export interface ReturnWrite {
  indicator: IndicatorRow;
  quarter: QuarterRow;
  /** The save as sent: `{version, status, values, previousYear, commentary, noData}`. */
  body: unknown;
  /** What the audit log calls it; by default what the save is (a draft, a submission, no data). */
  action?: AuditAction;
  /** Checks the parsed save may be made by this actor (a data owner may not record "No data provided"). */
  permit?: (save: SaveReturn) => Promise<void>;
}

export async function recordReturn(context: Context, write: ReturnWrite): Promise<ReturnRecord> {
  const { indicator, quarter } = write;
  if (quarter.yearId !== indicator.priority.yearId) throw new ServiceError(404, `Indicator ${indicator.ref ?? indicator.id} is not reported in ${toQuarterSummary(quarter).name}.`);
  if (quarter.number < indicator.firstQuarter) {
    throw new ServiceError(409, `${indicator.ref ?? indicator.title} is reported from Q${indicator.firstQuarter} ${quarter.year.label}, so it has no return in ${toQuarterSummary(quarter).name}.`);
  }
  assertNotSignedOff(quarter);

  const parsed = saveReturnSchema(indicator.fields.map(toFieldDeclaration)).safeParse(write.body);
  if (!parsed.success) throw invalid(Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join(".") || "(body)", issue.message])));
  const save = parsed.data;
  await write.permit?.(save);
  const person = personOf(context);

  try {
    return await transaction(context, async (tx) => {
      const existing = await tx.db.return.findUnique({ where: { indicatorId_quarterId: { indicatorId: indicator.id, quarterId: quarter.id } }, include: returnInclude });
      const before = existing ? toReturnRecord(existing) : null;
      if (indicator.retired && !existing) throw new ServiceError(409, `${indicator.ref ?? indicator.title} has been retired: it takes no new returns.`);
      if ((before?.version ?? 0) !== save.version) throw conflict(before);
      if (save.noData?.reason === "NOT_PROVIDED" && before && before.status !== "DRAFT") {
        throw new ServiceError(409, "This return is no longer outstanding: its owner has submitted it.", { current: before });
      }

      const now = tx.now();
      const columns = {
        status: save.status,
        noDataReason: save.noData?.reason ?? null,
        availableFrom: save.noData?.availableFrom ? new Date(`${save.noData.availableFrom}T00:00:00Z`) : null,
        explanation: save.noData?.explanation ?? null,
        commentary: save.commentary,
        updatedById: person.id,
        updatedAt: now,
        submittedById: save.status === "DRAFT" ? null : person.id,
        submittedAt: save.status === "DRAFT" ? null : now,
      };
      // The values are replaced and the return read back with the write itself.
      const values = { createMany: { data: valueRows(indicator.fields, save) } };
      const stored = existing
        ? await tx.db.return.update({
            where: { id: existing.id, version: save.version },
            data: { ...columns, version: { increment: 1 }, values: { deleteMany: {}, ...values } },
            include: returnInclude,
          })
        : await tx.db.return.create({
            data: { ...columns, indicatorId: indicator.id, quarterId: quarter.id, createdById: person.id, createdAt: now, values },
            include: returnInclude,
          });
      const saved = toReturnRecord(stored);
      await tx.audit({
        action: write.action ?? actionOf(save),
        entityType: "return",
        entityId: saved.id,
        quarterId: quarter.id,
        indicatorId: indicator.id,
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
      const current = await context.db.return.findUnique({ where: { indicatorId_quarterId: { indicatorId: indicator.id, quarterId: quarter.id } }, include: returnInclude });
      throw conflict(current ? toReturnRecord(current) : null);
    }
    if (isQuarterLockedError(error) && !context.inTransaction) assertNotSignedOff(await findQuarter(context.db, quarter.id));
    throw error;
  }
}

function conflict(current: ReturnRecord | null) {
  const who = current ? ` ${current.updatedBy.name} saved it at ${new Date(current.updatedAt).toLocaleTimeString("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit" })}.` : "";
  return new ServiceError(409, `This return has changed since you opened it.${who}`, { current });
}

function valueRows(fields: IndicatorRow["fields"], save: SaveReturn): Prisma.ReturnValueCreateManyReturnInput[] {
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

function actionOf(save: SaveReturn): AuditAction {
  if (save.status === "DRAFT") return "return.save-draft";
  if (save.status === "SUBMITTED") return "return.submit";
  return save.noData?.reason === "NOT_PROVIDED" ? "return.record-not-provided" : "return.record-no-data";
}
