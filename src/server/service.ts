import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { SettingError, redactUrl, validateConfig, type CounterConfig } from './config.js';
import { logDestination, RepeatedLog } from './log.js';
import { RateLimiter } from './rate-limit.js';
import { createHandler } from './routes.js';
import { RedisStore } from './stores/redis.js';
import { SqliteStore } from './stores/sqlite.js';
import type { CounterStore } from './stores/store.js';

export interface CounterServiceOptions {
  /** Configuration; missing settings take their defaults (see `loadConfig` for files and env). */
  config?: Partial<CounterConfig> | CounterConfig;
  /** A store to use instead of opening the configured one; it is closed by `close()`. */
  store?: CounterStore;
  /** Logger; default: pino JSON lines on stdout at `config.logLevel`. */
  logger?: Logger;
}

export interface CounterService {
  readonly server: Server;
  readonly config: CounterConfig;
  /** `http://host:port` once listening. */
  readonly url: string;
  /** The store, once open. */
  readonly store: CounterStore | undefined;
  /** Opens the store (unless given) and starts listening; resolves with the URL. */
  listen(): Promise<string>;
  /**
   * Graceful stop: refuses new connections, lets requests in flight finish (at most
   * `shutdownTimeout` seconds), then closes the store. Safe to call more than once.
   */
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /**
   * Reading only (`export`, `sites`): a SQLite file must exist already and is opened
   * read-only, so a mistyped path is an error instead of a new, empty database.
   */
  readOnly?: boolean;
  /** Where the service logs Redis reconnection problems: once per reason, then counted. */
  repeated?: RepeatedLog;
}

/**
 * Opens the store named by the configuration. Rejects with a {@link SettingError} whose
 * message starts with the setting at fault (`db: no counter database at …`).
 */
export async function openStore(config: CounterConfig, logger?: Logger, options: OpenStoreOptions = {}): Promise<CounterStore> {
  if (config.store === 'redis') {
    let store: RedisStore;
    try {
      store = await RedisStore.open({
        url: config.redisUrl,
        prefix: config.redisPrefix,
        readOnly: options.readOnly === true,
        onError: (error) => {
          const fields = { err: { message: error.message } };
          if (options.repeated) options.repeated.log('warn', fields, 'redis connection problem', error.message);
          else logger?.warn(fields, 'redis connection problem');
        },
      });
    } catch (error) {
      throw new SettingError('redisUrl', (error as Error).message);
    }
    if (store.markerCreated) {
      // A new store, or one that lost its data before this start: say so, since counts start from what it holds.
      logger?.warn({ marker: store.marker }, 'redis held no counter data marker: a new store, or one that lost its data; counting from what it holds');
    }
    return store;
  }
  try {
    return new SqliteStore({ file: config.db, synchronous: config.sqliteSynchronous, readOnly: options.readOnly === true });
  } catch (error) {
    throw new SettingError('db', (error as Error).message);
  }
}

/** Why the server could not listen, naming the setting to change. */
function listenError(error: NodeJS.ErrnoException, host: string, port: number): SettingError {
  const code = error.code ?? '';
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAI_FAIL':
      return new SettingError('host', `${JSON.stringify(host)} cannot be resolved to an address of this machine (${code})`);
    case 'EADDRNOTAVAIL':
      return new SettingError('host', `${JSON.stringify(host)} is not an address of this machine (${code})`);
    case 'EADDRINUSE':
      return new SettingError('port', `${where} is already in use (${code})`);
    case 'EACCES':
      return new SettingError('port', `${where} may not be bound by this user; use a port from 1024, or a proxy (${code})`);
    default:
      return new SettingError('host', `cannot listen on ${where}: ${error.message}`);
  }
}

/** Builds the counter service from options; nothing listens until `listen()`. */
export function createCounterService(options: CounterServiceOptions = {}): CounterService {
  const config = validateConfig({ ...(options.config ?? {}) } as Record<string, unknown>);
  // Synchronous writes: a line per event (not per request, unless the level is debug), and
  // none lost or reordered when the process exits right after 'counter stopped'. A line that
  // cannot be written (the log's disk is full) is dropped: it never stops the service.
  const logger = options.logger ?? pino({ level: config.logLevel, base: { service: 'court-counter' } }, logDestination(1));
  const repeated = new RepeatedLog(logger);
  const limiter = new RateLimiter(config.rateLimit);
  let store = options.store;
  let shuttingDown = false;
  let closing: Promise<void> | undefined;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  let handler: ReturnType<typeof createHandler> | undefined;

  // Slow clients (slowloris) cannot hold connections: headers must arrive within 10 s and the
  // whole request within 15 s, checked every second; idle keep-alive sockets close after 5 s.
  const server = createServer(
    { headersTimeout: 10_000, requestTimeout: 15_000, keepAliveTimeout: 5000, connectionsCheckingInterval: 1000 },
    (req, res) => {
      inFlight += 1;
      res.on('close', () => {
        inFlight -= 1;
        if (inFlight === 0) idle?.();
      });
      handler!(req, res);
    },
  );

  function address(): string {
    const addr = server.address() as AddressInfo | null;
    if (!addr) return '';
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    return `http://${host}:${addr.port}`;
  }

  return {
    server,
    config,
    get url() {
      return address();
    },
    get store() {
      return store;
    },
    async listen() {
      const opened = store === undefined;
      store ??= await openStore(config, logger, { repeated });
      handler = createHandler({ config, store, limiter, logger, repeated, isShuttingDown: () => shuttingDown });
      try {
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(config.port, config.host, () => {
            server.off('error', reject);
            resolve();
          });
        });
      } catch (error) {
        // Nothing listens: release the store this call opened (a Redis connection would keep the process alive).
        if (opened) await store.close();
        throw listenError(error as NodeJS.ErrnoException, config.host, config.port);
      }
      logger.info(
        {
          url: address(),
          store: store.kind,
          ...(store.kind === 'sqlite' ? { db: config.db } : { redis: redactUrl(config.redisUrl) }),
          sites: config.sites.map((s) => s.id),
        },
        'counter listening',
      );
      return address();
    },
    close() {
      closing ??= (async () => {
        shuttingDown = true;
        limiter.stop();
        if (server.listening) {
          logger.info({ inFlight }, 'counter shutting down');
          const closed = new Promise<void>((resolve) => server.close(() => resolve()));
          server.closeIdleConnections();
          if (inFlight > 0) {
            let timer: NodeJS.Timeout | undefined;
            await Promise.race([
              new Promise<void>((resolve) => (idle = resolve)),
              new Promise<void>((resolve) => (timer = setTimeout(resolve, config.shutdownTimeout * 1000))),
            ]);
            clearTimeout(timer);
          }
          server.closeAllConnections();
          await closed;
        }
        await store?.close();
        repeated.stop();
        logger.info('counter stopped');
      })();
      return closing;
    },
  };
}
