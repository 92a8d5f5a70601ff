import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { Permission } from "@quarterly-returns/shared";
import { lazy, Suspense, type ReactNode } from "react";
import { Route, Switch } from "../lib/router.tsx";
import { ChangePasswordPage } from "../features/auth/ChangePasswordPage.tsx";
import { SignInPage } from "../features/auth/SignInPage.tsx";
import { SingleSignOnPages } from "../features/auth/single-sign-on-pages.ts";
import { MyReturnsPage } from "../features/returns/MyReturnsPage.tsx";
// The return form is the data owner's page, so it comes with the app's own code. Loaded on demand,
// it was first shown as "Loading…", and React holds a page back for 300 ms after that.
import { ReturnPage } from "../features/returns/ReturnPage.tsx";
import { ApiError } from "../lib/api-client.ts";
import { SESSION_KEY } from "../lib/session.ts";
import { HomeRedirect } from "./HomeRedirect.tsx";
import { Layout } from "./Layout.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";
import { RequireSession } from "./RequireSession.tsx";

// Pages other than signing in and My returns load when first opened, so a data owner's browser
// downloads only what their return needs (see scripts/check-bundle.mjs).
const ChaseAllPage = lazy(() => import("../features/chasing/ChaseAllPage.tsx").then((module) => ({ default: module.ChaseAllPage })));
const ChasePage = lazy(() => import("../features/chasing/ChasePage.tsx").then((module) => ({ default: module.ChasePage })));
// A default export: the owner's first download carries every route's loader, so each byte counts.
const RemindersPage = lazy(() => import("../features/chasing/RemindersPage.tsx"));
const CompletenessPage = lazy(() => import("../features/chasing/CompletenessPage.tsx").then((module) => ({ default: module.CompletenessPage })));
const AuditPage = lazy(() => import("../features/audit/AuditPage.tsx").then((module) => ({ default: module.AuditPage })));
const FrameworkPage = lazy(() => import("../features/framework/FrameworkPage.tsx").then((module) => ({ default: module.FrameworkPage })));
const IndicatorPage = lazy(() => import("../features/framework/IndicatorPage.tsx").then((module) => ({ default: module.IndicatorPage })));
const PriorityPage = lazy(() => import("../features/framework/PriorityPage.tsx").then((module) => ({ default: module.PriorityPage })));
const OrganisationPage = lazy(() => import("../features/organisations/OrganisationPage.tsx").then((module) => ({ default: module.OrganisationPage })));
const OrganisationsPage = lazy(() => import("../features/organisations/OrganisationsPage.tsx").then((module) => ({ default: module.OrganisationsPage })));
const NewYearPage = lazy(() => import("../features/quarters/NewYearPage.tsx").then((module) => ({ default: module.NewYearPage })));
const QuartersPage = lazy(() => import("../features/quarters/QuartersPage.tsx").then((module) => ({ default: module.QuartersPage })));
const ReopenPage = lazy(() => import("../features/quarters/ReopenPage.tsx").then((module) => ({ default: module.ReopenPage })));
const SignOffPage = lazy(() => import("../features/quarters/SignOffPage.tsx").then((module) => ({ default: module.SignOffPage })));
const ImportPage = lazy(() => import("../features/reports/ImportPage.tsx").then((module) => ({ default: module.ImportPage })));
const ReportPage = lazy(() => import("../features/reports/ReportPage.tsx").then((module) => ({ default: module.ReportPage })));
const NewUserPage = lazy(() => import("../features/users/NewUserPage.tsx").then((module) => ({ default: module.NewUserPage })));
const UserPage = lazy(() => import("../features/users/UserPage.tsx").then((module) => ({ default: module.UserPage })));
const UsersPage = lazy(() => import("../features/users/UsersPage.tsx").then((module) => ({ default: module.UsersPage })));
const SecondFactorPages = lazy(() => import("../features/auth/SecondFactorPages.tsx"));
const ForgottenPasswordPage = lazy(() => import("../features/auth/ForgottenPasswordPage.tsx"));
const ResetPasswordPage = lazy(() => import("../features/auth/ResetPasswordPage.tsx"));

// A 401 anywhere means the session has ended: forget the person, and the guard sends them to sign in.
const onError = (error: Error) => {
  if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(SESSION_KEY, null);
};
const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: { queries: { retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2 } },
});

/** A page for people signed in, and (when given) allowed to do what it is for. */
const signedIn = (page: ReactNode, permission?: Permission) => (
  <RequireSession permission={permission}>
    <Suspense fallback={<p className="govuk-body">Loading…</p>}>{page}</Suspense>
  </RequireSession>
);

/** A page for anyone, signed in or not. */
const anyone = (page: ReactNode) => <Suspense fallback={<p className="govuk-body">Loading…</p>}>{page}</Suspense>;

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Layout>
        <Switch>
          <Route path="/"><HomeRedirect /></Route>
          <Route path="/sign-in"><SignInPage /></Route>
          <Route path="/sign-in/code">{anyone(<SecondFactorPages />)}</Route>
          <Route path="/forgotten-password">{anyone(<ForgottenPasswordPage />)}</Route>
          <Route path="/reset-password">{anyone(<ResetPasswordPage />)}</Route>
          <Route path="/single-sign-on/:page">{anyone(<SingleSignOnPages />)}</Route>
          <Route path="/settings/single-sign-on/:id?">{signedIn(<SingleSignOnPages />, "manageSettings")}</Route>
          <Route path="/change-password">{signedIn(<ChangePasswordPage />)}</Route>
          <Route path="/second-factor/*?">{signedIn(<SecondFactorPages />)}</Route>
          <Route path="/returns">{signedIn(<MyReturnsPage />, "enterFigures")}</Route>
          <Route path="/returns/:indicatorId/:quarterId">{signedIn(<ReturnPage />)}</Route>
          <Route path="/completeness">{signedIn(<CompletenessPage />, "readCompleteness")}</Route>
          <Route path="/completeness/chase/:organisationId">{signedIn(<ChasePage />, "chase")}</Route>
          <Route path="/completeness/chase-all">{signedIn(<ChaseAllPage />, "chase")}</Route>
          <Route path="/completeness/reminders">{signedIn(<RemindersPage />, "chase")}</Route>
          <Route path="/quarters">{signedIn(<QuartersPage />, "manageQuarters")}</Route>
          <Route path="/quarters/new-year">{signedIn(<NewYearPage />, "manageQuarters")}</Route>
          <Route path="/quarters/:id/sign-off">{signedIn(<SignOffPage />, "manageQuarters")}</Route>
          <Route path="/quarters/:id/reopen">{signedIn(<ReopenPage />, "manageQuarters")}</Route>
          <Route path="/framework">{signedIn(<FrameworkPage />, "manageFramework")}</Route>
          <Route path="/framework/priorities/:id">{signedIn(<PriorityPage />, "manageFramework")}</Route>
          <Route path="/framework/priorities/:priorityId/indicators/new">{signedIn(<IndicatorPage />, "manageFramework")}</Route>
          <Route path="/framework/indicators/:id">{signedIn(<IndicatorPage />, "manageFramework")}</Route>
          <Route path="/audit">{signedIn(<AuditPage />, "readAudit")}</Route>
          <Route path="/report">{signedIn(<ReportPage />, "readReport")}</Route>
          <Route path="/report/import">{signedIn(<ImportPage />, "importReports")}</Route>
          <Route path="/users">{signedIn(<UsersPage />, "manageUsers")}</Route>
          <Route path="/users/new">{signedIn(<NewUserPage />, "manageUsers")}</Route>
          <Route path="/users/:id">{signedIn(<UserPage />, "manageUsers")}</Route>
          <Route path="/organisations">{signedIn(<OrganisationsPage />, "manageOrganisations")}</Route>
          <Route path="/organisations/:id">{signedIn(<OrganisationPage />, "manageOrganisations")}</Route>
          <Route><NotFoundPage /></Route>
        </Switch>
      </Layout>
    </QueryClientProvider>
  );
}
