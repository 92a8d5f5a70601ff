-- CreateEnum
CREATE TYPE "ReminderTrigger" AS ENUM ('SCHEDULE', 'EXPECTED_DATE');

-- CreateEnum
CREATE TYPE "ReminderOutcome" AS ENUM ('SENT', 'NOTHING_OUTSTANDING', 'SUPERSEDED', 'ALREADY_CHASED');

-- AlterTable
ALTER TABLE "quarters" ADD COLUMN     "reminders_set_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "chases" ADD COLUMN     "copy_to" TEXT,
ADD COLUMN     "reminder_id" INTEGER,
ALTER COLUMN "sent_by_id" DROP NOT NULL;

-- CreateTable
CREATE TABLE "reminder_steps" (
    "id" SERIAL NOT NULL,
    "quarter_id" INTEGER NOT NULL,
    "send_on" DATE NOT NULL,

    CONSTRAINT "reminder_steps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reminders" (
    "id" SERIAL NOT NULL,
    "quarter_id" INTEGER NOT NULL,
    "trigger" "ReminderTrigger" NOT NULL,
    "due_on" DATE NOT NULL,
    "organisation_id" INTEGER,
    "outcome" "ReminderOutcome" NOT NULL,
    "ran_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reminders_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "reminder_steps_quarter_id_send_on_key" ON "reminder_steps"("quarter_id", "send_on");

-- CreateIndex
CREATE UNIQUE INDEX "chases_reminder_id_organisation_id_key" ON "chases"("reminder_id", "organisation_id");

-- AddForeignKey
ALTER TABLE "chases" ADD CONSTRAINT "chases_reminder_id_fkey" FOREIGN KEY ("reminder_id") REFERENCES "reminders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reminder_steps" ADD CONSTRAINT "reminder_steps_quarter_id_fkey" FOREIGN KEY ("quarter_id") REFERENCES "quarters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_quarter_id_fkey" FOREIGN KEY ("quarter_id") REFERENCES "quarters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A chase is sent by a person or by an automatic reminder, never both, never neither.
ALTER TABLE "chases"
  ADD CONSTRAINT "chases_sent_by_person_or_reminder" CHECK (("sent_by_id" IS NULL) <> ("reminder_id" IS NULL));

-- Each day of a quarter's schedule is reminded once, and each passed expected date once per
-- organisation, whichever server's job gets there first: a second insert of the same reminder
-- fails, so the server that loses sends nothing. NULLS NOT DISTINCT makes the schedule's days
-- (organisation_id null) unique too.
CREATE UNIQUE INDEX "reminders_once" ON "reminders" ("quarter_id", "trigger", "due_on", "organisation_id") NULLS NOT DISTINCT;

CREATE TRIGGER "reminder_steps_no_truncate" BEFORE TRUNCATE ON "reminder_steps" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_truncate"();
CREATE TRIGGER "reminders_no_truncate" BEFORE TRUNCATE ON "reminders" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_truncate"();
