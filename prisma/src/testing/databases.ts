import pg from "pg";

declare module "vitest" {
  export interface ProvidedContext {
    /** The test run's PostgreSQL server (its maintenance database), from the global setup. */
    databaseServerUrl: string;
  }
}

export const TEMPLATES = { empty: "template_migrated", demo: "template_demo" } as const;
export type Template = keyof typeof TEMPLATES;

export async function createDatabase(serverUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const from = template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : "";
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}${from}`);
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
