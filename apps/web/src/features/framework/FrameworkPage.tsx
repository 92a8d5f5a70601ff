import { Link } from "../../lib/router.tsx";
import { usePageTitle } from "../../lib/page-title.ts";
import { useChosenYear } from "../../lib/quarters.ts";
import { YearSelect } from "../../components/YearSelect.tsx";
import { useFramework } from "./api/framework.ts";

const POLARITY = { HIGHER_IS_BETTER: "Higher is better", LOWER_IS_BETTER: "Lower is better", NEUTRAL: "Neutral" } as const;

export function FrameworkPage() {
  usePageTitle("Framework");
  const { years, yearId, chooseYear } = useChosenYear();
  const framework = useFramework(yearId);

  return (
    <>
      <h1 className="govuk-heading-l">Framework</h1>
      <p className="govuk-body">The priorities, their indicators and the fields each return asks for.</p>
      {years.length > 0 && <YearSelect years={years} yearId={yearId} onChoose={chooseYear} />}
      {framework.isPending && <p className="govuk-body">Loading…</p>}
      {framework.data && (
        <>
          <Link to={`/framework/priorities/new?year=${framework.data.year.id}`} className="govuk-button govuk-button--secondary" role="button" draggable={false}>
            Add a priority
          </Link>
          {framework.data.priorities.map((priority) => (
            <section key={priority.id} className="app-organisation" aria-labelledby={`priority-${priority.id}`}>
              <div className="app-organisation__heading">
                <h2 className="govuk-heading-m" id={`priority-${priority.id}`}>
                  Priority {priority.number}: {priority.title}
                </h2>
                <Link to={`/framework/priorities/${priority.id}`} className="govuk-link">
                  Change<span className="govuk-visually-hidden"> priority {priority.number}</span>
                </Link>
              </div>
              <p className="govuk-body">Outcome: {priority.outcome}</p>
              <table className="govuk-table">
                <caption className="govuk-visually-hidden">Indicators of priority {priority.number}</caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header app-column-ref">Ref</th>
                    <th scope="col" className="govuk-table__header">Indicator</th>
                    <th scope="col" className="govuk-table__header">Owner</th>
                    <th scope="col" className="govuk-table__header">Fields</th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {priority.indicators.map((indicator) => (
                    <tr className="govuk-table__row" key={indicator.id}>
                      <td className="govuk-table__cell">{indicator.ref ?? ""}</td>
                      <td className="govuk-table__cell">
                        <Link to={`/framework/indicators/${indicator.id}?year=${framework.data.year.id}`} className="govuk-link">{indicator.title}</Link>
                        {indicator.retired && <strong className="govuk-tag govuk-tag--grey app-tag-inline">Retired</strong>}
                        {indicator.firstQuarter > 1 && <strong className="govuk-tag govuk-tag--blue app-tag-inline">From Q{indicator.firstQuarter}</strong>}
                        {indicator.restricted && <strong className="govuk-tag govuk-tag--red app-tag-inline">Restricted</strong>}
                        <span className="govuk-body-s app-block">{POLARITY[indicator.polarity]}</span>
                      </td>
                      <td className="govuk-table__cell">{indicator.owner.shortName}</td>
                      <td className="govuk-table__cell">
                        {indicator.fields.length === 0
                          ? "Commentary only"
                          : indicator.fields.map((field) => `${field.label}${field.retired ? " (retired)" : ""}`).join("; ")}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Link to={`/framework/priorities/${priority.id}/indicators/new?year=${framework.data.year.id}`} className="govuk-link">
                Add an indicator to priority {priority.number}
              </Link>
            </section>
          ))}
        </>
      )}
    </>
  );
}
