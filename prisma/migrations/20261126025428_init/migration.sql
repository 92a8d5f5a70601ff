-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('DATA_OWNER', 'MANAGER', 'ADMIN');

-- CreateEnum
CREATE TYPE "QuarterStatus" AS ENUM ('PLANNED', 'OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "Polarity" AS ENUM ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER', 'NEUTRAL');

-- CreateEnum
CREATE TYPE "FieldKind" AS ENUM ('COUNT', 'DECIMAL', 'PERCENT', 'RANK', 'TEXT');

-- CreateEnum
CREATE TYPE "ReturnStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'NO_DATA');

-- CreateEnum
CREATE TYPE "NoDataReason" AS ENUM ('NOT_YET_AVAILABLE', 'NOT_RELEASED', 'NO_UPDATE', 'NOT_PROVIDED');

-- CreateEnum
CREATE TYPE "Rag" AS ENUM ('RED', 'AMBER', 'GREEN');

-- CreateEnum
CREATE TYPE "QueryStatus" AS ENUM ('OPEN', 'ANSWERED', 'CLOSED');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('SENT', 'FAILED', 'NOT_SENT');

-- CreateTable
CREATE TABLE "organisations" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "short_name" TEXT NOT NULL,
    "contact_name" TEXT,
    "contact_email" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organisations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "organisation_id" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "session_version" INTEGER NOT NULL DEFAULT 0,
    "must_change_password" BOOLEAN NOT NULL DEFAULT false,
    "last_sign_in_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reporting_years" (
    "id" SERIAL NOT NULL,
    "label" TEXT NOT NULL,
    "plan_year" INTEGER NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reporting_years_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quarters" (
    "id" SERIAL NOT NULL,
    "year_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "due_date" DATE NOT NULL,
    "status" "QuarterStatus" NOT NULL DEFAULT 'PLANNED',
    "signed_off_by_id" INTEGER,
    "signed_off_at" TIMESTAMPTZ(3),
    "reopened_by_id" INTEGER,
    "reopened_at" TIMESTAMPTZ(3),
    "reopen_reason" TEXT,

    CONSTRAINT "quarters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "priorities" (
    "id" SERIAL NOT NULL,
    "year_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL,

    CONSTRAINT "priorities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "indicators" (
    "id" SERIAL NOT NULL,
    "priority_id" INTEGER NOT NULL,
    "ref" TEXT,
    "title" TEXT NOT NULL,
    "owner_organisation_id" INTEGER NOT NULL,
    "lead_contact" TEXT,
    "restricted" BOOLEAN NOT NULL DEFAULT false,
    "polarity" "Polarity" NOT NULL DEFAULT 'NEUTRAL',
    "target" DECIMAL(20,6),
    "headline_field_key" TEXT,
    "sort_order" INTEGER NOT NULL,
    "previous_indicator_id" INTEGER,
    "retired" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "indicators_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "indicator_fields" (
    "id" SERIAL NOT NULL,
    "indicator_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "kind" "FieldKind" NOT NULL,
    "unit" TEXT,
    "compares_with_previous_year" BOOLEAN NOT NULL DEFAULT false,
    "required" BOOLEAN NOT NULL DEFAULT false,
    "soft_min" DECIMAL(20,6),
    "soft_max" DECIMAL(20,6),
    "sort_order" INTEGER NOT NULL,
    "retired" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "indicator_fields_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "returns" (
    "id" SERIAL NOT NULL,
    "indicator_id" INTEGER NOT NULL,
    "quarter_id" INTEGER NOT NULL,
    "status" "ReturnStatus" NOT NULL,
    "no_data_reason" "NoDataReason",
    "available_from" DATE,
    "explanation" TEXT,
    "commentary" TEXT,
    "rag_override" "Rag",
    "rag_override_reason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by_id" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submitted_by_id" INTEGER,
    "submitted_at" TIMESTAMPTZ(3),

    CONSTRAINT "returns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "return_values" (
    "id" SERIAL NOT NULL,
    "return_id" INTEGER NOT NULL,
    "field_id" INTEGER NOT NULL,
    "number" DECIMAL(20,6),
    "text" TEXT,
    "out_of" INTEGER,
    "previous_year_value" DECIMAL(20,6),

    CONSTRAINT "return_values_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "return_queries" (
    "id" SERIAL NOT NULL,
    "return_id" INTEGER NOT NULL,
    "field_key" TEXT,
    "text" TEXT NOT NULL,
    "status" "QueryStatus" NOT NULL DEFAULT 'OPEN',
    "raised_by_id" INTEGER NOT NULL,
    "raised_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "response" TEXT,
    "answered_by_id" INTEGER,
    "answered_at" TIMESTAMPTZ(3),
    "closed_by_id" INTEGER,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "return_queries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chases" (
    "id" SERIAL NOT NULL,
    "quarter_id" INTEGER NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "sent_by_id" INTEGER NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "delivery_status" "DeliveryStatus" NOT NULL,
    "delivery_error" TEXT,

    CONSTRAINT "chases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chase_items" (
    "chase_id" INTEGER NOT NULL,
    "indicator_id" INTEGER NOT NULL,
    "state" TEXT NOT NULL,

    CONSTRAINT "chase_items_pkey" PRIMARY KEY ("chase_id","indicator_id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" INTEGER,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT,
    "quarter_id" INTEGER,
    "organisation_id" INTEGER,
    "indicator_id" INTEGER,
    "before" JSONB,
    "after" JSONB,
    "client_address" TEXT,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organisations_name_key" ON "organisations"("name");

-- CreateIndex
CREATE UNIQUE INDEX "organisations_short_name_key" ON "organisations"("short_name");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_organisation_id_idx" ON "users"("organisation_id");

-- CreateIndex
CREATE UNIQUE INDEX "reporting_years_label_key" ON "reporting_years"("label");

-- CreateIndex
CREATE UNIQUE INDEX "quarters_year_id_number_key" ON "quarters"("year_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "priorities_year_id_number_key" ON "priorities"("year_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "indicators_previous_indicator_id_key" ON "indicators"("previous_indicator_id");

-- CreateIndex
CREATE INDEX "indicators_priority_id_idx" ON "indicators"("priority_id");

-- CreateIndex
CREATE INDEX "indicators_owner_organisation_id_idx" ON "indicators"("owner_organisation_id");

-- CreateIndex
CREATE UNIQUE INDEX "indicator_fields_indicator_id_key_key" ON "indicator_fields"("indicator_id", "key");

-- CreateIndex
CREATE INDEX "returns_quarter_id_idx" ON "returns"("quarter_id");

-- CreateIndex
CREATE UNIQUE INDEX "returns_indicator_id_quarter_id_key" ON "returns"("indicator_id", "quarter_id");

-- CreateIndex
CREATE INDEX "return_values_field_id_idx" ON "return_values"("field_id");

-- CreateIndex
CREATE UNIQUE INDEX "return_values_return_id_field_id_key" ON "return_values"("return_id", "field_id");

-- CreateIndex
CREATE INDEX "return_queries_return_id_idx" ON "return_queries"("return_id");

-- CreateIndex
CREATE INDEX "chases_quarter_id_organisation_id_idx" ON "chases"("quarter_id", "organisation_id");

-- CreateIndex
CREATE INDEX "audit_events_at_idx" ON "audit_events"("at");

-- CreateIndex
CREATE INDEX "audit_events_actor_id_idx" ON "audit_events"("actor_id");

-- CreateIndex
CREATE INDEX "audit_events_quarter_id_idx" ON "audit_events"("quarter_id");

-- CreateIndex
CREATE INDEX "audit_events_organisation_id_idx" ON "audit_events"("organisation_id");

-- CreateIndex
CREATE INDEX "audit_events_indicator_id_idx" ON "audit_events"("indicator_id");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quarters" ADD CONSTRAINT "quarters_year_id_fkey" FOREIGN KEY ("year_id") REFERENCES "reporting_years"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quarters" ADD CONSTRAINT "quarters_signed_off_by_id_fkey" FOREIGN KEY ("signed_off_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quarters" ADD CONSTRAINT "quarters_reopened_by_id_fkey" FOREIGN KEY ("reopened_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "priorities" ADD CONSTRAINT "priorities_year_id_fkey" FOREIGN KEY ("year_id") REFERENCES "reporting_years"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_priority_id_fkey" FOREIGN KEY ("priority_id") REFERENCES "priorities"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_owner_organisation_id_fkey" FOREIGN KEY ("owner_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_previous_indicator_id_fkey" FOREIGN KEY ("previous_indicator_id") REFERENCES "indicators"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indicator_fields" ADD CONSTRAINT "indicator_fields_indicator_id_fkey" FOREIGN KEY ("indicator_id") REFERENCES "indicators"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "returns" ADD CONSTRAINT "returns_indicator_id_fkey" FOREIGN KEY ("indicator_id") REFERENCES "indicators"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "returns" ADD CONSTRAINT "returns_quarter_id_fkey" FOREIGN KEY ("quarter_id") REFERENCES "quarters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "returns" ADD CONSTRAINT "returns_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "returns" ADD CONSTRAINT "returns_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "returns" ADD CONSTRAINT "returns_submitted_by_id_fkey" FOREIGN KEY ("submitted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "return_values" ADD CONSTRAINT "return_values_return_id_fkey" FOREIGN KEY ("return_id") REFERENCES "returns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "return_values" ADD CONSTRAINT "return_values_field_id_fkey" FOREIGN KEY ("field_id") REFERENCES "indicator_fields"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "return_queries" ADD CONSTRAINT "return_queries_return_id_fkey" FOREIGN KEY ("return_id") REFERENCES "returns"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "return_queries" ADD CONSTRAINT "return_queries_raised_by_id_fkey" FOREIGN KEY ("raised_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "return_queries" ADD CONSTRAINT "return_queries_answered_by_id_fkey" FOREIGN KEY ("answered_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "return_queries" ADD CONSTRAINT "return_queries_closed_by_id_fkey" FOREIGN KEY ("closed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chases" ADD CONSTRAINT "chases_quarter_id_fkey" FOREIGN KEY ("quarter_id") REFERENCES "quarters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chases" ADD CONSTRAINT "chases_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chases" ADD CONSTRAINT "chases_sent_by_id_fkey" FOREIGN KEY ("sent_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chase_items" ADD CONSTRAINT "chase_items_chase_id_fkey" FOREIGN KEY ("chase_id") REFERENCES "chases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chase_items" ADD CONSTRAINT "chase_items_indicator_id_fkey" FOREIGN KEY ("indicator_id") REFERENCES "indicators"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_quarter_id_fkey" FOREIGN KEY ("quarter_id") REFERENCES "quarters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Written by hand: the guarantees Prisma's schema language cannot express. Whatever the API does,
-- the database itself refuses these bad states.
-- ---------------------------------------------------------------------------------------------

-- Users: emails are stored lower-case, so the unique index on email is case-insensitive.
ALTER TABLE "users"
  ADD CONSTRAINT "users_email_lower_case" CHECK ("email" = lower("email") AND "email" LIKE '%_@_%'),
  ADD CONSTRAINT "users_data_owner_has_organisation" CHECK ("role" <> 'DATA_OWNER' OR "organisation_id" IS NOT NULL),
  ADD CONSTRAINT "users_session_version_not_negative" CHECK ("session_version" >= 0);

ALTER TABLE "reporting_years"
  ADD CONSTRAINT "reporting_years_dates_in_order" CHECK ("start_date" < "end_date");

-- Quarters: CLOSED exactly when signed off; a reopening records who, when and why.
ALTER TABLE "quarters"
  ADD CONSTRAINT "quarters_number_1_to_4" CHECK ("number" BETWEEN 1 AND 4),
  ADD CONSTRAINT "quarters_dates_in_order" CHECK ("start_date" < "end_date" AND "due_date" >= "start_date"),
  ADD CONSTRAINT "quarters_closed_means_signed_off" CHECK (
    CASE WHEN "status" = 'CLOSED'
      THEN "signed_off_at" IS NOT NULL AND "signed_off_by_id" IS NOT NULL
      ELSE "signed_off_at" IS NULL AND "signed_off_by_id" IS NULL
    END),
  ADD CONSTRAINT "quarters_reopening_complete" CHECK (
    ("reopened_at" IS NULL) = ("reopened_by_id" IS NULL)
    AND ("reopened_at" IS NULL) = ("reopen_reason" IS NULL)
    AND ("reopen_reason" IS NULL OR btrim("reopen_reason") <> ''));

ALTER TABLE "priorities"
  ADD CONSTRAINT "priorities_number_positive" CHECK ("number" > 0);

-- Indicators: the headline field must be one of the indicator's own fields (deferred, so an
-- indicator and its fields can be created in one transaction).
ALTER TABLE "indicators"
  ADD CONSTRAINT "indicators_headline_field_fkey" FOREIGN KEY ("id", "headline_field_key")
    REFERENCES "indicator_fields" ("indicator_id", "key") ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ADD CONSTRAINT "indicators_lineage_not_itself" CHECK ("previous_indicator_id" <> "id"),
  ADD CONSTRAINT "indicators_title_not_blank" CHECK (btrim("title") <> '');

ALTER TABLE "indicator_fields"
  ADD CONSTRAINT "indicator_fields_key_format" CHECK ("key" ~ '^[a-zA-Z][a-zA-Z0-9_]{0,49}$'),
  ADD CONSTRAINT "indicator_fields_soft_range_in_order" CHECK ("soft_min" IS NULL OR "soft_max" IS NULL OR "soft_min" <= "soft_max"),
  ADD CONSTRAINT "indicator_fields_text_has_no_numbers" CHECK (
    "kind" <> 'TEXT' OR (NOT "compares_with_previous_year" AND "soft_min" IS NULL AND "soft_max" IS NULL));

-- Returns: "no data" is a status with a reason, never a zero or a sentinel value.
ALTER TABLE "returns"
  ADD CONSTRAINT "returns_no_data_has_reason" CHECK (("status" = 'NO_DATA') = ("no_data_reason" IS NOT NULL)),
  ADD CONSTRAINT "returns_not_yet_available_has_date" CHECK (
    ("no_data_reason" IS NOT DISTINCT FROM 'NOT_YET_AVAILABLE') = ("available_from" IS NOT NULL)),
  ADD CONSTRAINT "returns_not_released_has_explanation" CHECK (
    "no_data_reason" IS DISTINCT FROM 'NOT_RELEASED' OR btrim(coalesce("explanation", '')) <> ''),
  ADD CONSTRAINT "returns_rag_override_has_reason" CHECK (
    ("rag_override" IS NULL) = ("rag_override_reason" IS NULL)
    AND ("rag_override_reason" IS NULL OR btrim("rag_override_reason") <> '')),
  ADD CONSTRAINT "returns_version_positive" CHECK ("version" >= 1),
  ADD CONSTRAINT "returns_submitted_has_submitter" CHECK (
    "status" = 'DRAFT' OR ("submitted_at" IS NOT NULL AND "submitted_by_id" IS NOT NULL));

ALTER TABLE "return_values"
  ADD CONSTRAINT "return_values_number_or_text" CHECK ("number" IS NULL OR "text" IS NULL);

ALTER TABLE "return_queries"
  ADD CONSTRAINT "return_queries_text_not_blank" CHECK (btrim("text") <> ''),
  ADD CONSTRAINT "return_queries_answer_complete" CHECK (
    ("response" IS NULL) = ("answered_at" IS NULL) AND ("answered_at" IS NULL) = ("answered_by_id" IS NULL)),
  ADD CONSTRAINT "return_queries_closed_complete" CHECK (
    ("status" = 'CLOSED') = ("closed_at" IS NOT NULL) AND ("closed_at" IS NULL) = ("closed_by_id" IS NULL));

ALTER TABLE "chases"
  ADD CONSTRAINT "chases_failure_has_error" CHECK (("delivery_status" = 'SENT') = ("delivery_error" IS NULL));

-- A signed-off quarter is locked: no insert, update or delete of its returns or their values,
-- from any role, through any path. The quarter row is read FOR SHARE, so a sign-off (which takes
-- the quarter row FOR UPDATE before recording missing returns) and a save cannot interleave.
CREATE FUNCTION "refuse_write_to_closed_quarter"(quarter_id INTEGER) RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
  quarter_status "QuarterStatus";
BEGIN
  SELECT "status" INTO quarter_status FROM "quarters" WHERE "id" = quarter_id FOR SHARE;
  IF quarter_status = 'CLOSED' THEN
    RAISE EXCEPTION 'quarter % is signed off and locked; its returns cannot be changed', quarter_id
      USING ERRCODE = 'QR423', HINT = 'An admin must reopen the quarter first.';
  END IF;
END
$$;

CREATE FUNCTION "returns_lock_closed_quarter"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM "refuse_write_to_closed_quarter"(OLD."quarter_id"); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM "refuse_write_to_closed_quarter"(NEW."quarter_id"); END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE TRIGGER "returns_lock_closed_quarter"
  BEFORE INSERT OR UPDATE OR DELETE ON "returns"
  FOR EACH ROW EXECUTE FUNCTION "returns_lock_closed_quarter"();

-- Return values: the quarter lock, and the value must fit its field's kind and belong to the
-- return's own indicator.
CREATE FUNCTION "return_values_check_and_lock"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  quarter_id INTEGER;
  return_indicator INTEGER;
  field "indicator_fields"%ROWTYPE;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    SELECT r."quarter_id" INTO quarter_id FROM "returns" r WHERE r."id" = OLD."return_id";
    PERFORM "refuse_write_to_closed_quarter"(quarter_id);
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;

  SELECT r."quarter_id", r."indicator_id" INTO quarter_id, return_indicator FROM "returns" r WHERE r."id" = NEW."return_id";
  PERFORM "refuse_write_to_closed_quarter"(quarter_id);

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
  RETURN NEW;
END
$$;

CREATE TRIGGER "return_values_check_and_lock"
  BEFORE INSERT OR UPDATE OR DELETE ON "return_values"
  FOR EACH ROW EXECUTE FUNCTION "return_values_check_and_lock"();

-- The audit log is append-only.
CREATE FUNCTION "audit_events_append_only"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only: % is refused', TG_OP USING ERRCODE = 'QRAPP';
END
$$;

CREATE TRIGGER "audit_events_append_only"
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();

CREATE TRIGGER "audit_events_no_truncate"
  BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"();
