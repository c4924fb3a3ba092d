import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { validateConfig, type CounterConfig } from './config.js';
import { RateLimiter } from './rate-limit.js';
import { createHandler } from './routes.js';
import { RedisStore, redactUrl } from './stores/redis.js';
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

/** Opens the store named by the configuration. */
export async function openStore(config: CounterConfig, logger?: Logger): Promise<CounterStore> {
  if (config.store === 'redis') {
    return RedisStore.open({
      url: config.redisUrl,
      prefix: config.redisPrefix,
      onError: (error) => logger?.warn({ err: { message: error.message } }, 'redis connection problem'),
    });
  }
  return new SqliteStore({ file: config.db, synchronous: config.sqliteSynchronous });
}

/** Builds the counter service from options; nothing listens until `listen()`. */
export function createCounterService(options: CounterServiceOptions = {}): CounterService {
  const config = validateConfig({ ...(options.config ?? {}) } as Record<string, unknown>);
  // Synchronous writes: a line per event (not per request, unless the level is debug), and
  // none lost or reordered when the process exits right after 'counter stopped'.
  const logger =
    options.logger ?? pino({ level: config.logLevel, base: { service: 'court-counter' } }, pino.destination({ dest: 1, sync: true }));
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
      store ??= await openStore(config, logger);
      handler = createHandler({ config, store, limiter, logger, isShuttingDown: () => shuttingDown });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
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
        logger.info('counter stopped');
      })();
      return closing;
    },
  };
}
