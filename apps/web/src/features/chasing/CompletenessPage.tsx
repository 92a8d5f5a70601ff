import { formatDate, isOutstanding, mayRemind, type Completeness } from "@quarterly-returns/shared";
import { useState } from "react";
import { Link } from "../../lib/router.tsx";
import { QuarterPicker } from "../../components/QuarterPicker.tsx";
import { QuarterStatus } from "../../components/QuarterStatus.tsx";
import { usePageTitle } from "../../lib/page-title.ts";
import { useSelectedQuarter } from "../../lib/selected-quarter.ts";
import { useCompleteness } from "./api/completeness.ts";
import { CompletenessMatrix, MatrixKey } from "./CompletenessMatrix.tsx";
import { ConfirmedOutliers } from "../../components/ConfirmedOutliers.tsx";
import { MAIL_NOT_SET_UP } from "./delivery.ts";
import { ReportingRateChart } from "./ReportingRateChart.tsx";
import { WarningText } from "../../components/WarningText.tsx";

const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;

export function CompletenessPage() {
  usePageTitle("Completeness");
  const { quarters, quarter, isPending } = useSelectedQuarter();
  const completeness = useCompleteness(quarter?.id);
  return (
    <>
      <div className="app-cockpit__title">
        <h1 className="govuk-heading-l">Completeness</h1>
        {quarter && <QuarterStatus quarter={quarter} />}
        {quarter && <QuarterPicker quarters={quarters} current={quarter} />}
      </div>
      {isPending && <p className="govuk-body">Loading…</p>}
      {!isPending && !quarter && <p className="govuk-body">No quarter has been opened for returns yet.</p>}
      {quarter && (
        <>
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
  const open = data.quarter.status === "OPEN";

  const organisations = data.organisations
    .filter((entry) => !organisationId || entry.organisation.id === Number(organisationId))
    .map((entry) => ({ ...entry, cells: entry.cells.filter((cell) => !outstandingOnly || isOutstanding(cell.progress)) }))
    .filter((entry) => entry.cells.length > 0);

  return (
    <>
      <div className="app-cockpit">
        <div className="app-cockpit__summary">
          <dl className="app-headline" data-testid="headline">
            <div>
              <dt>Completeness</dt>
              <dd>{percent(data.completeness)}</dd>
              <dd>{data.received} of {data.expected} returns in</dd>
            </div>
            <div>
              <dt>Timeliness</dt>
              <dd>{percent(data.timeliness)}</dd>
              <dd>{data.receivedOnTime} of {data.expected} in on time</dd>
            </div>
            <div>
              <dt>Outstanding</dt>
              <dd>{data.outstanding}</dd>
              <dd>missing, drafts, expected</dd>
            </div>
            <div>
              <dt>Overdue</dt>
              <dd>{data.overdue}</dd>
              <dd>past their date</dd>
            </div>
          </dl>
          <ReportingRateChart rates={data.reportingRates} currentQuarterId={data.quarter.id} />
          {!data.mailConfigured && (
            <WarningText className="app-cockpit__warning">{MAIL_NOT_SET_UP}</WarningText>
          )}
        </div>

        <div className="app-cockpit__toolbar">
          {open && data.outstanding > 0 && (
            <Link to={`/completeness/chase-all?quarter=${data.quarter.id}&scope=outstanding`} className="govuk-button govuk-button--secondary" role="button" draggable={false}>
              Remind everyone with outstanding returns
            </Link>
          )}
          {open && data.overdue > 0 && (
            <Link to={`/completeness/chase-all?quarter=${data.quarter.id}&scope=overdue`} className="govuk-button govuk-button--secondary" role="button" draggable={false}>
              Chase all overdue
            </Link>
          )}
          <Link to={`/completeness/reminders?quarter=${data.quarter.id}`} className="govuk-link app-cockpit__schedule">
            Reminder schedule<span className="govuk-visually-hidden"> for {data.quarter.name}</span>
          </Link>
          <div className="app-cockpit__filters" role="search" aria-label="Filter the returns">
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor="filter-organisation">Organisation</label>
              <select id="filter-organisation" className="govuk-select" value={organisationId} onChange={(event) => setOrganisationId(event.target.value)}>
                <option value="">All organisations</option>
                {data.organisations.map((entry) => (
                  <option key={entry.organisation.id} value={entry.organisation.id}>{entry.organisation.name}</option>
                ))}
              </select>
            </div>
            <div className="govuk-checkboxes govuk-checkboxes--small">
              <div className="govuk-checkboxes__item">
                <input className="govuk-checkboxes__input" id="outstanding-only" type="checkbox" checked={outstandingOnly} onChange={(event) => setOutstandingOnly(event.target.checked)} />
                <label className="govuk-label govuk-checkboxes__label" htmlFor="outstanding-only">Outstanding only</label>
              </div>
            </div>
          </div>
        </div>

        <div className="app-cockpit__matrix">
          {organisations.length === 0 ? (
            <p className="govuk-body">Nothing matches these filters.</p>
          ) : (
            <CompletenessMatrix organisations={organisations} quarterId={data.quarter.id} quarterName={data.quarter.name} mayRemind={(organisationId) => mayRemind(data.quarter, organisationId)} />
          )}
          <MatrixKey />
        </div>
      </div>

      <FollowUps data={data} />
      <ConfirmedOutliers outliers={data.outliers} />
    </>
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
