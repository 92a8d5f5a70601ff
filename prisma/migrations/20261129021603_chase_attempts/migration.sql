-- AlterTable
ALTER TABLE "chases" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 1;

-- A chase is tried at least once; only an automatic reminder is tried again, at most 3 times in all.
ALTER TABLE "chases"
  ADD CONSTRAINT "chases_attempts_in_range" CHECK ("attempts" = 1 OR ("reminder_id" IS NOT NULL AND "attempts" BETWEEN 2 AND 3));
