#!/usr/bin/env node
/**
 * court-counter: runs the visitor-counter service and administers its counts.
 * Only parses arguments; the work is done by src/server.
 */
import { parseArgs } from 'node:util';
import {
  ConfigError,
  PageLimitError,
  SITE_ID,
  attributeSetting,
  normalizePage,
  openStore,
  resolveConfig,
  runCounterService,
  type CountRow,
  type CounterConfig,
  type LoadedConfig,
} from '../server/index.js';

const USAGE = `Usage:
  court-counter serve  [--config file] [--port n] [--host addr] [--store sqlite|redis] [--db path] [--redis-url url]
  court-counter set    --site id --count n [--page id]   (starting count, e.g. from the old CMS counter)
  court-counter export [--format json|csv]
  court-counter sites  [--format text|json]

Every command takes --config, --store, --db and --redis-url. Environment: COURT_COUNTER_CONFIG,
COURT_COUNTER_PORT, COURT_COUNTER_HOST, COURT_COUNTER_STORE, COURT_COUNTER_DB,
COURT_COUNTER_REDIS_URL, COURT_COUNTER_LOG_LEVEL (fatal, error, warn, info, debug, trace or
silent; default info).`;

class UsageError extends Error {}

const options = {
  config: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  store: { type: 'string' },
  db: { type: 'string' },
  'redis-url': { type: 'string' },
  site: { type: 'string' },
  count: { type: 'string' },
  page: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const allowed: Record<string, string[]> = {
  serve: ['config', 'port', 'host', 'store', 'db', 'redis-url'],
  set: ['config', 'store', 'db', 'redis-url', 'site', 'count', 'page'],
  export: ['config', 'store', 'db', 'redis-url', 'format'],
  sites: ['config', 'store', 'db', 'redis-url', 'format'],
};

type Values = { [K in keyof typeof options]?: (typeof options)[K]['type'] extends 'boolean' ? boolean : string };

/** Where the settings came from, so that a failure about one names the flag, variable or file key. */
let loaded: LoadedConfig | undefined;

function configFrom(values: Values, withServe: boolean): CounterConfig {
  loaded = resolveConfig({
    file: values.config,
    overrides: {
      store: values.store,
      db: values.db,
      redisUrl: values['redis-url'],
      ...(withServe ? { port: values.port, host: values.host } : {}),
    },
    overrideNames: { store: '--store', db: '--db', redisUrl: '--redis-url', port: '--port', host: '--host' },
  });
  return loaded.config;
}

function csvField(value: string): string {
  // A leading = + - @ would make a spreadsheet run the cell as a formula.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function toCsv(rows: CountRow[]): string {
  const lines = ['site,page,kind,count'];
  for (const row of rows) {
    lines.push([csvField(row.site), csvField(row.page ?? ''), row.page === null ? 'visits' : 'page-views', String(row.count)].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function toJson(rows: CountRow[]): string {
  const sites = new Map<string, { site: string; visits: number; pages: Array<{ page: string; pageViews: number }> }>();
  for (const row of rows) {
    let entry = sites.get(row.site);
    if (!entry) sites.set(row.site, (entry = { site: row.site, visits: 0, pages: [] }));
    if (row.page === null) entry.visits = row.count;
    else entry.pages.push({ page: row.page, pageViews: row.count });
  }
  return `${JSON.stringify({ exportedAt: new Date().toISOString(), sites: [...sites.values()] }, null, 2)}\n`;
}

async function withStore<T>(
  config: CounterConfig,
  readOnly: boolean,
  work: (store: Awaited<ReturnType<typeof openStore>>) => Promise<T>,
): Promise<T> {
  const store = await openStore(config, undefined, { readOnly });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed as { values: Values; positionals: string[] };
  const command = positionals[0];
  if (values.help || command === 'help' || command === undefined) {
    (command === undefined && !values.help ? process.stderr : process.stdout).write(`${USAGE}\n`);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (!(command in allowed)) throw new UsageError(`unknown command "${command}"`);
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  for (const key of Object.keys(values)) {
    if (key !== 'help' && !allowed[command]!.includes(key)) throw new UsageError(`--${key} is not an option of "${command}"`);
  }

  if (command === 'serve') {
    const config = configFrom(values, true);
    if (config.sites.length === 0) {
      throw new ConfigError('no sites are configured: pass --config with a "sites" list (see docs/counter.md)');
    }
    await runCounterService(config);
    return -1; // keeps running until a signal stops it
  }

  const config = configFrom(values, false);

  if (command === 'set') {
    if (values.site === undefined) throw new UsageError('set needs --site');
    if (values.count === undefined) throw new UsageError('set needs --count');
    if (!SITE_ID.test(values.site)) throw new UsageError(`--site "${values.site}" may use only letters, digits, ".", "_" and "-"`);
    if (config.sites.length > 0 && !config.sites.some((s) => s.id === values.site)) {
      throw new UsageError(`--site "${values.site}" is not in the configuration (configured: ${config.sites.map((s) => s.id).join(', ')})`);
    }
    if (!/^\d{1,15}$/.test(values.count)) throw new UsageError(`--count "${values.count}" must be a whole number from 0`);
    const count = Number(values.count);
    let page: string | undefined;
    if (values.page !== undefined) {
      const normalized = normalizePage(values.page, config.maxPageLength);
      if (!normalized.ok) throw new UsageError(`--page: ${normalized.message}`);
      page = normalized.page;
    }
    const site = values.site;
    // set may create the database: a count is often carried over before the first serve.
    const maxPages = config.sites.find((s) => s.id === site)?.maxPages;
    await withStore(config, false, async (store) => {
      try {
        await store.set(site, count, page, maxPages);
      } catch (error) {
        if (!(error instanceof PageLimitError)) throw error;
        throw new Error(`--page: site "${site}" already keeps its limit of ${error.limit} pages (sites[].maxPages); a new page cannot be added`);
      }
      const now = await store.counts(site, page);
      const shown = page === undefined ? `visits = ${now.visits}` : `page ${JSON.stringify(page)} views = ${now.pageViews}`;
      process.stdout.write(`${site}: ${shown}\n`);
    });
    return 0;
  }

  if (command === 'export') {
    const format = values.format ?? 'json';
    if (format !== 'json' && format !== 'csv') throw new UsageError(`--format "${format}" must be json or csv`);
    const rows = await withStore(config, true, (store) => store.exportRows());
    process.stdout.write(format === 'csv' ? toCsv(rows) : toJson(rows));
    return 0;
  }

  // sites
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format "${format}" must be text or json`);
  if (config.sites.length === 0) throw new ConfigError('no sites are configured: pass --config with a "sites" list');
  const list = await withStore(config, true, async (store) =>
    Promise.all(config.sites.map(async (s) => ({ id: s.id, name: s.name ?? '', origins: s.origins, visits: (await store.counts(s.id)).visits }))),
  );
  if (format === 'json') process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
  else {
    for (const s of list) process.stdout.write(`${s.id}\t${s.visits}\t${s.name}\t${s.origins.join(' ')}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`court-counter: ${error.message}\n\n${USAGE}\n`);
      process.exitCode = 2;
      return;
    }
    if (error instanceof Error && loaded) attributeSetting(error, loaded.sources, loaded.file);
    process.stderr.write(`court-counter: ${(error as Error).message}\n`);
    // A flag whose value is not valid is a bad argument (2); other failures, such as a wrong
    // setting in the file or the environment, a missing database or a host that cannot be
    // resolved, are 1.
    process.exitCode = error instanceof ConfigError && error.source === 'flag' ? 2 : 1;
  },
);
