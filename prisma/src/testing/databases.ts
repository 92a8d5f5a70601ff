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

/**
 * Drops a test's database. It first lets the test's own connections finish closing (a pool's
 * `end()` can resolve while its last sockets are still saying goodbye): FORCE would otherwise
 * terminate them mid-close, and the driver reports that as an uncaught error in the test run.
 */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (let attempt = 0; attempt < 40; attempt++) {
      const { rows } = await client.query<{ open: number }>("SELECT count(*)::int AS open FROM pg_stat_activity WHERE datname = $1", [name]);
      if (rows[0]!.open === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
