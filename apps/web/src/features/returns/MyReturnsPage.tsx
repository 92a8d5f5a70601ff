import { isDone, londonDay, progressOf, type ReturnsList } from "@quarterly-returns/shared";
import { Link, useLocation } from "../../lib/router.tsx";
import { QuarterPicker } from "../../components/QuarterPicker.tsx";
import { QuarterStatus } from "../../components/QuarterStatus.tsx";
import { StateTag } from "../../components/StateTag.tsx";
import { usePageTitle } from "../../lib/page-title.ts";
import { useSelectedQuarter } from "../../lib/selected-quarter.ts";
import { useSession } from "../../lib/session.ts";
import { useReturns } from "../../lib/returns.ts";

export function MyReturnsPage() {
  usePageTitle("My returns");
  const { data: user } = useSession();
  const { quarters, quarter, isPending, error } = useSelectedQuarter();
  const returns = useReturns(quarter?.id);
  const submitted = (useLocation().state as { submitted?: string } | null)?.submitted;

  return (
    <>
      {submitted && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="alert">
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">{submitted} is in. Thank you.</p>
          </div>
        </div>
      )}
      <span className="govuk-caption-l">{user?.organisation?.name}</span>
      <h1 className="govuk-heading-l">My returns</h1>
      {isPending && <p className="govuk-body">Loading…</p>}
      {error && <p className="govuk-error-message">{error.message}</p>}
      {!isPending && !quarter && <p className="govuk-body">No quarter has been opened for returns yet.</p>}
      {quarter && (
        <>
          <QuarterPicker quarters={quarters} current={quarter} />
          <QuarterStatus quarter={quarter} />
          {returns.error && <p className="govuk-error-message">{returns.error.message}</p>}
          {returns.data && <ReturnsByPriority list={returns.data} />}
        </>
      )}
    </>
  );
}

function ReturnsByPriority({ list }: { list: ReturnsList }) {
  if (list.items.length === 0) return <p className="govuk-body">Your organisation has no indicators to report in {list.quarter.name}.</p>;
  const today = londonDay();
  const done = list.items.filter((item) => isDone(progressOf(item.return, list.quarter.dueDate, today))).length;
  const priorities = [...new Map(list.items.map((item) => [item.indicator.priority.id, item.indicator.priority])).values()];
  // Kept small: this page is in every data owner's first download.
  const queries = list.items.flatMap(({ indicator, queriesToAnswer }) =>
    queriesToAnswer.map((query) => (
      <li key={query.id}>
        “{query.text}” <Link to={`/returns/${indicator.id}/${list.quarter.id}`} className="govuk-link">Answer the query on {indicator.ref ?? indicator.title}</Link>
      </li>
    )),
  );
  return (
    <>
      {queries.length > 0 && (
        <>
          <h2 className="govuk-heading-m">Queries to answer</h2>
          <ul className="govuk-list">{queries}</ul>
        </>
      )}
      <p className="govuk-body-l" data-testid="progress">
        {done} of {list.items.length} done
      </p>
      {priorities.map((priority) => (
        <table className="govuk-table" key={priority.id}>
          <caption className="govuk-table__caption govuk-table__caption--m">
            Priority {priority.number}: {priority.title}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header app-column-ref">Ref</th>
              <th scope="col" className="govuk-table__header">Indicator</th>
              <th scope="col" className="govuk-table__header">State</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {list.items
              .filter((item) => item.indicator.priority.id === priority.id)
              .map(({ indicator, return: record, openQueries }) => (
                <tr className="govuk-table__row" key={indicator.id}>
                  <td className="govuk-table__cell">{indicator.ref ?? ""}</td>
                  <td className="govuk-table__cell">
                    <Link to={`/returns/${indicator.id}/${list.quarter.id}`} className="govuk-link">
                      {indicator.title}
                    </Link>
                    {indicator.restricted && <strong className="govuk-tag govuk-tag--red app-tag-inline">Restricted</strong>}
                  </td>
                  <td className="govuk-table__cell">
                    <StateTag record={record} />
                    {openQueries > 0 && <strong className="govuk-tag govuk-tag--orange app-tag-inline">Query open</strong>}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      ))}
    </>
  );
}
