import { zodResolver } from "@hookform/resolvers/zod";
import { RESET_LINK_MINUTES, resetLinkRequestSchema, type ResetLinkRequest } from "@quarterly-returns/shared/password-reset";
import { useForm } from "react-hook-form";
import { Link } from "../../lib/router.tsx";
import { ErrorSummary } from "../../components/ErrorSummary.tsx";
import { TextInput } from "../../components/TextInput.tsx";
import { fieldError, summaryItems } from "../../lib/form-errors.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { useRequestResetLink } from "./api/password-reset.ts";

export default function ForgottenPasswordPage() {
  const request = useRequestResetLink();
  usePageTitle(request.isSuccess ? "Check your email" : "Forgotten your password?");
  const { register, handleSubmit, formState } = useForm<ResetLinkRequest>({ resolver: zodResolver(resetLinkRequestSchema), shouldFocusError: false });

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {request.isSuccess ? (
          <>
            <h1 className="govuk-heading-l">Check your email</h1>
            <p className="govuk-body">{request.data.message}</p>
            <p className="govuk-body">Open the link in the email to choose a new password. It may take a few minutes to arrive: check your junk folder too.</p>
            <p className="govuk-body">
              If it does not arrive, <Link to="/forgotten-password" className="govuk-link" onClick={() => request.reset()}>ask for another link</Link> or ask your partnership's administrator to reset your password.
            </p>
            <p className="govuk-body">
              <Link to="/sign-in" className="govuk-link">Back to sign in</Link>
            </p>
          </>
        ) : (
          <>
            <ErrorSummary errors={summaryItems(formState.errors, request.error, "email")} />
            <h1 className="govuk-heading-l">Forgotten your password?</h1>
            <p className="govuk-body">
              Enter the email address you sign in with. We will send you a link to choose a new password. The link works for {RESET_LINK_MINUTES} minutes.
            </p>
            <form noValidate onSubmit={handleSubmit((form) => request.mutate(form))}>
              <TextInput
                id="email"
                label="Email address"
                type="email"
                autoComplete="email"
                spellCheck={false}
                error={fieldError(formState.errors, request.error, "email")}
                {...register("email")}
              />
              <button type="submit" className="govuk-button" disabled={request.isPending}>
                Send the link
              </button>
            </form>
            <p className="govuk-body">
              <Link to="/sign-in" className="govuk-link">Back to sign in</Link>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
