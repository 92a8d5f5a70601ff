// What many people read over and over (the year's report, a quarter's completeness, the user
// behind each session, an indicator's definition) is kept in memory until a table it was read
// from changes. PostgreSQL says when: a trigger on every table the app reads sends a NOTIFY
// naming the table as the changing transaction commits, whichever replica or command-line tool
// made the change (see the migration change_notifications). Before answering from memory, the
// cache asks the database for everything committed until now, so a kept read is never older than
// one made from the database at the same moment. While this replica is not listening (starting,
// or the database is away), nothing is kept: every read goes to the database.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import pg from "pg";

const CHANNEL = "qr_data_changed";
const RECONNECT_MS = 1_000;
const CAUGHT_UP_WITHIN_MS = 2_000;
/** Enough for every year's report, quarter and user of a partnership; the oldest go first. */
const MAX_ENTRIES = 2_000;

/** The tables whose changes are announced. */
export type WatchedTable =
  | "organisations"
  | "users"
  | "reporting_years"
  | "quarters"
  | "priorities"
  | "indicators"
  | "indicator_fields"
  | "returns"
  | "return_values"
  | "return_queries"
  | "chases";

declare module "fastify" {
  interface FastifyInstance {
    readCache: ReadCache;
  }
}

interface Entry {
  value: Promise<unknown>;
  readFrom: readonly WatchedTable[];
}

/** The connection the notices arrive on. */
export interface ChangeFeed {
  /** Resolves once every notice of a change committed before the call has been handled. */
  caughtUp(): Promise<void>;
}

export class ReadCache {
  #entries = new Map<string, Entry>();
  #feed: ChangeFeed | null = null;

  /** Whether reads are being kept: only while a change feed is heard. */
  get listening(): boolean {
    return this.#feed !== null;
  }

  /** Starts keeping reads, or (with null) stops and forgets them. */
  listenTo(feed: ChangeFeed | null): void {
    this.#feed = feed;
    this.#entries.clear();
  }

  /** Forgets everything read from `table`. */
  changed(table: string): void {
    for (const [key, entry] of this.#entries) {
      if ((entry.readFrom as readonly string[]).includes(table)) this.#entries.delete(key);
    }
  }

  /**
   * The value kept under `key`, or `read()`'s, which reads only the tables `readFrom`. Callers
   * asking while it is being read share that read. The entry exists from the moment the read
   * begins, so a change committed during the read removes it too.
   */
  async get<T>(key: string, readFrom: readonly WatchedTable[], read: () => Promise<T>): Promise<T> {
    await this.#feed?.caughtUp();
    if (!this.#feed) return read();
    const kept = this.#entries.get(key);
    if (kept) return kept.value as Promise<T>;
    const value = read();
    const entry = { value, readFrom };
    this.#entries.set(key, entry);
    if (this.#entries.size > MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    value.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    return value;
  }
}

export const readCachePlugin = fp<{ databaseUrl: string }>(async (app, { databaseUrl }) => {
  const cache = new ReadCache();
  app.decorate("readCache", cache);
  const feed = listenForChanges(app, databaseUrl, cache);
  app.addHook("onClose", () => feed.stop());
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
