/** What a hit counts: a site visit, or one view of one page. */
export type HitKind = 'visit' | 'page-view';

/** Numbers returned after a hit or a read. `pageViews` is present when a page was named. */
export interface Counts {
  visits: number;
  pageViews?: number;
}

/** One row of an export: the site's visits, or one page's views (`page` set). */
export interface CountRow {
  site: string;
  /** Page id, or `null` for the site's visit count. */
  page: string | null;
  count: number;
}

export interface StoreHealth {
  ok: boolean;
  /** Short reason when not ok. */
  error?: string;
}

/**
 * Whether the store is taking writes, for `/healthz`: a store can answer reads and pings while
 * every write fails (a full disk, Redis refusing writes after a failed save). The failure of
 * the latest write is reported for {@link WriteHealth.window} ms, or until a write succeeds;
 * after that the store is called healthy again, so that an instance a load balancer took out
 * gets traffic again and is re-tested by real writes.
 */
export class WriteHealth {
  #failure: { message: string; at: number } | undefined;

  /** `now` is a monotonic clock, so that a wall clock stepped back (NTP) cannot stretch the window. */
  constructor(readonly window = 60_000, private readonly now: () => number = () => performance.now()) {}

  failed(error: unknown): void {
    this.#failure = { message: error instanceof Error ? error.message : String(error), at: this.now() };
  }

  succeeded(): void {
    this.#failure = undefined;
  }

  /** The failure to report, if the latest write failed within the window. */
  get failure(): string | undefined {
    if (!this.#failure) return undefined;
    if (this.now() - this.#failure.at > this.window) {
      this.#failure = undefined;
      return undefined;
    }
    return `writes are failing: ${this.#failure.message}`;
  }
}

/** Raised by {@link CounterStore.hit} when a site already keeps its allowed number of pages. */
export class PageLimitError extends Error {
  override name = 'PageLimitError';
  constructor(readonly site: string, readonly limit: number) {
    super(`site ${site} already counts ${limit} pages`);
  }
}

/**
 * Where counts live. Every method resolves only once the change is durable in the
 * store (committed in SQLite, acknowledged by Redis), so a reply built from it is true.
 */
export interface CounterStore {
  readonly kind: 'sqlite' | 'redis';
  /**
   * Adds one visit (kind `visit`) or one view of `page` (kind `page-view`) and returns
   * the numbers after the increment. For a `visit` with a page, the page's views are read too.
   * `maxPages` bounds how many distinct pages a site may have; a new page beyond it rejects
   * with {@link PageLimitError}.
   */
  hit(site: string, kind: HitKind, page?: string, maxPages?: number): Promise<Counts>;
  /** Reads the numbers without changing them (zero for what was never counted). */
  counts(site: string, page?: string): Promise<Counts>;
  /**
   * Sets a starting number, e.g. carried over from an older counter. A new page beyond
   * `maxPages` pages of the site rejects with {@link PageLimitError}, so the limit holds.
   */
  set(site: string, count: number, page?: string, maxPages?: number): Promise<void>;
  /** Every stored number, sites first then their pages, sorted. */
  exportRows(): Promise<CountRow[]>;
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}
