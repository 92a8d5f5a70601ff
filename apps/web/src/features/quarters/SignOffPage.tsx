import { formatDate, NO_DATA_REASON_NAMES, type ConfirmedOutlierSummary, type NoDataReason, type OpenQuerySummary, type SignOffSummary } from "@quarterly-returns/shared";
import { useState } from "react";
import { Link, useParams } from "../../lib/router.tsx";
import { ErrorSummary } from "../../components/ErrorSummary.tsx";
import { TextInput } from "../../components/TextInput.tsx";
import { usePageTitle } from "../../lib/page-title.ts";
import { useSignOff, useSignOffPreview } from "./api/years.ts";
import { reopeningWords } from "./reopening-words.ts";
import { ConfirmedOutliers } from "../../components/ConfirmedOutliers.tsx";
import { WarningText } from "../../components/WarningText.tsx";
import { ApiError } from "../../lib/api-client.ts";
import { useSecondFactorStatus } from "../../lib/second-factor.ts";

/** Shows exactly what signing off will record, then signs off with the admin's password (and authenticator code, when they have one). */
export function SignOffPage() {
  const id = Number(useParams().id);
  const preview = useSignOffPreview(id);
  const signOff = useSignOff(id);
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const withCode = useSecondFactorStatus().data?.enabled ?? false;
  const codeError = signOff.error instanceof ApiError ? signOff.error.fields.code : undefined;
  usePageTitle(preview.data ? `Sign off ${preview.data.quarter.name}` : "Sign off");

  if (signOff.data) return <Done summary={signOff.data} />;
  if (preview.isPending) return <p className="govuk-body">Loading…</p>;
  if (preview.error) return <p className="govuk-body">{preview.error.message} <Link to="/quarters" className="govuk-link">Back to quarters</Link></p>;
  const summary = preview.data;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link to="/quarters" className="govuk-back-link">Back to quarters</Link>
        <ErrorSummary errors={signOff.error ? [{ href: codeError ? "code" : "password", message: signOff.error.message }] : []} />
        <h1 className="govuk-heading-l">{summary.parts.length ? `Sign off the reopened returns of ${summary.quarter.name}` : `Sign off ${summary.quarter.name}`}</h1>
        {summary.parts.length ? (
          <>
            <p className="govuk-body">Signing off locks these returns again: the rest of the quarter is still signed off.</p>
            <ul className="govuk-list govuk-list--bullet" data-testid="reopened-parts">
              {summary.parts.map((part) => <li key={part.id}>{reopeningWords(part)}</li>)}
            </ul>
          </>
        ) : (
          <p className="govuk-body">Signing off locks the quarter: nobody can change its returns until an admin reopens it.</p>
        )}
        <Warnings summary={summary} />
        <Counts summary={summary} />
        {summary.notProvided.length > 0 ? (
          <>
            <h2 className="govuk-heading-m">{returnsWord(summary.notProvided.length)} will be recorded as “No data provided”</h2>
            <table className="govuk-table app-stacked-table" data-testid="not-provided">
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">Ref</th>
                  <th scope="col" className="govuk-table__header">Indicator</th>
                  <th scope="col" className="govuk-table__header">Organisation</th>
                  <th scope="col" className="govuk-table__header">Now</th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {summary.notProvided.map((item) => (
                  <tr className="govuk-table__row" key={item.indicatorId}>
                    <td className="govuk-table__cell" data-label="Ref">{item.ref ?? ""}</td>
                    <td className="govuk-table__cell" data-label="Indicator">{item.title}</td>
                    <td className="govuk-table__cell" data-label="Organisation">{item.organisation.shortName}</td>
                    <td className="govuk-table__cell" data-label="Now">{item.state}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <p className="govuk-body">Every return is in: nothing will be recorded as not provided.</p>
        )}
        <OpenQueries queries={summary.openQueries} quarterId={summary.quarter.id} />
        <UnconfirmedOutliers outliers={summary.unconfirmedOutliers} />
        <ConfirmedOutliers outliers={summary.outliers} />
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            signOff.mutate(withCode ? { password, code } : { password });
          }}
        >
          <TextInput
            id="password"
            label="Your password"
            hint={withCode ? "Your password and the code from your authenticator app sign the quarter off in your name." : "Entering your password signs the quarter off in your name."}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={codeError ? undefined : signOff.error?.message}
          />
          {withCode && (
            <TextInput
              id="code"
              label="Code from your authenticator app"
              className="govuk-input--width-10"
              inputMode="numeric"
              autoComplete="one-time-code"
              spellCheck={false}
              value={code}
              onChange={(event) => setCode(event.target.value)}
              error={codeError}
            />
          )}
          <button type="submit" className="govuk-button govuk-button--warning" disabled={signOff.isPending}>
            {summary.parts.length ? "Sign off the reopened returns" : `Sign off ${summary.quarter.name}`}
          </button>
        </form>
      </div>
    </div>
  );
}

const returnsWord = (count: number) => (count === 1 ? "1 outstanding return" : `${count} outstanding returns`);


/** What the admin should know before signing: it is early, returns are missing, queries are open, figures look unusual. */
function Warnings({ summary }: { summary: SignOffSummary }) {
  const { daysBeforeDue, notProvided, openQueries, outliers, unconfirmedOutliers, quarter } = summary;
  const queries = openQueries.length;
  return (
    <div data-testid="sign-off-warnings">
      {daysBeforeDue > 0 && (
        <WarningText>
          It is {daysBeforeDue === 1 ? "1 day" : `${daysBeforeDue} days`} before the due date ({formatDate(quarter.dueDate)}): owners still have time to send their returns.
        </WarningText>
      )}
      {notProvided.length > 0 && <WarningText>{returnsWord(notProvided.length)} will be recorded as “No data provided”.</WarningText>}
      {queries > 0 && <WarningText>{queries === 1 ? "1 query is" : `${queries} queries are`} still open: signing off leaves {queries === 1 ? "it" : "them"} unresolved.</WarningText>}
      {outliers.length > 0 && (
        <WarningText>{outliers.length === 1 ? "1 figure looks" : `${outliers.length} figures look`} unusual: {outliers.length === 1 ? "its owner" : "their owners"} confirmed {outliers.length === 1 ? "it" : "them"} as right.</WarningText>
      )}
      {unconfirmedOutliers.length > 0 && (
        <WarningText>{unconfirmedOutliers.length === 1 ? "1 figure looks" : `${unconfirmedOutliers.length} figures look`} unusual and nobody has confirmed {unconfirmedOutliers.length === 1 ? "it" : "them"}.</WarningText>
      )}
    </div>
  );
}

/** Figures that look wrong and were never confirmed (imported, or compared with a figure corrected since): each links to its return, to query it there. */
function UnconfirmedOutliers({ outliers }: { outliers: ConfirmedOutlierSummary[] }) {
  if (outliers.length === 0) return null;
  return (
    <section aria-labelledby="unconfirmed-outliers">
      <h2 className="govuk-heading-m" id="unconfirmed-outliers">Unusual figures nobody confirmed</h2>
      <p className="govuk-body">Each looks wrong against the previous quarter, last year or its expected range. Open the return to query it.</p>
      <table className="govuk-table app-stacked-table" data-testid="unconfirmed-outliers">
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Return</th>
            <th scope="col" className="govuk-table__header">Figure</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {outliers.map((outlier) => (
            <tr className="govuk-table__row" key={`${outlier.indicator.id}-${outlier.fieldKey}`}>
              <td className="govuk-table__cell" data-label="Return">
                <Link to={`/returns/${outlier.indicator.id}/${outlier.quarter.id}`} className="govuk-link">{outlier.indicator.ref ?? outlier.indicator.title}</Link>{" "}
                {outlier.organisation.shortName}
              </td>
              <td className="govuk-table__cell" data-label="Figure">
                {outlier.label}: {outlier.question}
                {outlier.queried ? " (queried)" : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function OpenQueries({ queries, quarterId }: { queries: OpenQuerySummary[]; quarterId: number }) {
  if (queries.length === 0) return null;
  return (
    <section aria-labelledby="open-queries">
      <h2 className="govuk-heading-m" id="open-queries">Open queries</h2>
      <table className="govuk-table app-stacked-table" data-testid="open-queries">
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Ref</th>
            <th scope="col" className="govuk-table__header">Organisation</th>
            <th scope="col" className="govuk-table__header">Question</th>
            <th scope="col" className="govuk-table__header">Raised by</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {queries.map((query) => (
            <tr className="govuk-table__row" key={query.id}>
              <td className="govuk-table__cell" data-label="Ref">
                <Link to={`/returns/${query.indicatorId}/${quarterId}`} className="govuk-link">{query.ref ?? query.title}</Link>
              </td>
              <td className="govuk-table__cell" data-label="Organisation">{query.organisation.shortName}</td>
              <td className="govuk-table__cell" data-label="Question">
                {query.field ? `${query.field}: ` : ""}
                {query.text}
                {query.answered ? " (answered, not yet closed)" : ""}
              </td>
              <td className="govuk-table__cell" data-label="Raised by">{query.raisedBy.name}, {formatDate(query.raisedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Counts({ summary }: { summary: SignOffSummary }) {
  const reasons = Object.entries(summary.noData) as [NoDataReason, number][];
  return (
    <dl className="govuk-summary-list" data-testid="sign-off-counts">
      <div className="govuk-summary-list__row">
        <dt className="govuk-summary-list__key">Submitted</dt>
        <dd className="govuk-summary-list__value">{summary.submitted}</dd>
      </div>
      {reasons.map(([reason, count]) => (
        <div className="govuk-summary-list__row" key={reason}>
          <dt className="govuk-summary-list__key">No data: {NO_DATA_REASON_NAMES[reason].toLowerCase()}</dt>
          <dd className="govuk-summary-list__value">{count}</dd>
        </div>
      ))}
      <div className="govuk-summary-list__row">
        <dt className="govuk-summary-list__key">Outstanding (will be “No data provided”)</dt>
        <dd className="govuk-summary-list__value">{summary.notProvided.length}</dd>
      </div>
    </dl>
  );
}

function Done({ summary }: { summary: SignOffSummary }) {
  return (
    <>
      <div className="govuk-panel govuk-panel--confirmation" role="status">
        <h1 className="govuk-panel__title">{summary.parts.length ? `The reopened returns of ${summary.quarter.name} are signed off again` : `${summary.quarter.name} is signed off`}</h1>
        <div className="govuk-panel__body">{summary.notProvided.length} returns recorded as “No data provided”</div>
      </div>
      <p className="govuk-body"><Link to="/quarters" className="govuk-link">Back to quarters</Link></p>
    </>
  );
}
