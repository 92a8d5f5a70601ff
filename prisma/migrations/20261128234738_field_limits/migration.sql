-- AlterTable
ALTER TABLE "indicator_fields" ADD COLUMN     "hard_max" DECIMAL(20,6),
ADD COLUMN     "hard_min" DECIMAL(20,6),
ADD COLUMN     "max_change" DECIMAL(20,6);

-- AlterTable
ALTER TABLE "returns" ADD COLUMN     "confirmed_outliers" JSONB NOT NULL DEFAULT '[]';

-- Hard limits in order, and a change factor that means something (a factor above 1; points above 0).
ALTER TABLE "indicator_fields"
  ADD CONSTRAINT "indicator_fields_hard_limits_in_order" CHECK ("hard_min" IS NULL OR "hard_max" IS NULL OR "hard_min" <= "hard_max"),
  ADD CONSTRAINT "indicator_fields_max_change_positive" CHECK ("max_change" IS NULL OR "max_change" > 0),
  ADD CONSTRAINT "indicator_fields_text_has_no_limits" CHECK (
    "kind" <> 'TEXT' OR ("hard_min" IS NULL AND "hard_max" IS NULL AND "max_change" IS NULL));

ALTER TABLE "returns"
  ADD CONSTRAINT "returns_confirmed_outliers_is_a_list" CHECK (jsonb_typeof("confirmed_outliers") = 'array');

-- The last line behind the application's check of each figure against its field's hard limits,
-- in the trigger that already reads the field for each value: the limits the admin set, else the
-- kind's defaults (a count or a decimal from 0 to 1,000,000,000,000).
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
