import type { ConfirmedOutlierSummary } from "@quarterly-returns/shared";
import { useQueryOutlier } from "../lib/outlier-queries.ts";
import { Link } from "../lib/router.tsx";

/** The unusual figures owners confirmed as right, each with a one-click query; nothing when there are none. */
export function ConfirmedOutliers({ outliers }: { outliers: ConfirmedOutlierSummary[] }) {
  const raise = useQueryOutlier();
  if (outliers.length === 0) return null;
  const asked = raise.isSuccess ? raise.variables : null;
  return (
    <section aria-labelledby="confirmed-outliers">
      <h2 className="govuk-heading-m" id="confirmed-outliers">Unusual figures their owners confirmed</h2>
      <p className="govuk-body">Each looked wrong against the previous quarter, last year or its expected range, and its owner confirmed it is right. Query it if you are not sure.</p>
      {raise.isError && (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {raise.error.message}
        </p>
      )}
      <p className="govuk-body" role="status">
        {asked ? `Query sent to ${asked.organisation.name} about ${asked.indicator.ref ?? asked.indicator.title}. They will see it on the return.` : ""}
      </p>
      <table className="govuk-table" data-testid="confirmed-outliers">
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Return</th>
            <th scope="col" className="govuk-table__header">Figure</th>
            <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Query</span></th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {outliers.map((outlier) => (
            <tr className="govuk-table__row" key={`${outlier.indicator.id}-${outlier.fieldKey}`}>
              <td className="govuk-table__cell">
                <Link to={`/returns/${outlier.indicator.id}/${outlier.quarter.id}`} className="govuk-link">
                  {outlier.indicator.ref ?? outlier.indicator.title}
                </Link>{" "}
                {outlier.organisation.shortName}
              </td>
              <td className="govuk-table__cell">
                {outlier.label}: {outlier.question.replace(/^Is (.*?) right\? /, "$1. ")}
              </td>
              <td className="govuk-table__cell">
                {outlier.queried ? (
                  <strong className="govuk-tag govuk-tag--blue">Queried</strong>
                ) : (
                  <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" disabled={raise.isPending} onClick={() => raise.mutate(outlier)}>
                    Query this figure<span className="govuk-visually-hidden"> {outlier.label} ({outlier.indicator.ref ?? outlier.indicator.title})</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
