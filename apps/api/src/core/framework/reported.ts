// Which indicators a quarter reports, and what a signed-off quarter fixes. An indicator or a
// priority added during a year starts in the quarter after the last signed-off one, so no
// signed-off quarter lists it; one that a signed-off quarter reports keeps its wording, fields and
// owner while that quarter stays signed off.
import type { Prisma } from "@quarterly-returns/db";
import { quarterRange } from "@quarterly-returns/shared";
import type { Db } from "../context.ts";
import { ServiceError } from "../errors.ts";

/**
 * The indicators a year's quarters up to `through` report: started by then, and not retired unless
 * one of those quarters (`quarterIds`) has their return.
 */
export function reportedThrough(through: number, quarterIds: number[]): Prisma.IndicatorWhereInput {
  return { firstQuarter: { lte: through }, OR: [{ retired: false }, { returns: { some: { quarterId: { in: quarterIds } } } }] };
}

/** The indicators a quarter reports. */
export const reportedIn = (quarter: { id: number; number: number }) => reportedThrough(quarter.number, [quarter.id]);

/** The year's signed-off quarter numbers. */
async function signedOffNumbers(db: Db, yearId: number): Promise<number[]> {
  const quarters = await db.quarter.findMany({ where: { yearId, status: "CLOSED" }, select: { number: true } });
  return quarters.map((quarter) => quarter.number);
}

/** The quarter something added to the year now starts in; refused when every quarter is signed off. */
export async function startingQuarter(db: Db, year: { id: number; label: string }): Promise<number> {
  const last = Math.max(0, ...(await signedOffNumbers(db, year.id)));
  if (last === 4) {
    throw new ServiceError(409, `Every quarter of ${year.label} is signed off, so nothing can be added to its framework. Add it to next year's framework, or reopen the fourth quarter first.`);
  }
  return last + 1;
}

/** Each year's signed-off quarter numbers. */
export async function signedOffByYear(db: Db, yearIds: number[]): Promise<Map<number, number[]>> {
  const quarters = await db.quarter.findMany({ where: { yearId: { in: yearIds }, status: "CLOSED" }, select: { yearId: true, number: true }, orderBy: { number: "asc" } });
  const byYear = new Map<number, number[]>();
  for (const { yearId, number } of quarters) byYear.set(yearId, [...(byYear.get(yearId) ?? []), number]);
  return byYear;
}

/** The signed-off quarters that report something starting in `firstQuarter`: while there are any, it is fixed. */
export async function signedOffQuartersReporting(db: Db, yearId: number, firstQuarter: number): Promise<number[]> {
  return (await signedOffNumbers(db, yearId)).filter((number) => number >= firstQuarter).sort();
}

/** "Q1–Q3 2019/20", "Q2 2019/20", "Q1, Q3 2019/20": signed-off quarters named for a message. */
export const quartersNamed = (numbers: number[], yearLabel: string) => `${quarterRange(numbers)} ${yearLabel}`;
