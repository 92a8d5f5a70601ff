import { zodResolver } from "@hookform/resolvers/zod";
import { signInSchema, type SignIn } from "@quarterly-returns/shared";
import { Suspense } from "react";
import { useForm } from "react-hook-form";
import { Link, Navigate, useNavigate, useSearchParams } from "../../lib/router.tsx";
import { ErrorSummary } from "../../components/ErrorSummary.tsx";
import { TextInput } from "../../components/TextInput.tsx";
import { fieldError, summaryItems } from "../../lib/form-errors.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { homeFor, useSession } from "../../lib/session.ts";
import { useSignIn } from "./api/sign-in.ts";
import { SingleSignOnPages } from "./single-sign-on-pages.ts";

export function SignInPage() {
  usePageTitle("Sign in");
  const session = useSession();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const { register, handleSubmit, formState } = useForm<SignIn>({ resolver: zodResolver(signInSchema), shouldFocusError: false });

  if (session.data && !signIn.isPending) return <Navigate to={homeFor(session.data)} replace />;

  const errors = summaryItems(formState.errors, signIn.error, "email");
  const next = search.get("next");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        {search.get("signed-out") && (
          <div className="govuk-notification-banner govuk-notification-banner--success" role="status">
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">You have signed out.</p>
            </div>
          </div>
        )}
        <h1 className="govuk-heading-l">Sign in</h1>
        <p className="govuk-body">Sign in to submit your organisation's quarterly figures to the partnership.</p>
        <form
          noValidate
          onSubmit={handleSubmit((credentials) =>
            signIn.mutate(credentials, {
              // No user yet: their authenticator's code comes next.
              onSuccess: (user) =>
                navigate(!user ? `/sign-in/code${location.search}` : next?.startsWith("/") && !user.mustChangePassword ? next : homeFor(user), { replace: true }),
            }),
          )}
        >
          <TextInput id="email" label="Email address" type="email" autoComplete="email" spellCheck={false} error={fieldError(formState.errors, signIn.error, "email")} {...register("email")} />
          <TextInput id="password" label="Password" type="password" autoComplete="current-password" error={fieldError(formState.errors, signIn.error, "password")} {...register("password")} />
          <button type="submit" className="govuk-button" disabled={signIn.isPending}>
            Sign in
          </button>
        </form>
        <p className="govuk-body">
          <Link to="/forgotten-password" className="govuk-link">Forgotten your password?</Link>
        </p>
        <Suspense>
          {/* Loaded after the form: the buttons cost the data owner's first download almost nothing. */}
          <SingleSignOnPages buttons />
        </Suspense>
      </div>
    </div>
  );
}
