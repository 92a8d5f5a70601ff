// What a quarter's status allows. A signed-off quarter is locked for everyone and every way in;
// the database refuses the same writes (the lock triggers), so this is the first line, not the only one.
import { reopeningCovers } from "@quarterly-returns/shared";
import { longDate } from "../../lib/dates.ts";
import { ServiceError } from "../errors.ts";
import { toQuarterSummary, type QuarterRow } from "./summary.ts";

/** The return of an indicator, for the lock: which organisation owns it. */
export interface LockedReturn {
  id: number;
  ownerOrganisationId: number;
}

/** Whether this indicator's return may be written: its quarter is not signed off, or its part of it is reopened. */
export function isWritable(quarter: QuarterRow, indicator: LockedReturn): boolean {
  return quarter.status !== "CLOSED" || toQuarterSummary(quarter).partlyReopened.some((reopening) => reopeningCovers(reopening, { id: indicator.id, organisationId: indicator.ownerOrganisationId }));
}

/**
 * 423 when the quarter is signed off: nothing about its returns may change; with an indicator,
 * unless its part of the quarter has been reopened.
 */
export function assertNotSignedOff(quarter: QuarterRow, what = "its returns can no longer be changed", indicator?: LockedReturn): void {
  if (indicator ? isWritable(quarter, indicator) : quarter.status !== "CLOSED") return;
  const by = quarter.signedOffBy ? ` by ${quarter.signedOffBy.name}` : "";
  throw new ServiceError(423, `${toQuarterSummary(quarter).name} was signed off on ${longDate(quarter.signedOffAt!)}${by}; ${what}.`);
}

/** 423 unless the quarter (or, given the indicator, its part of it) is open for people to enter returns. */
export function assertOpenForEntry(quarter: QuarterRow, indicator?: LockedReturn): void {
  assertNotSignedOff(quarter, undefined, indicator);
  if (quarter.status === "PLANNED") throw new ServiceError(423, `${toQuarterSummary(quarter).name} is not open for returns yet.`);
}

/** The database's own lock on a signed-off quarter (the triggers' SQLSTATE QR423). */
export function isQuarterLockedError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (code === "QR423" || (typeof message === "string" && message.includes("signed off and locked"))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
