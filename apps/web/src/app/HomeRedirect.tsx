import { Navigate } from "../lib/router.tsx";
import { homeFor, useSession } from "../lib/session.ts";

export function HomeRedirect() {
  const { data: user, isPending } = useSession();
  if (isPending) return <p className="govuk-body">Loading…</p>;
  return <Navigate to={user ? homeFor(user) : "/sign-in"} replace />;
}
