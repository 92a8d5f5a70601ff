import { zodResolver } from "@hookform/resolvers/zod";
import { PASSWORD_MIN_LENGTH } from "@quarterly-returns/shared";
import { RESET_LINK_PROBLEMS, resetPasswordSchema, type ResetLinkProblem, type ResetPassword } from "@quarterly-returns/shared/password-reset";
import { useForm } from "react-hook-form";
import { Link, useSearchParams } from "../../lib/router.tsx";
import { ErrorSummary } from "../../components/ErrorSummary.tsx";
import { TextInput } from "../../components/TextInput.tsx";
import { fieldError, summaryItems } from "../../lib/form-errors.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { problemOf, useResetLink, useResetPassword } from "./api/password-reset.ts";

/** The page of the link e-mailed from "Forgotten your password?". */
export default function ResetPasswordPage() {
  const [search] = useSearchParams();
  const token = search.get("token") ?? "";
  const link = useResetLink(token);
  const reset = useResetPassword();
  const problem = (link.data && "problem" in link.data ? link.data.problem : null) ?? problemOf(reset.error);

  if (reset.isSuccess) return <PasswordChosen />;
  if (problem) return <LinkProblem problem={problem} />;
  if (link.isError) return <Message title="Sorry, there is a problem" text={link.error.message} />;
  if (!link.data) return <p className="govuk-body">Checking your link…</p>;
  return <ChooseNewPassword token={token} email={"email" in link.data ? link.data.email : ""} reset={reset} />;
}

function ChooseNewPassword({ token, email, reset }: { token: string; email: string; reset: ReturnType<typeof useResetPassword> }) {
  usePageTitle("Choose a new password");
  const { register, handleSubmit, formState } = useForm<ResetPassword>({
    resolver: zodResolver(resetPasswordSchema),
    shouldFocusError: false,
    defaultValues: { token },
  });
  const error = (field: keyof ResetPassword) => fieldError(formState.errors, reset.error, field);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryItems(formState.errors, reset.error, "newPassword")} />
        <h1 className="govuk-heading-l">Choose a new password</h1>
        <p className="govuk-body">For {email}. Choosing it signs you out wherever you are signed in.</p>
        <form noValidate onSubmit={handleSubmit((form) => reset.mutate(form))}>
          {/* For password managers: whose password this is. */}
          <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
          <TextInput
            id="newPassword"
            label="New password"
            hint={`At least ${PASSWORD_MIN_LENGTH} characters, not a common password and not your name or email address. Three random words make a strong password that is easy to remember.`}
            type="password"
            autoComplete="new-password"
            error={error("newPassword")}
            {...register("newPassword")}
          />
          <TextInput id="confirmPassword" label="New password again" type="password" autoComplete="new-password" error={error("confirmPassword")} {...register("confirmPassword")} />
          <button type="submit" className="govuk-button" disabled={reset.isPending}>
            Save password
          </button>
        </form>
      </div>
    </div>
  );
}

function PasswordChosen() {
  usePageTitle("Your password has been changed");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Your password has been changed</h1>
        </div>
        <p className="govuk-body">You have been signed out wherever you were signed in. Sign in with your new password.</p>
        <Link to="/sign-in" className="govuk-button">Sign in</Link>
      </div>
    </div>
  );
}

function LinkProblem({ problem }: { problem: ResetLinkProblem }) {
  const { title, detail } = RESET_LINK_PROBLEMS[problem];
  return <Message title={title} text={detail} askAgain={problem !== "deactivated"} />;
}

function Message({ title, text, askAgain = true }: { title: string; text: string; askAgain?: boolean }) {
  usePageTitle(title);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{title}</h1>
        <p className="govuk-body">{text}</p>
        {askAgain && (
          <p className="govuk-body">
            <Link to="/forgotten-password" className="govuk-button">Ask for a new link</Link>
          </p>
        )}
        <p className="govuk-body">
          <Link to="/sign-in" className="govuk-link">Back to sign in</Link>
        </p>
      </div>
    </div>
  );
}
