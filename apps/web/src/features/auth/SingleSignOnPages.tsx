// Single sign-on's pages in one download, kept out of the data owner's first one
// (scripts/check-bundle.mjs): signing out (/single-sign-on/signed-out), the page a refused sign-in
// ends on (/single-sign-on/<problem>), and the admin's settings (/settings/single-sign-on/[<id>|new]).
import { useParams } from "../../lib/router.tsx";
import { SignedOutPage } from "./SignedOutPage.tsx";
import { SingleSignOnProblemPage } from "./SingleSignOnProblemPage.tsx";
import { SingleSignOnProviderPage } from "./SingleSignOnProviderPage.tsx";
import { SingleSignOnSettingsPage } from "./SingleSignOnSettingsPage.tsx";

export default function SingleSignOnPages() {
  const { page, id } = useParams<{ page?: string; id?: string }>();
  if (page === "signed-out") return <SignedOutPage />;
  if (page) return <SingleSignOnProblemPage problem={page} />;
  return id ? <SingleSignOnProviderPage id={id} /> : <SingleSignOnSettingsPage />;
}
