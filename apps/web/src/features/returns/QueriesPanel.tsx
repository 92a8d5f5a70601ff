import { formatDate, type QueryRecord } from "@quarterly-returns/shared";
import { useState } from "react";
import { useAnswerQuery } from "./api/answer-query.ts";

/** The manager's queries on this return; the owner answers here (and may change the figures below). */
export function QueriesPanel({ queries, indicatorId, quarterId, mayAnswer }: { queries: QueryRecord[]; indicatorId: number; quarterId: number; mayAnswer: boolean }) {
  const open = queries.filter((query) => query.status !== "CLOSED");
  if (open.length === 0) return null;
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="queries-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="queries-title">
          {open.length === 1 ? "A query on this return" : `${open.length} queries on this return`}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        {open.map((query) => (
          <Query key={query.id} query={query} indicatorId={indicatorId} quarterId={quarterId} mayAnswer={mayAnswer} />
        ))}
      </div>
    </div>
  );
}

function Query({ query, indicatorId, quarterId, mayAnswer }: { query: QueryRecord; indicatorId: number; quarterId: number; mayAnswer: boolean }) {
  const answer = useAnswerQuery(indicatorId, quarterId);
  const [response, setResponse] = useState(query.response ?? "");
  const id = `query-${query.id}-response`;
  return (
    <div className="app-query">
      <p className="govuk-body">
        <strong>{query.raisedBy.name}</strong> asked on {formatDate(query.raisedAt)}: “{query.text}”
      </p>
      {query.response && (
        <p className="govuk-body">
          Answered by {query.answeredBy?.name} on {formatDate(query.answeredAt!)}: “{query.response}”
        </p>
      )}
      {mayAnswer && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            answer.mutate({ id: query.id, response });
          }}
        >
          <div className={`govuk-form-group${answer.error ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label" htmlFor={id}>
              {query.response ? "Change your answer" : "Your answer"}
            </label>
            <div className="govuk-hint" id={`${id}-hint`}>If a figure was wrong, correct it in the form below too.</div>
            {answer.error && <p className="govuk-error-message"><span className="govuk-visually-hidden">Error:</span> {answer.error.message}</p>}
            <textarea id={id} className="govuk-textarea" rows={2} aria-describedby={`${id}-hint`} value={response} onChange={(event) => setResponse(event.target.value)} />
          </div>
          <button type="submit" className="govuk-button govuk-button--secondary" disabled={answer.isPending}>
            Send answer
          </button>
        </form>
      )}
    </div>
  );
}
