import { chartIsInverted, headlineField, type ReturnDetail } from "@quarterly-returns/shared";
import { Sparkline } from "../../components/Sparkline.tsx";
import { headlineNumber, summarise } from "./figures.ts";

/** The last four quarters beside the form, with a small chart of the headline figure. */
export function HistoryPanel({ detail }: { detail: ReturnDetail }) {
  const field = headlineField(detail.indicator);
  const points = detail.history.map((entry) => ({ name: entry.quarter.name, value: headlineNumber(detail.indicator, entry.return) }));
  return (
    <aside className="app-history" aria-labelledby="history-title">
      <h2 className="govuk-heading-s" id="history-title">
        The last four quarters
      </h2>
      {detail.history.length === 0 ? (
        <p className="govuk-body-s">This is the first quarter of this indicator.</p>
      ) : (
        <>
          {field && <Sparkline values={points.map((point) => point.value)} inverted={chartIsInverted(detail.indicator)} />}
          <table className="govuk-table app-history__table">
            <caption className="govuk-visually-hidden">{field ? field.label : "Returns"} in the last four quarters</caption>
            <tbody className="govuk-table__body">
              {detail.history.map((entry) => (
                <tr className="govuk-table__row" key={entry.quarter.id}>
                  <th scope="row" className="govuk-table__header">{entry.quarter.name}</th>
                  <td className="govuk-table__cell">{summarise(detail.indicator, entry.return)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </aside>
  );
}
