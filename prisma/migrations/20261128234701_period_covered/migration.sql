-- CreateEnum
CREATE TYPE "PeriodBasis" AS ENUM ('QUARTER', 'YEAR_TO_DATE', 'ROLLING_12_MONTHS', 'COHORT', 'AS_STATED');

-- AlterTable
ALTER TABLE "indicators" ADD COLUMN     "period_basis" "PeriodBasis" NOT NULL DEFAULT 'QUARTER',
ADD COLUMN     "period_lag_months" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "returns" ADD COLUMN     "period_covered" TEXT;

-- A lag is a few months or years behind the quarter, never ahead of it.
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_period_lag_months_check" CHECK ("period_lag_months" BETWEEN 0 AND 36);
