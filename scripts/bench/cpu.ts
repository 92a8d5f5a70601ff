// CPU time spent by processes, read from Linux's /proc: the app's server, and PostgreSQL (its
// postmaster and every backend it started), so that a serial loop can say what one save costs each.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const TICKS_PER_SECOND = 100;

/** utime, stime, cutime, cstime of a process, in milliseconds; null if it is gone. */
function cpuOf(pid: number): { own: number; children: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: count fields after it.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = (index: number) => Number(fields[index - 3]);
    return { own: ((ticks(14) + ticks(15)) * 1000) / TICKS_PER_SECOND, children: ((ticks(16) + ticks(17)) * 1000) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

const parentOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);

/** The CPU a process has used so far, in milliseconds. */
export function processCpuMs(pid: number): number {
  return cpuOf(pid)?.own ?? 0;
}

/** The CPU PostgreSQL's processes have used so far, in milliseconds: the postmaster, its children, and its ended children. */
export function postgresCpuMs(clusterDir: string): number {
  const postmaster = Number(readFileSync(path.join(clusterDir, "postmaster.pid"), "utf8").split("\n")[0]);
  const own = cpuOf(postmaster);
  let total = own ? own.own + own.children : 0;
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === postmaster) continue;
    try {
      if (parentOf(pid) === postmaster) total += cpuOf(pid)?.own ?? 0;
    } catch {
      // ended meanwhile
    }
  }
  return total;
}

export interface CpuPerOperation {
  /** The server's (or the client's) CPU per operation, ms. */
  process: number;
  /** PostgreSQL's CPU per operation, ms. */
  database: number;
}

/** Runs `operation` `count` times, one after another, and divides the CPU the server and PostgreSQL used meanwhile. */
export async function cpuPerOperation(serverPid: number, clusterDir: string, count: number, operation: () => Promise<void>): Promise<CpuPerOperation> {
  const before = { process: processCpuMs(serverPid), database: postgresCpuMs(clusterDir) };
  for (let done = 0; done < count; done++) await operation();
  return { process: (processCpuMs(serverPid) - before.process) / count, database: (postgresCpuMs(clusterDir) - before.database) / count };
}

/** The ceiling's transaction `count` times on one connection: PostgreSQL's CPU for each, and the client's. */
export async function ceilingCpuPerTransaction(
  databaseUrl: string,
  clusterDir: string,
  count: number,
  transaction: (client: pg.PoolClient, worker: number, iteration: number) => Promise<void>,
): Promise<CpuPerOperation> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const client = await pool.connect();
  try {
    for (let warmUp = 0; warmUp < count / 2; warmUp++) await transaction(client, 0, warmUp);
    let iteration = count / 2;
    return await cpuPerOperation(process.pid, clusterDir, count, () => transaction(client, 0, iteration++));
  } finally {
    client.release();
    await pool.end();
  }
}
