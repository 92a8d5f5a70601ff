import type { WatchedTable } from "../read-cache.ts";
import { audienceOf, refuse, visibleIndicators } from "../access.ts";
import type { Context } from "../context.ts";
import { ServiceError } from "../errors.ts";
import { indicatorInclude, type IndicatorRow } from "./mapping.ts";

export const INDICATOR_TABLES: WatchedTable[] = ["indicators", "indicator_fields", "priorities", "organisations", "reporting_years"];

/**
 * The indicator, if the actor may see it. Another organisation's indicator is refused with 403
 * (the framework is no secret), a restricted one with 404 (its existence is); both are audited.
 */
export async function findVisibleIndicator(context: Context, indicatorId: number): Promise<IndicatorRow> {
  const { actor, cache, db } = context;
  const indicator = await cache.get(`indicator ${indicatorId} for ${audienceOf(actor)}`, INDICATOR_TABLES, () =>
    db.indicator.findFirst({ where: { id: indicatorId, ...visibleIndicators(actor) }, include: indicatorInclude }),
  );
  if (indicator) return indicator;
  const hidden = await db.indicator.findUnique({ where: { id: indicatorId }, include: { ownerOrganisation: true } });
  if (!hidden) throw new ServiceError(404, "There is no such indicator.");
  if (hidden.restricted) return refuse(context, 404, "There is no such indicator.", { indicatorId });
  return refuse(context, 403, `This indicator belongs to ${hidden.ownerOrganisation.name}: only its data owners can see and enter its returns.`, { indicatorId });
}

/** What a quarter's list of returns is read from. */
export const RETURN_TABLES: WatchedTable[] = [...INDICATOR_TABLES, "quarters", "quarter_reopenings", "users", "returns", "return_values", "return_queries"];
