/**
 * The visitor-counter service (Node only). Build one with {@link createCounterService}, or
 * run it with signal handling through {@link runCounterService}.
 */
import type { Logger } from 'pino';
import type { CounterConfig } from './config.js';
import { createCounterService, type CounterService } from './service.js';

export * from './config.js';
export { createCounterService, openStore, type CounterService, type CounterServiceOptions, type OpenStoreOptions } from './service.js';
export { RateLimiter } from './rate-limit.js';
export { normalizePage, clientAddress, rateKey, API_VERSION, HITS_PATH, COUNTS_PATH, HEALTH_PATH, type ErrorCode } from './routes.js';
export * from './stores/store.js';
export { SqliteStore, type SqliteStoreOptions } from './stores/sqlite.js';
export { RedisStore, type RedisStoreOptions } from './stores/redis.js';

/**
 * Starts the service and stops it gracefully on SIGTERM or SIGINT (a second signal exits
 * at once). Resolves with the running service.
 */
export async function runCounterService(config: CounterConfig, logger?: Logger): Promise<CounterService> {
  const service = createCounterService(logger ? { config, logger } : { config });
  const stop = (signal: NodeJS.Signals) => {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    process.once(signal, () => process.exit(130));
    service.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  try {
    await service.listen();
  } catch (error) {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    throw error;
  }
  return service;
}
