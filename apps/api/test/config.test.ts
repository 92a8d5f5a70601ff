import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";

const dataDir = () => mkdtemp(path.join(os.tmpdir(), "qr-config-"));

describe("loadConfig", () => {
  it("defaults to the embedded database with demo data and a generated secret kept in DATA_DIR", async () => {
    const dir = await dataDir();
    const config = await loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({ port: 3000, databaseUrl: null, dataDir: dir, demoData: true, appUrl: "http://localhost:3000" });
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect((await readFile(path.join(dir, "jwt-secret"), "utf8")).trim()).toBe(config.jwtSecret);
    expect((await loadConfig({ DATA_DIR: dir })).jwtSecret).toBe(config.jwtSecret);
  });

  it("needs JWT_SECRET with DATABASE_URL, and no demo data unless asked", async () => {
    await expect(loadConfig({ DATABASE_URL: "postgresql://app@db/returns" })).rejects.toThrow("Missing setting JWT_SECRET");
    const secret = "s".repeat(40);
    expect(await loadConfig({ DATABASE_URL: "postgresql://app@db/returns", JWT_SECRET: secret })).toMatchObject({
      databaseUrl: "postgresql://app@db/returns",
      demoData: false,
      jwtSecret: secret,
    });
    expect((await loadConfig({ DATABASE_URL: "postgresql://app@db/returns", JWT_SECRET: secret, DEMO_DATA: "1" })).demoData).toBe(true);
  });

  it.each([
    [{ PORT: "eighty" }, 'PORT: must be a port number (got "eighty")'],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x@y/z" }, "DATABASE_URL: must be a postgresql:// connection URL"],
    [{ SMTP_URL: "mail.example.org" }, "SMTP_URL: must be an smtp:// or smtps:// URL"],
    [{ DEMO_DATA: "maybe" }, "DEMO_DATA: must be 1 or 0"],
    [{ JWT_SECRET: "short" }, "JWT_SECRET: must be at least 32 characters"],
    [{ APP_URL: "localhost:3000" }, "APP_URL"],
  ])("names the invalid setting in %j", async (env, message) => {
    await expect(loadConfig({ DATA_DIR: await dataDir(), ...env })).rejects.toThrow(message);
  });
});

describe("OIDC_PROVIDERS", () => {
  const council = {
    id: "council",
    name: "Stockton Council (Microsoft)",
    issuer: "https://login.microsoftonline.com/0000-tenant/v2.0",
    clientId: "client-id",
    clientSecret: "very-secret-value",
    domains: ["Stockton.gov.uk"],
  };
  const load = async (providers: unknown) => loadConfig({ DATA_DIR: await dataDir(), OIDC_PROVIDERS: typeof providers === "string" ? providers : JSON.stringify(providers) });

  it("reads the operator's providers, domains lower-case, and none when unset", async () => {
    expect((await load([council])).oidcProviders).toEqual([{ ...council, domains: ["stockton.gov.uk"] }]);
    expect((await loadConfig({ DATA_DIR: await dataDir() })).oidcProviders).toEqual([]);
  });

  it.each([
    ["not JSON", "[{id:", "OIDC_PROVIDERS: must be a JSON list"],
    ["not a list", { ...council }, "OIDC_PROVIDERS: must be a JSON list of providers"],
    ["plain http off this computer", [{ ...council, issuer: "http://login.example.org" }], 'OIDC_PROVIDERS: entry 1 ("council"): issuer: The issuer must be an https:// address'],
    ["no domains", [council, { ...council, id: "police", domains: [] }], 'entry 2 ("police"): domains: Enter at least one email domain'],
    ["a bad id", [{ ...council, id: "Council One" }], 'entry 1 ("Council One"): id: The short name must be'],
    ["a missing secret", [{ ...council, clientSecret: undefined }], 'entry 1 ("council"): clientSecret'],
    ["an unknown field", [{ ...council, tenant: "x" }], 'entry 1 ("council"): the entry: Unknown field: \"tenant\"'],
    ["the same id twice", [council, council], 'the id "council" is used by two entries'],
  ])("names the entry at fault: %s", async (_case, providers, message) => {
    const failure = await load(providers).then(() => null, (error: Error) => error.message);
    expect(failure).toContain(message);
    expect(failure).not.toContain("very-secret-value");
  });

  it("allows plain http on this computer only, for the tests' provider", async () => {
    expect((await load([{ ...council, issuer: "http://127.0.0.1:4000" }])).oidcProviders).toHaveLength(1);
  });
});
