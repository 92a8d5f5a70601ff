import { Link } from "../lib/router.tsx";
import { usePageTitle } from "../lib/page-title.ts";

export function ForbiddenPage() {
  usePageTitle("You cannot see this page");
  return (
    <>
      <h1 className="govuk-heading-l">You cannot see this page</h1>
      <p className="govuk-body">Your role does not include this page. If you think it should, ask your partnership's administrator.</p>
      <p className="govuk-body">
        <Link to="/" className="govuk-link">Go to your home page</Link>
      </p>
    </>
  );
}
