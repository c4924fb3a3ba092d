// <visitor-counter> from the built bundle, in Chromium, against the real counter service on
// another origin (another port): real CORS, real localStorage shared by tabs, real counts.
//
// Needs the built bundle (`npm run build`; `npm test` builds first) and the system Chromium.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
// @ts-expect-error: plain JavaScript helper without type declarations
import { chromiumArgs, requireChromium } from '../../scripts/chromium.mjs';
import { createCounterService, type CounterService } from '../../src/server/index.js';
import { tempDir } from './counter-helpers.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bundlePath = join(root, 'dist', 'court-widgets.min.js');
const dir = tempDir();

let pages: Server;
let pageOrigin: string;
let pagePort: number;
let service: CounterService;
let browser: Browser;
const contexts: BrowserContext[] = [];

/** Element markup per path: `/visits`, `/article`, `/article-tabs`. */
const bodies: Record<string, (endpoint: string) => string> = {
  '/visits': (e) => `<p>访问统计 <visitor-counter endpoint="${e}" site="fs"></visitor-counter></p>`,
  '/article': (e) => `<visitor-counter endpoint="${e}" site="fs" kind="page-views" page="/art/2024/1.html"></visitor-counter>`,
  '/article-tabs': (e) => `<visitor-counter endpoint="${e}" site="fs" kind="page-views" page="/art/2024/tabs.html"></visitor-counter>`,
};

before(async () => {
  assert.ok(existsSync(bundlePath), `${bundlePath} is missing: run "npm run build" first`);
  const bundle = readFileSync(bundlePath);
  pages = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/court-widgets.min.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(bundle);
      return;
    }
    const body = bodies[path];
    if (!body) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>计数</title>` +
        `<script type="module" src="/court-widgets.min.js"></script>${body(service.url)}</html>`,
    );
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  pagePort = (pages.address() as { port: number }).port;
  pageOrigin = `http://127.0.0.1:${pagePort}`;
  service = createCounterService({
    config: { port: 0, db: `${dir.path}/browser.sqlite`, logLevel: 'silent', sites: [{ id: 'fs', origins: [pageOrigin] }] as never },
  });
  await service.listen();
  browser = await puppeteer.launch({ executablePath: requireChromium(), args: chromiumArgs, headless: true });
});

after(async () => {
  await browser?.close();
  await service?.close();
  await new Promise((resolve) => pages?.close(resolve));
  dir.remove();
});

/** A fresh browser profile (its own session and local storage), as a new reader. */
async function reader(options: { automated?: boolean } = {}): Promise<Page> {
  const context = await browser.createBrowserContext();
  contexts.push(context);
  return tab(context, options);
}

/** A new tab of a reader's browser. */
async function tab(context: BrowserContext, options: { automated?: boolean } = {}): Promise<Page> {
  const page = await context.newPage();
  // Puppeteer's Chromium reports navigator.webdriver; a reader's browser does not.
  if (!options.automated) {
    // A string: functions compiled by tsx carry helpers that do not exist in the page.
    await page.evaluateOnNewDocument("Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false });");
  }
  return page;
}

async function shown(page: Page, state: string): Promise<string> {
  await page.waitForFunction((s) => document.querySelector('visitor-counter')?.getAttribute('state') === s, { timeout: 15_000 }, state);
  return page.$eval('visitor-counter', (el) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim());
}

async function counts(query: string): Promise<{ visits: number; pageViews?: number }> {
  return (await (await fetch(`${service.url}/api/v1/counts?${query}`)).json()) as { visits: number; pageViews?: number };
}

describe('visitor-counter against the real service', () => {
  test('counts a reader once per visit, across reloads, and the next reader after', async () => {
    const before = (await counts('site=fs')).visits;
    const first = await reader();
    await first.goto(`${pageOrigin}/visits`);
    assert.equal(await shown(first, 'counted'), `您是第 ${before + 1} 位访客`);
    await first.reload();
    assert.equal(await shown(first, 'counted'), `您是第 ${before + 1} 位访客`);
    assert.equal((await counts('site=fs')).visits, before + 1);

    const second = await reader();
    await second.goto(`${pageOrigin}/visits`);
    assert.equal(await shown(second, 'counted'), `您是第 ${before + 2} 位访客`);
    assert.equal((await counts('site=fs')).visits, before + 2);
    const cookies = await second.browserContext().cookies();
    assert.deepEqual(cookies, [], 'no cookies');
  });

  test('a reader who opens the site in several tabs is one visit, and one view per article', async () => {
    const before = (await counts('site=fs')).visits;
    const first = await reader();
    await first.goto(`${pageOrigin}/visits`);
    assert.equal(await shown(first, 'counted'), `您是第 ${before + 1} 位访客`);
    for (let i = 0; i < 3; i++) {
      const other = await tab(first.browserContext());
      await other.goto(`${pageOrigin}/visits`);
      assert.equal(await shown(other, 'counted'), `您是第 ${before + 1} 位访客`);
    }
    assert.equal((await counts('site=fs')).visits, before + 1);
    for (let i = 0; i < 2; i++) {
      const article = await tab(first.browserContext());
      await article.goto(`${pageOrigin}/article-tabs`);
      assert.equal(await shown(article, 'total'), '浏览次数 1');
    }
    assert.equal((await counts('site=fs&page=/art/2024/tabs.html')).pageViews, 1);
  });

  test('counts an article view once per visit and shows 浏览次数', async () => {
    const page = await reader();
    await page.goto(`${pageOrigin}/article`);
    assert.equal(await shown(page, 'total'), '浏览次数 1');
    await page.reload();
    assert.equal(await shown(page, 'total'), '浏览次数 1');
    assert.equal((await counts('site=fs&page=/art/2024/1.html')).pageViews, 1);
  });

  test('an automated browser only reads the total', async () => {
    const before = (await counts('site=fs')).visits;
    const page = await reader({ automated: true });
    await page.goto(`${pageOrigin}/visits`);
    assert.equal(await shown(page, 'total'), `已有 ${before} 位访客`);
    assert.equal((await counts('site=fs')).visits, before);
  });

  test('a page on an origin the site does not list is not counted and shows no sentence', async () => {
    const before = (await counts('site=fs')).visits;
    const page = await reader();
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warn') warnings.push(m.text());
    });
    // Same server, other origin: localhost instead of 127.0.0.1.
    await page.goto(`http://localhost:${pagePort}/visits`);
    assert.equal(await shown(page, 'hidden'), '');
    assert.equal(await page.$eval('visitor-counter', (el) => el.getAttribute('aria-hidden')), 'true');
    assert.equal((await counts('site=fs')).visits, before);
    assert.ok(warnings.some((w) => w.startsWith('visitor-counter: no number from')), warnings.join('\n'));
  });
});
