// The OpenID Connect client (openid-client): a provider's metadata is discovered once and kept
// for an hour (a failed discovery is not kept, so a provider back up is used at once).
import * as oidc from "openid-client";
import type { ProviderSettings } from "./providers.ts";

const KEEP_METADATA_MS = 60 * 60 * 1000;
/** How long a request to a provider may take before it counts as down. */
const REQUEST_TIMEOUT_SECONDS = 10;

const discovered = new Map<string, { at: number; configuration: Promise<oidc.Configuration> }>();
/** Configurations that send the secret in the form rather than the Authorization header. */
const secretInForm = new WeakSet<oidc.Configuration>();

const keyOf = (provider: ProviderSettings) => JSON.stringify([provider.issuer, provider.clientId, provider.clientSecret]);

/** The provider's configuration, discovered from its issuer's /.well-known/openid-configuration. */
export function configurationOf(provider: ProviderSettings, now: number): Promise<oidc.Configuration> {
  const key = keyOf(provider);
  const kept = discovered.get(key);
  if (kept && now - kept.at < KEEP_METADATA_MS) return kept.configuration;
  const configuration = discover(provider);
  discovered.set(key, { at: now, configuration });
  configuration.catch(() => discovered.delete(key));
  return configuration;
}

async function discover(provider: ProviderSettings): Promise<oidc.Configuration> {
  // Plain http is allowed by the settings' rules for a provider on this computer only (the tests').
  const options = { timeout: REQUEST_TIMEOUT_SECONDS, ...(insecure(provider) ? { execute: [oidc.allowInsecureRequests] } : {}) };
  const basic = await oidc.discovery(new URL(provider.issuer), provider.clientId, undefined, oidc.ClientSecretBasic(provider.clientSecret), options);
  // The standard's default is the secret in the Authorization header; a provider may accept it only in the form.
  const methods = basic.serverMetadata().token_endpoint_auth_methods_supported ?? ["client_secret_basic"];
  return methods.includes("client_secret_basic") || !methods.includes("client_secret_post") ? basic : inForm(basic, provider);
}

const insecure = (provider: ProviderSettings) => new URL(provider.issuer).protocol === "http:";

function inForm(configuration: oidc.Configuration, provider: ProviderSettings): oidc.Configuration {
  const post = new oidc.Configuration(configuration.serverMetadata(), provider.clientId, undefined, oidc.ClientSecretPost(provider.clientSecret));
  post.timeout = REQUEST_TIMEOUT_SECONDS;
  if (insecure(provider)) oidc.allowInsecureRequests(post);
  secretInForm.add(post);
  return post;
}

/**
 * A request to the provider's token endpoint. Providers that offer both ways of sending the secret
 * may still hold a client to the one it was registered with: refused in the header
 * (`invalid_client`), the request is made again with it in the form, which is then kept.
 */
export async function withClient<T>(provider: ProviderSettings, now: number, request: (configuration: oidc.Configuration) => Promise<T>): Promise<T> {
  const configuration = await configurationOf(provider, now);
  try {
    return await request(configuration);
  } catch (error) {
    if (!clientRefused(error) || secretInForm.has(configuration)) throw error;
    const post = inForm(configuration, provider);
    const answer = await request(post);
    discovered.set(keyOf(provider), { at: now, configuration: Promise.resolve(post) });
    return answer;
  }
}

/** The provider did not accept the client's authentication: `invalid_client`, or a 401 with its challenge. */
const clientRefused = (error: unknown) =>
  (error instanceof oidc.ResponseBodyError && error.error === "invalid_client") || (error instanceof oidc.WWWAuthenticateChallengeError && error.status === 401);

/** Whether a failure means the provider could not be reached or answered nonsense, rather than refused. */
export function providerUnavailable(error: unknown): boolean {
  if (error instanceof oidc.ResponseBodyError || error instanceof oidc.AuthorizationResponseError || error instanceof oidc.WWWAuthenticateChallengeError) return false;
  if (error instanceof oidc.ClientError) return error.code === "OAUTH_RESPONSE_IS_NOT_CONFORM" || error.code === "OAUTH_RESPONSE_IS_NOT_JSON";
  return true;
}
