import { formatDate, type FieldDeclaration, type QueryRecord } from "@quarterly-returns/shared";
import { useState } from "react";
import { useAnswerQuery, useCloseQuery, useRaiseQuery } from "./api/queries.ts";

interface QueriesPanelProps {
  queries: QueryRecord[];
  fields: FieldDeclaration[];
  indicatorId: number;
  quarterId: number;
  /** The owner answers; the manager raises and closes. */
  mayAnswer: boolean;
  mayQuery: boolean;
}

/** Queries on this return: the manager's questions, the owner's answers. */
export function QueriesPanel({ queries, fields, indicatorId, quarterId, mayAnswer, mayQuery }: QueriesPanelProps) {
  const open = queries.filter((query) => query.status !== "CLOSED");
  return (
    <>
      {open.length > 0 && (
        <div className="govuk-notification-banner" role="region" aria-labelledby="queries-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="queries-title">
              {open.length === 1 ? "A query on this return" : `${open.length} queries on this return`}
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            {open.map((query) => (
              <Query key={query.id} query={query} fields={fields} indicatorId={indicatorId} quarterId={quarterId} mayAnswer={mayAnswer} mayClose={mayQuery} />
            ))}
          </div>
        </div>
      )}
      {mayQuery && <RaiseQuery fields={fields} indicatorId={indicatorId} quarterId={quarterId} />}
    </>
  );
}

function Query({ query, fields, indicatorId, quarterId, mayAnswer, mayClose }: { query: QueryRecord; fields: FieldDeclaration[]; indicatorId: number; quarterId: number; mayAnswer: boolean; mayClose: boolean }) {
  const answer = useAnswerQuery(indicatorId, quarterId);
  const close = useCloseQuery(indicatorId, quarterId);
  const [response, setResponse] = useState(query.response ?? "");
  const id = `query-${query.id}-response`;
  const about = fields.find((field) => field.key === query.fieldKey)?.label;
  return (
    <div className="app-query">
      <p className="govuk-body">
        <strong>{query.raisedBy.name}</strong> asked on {formatDate(query.raisedAt)}
        {about ? ` about ${about}` : ""}: “{query.text}”
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
            <label className="govuk-label" htmlFor={id}>{query.response ? "Change your answer" : "Your answer"}</label>
            <div className="govuk-hint" id={`${id}-hint`}>If a figure was wrong, correct it in the form below too.</div>
            {answer.error && <p className="govuk-error-message"><span className="govuk-visually-hidden">Error:</span> {answer.error.message}</p>}
            <textarea id={id} className="govuk-textarea" rows={2} aria-describedby={`${id}-hint`} value={response} onChange={(event) => setResponse(event.target.value)} />
          </div>
          <button type="submit" className="govuk-button govuk-button--secondary" disabled={answer.isPending}>Send answer</button>
        </form>
      )}
      {mayClose && (
        <button type="button" className="govuk-button govuk-button--secondary" disabled={close.isPending} onClick={() => close.mutate(query.id)}>
          Close query
        </button>
      )}
    </div>
  );
}

function RaiseQuery({ fields, indicatorId, quarterId }: { fields: FieldDeclaration[]; indicatorId: number; quarterId: number }) {
  const raise = useRaiseQuery(indicatorId, quarterId);
  const [fieldKey, setFieldKey] = useState("");
  const [text, setText] = useState("");
  return (
    <details className="govuk-details" open={raise.isError || undefined}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Query a figure</span>
      </summary>
      <div className="govuk-details__text">
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            raise.mutate({ fieldKey: fieldKey || null, text }, { onSuccess: () => setText("") });
          }}
        >
          {fields.length > 0 && (
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor="query-field">About</label>
              <select id="query-field" className="govuk-select" value={fieldKey} onChange={(event) => setFieldKey(event.target.value)}>
                <option value="">The whole return</option>
                {fields.map((field) => <option key={field.key} value={field.key}>{field.label}</option>)}
              </select>
            </div>
          )}
          <div className={`govuk-form-group${raise.error ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label" htmlFor="query-text">Your question</label>
            <div className="govuk-hint" id="query-text-hint">For example: Is 230 right? Last year was 161.</div>
            {raise.error && <p className="govuk-error-message"><span className="govuk-visually-hidden">Error:</span> {raise.error.message}</p>}
            <textarea id="query-text" className="govuk-textarea" rows={3} aria-describedby="query-text-hint" value={text} onChange={(event) => setText(event.target.value)} />
          </div>
          <button type="submit" className="govuk-button govuk-button--secondary" disabled={raise.isPending}>Send query</button>
        </form>
      </div>
    </details>
  );
}
