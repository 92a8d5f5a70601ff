-- AlterTable
ALTER TABLE "priorities" ADD COLUMN     "first_quarter" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "indicators" ADD COLUMN     "first_quarter" INTEGER NOT NULL DEFAULT 1;

-- A year has four quarters.
ALTER TABLE "priorities" ADD CONSTRAINT "priorities_first_quarter_of_the_year" CHECK ("first_quarter" BETWEEN 1 AND 4);
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_first_quarter_of_the_year" CHECK ("first_quarter" BETWEEN 1 AND 4);

-- Queries on a signed-off quarter's returns are locked with them: none is raised, answered,
-- closed or deleted until an admin reopens the quarter, whatever connection tries.
CREATE FUNCTION "return_queries_lock_closed_quarter"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM "refuse_write_to_closed_quarter"((SELECT r."quarter_id" FROM "returns" r WHERE r."id" = OLD."return_id")); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM "refuse_write_to_closed_quarter"((SELECT r."quarter_id" FROM "returns" r WHERE r."id" = NEW."return_id")); END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE TRIGGER "return_queries_lock_closed_quarter"
  BEFORE INSERT OR UPDATE OR DELETE ON "return_queries"
  FOR EACH ROW EXECUTE FUNCTION "return_queries_lock_closed_quarter"();
