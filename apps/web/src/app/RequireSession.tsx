import { can, type Permission } from "@quarterly-returns/shared";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "../lib/router.tsx";
import { useSession } from "../lib/session.ts";
import { ForbiddenPage } from "./ForbiddenPage.tsx";

/** Pages for signed-in people (allowed to do what the page is for). The server checks again on every request. */
export function RequireSession({ permission, children }: { permission?: Permission | undefined; children: ReactNode }) {
  const { data: user, isPending } = useSession();
  const location = useLocation();
  if (isPending) return <p className="govuk-body">Loading…</p>;
  if (!user) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  // First a password of their own, then a second factor (when their role needs one), before anything else.
  const firstPage = user.mustChangePassword ? "/change-password" : user.mustEnrolSecondFactor ? "/second-factor/set-up" : location.pathname;
  if (location.pathname !== firstPage) return <Navigate to={firstPage} replace />;
  if (permission && !can(user, permission)) return <ForbiddenPage />;
  return children;
}
