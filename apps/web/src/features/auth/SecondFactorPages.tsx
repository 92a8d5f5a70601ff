import { useLocation } from "../../lib/router.tsx";
import SecondFactorPage from "./SecondFactorPage.tsx";
import SecondFactorSignInPage from "./SecondFactorSignInPage.tsx";
import SetUpSecondFactorPage from "./SetUpSecondFactorPage.tsx";

/**
 * The second factor's pages, loaded together: one entry in the data owner's first download instead
 * of three (see scripts/check-bundle.mjs).
 */
export default function SecondFactorPages() {
  const { pathname } = useLocation();
  if (pathname === "/sign-in/code") return <SecondFactorSignInPage />;
  return pathname === "/second-factor/set-up" ? <SetUpSecondFactorPage /> : <SecondFactorPage />;
}
