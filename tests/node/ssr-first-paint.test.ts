// The first paint of a page rendered by `court-widgets render`, served over a real HTTP server
// on 127.0.0.1 and read in Chromium: what the reader sees before the bundle has loaded must not
// move once it has. Two cases that used to move: a page that arrives in two parts (the parser
// paints between them, as on a slow line or an old computer) and a reader who chose 字号 and
// 关怀模式 on an earlier visit.
//
// Needs the built bundle (`npm run build`; `npm test` builds first) and the system Chromium.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import type { Page } from 'puppeteer-core';
import { parseArticle, parseSite } from '../../src/model/index.js';
import { renderArticlePage, SETTINGS_SCRIPT } from '../../src/ssr/render-page.js';
import { useChromiumWithBundle } from './browser-helpers.js';
import { root } from './cli-helpers.js';

type Element = DefaultTreeAdapterMap['element'];

const dist = join(root, 'dist');
const demo = (file: string): unknown => JSON.parse(readFileSync(join(root, 'demo', 'data', file), 'utf8'));
const parsedArticle = parseArticle(demo('seed-article.json'));
const parsedSite = parseSite(demo('site.json'));
assert.ok(parsedArticle.ok && parsedSite.ok, 'the demo article and site are valid');
const page = renderArticlePage(parsedArticle.value, { site: parsedSite.value, bundle: '/court-widgets.min.js' });

/** Offset in `html` just after the end tag of `<court-article>`'s declarative shadow root. */
function afterArticleShadowRoot(html: string): number {
  const document = parse(html, { sourceCodeLocationInfo: true });
  const stack: Element[] = [];
  const visit = (node: { childNodes?: unknown[] }) => {
    for (const child of (node.childNodes ?? []) as Element[]) {
      if (child.tagName === 'court-article') stack.push(child);
      visit(child);
    }
  };
  visit(document);
  const template = stack[0]?.childNodes.find((n): n is Element => (n as Element).tagName === 'template' && (n as Element).attrs.some((a) => a.name === 'shadowrootmode'));
  const end = template?.sourceCodeLocation?.endTag?.endOffset;
  assert.ok(end, "the page has <court-article> with a declarative shadow root");
  return end;
}

interface Site {
  url: string;
  /** Holds the bundle's response until called. */
  releaseBundle: () => void;
  /** Sends the rest of the page (when it was split). */
  releaseRest: () => void;
  close: () => Promise<void>;
}

/**
 * Serves `html` at /article.html and the files of dist/. With `split`, the page is sent up to
 * that offset (a string index), and the rest only on `releaseRest`; the
 * bundle is sent only on `releaseBundle`.
 */
async function serve(html: string, split?: number): Promise<Site> {
  let releaseBundle!: () => void;
  let releaseRest!: () => void;
  const bundleGate = new Promise<void>((resolve) => (releaseBundle = resolve));
  const restGate = new Promise<void>((resolve) => (releaseRest = resolve));
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/article.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      if (split === undefined) {
        res.end(html);
        return;
      }
      res.write(html.slice(0, split));
      void restGate.then(() => res.end(html.slice(split)));
      return;
    }
    const file = join(dist, path.slice(1));
    if (/^\/court-widgets[\w.-]*\.js$/.test(path) && existsSync(file)) {
      const send = () => {
        res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
        res.end(readFileSync(file));
      };
      if (path === '/court-widgets.min.js') void bundleGate.then(send);
      else send();
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    if (path.endsWith('.svg')) {
      res.writeHead(200, { 'content-type': 'image/svg+xml' });
      res.end('<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="853"><rect width="1280" height="853" fill="#ccc"/></svg>');
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/article.html`,
    releaseBundle,
    releaseRest,
    close: () => {
      releaseBundle();
      releaseRest();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Installed before the page's scripts: the sum of layout shifts, as CLS counts them. */
const SHIFTS = `window.__shifts = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
}).observe({ type: 'layout-shift', buffered: true });`;

/** What the reader sees of the article and its controls, whether or not they are defined. */
const READ = `(() => {
  const article = document.querySelector('court-article');
  const controls = article.querySelector('print-controls');
  const footer = document.querySelector('court-footer');
  const p = article.shadowRoot && article.shadowRoot.querySelector('p[data-readable]');
  const pressed = controls && controls.shadowRoot
    ? [...controls.shadowRoot.querySelectorAll('button[aria-pressed="true"]')].map((b) => b.textContent.trim())
    : null;
  return {
    defined: !!customElements.get('court-article'),
    controlsParsed: !!controls,
    paragraphTop: p ? Math.round(p.getBoundingClientRect().top + scrollY) : null,
    paragraphSize: p ? getComputedStyle(p).fontSize : null,
    fontSize: article.getAttribute('font-size'),
    care: article.hasAttribute('care'),
    controlsCare: !!controls && controls.hasAttribute('care'),
    footerCare: !!footer && footer.hasAttribute('care'),
    footerText: footer && footer.shadowRoot ? getComputedStyle(footer.shadowRoot.querySelector('footer, section')).color : null,
    pressed,
  };
})()`;

interface Seen {
  defined: boolean;
  controlsParsed: boolean;
  paragraphTop: number | null;
  paragraphSize: string | null;
  fontSize: string | null;
  care: boolean;
  controlsCare: boolean;
  footerCare: boolean;
  footerText: string | null;
  pressed: string[] | null;
}

const HYDRATED = `(async () => {
  await customElements.whenDefined('court-article');
  await customElements.whenDefined('print-controls');
  const settle = async (el) => { while (!(await el.updateComplete)); };
  await settle(document.querySelector('court-article'));
  await settle(document.querySelector('court-article print-controls'));
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
})()`;

/** Waits until two frames have been produced (the first chunk is parsed and painted). */
const TWO_FRAMES = 'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))';

const browser = useChromiumWithBundle();

async function tab(): Promise<{ page: Page; console: string[]; close: () => Promise<void> }> {
  const context = await browser().createBrowserContext();
  const tabPage = await context.newPage();
  await tabPage.setViewport({ width: 1024, height: 768 });
  const lines: string[] = [];
  tabPage.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') lines.push(`${m.type()}: ${m.text()}`);
  });
  tabPage.on('pageerror', (e) => lines.push(`pageerror: ${(e as Error).message}`));
  await tabPage.evaluateOnNewDocument(SHIFTS);
  return { page: tabPage, console: lines, close: () => context.close() };
}

describe('the first paint of a pre-rendered page stays as it is', () => {
  test('the controls are written before the article\u2019s shadow root, with the settings script between them', () => {
    const article = page.slice(page.indexOf('<court-article'));
    const controls = article.search(/<print-controls\s[^>]*slot="controls"/);
    const script = article.indexOf(`<script>${SETTINGS_SCRIPT}</script>`);
    const shadowRoot = afterArticleShadowRoot(page) - page.indexOf('<court-article');
    assert.ok(controls > 0 && script > controls && script < shadowRoot, `controls ${controls}, script ${script}, end of the shadow root ${shadowRoot}`);
    assert.ok(!renderArticlePage(parsedArticle.value, { site: parsedSite.value }).includes(SETTINGS_SCRIPT), 'no script on a page without the bundle (and without controls)');
    const footer = page.slice(page.indexOf('<court-footer'));
    assert.ok(footer.indexOf(`<script>${SETTINGS_SCRIPT}</script>`) > 0, 'the footer starts with the same script');
    assert.ok(footer.indexOf(`<script>${SETTINGS_SCRIPT}</script>`) < footer.indexOf('<template shadowroot'), 'before its shadow root');
  });

  test('a page that arrives in two parts: the controls row is there at the first paint, and nothing moves', async () => {
    // The first part ends with the article's shadow root, as a slow line or an old computer
    // may paint it.
    const site = await serve(page, afterArticleShadowRoot(page));
    const t = await tab();
    try {
      const navigation = t.page.goto(site.url, { waitUntil: 'domcontentloaded' });
      await t.page.waitForFunction(() => !!document.querySelector('court-article')?.shadowRoot?.querySelector('h1'));
      await t.page.evaluate(TWO_FRAMES);
      const first = (await t.page.evaluate(READ)) as Seen;
      assert.equal(first.defined, false, 'read before any element is defined');
      assert.equal(first.controlsParsed, true, 'the controls row is parsed with the article');
      site.releaseRest();
      await navigation;
      site.releaseBundle();
      await t.page.evaluate(HYDRATED);
      const last = (await t.page.evaluate(READ)) as Seen;
      assert.equal(last.paragraphTop, first.paragraphTop, 'the first paragraph stays where it was first painted');
      assert.deepEqual(await t.page.evaluate('window.__shifts'), [], 'no layout shift');
      assert.deepEqual(t.console, []);
    } finally {
      await t.close();
      await site.close();
    }
  });

  test('a reader\u2019s stored 大 and 关怀模式 are shown at the first paint, before the bundle, and hydration moves nothing', async () => {
    const site = await serve(page);
    const t = await tab();
    try {
      await t.page.evaluateOnNewDocument(`localStorage.setItem('court-widgets:' + location.host + ':print-controls.font-size', 'large');
localStorage.setItem('court-widgets:' + location.host + ':print-controls.care', 'on');`);
      await t.page.goto(site.url, { waitUntil: 'domcontentloaded' });
      await t.page.evaluate(TWO_FRAMES);
      const first = (await t.page.evaluate(READ)) as Seen;
      assert.equal(first.defined, false, 'read before the bundle has run');
      assert.equal(first.fontSize, 'large');
      assert.equal(first.care, true);
      assert.equal(first.controlsCare, true);
      assert.equal(first.footerCare, true, 'the footer is in 关怀模式 too');
      assert.equal(first.footerText, 'rgb(0, 0, 0)', '关怀模式 black text in the footer before the bundle');
      assert.ok(Number.parseFloat(first.paragraphSize!) >= 20, `大 is at least 20 px before the bundle (${first.paragraphSize})`);
      assert.deepEqual(first.pressed, ['大', '关怀模式'], 'the pre-rendered buttons already show the choice');

      site.releaseBundle();
      await t.page.evaluate(HYDRATED);
      const last = (await t.page.evaluate(READ)) as Seen;
      assert.deepEqual({ ...last, defined: true }, { ...first, defined: true }, 'hydrated: the same size, care mode, pressed buttons and place');
      assert.equal(last.defined, true);
      assert.deepEqual(await t.page.evaluate('window.__shifts'), [], 'no layout shift');
      assert.deepEqual(t.console, [], 'no console error or warning (hydration mismatches are reported there)');
    } finally {
      await t.close();
      await site.close();
    }
  });

  test('blocked storage or a stored value that is not a 字号 leaves the page as the server wrote it', async () => {
    for (const setup of [
      `localStorage.setItem('court-widgets:' + location.host + ':print-controls.font-size', 'huge');`,
      `Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });`,
    ]) {
      const site = await serve(page);
      const t = await tab();
      try {
        await t.page.evaluateOnNewDocument(setup);
        await t.page.goto(site.url, { waitUntil: 'domcontentloaded' });
        await t.page.evaluate(TWO_FRAMES);
        const first = (await t.page.evaluate(READ)) as Seen;
        assert.equal(first.fontSize, 'medium', setup);
        assert.equal(first.care, false, setup);
        assert.equal(first.footerCare, false, setup);
        assert.deepEqual(first.pressed, ['中'], setup);
        site.releaseBundle();
        await t.page.evaluate(HYDRATED);
        const last = (await t.page.evaluate(READ)) as Seen;
        assert.equal(last.fontSize, 'medium', setup);
        assert.deepEqual(await t.page.evaluate('window.__shifts'), [], setup);
        assert.deepEqual(t.console, [], setup);
      } finally {
        await t.close();
        await site.close();
      }
    }
  });
});
