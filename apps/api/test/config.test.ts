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
