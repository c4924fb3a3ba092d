import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, requireChromium } from './scripts/chromium.mjs';
import { proxyToCounter } from './scripts/counter-proxy.mjs';

const executablePath = requireChromium();

/** How long /slow-translations/ holds a translation file: longer than an element waits for one. */
const TRANSLATION_DELAY_MS = 5_000;

/**
 * /slow-translations/<file>: the built bundles and translation files of dist/, served from
 * their own folder, where a translation (court-widgets.<locale>.js) answers only after
 * TRANSLATION_DELAY_MS, like a file on a slow link (tests/browser/bundle.test.ts).
 */
async function slowTranslations(ctx, next) {
  const match = /^\/slow-translations\/(court-widgets\.[A-Za-z0-9.-]+\.js)$/.exec(ctx.path);
  if (!match) return next();
  const file = match[1];
  if (!/\.min\.js$/.test(file)) await new Promise((resolve) => setTimeout(resolve, TRANSLATION_DELAY_MS));
  ctx.type = 'text/javascript';
  ctx.body = await readFile(new URL(`./dist/${file}`, import.meta.url));
}

/** Visits counted before the first page asks, so that a counter shows a number (site `fs`). */
const COUNTED_VISITS = 2;

/**
 * /counter/…: the real counter service of dist/server (SQLite in a temporary folder) behind the
 * test server's own origin, started on the first request, for the pages with a
 * <visitor-counter endpoint="/counter" site="fs"> (tests/fixtures/hostile/). The test browser
 * is automated, so its counters only read the number; they never count.
 */
const counter = {
  /** @type {Promise<import('./dist/server/index.js').CounterService> | undefined} */
  service: undefined,
  dataDir: '',
  start(origin) {
    this.service ??= (async () => {
      const { createCounterService } = await import('./dist/server/index.js');
      this.dataDir = mkdtempSync(join(tmpdir(), 'court-widgets-wtr-counter-'));
      const service = createCounterService({
        config: { host: '127.0.0.1', port: 0, db: join(this.dataDir, 'counter.sqlite'), logLevel: 'silent', sites: [{ id: 'fs', origins: [origin] }] },
      });
      await service.listen();
      for (let i = 0; i < COUNTED_VISITS; i++) {
        const hit = await fetch(`${service.url}/api/v1/hits`, {
          method: 'POST',
          headers: { origin, 'content-type': 'text/plain' },
          body: JSON.stringify({ site: 'fs', kind: 'visit' }),
        });
        if (!hit.ok) throw new Error(`the counter service did not count a visit: HTTP ${hit.status}`);
      }
      return service;
    })();
    return this.service;
  },
  async stop() {
    const service = await this.service?.catch(() => undefined);
    await service?.close();
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  },
};

async function counterRoute(ctx, next) {
  if (!ctx.path.startsWith('/counter/')) return next();
  const service = await counter.start(`${ctx.protocol}://${ctx.host}`);
  ctx.respond = false;
  proxyToCounter(ctx.req, ctx.res, { target: service.url, prefix: '/counter' });
}

/** Browser tests: the source, in Debian's Chromium, with a fixed locale and time zone. */
export default {
  files: ['tests/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  middleware: [slowTranslations, counterRoute],
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2021' }),
    { name: 'court-counter-service', serverStop: () => counter.stop() },
  ],
  concurrency: 2,
  browserStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 20_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [...chromiumArgs, '--lang=zh-CN', '--font-render-hinting=none'],
      },
      // A browser context per page keeps every test page visible, so animation frames,
      // ResizeObserver and lazy images run when two test files run side by side.
      async createPage({ browser }) {
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        await page.emulateTimezone('Asia/Shanghai');
        return page;
      },
    }),
  ],
};
