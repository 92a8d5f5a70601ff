// What many people read over and over (the year's report, a quarter's completeness, the user
// behind each session, an indicator's definition) is kept in memory until a table it was read
// from changes. PostgreSQL says when: a trigger on every table the app reads sends a NOTIFY
// naming the table as the changing transaction commits, whichever replica or command-line tool
// made the change (see the migration change_notifications). Before answering from memory, the
// cache asks the database for everything committed until now, so a kept read is never older than
// one made from the database at the same moment. While this replica is not listening (starting,
// or the database is away), nothing is kept: every read goes to the database.
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import pg from "pg";
import { audienceOf } from "../core/access.ts";
import { ReadCache, type Slot, type WatchedTable } from "../core/read-cache.ts";

const CHANNEL = "qr_data_changed";
const RECONNECT_MS = 1_000;
const CAUGHT_UP_WITHIN_MS = 2_000;

declare module "fastify" {
  interface FastifyInstance {
    readCache: ReadCache;
  }
  interface FastifyRequest {
    readCacheSlot: Slot | null;
  }
  interface FastifyContextConfig {
    /**
     * The route's answer is kept (per audience: see core/access.ts) until one of these tables
     * changes. `vary` names what else it depends on, or null for an answer not to keep.
     */
    readCache?: { tables: readonly WatchedTable[]; vary?: (request: FastifyRequest) => string | null };
  }
}

const JSON_TYPE = "application/json; charset=utf-8";

export const readCachePlugin = fp<{ databaseUrl: string }>(async (app, { databaseUrl }) => {
  const cache = new ReadCache();
  app.decorate("readCache", cache);
  app.decorateRequest("readCacheSlot", null);
  const feed = listenForChanges(app, databaseUrl, cache);
  app.addHook("onClose", () => feed.stop());

  // Routes that declare `readCache` answer from memory when they can, and keep what they answer.
  app.addHook("preHandler", async (request, reply) => {
    const declared = request.routeOptions.config?.readCache;
    if (!declared || request.method !== "GET") return;
    const vary = declared.vary ? declared.vary(request) : "";
    if (vary === null) return;
    const key = `${request.routeOptions.url} ${JSON.stringify(request.params)} ${JSON.stringify(request.query)} ${vary} for ${audienceOf(request.context.actor)}`;
    const found = await cache.reserve(key, declared.tables);
    if (found && "kept" in found) return reply.type(JSON_TYPE).send(found.kept);
    request.readCacheSlot = found;
  });
  app.addHook("onSend", async (request, reply, payload) => {
    const slot = request.readCacheSlot;
    if (!slot) return payload;
    request.readCacheSlot = null;
    if (reply.statusCode === 200 && typeof payload === "string") slot.keep(payload);
    else slot.drop();
    return payload;
  });
  // An answer never sent (the client went away) is not kept either.
  app.addHook("onResponse", async (request) => request.readCacheSlot?.drop());
});

function listenForChanges(app: FastifyInstance, databaseUrl: string, cache: ReadCache) {
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;

  const close = (closing: pg.Client) => {
    closing.removeAllListeners();
    closing.on("error", () => {});
    return closing.end().catch(() => {});
  };

  const lost = (error: Error) => {
    if (client === null) return;
    cache.listenTo(null);
    void close(client);
    client = null;
    if (stopped) return;
    app.log.warn({ err: error }, "not hearing about database changes: reads are not kept until it is back");
    retry = setTimeout(connect, RECONNECT_MS);
  };

  const connect = async () => {
    const candidate = new pg.Client({ connectionString: databaseUrl, keepAlive: true, application_name: "quarterly-returns change listener" });
    client = candidate;
    candidate.on("error", lost);
    candidate.on("end", () => lost(new Error("the connection ended")));
    candidate.on("notification", (notice) => cache.changed(notice.payload ?? ""));
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${CHANNEL}`);
      if (client === candidate && !stopped) cache.listenTo({ caughtUp: batchedCaughtUp(candidate, (error) => client === candidate && lost(error)) });
    } catch (error) {
      if (client === candidate) lost(error as Error);
    }
  };

  void connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      cache.listenTo(null);
      const open = client;
      client = null;
      if (open) await close(open);
    },
  };
}

/**
 * PostgreSQL signals a listener as a transaction commits, and sends the notice before it answers
 * the listener's next query. So one query answered means every change committed before it was
 * sent has been heard; everyone who asked before it was sent shares it.
 */
function batchedCaughtUp(client: pg.Client, lost: (error: Error) => void) {
  let waiting: { resolve: () => void }[] = [];
  let asking = false;

  const ask = async () => {
    asking = true;
    while (waiting.length) {
      const batch = waiting;
      waiting = [];
      let timer: NodeJS.Timeout | undefined;
      const silence = new Promise<false>((resolve) => (timer = setTimeout(resolve, CAUGHT_UP_WITHIN_MS, false)));
      const answered = await Promise.race([client.query("SELECT 1").then(() => true, () => false), silence]);
      clearTimeout(timer);
      // Unsure what was missed: keep nothing until listening again (lost() forgets it all).
      if (!answered) lost(new Error("the database did not answer the listener"));
      for (const waiter of batch) waiter.resolve();
    }
    asking = false;
  };

  return () =>
    new Promise<void>((resolve) => {
      waiting.push({ resolve });
      if (!asking) void ask();
    });
}
