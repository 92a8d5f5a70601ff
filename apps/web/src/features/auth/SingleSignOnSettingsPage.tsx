import type { Provider } from "@quarterly-returns/shared";
import { Link, useLocation } from "../../lib/router.tsx";
import { usePageTitle } from "../../lib/page-title.ts";
import { useProviders } from "./api/single-sign-on-settings.ts";

/** The single sign-on providers (admin): the operator's, read-only, and the admin's own. */
export function SingleSignOnSettingsPage() {
  usePageTitle("Single sign-on");
  const providers = useProviders();
  const saved = useLocation().state as { saved?: string } | null;
  return (
    <>
      <Link to="/organisations" className="govuk-back-link">Back to organisations</Link>
      {saved?.saved && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="status">
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">{saved.saved}</p>
          </div>
        </div>
      )}
      <h1 className="govuk-heading-l">Single sign-on</h1>
      <p className="govuk-body">
        People can sign in with their organisation's account (Microsoft Entra ID, or another OpenID Connect service) instead of a password. Each
        service here has a button on the sign-in page. It signs in people who already have an account here, by their email address, if the address
        is in one of the service's domains.
      </p>
      <p className="govuk-body">
        <Link to="/settings/single-sign-on/new" className="govuk-button">
          Add a sign-in service
        </Link>
      </p>
      {providers.isPending && <p className="govuk-body">Loading…</p>}
      {providers.isError && <p className="govuk-body">The sign-in services could not be loaded. Reload the page to try again.</p>}
      {providers.data?.length === 0 && <p className="govuk-body">There are no sign-in services yet: everyone signs in with their email address and password.</p>}
      {providers.data?.map((provider) => <ProviderCard key={provider.id} provider={provider} />)}
    </>
  );
}

function ProviderCard({ provider }: { provider: Provider }) {
  const rows: [string, string][] = [
    ["Button", `Sign in with ${provider.name}`],
    ["Redirect URI to register", provider.redirectUri],
    ["Issuer", provider.issuer],
    ["Client ID", provider.clientId],
    ["Email domains it may confirm", provider.domains.join(", ")],
    [
      "New accounts",
      provider.createAccountsOrganisation
        ? `Created on first sign-in, as data owners of ${provider.createAccountsOrganisation.name}`
        : "None: only people who already have an account can sign in",
    ],
  ];
  return (
    <div className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <h2 className="govuk-summary-card__title">{provider.name}</h2>
        <ul className="govuk-summary-card__actions">
          <li className="govuk-summary-card__action">
            {provider.setByOperator ? (
              <strong className="govuk-tag govuk-tag--grey">Set by your operator</strong>
            ) : (
              <Link to={`/settings/single-sign-on/${provider.id}`} className="govuk-link">
                Change<span className="govuk-visually-hidden"> {provider.name}</span>
              </Link>
            )}
          </li>
        </ul>
      </div>
      <div className="govuk-summary-card__content">
        <dl className="govuk-summary-list">
          {rows.map(([key, value]) => (
            <div className="govuk-summary-list__row" key={key}>
              <dt className="govuk-summary-list__key">{key}</dt>
              <dd className="govuk-summary-list__value app-break-words">{value}</dd>
            </div>
          ))}
        </dl>
        {provider.setByOperator && (
          <p className="govuk-body-s">This service is set in the server's settings. Ask your operator to change it.</p>
        )}
      </div>
    </div>
  );
}
