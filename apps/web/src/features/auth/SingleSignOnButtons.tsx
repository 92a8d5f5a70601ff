import { useSearchParams } from "../../lib/router.tsx";
import { useSignInProviders } from "./api/single-sign-on.ts";

/** "Sign in with <provider>" for each single sign-on provider; nothing when there are none. */
export function SingleSignOnButtons() {
  const providers = useSignInProviders().data;
  const next = useSearchParams()[0].get("next");
  if (!providers?.length) return null;
  const query = next?.startsWith("/") ? `?next=${encodeURIComponent(next)}` : "";
  return (
    <>
      <h2 className="govuk-heading-m">Sign in with your organisation's account</h2>
      <p className="govuk-body">If your organisation is listed, you can sign in the way you sign in to your other work applications.</p>
      <div className="govuk-button-group">
        {providers.map((provider) => (
          <a key={provider.id} href={`/api/auth/oidc/${provider.id}/start${query}`} draggable={false} className="govuk-button govuk-button--secondary">
            Sign in with {provider.name}
          </a>
        ))}
      </div>
    </>
  );
}
