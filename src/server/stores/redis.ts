import { createHash } from 'node:crypto';
import { createClient } from 'redis';
import { redactUrl, redisUrlProblem } from '../config.js';
import { sortRows } from './sqlite.js';
import { PageLimitError, WriteHealth, type CountRow, type CounterStore, type Counts, type HitKind, type StoreHealth } from './store.js';

export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]`. */
  url: string;
  /** Prefix of every key (default `court-counter:`). */
  prefix?: string;
  /** Called with connection errors after start-up (the client reconnects by itself). */
  onError?: (error: Error) => void;
  /** Milliseconds to wait for the first connection (default 5000). */
  connectTimeout?: number;
  /** Reading only (`export`, `sites`): the data marker is not written, so a read cannot hide lost data. */
  readOnly?: boolean;
}

// KEYS[1] = hash site -> visits, KEYS[2] = hash page -> views of this site, KEYS[3] = the data marker.
// ARGV[1] = site, ARGV[2] = kind, ARGV[3] = page ('' for none), ARGV[4] = max pages (-1: no limit).
// Runs atomically in Redis, so the page limit check and the increment cannot race; without the
// marker (Redis lost its data) nothing is counted: {-2}.
const HIT_SCRIPT = `
if redis.call('EXISTS', KEYS[3]) == 0 then return {-2} end
if ARGV[2] == 'visit' then
  local v = redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
  if ARGV[3] ~= '' then
    return {v, tonumber(redis.call('HGET', KEYS[2], ARGV[3]) or '0')}
  end
  return {v}
end
if redis.call('HEXISTS', KEYS[2], ARGV[3]) == 0 then
  local max = tonumber(ARGV[4])
  if max >= 0 and redis.call('HLEN', KEYS[2]) >= max then return {-1} end
end
local p = redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
return {tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0'), p}
`;
const HIT_SHA = createHash('sha1').update(HIT_SCRIPT).digest('hex');

// KEYS[1] = hash page -> views of this site, KEYS[2] = the data marker.
// ARGV[1] = page, ARGV[2] = count, ARGV[3] = max pages (-1: no limit), ARGV[4] = marker value.
// A new page beyond the limit is refused ({-1}), atomically, as a hit would be.
const SET_PAGE_SCRIPT = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
  local max = tonumber(ARGV[3])
  if max >= 0 and redis.call('HLEN', KEYS[1]) >= max then return {-1} end
end
redis.call('SET', KEYS[2], ARGV[4], 'NX')
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return {1}
`;

type Client = ReturnType<typeof createClient>;

/**
 * Raised when Redis no longer holds the counter's data marker: it was restarted without its
 * data (no append-only file, another `dir`), flushed or evicted. Counting on would start every
 * site again from 1, so hits and reads fail until the data is restored (`court-counter set`
 * writes the marker again) or the service is restarted on purpose.
 */
export class DataLostError extends Error {
  override name = 'DataLostError';
  constructor(marker: string) {
    super(`the counter data is gone: Redis has no ${marker} key (restarted without its data, flushed or evicted); restore the counts, or restart the service to count from what Redis holds`);
  }
}

/**
 * Counts in Redis: one hash of site visits and one hash of page views per site, changed by
 * one Lua script per hit. A reply is built only from Redis's answer, which (with
 * `appendonly yes` and `appendfsync always`) comes after the change is in the fsynced AOF.
 * The offline queue is off: while Redis is unreachable, calls fail at once instead of piling up.
 */
export class RedisStore implements CounterStore {
  readonly kind = 'redis' as const;
  readonly prefix: string;
  #client: Client;
  #closed = false;
  #writes = new WriteHealth();
  /** Whether opening the store wrote the data marker: Redis held no counter data before (a new store, or lost data). */
  readonly markerCreated: boolean;

  private constructor(client: Client, prefix: string, markerCreated: boolean) {
    this.#client = client;
    this.prefix = prefix;
    this.markerCreated = markerCreated;
  }

  /** Connects and checks the server answers; rejects with a message naming the URL otherwise. */
  static async open(options: RedisStoreOptions): Promise<RedisStore> {
    const where = redactUrl(options.url);
    const problem = redisUrlProblem(options.url);
    if (problem) throw new Error(`${JSON.stringify(where)} is not a Redis URL: ${problem}`);
    const timeout = options.connectTimeout ?? 5000;
    let started = false;
    const client: Client = createClient({
      url: options.url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: timeout,
        // Before the first connection: give up at once; afterwards keep retrying, at most every 2 s.
        reconnectStrategy: (retries: number) => (started ? Math.min(100 * 2 ** retries, 2000) : false),
      },
    });
    client.on('error', (error: Error) => {
      if (started) options.onError?.(error);
    });
    try {
      await client.connect();
      await client.ping();
    } catch (error) {
      try {
        client.destroy();
      } catch {
        // already closed by the failed connection attempt
      }
      throw new Error(`cannot connect to Redis at ${where}: ${(error as Error).message}`);
    }
    started = true;
    const prefix = options.prefix ?? 'court-counter:';
    let created = false;
    try {
      if (!options.readOnly) created = (await client.set(`${prefix}created`, new Date().toISOString(), { condition: 'NX' })) === 'OK';
    } catch (error) {
      client.destroy();
      throw new Error(`cannot write to Redis at ${where}: ${(error as Error).message}`);
    }
    return new RedisStore(client, prefix, created);
  }

  /** The key that exists as long as Redis holds the counter's data. */
  get marker(): string {
    return `${this.prefix}created`;
  }

  async #markMissing(): Promise<boolean> {
    return (await this.#client.exists(this.marker)) === 0;
  }

  #visitsKey(): string {
    return `${this.prefix}visits`;
  }

  #pagesKey(site: string): string {
    return `${this.prefix}pages:${site}`;
  }

  async #run(keys: string[], args: string[]): Promise<number[]> {
    try {
      return (await this.#client.evalSha(HIT_SHA, { keys, arguments: args })) as number[];
    } catch (error) {
      if (!String((error as Error).message).includes('NOSCRIPT')) throw error;
      return (await this.#client.eval(HIT_SCRIPT, { keys, arguments: args })) as number[];
    }
  }

  #limit(maxPages: number): string {
    return Number.isFinite(maxPages) ? String(maxPages) : '-1';
  }

  async hit(site: string, kind: HitKind, page?: string, maxPages = Number.POSITIVE_INFINITY): Promise<Counts> {
    if (kind === 'page-view' && page === undefined) throw new TypeError('a page-view needs a page');
    const max = this.#limit(maxPages);
    let reply: number[];
    try {
      reply = await this.#run([this.#visitsKey(), this.#pagesKey(site), this.marker], [site, kind, page ?? '', max]);
      if (reply[0] === -2) throw new DataLostError(this.marker);
    } catch (error) {
      this.#writes.failed(error);
      throw error;
    }
    this.#writes.succeeded();
    if (reply[0] === -1) throw new PageLimitError(site, maxPages);
    const counts: Counts = { visits: Number(reply[0]) };
    if (page !== undefined) counts.pageViews = Number(reply[1]);
    return counts;
  }

  async counts(site: string, page?: string): Promise<Counts> {
    const [marked, visits, views] = await this.#client
      .multi()
      .exists(this.marker)
      .hGet(this.#visitsKey(), site)
      .hGet(this.#pagesKey(site), page ?? '')
      .exec();
    // Lost data reads as 0: refused like a hit, so that no page shows a number from scratch.
    if (Number(marked) === 0) throw new DataLostError(this.marker);
    if (page === undefined) return { visits: Number(visits ?? 0) };
    return { visits: Number(visits ?? 0), pageViews: Number(views ?? 0) };
  }

  /** Sets a number; it also marks the data as present again (restored after a loss). */
  async set(site: string, count: number, page?: string, maxPages = Number.POSITIVE_INFINITY): Promise<void> {
    const created = new Date().toISOString();
    if (page === undefined) {
      await this.#client.multi().set(this.marker, created, { condition: 'NX' }).hSet(this.#visitsKey(), site, String(count)).exec();
      return;
    }
    const keys = [this.#pagesKey(site), this.marker];
    const reply = (await this.#client.eval(SET_PAGE_SCRIPT, { keys, arguments: [page, String(count), this.#limit(maxPages), created] })) as number[];
    if (reply[0] === -1) throw new PageLimitError(site, maxPages);
  }

  async exportRows(): Promise<CountRow[]> {
    const rows: CountRow[] = [];
    const visits = await this.#client.hGetAll(this.#visitsKey());
    for (const [site, count] of Object.entries(visits)) rows.push({ site, page: null, count: Number(count) });
    const pagePrefix = `${this.prefix}pages:`;
    const keys = new Set<string>();
    for await (const batch of this.#client.scanIterator({ MATCH: `${escapeGlob(pagePrefix)}*`, COUNT: 500 })) {
      for (const key of batch) keys.add(String(key));
    }
    for (const key of keys) {
      const site = key.slice(pagePrefix.length);
      const pages = await this.#client.hGetAll(key);
      for (const [page, count] of Object.entries(pages)) rows.push({ site, page, count: Number(count) });
    }
    return sortRows(rows);
  }

  async health(): Promise<StoreHealth> {
    if (this.#closed) return { ok: false, error: 'closed' };
    if (!this.#client.isReady) return { ok: false, error: 'not connected' };
    try {
      if (await this.#markMissing()) return { ok: false, error: new DataLostError(this.marker).message };
      const failure = this.#writes.failure;
      if (failure) return { ok: false, error: failure };
      return { ok: true };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.#client.close();
    } catch {
      try {
        this.#client.destroy();
      } catch {
        // already closed
      }
    }
  }
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
