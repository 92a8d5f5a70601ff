import pg from "pg";

declare module "vitest" {
  export interface ProvidedContext {
    /** The test run's PostgreSQL server (its maintenance database, as the superuser), from the global setup. */
    databaseServerUrl: string;
    /** The same server as the schema's owner role and as the application's role. */
    databaseRoles: { ownerUrl: string; appUrl: string };
  }
}

export const TEMPLATES = { empty: "template_migrated", demo: "template_demo" } as const;
export type Template = keyof typeof TEMPLATES;

export async function createDatabase(serverUrl: string, name: string, options: { template?: string; owner?: string } = {}): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const from = options.template ? ` TEMPLATE ${pg.escapeIdentifier(options.template)}` : "";
    const owner = options.owner ? ` OWNER ${pg.escapeIdentifier(options.owner)}` : "";
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}${from}${owner}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
