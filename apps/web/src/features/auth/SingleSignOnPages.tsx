// Single sign-on's part of the web app, loaded when first needed: the sign-in page's buttons,
// signing out (/single-sign-on/signed-out), the page a refused sign-in ends on
// (/single-sign-on/<problem>), and, loaded only for them, the admin's settings
// (/settings/single-sign-on/[new|<id>]).
import { lazy } from "react";
import { useParams } from "../../lib/router.tsx";
import { SignedOutPage } from "./SignedOutPage.tsx";
import { SingleSignOnButtons } from "./SingleSignOnButtons.tsx";
import { SingleSignOnProblemPage } from "./SingleSignOnProblemPage.tsx";

const SingleSignOnSettings = lazy(() => import("./SingleSignOnSettings.tsx"));

export default function SingleSignOnPages({ buttons = false }: { buttons?: boolean }) {
  const { page, id } = useParams<{ page?: string; id?: string }>();
  if (buttons) return <SingleSignOnButtons />;
  if (page === "signed-out") return <SignedOutPage />;
  if (page) return <SingleSignOnProblemPage problem={page} />;
  return <SingleSignOnSettings id={id} />;
}
