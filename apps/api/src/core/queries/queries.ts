// Queries on figures: a manager asks about a submitted return, its data owners answer, the manager
// closes it. A signed-off quarter's queries are locked with its returns (423, and the database's
// own lock on return_queries). Raising one e-mails the owning organisation's data owners; an
// answer e-mails the manager who asked (query-mail.ts), once the query is saved.
import type { QueryRecord } from "@quarterly-returns/shared";
import { authorize, mayEnterFigures, personOf, refuse, visibleIndicators } from "../access.ts";
import { transaction, type Context } from "../context.ts";
import { ServiceError } from "../errors.ts";
import { assertNotSignedOff } from "../quarters/lock.ts";
import { quarterSummaryInclude, toQuarterSummary } from "../quarters/summary.ts";
import { queryInclude, toQueryRecord } from "./mapping.ts";
import { composeQueryAnswered, composeQueryRaised, sendQueryMail, type QueryMail } from "./query-mail.ts";

const LOCKED = "its queries can no longer be raised, answered or closed";

/** A manager's question on a submitted return of an open quarter. */
export async function raiseQuery(
  context: Context,
  target: { indicatorId: number; quarterId: number },
  query: { fieldKey?: string | null | undefined; text: string },
): Promise<QueryRecord> {
  await authorize(context, "raiseQueries");
  const person = personOf(context);
  const { record, mail } = await transaction(context, async (tx) => {
    const found = await tx.db.return.findUnique({
      where: { indicatorId_quarterId: target },
      include: {
        quarter: { include: quarterSummaryInclude },
        indicator: { include: { fields: true, ownerOrganisation: { include: { users: { where: { role: "DATA_OWNER", active: true }, select: { email: true }, orderBy: { email: "asc" } } } } } },
      },
    });
    if (!found) throw new ServiceError(404, "There is no return to query yet.");
    assertNotSignedOff(found.quarter, LOCKED, found.indicator);
    if (found.status === "DRAFT") throw new ServiceError(409, "The return is still a draft: query it once it is submitted.");
    const fieldKey = query.fieldKey ?? null;
    if (fieldKey && !found.indicator.fields.some((field) => field.key === fieldKey)) {
      throw new ServiceError(400, `There is no field "${fieldKey}" on this indicator.`, { fields: { fieldKey: "Choose a figure of this indicator" } });
    }
    const created = await tx.db.returnQuery.create({
      data: { returnId: found.id, fieldKey, text: query.text, raisedById: person.id, raisedAt: tx.now() },
      include: queryInclude,
    });
    await tx.audit({
      action: "query.raise",
      entityType: "query",
      entityId: created.id,
      quarterId: found.quarterId,
      indicatorId: found.indicatorId,
      organisationId: found.indicator.ownerOrganisationId,
      after: { text: created.text, fieldKey },
    });
    const { indicator } = found;
    const about = {
      quarterName: toQuarterSummary(found.quarter).name,
      quarterId: found.quarterId,
      indicator,
      fieldLabel: indicator.fields.find((field) => field.key === fieldKey)?.label ?? null,
      appUrl: tx.appUrl,
    };
    const mail: QueryMail = {
      queryId: created.id,
      quarterId: found.quarterId,
      indicatorId: indicator.id,
      organisationId: indicator.ownerOrganisationId,
      to: indicator.ownerOrganisation.users.map((user) => user.email),
      nobody: `${indicator.ownerOrganisation.name} has no data owner who can sign in`,
      ...composeQueryRaised(about, { text: created.text, raisedBy: person.name }),
    };
    return { record: toQueryRecord(created), mail };
  });
  await sendQueryMail(context, mail);
  return record;
}

/** An open (or answered) query the actor may see, on a quarter that is not signed off. */
async function findOpenQuery(context: Context, id: number) {
  const query = await context.db.returnQuery.findFirst({
    where: { id, return: { indicator: visibleIndicators(context.actor) } },
    include: { ...queryInclude, return: { include: { indicator: { include: { ownerOrganisation: { select: { name: true } } } }, quarter: { include: quarterSummaryInclude } } } },
  });
  if (!query) throw new ServiceError(404, "There is no such query.");
  assertNotSignedOff(query.return.quarter, LOCKED, query.return.indicator);
  if (query.status === "CLOSED") throw new ServiceError(409, "This query has been closed.");
  return query;
}

/** The data owner's answer; they may also have changed the figures. */
export async function answerQuery(context: Context, id: number, response: string): Promise<QueryRecord> {
  const person = personOf(context);
  // Checked before the transaction: a refusal is audited, and the audit must not roll back with it.
  const query = await findOpenQuery(context, id);
  if (!mayEnterFigures(context.actor, query.return.indicator)) {
    await refuse(context, 403, "Only the data owners of the indicator's organisation answer its queries.", { queryId: id });
  }
  const { record, mail } = await transaction(context, async (tx) => {
    const answered = await tx.db.returnQuery.update({
      where: { id, status: { not: "CLOSED" } },
      data: { response, status: "ANSWERED", answeredById: person.id, answeredAt: tx.now() },
      include: { ...queryInclude, raisedBy: { select: { id: true, name: true, email: true, active: true } } },
    });
    await tx.audit({
      action: "query.answer",
      entityType: "query",
      entityId: id,
      quarterId: query.return.quarterId,
      indicatorId: query.return.indicatorId,
      organisationId: query.return.indicator.ownerOrganisationId,
      before: { response: query.response },
      after: { response },
    });
    const { indicator, quarter } = query.return;
    const about = {
      quarterName: toQuarterSummary(quarter).name,
      quarterId: quarter.id,
      indicator,
      fieldLabel: null,
      appUrl: tx.appUrl,
    };
    const raiser = answered.raisedBy;
    const mail: QueryMail = {
      queryId: id,
      quarterId: quarter.id,
      indicatorId: indicator.id,
      organisationId: indicator.ownerOrganisationId,
      to: raiser.active ? [raiser.email] : [],
      nobody: `${raiser.name}'s account is deactivated`,
      ...composeQueryAnswered(about, { text: answered.text, response, raisedBy: raiser.name, answeredBy: person.name, organisation: indicator.ownerOrganisation.name }),
    };
    return { record: toQueryRecord({ ...answered, raisedBy: { id: raiser.id, name: raiser.name } }), mail };
  });
  await sendQueryMail(context, mail);
  return record;
}

export async function closeQuery(context: Context, id: number): Promise<QueryRecord> {
  await authorize(context, "raiseQueries");
  const person = personOf(context);
  const query = await findOpenQuery(context, id);
  return transaction(context, async (tx) => {
    const closed = await tx.db.returnQuery.update({
      where: { id, status: { not: "CLOSED" } },
      data: { status: "CLOSED", closedById: person.id, closedAt: tx.now() },
      include: queryInclude,
    });
    await tx.audit({
      action: "query.close",
      entityType: "query",
      entityId: id,
      quarterId: query.return.quarterId,
      indicatorId: query.return.indicatorId,
      organisationId: query.return.indicator.ownerOrganisationId,
    });
    return toQueryRecord(closed);
  });
}
