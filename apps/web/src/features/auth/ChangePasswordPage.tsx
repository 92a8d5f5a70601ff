import { zodResolver } from "@hookform/resolvers/zod";
import { changePasswordSchema, PASSWORD_MIN_LENGTH, type ChangePassword } from "@quarterly-returns/shared";
import { useForm } from "react-hook-form";
import { useNavigate } from "../../lib/router.tsx";
import { ErrorSummary } from "../../components/ErrorSummary.tsx";
import { TextInput } from "../../components/TextInput.tsx";
import { fieldError, summaryItems } from "../../lib/form-errors.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { homeFor, useSession } from "../../lib/session.ts";
import { useChangePassword } from "./api/change-password.ts";

export function ChangePasswordPage() {
  const { data: user } = useSession();
  const required = Boolean(user?.mustChangePassword);
  usePageTitle(required ? "Choose a new password" : "Change your password");
  const change = useChangePassword();
  const navigate = useNavigate();
  const { register, handleSubmit, formState } = useForm<ChangePassword>({ resolver: zodResolver(changePasswordSchema), shouldFocusError: false });
  const error = (field: keyof ChangePassword) => fieldError(formState.errors, change.error, field);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryItems(formState.errors, change.error, "currentPassword")} />
        <h1 className="govuk-heading-l">{required ? "Choose a new password" : "Change your password"}</h1>
        {required && <p className="govuk-body">You signed in with a temporary password. Choose your own before you continue.</p>}
        <form noValidate onSubmit={handleSubmit((passwords) => change.mutate(passwords, { onSuccess: (updated) => navigate(homeFor(updated), { replace: true }) }))}>
          <TextInput
            id="currentPassword"
            label={required ? "Temporary password" : "Current password"}
            type="password"
            autoComplete="current-password"
            error={error("currentPassword")}
            {...register("currentPassword")}
          />
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
          <button type="submit" className="govuk-button" disabled={change.isPending}>
            Save password
          </button>
        </form>
      </div>
    </div>
  );
}
