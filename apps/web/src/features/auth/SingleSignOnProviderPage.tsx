import type { Provider } from "@quarterly-returns/shared";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { ErrorSummary } from "../../components/ErrorSummary.tsx";
import { Select } from "../../components/Select.tsx";
import { TextInput } from "../../components/TextInput.tsx";
import { fieldError, summaryItems } from "../../lib/form-errors.ts";
import { useOrganisations } from "../../lib/organisations.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { Link, useNavigate } from "../../lib/router.tsx";
import { useProviders, useRemoveProvider, useSaveProvider } from "./api/single-sign-on-settings.ts";

/** Adds a sign-in service (/settings/single-sign-on/new) or changes one an admin added (/settings/single-sign-on/:id). */
export function SingleSignOnProviderPage({ id }: { id: string }) {
  const providers = useProviders();
  if (id === "new") return <ProviderForm provider={null} />;
  if (providers.isPending) return <p className="govuk-body">Loading…</p>;
  const provider = providers.data?.find((candidate) => candidate.id === id && !candidate.setByOperator);
  if (!provider) return <p className="govuk-body">There is no such sign-in service that you can change.</p>;
  return <ProviderForm key={provider.id} provider={provider} />;
}

/** The form's boxes: the domains as typed, the organisation as the select's value. */
interface ProviderFields {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  domains: string;
  createAccountsOrganisationId: string;
}

const toInput = (fields: ProviderFields) => ({
  ...fields,
  clientSecret: fields.clientSecret || undefined,
  domains: fields.domains.split(/[\s,;]+/).filter(Boolean),
  createAccountsOrganisationId: fields.createAccountsOrganisationId ? Number(fields.createAccountsOrganisationId) : null,
});

function ProviderForm({ provider }: { provider: Provider | null }) {
  const title = provider ? `Change ${provider.name}` : "Add a sign-in service";
  usePageTitle(title);
  const save = useSaveProvider(provider?.id ?? null);
  const remove = useRemoveProvider();
  const [confirmRemove, setConfirmRemove] = useState(false);
  const organisations = useOrganisations();
  const navigate = useNavigate();
  // Checked by the server alone (packages/shared/src/single-sign-on.ts): its zod checks would grow the libraries every page shares.
  const { register, handleSubmit, formState, watch } = useForm<ProviderFields>({
    defaultValues: {
      id: provider?.id ?? "",
      name: provider?.name ?? "",
      issuer: provider?.issuer ?? "",
      clientId: provider?.clientId ?? "",
      clientSecret: "",
      domains: provider?.domains.join(", ") ?? "",
      createAccountsOrganisationId: provider?.createAccountsOrganisation ? String(provider.createAccountsOrganisation.id) : "",
    },
    shouldFocusError: false,
  });
  const error = (field: keyof ProviderFields) => fieldError(formState.errors, save.error, field);
  const back = (saved: string) => navigate("/settings/single-sign-on", { state: { saved } });
  const id = watch("id");

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link to="/settings/single-sign-on" className="govuk-back-link">Back to single sign-on</Link>
        <ErrorSummary errors={summaryItems(formState.errors, save.error ?? remove.error, "name")} />
        <h1 className="govuk-heading-l">{title}</h1>
        <form noValidate onSubmit={handleSubmit((values) => save.mutate(toInput(values), { onSuccess: (saved) => back(`${saved.name} is saved.`) }))}>
          <TextInput id="name" label="Name on the button" hint="People see “Sign in with” and this name, like Stockton Council (Microsoft)" error={error("name")} {...register("name")} />
          <TextInput
            id="id"
            label="Short name"
            hint="Lower-case letters, digits and hyphens, like council. It is part of the redirect URI, so it cannot change later."
            className="govuk-input--width-20"
            spellCheck={false}
            readOnly={Boolean(provider)}
            error={error("id")}
            {...register("id")}
          />
          <div className="govuk-inset-text app-break-words">
            Register this redirect URI with the service (platform: Web):{" "}
            <strong>{`${window.location.origin}/api/auth/oidc/${id || "<short name>"}/callback`}</strong>
          </div>
          <TextInput id="issuer" label="Issuer" hint="For Microsoft Entra ID: https://login.microsoftonline.com/<your tenant ID>/v2.0" spellCheck={false} error={error("issuer")} {...register("issuer")} />
          <TextInput id="clientId" label="Client ID" hint="For Microsoft Entra ID: the application (client) ID" spellCheck={false} error={error("clientId")} {...register("clientId")} />
          <TextInput
            id="clientSecret"
            label="Client secret"
            hint={provider ? "Leave empty to keep the secret already saved. It is never shown again." : "It is never shown again once saved."}
            type="password"
            autoComplete="off"
            error={error("clientSecret")}
            {...register("clientSecret")}
          />
          <TextInput
            id="domains"
            label="Email domains it may confirm"
            hint="Only people whose email address ends in one of these can sign in with it. Separate them with commas, like stockton.gov.uk, stockton.police.uk"
            spellCheck={false}
            error={error("domains")}
            {...register("domains")}
          />
          <Select
            id="createAccountsOrganisationId"
            label="People without an account"
            hint="Whether someone it confirms who has no account yet gets one on their first sign-in"
            error={error("createAccountsOrganisationId")}
            options={[
              { value: "", label: "Do not create accounts: an admin adds people first" },
              ...(organisations.data ?? []).map((organisation) => ({ value: String(organisation.id), label: `Create them as data owners of ${organisation.name}` })),
            ]}
            {...register("createAccountsOrganisationId")}
          />
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button" disabled={save.isPending}>
              {provider ? "Save changes" : "Add sign-in service"}
            </button>
            {provider && !confirmRemove && (
              <button type="button" className="govuk-button govuk-button--warning" onClick={() => setConfirmRemove(true)}>
                Remove
              </button>
            )}
          </div>
        </form>
        {provider && confirmRemove && (
          <div className="govuk-inset-text">
            <p className="govuk-body">People will no longer be able to sign in with {provider.name}. Their accounts stay, and they can still sign in with a password.</p>
            <button
              type="button"
              className="govuk-button govuk-button--warning"
              disabled={remove.isPending}
              onClick={() => remove.mutate(provider.id, { onSuccess: () => back(`${provider.name} is removed.`) })}
            >
              Yes, remove {provider.name}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
