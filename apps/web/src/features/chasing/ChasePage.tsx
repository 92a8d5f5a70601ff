import { can, formatDate, type ChasePreview, type ChaseRecord } from "@quarterly-returns/shared";
import { chasedBy } from "./chased-by.ts";
import { useState } from "react";
import { Link, useParams, useSearchParams } from "../../lib/router.tsx";
import { ErrorSummary } from "../../components/ErrorSummary.tsx";
import { ApiError } from "../../lib/api-client.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { useSession } from "../../lib/session.ts";
import { useChasePreview, useSendChase } from "./api/chases.ts";
import { ChaseHistory } from "./ChaseHistory.tsx";
import { MAIL_NOT_SET_UP } from "./delivery.ts";
import { WarningText } from "../../components/WarningText.tsx";

/** Compose a reminder to one organisation: it lists exactly what is outstanding; the text can be edited. */
export function ChasePage() {
  const organisationId = Number(useParams().organisationId);
  const quarterId = Number(useSearchParams()[0].get("quarter"));
  const preview = useChasePreview({ quarterId, organisationId });
  const message = preview.data?.[0];
  usePageTitle(message ? `Chase ${message.organisation.name}` : "Chase");
  return (
    <>
      <Link to={`/completeness?quarter=${quarterId}`} className="govuk-back-link">Back to completeness</Link>
      {preview.isPending && <p className="govuk-body">Loading…</p>}
      {preview.error && <p className="govuk-error-message">{preview.error.message}</p>}
      {message && <Compose key={message.organisation.id} message={message} quarterId={quarterId} />}
      <ChaseHistory quarterId={quarterId} organisationId={organisationId} />
    </>
  );
}

function Compose({ message, quarterId }: { message: ChasePreview; quarterId: number }) {
  const [subject, setSubject] = useState(message.subject);
  const [body, setBody] = useState(message.body);
  const [insist, setInsist] = useState(false);
  const send = useSendChase();
  const { data: me } = useSession();
  const [sent, setSent] = useState<ChaseRecord | null>(null);

  if (sent) return <SentPanel chase={sent} />;
  const recentlyChased = message.skipped === "RECENTLY_CHASED";
  const problems = [
    ...(send.error instanceof ApiError && Object.keys(send.error.fields).length
      ? Object.entries(send.error.fields).map(([field, text]) => ({ href: field, message: text }))
      : send.error
        ? [{ href: "subject", message: send.error.message }]
        : []),
  ];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={problems} />
        <span className="govuk-caption-l">Chase</span>
        <h1 className="govuk-heading-l">{message.organisation.name}</h1>
        {message.skipped === "NO_CONTACT" && (
          <p className="govuk-body">
            This organisation has no data owners and no contact email address.{" "}
            {can(me, "manageOrganisations") ? (
              <>
                <Link to={`/organisations/${message.organisation.id}`} className="govuk-link">Add one</Link> first.
              </>
            ) : (
              "Ask an administrator to add one first."
            )}
          </p>
        )}
        {message.skipped === "NOTHING_OUTSTANDING" && <p className="govuk-body">Nothing is outstanding: there is nothing to chase.</p>}
        {message.items.length > 0 && message.recipient && (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              send.mutate({ quarterId, organisationId: message.organisation.id, subject, body, insist }, { onSuccess: setSent });
            }}
          >
            <dl className="govuk-summary-list">
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">To</dt>
                <dd className="govuk-summary-list__value">{message.recipient}</dd>
              </div>
              {message.copyTo && (
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Copy to</dt>
                  <dd className="govuk-summary-list__value">{message.copyTo} (lead contact: returns are overdue)</dd>
                </div>
              )}
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Outstanding</dt>
                <dd className="govuk-summary-list__value">
                  <ul className="govuk-list" data-testid="outstanding">
                    {message.items.map((item) => (
                      <li key={item.indicatorId}>
                        {item.ref ? <strong>{item.ref} </strong> : null}
                        {item.title}: {item.state}
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            </dl>
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor="subject">Subject</label>
              <input id="subject" className="govuk-input" value={subject} onChange={(event) => setSubject(event.target.value)} />
            </div>
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor="body">Message</label>
              <div id="body-hint" className="govuk-hint">Edit it as you like before sending.</div>
              <textarea id="body" className="govuk-textarea app-message" rows={16} aria-describedby="body-hint" value={body} onChange={(event) => setBody(event.target.value)} />
            </div>
            {recentlyChased && message.lastChase && (
              <div className="govuk-form-group">
                <WarningText>
                  {message.organisation.name} was chased on {formatDate(message.lastChase.sentAt)} {chasedBy(message.lastChase)}, less than 24 hours ago.
                </WarningText>
                <div className="govuk-checkboxes">
                  <div className="govuk-checkboxes__item">
                    <input className="govuk-checkboxes__input" id="insist" type="checkbox" checked={insist} onChange={(event) => setInsist(event.target.checked)} />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor="insist">Send another reminder anyway</label>
                  </div>
                </div>
              </div>
            )}
            <button type="submit" className="govuk-button" disabled={send.isPending || (recentlyChased && !insist)}>
              Send reminder
            </button>
          </form>
        )}
      </div>
    </div>
  );
}

function SentPanel({ chase }: { chase: ChaseRecord }) {
  const sent = chase.deliveryStatus === "SENT";
  return (
    <div className={sent ? "govuk-panel govuk-panel--confirmation" : "govuk-notification-banner"} role="status" data-testid="chase-result">
      {sent ? (
        <>
          <h1 className="govuk-panel__title">Reminder sent</h1>
          <div className="govuk-panel__body">to {chase.recipient}</div>
        </>
      ) : (
        <div className="govuk-notification-banner__content">
          <h1 className="govuk-notification-banner__heading">
            Reminder recorded but {chase.deliveryStatus === "NOT_SENT" ? "not sent" : "not delivered"}
          </h1>
          <p className="govuk-body">
            {chase.deliveryStatus === "NOT_SENT" ? MAIL_NOT_SET_UP : "The e-mail could not be sent. Try again later; if it fails again, ask your administrator to check the e-mail settings."} The reminder is in the chase history below.
          </p>
        </div>
      )}
    </div>
  );
}
