import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { lazy, Suspense, type ReactNode } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { ChangePasswordPage } from "../features/auth/ChangePasswordPage.tsx";
import { SignInPage } from "../features/auth/SignInPage.tsx";
import { MyReturnsPage } from "../features/returns/MyReturnsPage.tsx";
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
const ReturnPage = lazy(() => import("../features/returns/ReturnPage.tsx").then((module) => ({ default: module.ReturnPage })));

// A 401 anywhere means the session has ended: forget the person, and the guard sends them to sign in.
const onError = (error: Error) => {
  if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(SESSION_KEY, null);
};
const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: { queries: { retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2 } },
});

const signedIn = (page: ReactNode, roles?: Parameters<typeof RequireSession>[0]["roles"]) => (
  <RequireSession roles={roles}>
    <Suspense fallback={<p className="govuk-body">Loading…</p>}>{page}</Suspense>
  </RequireSession>
);



export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<HomeRedirect />} />
            <Route path="sign-in" element={<SignInPage />} />
            <Route path="change-password" element={signedIn(<ChangePasswordPage />)} />
            <Route path="returns" element={signedIn(<MyReturnsPage />, ["DATA_OWNER"])} />
            <Route path="returns/:indicatorId/:quarterId" element={signedIn(<ReturnPage />)} />
            <Route path="completeness" element={signedIn(<CompletenessPage />, ["MANAGER", "ADMIN"])} />
            <Route path="completeness/chase/:organisationId" element={signedIn(<ChasePage />, ["MANAGER", "ADMIN"])} />
            <Route path="completeness/chase-all" element={signedIn(<ChaseAllPage />, ["MANAGER", "ADMIN"])} />
            <Route path="quarters" element={signedIn(<QuartersPage />, ["ADMIN"])} />
            <Route path="quarters/new-year" element={signedIn(<NewYearPage />, ["ADMIN"])} />
            <Route path="quarters/:id/sign-off" element={signedIn(<SignOffPage />, ["ADMIN"])} />
            <Route path="quarters/:id/reopen" element={signedIn(<ReopenPage />, ["ADMIN"])} />
            <Route path="framework" element={signedIn(<FrameworkPage />, ["ADMIN"])} />
            <Route path="framework/priorities/:id" element={signedIn(<PriorityPage />, ["ADMIN"])} />
            <Route path="framework/priorities/:priorityId/indicators/new" element={signedIn(<IndicatorPage />, ["ADMIN"])} />
            <Route path="framework/indicators/:id" element={signedIn(<IndicatorPage />, ["ADMIN"])} />
            <Route path="audit" element={signedIn(<AuditPage />, ["MANAGER", "ADMIN"])} />
            <Route path="report" element={signedIn(<ReportPage />)} />
            <Route path="report/import" element={signedIn(<ImportPage />, ["ADMIN"])} />
            <Route path="users" element={signedIn(<UsersPage />, ["ADMIN"])} />
            <Route path="users/new" element={signedIn(<NewUserPage />, ["ADMIN"])} />
            <Route path="users/:id" element={signedIn(<UserPage />, ["ADMIN"])} />
            <Route path="organisations" element={signedIn(<OrganisationsPage />, ["ADMIN"])} />
            <Route path="organisations/:id" element={signedIn(<OrganisationPage />, ["ADMIN"])} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
