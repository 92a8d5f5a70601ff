import { formatDate, ROLE_NAMES } from "@quarterly-returns/shared";
import { Link } from "../../lib/router.tsx";
import { usePageTitle } from "../../lib/page-title.ts";
import { useUsers } from "./api/users.ts";

export function UsersPage() {
  usePageTitle("Users");
  const users = useUsers();
  return (
    <>
      <h1 className="govuk-heading-l">Users</h1>
      <Link to="/users/new" className="govuk-button" role="button" draggable={false}>
        Add a user
      </Link>
      {users.isPending && <p className="govuk-body">Loading…</p>}
      {users.error && <p className="govuk-error-message">{users.error.message}</p>}
      {users.data && (
        <table className="govuk-table app-stacked-table">
          <caption className="govuk-table__caption govuk-table__caption--s">{users.data.length} people can sign in or could before</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Name</th>
              <th scope="col" className="govuk-table__header">Role</th>
              <th scope="col" className="govuk-table__header">Organisation</th>
              <th scope="col" className="govuk-table__header">Status</th>
              <th scope="col" className="govuk-table__header">Last signed in</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {users.data.map((user) => (
              <tr className="govuk-table__row" key={user.id}>
                <td className="govuk-table__cell" data-label="Name">
                  <Link to={`/users/${user.id}`} className="govuk-link">{user.name}</Link>
                  <br />
                  <span className="govuk-body-s">{user.email}</span>
                </td>
                <td className="govuk-table__cell" data-label="Role">{ROLE_NAMES[user.role]}</td>
                <td className="govuk-table__cell" data-label="Organisation">{user.organisation?.name ?? ""}</td>
                <td className="govuk-table__cell" data-label="Status">
                  {!user.active ? (
                    <strong className="govuk-tag govuk-tag--grey">Deactivated</strong>
                  ) : user.mustChangePassword ? (
                    <strong className="govuk-tag govuk-tag--yellow">Temporary password</strong>
                  ) : (
                    <strong className="govuk-tag govuk-tag--green">Active</strong>
                  )}
                </td>
                <td className="govuk-table__cell" data-label="Last signed in">{user.lastSignInAt ? formatDate(user.lastSignInAt) : "Never"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
