// The OpenID Connect client (openid-client): a provider's metadata is discovered once and kept
// for an hour (a failed discovery is not kept, so a provider back up is used at once).
import * as oidc from "openid-client";
import type { ProviderSettings } from "./providers.ts";

const KEEP_METADATA_MS = 60 * 60 * 1000;
/** How long a request to a provider may take before it counts as down. */
const REQUEST_TIMEOUT_SECONDS = 10;

const discovered = new Map<string, { at: number; configuration: Promise<oidc.Configuration> }>();

/** The provider's configuration, discovered from its issuer's /.well-known/openid-configuration. */
export function configurationOf(provider: ProviderSettings, now: number): Promise<oidc.Configuration> {
  const key = JSON.stringify([provider.issuer, provider.clientId, provider.clientSecret]);
  const kept = discovered.get(key);
  if (kept && now - kept.at < KEEP_METADATA_MS) return kept.configuration;
  const configuration = discover(provider);
  discovered.set(key, { at: now, configuration });
  configuration.catch(() => discovered.delete(key));
  return configuration;
}

async function discover(provider: ProviderSettings): Promise<oidc.Configuration> {
  // Plain http is allowed by the settings' rules for a provider on this computer only (the tests').
  const insecure = new URL(provider.issuer).protocol === "http:";
  const options = { timeout: REQUEST_TIMEOUT_SECONDS, ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}) };
  const basic = await oidc.discovery(new URL(provider.issuer), provider.clientId, undefined, oidc.ClientSecretBasic(provider.clientSecret), options);
  // The standard's default is the secret in the Authorization header; a provider may accept it only in the form.
  const methods = basic.serverMetadata().token_endpoint_auth_methods_supported ?? ["client_secret_basic"];
  if (methods.includes("client_secret_basic") || !methods.includes("client_secret_post")) return basic;
  const post = new oidc.Configuration(basic.serverMetadata(), provider.clientId, undefined, oidc.ClientSecretPost(provider.clientSecret));
  post.timeout = REQUEST_TIMEOUT_SECONDS;
  if (insecure) oidc.allowInsecureRequests(post);
  return post;
}

/** Whether a failure means the provider could not be reached or answered nonsense, rather than refused. */
export function providerUnavailable(error: unknown): boolean {
  if (error instanceof oidc.ResponseBodyError || error instanceof oidc.AuthorizationResponseError) return false;
  if (error instanceof oidc.ClientError) return error.code === "OAUTH_RESPONSE_IS_NOT_CONFORM" || error.code === "OAUTH_RESPONSE_IS_NOT_JSON";
  return true;
}
