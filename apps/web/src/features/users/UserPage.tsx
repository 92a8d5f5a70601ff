import { ROLE_NAMES, type UserSummary } from "@quarterly-returns/shared";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useParams } from "../../lib/router.tsx";
import { ConfirmWithReason } from "../../components/ConfirmWithReason.tsx";
import { ErrorSummary } from "../../components/ErrorSummary.tsx";
import { TextInput } from "../../components/TextInput.tsx";
import { fieldError, summaryItems } from "../../lib/form-errors.ts";
import { useOrganisations } from "../../lib/organisations.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { useSession } from "../../lib/session.ts";
import { useResetPassword, useUpdateUser, useUsers } from "./api/users.ts";
import { TemporaryPassword } from "./TemporaryPassword.tsx";
import { organisationIdOf, RoleFields, type RoleFormValues } from "./UserFields.tsx";
import { WarningText } from "../../components/WarningText.tsx";
import { useResetSecondFactor } from "./api/reset-second-factor.ts";
import { ConfirmSecondFactorReset } from "./ResetSecondFactor.tsx";

export function UserPage() {
  const id = Number(useParams().id);
  const users = useUsers();
  // The form sets the organisation once, when it first shows: its choices must be there by then.
  const organisations = useOrganisations();
  const user = users.data?.find((candidate) => candidate.id === id);
  usePageTitle(user ? user.name : "User");
  if (users.isPending || organisations.isPending) return <p className="govuk-body">Loading…</p>;
  if (!user) return <p className="govuk-body">There is no such user. <Link to="/users" className="govuk-link">Back to users</Link></p>;
  return <EditUser key={user.id} user={user} />;
}

type FormValues = RoleFormValues & { name: string };

function EditUser({ user }: { user: UserSummary }) {
  const { data: me } = useSession();
  const update = useUpdateUser(user.id);
  const reset = useResetPassword(user.id);
  const deactivate = useUpdateUser(user.id);
  const [confirmingDeactivation, setConfirmingDeactivation] = useState(false);
  const resetSecondFactor = useResetSecondFactor(user.id);
  const [confirmingSecondFactorReset, setConfirmingSecondFactorReset] = useState(false);
  usePageTitle(
    confirmingDeactivation ? `Deactivate ${user.name}'s account` : confirmingSecondFactorReset ? `Reset ${user.name}'s second factor` : user.name,
  );
  const { register, handleSubmit, formState, watch } = useForm<FormValues>({
    defaultValues: { name: user.name, role: user.role, organisationId: user.organisation?.id ?? null },
  });
  const error = (field: keyof FormValues) => fieldError(formState.errors, update.error, field);
  const problem = update.error ?? reset.error;

  if (confirmingSecondFactorReset) {
    return <ConfirmSecondFactorReset user={user} reset={resetSecondFactor} onDone={() => setConfirmingSecondFactorReset(false)} />;
  }

  if (confirmingDeactivation) {
    return (
      <ConfirmWithReason
        title={`Deactivate ${user.name}'s account?`}
        reasonLabel="Why are you deactivating this account?"
        action="Deactivate account"
        pending={deactivate.isPending}
        problem={deactivate.error}
        onConfirm={(reason) => deactivate.mutate({ active: false, reason }, { onSuccess: () => setConfirmingDeactivation(false) })}
        onCancel={() => {
          deactivate.reset();
          setConfirmingDeactivation(false);
        }}
      >
        <p className="govuk-body">
          {user.name} ({user.email}) will be signed out at once and will not be able to sign in until an admin reactivates the account. Their returns and
          their part in the audit log stay.
        </p>
      </ConfirmWithReason>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link to="/users" className="govuk-back-link">Back to users</Link>
        <ErrorSummary errors={summaryItems(formState.errors, problem, "name")} />
        {update.isSuccess && !update.isPending && (
          <div className="govuk-notification-banner govuk-notification-banner--success" role="status">
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">Changes saved.</p>
            </div>
          </div>
        )}
        {resetSecondFactor.isSuccess && (
          <div className="govuk-notification-banner govuk-notification-banner--success" role="status">
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">{user.name}'s second factor is reset, and they have been signed out.</p>
            </div>
          </div>
        )}
        {reset.data && <TemporaryPassword issued={reset.data} heading="Password reset" />}
        <span className="govuk-caption-l">{user.email}</span>
        <h1 className="govuk-heading-l">{user.name}</h1>
        {!user.active && <WarningText>This account is deactivated: {user.name} cannot sign in.</WarningText>}
        <form
          noValidate
          onSubmit={handleSubmit((form) =>
            update.mutate({
              name: form.name,
              role: form.role,
              organisationId: form.role === "DATA_OWNER" ? form.organisationId : null,
            }),
          )}
        >
          <TextInput id="name" label="Full name" error={error("name")} {...register("name", { required: "Enter the person's name" })} />
          <RoleFields
            roleInput={register("role")}
            organisationInput={register("organisationId", { setValueAs: organisationIdOf })}
            role={watch("role")}
            errors={{ role: error("role"), organisationId: error("organisationId") }}
          />
          <button type="submit" className="govuk-button" disabled={update.isPending}>
            Save changes
          </button>
        </form>

        <h2 className="govuk-heading-m">Access</h2>
        <p className="govuk-body">Role: {ROLE_NAMES[user.role]}. A password reset ends their sessions and gives them a temporary password.</p>
        <p className="govuk-body">
          Authenticator app: {user.secondFactor ? "set up" : "not set up"}. If they have lost their phone and their recovery codes, another admin can reset
          it.
        </p>
        <div className="govuk-button-group">
          <button type="button" className="govuk-button govuk-button--secondary" disabled={reset.isPending} onClick={() => reset.mutate()}>
            Reset password
          </button>
          {user.secondFactor && user.id !== me?.id && (
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setConfirmingSecondFactorReset(true)}>
              Reset second factor
            </button>
          )}
          {user.id !== me?.id && (
            <button
              type="button"
              className={`govuk-button ${user.active ? "govuk-button--warning" : "govuk-button--secondary"}`}
              disabled={update.isPending}
              onClick={() => (user.active ? setConfirmingDeactivation(true) : update.mutate({ active: true }))}
            >
              {user.active ? "Deactivate" : "Reactivate"}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
