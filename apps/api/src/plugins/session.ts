// Sessions: a JWT (HS256 only) in an httpOnly, SameSite=Strict cookie, looked up against the user
// on every request so that signing out, a password change or deactivation ends it at once (the
// user's session version; the user is read through the read cache, which any change to users
// clears). Lasts 8 hours at most, and ends after 30 idle minutes: both are counted here from the
// token's own times of signing in and issue, whatever its `exp` says.
import fastifyCookie from "@fastify/cookie";
import fastifyJwt from "@fastify/jwt";
import type { SessionUser } from "@quarterly-returns/shared";
import type { FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { z } from "zod/mini";
import type { Role } from "@quarterly-returns/db";
import type { Config } from "../config.ts";
import { secondFactorKeys, type SecondFactorKeys } from "../core/auth/second-factor-keys.ts";
import { ServiceError } from "../core/errors.ts";
import { isApiRequest } from "./context.ts";

export const SESSION_LIFETIME_SECONDS = 8 * 60 * 60;
export const SESSION_IDLE_SECONDS = 30 * 60;
/** A token older than this is replaced on the next request, which moves the idle deadline on. */
const RENEW_AFTER_SECONDS = 60;

/** The largest id PostgreSQL's integer holds. */
const LARGEST_USER_ID = 2_147_483_647;
/** How far ahead of this server's clock another replica's may be. */
const CLOCK_SKEW_SECONDS = 60;

const wholeNumber = z.int().check(z.nonnegative());

/** What a token must hold; anything else is no session. */
const tokenSchema = z.object({
  /** The user's id, as a string of digits. */
  sub: z.string().check(z.regex(/^[1-9][0-9]{0,9}$/), z.refine((id) => Number(id) <= LARGEST_USER_ID)),
  /** The user's session version when the token was issued. */
  sv: wholeNumber,
  /** When the person signed in (seconds): the 8-hour limit runs from here. */
  auth: wholeNumber,
  /** When this token was issued (seconds): the 30 idle minutes run from here. */
  iat: wholeNumber,
  exp: wholeNumber,
  /** The single sign-on provider the person signed in through; absent for a password. */
  sso: z.optional(z.string().check(z.maxLength(40))),
  /** Signed in with a password by someone who must set up a second factor: good for that only. */
  enrol: z.optional(z.literal(true)),
});

type TokenPayload = z.infer<typeof tokenSchema>;

export type SessionCaller = SessionUser & {
  role: Role;
  organisationId: number | null;
  /** The single sign-on provider this session came from; null for a password. */
  singleSignOn: string | null;
};

declare module "fastify" {
  interface FastifyRequest {
    caller: SessionCaller | null;
  }
  interface FastifyReply {
    /**
     * A new token. `enrolOnly` (the session may only set up a second factor) defaults to the current
     * session's, so a password change keeps it.
     */
    startSession(user: { id: number; sessionVersion: number }, signedInAt?: number, singleSignOn?: string | null, options?: { enrolOnly?: boolean }): Promise<void>;
    endSession(): void;
  }
  interface FastifyContextConfig {
    /** Answered without a session (sign-in, health, API docs). */
    public?: boolean;
    /** Allowed while the user must still choose a new password. */
    beforePasswordChange?: boolean;
    /** Allowed while the user must still set up a second factor (plugins/session.ts). */
    beforeSecondFactor?: boolean;
  }
  interface FastifyInstance {
    /** Derived from JWT_SECRET, for the second factor's secrets (core/auth/second-factor-keys.ts). */
    secondFactorKeys: SecondFactorKeys;
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
  app.decorate("secondFactorKeys", secondFactorKeys(config.jwtSecret));

  app.decorateReply("startSession", async function (this: FastifyReply, user, signedInAt = nowSeconds(), singleSignOn = null, options = {}) {
    const issuedAt = nowSeconds();
    const expires = Math.min(signedInAt + SESSION_LIFETIME_SECONDS, issuedAt + SESSION_IDLE_SECONDS);
    const enrolOnly = options.enrolOnly ?? this.request.caller?.mustEnrolSecondFactor ?? false;
    const token = await this.jwtSign({
      sub: String(user.id),
      sv: user.sessionVersion,
      auth: signedInAt,
      iat: issuedAt,
      exp: expires,
      ...(singleSignOn ? { sso: singleSignOn } : {}),
      ...(enrolOnly ? { enrol: true as const } : {}),
    });
    this.setCookie(cookieName, token, { ...cookieOptions, maxAge: expires - issuedAt });
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
  const token = await verifiedToken(request);
  if (!token) {
    reply.endSession();
    throw new ServiceError(401, "Sign in to continue.");
  }
  if (!withinLimits(token)) {
    reply.endSession();
    throw new ServiceError(401, "Your session has ended. Please sign in again.");
  }
  const userId = Number(token.sub);
  const user = await request.server.readCache.get(`session user ${userId}`, ["users", "organisations"], () =>
    request.server.prisma.user.findUnique({ where: { id: userId }, include: userWithOrganisation, omit: { passwordHash: true, totpSecret: true } }),
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
    mustEnrolSecondFactor: token.enrol === true && !user.totpEnabledAt,
    singleSignOn: token.sso ?? null,
  };
  if (nowSeconds() - token.iat > RENEW_AFTER_SECONDS) await reply.startSession(user, token.auth, token.sso);
  if (user.mustChangePassword && !request.routeOptions.config?.beforePasswordChange) {
    throw new ServiceError(403, "Choose a new password before you continue.", { code: "PASSWORD_CHANGE_REQUIRED" });
  }
  if (request.caller.mustEnrolSecondFactor && !request.routeOptions.config?.beforeSecondFactor) {
    throw new ServiceError(403, "Set up your authenticator app before you continue.", { code: "SECOND_FACTOR_REQUIRED" });
  }
}

/** The token, if this app signed it and it holds what a session needs; null otherwise. */
async function verifiedToken(request: FastifyRequest): Promise<TokenPayload | null> {
  try {
    const parsed = tokenSchema.safeParse(await request.jwtVerify());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Signed in less than 8 hours ago, issued less than 30 minutes ago, and neither in the future. */
function withinLimits(token: TokenPayload): boolean {
  const now = nowSeconds();
  const notAhead = (moment: number) => moment <= now + CLOCK_SKEW_SECONDS;
  return (
    notAhead(token.auth) &&
    notAhead(token.iat) &&
    token.auth <= token.iat &&
    now - token.auth <= SESSION_LIFETIME_SECONDS &&
    now - token.iat <= SESSION_IDLE_SECONDS
  );
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
