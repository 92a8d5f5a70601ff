// A real OpenID Connect provider on loopback (oidc-provider), for the single sign-on tests: started
// in-process by the API tests, and on its own (`node --import tsx apps/api/test/oidc-provider.ts`,
// with PORT and REDIRECT_URI) for the browser journey. Its sign-in page takes any login and
// password; the login is the e-mail address it vouches for. Consent is taken as given.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

export const TEST_CLIENT = { clientId: "quarterly-returns", clientSecret: "a-test-client-secret-of-some-length" };
/** The same, registered to send its secret in the form only (as some providers register a client by default). */
export const FORM_SECRET_CLIENT = { clientId: "quarterly-returns-form", clientSecret: "another-test-client-secret" };

export interface TestOidcProvider {
  issuer: string;
  close(): Promise<void>;
}

export async function startOidcProvider({ redirectUris, port = 0 }: { redirectUris: string[]; port?: number }): Promise<TestOidcProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT.clientId,
        client_secret: TEST_CLIENT.clientSecret,
        redirect_uris: redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
      {
        client_id: FORM_SECRET_CLIENT.clientId,
        client_secret: FORM_SECRET_CLIENT.clientSecret,
        token_endpoint_auth_method: "client_secret_post",
        redirect_uris: redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    findAccount: (_context, login) => ({
      accountId: login,
      claims: () => ({ sub: login, email: login, email_verified: true, name: nameOf(login) }),
    }),
    loadExistingGrant: grantEverything,
    cookies: { keys: ["a-test-cookie-key"] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  });
  provider.use(refuseSecretInHeader);
  provider.on("server_error", (_context, error) => console.error("test OpenID provider:", error));
  server.on("request", provider.callback());
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Holds FORM_SECRET_CLIENT to the way it was registered, as stricter providers do (this one takes either). */
async function refuseSecretInHeader(context: KoaContextWithOIDC, next: () => Promise<void>) {
  const basic = context.path === "/token" ? /^Basic (.+)$/i.exec(context.get("authorization")) : null;
  if (basic && decodeURIComponent(Buffer.from(basic[1]!, "base64").toString().split(":")[0]!) === FORM_SECRET_CLIENT.clientId) {
    context.status = 401;
    context.set("www-authenticate", 'Basic realm="test", error="invalid_client"');
    context.body = { error: "invalid_client", error_description: "this client sends its secret in the form" };
    return;
  }
  await next();
}

const nameOf = (login: string) =>
  login
    .split("@")[0]!
    .split(/[.\-_]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(" ");

/** Consent is not what is tested: every client is granted what it asks for. */
async function grantEverything(context: KoaContextWithOIDC) {
  const { provider, session, client } = context.oidc;
  const grantId = context.oidc.result?.consent?.grantId ?? session!.grantIdFor(client!.clientId);
  if (grantId) return provider.Grant.find(grantId);
  const grant = new provider.Grant({ clientId: client!.clientId, accountId: session!.accountId! });
  grant.addOIDCScope("openid email profile");
  await grant.save();
  return grant;
}

/** Signs in at the provider as `login`, from the address the app sent the browser to; the address it sends the browser back to. */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<string> {
  const cookies = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join("; ") },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, value] = pair!.split("=");
      cookies.set(name!, value ?? "");
    }
    return response;
  };
  let location = authorizationUrl;
  for (let step = 0; step < 10; step++) {
    const response = await send(location, step === 1 ? loginForm(login) : {});
    const next = response.headers.get("location");
    if (!next) throw new Error(`The test provider stopped at ${location}: ${response.status} ${await response.text()}`);
    const resolved = new URL(next, location).href;
    if (!resolved.startsWith(new URL(authorizationUrl).origin)) return resolved;
    location = resolved;
  }
  throw new Error("The test provider kept redirecting");
}

const loginForm = (login: string): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({ prompt: "login", login, password: "any" }).toString(),
});

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const provider = await startOidcProvider({ port: Number(process.env.PORT), redirectUris: [process.env.REDIRECT_URI!] });
  console.log(`test OpenID provider at ${provider.issuer}`);
  process.on("SIGTERM", () => void provider.close().then(() => process.exit(0)));
}
