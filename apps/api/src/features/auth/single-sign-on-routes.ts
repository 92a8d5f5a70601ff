import { providerIdSchema, providerInputSchema, providerSchema, signInProviderSchema } from "@quarterly-returns/shared";
import type { FastifyInstance, FastifyReply, preHandlerAsyncHookHandler } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod/mini";
import { providerSignOutUrl } from "../../core/auth/oidc/sign-out.ts";
import { beginSingleSignOn, completeSingleSignOn, type PendingSignIn, type Refusal } from "../../core/auth/oidc/sign-in.ts";
import {
  addProvider,
  changeProvider,
  findProvider,
  listProviders,
  redirectUriOf,
  removeProvider,
  signInProviders,
  type OperatorProvider,
} from "../../core/auth/oidc/providers.ts";
import { ServiceError } from "../../core/errors.ts";
import { signInLimiter } from "./rate-limit.ts";

/** Long enough to sign in at the provider, short enough that a forgotten tab's attempt is gone. */
const PENDING_SECONDS = 10 * 60;
const tags = ["single sign-on"];
const providerParams = z.object({ id: providerIdSchema });

/** What the signed pending cookie holds; anything else is no sign-in in progress. */
const pendingSchema = z.object({
  purpose: z.literal("single sign-on"),
  provider: z.string(),
  state: z.string(),
  nonce: z.string(),
  verifier: z.string(),
  next: z.nullable(z.string()),
});

/** A path inside the app to go to once signed in; anything else goes home. */
const safeNext = (next: unknown) => (typeof next === "string" && /^\/(?![/\\])[\w\-./?=&%]*$/.test(next) ? next : null);

export async function singleSignOnRoutes(fastify: FastifyInstance, { appUrl, operator }: { appUrl: string; operator: OperatorProvider[] }) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const secure = appUrl.startsWith("https://");
  const pendingCookie = secure ? "__Host-qr_sso" : "qr_sso";
  // Lax, not Strict: the provider sends the browser back with a cross-site redirect, which must carry it.
  const pendingOptions = { httpOnly: true, sameSite: "lax", secure, path: "/" } as const;

  /** The sign-in in progress, if this app signed the cookie and it holds one. */
  function readPending(token: string | undefined): PendingSignIn | null {
    if (!token) return null;
    try {
      const parsed = pendingSchema.safeParse(fastify.jwt.verify(token));
      if (!parsed.success) return null;
      const { purpose: _purpose, ...pending } = parsed.data;
      return pending;
    } catch {
      return null;
    }
  }

  const toProblemPage = (reply: FastifyReply, refusal: Refusal) => reply.redirect(`/single-sign-on/${refusal.problem}`);

  // As many single sign-ons from one network as password sign-ins: each reaches the provider and the
  // audit log. The browser is on a page of its own here, so it is told on a page too.
  const perNetwork = await signInLimiter(app, "Too many sign-in attempts from your network.");
  const limited: preHandlerAsyncHookHandler = async function (request, reply) {
    try {
      await perNetwork.call(this, request, reply);
    } catch (error) {
      if (!(error instanceof ServiceError && error.statusCode === 429)) throw error;
      return toProblemPage(reply, { problem: "too-many" });
    }
  };

  app.get("/api/auth/oidc/providers", { config: { public: true }, schema: { response: { 200: z.array(signInProviderSchema) }, tags, summary: "The providers the sign-in page offers" } }, async (request) =>
    signInProviders(request.context, operator),
  );

  // The two steps of the browser's journey through the provider: pages and redirects, not API answers.
  app.get(
    "/api/auth/oidc/:id/start",
    { config: { public: true }, schema: { hide: true, params: providerParams, querystring: z.object({ next: z.optional(z.string()) }) }, preHandler: limited },
    async (request, reply) => {
      const provider = await findProvider(request.context, operator, request.params.id);
      if (!provider) return toProblemPage(reply, { problem: "unknown-provider" });
      const started = await beginSingleSignOn(request.context, provider, redirectUriOf(appUrl, provider.id), safeNext(request.query.next));
      if ("problem" in started) return toProblemPage(reply, started);
      // Signed with the session's key; its shape (pendingSchema) is one no session token has, and the other way round.
      const token = fastify.jwt.sign({ purpose: "single sign-on", ...started.pending } as never, { expiresIn: PENDING_SECONDS });
      reply.setCookie(pendingCookie, token, { ...pendingOptions, maxAge: PENDING_SECONDS });
      return reply.redirect(started.url);
    },
  );

  app.get("/api/auth/oidc/:id/callback", { config: { public: true }, schema: { hide: true, params: providerParams }, preHandler: limited }, async (request, reply) => {
    const pending = readPending(request.cookies[pendingCookie]);
    // Used once: whatever happens next, the browser forgets it.
    reply.clearCookie(pendingCookie, pendingOptions);
    const provider = await findProvider(request.context, operator, request.params.id);
    // The address registered with the provider (redirectUriOf), with what the provider added to it.
    const callbackUrl = new URL(`${appUrl}${request.url}`);
    const outcome = await completeSingleSignOn(request.context, request.params.id, provider, callbackUrl, pending);
    if ("problem" in outcome) return toProblemPage(reply, outcome);
    await reply.startSession(outcome.user, undefined, request.params.id);
    // The session cookie is SameSite=Strict, and this response ends a redirect chain that began at
    // the provider: a redirect from here could reach the app without it. A page of the app's own
    // that moves on is a same-site navigation, which carries it.
    const next = escapeHtml(pending?.next ?? "/");
    return reply
      .type("text/html; charset=utf-8")
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${next}"><title>Signed in – Quarterly Returns</title></head>` +
          `<body><p><a href="${next}">Continue to Quarterly Returns</a></p></body></html>`,
      );
  });

  app.get(
    "/api/auth/oidc/sign-out",
    {
      config: { beforePasswordChange: true },
      schema: {
        response: { 200: z.object({ provider: z.nullable(z.object({ name: z.string(), signOutUrl: z.string() })) }) },
        tags,
        summary: "For a session begun through single sign-on: where to sign out of the provider too (null when it offers no sign-out)",
      },
    },
    async (request) => {
      const providerId = request.caller!.singleSignOn;
      const provider = providerId ? await findProvider(request.context, operator, providerId) : null;
      const signOutUrl = provider ? await providerSignOutUrl(request.context, provider) : null;
      return { provider: provider && signOutUrl ? { name: provider.name, signOutUrl } : null };
    },
  );

  app.get(
    "/api/settings/single-sign-on",
    { config: { permission: "manageSettings" }, schema: { response: { 200: z.array(providerSchema) }, tags, summary: "The single sign-on providers, never their secrets (admin)" } },
    async (request) => listProviders(request.context, operator),
  );

  app.post(
    "/api/settings/single-sign-on",
    {
      config: { permission: "manageSettings" },
      schema: { body: providerInputSchema, response: { 201: providerSchema }, tags, summary: "Add a single sign-on provider (admin)" },
    },
    async (request, reply) => reply.code(201).send(await addProvider(request.context, operator, request.body)),
  );

  app.put(
    "/api/settings/single-sign-on/:id",
    {
      config: { permission: "manageSettings" },
      schema: { params: providerParams, body: providerInputSchema, response: { 200: providerSchema }, tags, summary: "Change a single sign-on provider; a secret left out is kept (admin)" },
    },
    async (request) => changeProvider(request.context, operator, request.params.id, request.body),
  );

  app.delete(
    "/api/settings/single-sign-on/:id",
    { config: { permission: "manageSettings" }, schema: { params: providerParams, response: { 204: z.null() }, tags, summary: "Remove a single sign-on provider (admin)" } },
    async (request, reply) => {
      await removeProvider(request.context, operator, request.params.id);
      return reply.code(204).send(null);
    },
  );
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
