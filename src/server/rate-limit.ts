import type { RateLimitConfig } from './config.js';

interface Bucket {
  tokens: number;
  at: number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Per-client token bucket kept in memory only: each client may make `burst` requests at
 * once and gains `perSecond` more every second. Keys (client addresses) are never written
 * anywhere; at most `maxClients` are remembered, the oldest forgotten first, and full
 * buckets are swept every minute.
 */
export class RateLimiter {
  #buckets = new Map<string, Bucket>();
  #config: RateLimitConfig;
  #now: () => number;
  #sweeper: NodeJS.Timeout | undefined;

  constructor(config: RateLimitConfig, now: () => number = () => performance.now()) {
    this.#config = config;
    this.#now = now;
    this.#sweeper = setInterval(() => this.sweep(), 60_000);
    this.#sweeper.unref();
  }

  /** Number of clients currently remembered. */
  get size(): number {
    return this.#buckets.size;
  }

  take(key: string): TakeResult {
    const { burst, perSecond, maxClients } = this.#config;
    const now = this.#now();
    let bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      if (this.#buckets.size >= maxClients) {
        const oldest = this.#buckets.keys().next().value;
        if (oldest !== undefined) this.#buckets.delete(oldest);
      }
      bucket = { tokens: burst, at: now };
      this.#buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
      bucket.at = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    const wait = perSecond > 0 ? (1 - bucket.tokens) / perSecond : 3600;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
  }

  /** Forgets clients whose bucket has refilled completely. */
  sweep(): void {
    const { burst, perSecond } = this.#config;
    const now = this.#now();
    for (const [key, bucket] of this.#buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * perSecond >= burst) this.#buckets.delete(key);
    }
  }

  stop(): void {
    clearInterval(this.#sweeper);
    this.#buckets.clear();
  }
}
