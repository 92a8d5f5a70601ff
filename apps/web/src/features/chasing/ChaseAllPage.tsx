import type { ChasePreview, ChaseRecord } from "@quarterly-returns/shared";
import { useState } from "react";
import { Link, useSearchParams } from "../../lib/router.tsx";
import { usePageTitle } from "../../lib/page-title.ts";
import { useChasePreview, useSendChase } from "./api/chases.ts";
import { deliveryWords } from "./delivery.ts";

const SKIPPED = {
  RECENTLY_CHASED: "reminded in the last 24 hours",
  NO_CONTACT: "no data owners and no contact email address",
  NOTHING_OUTSTANDING: "nothing outstanding",
} as const;

/** Every reminder is shown before anything is sent; recently chased organisations only if the manager insists. */
export function ChaseAllPage() {
  const [search] = useSearchParams();
  const quarterId = Number(search.get("quarter"));
  const scope = search.get("scope") === "outstanding" ? "outstanding" : "overdue";
  usePageTitle(scope === "overdue" ? "Chase all overdue" : "Remind everyone with outstanding returns");
  const preview = useChasePreview({ quarterId, scope });
  const send = useSendChase();
  const [insisted, setInsisted] = useState<Set<number>>(new Set());
  const [results, setResults] = useState<ChaseRecord[] | null>(null);

  const chosen = (preview.data ?? []).filter((message) => message.skipped === null || (message.skipped === "RECENTLY_CHASED" && insisted.has(message.organisation.id)));
  const sendAll = async () => {
    const sent: ChaseRecord[] = [];
    for (const message of chosen) {
      sent.push(await send.mutateAsync({ quarterId, organisationId: message.organisation.id, insist: insisted.has(message.organisation.id) }));
      setResults([...sent]);
    }
  };

  return (
    <>
      <Link to={`/completeness?quarter=${quarterId}`} className="govuk-back-link">Back to completeness</Link>
      <h1 className="govuk-heading-l">{scope === "overdue" ? "Chase all overdue" : "Remind everyone with outstanding returns"}</h1>
      {preview.isPending && <p className="govuk-body">Loading…</p>}
      {send.error && <p className="govuk-error-message">{send.error.message}</p>}
      {results ? (
        <Results results={results} total={chosen.length} />
      ) : (
        preview.data && (
          <>
            {preview.data.length === 0 && <p className="govuk-body">No organisation has {scope} returns.</p>}
            {preview.data.map((message) => (
              <Message
                key={message.organisation.id}
                message={message}
                insisted={insisted.has(message.organisation.id)}
                onInsist={(yes) => {
                  const next = new Set(insisted);
                  if (yes) next.add(message.organisation.id);
                  else next.delete(message.organisation.id);
                  setInsisted(next);
                }}
              />
            ))}
            {chosen.length > 0 && (
              <button type="button" className="govuk-button" disabled={send.isPending} onClick={() => void sendAll()}>
                Send {chosen.length} reminder{chosen.length === 1 ? "" : "s"}
              </button>
            )}
          </>
        )
      )}
    </>
  );
}

function Message({ message, insisted, onInsist }: { message: ChasePreview; insisted: boolean; onInsist: (yes: boolean) => void }) {
  const id = `insist-${message.organisation.id}`;
  return (
    <section className="app-organisation" aria-label={`Reminder to ${message.organisation.name}`} data-testid={`preview-${message.organisation.shortName}`}>
      <h2 className="govuk-heading-m">{message.organisation.name}</h2>
      {message.skipped && <p className="govuk-body"><strong className="govuk-tag govuk-tag--grey">Not included: {SKIPPED[message.skipped]}</strong></p>}
      {message.skipped === "RECENTLY_CHASED" && (
        <div className="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4">
          <div className="govuk-checkboxes__item">
            <input className="govuk-checkboxes__input" id={id} type="checkbox" checked={insisted} onChange={(event) => onInsist(event.target.checked)} />
            <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>Send another reminder to {message.organisation.name}</label>
          </div>
        </div>
      )}
      {message.recipient && (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">
              To {message.recipient}
              {message.copyTo ? `, copy to ${message.copyTo}` : ""}: {message.subject}
            </span>
          </summary>
          <div className="govuk-details__text app-preserve-lines">{message.body}</div>
        </details>
      )}
    </section>
  );
}

function Results({ results, total }: { results: ChaseRecord[]; total: number }) {
  return (
    <>
      <p className="govuk-body" role="status">
        {results.length} of {total} reminders recorded.
      </p>
      <ul className="govuk-list" data-testid="chase-results">
        {results.map((chase) => (
          <li key={chase.id}>
            {chase.organisation.name}: {chase.deliveryStatus === "SENT" ? `sent to ${chase.recipient}` : deliveryWords(chase).toLowerCase()}
          </li>
        ))}
      </ul>
    </>
  );
}
