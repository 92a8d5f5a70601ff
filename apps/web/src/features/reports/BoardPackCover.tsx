import type { BoardPackSummary } from "@quarterly-returns/shared/board-pack";
import { WarningText } from "../../components/WarningText.tsx";

type PrioritySummary = BoardPackSummary["summary"][number];

const RAG_WORDS = [["RED", "red"], ["AMBER", "amber"], ["GREEN", "green"], ["NONE", "no RAG"]] as const;
const TREND_WORDS = ["improving", "worsening", "no better or worse", "no trend"] as const;

/** The board pack's cover and summary page, each printed on a page of its own. */
export function BoardPackCover({ pack }: { pack: BoardPackSummary }) {
  const unsigned = pack.quarters.filter((quarter) => quarter.state !== "signed off").map((quarter) => quarter.name);
  return (
    <>
      <section className="app-board-pack__cover" aria-labelledby="board-pack-title">
        {pack.provisional && (
          <WarningText className="app-board-pack__provisional">
            PROVISIONAL: {unsigned.join(", ")} {unsigned.length === 1 ? "is" : "are"} not signed off yet, so {unsigned.length === 1 ? "its" : "their"} figures may still change.
          </WarningText>
        )}
        <p className="govuk-caption-l">{pack.partnershipName}</p>
        <h2 className="govuk-heading-xl" id="board-pack-title">{pack.title}</h2>
        <dl className="govuk-summary-list">
          {pack.quarters.map((quarter) => (
            <div className="govuk-summary-list__row" key={quarter.name}>
              <dt className="govuk-summary-list__key">{quarter.name}</dt>
              <dd className="govuk-summary-list__value">{quarter.state === "signed off" ? "Signed off" : quarter.state === "provisional" ? "Provisional: not signed off yet" : "Not open yet"}</dd>
            </div>
          ))}
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">As at</dt>
            <dd className="govuk-summary-list__value">{pack.asAt}</dd>
          </div>
        </dl>
        {pack.restricted && <p className="govuk-body">This report includes restricted rows: it is marked OFFICIAL-SENSITIVE.</p>}
      </section>
      <section className="app-board-pack__summary" aria-labelledby="board-pack-summary">
        <h2 className="govuk-heading-l" id="board-pack-summary">Summary</h2>
        {pack.summary.map((priority) => <Priority key={priority.number} priority={priority} />)}
      </section>
    </>
  );
}

function Priority({ priority }: { priority: PrioritySummary }) {
  return (
    <>
      <h3 className="govuk-heading-m">Priority {priority.number}: {priority.title}</h3>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Indicators</dt>
          <dd className="govuk-summary-list__value">{priority.indicators}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">By RAG</dt>
          <dd className="govuk-summary-list__value">{RAG_WORDS.map(([rag, words]) => `${priority.rag[rag]} ${words}`).join(", ")}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">By trend</dt>
          <dd className="govuk-summary-list__value">{TREND_WORDS.map((trend) => `${priority.trend[trend]} ${trend}`).join(", ")}</dd>
        </div>
      </dl>
      {priority.exceptions.length > 0 && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">Priority {priority.number}: what the board should know</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Ref</th>
              <th scope="col" className="govuk-table__header">Exception</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {priority.exceptions.map((exception, index) => (
              <tr className="govuk-table__row" key={index}>
                <td className="govuk-table__cell app-board-pack__ref">{exception.ref}</td>
                <td className="govuk-table__cell app-board-pack__exception">
                  {exception.text}
                  {exception.restricted && <strong className="govuk-tag govuk-tag--red app-block">Restricted</strong>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
