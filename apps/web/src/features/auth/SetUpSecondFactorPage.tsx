import type { SessionUser } from "@quarterly-returns/shared";
import type { ConfirmEnrolment } from "@quarterly-returns/shared/second-factor";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { ErrorSummary } from "../../components/ErrorSummary.tsx";
import { TextInput } from "../../components/TextInput.tsx";
import { WarningText } from "../../components/WarningText.tsx";
import { fieldError, summaryItems } from "../../lib/form-errors.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { Link, useNavigate } from "../../lib/router.tsx";
import { homeFor, useSession } from "../../lib/session.ts";
import { useConfirmEnrolment, useEnrolment } from "./api/enrolment.ts";

/** Setting up an authenticator app: the QR code or the key, the app's first code, then the recovery codes, shown once. */
export default function SetUpSecondFactorPage() {
  const { data: user } = useSession();
  const enrolment = useEnrolment();
  const confirm = useConfirmEnrolment();
  const { register, handleSubmit, formState } = useForm<ConfirmEnrolment>({ shouldFocusError: false });
  usePageTitle(confirm.data ? "Save your recovery codes" : "Set up your authenticator app");

  if (confirm.data) return <RecoveryCodes codes={confirm.data.recoveryCodes} user={confirm.data.user} />;
  if (enrolment.isPending) return <p className="govuk-body">Loading…</p>;
  if (enrolment.error) {
    return (
      <p className="govuk-body">
        {enrolment.error.message} <Link to="/second-factor" className="govuk-link">Back</Link>
      </p>
    );
  }
  const { qrCode, key, account } = enrolment.data;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryItems(formState.errors, confirm.error, "code")} />
        <h1 className="govuk-heading-l">Set up your authenticator app</h1>
        {user?.mustEnrolSecondFactor && (
          <div className="govuk-inset-text">
            Admins and community safety managers sign in with their password and a code from an authenticator app. Set one up to continue.
          </div>
        )}
        <h2 className="govuk-heading-m">1. Get an authenticator app</h2>
        <p className="govuk-body">
          Use the authenticator app on your work phone, or install one, such as Microsoft Authenticator or Google Authenticator.
        </p>
        <h2 className="govuk-heading-m">2. Add Quarterly Returns to the app</h2>
        <p className="govuk-body">In the app, choose to add an account, then scan this QR code.</p>
        <img src={qrCode} alt="QR code to scan with your authenticator app" width={200} height={200} className="app-qr-code" />
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">I cannot scan the QR code</span>
          </summary>
          <div className="govuk-details__text">
            <p className="govuk-body">Choose to enter a key instead, and type:</p>
            <dl className="govuk-summary-list">
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Account</dt>
                <dd className="govuk-summary-list__value">Quarterly Returns ({account})</dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Key</dt>
                <dd className="govuk-summary-list__value">
                  <code className="app-second-factor-key" data-testid="second-factor-key">{key}</code>
                </dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Type of key</dt>
                <dd className="govuk-summary-list__value">Time-based</dd>
              </div>
            </dl>
          </div>
        </details>
        <h2 className="govuk-heading-m">3. Enter the code the app shows</h2>
        <form noValidate onSubmit={handleSubmit((form) => confirm.mutate(form))}>
          <TextInput
            id="code"
            label="Code"
            hint="6 digits, like 123456. A new one shows every 30 seconds."
            className="govuk-input--width-10"
            inputMode="numeric"
            autoComplete="one-time-code"
            spellCheck={false}
            error={fieldError(formState.errors, confirm.error, "code")}
            {...register("code")}
          />
          <button type="submit" className="govuk-button" disabled={confirm.isPending}>
            Continue
          </button>
        </form>
      </div>
    </div>
  );
}

function RecoveryCodes({ codes, user }: { codes: string[]; user: SessionUser }) {
  const navigate = useNavigate();
  const [copied, setCopied] = useState(false);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation app-no-print">
          <h1 className="govuk-panel__title">Your authenticator app is set up</h1>
        </div>
        <h2 className="govuk-heading-m">Save your recovery codes</h2>
        <p className="govuk-body">
          If you lose your phone, sign in with one of these codes instead of a code from the app. Each code works once.
        </p>
        <WarningText>This is the only time these codes are shown. Copy them into a password manager, or print them and keep them safe.</WarningText>
        <ol className="govuk-list govuk-list--number app-recovery-codes" data-testid="recovery-codes">
          {codes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ol>
        <div className="govuk-button-group app-no-print">
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            onClick={() => void navigator.clipboard?.writeText(codes.join("\n")).then(() => setCopied(true))}
          >
            Copy codes
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => window.print()}>
            Print codes
          </button>
        </div>
        <p className="govuk-body app-no-print" role="status">{copied ? "The codes are copied." : ""}</p>
        <button type="button" className="govuk-button app-no-print" onClick={() => navigate(homeFor(user), { replace: true })}>
          I have saved my recovery codes
        </button>
      </div>
    </div>
  );
}
