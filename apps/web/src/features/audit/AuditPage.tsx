import { fieldChangeText, formatDate, type AuditEventRecord, type AuditPage as Page } from "@quarterly-returns/shared";
import { auditActionLabel, auditEventLabel, type AuditAction } from "@quarterly-returns/shared/audit-actions";
import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "../../lib/router.tsx";
import { api } from "../../lib/api-client.ts";
import { useOrganisations } from "../../lib/organisations.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { useQuarters } from "../../lib/quarters.ts";

const FILTERS = ["actorId", "organisationId", "indicatorId", "quarterId", "action", "from", "to", "signIns"] as const;

/** Who changed what, when, before and after; filtered in the address so a view can be shared. */
export function AuditPage() {
  usePageTitle("Audit log");
  const [search, setSearch] = useSearchParams();
  const query = new URLSearchParams([...search.entries()].filter(([key, value]) => value && (FILTERS as readonly string[]).includes(key)));
  const page = Math.max(1, Number(search.get("page") ?? 1));
  const audit = useQuery({
    queryKey: ["audit", query.toString(), page],
    queryFn: ({ signal }) => api<Page>(`/audit?${query.toString()}&page=${page}&pageSize=50`, { signal }),
  });
  const organisations = useOrganisations();
  const quarters = useQuarters();
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete("page");
    setSearch(next);
  };
  const select = (key: (typeof FILTERS)[number], label: string, options: { value: string | number; label: string }[]) => (
    <div className="govuk-form-group">
      <label className="govuk-label" htmlFor={`filter-${key}`}>{label}</label>
      <select id={`filter-${key}`} className="govuk-select" value={search.get(key) ?? ""} onChange={(event) => set(key, event.target.value)}>
        <option value="">All</option>
        {options.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
      </select>
    </div>
  );
  const data = audit.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <>
      <h1 className="govuk-heading-l">Audit log</h1>
      <p className="govuk-body">Every change and refusal, with what it changed, and every sign-in. Nobody can edit or delete it.</p>
      <div className="app-filters" role="search" aria-label="Filter the audit log">
        {select("actorId", "Person", (data?.people ?? []).map((person) => ({ value: person.id, label: person.name })))}
        {select("organisationId", "Organisation", (organisations.data ?? []).map((organisation) => ({ value: organisation.id, label: organisation.shortName })))}
        {select("indicatorId", "Indicator", (data?.indicators ?? []).map((indicator) => ({ value: indicator.id, label: `${indicator.ref ?? ""} ${indicator.title}`.trim().slice(0, 60) })))}
        {select("quarterId", "Quarter", (quarters.data ?? []).map((quarter) => ({ value: quarter.id, label: quarter.name })))}
        {select("action", "Action", (data?.actions ?? []).map((action) => ({ value: action, label: auditActionLabel(action) })).sort((a, b) => a.label.localeCompare(b.label, "en-GB")))}
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="filter-from">From</label>
          <input id="filter-from" type="date" className="govuk-input" value={search.get("from") ?? ""} onChange={(event) => set("from", event.target.value)} />
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="filter-to">To</label>
          <input id="filter-to" type="date" className="govuk-input" value={search.get("to") ?? ""} onChange={(event) => set("to", event.target.value)} />
        </div>
        <div className="govuk-form-group">
          <div className="govuk-checkboxes govuk-checkboxes--small">
            <div className="govuk-checkboxes__item">
              <input
                id="filter-signIns"
                type="checkbox"
                className="govuk-checkboxes__input"
                checked={search.get("signIns") === "shown"}
                onChange={(event) => set("signIns", event.target.checked ? "shown" : "")}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="filter-signIns">Show sign-ins, sign-outs and password changes</label>
            </div>
          </div>
        </div>
      </div>
      <p className="govuk-body">
        <a href={`/api/audit.csv?${query.toString()}`} className="govuk-link" download>
          Download these events as CSV
        </a>
      </p>
      {audit.isPending && <p className="govuk-body">Loading…</p>}
      {audit.error && <p className="govuk-error-message">{audit.error.message}</p>}
      {data && (
        <>
          <p className="govuk-body" data-testid="audit-total">{data.total.toLocaleString("en-GB")} events</p>
          <table className="govuk-table app-stacked-table">
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">When</th>
                <th scope="col" className="govuk-table__header">Who</th>
                <th scope="col" className="govuk-table__header">What</th>
                <th scope="col" className="govuk-table__header">About</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {data.events.map((event) => <Row key={event.id} event={event} />)}
            </tbody>
          </table>
          {pages > 1 && (
            <nav className="govuk-pagination" aria-label="Pages of the audit log">
              {page > 1 && (
                <div className="govuk-pagination__prev">
                  <Link className="govuk-link govuk-pagination__link" to={`?${withPage(search, page - 1)}`} rel="prev">
                    <span className="govuk-pagination__link-title">Newer</span>
                  </Link>
                </div>
              )}
              <p className="govuk-body govuk-pagination__list">Page {page} of {pages}</p>
              {page < pages && (
                <div className="govuk-pagination__next">
                  <Link className="govuk-link govuk-pagination__link" to={`?${withPage(search, page + 1)}`} rel="next">
                    <span className="govuk-pagination__link-title">Older</span>
                  </Link>
                </div>
              )}
            </nav>
          )}
        </>
      )}
    </>
  );
}

function withPage(search: URLSearchParams, page: number) {
  const next = new URLSearchParams(search);
  next.set("page", String(page));
  return next.toString();
}

function Row({ event }: { event: AuditEventRecord }) {
  const reason = auditEventReason(event);
  const about = [event.quarter?.name, event.organisation?.shortName, event.indicator ? event.indicator.ref ?? event.indicator.title : null].filter(Boolean).join(" · ");
  return (
    <tr className="govuk-table__row">
      <td className="govuk-table__cell" data-label="When">
        {formatDate(event.at)} {new Date(event.at).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })}
      </td>
      <td className="govuk-table__cell" data-label="Who">{event.actor?.name ?? systemName(event.after) ?? emailTried(event.after) ?? "—"}</td>
      <td className="govuk-table__cell" data-label="What">
        {event.action === "query.email" ? (queryEmailLabel(event.after) ?? auditEventLabel(event)) : auditEventLabel(event)}
        {reason && <p className="govuk-body-s govuk-!-margin-bottom-1" data-testid="reason">Reason: {reason}</p>}
        {event.changes ? (
          event.changes.length > 0 && (
            <ul className="govuk-list govuk-body-s govuk-!-margin-bottom-0" data-testid="field-changes">
              {event.changes.map((change) => <li key={change.label}>{fieldChangeText(change)}</li>)}
            </ul>
          )
        ) : (event.before !== null || event.after !== null) && (
          <details className="govuk-details govuk-!-margin-bottom-0">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">Before and after</span>
            </summary>
            <div className="govuk-details__text">
              {event.before !== null && <pre className="app-json">Before: {JSON.stringify(event.before, null, 1)}</pre>}
              {event.after !== null && <pre className="app-json">After: {JSON.stringify(event.after, null, 1)}</pre>}
            </div>
          </details>
        )}
      </td>
      <td className="govuk-table__cell" data-label="About">{about}</td>
    </tr>
  );
}

// Here, not in packages/shared: only this page (an admin's and manager's, loaded on demand) needs
// these words, and the shared package is in every data owner's download.

/** The actions whose `after.reason` is the person's own words: why they did it. */
const GIVEN_REASONS: ReadonlySet<string> = new Set<AuditAction>(["user.deactivate", "framework.indicator-retire", "quarter.reopen"]);

/** Why the person did it, in their words, for an action that asks: "Left the partnership in March". */
function auditEventReason(event: AuditEventRecord): string | null {
  if (!GIVEN_REASONS.has(event.action)) return null;
  const reason = textOf(event.after, "reason");
  return reason || null;
}

/** A query's e-mail, with what became of it: "E-mailed about a query to …", "Query not e-mailed: e-mail is not set up". */
function queryEmailLabel(after: unknown): string | null {
  const delivery = textOf(after, "delivery");
  const problem = textOf(after, "problem");
  const to = after && typeof after === "object" ? (after as { to?: unknown }).to : undefined;
  if (delivery === "SENT" && Array.isArray(to)) return `E-mailed about a query to ${to.join(", ")}`;
  if (delivery === "NOT_SENT") return `Query not e-mailed: ${problem}`;
  if (delivery === "FAILED") return `Query e-mail could not be sent: ${problem}`;
  return null;
}

/** Work the product did itself names itself in what it wrote ("Demo data"). */
function systemName(after: unknown): string | null {
  return textOf(after, "by");
}

/** A sign-in that names no account (a wrong email, or one slowed down before its password was checked): the email tried. */
function emailTried(after: unknown): string | null {
  return textOf(after, "email");
}

function textOf(after: unknown, key: string): string | null {
  const value = after && typeof after === "object" ? (after as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" ? value : null;
}
