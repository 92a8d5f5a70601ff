-- AlterTable
ALTER TABLE "returns" ADD COLUMN     "draft_before_sign_off" JSONB,
ADD COLUMN     "not_provided_at_sign_off" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "quarter_reopenings" (
    "id" SERIAL NOT NULL,
    "quarter_id" INTEGER NOT NULL,
    "organisation_id" INTEGER,
    "indicator_id" INTEGER,
    "reason" TEXT NOT NULL,
    "reopened_by_id" INTEGER NOT NULL,
    "reopened_at" TIMESTAMPTZ(3) NOT NULL,
    "signed_off_by_id" INTEGER,
    "signed_off_at" TIMESTAMPTZ(3),

    CONSTRAINT "quarter_reopenings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "quarter_reopenings_quarter_id_idx" ON "quarter_reopenings"("quarter_id");

-- AddForeignKey
ALTER TABLE "quarter_reopenings" ADD CONSTRAINT "quarter_reopenings_quarter_id_fkey" FOREIGN KEY ("quarter_id") REFERENCES "quarters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quarter_reopenings" ADD CONSTRAINT "quarter_reopenings_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quarter_reopenings" ADD CONSTRAINT "quarter_reopenings_indicator_id_fkey" FOREIGN KEY ("indicator_id") REFERENCES "indicators"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quarter_reopenings" ADD CONSTRAINT "quarter_reopenings_reopened_by_id_fkey" FOREIGN KEY ("reopened_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quarter_reopenings" ADD CONSTRAINT "quarter_reopenings_signed_off_by_id_fkey" FOREIGN KEY ("signed_off_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand.

-- A whole-quarter reopening names neither; one organisation's returns name the organisation; one
-- return names its indicator.
ALTER TABLE "quarter_reopenings"
  ADD CONSTRAINT "quarter_reopenings_one_scope" CHECK ("organisation_id" IS NULL OR "indicator_id" IS NULL),
  ADD CONSTRAINT "quarter_reopenings_signed_off_complete" CHECK (("signed_off_at" IS NULL) = ("signed_off_by_id" IS NULL));

-- Only sign-off records a return as not provided by itself, and only then keeps the draft it replaced.
ALTER TABLE "returns"
  ADD CONSTRAINT "returns_not_provided_at_sign_off" CHECK (
    NOT "not_provided_at_sign_off" OR ("status" = 'NO_DATA' AND "no_data_reason" = 'NOT_PROVIDED')),
  ADD CONSTRAINT "returns_draft_before_sign_off" CHECK ("draft_before_sign_off" IS NULL OR "not_provided_at_sign_off");

-- The lock, return by return: a signed-off quarter's return may be written only while its part of
-- the quarter (its organisation's returns, or that return alone) is reopened and not yet signed
-- off again. The quarter row is still read FOR SHARE: reopening and signing off take it FOR UPDATE.
CREATE FUNCTION "refuse_write_to_locked_return"(quarter_id INTEGER, indicator_id INTEGER) RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
  quarter_status "QuarterStatus";
BEGIN
  SELECT q."status" INTO quarter_status FROM "quarters" q WHERE q."id" = quarter_id FOR SHARE;
  IF quarter_status = 'CLOSED' AND NOT EXISTS (
    SELECT 1 FROM "quarter_reopenings" o
    WHERE o."quarter_id" = refuse_write_to_locked_return.quarter_id AND o."signed_off_at" IS NULL
      AND (o."indicator_id" = refuse_write_to_locked_return.indicator_id
           OR o."organisation_id" = (SELECT i."owner_organisation_id" FROM "indicators" i WHERE i."id" = refuse_write_to_locked_return.indicator_id))
  ) THEN
    RAISE EXCEPTION 'quarter % is signed off and locked; its returns cannot be changed', quarter_id
      USING ERRCODE = 'QR423', HINT = 'An admin must reopen the quarter, or this part of it, first.';
  END IF;
END
$$;

CREATE OR REPLACE FUNCTION "returns_lock_closed_quarter"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM "refuse_write_to_locked_return"(OLD."quarter_id", OLD."indicator_id"); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM "refuse_write_to_locked_return"(NEW."quarter_id", NEW."indicator_id"); END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE OR REPLACE FUNCTION "return_queries_lock_closed_quarter"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  locked "returns"%ROWTYPE;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    SELECT * INTO locked FROM "returns" r WHERE r."id" = OLD."return_id";
    PERFORM "refuse_write_to_locked_return"(locked."quarter_id", locked."indicator_id");
  END IF;
  IF TG_OP <> 'DELETE' THEN
    SELECT * INTO locked FROM "returns" r WHERE r."id" = NEW."return_id";
    PERFORM "refuse_write_to_locked_return"(locked."quarter_id", locked."indicator_id");
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE OR REPLACE FUNCTION "return_values_check_and_lock"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  quarter_id INTEGER;
  return_indicator INTEGER;
  field "indicator_fields"%ROWTYPE;
  lowest NUMERIC;
  highest NUMERIC;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    SELECT r."quarter_id", r."indicator_id" INTO quarter_id, return_indicator FROM "returns" r WHERE r."id" = OLD."return_id";
    PERFORM "refuse_write_to_locked_return"(quarter_id, return_indicator);
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;

  SELECT r."quarter_id", r."indicator_id" INTO quarter_id, return_indicator FROM "returns" r WHERE r."id" = NEW."return_id";
  PERFORM "refuse_write_to_locked_return"(quarter_id, return_indicator);

  SELECT * INTO field FROM "indicator_fields" f WHERE f."id" = NEW."field_id";
  IF field."indicator_id" <> return_indicator THEN
    RAISE EXCEPTION 'field % does not belong to the indicator of return %', NEW."field_id", NEW."return_id"
      USING ERRCODE = 'check_violation';
  END IF;
  IF field."kind" = 'TEXT' THEN
    IF NEW."number" IS NOT NULL OR NEW."out_of" IS NOT NULL OR NEW."previous_year_value" IS NOT NULL THEN
      RAISE EXCEPTION 'field "%" is text and cannot hold a number', field."key" USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW."text" IS NOT NULL THEN
    RAISE EXCEPTION 'field "%" holds a number, not text', field."key" USING ERRCODE = 'check_violation';
  END IF;
  IF field."kind" IN ('COUNT', 'RANK') AND (NEW."number" <> trunc(NEW."number") OR NEW."previous_year_value" <> trunc(NEW."previous_year_value")) THEN
    RAISE EXCEPTION 'field "%" must be a whole number', field."key" USING ERRCODE = 'check_violation';
  END IF;
  IF field."kind" = 'COUNT' AND (NEW."number" < 0 OR NEW."previous_year_value" < 0) THEN
    RAISE EXCEPTION 'field "%" is a count and cannot be negative', field."key" USING ERRCODE = 'check_violation';
  END IF;
  IF field."kind" = 'PERCENT' AND (NEW."number" NOT BETWEEN 0 AND 100 OR NEW."previous_year_value" NOT BETWEEN 0 AND 100) THEN
    RAISE EXCEPTION 'field "%" is a percentage and must be between 0 and 100', field."key" USING ERRCODE = 'check_violation';
  END IF;
  IF field."kind" = 'RANK' THEN
    IF NEW."out_of" IS NULL OR NEW."out_of" < 1 OR NEW."number" < 1 OR NEW."number" > NEW."out_of" THEN
      RAISE EXCEPTION 'field "%" is a rank and must be a position from 1 to its "out of"', field."key" USING ERRCODE = 'check_violation';
    END IF;
  ELSIF NEW."out_of" IS NOT NULL THEN
    RAISE EXCEPTION 'only a rank has an "out of"; field "%" is not a rank', field."key" USING ERRCODE = 'check_violation';
  END IF;
  -- The field's hard limits: the admin's, else its kind's (KIND_LIMITS in packages/shared/src/plausibility.ts).
  lowest := CASE WHEN field."kind" IN ('COUNT', 'DECIMAL') THEN COALESCE(field."hard_min", 0) ELSE field."hard_min" END;
  highest := CASE WHEN field."kind" IN ('COUNT', 'DECIMAL') THEN COALESCE(field."hard_max", 1000000000000) ELSE field."hard_max" END;
  IF NEW."number" < lowest OR NEW."previous_year_value" < lowest OR NEW."number" > highest OR NEW."previous_year_value" > highest THEN
    RAISE EXCEPTION 'field "%" must be from % to %', field."key", COALESCE(lowest::text, 'any'), COALESCE(highest::text, 'any')
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;

DROP FUNCTION "refuse_write_to_closed_quarter"(INTEGER);

-- A reopening unlocks returns, so, like a change of a quarter's status, it is always on record: the
-- app audits its own reopenings and sign-offs in the same transaction; one made any other way is
-- recorded at commit, naming the role.
CREATE FUNCTION "quarter_reopenings_record_change"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  changed "quarter_reopenings"%ROWTYPE;
BEGIN
  changed := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  IF EXISTS (SELECT 1 FROM "audit_events" a
             WHERE a."quarter_id" = changed."quarter_id" AND a."entity_type" = 'quarter' AND a."transaction_id" = pg_current_xact_id()) THEN
    RETURN NULL;
  END IF;
  INSERT INTO "audit_events" ("action", "entity_type", "entity_id", "quarter_id", "before", "after")
  VALUES (
    'quarter.changed-outside-app', 'quarter', changed."quarter_id"::TEXT, changed."quarter_id",
    CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END,
    CASE WHEN TG_OP = 'DELETE' THEN jsonb_build_object('reopeningRemoved', OLD."id")
         ELSE to_jsonb(NEW) END
      || jsonb_build_object('by', 'Someone using the database directly (role ' || session_user || ')')
  );
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "quarter_reopenings_record_change"
  AFTER INSERT OR UPDATE OR DELETE ON "quarter_reopenings"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "quarter_reopenings_record_change"();

CREATE TRIGGER "quarter_reopenings_no_truncate" BEFORE TRUNCATE ON "quarter_reopenings"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_truncate"();

CREATE TRIGGER "quarter_reopenings_notify_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "quarter_reopenings"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_data_changed"();
