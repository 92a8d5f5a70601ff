// Where a server's CPU went during a window of a `node --cpu-prof` profile: self time by what the
// code belongs to (the app, the shared contract, Prisma, pg, Fastify, zod, Node itself, garbage
// collection), per request.
import { readFileSync } from "node:fs";

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** What a function belongs to, from its source address. */
export function categoryOf(url: string, functionName: string): string {
  if (functionName === "(garbage collector)") return "garbage collection";
  if (functionName === "(idle)") return "idle";
  if (functionName === "(program)") return "V8 and Node (native)";
  if (!url) return "V8 and Node (native)";
  if (url.startsWith("node:")) return "Node (http, streams, crypto)";
  const installed = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (installed) {
    const name = installed[1]!;
    if (name.startsWith("@prisma/") || name === "prisma") return "Prisma client";
    if (name.startsWith("pg") || name === "postgres-array" || name === "postgres-date" || name === "postgres-interval" || name === "postgres-bytea") return "pg (driver)";
    if (name === "fastify" || name.startsWith("@fastify/") || name === "find-my-way" || name === "avvio" || name === "light-my-request" || name.startsWith("fast-") || name === "secure-json-parse" || name === "fastify-plugin" || name === "fastify-type-provider-zod") return "Fastify and plugins";
    if (name === "pino" || name.startsWith("pino-") || name === "sonic-boom" || name === "thread-stream") return "logging";
    if (name === "zod") return "zod (validation)";
    if (name === "fast-jwt" || name === "jose") return "session token";
    return `other: ${name}`;
  }
  if (url.includes("/prisma/src/generated/")) return "Prisma client";
  if (url.includes("/packages/shared/")) return "shared contract (validation, mapping)";
  if (url.includes("/apps/api/src/")) return "the app's own code";
  if (url.includes("/prisma/src/")) return "database setup";
  return "other";
}

/** Self time per category, in ms, of the samples taken between `from` and `to` (microseconds, the monotonic clock). */
export function selfTimeByCategory(file: string, window?: { from: number; to: number }): Map<string, number> {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const categories = new Map(profile.nodes.map((node) => [node.id, categoryOf(node.callFrame.url, node.callFrame.functionName)]));
  const totals = new Map<string, number>();
  let at = profile.startTime;
  for (const [index, sample] of profile.samples.entries()) {
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    if (window && (at < window.from || at > window.to)) continue;
    const category = categories.get(sample) ?? "other";
    totals.set(category, (totals.get(category) ?? 0) + delta / 1000);
  }
  return totals;
}
