import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { resolveDataDir } from "@quarterly-returns/db";
import { clientIdSchema, clientSecretSchema, domainsSchema, issuerSchema, providerIdSchema, providerNameSchema } from "@quarterly-returns/shared";
import { z } from "zod";
import type { OperatorProvider } from "./core/auth/oidc/providers.ts";

const flag = z
  .enum(["1", "0", "true", "false", "yes", "no"], { error: "must be 1 or 0" })
  .transform((value) => ["1", "true", "yes"].includes(value));

const environment = z.object({
  PORT: z.coerce.number({ error: "must be a port number" }).int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// connection URL" })
    .optional(),
  MIGRATION_DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// connection URL" })
    .optional(),
  DATA_DIR: z.string().min(1).optional(),
  JWT_SECRET: z.string().min(32, { error: "must be at least 32 characters" }).optional(),
  DEMO_DATA: flag.optional(),
  AUTOMATIC_REMINDERS: flag.optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
  MAIL_FROM: z.string().min(3).default("Quarterly Returns <no-reply@localhost>"),
  APP_URL: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).optional(),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|[\d.:/a-fA-F, ]+)$/, { error: "must be true, false, or the proxies' addresses" })
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface Config {
  port: number;
  host: string;
  /** null: run the embedded PostgreSQL in `dataDir`. */
  databaseUrl: string | null;
  /** The schema owner's connection, for migrations and the demo data; null: `databaseUrl`'s. */
  migrationDatabaseUrl: string | null;
  dataDir: string;
  jwtSecret: string;
  /** Write the demo partnership into an empty database. */
  demoData: boolean;
  /** Send the quarters' reminders on their schedules (a job queue in PostgreSQL). */
  automaticReminders: boolean;
  smtpUrl: string | null;
  mailFrom: string;
  appUrl: string;
  logLevel: z.infer<typeof environment>["LOG_LEVEL"];
  /** Fastify's trustProxy: whom to believe about the client's address and protocol. */
  trustProxy: boolean | string;
  /** Single sign-on providers set by the operator (OIDC_PROVIDERS), beside those an admin adds. */
  oidcProviders: OperatorProvider[];
}

/** One entry of OIDC_PROVIDERS. */
const operatorProviderSchema = z.strictObject({
  id: providerIdSchema,
  name: providerNameSchema,
  issuer: issuerSchema,
  clientId: clientIdSchema,
  clientSecret: clientSecretSchema,
  domains: domainsSchema,
  /** The short name of the organisation whose data owners it may create on first sign-in. */
  createAccountsFor: z.string().trim().min(1).optional(),
});

export class ConfigError extends Error {}

/** Reads the settings from the environment; a missing or invalid one stops the start, by name. */
export async function loadConfig(env: NodeJS.ProcessEnv): Promise<Config> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = environment.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message} (got "${present[String(issue.path[0])]}")`);
    throw new ConfigError(`Invalid settings:\n${problems.join("\n")}`);
  }
  const settings = parsed.data;
  const oidcProviders = parseOidcProviders(present.OIDC_PROVIDERS);
  const dataDir = resolveDataDir(settings.DATA_DIR);
  const embedded = !settings.DATABASE_URL;
  if (embedded && settings.MIGRATION_DATABASE_URL) {
    throw new ConfigError(
      "MIGRATION_DATABASE_URL is set without DATABASE_URL: set DATABASE_URL to the application's role on the same database, " +
        "or unset both to use the embedded PostgreSQL.",
    );
  }
  if (!embedded && !settings.JWT_SECRET) {
    throw new ConfigError(
      "Missing setting JWT_SECRET: with DATABASE_URL, set JWT_SECRET to a random string of at least 32 characters " +
        "(e.g. `openssl rand -base64 48`); every replica must share it.",
    );
  }
  return {
    port: settings.PORT,
    host: settings.HOST,
    databaseUrl: settings.DATABASE_URL ?? null,
    migrationDatabaseUrl: settings.MIGRATION_DATABASE_URL ?? null,
    dataDir,
    jwtSecret: settings.JWT_SECRET ?? (await readOrCreateSecret(path.join(dataDir, "jwt-secret"))),
    demoData: settings.DEMO_DATA ?? embedded,
    automaticReminders: settings.AUTOMATIC_REMINDERS ?? true,
    smtpUrl: settings.SMTP_URL ?? null,
    mailFrom: settings.MAIL_FROM,
    appUrl: (settings.APP_URL ?? `http://localhost:${settings.PORT}`).replace(/\/$/, ""),
    logLevel: settings.LOG_LEVEL,
    trustProxy: parseTrustProxy(settings.TRUST_PROXY),
    oidcProviders,
  };
}

/** OIDC_PROVIDERS, a JSON list; a problem names the entry, never echoes it (it holds secrets). */
export function parseOidcProviders(value: string | undefined): OperatorProvider[] {
  if (value === undefined) return [];
  const fail = (problem: string) => {
    throw new ConfigError(`Invalid settings:\n  OIDC_PROVIDERS: ${problem}`);
  };
  let entries: unknown;
  try {
    entries = JSON.parse(value);
  } catch {
    return fail('must be a JSON list, like [{"id":"council","name":"…","issuer":"https://…","clientId":"…","clientSecret":"…","domains":["stockton.gov.uk"]}]');
  }
  if (!Array.isArray(entries)) return fail("must be a JSON list of providers, [{…}, …]");
  const providers = entries.map((entry: unknown, index) => {
    const parsed = operatorProviderSchema.safeParse(entry);
    if (parsed.success) return parsed.data;
    const id = typeof (entry as { id?: unknown } | null)?.id === "string" ? ` ("${(entry as { id: string }).id}")` : "";
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "the entry"}: ${issue.message}`);
    return fail(`entry ${index + 1}${id}: ${problems.join("; ")}`);
  });
  const ids = providers.map((provider) => provider.id);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated) fail(`the id "${repeated}" is used by two entries: give each provider its own`);
  return providers;
}

function parseTrustProxy(value: string | undefined): boolean | string {
  if (value === undefined || value === "false") return false;
  return value === "true" ? true : value;
}

/** In demo mode the signing secret is generated once and kept with the data, so sessions survive a restart. */
async function readOrCreateSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  await mkdir(path.dirname(file), { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
