import { Link, Outlet } from "react-router";

export function Layout() {
  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        Skip to main content
      </a>
      <header className="app-header">
        <div className="govuk-width-container">
          <Link to="/" className="app-header__name">
            Quarterly Returns
          </Link>
        </div>
      </header>
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
      <footer className="app-footer">
        <div className="govuk-width-container">
          <p className="govuk-body-s">Quarterly Returns: the community safety partnership's performance returns.</p>
        </div>
      </footer>
    </>
  );
}
