import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createBrowserRouter, RouterProvider } from "react-router";
import { ChangePasswordPage } from "../features/auth/ChangePasswordPage.tsx";
import { SignInPage } from "../features/auth/SignInPage.tsx";
import { ChaseAllPage } from "../features/chasing/ChaseAllPage.tsx";
import { ChasePage } from "../features/chasing/ChasePage.tsx";
import { CompletenessPage } from "../features/chasing/CompletenessPage.tsx";
import { AuditPage } from "../features/audit/AuditPage.tsx";
import { FrameworkPage } from "../features/framework/FrameworkPage.tsx";
import { IndicatorPage } from "../features/framework/IndicatorPage.tsx";
import { PriorityPage } from "../features/framework/PriorityPage.tsx";
import { OrganisationPage } from "../features/organisations/OrganisationPage.tsx";
import { OrganisationsPage } from "../features/organisations/OrganisationsPage.tsx";
import { NewYearPage } from "../features/quarters/NewYearPage.tsx";
import { QuartersPage } from "../features/quarters/QuartersPage.tsx";
import { ImportPage } from "../features/reports/ImportPage.tsx";
import { ReportPage } from "../features/reports/ReportPage.tsx";
import { ReopenPage } from "../features/quarters/ReopenPage.tsx";
import { SignOffPage } from "../features/quarters/SignOffPage.tsx";
import { MyReturnsPage } from "../features/returns/MyReturnsPage.tsx";
import { ReturnPage } from "../features/returns/ReturnPage.tsx";
import { NewUserPage } from "../features/users/NewUserPage.tsx";
import { UserPage } from "../features/users/UserPage.tsx";
import { UsersPage } from "../features/users/UsersPage.tsx";
import { ApiError } from "../lib/api-client.ts";
import { SESSION_KEY } from "../lib/session.ts";
import { HomeRedirect } from "./HomeRedirect.tsx";
import { Layout } from "./Layout.tsx";
import { NotFoundPage } from "./NotFoundPage.tsx";
import { RequireSession } from "./RequireSession.tsx";

// A 401 anywhere means the session has ended: forget the person, and the guard sends them to sign in.
const onError = (error: Error) => {
  if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(SESSION_KEY, null);
};
const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: { queries: { retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2 } },
});

const signedIn = (page: React.ReactNode, roles?: Parameters<typeof RequireSession>[0]["roles"]) => (
  <RequireSession roles={roles}>{page}</RequireSession>
);

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: "sign-in", element: <SignInPage /> },
      { path: "change-password", element: signedIn(<ChangePasswordPage />) },
      { path: "returns", element: signedIn(<MyReturnsPage />, ["DATA_OWNER"]) },
      { path: "returns/:indicatorId/:quarterId", element: signedIn(<ReturnPage />) },
      { path: "completeness", element: signedIn(<CompletenessPage />, ["MANAGER", "ADMIN"]) },
      { path: "completeness/chase/:organisationId", element: signedIn(<ChasePage />, ["MANAGER", "ADMIN"]) },
      { path: "completeness/chase-all", element: signedIn(<ChaseAllPage />, ["MANAGER", "ADMIN"]) },
      { path: "quarters", element: signedIn(<QuartersPage />, ["ADMIN"]) },
      { path: "quarters/new-year", element: signedIn(<NewYearPage />, ["ADMIN"]) },
      { path: "quarters/:id/sign-off", element: signedIn(<SignOffPage />, ["ADMIN"]) },
      { path: "quarters/:id/reopen", element: signedIn(<ReopenPage />, ["ADMIN"]) },
      { path: "framework", element: signedIn(<FrameworkPage />, ["ADMIN"]) },
      { path: "framework/priorities/:id", element: signedIn(<PriorityPage />, ["ADMIN"]) },
      { path: "framework/priorities/:priorityId/indicators/new", element: signedIn(<IndicatorPage />, ["ADMIN"]) },
      { path: "framework/indicators/:id", element: signedIn(<IndicatorPage />, ["ADMIN"]) },
      { path: "audit", element: signedIn(<AuditPage />, ["MANAGER", "ADMIN"]) },
      { path: "report", element: signedIn(<ReportPage />) },
      { path: "report/import", element: signedIn(<ImportPage />, ["ADMIN"]) },
      { path: "users", element: signedIn(<UsersPage />, ["ADMIN"]) },
      { path: "users/new", element: signedIn(<NewUserPage />, ["ADMIN"]) },
      { path: "users/:id", element: signedIn(<UserPage />, ["ADMIN"]) },
      { path: "organisations", element: signedIn(<OrganisationsPage />, ["ADMIN"]) },
      { path: "organisations/:id", element: signedIn(<OrganisationPage />, ["ADMIN"]) },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
