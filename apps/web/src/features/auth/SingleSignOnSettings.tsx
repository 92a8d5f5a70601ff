// The admin's single sign-on settings: the list (/settings/single-sign-on) and the form
// (/settings/single-sign-on/new, /settings/single-sign-on/<short name>).
import { SingleSignOnProviderPage } from "./SingleSignOnProviderPage.tsx";
import { SingleSignOnSettingsPage } from "./SingleSignOnSettingsPage.tsx";

export default function SingleSignOnSettings({ id }: { id: string | undefined }) {
  return id ? <SingleSignOnProviderPage id={id} /> : <SingleSignOnSettingsPage />;
}
