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

-- The last line behind the application's check of each figure against its field's hard limits:
-- the limits the admin set, else the kind's defaults (packages/shared/src/plausibility.ts
-- KIND_LIMITS: a count or a decimal from 0 to 1,000,000,000,000).
CREATE FUNCTION "return_values_within_field_limits"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  field "indicator_fields"%ROWTYPE;
  lowest NUMERIC;
  highest NUMERIC;
BEGIN
  SELECT * INTO field FROM "indicator_fields" f WHERE f."id" = NEW."field_id";
  IF field."kind" NOT IN ('COUNT', 'DECIMAL') THEN
    lowest := field."hard_min";
    highest := field."hard_max";
  ELSE
    lowest := COALESCE(field."hard_min", 0);
    highest := COALESCE(field."hard_max", 1000000000000);
  END IF;
  IF NEW."number" < lowest OR NEW."previous_year_value" < lowest OR NEW."number" > highest OR NEW."previous_year_value" > highest THEN
    RAISE EXCEPTION 'field "%" must be from % to %', field."key", COALESCE(lowest::text, 'any'), COALESCE(highest::text, 'any')
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "return_values_within_field_limits"
  BEFORE INSERT OR UPDATE ON "return_values"
  FOR EACH ROW EXECUTE FUNCTION "return_values_within_field_limits"();
