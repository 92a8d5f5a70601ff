import type { SecondFactorSignIn } from "@quarterly-returns/shared/second-factor";
import { useForm } from "react-hook-form";
import { ErrorSummary } from "../../components/ErrorSummary.tsx";
import { TextInput } from "../../components/TextInput.tsx";
import { ApiError } from "../../lib/api-client.ts";
import { fieldError, summaryItems } from "../../lib/form-errors.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { Link, Navigate, useNavigate, useSearchParams } from "../../lib/router.tsx";
import { homeFor, useSession } from "../../lib/session.ts";
import { useSignInWithCode } from "./api/sign-in-code.ts";

/** The second step of signing in with a password: the code from the authenticator app, or a recovery code. */
export default function SecondFactorSignInPage() {
  usePageTitle("Enter your code");
  const session = useSession();
  const signIn = useSignInWithCode();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  // The server checks the code and says what is wrong: its words stay out of the browser's download.
  const { register, handleSubmit, formState } = useForm<SecondFactorSignIn>({ shouldFocusError: false });

  if (session.data && !signIn.isPending && !signIn.isSuccess) return <Navigate to={homeFor(session.data)} replace />;

  // The pending sign-in has run out (5 minutes) or was never there: the password again.
  const timedOut = signIn.error instanceof ApiError && signIn.error.status === 401 && !signIn.error.fields.code;
  const next = search.get("next");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryItems(formState.errors, signIn.error, "code")} />
        <h1 className="govuk-heading-l">Enter the code from your authenticator app</h1>
        {timedOut ? (
          <p className="govuk-body">
            <Link to="/sign-in" className="govuk-link">Sign in again</Link>
          </p>
        ) : (
          <>
            <p className="govuk-body">Open the authenticator app on your phone and enter the 6-digit code it shows for Quarterly Returns.</p>
            <form
              noValidate
              onSubmit={handleSubmit((form) =>
                signIn.mutate(form, {
                  onSuccess: ({ user, recoveryCodesLeft }) => {
                    if (recoveryCodesLeft !== null) navigate(`/second-factor?recovery-codes-left=${recoveryCodesLeft}`, { replace: true });
                    else navigate(next?.startsWith("/") && !user.mustChangePassword ? next : homeFor(user), { replace: true });
                  },
                }),
              )}
            >
              <TextInput
                id="code"
                label="Code"
                className="govuk-input--width-10"
                inputMode="numeric"
                autoComplete="one-time-code"
                spellCheck={false}
                error={fieldError(formState.errors, signIn.error, "code")}
                {...register("code")}
              />
              <details className="govuk-details">
                <summary className="govuk-details__summary">
                  <span className="govuk-details__summary-text">I cannot use my authenticator app</span>
                </summary>
                <div className="govuk-details__text">
                  Enter one of the recovery codes you saved when you set up the app, in the same box. Each works once. If you have none, ask an
                  admin to reset your second factor: you will then set up the app again.
                </div>
              </details>
              <button type="submit" className="govuk-button" disabled={signIn.isPending}>
                Continue
              </button>
            </form>
          </>
        )}
      </div>
    </div>
  );
}
