// What many people read over and over is kept in memory until a table it was read from changes
// (see plugins/read-cache.ts for how this replica hears of changes). Without a change feed (the
// command line, the seed, a replica that lost its listening connection) nothing is kept.

/** Enough for every year's report, quarter and user of a partnership; the oldest go first. */
const MAX_ENTRIES = 2_000;

/** The tables whose changes are announced. */
export type WatchedTable =
  | "organisations"
  | "users"
  | "reporting_years"
  | "quarters"
  | "quarter_reopenings"
  | "priorities"
  | "indicators"
  | "indicator_fields"
  | "returns"
  | "return_values"
  | "return_queries"
  | "chases";

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
    this.#keep(key, entry);
    value.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    return value;
  }

  /**
   * For a value made elsewhere (a route's answer, made by its handler): the one kept under `key`,
   * or a slot in which to keep the one about to be made. Callers asking meanwhile wait for it; if
   * the slot is dropped (the answer was an error), they make their own. Null while nothing is kept.
   */
  async reserve(key: string, readFrom: readonly WatchedTable[]): Promise<{ kept: unknown } | Slot | null> {
    await this.#feed?.caughtUp();
    if (!this.#feed) return null;
    const kept = this.#entries.get(key);
    if (kept) {
      const value = await kept.value.catch(() => DROPPED);
      return value === DROPPED ? null : { kept: value };
    }
    let settle!: (value: unknown) => void;
    const entry = { value: new Promise<unknown>((resolve) => (settle = resolve)), readFrom };
    this.#keep(key, entry);
    return {
      keep: (value) => settle(value),
      drop: () => {
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
        settle(DROPPED);
      },
    };
  }

  #keep(key: string, entry: Entry): void {
    this.#entries.set(key, entry);
    if (this.#entries.size > MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
  }
}

/** Where to keep a value being made, or say it will not be. */
export interface Slot {
  keep(value: unknown): void;
  drop(): void;
}

const DROPPED = Symbol("dropped");
