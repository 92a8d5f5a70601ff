import * as oidc from "openid-client";
import type { Context } from "../../context.ts";
import { configurationOf } from "./client.ts";
import type { ProviderSettings } from "./providers.ts";

/**
 * The provider's own sign-out page (its end_session_endpoint), for someone who signed in through
 * it and leaves the app; null when it has none or cannot be reached just now.
 */
export async function providerSignOutUrl(context: Context, provider: ProviderSettings): Promise<string | null> {
  try {
    const configuration = await configurationOf(provider, context.now().getTime());
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(configuration, { client_id: provider.clientId }).href;
  } catch {
    return null;
  }
}
