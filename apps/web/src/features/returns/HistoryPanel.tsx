import { headlineField, type ReturnDetail } from "@quarterly-returns/shared";
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
          {field && <Sparkline points={points} />}
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

const WIDTH = 240;
const HEIGHT = 60;

/** A line through the quarters that have a figure; the table beside it says the same in words. */
function Sparkline({ points }: { points: { name: string; value: number | null }[] }) {
  const known = points.map((point, index) => ({ ...point, index })).filter((point): point is { name: string; value: number; index: number } => point.value !== null);
  if (known.length < 2) return null;
  const values = known.map((point) => point.value);
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const x = (index: number) => 8 + (index * (WIDTH - 16)) / Math.max(points.length - 1, 1);
  const y = (value: number) => (high === low ? HEIGHT / 2 : HEIGHT - 8 - ((value - low) * (HEIGHT - 16)) / (high - low));
  return (
    <svg className="app-sparkline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} aria-hidden="true" focusable="false">
      <polyline fill="none" stroke="currentColor" strokeWidth="2" points={known.map((point) => `${x(point.index)},${y(point.value)}`).join(" ")} />
      {known.map((point) => (
        <circle key={point.index} cx={x(point.index)} cy={y(point.value)} r="3" fill="currentColor" />
      ))}
    </svg>
  );
}
