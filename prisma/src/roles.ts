// Two database roles: the owner of the schema, which migrates it (and writes the demo data), and
// the application's, which may only read and write rows. The lock on signed-off quarters and the
// append-only audit log are triggers; only the owner or a superuser could switch those off
// (ALTER TABLE … DISABLE TRIGGER, session_replication_role) or bypass them (TRUNCATE), so the app
// never connects as either.
import pg from "pg";
import { withDatabase } from "./url.ts";

/** The job queue's own schema (pg-boss), created by a migration. */
export const JOB_QUEUE_SCHEMA = "pgboss";

export const EMBEDDED_ROLES = { owner: "quarterly_returns_owner", app: "quarterly_returns_app" } as const;

/** The role a connection URL signs in as. */
export function roleOf(databaseUrl: string): string {
  return decodeURIComponent(new URL(databaseUrl).username);
}

async function withClient<T>(databaseUrl: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/**
 * Gives the app's role exactly what it needs on every table and sequence of the schema, and no
 * more: what it was granted before is revoked first, so a table added by a later migration is
 * never forgotten and a privilege granted by hand never lingers. The audit log is append-only, so
 * the role may only read and add to it; the migrations' own table it may not touch at all. The job
 * queue's schema (pgboss, installed by a migration) it uses the same way: rows only.
 */
export async function grantAppPrivileges(ownerUrl: string, appRole: string): Promise<void> {
  const app = pg.escapeIdentifier(appRole);
  await withClient(ownerUrl, async (client) => {
    await client.query("BEGIN");
    try {
      await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${app}`);
      await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${app}`);
      await client.query(`GRANT USAGE ON SCHEMA public TO ${app}`);
      await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`);
      await client.query(`REVOKE UPDATE, DELETE ON "audit_events" FROM ${app}`);
      await client.query(`REVOKE ALL ON "_prisma_migrations" FROM ${app}`);
      await client.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
      const { rowCount: queueInstalled } = await client.query(`SELECT 1 FROM pg_namespace WHERE nspname = '${JOB_QUEUE_SCHEMA}'`);
      if (queueInstalled) {
        await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${JOB_QUEUE_SCHEMA} FROM ${app}`);
        await client.query(`GRANT USAGE ON SCHEMA ${JOB_QUEUE_SCHEMA} TO ${app}`);
        await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOB_QUEUE_SCHEMA} TO ${app}`);
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  });
}

export interface RoleRisks {
  role: string;
  superuser: boolean;
  /** Owns tables of the schema: may disable their triggers, truncate them, drop them. */
  ownsTables: boolean;
}

/** What a connection's role could do to the guarantees, were it misused. */
export async function roleRisks(databaseUrl: string): Promise<RoleRisks> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<RoleRisks>(`
      SELECT current_user AS role,
             (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
             EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND pg_has_role(current_user, tableowner, 'USAGE')) AS "ownsTables"`);
    return rows[0]!;
  });
}

/**
 * Creates the two roles on a server (as a superuser) when missing, and sets their passwords. Used
 * by the embedded PostgreSQL and the tests' server; an operator's own server has its own roles.
 */
export async function ensureRoles(superuserUrl: string, passwords: { owner: string; app: string }): Promise<void> {
  await withClient(superuserUrl, async (client) => {
    for (const [role, password] of [
      [EMBEDDED_ROLES.owner, passwords.owner],
      [EMBEDDED_ROLES.app, passwords.app],
    ] as const) {
      const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
      const verb = rowCount ? "ALTER" : "CREATE";
      await client.query(`${verb} ROLE ${pg.escapeIdentifier(role)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${pg.escapeLiteral(password)}`);
    }
  });
}

/**
 * Makes the owner role own a database and everything in its public schema. A cluster from before
 * the two roles has its tables, sequences, types and functions owned by the superuser that
 * migrated them; the owner role takes them over (the job queue's schema too), so it can go on
 * migrating them.
 */
export async function adoptDatabase(superuserUrl: string, database: string, owner: string): Promise<void> {
  await withClient(superuserUrl, (client) =>
    client.query(`ALTER DATABASE ${pg.escapeIdentifier(database)} OWNER TO ${pg.escapeIdentifier(owner)}`),
  );
  await withClient(withDatabase(superuserUrl, database), async (client) => {
    const { rows } = await client.query<{ statement: string }>(
      `SELECT format('ALTER %s %s OWNER TO %I', kind, name, $1::text) AS statement FROM (
         SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END AS kind, c.oid::regclass::text AS name, c.relowner AS owner
           FROM pg_class c
          WHERE c.relnamespace IN (SELECT oid FROM pg_namespace WHERE nspname IN ('public', $2)) AND c.relkind IN ('r', 'p', 'v', 'S')
            -- a table's own sequences (serial, identity) follow the table
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') AND c.relkind = 'S')
         UNION ALL
         SELECT 'SCHEMA', quote_ident(n.nspname), n.nspowner FROM pg_namespace n WHERE n.nspname = $2
         UNION ALL
         SELECT 'TYPE', t.oid::regtype::text, t.typowner FROM pg_type t WHERE t.typnamespace IN (SELECT oid FROM pg_namespace WHERE nspname IN ('public', $2)) AND t.typtype = 'e'
         UNION ALL
         SELECT 'FUNCTION', p.oid::regprocedure::text, p.proowner FROM pg_proc p WHERE p.pronamespace IN (SELECT oid FROM pg_namespace WHERE nspname IN ('public', $2))
       ) objects
       WHERE owner <> (SELECT oid FROM pg_roles WHERE rolname = $1)`,
      [owner, JOB_QUEUE_SCHEMA],
    );
    for (const { statement } of rows) await client.query(statement);
  });
}
