// The one way a return is written, whoever writes it: a data owner's save, the manager recording
// "No data provided", sign-off recording what is still outstanding, an imported report. The body
// is checked against the indicator's own fields by the shared schema (the same rules as the
// browser); the lock, the version, the return and its values and the audit event are one
// transaction.
import { Prisma } from "@quarterly-returns/db";
import { defaultPeriodCovered, londonDay, saveReturnSchema, type ReturnComparisons, type ReturnRecord, type SaveReturn } from "@quarterly-returns/shared";
import { type AuditAction } from "@quarterly-returns/shared/audit-actions";
import { personOf } from "../access.ts";
import { writeAudits, type AuditEntry } from "../audit.ts";
import { insertRows, updateVersionedRows, type Columns } from "../batch-sql.ts";
import { transaction, type Context, type PersonActor } from "../context.ts";
import { ServiceError, invalid } from "../errors.ts";
import { assertNotSignedOff, isQuarterLockedError } from "../quarters/lock.ts";
import { findQuarter, toQuarterSummary, type QuarterRow } from "../quarters/summary.ts";
import { auditSnapshot, returnInclude, toFieldDeclaration, toReturnRecord, type IndicatorRow, type ReturnRow } from "./mapping.ts";
import { readReturn, storedValue, writeReturn, type SavedColumns } from "./return-sql.ts";

export interface ReturnWrite {
  indicator: IndicatorRow;
  quarter: QuarterRow;
  /** The save as sent: `{version, status, values, previousYear, commentary, noData}`. */
  body: unknown;
  /** What the audit log calls it; by default what the save is (a draft, a submission, no data). */
  action?: AuditAction;
  /** What its figures are compared with: a submission's implausible ones must then be confirmed. An import gives none. */
  comparisons?: ReturnComparisons;
  /** Checks the parsed save may be made by this actor (a data owner may not record "No data provided"). */
  permit?: (save: SaveReturn) => Promise<void>;
  /** Sign-off records an outstanding return as not provided by itself: marked so, keeping the draft it replaces. */
  atSignOff?: boolean;
}

export async function recordReturn(context: Context, write: ReturnWrite): Promise<ReturnRecord> {
  const { indicator, quarter } = write;
  const save = await checkedSave(context, write);
  const person = personOf(context);

  try {
    const existing = await readReturn(context.db, indicator, quarter.id);
    const before = existing ? toReturnRecord(existing) : null;
    checkAgainstCurrent(indicator, save, before);
    const now = context.now();
    const columns: SavedColumns = { ...returnColumns(save, person, now, periodCoveredOf(write, save)), ...signOffMarker(write, existing) };
    const values = valueRows(indicator.fields, save);
    // What the database holds once the save is written, made here rather than read back: the
    // figures are exact decimals of at most 6 places (shared/figures.ts), which the columns keep as
    // they are. A new return's id is the database's: its audit row takes it from the statement, the
    // answer from what the statement returns.
    const knownId = existing?.id ?? 0;
    const saved = toReturnRecord({
      ...(existing ?? { ragOverride: null, ragOverrideReason: null, createdById: person.id, createdAt: now, createdBy: { id: person.id, name: person.name } }),
      ...columns,
      id: knownId,
      indicatorId: indicator.id,
      quarterId: quarter.id,
      version: save.version + 1,
      confirmedOutliers: columns.confirmedOutliers as ReturnRow["confirmedOutliers"],
      draftBeforeSignOff: columns.draftBeforeSignOff as ReturnRow["draftBeforeSignOff"],
      updatedBy: { id: person.id, name: person.name },
      submittedBy: columns.submittedById === null ? null : { id: person.id, name: person.name },
      values: values.map((value) => storedValue(indicator, { ...value, id: 0, returnId: knownId })),
    });
    const id = await writeReturn(context, {
      indicatorId: indicator.id,
      quarterId: quarter.id,
      existing,
      columns,
      values,
      audit: auditEntry(write, save, before, saved),
    });
    // Someone else created the return between our read and our insert, or saved it between our read and our update.
    if (id === null) throw conflict(await currentRecord(context, indicator, quarter.id));
    return { ...saved, id };
  } catch (error) {
    if (isQuarterLockedError(error) && !context.inTransaction) assertNotSignedOff(await findQuarter(context.db, quarter.id), undefined, indicator);
    throw error;
  }
}

async function currentRecord(context: Context, indicator: IndicatorRow, quarterId: number): Promise<ReturnRecord | null> {
  const current = await readReturn(context.db, indicator, quarterId);
  return current ? toReturnRecord(current) : null;
}

/**
 * Many returns at once, for an import: each checked by the same rules as `recordReturn`, then all
 * written in a few statements. If any write breaks a rule, nothing is written and the refusals
 * are given by the write's place in `writes`. A refusal by the database itself (a colleague's
 * save in between, a quarter signed off meanwhile) is thrown, for the caller to find out which
 * write it was by making them one by one.
 */
export async function recordReturns(context: Context, writes: ReturnWrite[]): Promise<{ refused: Map<number, ServiceError> }> {
  const person = personOf(context);
  const refused = new Map<number, ServiceError>();
  const refuse = (index: number, error: unknown) => {
    if (!(error instanceof ServiceError)) throw error;
    refused.set(index, error);
  };
  const saves: SaveReturn[] = [];
  for (const [index, write] of writes.entries()) await checkedSave(context, write).then((save) => (saves[index] = save), (error) => refuse(index, error));
  if (refused.size) return { refused };

  return transaction(context, async (tx) => {
    const key = (indicatorId: number, quarterId: number) => `${indicatorId}:${quarterId}`;
    const rows = await tx.db.return.findMany({
      where: { indicatorId: { in: [...new Set(writes.map((write) => write.indicator.id))] }, quarterId: { in: [...new Set(writes.map((write) => write.quarter.id))] } },
      include: returnInclude,
    });
    const existing = new Map(rows.map((row) => [key(row.indicatorId, row.quarterId), row]));
    const befores = writes.map(({ indicator, quarter }) => existing.get(key(indicator.id, quarter.id)));
    for (const [index, write] of writes.entries()) {
      try {
        checkAgainstCurrent(write.indicator, saves[index]!, befores[index] ? toReturnRecord(befores[index]) : null);
      } catch (error) {
        refuse(index, error);
      }
    }
    if (refused.size) return { refused };

    const now = tx.now();
    const columns = saves.map((save, index) => ({
      ...returnColumns(save, person, now, periodCoveredOf(writes[index]!, save)),
      notProvidedAtSignOff: false,
      draftBeforeSignOff: null,
    }));
    const created = await insertRows<Prisma.ReturnUncheckedCreateInput, typeof RETURN_COLUMNS, { id: number; indicatorId: number; quarterId: number }>(
      tx.db,
      "returns",
      RETURN_COLUMNS,
      writes.flatMap(({ indicator, quarter }, index) => (befores[index] ? [] : [{ ...columns[index]!, indicatorId: indicator.id, quarterId: quarter.id, createdById: person.id, createdAt: now }])),
      'id, indicator_id AS "indicatorId", quarter_id AS "quarterId"',
    );
    const ids = new Map(created.map((row) => [key(row.indicatorId, row.quarterId), row.id]));
    const updates = befores.flatMap((before, index) => (before ? [{ ...columns[index]!, id: before.id, version: saves[index]!.version }] : []));
    // Each with the version it was read at: a colleague's save in between is refused, as for one return.
    const updated = await updateVersionedRows<Prisma.ReturnUncheckedUpdateInput, typeof SAVED_COLUMNS>(tx.db, "returns", SAVED_COLUMNS, updates);
    if (updated.length !== updates.length) throw new ServiceError(409, "A return was saved by someone else while these were being written. Try again.");
    for (const before of befores) if (before) ids.set(key(before.indicatorId, before.quarterId), before.id);
    const returnIds = writes.map(({ indicator, quarter }) => ids.get(key(indicator.id, quarter.id))!);
    await tx.db.returnValue.deleteMany({ where: { returnId: { in: befores.flatMap((before) => (before ? [before.id] : [])) } } });
    const values = writes.flatMap(({ indicator }, index) => valueRows(indicator.fields, saves[index]!).map((row) => ({ ...row, returnId: returnIds[index]! })));
    await insertRows<Prisma.ReturnValueUncheckedCreateInput, typeof VALUE_COLUMNS>(tx.db, "return_values", VALUE_COLUMNS, values);

    const stored = new Map((await tx.db.return.findMany({ where: { id: { in: returnIds } }, include: returnInclude })).map((row) => [row.id, toReturnRecord(row)]));
    await writeAudits(
      tx,
      writes.map((write, index) => auditEntry(write, saves[index]!, befores[index] ? toReturnRecord(befores[index]) : null, stored.get(returnIds[index]!)!)),
    );
    return { refused };
  });
}

/** What a save sets of a return. */
const SAVED_COLUMNS = {
  status: ["status", '"ReturnStatus"'],
  noDataReason: ["no_data_reason", '"NoDataReason"'],
  availableFrom: ["available_from", "date"],
  explanation: ["explanation", "text"],
  commentary: ["commentary", "text"],
  periodCovered: ["period_covered", "text"],
  updatedById: ["updated_by_id", "int"],
  updatedAt: ["updated_at", "timestamptz"],
  submittedById: ["submitted_by_id", "int"],
  submittedAt: ["submitted_at", "timestamptz"],
  confirmedOutliers: ["confirmed_outliers", "jsonb"],
  notProvidedAtSignOff: ["not_provided_at_sign_off", "boolean"],
  draftBeforeSignOff: ["draft_before_sign_off", "jsonb"],
} as const satisfies Columns<Prisma.ReturnUncheckedUpdateInput>;

/** What a save sets of a new return. */
const RETURN_COLUMNS = {
  ...SAVED_COLUMNS,
  indicatorId: ["indicator_id", "int"],
  quarterId: ["quarter_id", "int"],
  createdById: ["created_by_id", "int"],
  createdAt: ["created_at", "timestamptz"],
} as const satisfies Columns<Prisma.ReturnUncheckedCreateInput>;

const VALUE_COLUMNS = {
  returnId: ["return_id", "int"],
  fieldId: ["field_id", "int"],
  number: ["number", "numeric"],
  outOf: ["out_of", "int"],
  text: ["text", "text"],
  previousYearValue: ["previous_year_value", "numeric"],
} as const satisfies Columns<Prisma.ReturnValueUncheckedCreateInput>;

/** The rules a save meets before the database is asked: the indicator's year and first quarter, the lock, the body. */
async function checkedSave(context: Context, write: ReturnWrite): Promise<SaveReturn> {
  const { indicator, quarter } = write;
  if (quarter.yearId !== indicator.priority.yearId) throw new ServiceError(404, `Indicator ${indicator.ref ?? indicator.id} is not reported in ${toQuarterSummary(quarter).name}.`);
  if (quarter.number < indicator.firstQuarter) {
    throw new ServiceError(409, `${indicator.ref ?? indicator.title} is reported from Q${indicator.firstQuarter} ${quarter.year.label}, so it has no return in ${toQuarterSummary(quarter).name}.`);
  }
  assertNotSignedOff(quarter, undefined, indicator);

  const dates = { quarterEndDate: toQuarterSummary(quarter).endDate, today: londonDay(context.now()) };
  const parsed = saveReturnSchema(indicator.fields.map(toFieldDeclaration), dates, write.comparisons).safeParse(write.body);
  if (!parsed.success) throw invalid(Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join(".") || "(body)", issue.message])));
  await write.permit?.(parsed.data);
  return parsed.data;
}

/** The rules a save meets against the return as it stands: its version, and what may replace what. */
function checkAgainstCurrent(indicator: IndicatorRow, save: SaveReturn, before: ReturnRecord | null): void {
  if (indicator.retired && !before) throw new ServiceError(409, `${indicator.ref ?? indicator.title} has been retired: it takes no new returns.`);
  if ((before?.version ?? 0) !== save.version) throw conflict(before);
  if (save.noData?.reason === "NOT_PROVIDED" && before && before.status !== "DRAFT") {
    throw new ServiceError(409, "This return is no longer outstanding: its owner has submitted it.", { current: before });
  }
}

/**
 * The period the figures cover: as the owner wrote it, else the default from the indicator's basis
 * and lag; none without figures.
 */
function periodCoveredOf({ indicator, quarter }: ReturnWrite, save: SaveReturn): string | null {
  if (Object.keys(save.values).length === 0) return null;
  return save.periodCovered ?? (defaultPeriodCovered(indicator.periodBasis, indicator.periodLagMonths, toQuarterSummary(quarter).startDate) || null);
}

/**
 * Whether sign-off recorded the return by itself, and the draft it replaced, exactly as stored, so
 * that reopening can give it back. Any other save is a person's, and clears both.
 */
function signOffMarker(write: ReturnWrite, existing: ReturnRow | null) {
  if (!write.atSignOff) return { notProvidedAtSignOff: false, draftBeforeSignOff: null };
  return { notProvidedAtSignOff: true, draftBeforeSignOff: existing ? storedDraft(existing) : null };
}

/** A draft's own columns and figures, as JSON. */
function storedDraft(row: ReturnRow) {
  return {
    commentary: row.commentary,
    periodCovered: row.periodCovered,
    noDataReason: row.noDataReason,
    availableFrom: row.availableFrom?.toISOString() ?? null,
    explanation: row.explanation,
    confirmedOutliers: row.confirmedOutliers,
    updatedById: row.updatedById,
    updatedAt: row.updatedAt.toISOString(),
    values: row.values.map((value) => ({
      fieldId: value.fieldId,
      number: value.number?.toString() ?? null,
      outOf: value.outOf,
      text: value.text,
      previousYearValue: value.previousYearValue?.toString() ?? null,
    })),
  };
}
type StoredDraft = ReturnType<typeof storedDraft>;

/**
 * Reopening gives back what sign-off recorded by itself: each such return of the quarter (within
 * `indicators`) becomes outstanding again, as it was before: missing (the row goes), or the draft
 * it was, with its figures, saved by whoever saved it. Nobody is shown as having submitted it. The
 * quarter, or this part of it, must already be open to writes. Each one is audited.
 */
export async function restoreOutstanding(context: Context, quarterId: number, indicators: Prisma.IndicatorWhereInput = {}): Promise<number> {
  return transaction(context, async (tx) => {
    const rows = await tx.db.return.findMany({
      where: { quarterId, notProvidedAtSignOff: true, indicator: indicators },
      include: { ...returnInclude, indicator: { select: { ownerOrganisationId: true } } },
    });
    for (const row of rows) {
      const draft = row.draftBeforeSignOff as StoredDraft | null;
      const restored = draft
        ? await tx.db.return.update({
            where: { id: row.id, version: row.version },
            data: {
              status: "DRAFT",
              noDataReason: draft.noDataReason,
              availableFrom: draft.availableFrom ? new Date(draft.availableFrom) : null,
              explanation: draft.explanation,
              commentary: draft.commentary,
              periodCovered: draft.periodCovered,
              confirmedOutliers: draft.confirmedOutliers as Prisma.InputJsonValue,
              updatedById: draft.updatedById,
              updatedAt: new Date(draft.updatedAt),
              submittedById: null,
              submittedAt: null,
              notProvidedAtSignOff: false,
              draftBeforeSignOff: Prisma.DbNull,
              version: { increment: 1 },
              values: { deleteMany: {}, createMany: { data: draft.values } },
            },
            include: returnInclude,
          })
        : null;
      if (!restored) {
        await tx.db.returnValue.deleteMany({ where: { returnId: row.id } });
        await tx.db.return.delete({ where: { id: row.id, version: row.version } });
      }
      await tx.audit({
        action: "return.reopen",
        entityType: "return",
        entityId: row.id,
        quarterId,
        indicatorId: row.indicatorId,
        organisationId: row.indicator.ownerOrganisationId,
        before: auditSnapshot(toReturnRecord(row)),
        after: restored ? auditSnapshot(toReturnRecord(restored)) : null,
      });
    }
    return rows.length;
  });
}

function returnColumns(save: SaveReturn, person: PersonActor, now: Date, periodCovered: string | null) {
  return {
    status: save.status,
    noDataReason: save.noData?.reason ?? null,
    availableFrom: save.noData?.availableFrom ? new Date(`${save.noData.availableFrom}T00:00:00Z`) : null,
    explanation: save.noData?.explanation ?? null,
    commentary: save.commentary,
    periodCovered,
    updatedById: person.id,
    updatedAt: now,
    submittedById: save.status === "DRAFT" ? null : person.id,
    submittedAt: save.status === "DRAFT" ? null : now,
    confirmedOutliers: save.outliers as unknown as Prisma.InputJsonValue,
  };
}

function auditEntry({ indicator, quarter, action }: ReturnWrite, save: SaveReturn, before: ReturnRecord | null, saved: ReturnRecord): AuditEntry {
  return {
    action: action ?? actionOf(save),
    entityType: "return",
    entityId: saved.id,
    quarterId: quarter.id,
    indicatorId: indicator.id,
    organisationId: indicator.ownerOrganisationId,
    before: auditSnapshot(before),
    after: auditSnapshot(saved),
  };
}

function conflict(current: ReturnRecord | null) {
  const who = current ? ` ${current.updatedBy.name} saved it at ${new Date(current.updatedAt).toLocaleTimeString("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit" })}.` : "";
  return new ServiceError(409, `This return has changed since you opened it.${who}`, { current });
}

function valueRows(fields: IndicatorRow["fields"], save: SaveReturn) {
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
