import { isDone, type ReturnsList } from "@quarterly-returns/shared";
import { Link } from "react-router";
import { QuarterPicker } from "../../components/QuarterPicker.tsx";
import { QuarterStatus } from "../../components/QuarterStatus.tsx";
import { StateTag } from "../../components/StateTag.tsx";
import { usePageTitle } from "../../lib/page-title.ts";
import { useSelectedQuarter } from "../../lib/selected-quarter.ts";
import { useReturns } from "../../lib/returns.ts";

export function CompletenessPage() {
  usePageTitle("Completeness");
  const { quarters, quarter, isPending } = useSelectedQuarter();
  const returns = useReturns(quarter?.id);
  return (
    <>
      <h1 className="govuk-heading-l">Completeness</h1>
      {isPending && <p className="govuk-body">Loading…</p>}
      {quarter && (
        <>
          <QuarterPicker quarters={quarters} current={quarter} />
          <QuarterStatus quarter={quarter} />
          {returns.error && <p className="govuk-error-message">{returns.error.message}</p>}
          {returns.data && <ByOrganisation list={returns.data} />}
        </>
      )}
    </>
  );
}

function ByOrganisation({ list }: { list: ReturnsList }) {
  const done = list.items.filter((item) => isDone(item.return)).length;
  const organisations = [...new Map(list.items.map((item) => [item.indicator.owner.id, item.indicator.owner])).values()].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  return (
    <>
      <p className="govuk-body-l">
        {done} of {list.items.length} returns in
      </p>
      {organisations.map((organisation) => {
        const items = list.items.filter((item) => item.indicator.owner.id === organisation.id);
        const organisationDone = items.filter((item) => isDone(item.return)).length;
        return (
          <table className="govuk-table" key={organisation.id}>
            <caption className="govuk-table__caption govuk-table__caption--m">
              {organisation.name}{" "}
              <span className="govuk-caption-m">
                {organisationDone} of {items.length} in
              </span>
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header app-column-ref">Ref</th>
                <th scope="col" className="govuk-table__header">Indicator</th>
                <th scope="col" className="govuk-table__header">State</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {items.map(({ indicator, return: record, openQueries }) => (
                <tr className="govuk-table__row" key={indicator.id}>
                  <td className="govuk-table__cell">{indicator.ref ?? ""}</td>
                  <td className="govuk-table__cell">
                    <Link to={`/returns/${indicator.id}/${list.quarter.id}`} className="govuk-link">
                      {indicator.title}
                    </Link>
                  </td>
                  <td className="govuk-table__cell">
                    <StateTag record={record} />
                    {openQueries > 0 && <strong className="govuk-tag govuk-tag--orange app-tag-inline">Query open</strong>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </>
  );
}
