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

/** Where a setting's value came from. */
export type SettingSource = 'default' | 'file' | 'env' | 'flag';

/**
 * Thrown for a configuration that cannot be used. The message starts with where the value at
 * fault came from: `--port: …`, `COURT_COUNTER_PORT: …`, `counter.json: rateLimit.burst: …`.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  /** Where the value came from, once known (see {@link attributeSetting}). */
  source: SettingSource | undefined;

  constructor(
    message: string,
    /** The setting at fault (`port`, `sites[0].origins[1]`), when there is one. */
    readonly setting?: string,
  ) {
    super(message);
  }
}

/**
 * A failure caused by the value of one setting that validation cannot see (a database that is
 * missing, a host that cannot be resolved, a port in use). The message starts with the setting.
 */
export class SettingError extends Error {
  override name = 'SettingError';
  constructor(
    /** The setting to change: `db`, `redisUrl`, `host`, `port`. */
    readonly setting: string,
    reason: string,
  ) {
    super(`${setting}: ${reason}`);
  }
}

/** Where each top-level setting of a loaded configuration came from, and its name there. */
export type SettingSources = Partial<Record<string, { source: SettingSource; name: string }>>;

/**
 * Rewrites the message of an error about one setting (a {@link ConfigError} or a
 * {@link SettingError}) to name where its value came from: the flag, the environment
 * variable, or the config file and key. Other errors are returned unchanged.
 */
export function attributeSetting<E extends Error>(error: E, sources: SettingSources, file?: string): E {
  const setting = (error as { setting?: unknown }).setting;
  if (typeof setting !== 'string' || !error.message.startsWith(`${setting}: `)) return error;
  const origin = sources[setting.split(/[.[]/)[0]!];
  const detail = error.message.slice(setting.length + 2);
  if (origin && (origin.source === 'env' || origin.source === 'flag')) error.message = `${origin.name}: ${detail}`;
  else if (origin?.source === 'file' && file) error.message = `${file}: ${error.message}`;
  if (error instanceof ConfigError) error.source = origin?.source ?? 'default';
  return error;
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

function fail(name: string, detail: string): ConfigError {
  return new ConfigError(`${name}: ${detail}`, name);
}

function int(value: unknown, name: string, min: number, max: number): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw fail(name, `expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}

function num(value: unknown, name: string, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw fail(name, `expected a number of at least ${min}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Largest `rateLimit.burst` and `rateLimit.perSecond`: far beyond what one process serves. */
const MAX_RATE = 10_000_000;
/** Smallest `rateLimit.perSecond`: one request regained every 1000 s. */
const MIN_REFILL = 0.001;

/** A number from `min` to `max`. */
function bounded(value: unknown, name: string, min: number, max: number, detail = `expected a number from ${min} to ${max}`): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw fail(name, `${detail}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Tokens regained per second: more than 0, or a client's bucket would never refill until restart. */
function refillRate(value: unknown, name: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0 && value < MIN_REFILL) {
    throw fail(name, `expected a number from ${MIN_REFILL} to ${MAX_RATE} (at least one request regained every ${1 / MIN_REFILL} s), got ${JSON.stringify(value)}`);
  }
  return bounded(value, name, MIN_REFILL, MAX_RATE, `expected a number greater than 0 and at most ${MAX_RATE} (with 0 a client's bucket never refills)`);
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw fail(name, `expected a non-empty string, got ${JSON.stringify(value)}`);
  }
  return value.trim();
}

function oneOf<T extends string>(value: unknown, name: string, choices: readonly T[]): T {
  if (typeof value !== 'string' || !choices.includes(value as T)) {
    throw fail(name, `expected one of ${choices.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

/** The URL with its password replaced by `***`, for messages and logs; the text as is when it is no URL. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, url.endsWith('/') ? '/' : '');
  } catch {
    return url.replace(/(\/\/[^:/@]*:)[^@/]*@/, '$1***@');
  }
}

/**
 * Why `url` cannot be used as a Redis URL (`redis[s]://[user:password@]host[:port][/db]`),
 * or `undefined` when it can. Checks what the Redis client would otherwise refuse only when
 * it first connects, with messages such as "Invalid protocol" or "URI malformed".
 */
export function redisUrlProblem(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'expected redis://[user:password@]host[:port][/db]';
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') return 'the scheme must be redis: or rediss:';
  if (u.hostname === '') return 'it names no host';
  for (const [part, what] of [[u.username, 'user name'], [u.password, 'password']] as const) {
    try {
      decodeURIComponent(part);
    } catch {
      return `the ${what} has a malformed percent-escape (write % as %25)`;
    }
  }
  if (u.pathname.length > 1 && !/^\/\d{1,5}$/.test(u.pathname)) return 'the database after the host must be a number, such as /0';
  if (u.search || u.hash) return 'a query or fragment is not read; remove it';
  return undefined;
}

function redisUrl(value: unknown, name: string): string {
  const url = text(value, name);
  const problem = redisUrlProblem(url);
  if (problem) throw fail(name, `${JSON.stringify(redactUrl(url))} is not a Redis URL: ${problem}`);
  return url;
}

/** Validates an origin and returns it in the form browsers send (`scheme://host[:port]`). */
export function normalizeOrigin(value: unknown, name: string): string {
  const raw = text(value, name);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fail(name, `${JSON.stringify(raw)} is not an origin such as https://www.example.gov.cn`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin === 'null') {
    throw fail(name, `${JSON.stringify(raw)} must be an http or https origin`);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) {
    throw fail(name, `${JSON.stringify(raw)} must be an origin only, without path, query or user`);
  }
  return url.origin;
}

function parseSites(value: unknown): SiteConfig[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw fail('sites', 'expected an array of { id, origins }');
  const seen = new Set<string>();
  return value.map((entry, i) => {
    if (!isObject(entry)) throw fail(`sites[${i}]`, 'expected an object with id and origins');
    const id = text(entry.id, `sites[${i}].id`);
    if (!SITE_ID.test(id)) {
      throw fail(`sites[${i}].id`, `${JSON.stringify(id)} may use only letters, digits, ".", "_" and "-" (at most 64)`);
    }
    if (seen.has(id)) throw fail(`sites[${i}].id`, `${JSON.stringify(id)} is listed twice`);
    seen.add(id);
    if (!Array.isArray(entry.origins)) {
      throw fail(`sites[${i}].origins`, 'expected an array of origins such as ["https://www.example.gov.cn"]');
    }
    const origins = entry.origins.map((o, j) => {
      if (o === '*') throw fail(`sites[${i}].origins[${j}]`, '"*" is not allowed; list each origin');
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
    if (!known.has(key)) throw fail(key, `unknown setting (known: ${[...known].filter((k) => !k.startsWith('$') && k !== 'comment').join(', ')})`);
  }
  const v = { ...defaults, ...input } as Loose;
  const rl = isObject(v.rateLimit) ? { ...defaults.rateLimit, ...v.rateLimit } : v.rateLimit;
  if (!isObject(rl)) throw fail('rateLimit', 'expected an object { burst, perSecond }');
  const knownRate = Object.keys(defaults.rateLimit);
  for (const key of Object.keys(rl)) {
    if (!knownRate.includes(key)) throw fail(`rateLimit.${key}`, `unknown setting (known: ${knownRate.join(', ')})`);
  }
  const trust = v.trustProxy === true ? 1 : v.trustProxy === false ? 0 : v.trustProxy;
  return {
    host: text(v.host, 'host'),
    port: int(v.port, 'port', 0, 65535),
    store: oneOf(v.store, 'store', ['sqlite', 'redis'] as const),
    db: text(v.db, 'db'),
    sqliteSynchronous: oneOf(v.sqliteSynchronous, 'sqliteSynchronous', ['full', 'normal'] as const),
    redisUrl: redisUrl(v.redisUrl, 'redisUrl'),
    redisPrefix: typeof v.redisPrefix === 'string' ? v.redisPrefix : text(v.redisPrefix, 'redisPrefix'),
    trustProxy: int(trust, 'trustProxy', 0, 10),
    sites: parseSites(v.sites),
    rateLimit: {
      burst: bounded(rl.burst, 'rateLimit.burst', 1, MAX_RATE),
      perSecond: refillRate(rl.perSecond, 'rateLimit.perSecond'),
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
  /**
   * How errors name each override, e.g. `{ port: '--port' }` for command-line flags (such
   * overrides count as flags). Overrides without a name are named by their setting.
   */
  overrideNames?: Partial<Record<keyof CounterConfig, string>>;
}

export interface LoadedConfig {
  config: CounterConfig;
  /** Where each setting that is not a default came from. */
  sources: SettingSources;
  /** The config file read, if any. */
  file: string | undefined;
}

/**
 * Like {@link loadConfig}, and also tells where each setting came from, so that later
 * failures about a setting (a host that cannot be resolved, a missing database) can name the
 * flag, environment variable or file key to fix (see {@link attributeSetting}).
 */
export function resolveConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const fileFromEnv = options.file === undefined && Boolean(env[ENV.config]);
  const file = options.file ?? (env[ENV.config] || undefined);
  const sources: SettingSources = {};
  let merged: Loose = {};
  if (file) {
    try {
      merged = readConfigFile(file);
    } catch (error) {
      if (error instanceof ConfigError && fileFromEnv) error.message = `${ENV.config}: ${error.message}`;
      throw error;
    }
    for (const key of Object.keys(merged)) sources[key] = { source: 'file', name: key };
  }
  const fromEnv: Array<[keyof typeof ENV, string | undefined]> = [
    ['port', env[ENV.port]],
    ['host', env[ENV.host]],
    ['store', env[ENV.store]],
    ['db', env[ENV.db]],
    ['redisUrl', env[ENV.redisUrl]],
    ['logLevel', env[ENV.logLevel]],
  ];
  for (const [key, value] of fromEnv) {
    if (value !== undefined && value !== '') {
      merged[key] = value;
      sources[key] = { source: 'env', name: ENV[key] };
    }
  }
  for (const [key, value] of Object.entries(options.overrides ?? {})) {
    if (value !== undefined) {
      merged[key] = value;
      const name = options.overrideNames?.[key as keyof CounterConfig];
      sources[key] = name ? { source: 'flag', name } : { source: 'default', name: key };
    }
  }
  try {
    return { config: validateConfig(merged), sources, file };
  } catch (error) {
    if (error instanceof ConfigError) attributeSetting(error, sources, file);
    throw error;
  }
}

/**
 * Builds the configuration from, lowest precedence first: defaults, the JSON file,
 * environment variables, then `overrides`. A wrong value throws a {@link ConfigError} naming
 * where it came from: `--port: …`, `COURT_COUNTER_PORT: …` or `counter.json: port: …`.
 */
export function loadConfig(options: LoadConfigOptions = {}): CounterConfig {
  return resolveConfig(options).config;
}
