-- CreateTable
CREATE TABLE "partnership_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "partnership_name" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "partnership_settings_pkey" PRIMARY KEY ("id")
);

-- One row only, holding the demo partnership's name until an admin changes it.
ALTER TABLE "partnership_settings" ADD CONSTRAINT "partnership_settings_one_row" CHECK ("id" = 1);
INSERT INTO "partnership_settings" ("id", "partnership_name") VALUES (1, 'Safer Stockton Partnership');
