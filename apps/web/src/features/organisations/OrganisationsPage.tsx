import { Link } from "../../lib/router.tsx";
import { useOrganisations } from "../../lib/organisations.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { PartnershipNameForm } from "./PartnershipNameForm.tsx";

export function OrganisationsPage() {
  usePageTitle("Organisations");
  const organisations = useOrganisations();
  return (
    <>
      <h1 className="govuk-heading-l">Organisations</h1>
      <p className="govuk-body">The partners who own indicators and submit returns. Reminders go to each one's data owners, or to its contact when it has none; its contact is copied in once returns are overdue.</p>
      <Link to="/organisations/new" className="govuk-button" role="button" draggable={false}>
        Add an organisation
      </Link>
      {organisations.isPending && <p className="govuk-body">Loading…</p>}
      {organisations.data && (
        <table className="govuk-table app-stacked-table">
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Organisation</th>
              <th scope="col" className="govuk-table__header">Short name</th>
              <th scope="col" className="govuk-table__header">Contact</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {organisations.data.map((organisation) => (
              <tr className="govuk-table__row" key={organisation.id}>
                <td className="govuk-table__cell" data-label="Organisation">
                  <Link to={`/organisations/${organisation.id}`} className="govuk-link">{organisation.name}</Link>
                </td>
                <td className="govuk-table__cell" data-label="Short name">{organisation.shortName}</td>
                <td className="govuk-table__cell" data-label="Contact">
                  {organisation.contactName}
                  {organisation.contactEmail && <><br /><span className="govuk-body-s">{organisation.contactEmail}</span></>}
                  {!organisation.contactName && !organisation.contactEmail && <span className="govuk-hint">No contact yet</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PartnershipNameForm />
          <h2 className="govuk-heading-m">Signing in</h2>
          <p className="govuk-body">
            <Link to="/settings/single-sign-on" className="govuk-link">Single sign-on</Link>: let people sign in with their organisation's account (Microsoft Entra ID, or another OpenID Connect service) instead of a password.
          </p>
        </div>
      </div>
    </>
  );
}
