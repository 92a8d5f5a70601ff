import { Link, useSearchParams } from "../../lib/router.tsx";
import { WarningText } from "../../components/WarningText.tsx";
import { usePageTitle } from "../../lib/page-title.ts";
import { useSecondFactorStatus } from "../../lib/second-factor.ts";

const codesWord = (count: number) => (count === 1 ? "1 recovery code" : `${count} recovery codes`);

/** Anyone's own page for their second factor: whether it is on, the recovery codes left, and setting one up. */
export default function SecondFactorPage() {
  usePageTitle("Authenticator app");
  const status = useSecondFactorStatus();
  const [search] = useSearchParams();
  const usedRecoveryCode = search.get("recovery-codes-left") !== null;

  if (status.isPending) return <p className="govuk-body">Loading…</p>;
  if (status.error) return <p className="govuk-body">{status.error.message}</p>;
  const { enabled, required, recoveryCodesLeft } = status.data;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {usedRecoveryCode && (
          <div className="govuk-notification-banner" role="region" aria-labelledby="recovery-code-used">
            <div className="govuk-notification-banner__header">
              <h2 className="govuk-notification-banner__title" id="recovery-code-used">Important</h2>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">
                You signed in with a recovery code. You have {codesWord(recoveryCodesLeft)} left.
              </p>
              <p className="govuk-body">If you have lost your phone, ask an admin to reset your second factor, then set up your app again to get new codes.</p>
            </div>
          </div>
        )}
        <h1 className="govuk-heading-l">Authenticator app</h1>
        {enabled ? (
          <>
            <p className="govuk-body">You sign in with your password and a code from the authenticator app on your phone.</p>
            <dl className="govuk-summary-list">
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Recovery codes left</dt>
                <dd className="govuk-summary-list__value">{recoveryCodesLeft}</dd>
              </div>
            </dl>
            {recoveryCodesLeft <= 3 && (
              <WarningText>
                You have {codesWord(recoveryCodesLeft)} left. Ask an admin to reset your second factor, then set up your app again to get ten new
                ones.
              </WarningText>
            )}
            <p className="govuk-body">If you lose your phone, sign in with a recovery code instead of the app's code, then ask an admin to reset your second factor.</p>
          </>
        ) : (
          <>
            <p className="govuk-body">
              {required
                ? "Admins and community safety managers who sign in with a password also enter a code from an authenticator app on their phone."
                : "You can add a second step to signing in: a code from an authenticator app on your phone. Then someone who learns your password still cannot sign in as you."}
            </p>
            <Link to="/second-factor/set-up" className="govuk-button">Set up an authenticator app</Link>
          </>
        )}
      </div>
    </div>
  );
}
