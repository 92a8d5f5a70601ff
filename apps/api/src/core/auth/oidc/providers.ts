// The single sign-on providers: those the operator sets in OIDC_PROVIDERS (read-only here, their
// secrets never in the database) and those an admin adds on the settings page. A provider's client
// secret goes to the provider only: no answer and no audit event carries it.
import type { Provider, ProviderInput, SignInProvider } from "@quarterly-returns/shared";
import { authorize } from "../../access.ts";
import { transaction, type Context } from "../../context.ts";
import { ServiceError, invalid } from "../../errors.ts";

/** A provider as OIDC_PROVIDERS gives it (apps/api/src/config.ts). */
export interface OperatorProvider {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  domains: string[];
  /** The short name of the organisation whose data owners it may create on first sign-in. */
  createAccountsFor?: string | undefined;
}

/** Everything the sign-in needs to know about a provider, its secret included. */
export interface ProviderSettings extends Omit<OperatorProvider, "createAccountsFor"> {
  /** Who people it vouches for without an account become; null: nobody is created. */
  createAccountsOrganisation: { id: number; name: string; shortName: string } | null;
  setByOperator: boolean;
}

const organisationRef = { select: { id: true, name: true, shortName: true } } as const;

/** The redirect URI to register with a provider. */
export const redirectUriOf = (appUrl: string, providerId: string) => `${appUrl}/api/auth/oidc/${providerId}/callback`;

/** Every provider, the operator's first; one the operator set hides an admin's of the same id. */
export async function allProviders(context: Context, operator: OperatorProvider[]): Promise<ProviderSettings[]> {
  const stored = await context.db.singleSignOnProvider.findMany({ include: { createAccountsOrganisation: organisationRef }, orderBy: { name: "asc" } });
  const operatorIds = new Set(operator.map((provider) => provider.id));
  const fromOperator = await Promise.all(operator.map((provider) => operatorSettings(context, provider)));
  const fromSettings = stored
    .filter((provider) => !operatorIds.has(provider.id))
    .map(({ createdAt: _created, updatedAt: _updated, createAccountsOrganisationId: _organisationId, ...provider }) => ({ ...provider, setByOperator: false }));
  return [...fromOperator, ...fromSettings];
}

/** The operator's providers already warned about, so the log says it once, not at every sign-in page. */
const warnedAbout = new Set<string>();

async function operatorSettings(context: Context, provider: OperatorProvider): Promise<ProviderSettings> {
  const { createAccountsFor, ...settings } = provider;
  const organisation = createAccountsFor
    ? await context.db.organisation.findFirst({ where: { shortName: { equals: createAccountsFor, mode: "insensitive" } }, ...organisationRef })
    : null;
  if (createAccountsFor && !organisation && !warnedAbout.has(provider.id)) {
    warnedAbout.add(provider.id);
    context.log.warn({ provider: provider.id, createAccountsFor }, "OIDC_PROVIDERS names an organisation that does not exist: nobody is created on first sign-in");
  }
  return { ...settings, createAccountsOrganisation: organisation, setByOperator: true };
}

export async function findProvider(context: Context, operator: OperatorProvider[], id: string): Promise<ProviderSettings | null> {
  return (await allProviders(context, operator)).find((provider) => provider.id === id) ?? null;
}

/** The sign-in page's buttons: names only. */
export async function signInProviders(context: Context, operator: OperatorProvider[]): Promise<SignInProvider[]> {
  return (await allProviders(context, operator)).map(({ id, name }) => ({ id, name }));
}

/** The settings page's list (admins): never a secret. */
export async function listProviders(context: Context, operator: OperatorProvider[]): Promise<Provider[]> {
  await authorize(context, "manageSettings");
  return (await allProviders(context, operator)).map((provider) => shown(context, provider));
}

function shown(context: Context, provider: ProviderSettings): Provider {
  const { clientSecret: _secret, ...rest } = provider;
  return { ...rest, redirectUri: redirectUriOf(context.appUrl, provider.id) };
}

/** What the audit log keeps of a provider: everything but its secret. */
const audited = (provider: { id: string; name: string; issuer: string; clientId: string; domains: string[]; createAccountsOrganisationId: number | null }) => ({
  id: provider.id,
  name: provider.name,
  issuer: provider.issuer,
  clientId: provider.clientId,
  domains: provider.domains,
  createAccountsOrganisationId: provider.createAccountsOrganisationId,
});

export async function addProvider(context: Context, operator: OperatorProvider[], input: ProviderInput): Promise<Provider> {
  await authorize(context, "manageSettings");
  if (operator.some((provider) => provider.id === input.id)) {
    throw invalid({ id: "Your operator has already set up a sign-in service with this short name: choose another" });
  }
  if (!input.clientSecret) throw invalid({ clientSecret: "Enter the client secret" });
  const clientSecret = input.clientSecret;
  await transaction(context, async (tx) => {
    if (await tx.db.singleSignOnProvider.findUnique({ where: { id: input.id } })) {
      throw invalid({ id: "There is already a sign-in service with this short name: choose another" });
    }
    await checkOrganisation(tx, input.createAccountsOrganisationId);
    const created = await tx.db.singleSignOnProvider.create({ data: { ...input, clientSecret } });
    await tx.audit({ action: "sso.provider-add", entityType: "single sign-on provider", entityId: created.id, after: audited(created) });
  });
  return shown(context, (await findProvider(context, operator, input.id))!);
}

/** Changes a provider the admin added; a secret left out is kept. Its short name cannot change (the provider knows it). */
export async function changeProvider(context: Context, operator: OperatorProvider[], id: string, input: ProviderInput): Promise<Provider> {
  await authorize(context, "manageSettings");
  if (operator.some((provider) => provider.id === id)) throw operatorOwns();
  if (input.id !== id) throw invalid({ id: "The short name cannot change: it is part of the address registered with the provider. Remove the service and add it again" });
  await transaction(context, async (tx) => {
    const before = await tx.db.singleSignOnProvider.findUnique({ where: { id } });
    if (!before) throw notFound();
    await checkOrganisation(tx, input.createAccountsOrganisationId);
    const { clientSecret, ...changes } = input;
    const after = await tx.db.singleSignOnProvider.update({ where: { id }, data: { ...changes, ...(clientSecret ? { clientSecret } : {}) } });
    await tx.audit({
      action: "sso.provider-change",
      entityType: "single sign-on provider",
      entityId: id,
      before: audited(before),
      after: { ...audited(after), secretChanged: Boolean(clientSecret) },
    });
  });
  return shown(context, (await findProvider(context, operator, id))!);
}

export async function removeProvider(context: Context, operator: OperatorProvider[], id: string): Promise<void> {
  await authorize(context, "manageSettings");
  if (operator.some((provider) => provider.id === id)) throw operatorOwns();
  await transaction(context, async (tx) => {
    const before = await tx.db.singleSignOnProvider.findUnique({ where: { id } });
    if (!before) throw notFound();
    await tx.db.singleSignOnProvider.delete({ where: { id } });
    await tx.audit({ action: "sso.provider-remove", entityType: "single sign-on provider", entityId: id, before: audited(before) });
  });
}

async function checkOrganisation(context: Context, organisationId: number | null) {
  if (organisationId !== null && !(await context.db.organisation.findUnique({ where: { id: organisationId } }))) {
    throw invalid({ createAccountsOrganisationId: "Choose an organisation from the list" });
  }
}

const notFound = () => new ServiceError(404, "There is no sign-in service with this short name.");
const operatorOwns = () => new ServiceError(409, "Your operator set up this sign-in service: ask them to change it.");
