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
}

// KEYS[1] = hash site -> visits, KEYS[2] = hash page -> views of this site.
// ARGV[1] = site, ARGV[2] = kind, ARGV[3] = page ('' for none), ARGV[4] = max pages (-1: no limit).
// Runs atomically in Redis, so the page limit check and the increment cannot race.
const HIT_SCRIPT = `
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

type Client = ReturnType<typeof createClient>;

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

  private constructor(client: Client, prefix: string) {
    this.#client = client;
    this.prefix = prefix;
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
    return new RedisStore(client, options.prefix ?? 'court-counter:');
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

  async hit(site: string, kind: HitKind, page?: string, maxPages = Number.POSITIVE_INFINITY): Promise<Counts> {
    if (kind === 'page-view' && page === undefined) throw new TypeError('a page-view needs a page');
    const max = Number.isFinite(maxPages) ? String(maxPages) : '-1';
    let reply: number[];
    try {
      reply = await this.#run([this.#visitsKey(), this.#pagesKey(site)], [site, kind, page ?? '', max]);
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
    const visits = Number((await this.#client.hGet(this.#visitsKey(), site)) ?? 0);
    if (page === undefined) return { visits };
    return { visits, pageViews: Number((await this.#client.hGet(this.#pagesKey(site), page)) ?? 0) };
  }

  async set(site: string, count: number, page?: string): Promise<void> {
    if (page === undefined) await this.#client.hSet(this.#visitsKey(), site, String(count));
    else await this.#client.hSet(this.#pagesKey(site), page, String(count));
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
    const failure = this.#writes.failure;
    if (failure) return { ok: false, error: failure };
    try {
      await this.#client.ping();
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
