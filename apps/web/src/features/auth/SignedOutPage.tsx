import { useEffect, useRef } from "react";
import { Link, Navigate } from "../../lib/router.tsx";
import { usePageTitle } from "../../lib/page-title.ts";
import { useSignOut } from "./api/sign-out.ts";

/**
 * Signs out (the header's button comes here), then goes to the sign-in page; after a session begun
 * through single sign-on, it first offers the provider's own sign-out.
 */
export function SignedOutPage() {
  usePageTitle("Signing out");
  const signOut = useSignOut();
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    signOut.mutate();
  }, [signOut]);

  if (signOut.isError) {
    return (
      <>
        <h1 className="govuk-heading-l">You have not been signed out</h1>
        <p className="govuk-body">Quarterly Returns could not be reached. Check your connection, then try again.</p>
        <button type="button" className="govuk-button" onClick={() => signOut.mutate()}>
          Try again
        </button>
      </>
    );
  }
  if (!signOut.isSuccess) return <p className="govuk-body">Signing you out…</p>;
  const provider = signOut.data;
  if (!provider) return <Navigate to="/sign-in?signed-out=1" replace />;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">You have signed out of Quarterly Returns</h1>
        <p className="govuk-body">You are still signed in to {provider.name}, which you signed in with.</p>
        <p className="govuk-body">If other people use this computer, sign out of {provider.name} as well.</p>
        <div className="govuk-button-group">
          <a href={provider.signOutUrl} draggable={false} className="govuk-button">
            Sign out of {provider.name}
          </a>
          <Link to="/sign-in" className="govuk-link">
            Sign in again
          </Link>
        </div>
      </div>
    </div>
  );
}
