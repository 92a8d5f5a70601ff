// npm run bench: the app under load on a large history, against PostgreSQL's own ceiling, and the
// time `npm start` takes. Prints a table and writes BENCHMARKS.md.
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createPrismaClient, migrateAndGrant, startEmbeddedPostgres } from "@quarterly-returns/db";
import autocannon from "autocannon";
import { bigReport } from "./big-report.ts";
import { ceilingCpuPerTransaction, cpuPerOperation } from "./cpu.ts";
import { selfTimeByCategory } from "./profile.ts";
import { loadOnSlowConnection } from "./slow-connection.ts";
import { completenessOnPostgres, measure, myReturnsOnPostgres, reportOnPostgres, saveOnPostgres, type Measurement } from "./ceiling.ts";
import { createHistory, INDICATORS, ORGANISATIONS, YEARS } from "./history.ts";
import { freePort, returnSaves, root, signIn, startServer, stop } from "./app-server.ts";
import { IMPORT_LIMITS } from "@quarterly-returns/shared";

const CONNECTIONS = 32;
const FINDINGS_HEADING = "## What was found";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SERIAL_SAVES = 1000;
const SLOW_LOADS = 7;

function toMeasurement(result: autocannon.Result): Measurement {
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/** How long the API takes to import `text`, in milliseconds; an import must succeed. */
async function timeImport(base: string, cookie: string, year: string, text: string): Promise<number> {
  const started = Date.now();
  const response = await fetch(`${base}/api/reports/import`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ year, text }) });
  if (!response.ok) throw new Error(`The import answered ${response.status}: ${await response.text()}`);
  return Date.now() - started;
}

async function load(options: autocannon.Options): Promise<Measurement> {
  return toMeasurement(await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options }));
}

/** How long `npm start` takes to answer health: on an empty data folder, then again on the same one. */
async function startTimes(): Promise<{ cold: number; warm: number }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "qr-bench-start-"));
  try {
    const times = [];
    for (let run = 0; run < 2; run++) {
      const port = await freePort();
      const server = startServer(["npm", "start"], port, { DATA_DIR: dataDir });
      times.push(await server.ready());
      await stop(server.child);
    }
    return { cold: times[0]!, warm: times[1]! };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  process.stdout.write(`Creating a history of ${YEARS} years × ${INDICATORS} indicators × 4 quarters, ${ORGANISATIONS} organisations …\n`);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "qr-bench-"));
  const database = await startEmbeddedPostgres({ dataDir, database: "bench" });
  const clusterDir = path.join(dataDir, "postgres");
  let server: ReturnType<typeof startServer> | undefined;
  try {
    await migrateAndGrant({ ownerUrl: database.ownerUrl, appUrl: database.url });
    const prisma = createPrismaClient(database.ownerUrl);
    const history = await createHistory(prisma, database.ownerUrl);
    const indicators = await prisma.indicator.findMany({ where: { priority: { yearId: history.latestYearId } }, include: { fields: true }, orderBy: { id: "asc" } });
    const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@bench.test" } });
    const firstOwner = await prisma.user.findUniqueOrThrow({ where: { email: history.owners[0]!.email } });
    const returnCount = await prisma.return.count();
    await prisma.$disconnect();

    const port = await freePort();
    // The server as `npm start` runs it, on the benchmark's database.
    // BENCH_PROFILE: the server from its sources, profiled, so that its time can be put down to its code.
    const profileDir = process.env.BENCH_PROFILE ? await mkdtemp(path.join(os.tmpdir(), "qr-bench-profile-")) : null;
    const serverCommand = profileDir
      ? [process.execPath, "--cpu-prof", `--cpu-prof-dir=${profileDir}`, "--import", "tsx", "apps/api/src/server.ts"]
      : [process.execPath, "--enable-source-maps", "apps/api/dist/server.mjs"];
    server = startServer(serverCommand, port, {
      DATABASE_URL: database.url,
      MIGRATION_DATABASE_URL: database.ownerUrl,
      JWT_SECRET: "bench-secret-that-is-at-least-32-characters",
    });
    await server.ready();
    const base = `http://127.0.0.1:${port}`;
    const owners = await Promise.all(history.owners.map(async (owner) => ({ ...owner, cookie: await signIn(port, owner.email) })));
    const manager = await signIn(port, "manager@bench.test");

    const saves = returnSaves(owners, history.openQuarterId);
    process.stdout.write(`Saving one return at a time, ${SERIAL_SAVES} times, for the CPU each save costs …\n`);
    for (let warmUp = 0; warmUp < SERIAL_SAVES / 2; warmUp++) await saves.saveOne(base);
    const serialStarted = process.hrtime.bigint();
    const serial = await cpuPerOperation(server.child.pid!, clusterDir, SERIAL_SAVES, () => saves.saveOne(base));
    const serialWindow = { from: Number(serialStarted / 1000n), to: Number(process.hrtime.bigint() / 1000n), saves: SERIAL_SAVES };
    // The page while the server is warm and otherwise quiet: the browser's conditions are what is measured.
    const owner = owners[0]!;
    process.stdout.write("Opening the data owner's return page on a slow phone connection …\n");
    const slowLoads = await loadOnSlowConnection(`${base}/returns/${history.owners[0]!.indicatorIds[0]}/${history.openQuarterId}`, owner.cookie, SLOW_LOADS);
    const slow = [...slowLoads].sort((a, b) => a.interactive - b.interactive)[Math.floor(SLOW_LOADS / 2)]!;
    process.stdout.write(`Loading the app: ${CONNECTIONS} connections, ${SECONDS} s each …\n`);
    const loadStarted = process.hrtime.bigint();
    const save = await load({ url: base, requests: [saves.request] });
    const loadWindow = { from: Number(loadStarted / 1000n), to: Number(process.hrtime.bigint() / 1000n), saves: save.requestsPerSecond * SECONDS };
    const myReturns = await load({ url: `${base}/api/returns?quarterId=${history.openQuarterId}`, headers: { cookie: owner.cookie } });
    const completeness = await load({ url: `${base}/api/quarters/${history.openQuarterId}/completeness`, headers: { cookie: manager } });
    const report = await load({ url: `${base}/api/reports/${history.latestYearId}`, headers: { cookie: manager } });
    process.stdout.write(`Importing a report of ${IMPORT_LIMITS.lines} lines into a new year, then again with every update changed …\n`);
    const importer = await signIn(port, "admin@bench.test");
    const imports = { new: await timeImport(base, importer, "2020/21", bigReport()), changed: await timeImport(base, importer, "2020/21", bigReport(1)) };
    await stop(server.child);
    server = undefined;
    if (profileDir) {
      // The main thread's profile is the largest (tsx's loader thread writes one too).
      const profiles = await Promise.all((await readdir(profileDir)).map(async (name) => ({ name, size: (await stat(path.join(profileDir, name))).size })));
      const profile = profiles.sort((a, b) => b.size - a.size)[0]!.name;
      for (const [title, window] of [["under load", loadWindow], ["one at a time", serialWindow]] as const) {
        const byCategory = [...selfTimeByCategory(path.join(profileDir, profile), window).entries()].sort((a, b) => b[1] - a[1]);
        process.stdout.write(`\nThe server's time per save ${title} (self time, ${window.saves.toFixed(0)} saves, µs ${window.from}–${window.to} of the profile's clock):\n`);
        for (const [category, ms] of byCategory) process.stdout.write(`  ${category.padEnd(40)} ${(ms / window.saves).toFixed(3)} ms\n`);
      }
      process.stdout.write(`  (profile kept in ${profileDir})\n\n`);
    }

    process.stdout.write("Measuring the ceiling: the same work straight on PostgreSQL …\n");
    const ceilingSerial = await ceilingCpuPerTransaction(database.url, clusterDir, SERIAL_SAVES, saveOnPostgres(indicators.map((indicator) => ({ id: indicator.id, fields: indicator.fields })), history.openQuarterId, admin.id));
    const ceiling = {
      save: await measure(database.url, CONNECTIONS, SECONDS, saveOnPostgres(indicators.map((indicator) => ({ id: indicator.id, fields: indicator.fields })), history.openQuarterId, admin.id)),
      myReturns: await measure(database.url, CONNECTIONS, SECONDS, myReturnsOnPostgres(firstOwner.organisationId!, history.openQuarterId)),
      completeness: await measure(database.url, CONNECTIONS, SECONDS, completenessOnPostgres(history.openQuarterId)),
      report: await measure(database.url, CONNECTIONS, SECONDS, reportOnPostgres(history.latestYearId)),
    };

    process.stdout.write("Timing npm start …\n");
    const start = await startTimes();

    const rows = [
      { name: "Save a return (PUT)", app: save, ceiling: ceiling.save, target: "≥ 0.5 × ceiling", met: save.requestsPerSecond >= 0.5 * ceiling.save.requestsPerSecond },
      { name: "My returns (GET)", app: myReturns, ceiling: ceiling.myReturns, target: "", met: true },
      { name: "Completeness (GET)", app: completeness, ceiling: ceiling.completeness, target: "p99 ≤ 50 ms", met: completeness.p99 <= 50 },
      { name: "The year's report (GET)", app: report, ceiling: ceiling.report, target: "p99 ≤ 50 ms", met: report.p99 <= 50 },
    ];
    const table = [
      "| operation | app req/s | p50 ms | p99 ms | errors | ceiling req/s | ceiling p50 | ceiling p99 | app ÷ ceiling | target | met |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
      ...rows.map(
        (row) =>
          `| ${row.name} | ${row.app.requestsPerSecond.toFixed(0)} | ${row.app.p50.toFixed(1)} | ${row.app.p99.toFixed(1)} | ${row.app.errors} | ${row.ceiling.requestsPerSecond.toFixed(0)} | ${row.ceiling.p50.toFixed(1)} | ${row.ceiling.p99.toFixed(1)} | ${(row.app.requestsPerSecond / row.ceiling.requestsPerSecond).toFixed(2)} | ${row.target} | ${row.target ? (row.met ? "yes" : "**no**") : ""} |`,
      ),
      `| Import a report of ${IMPORT_LIMITS.lines.toLocaleString("en-GB")} lines into a new year (POST) | | | | | | | | | < 10 s | ${imports.new < 10_000 ? "yes" : "**no**"} (${(imports.new / 1000).toFixed(1)} s) |`,
      `| The same again, every update changed (POST) | | | | | | | | | < 10 s | ${imports.changed < 10_000 ? "yes" : "**no**"} (${(imports.changed / 1000).toFixed(1)} s) |`,
      `| The data owner's return page on Slow 4G with the CPU slowed 4×, until its first field takes input (median of ${SLOW_LOADS}; ${(slow.transferred / 1024).toFixed(0)} KB in ${slow.requests} requests) | | | | | | | | | < 1.5 s | ${slow.interactive < 1_500 ? "yes" : "**no**"} (${(slow.interactive / 1000).toFixed(2)} s) |`,
      `| \`npm start\`, empty data folder | | | | | | | | | < 20 s | ${start.cold < 20_000 ? "yes" : "**no**"} (${(start.cold / 1000).toFixed(1)} s) |`,
      `| \`npm start\`, again | | | | | | | | | < 3 s | ${start.warm < 3_000 ? "yes" : "**no**"} (${(start.warm / 1000).toFixed(1)} s) |`,
    ].join("\n");
    const ms = (value: number) => value.toFixed(2);
    const cpuTable = [
      "| one save at a time | the app's process, ms of CPU | PostgreSQL, ms of CPU | target | met |",
      "|---|---:|---:|---|---|",
      `| Saved through the app (PUT) | ${ms(serial.process)} | ${ms(serial.database)} | app ≤ PostgreSQL | ${serial.process <= serial.database ? "yes" : "**no**"} |`,
      `| The ceiling's transaction, straight on PostgreSQL | (client) ${ms(ceilingSerial.process)} | ${ms(ceilingSerial.database)} | | |`,
    ].join("\n");
    const importedIndicators = bigReport().split("\n").filter((row) => /^\d+\.\d+\t/.test(row)).length;
    const cpus = os.cpus();
    const machine = `${cpus.length} × ${cpus[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, PostgreSQL 18 (embedded)`;
    const measured = `# Benchmarks

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine}.

The history: ${YEARS} years × ${INDICATORS} indicators × 4 quarters (${returnCount} returns with their figures), ${ORGANISATIONS}
organisations. The app runs as \`npm start\` runs it, on the same machine as the load: autocannon
with ${CONNECTIONS} connections over loopback, ${SECONDS} s per operation. Each save is a real change of a
return, with the version it was last given, that no other request is saving at that moment. The
ceiling is the same work done straight on PostgreSQL with \`pg\` and ${CONNECTIONS} connections: the save
as one transaction (the return upserted, its values replaced, an audit row), the reads as the
equivalent selects. The imports are one request each, alone, of a report at the import's line
limit (${IMPORT_LIMITS.lines.toLocaleString("en-GB")} lines: ${importedIndicators} indicators, each with four quarters' returns). The start times are \`npm start\` itself, until it answers \`/api/health\`.

${table}

CPU per save: ${SERIAL_SAVES.toLocaleString("en-GB")} saves one after another, after ${SERIAL_SAVES / 2} to warm up, with the CPU time
Linux counts for the app's process and for PostgreSQL's (its postmaster and backends).

${cpuTable}
`;
    // What was found (written by hand, below the measurements) stays as it is.
    const file = path.join(root, "BENCHMARKS.md");
    const previous = await readFile(file, "utf8").catch(() => "");
    const findings = previous.indexOf(FINDINGS_HEADING);
    await writeFile(file, findings === -1 ? measured : `${measured}\n${previous.slice(findings)}`);
    process.stdout.write(`\n${table}\n\n${cpuTable}\n\nMachine: ${machine}\nWritten to BENCHMARKS.md.\n`);
  } finally {
    if (server) await stop(server.child);
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
