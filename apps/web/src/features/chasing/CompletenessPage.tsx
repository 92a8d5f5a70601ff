import { daysUntil, formatDate, isOutstanding, type Completeness, type OrganisationCompleteness } from "@quarterly-returns/shared";
import { chasedBy } from "./chased-by.ts";
import { useState } from "react";
import { Link } from "../../lib/router.tsx";
import { QuarterPicker } from "../../components/QuarterPicker.tsx";
import { QuarterStatus } from "../../components/QuarterStatus.tsx";
import { usePageTitle } from "../../lib/page-title.ts";
import { useSelectedQuarter } from "../../lib/selected-quarter.ts";
import { useCompleteness } from "./api/completeness.ts";
import { CellTag } from "./CellTag.tsx";
import { ConfirmedOutliers } from "../../components/ConfirmedOutliers.tsx";

const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;

export function CompletenessPage() {
  usePageTitle("Completeness");
  const { quarters, quarter, isPending } = useSelectedQuarter();
  const completeness = useCompleteness(quarter?.id);
  return (
    <>
      <h1 className="govuk-heading-l">Completeness</h1>
      {isPending && <p className="govuk-body">Loading…</p>}
      {!isPending && !quarter && <p className="govuk-body">No quarter has been opened for returns yet.</p>}
      {quarter && (
        <>
          <QuarterPicker quarters={quarters} current={quarter} />
          <QuarterStatus quarter={quarter} />
          <p className="govuk-body">
            <Link to={`/completeness/reminders?quarter=${quarter.id}`} className="govuk-link">Reminder schedule</Link>: the days reminders go out by themselves
          </p>
          {completeness.error && <p className="govuk-error-message">{completeness.error.message}</p>}
          {completeness.data && <Overview data={completeness.data} />}
        </>
      )}
    </>
  );
}

function Overview({ data }: { data: Completeness }) {
  const [outstandingOnly, setOutstandingOnly] = useState(false);
  const [organisationId, setOrganisationId] = useState("");
  const [priorityId, setPriorityId] = useState("");
  const open = data.quarter.status === "OPEN";

  const organisations = data.organisations
    .filter((entry) => !organisationId || entry.organisation.id === Number(organisationId))
    .map((entry) => ({
      ...entry,
      cells: entry.cells.filter(
        (cell) =>
          (!priorityId || cell.indicator.priorityId === Number(priorityId)) &&
          (!outstandingOnly || isOutstanding(cell.progress)),
      ),
    }))
    .filter((entry) => entry.cells.length > 0);

  return (
    <>
      {!data.mailConfigured && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            No mail server is configured (SMTP_URL), so chases are recorded but not emailed.
          </strong>
        </div>
      )}

      <dl className="app-headline" data-testid="headline">
        <div>
          <dt>Completeness</dt>
          <dd>{percent(data.completeness)}</dd>
          <dd className="govuk-body-s">{data.received} of {data.expected} returns in</dd>
        </div>
        <div>
          <dt>Timeliness</dt>
          <dd>{percent(data.timeliness)}</dd>
          <dd className="govuk-body-s">{data.receivedOnTime} of {data.expected} in by the due date</dd>
        </div>
        <div>
          <dt>Outstanding</dt>
          <dd>{data.outstanding}</dd>
          <dd className="govuk-body-s">missing, drafts and expected</dd>
        </div>
        <div>
          <dt>Overdue</dt>
          <dd>{data.overdue}</dd>
          <dd className="govuk-body-s">past the due date or their expected date</dd>
        </div>
      </dl>

      {open && (
        <div className="govuk-button-group">
          {data.overdue > 0 && (
            <Link to={`/completeness/chase-all?quarter=${data.quarter.id}&scope=overdue`} className="govuk-button" role="button" draggable={false}>
              Chase all overdue
            </Link>
          )}
          {data.outstanding > 0 && (
            <Link to={`/completeness/chase-all?quarter=${data.quarter.id}&scope=outstanding`} className="govuk-button govuk-button--secondary" role="button" draggable={false}>
              Remind everyone with outstanding returns
            </Link>
          )}
        </div>
      )}

      <ConfirmedOutliers outliers={data.outliers} />

      <div className="app-filters" role="search" aria-label="Filter the returns">
        <div className="govuk-checkboxes govuk-checkboxes--small">
          <div className="govuk-checkboxes__item">
            <input className="govuk-checkboxes__input" id="outstanding-only" type="checkbox" checked={outstandingOnly} onChange={(event) => setOutstandingOnly(event.target.checked)} />
            <label className="govuk-label govuk-checkboxes__label" htmlFor="outstanding-only">Outstanding only</label>
          </div>
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="filter-organisation">Organisation</label>
          <select id="filter-organisation" className="govuk-select" value={organisationId} onChange={(event) => setOrganisationId(event.target.value)}>
            <option value="">All organisations</option>
            {data.organisations.map((entry) => (
              <option key={entry.organisation.id} value={entry.organisation.id}>{entry.organisation.name}</option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="filter-priority">Priority</label>
          <select id="filter-priority" className="govuk-select" value={priorityId} onChange={(event) => setPriorityId(event.target.value)}>
            <option value="">All priorities</option>
            {data.priorities.map((priority) => (
              <option key={priority.id} value={priority.id}>Priority {priority.number}</option>
            ))}
          </select>
        </div>
      </div>

      {organisations.length === 0 && <p className="govuk-body">Nothing matches these filters.</p>}
      {organisations.map((entry) => (
        <OrganisationRow key={entry.organisation.id} entry={entry} data={data} open={open} />
      ))}

      <FollowUps data={data} />
    </>
  );
}

function OrganisationRow({ entry, data, open }: { entry: OrganisationCompleteness; data: Completeness; open: boolean }) {
  const days = daysUntil(data.quarter.dueDate);
  const due = days > 0 ? `due in ${days} day${days === 1 ? "" : "s"}` : days === 0 ? "due today" : `${-days} day${days === -1 ? "" : "s"} past the due date`;
  const expected = entry.cells.filter((cell) => cell.progress.state === "EXPECTED" && cell.progress.expectedOn);
  const chase = entry.lastChase;
  return (
    <section className="app-organisation" aria-labelledby={`organisation-${entry.organisation.id}`} data-testid={`organisation-${entry.organisation.shortName}`}>
      <div className="app-organisation__heading">
        <h2 className="govuk-heading-m" id={`organisation-${entry.organisation.id}`}>
          {entry.organisation.name}
        </h2>
        {open && entry.outstanding > 0 && (
          <Link to={`/completeness/chase/${entry.organisation.id}?quarter=${data.quarter.id}`} className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" role="button" draggable={false}>
            Chase<span className="govuk-visually-hidden"> {entry.organisation.name}</span>
          </Link>
        )}
      </div>
      <ul className="govuk-list app-organisation__facts">
        <li>
          <strong>{entry.outstanding} outstanding</strong>
          {entry.overdue > 0 && `, ${entry.overdue} overdue`} · {entry.received} of {entry.expected} in · {due}
        </li>
        {expected.length > 0 && (
          <li>Expected: {expected.map((cell) => `${cell.indicator.ref ?? cell.indicator.title} on ${formatDate(cell.progress.expectedOn!)}`).join(", ")}</li>
        )}
        <li data-testid="last-chase">
          {chase
            ? `Last chased ${formatDate(chase.sentAt)} at ${new Date(chase.sentAt).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })} ${chasedBy(chase)} (${chase.deliveryStatus === "SENT" ? "sent" : chase.deliveryStatus === "FAILED" ? "failed" : "not sent"})`
            : "Not chased this quarter"}
        </li>
      </ul>
      <table className="govuk-table">
        <caption className="govuk-visually-hidden">Returns of {entry.organisation.name}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header app-column-ref">Ref</th>
            <th scope="col" className="govuk-table__header">Indicator</th>
            <th scope="col" className="govuk-table__header app-column-state">State</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {entry.cells.map((cell) => (
            <tr className="govuk-table__row" key={cell.indicator.id}>
              <td className="govuk-table__cell">{cell.indicator.ref ?? ""}</td>
              <td className="govuk-table__cell">
                <Link to={`/returns/${cell.indicator.id}/${data.quarter.id}`} className="govuk-link">{cell.indicator.title}</Link>
                {cell.indicator.restricted && <strong className="govuk-tag govuk-tag--red app-tag-inline">Restricted</strong>}
              </td>
              <td className="govuk-table__cell">
                <CellTag cell={cell} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function FollowUps({ data }: { data: Completeness }) {
  return (
    <section aria-labelledby="follow-ups">
      <h2 className="govuk-heading-m" id="follow-ups">Expected dates to follow up</h2>
      {data.followUps.length === 0 ? (
        <p className="govuk-body">No return is waiting on an expected date.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet" data-testid="follow-ups">
          {data.followUps.map((followUp) => (
            <li key={followUp.indicator.id}>
              {followUp.organisation.shortName}: {followUp.indicator.ref ?? followUp.indicator.title} expected {formatDate(followUp.availableFrom)}
              {followUp.overdue && <strong className="govuk-tag govuk-tag--red app-tag-inline">Overdue</strong>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
