// A return read and written in as few round trips as PostgreSQL allows: the save of an existing
// return is one statement (the return, its values and the audit row, or nothing: a statement is a
// transaction of its own), a new one two in a transaction (the database's check that a value's field
// belongs to the return's indicator must see the new return). What they return is the shape
// Prisma would have read (ReturnRow), so that the rest of the save is the same for every caller.
import { Prisma } from "@quarterly-returns/db";
import { auditRow, type AuditEntry } from "../audit.ts";
import { transaction, type Context, type Db } from "../context.ts";
import { query, type Statement } from "../sql.ts";
import type { IndicatorRow, ReturnRow } from "./mapping.ts";

type ValueRow = Omit<ReturnRow["values"][number], "field">;

/** The columns a save sets, as Prisma names them. */
export interface SavedColumns {
  status: ReturnRow["status"];
  noDataReason: ReturnRow["noDataReason"];
  availableFrom: Date | null;
  explanation: string | null;
  commentary: string | null;
  periodCovered: string | null;
  updatedById: number;
  updatedAt: Date;
  submittedById: number | null;
  submittedAt: Date | null;
  confirmedOutliers: unknown;
  notProvidedAtSignOff: boolean;
  draftBeforeSignOff: unknown;
}

export type NewValue = Pick<ValueRow, "fieldId" | "outOf" | "text"> & { number: string | null; previousYearValue: string | null };

const READ_RETURN: Statement = {
  name: "read-return",
  text: `
SELECT r.id, r.indicator_id AS "indicatorId", r.quarter_id AS "quarterId", r.status::text AS status, r.no_data_reason::text AS "noDataReason",
       r.available_from::text AS "availableFrom", r.explanation, r.commentary, r.rag_override::text AS "ragOverride",
       r.rag_override_reason AS "ragOverrideReason", r.period_covered AS "periodCovered", r.version,
       r.created_by_id AS "createdById", r.created_at AS "createdAt", r.updated_by_id AS "updatedById", r.updated_at AS "updatedAt",
       r.submitted_by_id AS "submittedById", r.submitted_at AS "submittedAt", r.confirmed_outliers AS "confirmedOutliers",
       r.not_provided_at_sign_off AS "notProvidedAtSignOff", r.draft_before_sign_off AS "draftBeforeSignOff",
       created.name AS "createdByName", updated.name AS "updatedByName", submitted.name AS "submittedByName",
       coalesce((SELECT json_agg(json_build_object('id', v.id, 'returnId', v.return_id, 'fieldId', v.field_id, 'number', v.number::text,
                                                   'outOf', v.out_of, 'text', v.text, 'previousYearValue', v.previous_year_value::text) ORDER BY v.id)
                   FROM return_values v WHERE v.return_id = r.id), '[]') AS "values"
  FROM returns r
  JOIN users created ON created.id = r.created_by_id
  JOIN users updated ON updated.id = r.updated_by_id
  LEFT JOIN users submitted ON submitted.id = r.submitted_by_id
 WHERE r.indicator_id = $1 AND r.quarter_id = $2`,
};

type ReadRow = Omit<ReturnRow, "availableFrom" | "values" | "createdBy" | "updatedBy" | "submittedBy"> & {
  availableFrom: string | null;
  createdByName: string;
  updatedByName: string;
  submittedByName: string | null;
  values: (NewValue & Pick<ValueRow, "id" | "returnId">)[];
};

/** The return of an indicator in a quarter, with its values and the people named on it; null if it has none. */
export async function readReturn(db: Db, indicator: IndicatorRow, quarterId: number): Promise<ReturnRow | null> {
  const [row] = await query<ReadRow>(db, READ_RETURN, [indicator.id, quarterId]);
  if (!row) return null;
  const { createdByName, updatedByName, submittedByName, availableFrom, values, ...columns } = row;
  return {
    ...columns,
    availableFrom: availableFrom ? new Date(`${availableFrom}T00:00:00Z`) : null,
    createdBy: { id: row.createdById, name: createdByName },
    updatedBy: { id: row.updatedById, name: updatedByName },
    submittedBy: row.submittedById === null ? null : { id: row.submittedById, name: submittedByName! },
    values: values.map((value) => storedValue(indicator, value)),
  };
}

/** A value as Prisma reads it (with its field's key and kind), from its figures as exact decimal text. */
export function storedValue(indicator: IndicatorRow, value: NewValue & Pick<ValueRow, "id" | "returnId">): ReturnRow["values"][number] {
  const field = indicator.fields.find((candidate) => candidate.id === value.fieldId)!;
  const decimal = (text: string | null) => (text === null ? null : new Prisma.Decimal(text));
  return { ...value, number: decimal(value.number), previousYearValue: decimal(value.previousYearValue), field: { key: field.key, kind: field.kind } };
}

// The values replace the return's: those of fields no longer given go, the others are written over.
// Each part reads `saved`, so when the return was not written (another save came first) nothing is.
const VALUES_AND_AUDIT = `
removed AS (
  DELETE FROM return_values v USING saved WHERE v.return_id = saved.id AND v.field_id <> ALL ($1::int[])
), stored AS (
  INSERT INTO return_values (return_id, field_id, number, out_of, text, previous_year_value)
  SELECT saved.id, value.field_id, value.number, value.out_of, value.text, value.previous_year_value
    FROM saved, jsonb_to_recordset($2::jsonb) AS value(field_id int, number numeric, out_of int, text text, previous_year_value numeric)
  ON CONFLICT (return_id, field_id) DO UPDATE
     SET number = excluded.number, out_of = excluded.out_of, text = excluded.text, previous_year_value = excluded.previous_year_value
), audited AS (
  INSERT INTO audit_events (at, action, entity_type, entity_id, quarter_id, organisation_id, indicator_id, before, after, actor_id, client_address)
  SELECT $3, $4, $5, saved.id::text, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12 FROM saved
)
SELECT id, version FROM saved`;

const UPDATE_RETURN: Statement = {
  name: "update-return",
  text: `
WITH saved AS (
  UPDATE returns
     SET status = $15::"ReturnStatus", no_data_reason = $16::"NoDataReason", available_from = $17::date, explanation = $18, commentary = $19,
         period_covered = $20, updated_by_id = $21, updated_at = $22, submitted_by_id = $23, submitted_at = $24, confirmed_outliers = $25::jsonb,
         not_provided_at_sign_off = $26, draft_before_sign_off = $27::jsonb, version = version + 1
   WHERE id = $13 AND version = $14
  RETURNING id, version
), ${VALUES_AND_AUDIT}`,
};

const INSERT_RETURN: Statement = {
  name: "insert-return",
  text: `
INSERT INTO returns (indicator_id, quarter_id, status, no_data_reason, available_from, explanation, commentary, period_covered,
                     updated_by_id, updated_at, submitted_by_id, submitted_at, confirmed_outliers, not_provided_at_sign_off,
                     draft_before_sign_off, created_by_id, created_at, version)
VALUES ($1, $2, $3::"ReturnStatus", $4::"NoDataReason", $5::date, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15::jsonb, $9, $10, 1)
ON CONFLICT (indicator_id, quarter_id) DO NOTHING
RETURNING id`,
};

const VALUES_OF_NEW_RETURN: Statement = {
  name: "values-of-new-return",
  text: `WITH saved AS (SELECT $13::int AS id, 1 AS version), ${VALUES_AND_AUDIT}`,
};

export interface ReturnWriteSql {
  indicatorId: number;
  quarterId: number;
  /** The return as read before the save; null: there is none yet. */
  existing: { id: number; version: number } | null;
  columns: SavedColumns;
  values: NewValue[];
  /** The return's audit row; its entity is the return the statement wrote, whatever `entityId` says. */
  audit: AuditEntry;
}

/** Writes the return, its values and its audit row; the return's id, or null when another save got there first. */
export async function writeReturn(context: Context, write: ReturnWriteSql): Promise<number | null> {
  const { columns } = write;
  const columnValues = [
    columns.status,
    columns.noDataReason,
    columns.availableFrom?.toISOString().slice(0, 10) ?? null,
    columns.explanation,
    columns.commentary,
    columns.periodCovered,
    columns.updatedById,
    columns.updatedAt,
    columns.submittedById,
    columns.submittedAt,
    JSON.stringify(columns.confirmedOutliers),
    columns.notProvidedAtSignOff,
    columns.draftBeforeSignOff === null ? null : JSON.stringify(columns.draftBeforeSignOff),
  ];
  const valuesAndAudit = (tx: Context) => {
    const row = auditRow(tx, write.audit);
    return [
      write.values.map((value) => value.fieldId),
      JSON.stringify(write.values.map(({ fieldId, number, outOf, text, previousYearValue }) => ({ field_id: fieldId, number, out_of: outOf, text, previous_year_value: previousYearValue }))),
      row.at,
      row.action,
      row.entityType,
      row.quarterId,
      row.organisationId,
      row.indicatorId,
      row.before === undefined ? null : JSON.stringify(row.before),
      row.after === undefined ? null : JSON.stringify(row.after),
      row.actorId,
      row.clientAddress,
    ];
  };

  if (write.existing) {
    const [saved] = await query<{ id: number }>(context.db, UPDATE_RETURN, [...valuesAndAudit(context), write.existing.id, write.existing.version, ...columnValues]);
    return saved?.id ?? null;
  }
  return transaction(context, async (tx) => {
    const [created] = await query<{ id: number }>(tx.db, INSERT_RETURN, [write.indicatorId, write.quarterId, ...columnValues]);
    if (!created) return null;
    await query(tx.db, VALUES_OF_NEW_RETURN, [...valuesAndAudit(tx), created.id]);
    return created.id;
  });
}
