// Screenshots of the demo for the guides in docs/guides/, taken by the system's Chromium.
//
//   npm run build                      # once: the demo loads dist/court-widgets.min.js
//   node scripts/screenshots.mjs       # writes docs/img/*.png and prints their sizes
//   node scripts/screenshots.mjs --only footer,photo-dialog   # some of them
//
// It serves demo/ and dist/ itself, like scripts/start.mjs, from a static server on
// 127.0.0.1 on a free port, and starts the real visitor-counter service
// (`node dist/cli/court-counter.js serve`) with a configuration and SQLite file in a temporary
// folder, seeded with `court-counter set`; both stop when the script ends. The demo's
// <visitor-counter> asks http://127.0.0.1:8787, so those requests are sent on to the service
// started here. Automated browsers only read counts: the footer shows “已有 N 位访客”.
// The error screenshots answer the article's JSON request with broken JSON or a 404, which
// is what a reader sees when a webmaster uploads a bad or no file.
//
// Each shot runs in a fresh browser context (no remembered 字号 or 关怀模式) and clips the
// viewport or one element, so that the PNGs stay small.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import sirv from 'sirv';
import { chromiumArgs, requireChromium } from './chromium.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'docs/img');
const host = '127.0.0.1';
const DEMO_COUNTER = 'http://127.0.0.1:8787';

const onlyArg = process.argv.find((a) => a.startsWith('--only'));
const only = onlyArg
  ? new Set((onlyArg.includes('=') ? onlyArg.split('=')[1] : process.argv[process.argv.indexOf(onlyArg) + 1] ?? '').split(','))
  : undefined;

if (!existsSync(join(root, 'dist/court-widgets.min.js'))) {
  console.error('dist/court-widgets.min.js is missing: run `npm run build` first.');
  process.exit(1);
}
const chromiumPath = requireChromium();

/** A static server for demo/ and dist/ on a free port. */
async function startStatic() {
  const serve = (dir) => sirv(join(root, dir), { dev: true, dotfiles: false });
  const mounts = { '/demo': serve('demo'), '/dist': serve('dist') };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', `http://${host}`).pathname;
    const prefix = Object.keys(mounts).find((p) => path.startsWith(`${p}/`));
    const notFound = () => {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
    };
    if (!prefix) return notFound();
    req.url = req.url.slice(prefix.length);
    mounts[prefix](req, res, notFound);
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, host, ok);
  });
  return { server, origin: `http://${host}:${server.address().port}` };
}

/** The counter service on a free port with a temporary SQLite file, or undefined when it cannot start. */
async function startCounter(origin, dir) {
  const bin = join(root, 'dist/cli/court-counter.js');
  if (!existsSync(bin)) return undefined;
  const config = join(dir, 'counter.json');
  writeFileSync(
    config,
    JSON.stringify({
      host,
      port: 0,
      store: 'sqlite',
      db: join(dir, 'counter.sqlite'),
      logLevel: 'warn',
      sites: [{ id: 'fs', name: '演示法院', origins: [origin] }],
    }),
  );
  const seeded = spawnSync(process.execPath, [bin, 'set', '--site', 'fs', '--count', '5464445', '--config', config], {
    encoding: 'utf8',
  });
  if (seeded.status !== 0) {
    console.warn(`Counter not seeded (${seeded.stderr.trim()}); the footer is shot without a count.`);
    return undefined;
  }
  const child = spawn(process.execPath, [bin, 'serve', '--config', config, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, COURT_COUNTER_LOG_LEVEL: 'info' },
  });
  const url = await new Promise((ok) => {
    let buffer = '';
    const timer = setTimeout(() => ok(undefined), 10_000);
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const line = buffer.split('\n').find((l) => l.includes('"counter listening"'));
      if (line) {
        clearTimeout(timer);
        ok(JSON.parse(line).url);
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      ok(undefined);
    });
  });
  if (!url) {
    child.kill('SIGTERM');
    console.warn('The counter service did not start; the footer is shot without a count.');
    return undefined;
  }
  return { child, url };
}

function stopChild(child) {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      ok();
    });
    child.kill('SIGTERM');
  });
}

// ---- page helpers (run in the page) ----

/** Resolves once the article, the footer and the counter have settled. */
async function waitForDemo(page, { article = 'loaded' } = {}) {
  await page.waitForFunction(
    (want) => {
      const a = document.querySelector('court-article');
      const root = a?.shadowRoot;
      if (!root) return false;
      if (want === 'loaded' && !root.querySelector('[part="title"]')) return false;
      if (want === 'error' && !root.querySelector('[part="error"]')) return false;
      const footer = document.querySelector('court-footer')?.shadowRoot?.querySelector('[part="name"]');
      const counter = document.querySelector('visitor-counter');
      const settled = !counter || ['counted', 'total', 'hidden'].includes(counter.getAttribute('state') ?? '');
      return Boolean(footer) && settled;
    },
    { timeout: 15_000 },
    article,
  );
  await settle(page);
}

/** Waits for images in view and two frames. */
async function settle(page) {
  await page.evaluate(async () => {
    await document.fonts?.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
  await page.waitForNetworkIdle({ idleTime: 200, timeout: 5000 }).catch(() => undefined);
}

/** Clicks the button of <print-controls> whose text is `label`. */
async function clickControl(page, label) {
  const clicked = await page.evaluate((text) => {
    const controls = document.querySelector('print-controls');
    const button = [...(controls?.shadowRoot?.querySelectorAll('button') ?? [])].find(
      (b) => b.textContent.trim() === text,
    );
    button?.click();
    return Boolean(button);
  }, label);
  if (!clicked) throw new Error(`no <print-controls> button "${label}"`);
  await settle(page);
}

/** The box of an element (document coordinates), found through shadow roots by a path of selectors. */
async function boxOf(page, ...path) {
  return page.evaluate((selectors) => {
    let node = document;
    let el;
    for (const s of selectors) {
      el = (node.shadowRoot ?? node).querySelector(s);
      if (!el) return undefined;
      node = el;
    }
    const r = el.getBoundingClientRect();
    return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height };
  }, path);
}

function clipOf(box, { pad = 0, maxHeight = Infinity, width } = {}) {
  return {
    x: Math.max(0, Math.floor(box.x - pad)),
    y: Math.max(0, Math.floor(box.y - pad)),
    width: Math.ceil(width ?? box.width + 2 * pad),
    height: Math.ceil(Math.min(box.height + 2 * pad, maxHeight)),
  };
}

// ---- the shots ----

const shots = [
  {
    name: 'article-desktop',
    what: 'the demo court page at 1200 px: <court-article> with <print-controls>',
    viewport: { width: 1200, height: 860 },
    async run(page, base) {
      await page.goto(`${base}/demo/`);
      await waitForDemo(page);
      return { clip: { x: 0, y: 0, width: 1200, height: 860 } };
    },
  },
  {
    name: 'article-360-x-large',
    what: 'a 360 px phone after 特大 (x-large text)',
    viewport: { width: 360, height: 720 },
    async run(page, base) {
      await page.goto(`${base}/demo/`);
      await waitForDemo(page);
      await clickControl(page, '特大');
      const box = await boxOf(page, 'court-article');
      return { clip: { x: 0, y: Math.floor(box.y), width: 360, height: 720 } };
    },
  },
  {
    name: 'care-mode',
    what: '关怀模式 (care mode): high contrast, line height 2, larger text',
    viewport: { width: 1000, height: 760 },
    async run(page, base) {
      await page.goto(`${base}/demo/`);
      await waitForDemo(page);
      await clickControl(page, '关怀模式');
      const box = await boxOf(page, 'court-article');
      return { clip: clipOf(box, { pad: 8, maxHeight: 700 }) };
    },
  },
  {
    name: 'notice-video',
    what: 'demo/notice.html: a video block with its still and ▲ caption, and a right-aligned 落款',
    viewport: { width: 1000, height: 1400 },
    async run(page, base) {
      await page.goto(`${base}/demo/notice.html`);
      await waitForDemo(page);
      // The still is loaded (the video itself is not, before play).
      await page.waitForFunction(() => {
        const still = document.querySelector('court-article')?.shadowRoot?.querySelector('video');
        return Boolean(still) && performance.getEntriesByType('resource').some((e) => e.name.endsWith('/hearing.jpg'));
      });
      const video = await boxOf(page, 'court-article', '[part="video"]');
      const body = await boxOf(page, 'court-article', '[part="body"]');
      return { clip: clipOf({ x: body.x, y: video.y - 60, width: body.width, height: body.y + body.height - video.y + 60 }, { pad: 8, maxHeight: 720 }) };
    },
  },
  {
    name: 'error-bad-json',
    what: 'the article JSON is not valid JSON: the error box above the fallback HTML',
    viewport: { width: 1000, height: 600 },
    respond: { path: '/demo/data/seed-article.json', status: 200, body: '{"version": 1, "title": "于长春在抚顺县人民法院调研时强调",' },
    async run(page, base) {
      await page.goto(`${base}/demo/`);
      await waitForDemo(page, { article: 'error' });
      const box = await boxOf(page, 'court-article');
      return { clip: clipOf(box, { pad: 8, maxHeight: 360 }) };
    },
  },
  {
    name: 'error-missing-json',
    what: 'the article JSON is missing (HTTP 404): the error with 重试 above the fallback HTML',
    viewport: { width: 1000, height: 600 },
    respond: { path: '/demo/data/seed-article.json', status: 404, body: 'Not found' },
    async run(page, base) {
      await page.goto(`${base}/demo/`);
      await waitForDemo(page, { article: 'error' });
      const box = await boxOf(page, 'court-article');
      return { clip: clipOf(box, { pad: 8, maxHeight: 360 }) };
    },
  },
  {
    name: 'photo-dialog',
    what: 'a photo opened full size in the <photo-caption> dialog',
    viewport: { width: 1000, height: 700 },
    async run(page, base) {
      await page.goto(`${base}/demo/`);
      await waitForDemo(page);
      await page.evaluate(() => {
        const photo = document.querySelector('court-article').shadowRoot.querySelector('photo-caption');
        photo.scrollIntoView();
        photo.shadowRoot.querySelector('[part="button"]').click();
      });
      await page.waitForFunction(() =>
        document
          .querySelector('court-article')
          .shadowRoot.querySelector('photo-caption')
          .shadowRoot.querySelector('dialog[open]'),
      );
      await settle(page);
      return { clip: undefined };
    },
  },
  {
    name: 'locale-en',
    what: 'the page switched to English: labels and controls in English, the article in Chinese',
    viewport: { width: 1000, height: 560 },
    async run(page, base) {
      await page.goto(`${base}/demo/`);
      await waitForDemo(page);
      await page.select('#demo-lang', 'en');
      await page.waitForFunction(() => document.querySelector('print-controls')?.shadowRoot?.textContent.includes('Print'));
      await settle(page);
      const box = await boxOf(page, 'court-article');
      return { clip: clipOf(box, { pad: 8, maxHeight: 420 }) };
    },
  },
  {
    name: 'locale-ug',
    what: 'the page switched to Uyghur: the footer laid out right to left',
    viewport: { width: 1000, height: 440 },
    async run(page, base) {
      await page.goto(`${base}/demo/`);
      await waitForDemo(page);
      await page.select('#demo-lang', 'ug');
      await page.waitForFunction(() => document.querySelector('court-footer')?.getAttribute('dir') === 'rtl');
      // A right-to-left document moves the x origin of full-page clips: shoot the viewport.
      await page.evaluate(() => document.querySelector('court-footer').scrollIntoView({ block: 'start' }));
      await settle(page);
      return { clip: undefined };
    },
  },
  {
    name: 'no-javascript',
    what: 'JavaScript off: the light-DOM fallback HTML inside the elements',
    viewport: { width: 1200, height: 760 },
    javaScript: false,
    async run(page, base) {
      await page.goto(`${base}/demo/`, { waitUntil: 'networkidle0' });
      // No page.evaluate here: with JavaScript off it would never answer.
      return { clip: { x: 0, y: 0, width: 1200, height: 760 } };
    },
  },
  {
    name: 'prerendered-no-js',
    what: 'a page pre-rendered by `court-widgets render`, JavaScript off: styled already',
    viewport: { width: 1000, height: 700 },
    javaScript: false,
    async run(page, base) {
      await page.goto(`${base}/demo/prerendered.html`, { waitUntil: 'networkidle0' });
      return { clip: { x: 0, y: 0, width: 1000, height: 700 } };
    },
  },
  {
    name: 'footer',
    what: '<court-footer> with <visitor-counter> in its counter slot',
    viewport: { width: 1000, height: 700 },
    async run(page, base) {
      await page.goto(`${base}/demo/`);
      await waitForDemo(page);
      const box = await boxOf(page, 'court-footer');
      return { clip: clipOf(box, { maxHeight: 560 }) };
    },
  },
];

const work = mkdtempSync(join(tmpdir(), 'court-widgets-shots-'));
let staticServer;
let counter;
let browser;
let failed = 0;
try {
  const { server, origin } = await startStatic();
  staticServer = server;
  counter = await startCounter(origin, work);
  browser = await puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    protocolTimeout: 60_000,
    args: [...chromiumArgs, '--lang=zh-CN', '--font-render-hinting=none', '--hide-scrollbars'],
  });
  mkdirSync(outDir, { recursive: true });

  for (const shot of shots) {
    if (only && !only.has(shot.name)) continue;
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    try {
      await page.setViewport({ ...shot.viewport, deviceScaleFactor: 1 });
      if (shot.javaScript === false) await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const url = request.url();
        if (shot.respond && new URL(url).pathname === shot.respond.path) {
          void request.respond({
            status: shot.respond.status,
            contentType: 'application/json; charset=utf-8',
            body: shot.respond.body,
          });
        } else if (url.startsWith(`${DEMO_COUNTER}/`) && counter) {
          void request.continue({ url: counter.url + url.slice(DEMO_COUNTER.length) });
        } else if (url.startsWith(origin) || url.startsWith('data:')) {
          void request.continue();
        } else {
          // Nothing leaves 127.0.0.1: the demo's off-site links are never fetched anyway.
          void request.abort();
        }
      });
      // The demo page logs nothing on a valid article; the error shots warn on purpose.
      page.on('pageerror', (error) => console.error(`${shot.name}: page error: ${error.message}`));
      const { clip } = await shot.run(page, origin);
      const file = join(outDir, `${shot.name}.png`);
      await page.screenshot({ path: file, clip, captureBeyondViewport: Boolean(clip) });
      console.log(`${`docs/img/${shot.name}.png`.padEnd(36)} ${String(statSync(file).size).padStart(7)} bytes  ${shot.what}`);
    } catch (error) {
      failed++;
      console.error(`${shot.name}: ${error.message}`);
    } finally {
      await context.close();
    }
  }
} finally {
  await browser?.close();
  await stopChild(counter?.child);
  staticServer?.close();
  staticServer?.closeAllConnections?.();
  rmSync(work, { recursive: true, force: true });
}
if (failed) {
  console.error(`${failed} screenshot(s) failed.`);
  process.exit(1);
}
