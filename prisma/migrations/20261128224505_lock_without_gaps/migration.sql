-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "transaction_id" xid8;

-- No TRUNCATE of anything whose rows belong to a quarter: it fires no row triggers, so it would
-- erase signed-off figures past the lock. The app's role has no TRUNCATE privilege either; this
-- also stops the schema's owner.
CREATE FUNCTION "refuse_truncate"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'TRUNCATE of % is refused: its rows belong to quarters, and signed-off figures are never erased', TG_TABLE_NAME
    USING ERRCODE = 'QRAPP';
END
$$;

DO $$
DECLARE
  quarter_table TEXT;
BEGIN
  FOREACH quarter_table IN ARRAY ARRAY['reporting_years', 'quarters', 'returns', 'return_values', 'return_queries', 'chases', 'chase_items'] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION "refuse_truncate"()',
                   quarter_table || '_no_truncate', quarter_table);
  END LOOP;
END
$$;

-- Every audit row carries the transaction that wrote it, whatever the writer claims.
CREATE FUNCTION "audit_events_stamp_transaction"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  NEW."transaction_id" := pg_current_xact_id();
  RETURN NEW;
END
$$;

CREATE TRIGGER "audit_events_stamp_transaction"
  BEFORE INSERT ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_stamp_transaction"();

-- A change of a quarter's status or sign-off is always on record. The application records its
-- own (sign-off, reopening, opening) in the same transaction; at commit, a change that no audit
-- row of that transaction accounts for (direct SQL, say) is recorded here, naming the role.
CREATE FUNCTION "quarters_record_status_change"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD."status", OLD."signed_off_by_id", OLD."signed_off_at", OLD."reopened_by_id", OLD."reopened_at", OLD."reopen_reason")
     IS NOT DISTINCT FROM
     (NEW."status", NEW."signed_off_by_id", NEW."signed_off_at", NEW."reopened_by_id", NEW."reopened_at", NEW."reopen_reason") THEN
    RETURN NULL;
  END IF;
  IF EXISTS (SELECT 1 FROM "audit_events" a
             WHERE a."quarter_id" = NEW."id" AND a."entity_type" = 'quarter' AND a."transaction_id" = pg_current_xact_id()) THEN
    RETURN NULL;
  END IF;
  INSERT INTO "audit_events" ("action", "entity_type", "entity_id", "quarter_id", "before", "after")
  VALUES (
    'quarter.changed-outside-app', 'quarter', NEW."id"::TEXT, NEW."id",
    jsonb_build_object('status', OLD."status", 'signedOffById', OLD."signed_off_by_id", 'signedOffAt', OLD."signed_off_at",
                       'reopenedById', OLD."reopened_by_id", 'reopenedAt', OLD."reopened_at", 'reopenReason', OLD."reopen_reason"),
    jsonb_build_object('status', NEW."status", 'signedOffById', NEW."signed_off_by_id", 'signedOffAt', NEW."signed_off_at",
                       'reopenedById', NEW."reopened_by_id", 'reopenedAt', NEW."reopened_at", 'reopenReason', NEW."reopen_reason",
                       'by', 'Someone using the database directly (role ' || session_user || ')')
  );
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "quarters_record_status_change"
  AFTER UPDATE ON "quarters"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "quarters_record_status_change"();
