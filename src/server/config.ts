import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** One website whose visits are counted. */
export interface SiteConfig {
  /** Short id used by `<visitor-counter site="…">`: letters, digits, `.`, `_`, `-`. */
  id: string;
  /** Human name, shown by `court-counter sites`. */
  name?: string;
  /** Origins (scheme://host[:port]) whose pages may count and read this site's numbers. */
  origins: string[];
  /** Most distinct page ids kept for this site; new pages beyond it are refused. */
  maxPages: number;
}

/** Per-IP token bucket: `burst` requests at once, refilled at `perSecond`. */
export interface RateLimitConfig {
  burst: number;
  perSecond: number;
  /** Most client addresses remembered at once (memory bound). */
  maxClients: number;
}

export type StoreKind = 'sqlite' | 'redis';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The whole, validated configuration of the counter service. */
export interface CounterConfig {
  host: string;
  port: number;
  store: StoreKind;
  /** SQLite file (relative paths resolve against the working directory). */
  db: string;
  /** `full` (default): a commit is on disk before the reply; `normal`: survives a process crash only. */
  sqliteSynchronous: 'full' | 'normal';
  redisUrl: string;
  /** Prefix of every Redis key. */
  redisPrefix: string;
  /** Number of reverse proxies in front of the service whose X-Forwarded-For is trusted (0 = none). */
  trustProxy: number;
  sites: SiteConfig[];
  rateLimit: RateLimitConfig;
  /** Largest accepted request body in bytes. */
  maxBodyBytes: number;
  /** Longest accepted page id, in characters, after normalization. */
  maxPageLength: number;
  /** Seconds a graceful shutdown waits for requests in flight. */
  shutdownTimeout: number;
  logLevel: LogLevel;
}

export const defaults: Omit<CounterConfig, 'sites'> = {
  host: '127.0.0.1',
  port: 8787,
  store: 'sqlite',
  db: '.counter-data/counter.sqlite',
  sqliteSynchronous: 'full',
  redisUrl: 'redis://127.0.0.1:6379',
  redisPrefix: 'court-counter:',
  trustProxy: 0,
  rateLimit: { burst: 120, perSecond: 2, maxClients: 100_000 },
  maxBodyBytes: 4096,
  maxPageLength: 512,
  shutdownTimeout: 10,
  logLevel: 'info',
};

/** Thrown for a configuration that cannot be used; the message names the setting at fault. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const SITE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Environment variables read by {@link loadConfig}. */
export const ENV = {
  config: 'COURT_COUNTER_CONFIG',
  port: 'COURT_COUNTER_PORT',
  host: 'COURT_COUNTER_HOST',
  store: 'COURT_COUNTER_STORE',
  db: 'COURT_COUNTER_DB',
  redisUrl: 'COURT_COUNTER_REDIS_URL',
  logLevel: 'COURT_COUNTER_LOG_LEVEL',
} as const;

type Loose = Record<string, unknown>;

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function int(value: unknown, name: string, min: number, max: number): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name}: expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}

function num(value: unknown, name: string, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new ConfigError(`${name}: expected a number of at least ${min}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ConfigError(`${name}: expected a non-empty string, got ${JSON.stringify(value)}`);
  }
  return value.trim();
}

function oneOf<T extends string>(value: unknown, name: string, choices: readonly T[]): T {
  if (typeof value !== 'string' || !choices.includes(value as T)) {
    throw new ConfigError(`${name}: expected one of ${choices.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

/** Validates an origin and returns it in the form browsers send (`scheme://host[:port]`). */
export function normalizeOrigin(value: unknown, name: string): string {
  const raw = text(value, name);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name}: ${JSON.stringify(raw)} is not an origin such as https://www.example.gov.cn`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin === 'null') {
    throw new ConfigError(`${name}: ${JSON.stringify(raw)} must be an http or https origin`);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) {
    throw new ConfigError(`${name}: ${JSON.stringify(raw)} must be an origin only, without path, query or user`);
  }
  return url.origin;
}

function parseSites(value: unknown): SiteConfig[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ConfigError('sites: expected an array of { id, origins }');
  const seen = new Set<string>();
  return value.map((entry, i) => {
    if (!isObject(entry)) throw new ConfigError(`sites[${i}]: expected an object with id and origins`);
    const id = text(entry.id, `sites[${i}].id`);
    if (!SITE_ID.test(id)) {
      throw new ConfigError(`sites[${i}].id: ${JSON.stringify(id)} may use only letters, digits, ".", "_" and "-" (at most 64)`);
    }
    if (seen.has(id)) throw new ConfigError(`sites[${i}].id: ${JSON.stringify(id)} is listed twice`);
    seen.add(id);
    if (!Array.isArray(entry.origins)) {
      throw new ConfigError(`sites[${i}].origins: expected an array of origins such as ["https://www.example.gov.cn"]`);
    }
    const origins = entry.origins.map((o, j) => {
      if (o === '*') throw new ConfigError(`sites[${i}].origins[${j}]: "*" is not allowed; list each origin`);
      return normalizeOrigin(o, `sites[${i}].origins[${j}]`);
    });
    const site: SiteConfig = {
      id,
      origins: [...new Set(origins)],
      maxPages: entry.maxPages === undefined ? 100_000 : int(entry.maxPages, `sites[${i}].maxPages`, 0, 100_000_000),
    };
    if (entry.name !== undefined) site.name = text(entry.name, `sites[${i}].name`);
    return site;
  });
}

/**
 * Turns a loose object (a parsed config file merged with overrides) into a checked
 * {@link CounterConfig}. Throws {@link ConfigError} naming the first setting at fault.
 */
export function validateConfig(input: Loose): CounterConfig {
  const known = new Set([...Object.keys(defaults), 'sites', '$schema', 'comment']);
  for (const key of Object.keys(input)) {
    if (!known.has(key)) throw new ConfigError(`${key}: unknown setting (known: ${[...known].filter((k) => !k.startsWith('$') && k !== 'comment').join(', ')})`);
  }
  const v = { ...defaults, ...input } as Loose;
  const rl = isObject(v.rateLimit) ? { ...defaults.rateLimit, ...v.rateLimit } : v.rateLimit;
  if (!isObject(rl)) throw new ConfigError('rateLimit: expected an object { burst, perSecond }');
  const trust = v.trustProxy === true ? 1 : v.trustProxy === false ? 0 : v.trustProxy;
  return {
    host: text(v.host, 'host'),
    port: int(v.port, 'port', 0, 65535),
    store: oneOf(v.store, 'store', ['sqlite', 'redis'] as const),
    db: text(v.db, 'db'),
    sqliteSynchronous: oneOf(v.sqliteSynchronous, 'sqliteSynchronous', ['full', 'normal'] as const),
    redisUrl: text(v.redisUrl, 'redisUrl'),
    redisPrefix: typeof v.redisPrefix === 'string' ? v.redisPrefix : text(v.redisPrefix, 'redisPrefix'),
    trustProxy: int(trust, 'trustProxy', 0, 10),
    sites: parseSites(v.sites),
    rateLimit: {
      burst: num(rl.burst, 'rateLimit.burst', 1),
      perSecond: num(rl.perSecond, 'rateLimit.perSecond', 0),
      maxClients: int(rl.maxClients, 'rateLimit.maxClients', 1, 10_000_000),
    },
    maxBodyBytes: int(v.maxBodyBytes, 'maxBodyBytes', 64, 1_048_576),
    maxPageLength: int(v.maxPageLength, 'maxPageLength', 1, 4096),
    shutdownTimeout: num(v.shutdownTimeout, 'shutdownTimeout', 0),
    logLevel: oneOf(v.logLevel, 'logLevel', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
  };
}

/** Reads and parses a JSON config file; the error names the file and what is wrong. */
export function readConfigFile(file: string): Loose {
  let source: string;
  try {
    source = readFileSync(resolve(file), 'utf8');
  } catch (error) {
    throw new ConfigError(`config file ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    throw new ConfigError(`config file ${file}: not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(parsed)) throw new ConfigError(`config file ${file}: expected a JSON object`);
  return parsed;
}

export interface LoadConfigOptions {
  /** Config file; falls back to COURT_COUNTER_CONFIG. */
  file?: string | undefined;
  /** Environment to read (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Highest precedence, e.g. command-line flags. Undefined values are ignored. */
  overrides?: Partial<Record<keyof CounterConfig, unknown>>;
}

/**
 * Builds the configuration from, lowest precedence first: defaults, the JSON file,
 * environment variables, then `overrides`.
 */
export function loadConfig(options: LoadConfigOptions = {}): CounterConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? (env[ENV.config] || undefined);
  const merged: Loose = file ? readConfigFile(file) : {};
  const fromEnv: Array<[keyof typeof ENV, string | undefined]> = [
    ['port', env[ENV.port]],
    ['host', env[ENV.host]],
    ['store', env[ENV.store]],
    ['db', env[ENV.db]],
    ['redisUrl', env[ENV.redisUrl]],
    ['logLevel', env[ENV.logLevel]],
  ];
  for (const [key, value] of fromEnv) {
    if (value !== undefined && value !== '') merged[key] = value;
  }
  for (const [key, value] of Object.entries(options.overrides ?? {})) {
    if (value !== undefined) merged[key] = value;
  }
  try {
    return validateConfig(merged);
  } catch (error) {
    if (error instanceof ConfigError && file) error.message = `${file}: ${error.message}`;
    throw error;
  }
}
