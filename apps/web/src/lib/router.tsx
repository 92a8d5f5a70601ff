// Routing: wouter (about 3 KB, where react-router is over 13 KB of the data owner's download
// budget), with the few react-router-style helpers the pages use.
import type { ReactNode } from "react";
import { Link, Redirect, Route, Switch, useLocation as useWouterLocation, useParams, useSearch, useSearchParams } from "wouter";

export { Link, Route, Switch, useParams, useSearchParams };

export function useNavigate() {
  const [, navigate] = useWouterLocation();
  return (to: string, options?: { replace?: boolean; state?: unknown }) => navigate(to, options);
}

/** The current address: its path, its query string, and the state it was navigated with. */
export function useLocation() {
  const [pathname] = useWouterLocation();
  const search = useSearch();
  return { pathname, search: search ? `?${search}` : "", state: window.history.state as unknown };
}

export function Navigate({ to, replace = false }: { to: string; replace?: boolean }) {
  return <Redirect to={to} replace={replace} />;
}

/** A menu link that says when it is the current page (aria-current), for the eye and the ear. */
export function NavLink({ to, className, children }: { to: string; className?: string; children: ReactNode }) {
  const [pathname] = useWouterLocation();
  const current = pathname === to || pathname.startsWith(`${to}/`);
  return (
    <Link to={to} className={className} aria-current={current ? "page" : undefined}>
      {children}
    </Link>
  );
}
