import { formatDate, type YearOverview } from "@quarterly-returns/shared";
import { useState } from "react";
import { Link } from "../../lib/router.tsx";
import { ApiError } from "../../lib/api-client.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { useUpdateQuarter, useYears } from "./api/years.ts";
import { reopeningWords } from "./reopening-words.ts";

const STATUS_TAGS = {
  OPEN: <strong className="govuk-tag govuk-tag--green">Open</strong>,
  CLOSED: <strong className="govuk-tag govuk-tag--grey">Signed off</strong>,
  PLANNED: <strong className="govuk-tag govuk-tag--blue">Not open yet</strong>,
};

export function QuartersPage() {
  usePageTitle("Quarters");
  const years = useYears();
  return (
    <>
      <h1 className="govuk-heading-l">Quarters</h1>
      <p className="govuk-body">Set due dates, open quarters for entry, sign them off when the returns are in, and start the next year.</p>
      <Link to="/quarters/new-year" className="govuk-button govuk-button--secondary" role="button" draggable={false}>
        Start the next year
      </Link>
      {years.isPending && <p className="govuk-body">Loading…</p>}
      {years.error && <p className="govuk-error-message">{years.error.message}</p>}
      {years.data?.map((year) => <YearTable key={year.id} year={year} />)}
    </>
  );
}

function YearTable({ year }: { year: YearOverview }) {
  return (
    <table className="govuk-table app-stacked-table">
      <caption className="govuk-table__caption govuk-table__caption--m">{year.label}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Quarter</th>
          <th scope="col" className="govuk-table__header">Period</th>
          <th scope="col" className="govuk-table__header">Due</th>
          <th scope="col" className="govuk-table__header">Returns in</th>
          <th scope="col" className="govuk-table__header">Status</th>
          <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Actions</span></th>
        </tr>
      </thead>
      {year.quarters.map((quarter) => (
        <tbody className="govuk-table__body" key={quarter.id} data-testid={`quarter-${quarter.name}`}>
          <tr className="govuk-table__row">
            <th scope="row" className="govuk-table__header">Q{quarter.number}</th>
            <td className="govuk-table__cell" data-label="Period">{formatDate(quarter.startDate)} to {formatDate(quarter.endDate)}</td>
            <td className="govuk-table__cell" data-label="Due">
              <DueDate quarter={quarter} />
            </td>
            <td className="govuk-table__cell" data-label="Returns in">{quarter.received} of {quarter.expected}</td>
            <td className="govuk-table__cell" data-label="Status">
              {STATUS_TAGS[quarter.status]}
              {quarter.signedOffAt && (
                <span className="govuk-body-s app-block">
                  {formatDate(quarter.signedOffAt)}{quarter.signedOffBy ? ` by ${quarter.signedOffBy.name}` : ""}
                </span>
              )}
              {quarter.partlyReopened.length > 0 && <strong className="govuk-tag govuk-tag--yellow app-block">Partly reopened</strong>}
            </td>
            <td className="govuk-table__cell">
              <Actions quarter={quarter} />
            </td>
          </tr>
          <Reopenings quarter={quarter} />
        </tbody>
      ))}
    </table>
  );
}

/** Who reopened what, when and why: what is reopened now, and the parts reopened and signed off again since the whole quarter was. */
function Reopenings({ quarter }: { quarter: YearOverview["quarters"][number] }) {
  const shown = quarter.reopenings.filter((reopening) => !reopening.signedOffAt || (quarter.signedOffAt !== null && reopening.signedOffAt > quarter.signedOffAt));
  if (shown.length === 0) return null;
  return (
    <tr className="govuk-table__row">
      <td className="govuk-table__cell" colSpan={6}>
        <ul className="govuk-list govuk-body-s govuk-!-margin-bottom-0" data-testid="reopenings">
          {shown.map((reopening) => (
            <li key={reopening.id}>
              {reopeningWords(reopening)}
              {reopening.signedOffAt && reopening.signedOffBy ? `. Signed off again on ${formatDate(reopening.signedOffAt)} by ${reopening.signedOffBy.name}.` : ""}
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
}

function DueDate({ quarter }: { quarter: YearOverview["quarters"][number] }) {
  const [editing, setEditing] = useState(false);
  const [dueDate, setDueDate] = useState(quarter.dueDate);
  const update = useUpdateQuarter(quarter.id);
  if (!editing) {
    return (
      <>
        {formatDate(quarter.dueDate)}
        {quarter.status !== "CLOSED" && (
          <button type="button" className="app-link-button app-block" onClick={() => setEditing(true)}>
            Change<span className="govuk-visually-hidden"> the due date of {quarter.name}</span>
          </button>
        )}
      </>
    );
  }
  const id = `due-${quarter.id}`;
  const error = update.error instanceof ApiError ? (update.error.fields.dueDate ?? update.error.message) : undefined;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate({ dueDate }, { onSuccess: () => setEditing(false) });
      }}
    >
      <div className={`govuk-form-group govuk-!-margin-bottom-2${error ? " govuk-form-group--error" : ""}`}>
        <label className="govuk-label govuk-label--s" htmlFor={id}>Due date of {quarter.name}</label>
        {error && <p className="govuk-error-message"><span className="govuk-visually-hidden">Error:</span> {error}</p>}
        <input id={id} type="date" className="govuk-input govuk-input--width-10" value={dueDate} onChange={(event) => setDueDate(event.target.value)} />
      </div>
      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" disabled={update.isPending}>Save</button>
    </form>
  );
}

function Actions({ quarter }: { quarter: YearOverview["quarters"][number] }) {
  const update = useUpdateQuarter(quarter.id);
  if (quarter.status === "PLANNED") {
    return (
      <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" disabled={update.isPending} onClick={() => update.mutate({ open: true })}>
        Open<span className="govuk-visually-hidden"> {quarter.name}</span> for entry
      </button>
    );
  }
  if (quarter.status === "OPEN") {
    return <Link to={`/quarters/${quarter.id}/sign-off`} className="govuk-link">Sign off<span className="govuk-visually-hidden"> {quarter.name}</span></Link>;
  }
  return (
    <>
      {quarter.partlyReopened.length > 0 && (
        <Link to={`/quarters/${quarter.id}/sign-off`} className="govuk-link app-block">Sign off again<span className="govuk-visually-hidden"> the reopened returns of {quarter.name}</span></Link>
      )}
      <Link to={`/quarters/${quarter.id}/reopen`} className="govuk-link app-block">Reopen<span className="govuk-visually-hidden"> {quarter.name}</span></Link>
    </>
  );
}
