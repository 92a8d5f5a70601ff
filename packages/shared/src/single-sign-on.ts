// Single sign-on with OpenID Connect: the providers an admin sets up (or the operator, in
// OIDC_PROVIDERS), checked by the same rules wherever they come from.
import { z } from "./zod.ts";
import { idValue } from "./http.ts";
import { organisationRefSchema } from "./refs.ts";
import { oneLine } from "./text.ts";

/** Part of the redirect URI registered with the provider: lower-case letters, digits and hyphens. */
export const providerIdSchema = z.string({ error: "Enter a short name for the sign-in service" }).check(
  z.trim(),
  z.minLength(1, { error: "Enter a short name for the sign-in service", abort: true }),
  z.regex(/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/, {
    error: "The short name must be 1 to 40 lower-case letters, digits or hyphens, like council, and not start or end with a hyphen",
  }),
);

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** https, or plain http on this computer only (a provider run by the tests). */
export const issuerSchema = z.string({ error: "Enter the issuer" }).check(
  z.trim(),
  z.minLength(1, { error: "Enter the issuer", abort: true }),
  z.refine(
    (issuer) => {
      if (!URL.canParse(issuer)) return false;
      const url = new URL(issuer);
      return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname));
    },
    { error: "The issuer must be an https:// address, like https://login.microsoftonline.com/<tenant>/v2.0" },
  ),
);

const domainSchema = z.string().check(
  z.trim(),
  z.toLowerCase(),
  z.regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, { error: "Each email domain must look like stockton.gov.uk" }),
);
export const domainsSchema = z.array(domainSchema).check(z.minLength(1, { error: "Enter at least one email domain it may confirm" }));

export const providerNameSchema = z.string({ error: "Enter the name people see on the button" }).check(
  z.trim(),
  z.minLength(1, { error: "Enter the name people see on the button", abort: true }),
  z.maxLength(80, { error: "The name must be 80 characters or fewer" }),
  oneLine("The name"),
);

export const clientIdSchema = z.string({ error: "Enter the client ID" }).check(
  z.trim(),
  z.minLength(1, { error: "Enter the client ID", abort: true }),
  z.maxLength(255, { error: "The client ID must be 255 characters or fewer" }),
);

export const clientSecretSchema = z.string({ error: "Enter the client secret" }).check(
  z.minLength(1, { error: "Enter the client secret" }),
  z.maxLength(1000, { error: "The client secret must be 1000 characters or fewer" }),
);

/** What an admin sends to add or change a provider. The secret may be left out of a change: it is then kept. */
export const providerInputSchema = z.strictObject({
  // In the order of the settings page's form, which its error summary follows.
  name: providerNameSchema,
  id: providerIdSchema,
  issuer: issuerSchema,
  clientId: clientIdSchema,
  clientSecret: z.optional(clientSecretSchema),
  domains: domainsSchema,
  createAccountsOrganisationId: z._default(z.nullable(idValue("Choose an organisation")), null),
});
export type ProviderInput = z.output<typeof providerInputSchema>;
export type ProviderInputForm = z.input<typeof providerInputSchema>;

/** A provider as the settings page shows it: never its secret. */
export const providerSchema = z.object({
  id: z.string(),
  name: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  domains: z.array(z.string()),
  /** The organisation people it vouches for join as data owners on first sign-in; null: nobody is created. */
  createAccountsOrganisation: z.nullable(organisationRefSchema),
  /** Set in the environment (OIDC_PROVIDERS) by the operator: read-only here. */
  setByOperator: z.boolean(),
  /** The address to register with the provider. */
  redirectUri: z.string(),
});
export type Provider = z.infer<typeof providerSchema>;

/** What the sign-in page needs for its buttons. */
export const signInProviderSchema = z.object({ id: z.string(), name: z.string() });
export type SignInProvider = z.infer<typeof signInProviderSchema>;

/** Why a single sign-on ended without signing in: the page it ends on says which, in words. */
export const SINGLE_SIGN_ON_PROBLEMS = [
  "unavailable",
  "expired",
  "refused-by-provider",
  "no-email",
  "domain-not-allowed",
  "unknown-user",
  "deactivated",
  "unknown-provider",
  "too-many",
] as const;
export type SingleSignOnProblem = (typeof SINGLE_SIGN_ON_PROBLEMS)[number];
