// Signing in through an organisation's OpenID Connect provider: the authorization code flow with
// PKCE, state and nonce. The provider vouches for an e-mail address in one of its domains; that
// address signs in the active user who has it, or, where an admin allowed it for the provider, a
// new data owner of its organisation. Every way it can fail ends on its own page, and is audited.
import { randomBytes } from "node:crypto";
import { createUserSchema, type SingleSignOnProblem } from "@quarterly-returns/shared";
import * as oidc from "openid-client";
import { clientNetwork } from "../../../lib/client-network.ts";
import { actingAs, transaction, type Context } from "../../context.ts";
import { invalid } from "../../errors.ts";
import { createUser } from "../../users/users.ts";
import { configurationOf, providerUnavailable, withClient } from "./client.ts";
import type { ProviderSettings } from "./providers.ts";

/** What the browser keeps (signed, in a cookie) between leaving for the provider and coming back. */
export interface PendingSignIn {
  provider: string;
  state: string;
  nonce: string;
  verifier: string;
  /** Where in the app to go once signed in. */
  next: string | null;
}

export type Refusal = { problem: SingleSignOnProblem };

const SCOPE = "openid email profile";
const withOrganisation = { organisation: { select: { id: true, name: true, shortName: true } } } as const;

/** The provider's address to send the person to, and what to keep until they come back. */
export async function beginSingleSignOn(
  context: Context,
  provider: ProviderSettings,
  redirectUri: string,
  next: string | null,
): Promise<{ url: string; pending: PendingSignIn } | Refusal> {
  let configuration: oidc.Configuration;
  try {
    configuration = await configurationOf(provider, context.now().getTime());
  } catch (error) {
    return refuse(context, provider.id, "unavailable", { reason: "provider unavailable", detail: String(error) });
  }
  const pending: PendingSignIn = { provider: provider.id, state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), next };
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri,
    scope: SCOPE,
    response_type: "code",
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: "S256",
  });
  return { url: url.href, pending };
}

/** Finishes the sign-in the provider sent the person back from: the user to start a session for, or why not. */
export async function completeSingleSignOn(
  context: Context,
  providerId: string,
  provider: ProviderSettings | null,
  callbackUrl: URL,
  pending: PendingSignIn | null,
) {
  if (!provider) return refuse(context, providerId, "unknown-provider", { reason: "no such provider" });
  const providerError = callbackUrl.searchParams.get("error");
  if (providerError) return refuse(context, provider.id, "refused-by-provider", { reason: "refused by the provider", error: providerError.slice(0, 100) });
  if (!pending || pending.provider !== provider.id) return refuse(context, provider.id, "expired", { reason: "no sign-in in progress" });
  if (callbackUrl.searchParams.get("state") !== pending.state) return refuse(context, provider.id, "expired", { reason: "wrong state" });

  let claims: Record<string, unknown>;
  try {
    const { configuration, tokens } = await withClient(provider, context.now().getTime(), async (configuration) => ({
      configuration,
      tokens: await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      }),
    }));
    claims = { ...tokens.claims() };
    if (!claims.email && !claims.preferred_username && configuration.serverMetadata().userinfo_endpoint) {
      claims = { ...(await oidc.fetchUserInfo(configuration, tokens.access_token, String(claims.sub))), ...claims };
    }
  } catch (error) {
    const unavailable = providerUnavailable(error);
    return refuse(context, provider.id, unavailable ? "unavailable" : "refused-by-provider", {
      reason: unavailable ? "provider unavailable" : "code or token refused",
      detail: String(error).slice(0, 300),
    });
  }

  const email = vouchedEmail(claims, provider.issuer);
  if (!email) return refuse(context, provider.id, "no-email", { reason: "no verified e-mail address" });
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (!provider.domains.includes(domain)) return refuse(context, provider.id, "domain-not-allowed", { reason: "domain not allowed", email });
  return signInAs(context, provider, email, typeof claims.name === "string" ? claims.name : null);
}

async function signInAs(context: Context, provider: ProviderSettings, email: string, name: string | null) {
  const network = clientNetwork(context.clientAddress);
  const existing = await context.db.user.findUnique({ where: { email }, include: withOrganisation });
  if (!existing && !provider.createAccountsOrganisation) return refuse(context, provider.id, "unknown-user", { reason: "no account", email });
  if (existing && !existing.active) {
    await context.audit({ action: "auth.login-refused", entityType: "user", entityId: existing.id, actorId: existing.id, after: { reason: "deactivated", provider: provider.id } });
    return { problem: "deactivated" } satisfies Refusal;
  }
  return transaction(context, async (tx) => {
    const id = existing?.id ?? (await createAccount(tx, provider, email, name));
    const user = await tx.db.user.update({ where: { id }, data: { lastSignInAt: tx.now() }, include: withOrganisation });
    await tx.audit({ action: "auth.login", entityType: "user", entityId: user.id, actorId: user.id, after: { email, network, provider: provider.id } });
    return { user };
  });
}

/**
 * A data owner of the provider's organisation, made by the users' own service as an admin's would
 * be (the same rules and audit), by the provider in the admin's place. Their password is random and
 * never shown: it opens nothing. A name the service would refuse (a line break, say) gives way to the address.
 */
async function createAccount(tx: Context, provider: ProviderSettings, email: string, name: string | null): Promise<number> {
  const account = (named: string) => createUserSchema.safeParse({ name: named, email, role: "DATA_OWNER", organisationId: provider.createAccountsOrganisation!.id });
  const named = name ? account(name) : null;
  const parsed = named?.success ? named : account(email);
  if (!parsed.success) throw invalid({ email: parsed.error.issues[0]!.message });
  const byProvider = actingAs(tx, { kind: "system", name: `Single sign-on (${provider.id})` });
  const { user } = await createUser(byProvider, parsed.data, { password: randomBytes(32).toString("base64url") });
  return user.id;
}

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ENTRA_ISSUER = /^https:\/\/login\.microsoftonline\.com\//;

/**
 * The e-mail address the provider vouches for, lower-case: its `email` claim unless marked
 * unverified, or, from Entra ID, which may leave `email` empty, the sign-in name (`preferred_username`).
 */
export function vouchedEmail(claims: Record<string, unknown>, issuer: string): string | null {
  // Some providers send it as text.
  if (claims.email_verified === false || claims.email_verified === "false") return null;
  const email = typeof claims.email === "string" && claims.email.trim() ? claims.email : ENTRA_ISSUER.test(issuer) ? claims.preferred_username : null;
  if (typeof email !== "string") return null;
  const normalised = email.trim().toLowerCase();
  return EMAIL_SHAPE.test(normalised) ? normalised : null;
}

async function refuse(context: Context, provider: string, problem: SingleSignOnProblem, after: Record<string, string>): Promise<Refusal> {
  await context.audit({
    action: "auth.sso-refused",
    entityType: "user",
    actorId: null,
    after: { provider: provider.slice(0, 40), network: clientNetwork(context.clientAddress), ...after },
  });
  return { problem };
}
