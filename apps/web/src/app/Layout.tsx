import { can, ROLE_NAMES, type Permission } from "@quarterly-returns/shared";
import type { ReactNode } from "react";
import { Link, NavLink, useNavigate } from "../lib/router.tsx";
import { useSession } from "../lib/session.ts";

const NAVIGATION: { to: string; label: string; permission: Permission }[] = [
  { to: "/returns", label: "My returns", permission: "enterFigures" },
  { to: "/completeness", label: "Completeness", permission: "readCompleteness" },
  { to: "/quarters", label: "Quarters", permission: "manageQuarters" },
  { to: "/framework", label: "Framework", permission: "manageFramework" },
  { to: "/users", label: "Users", permission: "manageUsers" },
  { to: "/organisations", label: "Organisations", permission: "manageOrganisations" },
  { to: "/report", label: "Report", permission: "readReport" },
  { to: "/audit", label: "Audit log", permission: "readAudit" },
];

export function Layout({ children }: { children: ReactNode }) {
  const { data: user } = useSession();
  const navigate = useNavigate();
  const links = user && !user.mustChangePassword && !user.mustEnrolSecondFactor ? NAVIGATION.filter((item) => can(user, item.permission)) : [];

  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        Skip to main content
      </a>
      <header className="app-header app-no-print">
        <div className="govuk-width-container app-header__bar">
          <Link to="/" className="app-header__name">
            Quarterly Returns
          </Link>
          {user && (
            <div className="app-header__account">
              <span className="app-header__who">
                {user.name}
                <span className="app-header__role">{user.organisation ? user.organisation.name : ROLE_NAMES[user.role]}</span>
              </span>
              <Link to="/change-password" className="app-header__link">Change password</Link>
              <Link to="/second-factor" className="app-header__link">Authenticator app</Link>
              {/* The page signs out, and offers the single sign-on provider's own sign-out where there is one. */}
              <button type="button" className="app-header__sign-out" onClick={() => navigate("/single-sign-on/signed-out")}>
                Sign out
              </button>
            </div>
          )}
        </div>
      </header>
      {links.length > 0 && (
        <nav className="app-navigation app-no-print" aria-label="Menu">
          <ul className="govuk-width-container app-navigation__list">
            {links.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} className="app-navigation__link">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="app-footer app-no-print">
        <div className="govuk-width-container">
          <p className="govuk-body-s">Quarterly Returns: the community safety partnership's performance returns.</p>
        </div>
      </footer>
    </>
  );
}
