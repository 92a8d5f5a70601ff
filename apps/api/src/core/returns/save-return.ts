// A person saves a return: a data owner their organisation's, a manager "No data provided" for an
// outstanding one. Then the one write path (record-return.ts).
import type { ReturnRecord, SaveReturn } from "@quarterly-returns/shared";
import { allows, mayEnterFigures, refuse } from "../access.ts";
import type { Context } from "../context.ts";
import { assertOpenForEntry } from "../quarters/lock.ts";
import { findQuarter, type QuarterRow } from "../quarters/summary.ts";
import type { WatchedTable } from "../read-cache.ts";
import { findComparisons } from "./comparisons.ts";
import { findVisibleIndicator } from "./indicators.ts";
import type { IndicatorRow } from "./mapping.ts";
import { recordReturn } from "./record-return.ts";

const QUARTER_TABLES: WatchedTable[] = ["quarters", "quarter_reopenings", "reporting_years", "users", "indicators", "organisations"];

/** The quarter as kept: the checks on it are made again by the database as it writes (the lock). */
const findKeptQuarter = (context: Context, quarterId: number) =>
  context.cache.get(`quarter ${quarterId}`, QUARTER_TABLES, () => findQuarter(context.db, quarterId));

/**
 * Saves a return in one transaction: the return, its values and the audit event, or nothing.
 * The save names the version it was based on; a stale one answers 409 with the current return.
 */
export async function saveReturn(context: Context, indicatorId: number, quarterId: number, body: unknown): Promise<ReturnRecord> {
  // Asked together, the two kept reads share one check that the cache has heard every change.
  const [indicator, quarter] = await Promise.all([findVisibleIndicator(context, indicatorId), findKeptQuarter(context, quarterId)]);
  if (quarter.yearId === indicator.priority.yearId) assertOpenForEntry(quarter, indicator);
  // Only a submission's figures are asked about, so a draft's save need not look them up.
  const comparisons = isSubmission(body) ? await findComparisons(context.db, indicator, quarter) : undefined;
  return recordReturn(context, { indicator, quarter, body, comparisons, permit: (save) => permitSave(context, indicator, quarter, save) });
}

const isSubmission = (body: unknown) => typeof body === "object" && body !== null && (body as { status?: unknown }).status === "SUBMITTED";

async function permitSave(context: Context, indicator: IndicatorRow, quarter: QuarterRow, save: SaveReturn): Promise<void> {
  const recordingNotProvided = save.noData?.reason === "NOT_PROVIDED";
  if (mayEnterFigures(context.actor, indicator)) {
    if (recordingNotProvided) await refuse(context, 403, "Only the community safety manager can record that no data was provided.", { indicatorId: indicator.id });
  } else if (!(recordingNotProvided && allows(context.actor, "recordNotProvided"))) {
    await refuse(context, 403, `Only ${indicator.ownerOrganisation.name}'s data owners can enter these figures.`, { indicatorId: indicator.id, quarterId: quarter.id });
  }
}
