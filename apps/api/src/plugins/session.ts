// Sessions: a JWT (HS256 only, `exp` checked) in an httpOnly, SameSite=Strict cookie, looked up
// against the user on every request so that signing out, a password change or deactivation ends
// it at once (the user's session version; the user is read through the read cache, which any
// change to users clears). Lasts 8 hours at most, and ends after 30 idle minutes.
import fastifyCookie from "@fastify/cookie";
import fastifyJwt from "@fastify/jwt";
import type { SessionUser } from "@quarterly-returns/shared";
import type { FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Role } from "@quarterly-returns/db";
import type { Config } from "../config.ts";
import { ServiceError } from "../core/errors.ts";
import { isApiRequest } from "./context.ts";

export const SESSION_LIFETIME_SECONDS = 8 * 60 * 60;
export const SESSION_IDLE_SECONDS = 30 * 60;
/** A token older than this is replaced on the next request, which moves the idle deadline on. */
const RENEW_AFTER_SECONDS = 60;

interface TokenPayload {
  /** The user's id. */
  sub: string;
  /** The user's session version when the token was issued. */
  sv: number;
  /** When the person signed in (seconds): the 8-hour limit runs from here. */
  auth: number;
  iat?: number;
  exp?: number;
}

export type SessionCaller = SessionUser & { role: Role; organisationId: number | null };

declare module "fastify" {
  interface FastifyRequest {
    caller: SessionCaller | null;
  }
  interface FastifyReply {
    startSession(user: { id: number; sessionVersion: number }, signedInAt?: number): Promise<void>;
    endSession(): void;
  }
  interface FastifyContextConfig {
    /** Answered without a session (sign-in, health, API docs). */
    public?: boolean;
    /** Allowed while the user must still choose a new password. */
    beforePasswordChange?: boolean;
  }
}

declare module "@fastify/jwt" {
  interface FastifyJWT {
    payload: TokenPayload;
    user: TokenPayload;
  }
}

const userWithOrganisation = { organisation: { select: { id: true, name: true, shortName: true } } } as const;

export const sessionPlugin = fp<{ config: Config }>(async (app, { config }) => {
  const secure = config.appUrl.startsWith("https://");
  // Over HTTPS the __Host- prefix makes the browser insist on Secure, Path=/ and no Domain.
  const cookieName = secure ? "__Host-qr_session" : "qr_session";
  const cookieOptions = { httpOnly: true, sameSite: "strict", secure, path: "/" } as const;

  await app.register(fastifyCookie);
  await app.register(fastifyJwt, {
    secret: config.jwtSecret,
    sign: { algorithm: "HS256" },
    verify: { algorithms: ["HS256"] },
    cookie: { cookieName, signed: false },
  });

  app.decorateRequest("caller", null);

  app.decorateReply("startSession", async function (this: FastifyReply, user, signedInAt = nowSeconds()) {
    const expires = Math.min(signedInAt + SESSION_LIFETIME_SECONDS, nowSeconds() + SESSION_IDLE_SECONDS);
    const token = await this.jwtSign({ sub: String(user.id), sv: user.sessionVersion, auth: signedInAt, exp: expires });
    this.setCookie(cookieName, token, { ...cookieOptions, maxAge: expires - nowSeconds() });
  });

  app.decorateReply("endSession", function (this: FastifyReply) {
    this.clearCookie(cookieName, cookieOptions);
  });

  app.addHook("onRequest", async (request, reply) => {
    if (!isApiRequest(request) || request.routeOptions.config?.public) return;
    await authenticate(request, reply);
  });
});

async function authenticate(request: FastifyRequest, reply: FastifyReply) {
  let token: TokenPayload;
  try {
    token = await request.jwtVerify<TokenPayload>();
  } catch {
    reply.endSession();
    throw new ServiceError(401, "Sign in to continue.");
  }
  const userId = Number(token.sub);
  const user = await request.server.readCache.get(`session user ${userId}`, ["users", "organisations"], () =>
    request.server.prisma.user.findUnique({ where: { id: userId }, include: userWithOrganisation, omit: { passwordHash: true } }),
  );
  if (!user || !user.active || user.sessionVersion !== token.sv) {
    reply.endSession();
    throw new ServiceError(401, "Your session has ended. Please sign in again.");
  }
  request.caller = {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisationId: user.organisationId,
    organisation: user.organisation,
    mustChangePassword: user.mustChangePassword,
  };
  if (nowSeconds() - (token.iat ?? 0) > RENEW_AFTER_SECONDS) await reply.startSession(user, token.auth);
  if (user.mustChangePassword && !request.routeOptions.config?.beforePasswordChange) {
    throw new ServiceError(403, "Choose a new password before you continue.", { code: "PASSWORD_CHANGE_REQUIRED" });
  }
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
