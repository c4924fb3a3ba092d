// The reader's 字号 and 关怀模式 on a page rendered by `court-widgets render`: chosen once, they
// come back on the next visit, and the pressed buttons say so, as on a page rendered in the
// browser.
//
// Needs the built bundle (`npm run build`; `npm test` builds first) and the system Chromium.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { parseArticle, parseSite } from '../../src/model/index.js';
import { renderArticlePage } from '../../src/ssr/render-page.js';
import { useChromiumWithBundle } from './browser-helpers.js';
import { root } from './cli-helpers.js';

const dist = join(root, 'dist');
const ORIGIN = 'http://court.test';

const demo = (file: string): unknown => JSON.parse(readFileSync(join(root, 'demo', 'data', file), 'utf8'));
const parsedArticle = parseArticle(demo('seed-article.json'));
const parsedSite = parseSite(demo('site.json'));
assert.ok(parsedArticle.ok && parsedSite.ok, 'the demo article and site are valid');
const article = parsedArticle.value;
const site = parsedSite.value;

/** What a reader sees of one of the 打印, 字号 and 关怀模式 buttons. */
interface ButtonState {
  label: string;
  pressed: string | null;
  disabled: boolean;
  background: string;
  color: string;
}

interface ControlsState {
  buttons: ButtonState[];
  fontSize: string;
  care: boolean;
  articleFontSize: string | null;
  articleCare: boolean;
  footerCare: boolean;
}

const browser = useChromiumWithBundle();

/**
 * A tab in a browser context of its own (its own localStorage) whose requests are answered from
 * `html` (at /article.html) and the files of dist/. `close` closes the context.
 */
async function openTab(html: string): Promise<{ page: Page; console: string[]; foreign: string[]; close: () => Promise<void> }> {
  const context = await browser().createBrowserContext();
  const page = await context.newPage();
  const lines: string[] = [];
  const foreign: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') lines.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => lines.push(`pageerror: ${(e as Error).message}`));
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:') {
      // The large cursors of 关怀模式.
      void request.continue();
      return;
    }
    if (url.origin !== ORIGIN) {
      foreign.push(request.url());
      void request.abort();
      return;
    }
    const file = join(dist, url.pathname.replace(/^\/+/, ''));
    if (url.pathname === '/article.html') {
      void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    } else if (/^\/court-widgets[\w.-]*\.js$/.test(url.pathname) && existsSync(file)) {
      void request.respond({ status: 200, contentType: 'text/javascript', body: readFileSync(file) });
    } else if (url.pathname.endsWith('.svg')) {
      void request.respond({
        status: 200,
        contentType: 'image/svg+xml',
        body: '<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="853"><rect width="1280" height="853" fill="#ccc"/></svg>',
      });
    } else {
      void request.respond({ status: 204, body: '' });
    }
  });
  return { page, console: lines, foreign, close: () => context.close() };
}

/**
 * Waits until every `<print-controls>` is defined and settled, then reads the pre-rendered one
 * (in the article's `controls` slot) and, for comparison, one the browser renders itself now
 * for the same article, with the same stored choices.
 */
const READ_CONTROLS = `(async () => {
  await customElements.whenDefined('print-controls');
  const settle = async (el) => { while (!(await el.updateComplete)); };
  const article = document.querySelector('court-article');
  const prerendered = article.querySelector('print-controls');
  await settle(article);
  await settle(prerendered);
  article.id = article.id || 'settings-article';
  const fresh = document.createElement('print-controls');
  fresh.setAttribute('for', article.id);
  document.body.append(fresh);
  await settle(fresh);
  const read = (el) => ({
    buttons: [...el.shadowRoot.querySelectorAll('button.print, button[data-size], button.care')].map((b) => {
      const style = getComputedStyle(b);
      return {
        label: b.textContent.trim(),
        pressed: b.getAttribute('aria-pressed'),
        disabled: b.disabled,
        background: style.backgroundColor,
        color: style.color,
      };
    }),
    fontSize: el.fontSize,
    care: el.care,
    articleFontSize: article.getAttribute('font-size'),
    articleCare: article.hasAttribute('care'),
    footerCare: !!document.querySelector('court-footer') && document.querySelector('court-footer').hasAttribute('care'),
  });
  const result = { prerendered: read(prerendered), fresh: read(fresh) };
  fresh.remove();
  return result;
})()`;

/** The pre-rendered controls and a browser-rendered pair, once the page has hydrated. */
async function readControls(page: Page): Promise<{ prerendered: ControlsState; fresh: ControlsState }> {
  return (await page.evaluate(READ_CONTROLS)) as { prerendered: ControlsState; fresh: ControlsState };
}

/** The page `court-widgets render` writes for the demo article, with its site footer. */
const rendered = renderArticlePage(article, { site, bundle: '/court-widgets.min.js' });

/** Runs `body` with a tab on the rendered page (opened by `body`), closing it afterwards. */
async function withTab(body: (tab: Awaited<ReturnType<typeof openTab>>) => Promise<void>): Promise<void> {
  const tab = await openTab(rendered);
  try {
    await body(tab);
  } finally {
    await tab.close();
  }
}

const pressed = (state: ControlsState) => Object.fromEntries(state.buttons.map((b) => [b.label, b.pressed]));

describe('a pre-rendered page remembers 字号 and 关怀模式', () => {
  test('after a reload the pressed buttons are the reader\u2019s choice: 大 and 关怀模式, in aria-pressed and on screen', async () => {
    assert.ok(rendered.includes('<print-controls'), 'the page has pre-rendered controls');
    await withTab(async (tab) => {
      await tab.page.goto(`${ORIGIN}/article.html`);
      const first = await readControls(tab.page);
      assert.equal(pressed(first.prerendered)['中'], 'true', 'a first visit shows the default 中');
      assert.equal(pressed(first.prerendered)['关怀模式'], 'false');

      // The reader chooses 大 and 关怀模式 (kept in this site's localStorage), then comes back.
      for (const label of ['大', '关怀模式']) {
        const clicked = await tab.page.evaluate((text) => {
          const controls = document.querySelector('court-article print-controls')!;
          const button = [...controls.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === text);
          button?.click();
          return !!button;
        }, label);
        assert.ok(clicked, `clicked ${label}`);
      }
      const stored = await tab.page.evaluate(() => ({ ...localStorage }));
      assert.deepEqual(
        stored,
        {
          'court-widgets:court.test:print-controls.font-size': 'large',
          'court-widgets:court.test:print-controls.care': 'on',
        },
        'the choices are stored for this site',
      );

      await tab.page.reload();
      const { prerendered, fresh } = await readControls(tab.page);

      assert.equal(prerendered.fontSize, 'large');
      assert.equal(prerendered.care, true);
      assert.equal(prerendered.articleFontSize, 'large', 'the article is shown in 大');
      assert.equal(prerendered.articleCare, true, 'the article is in 关怀模式');
      assert.equal(prerendered.footerCare, true, 'the footer follows 关怀模式');
      assert.deepEqual(
        pressed(prerendered),
        { 打印: null, 小: 'false', 中: 'false', 大: 'true', 特大: 'false', 关怀模式: 'true' },
        'aria-pressed tells a screen reader 大 and 关怀模式',
      );
      const button = (label: string) => prerendered.buttons.find((b) => b.label === label)!;
      assert.notEqual(button('大').background, button('中').background, '大 looks pressed, 中 does not');
      assert.equal(button('关怀模式').background, button('大').background, '关怀模式 looks pressed');
      assert.deepEqual(prerendered, fresh, 'the same buttons as the browser renders for these choices: labels, pressed, disabled and colours');
      assert.deepEqual(tab.console, [], 'no console error or warning (hydration mismatches are reported there)');
      assert.deepEqual(tab.foreign, []);
    });
  });

  test('with nothing stored, the hydrated controls keep the defaults and nothing is reported', async () => {
    await withTab(async (tab) => {
      await tab.page.goto(`${ORIGIN}/article.html`);
      const { prerendered, fresh } = await readControls(tab.page);
      assert.deepEqual(
        pressed(prerendered),
        { 打印: null, 小: 'false', 中: 'true', 大: 'false', 特大: 'false', 关怀模式: 'false' },
      );
      assert.equal(prerendered.articleFontSize, 'medium');
      assert.equal(prerendered.articleCare, false);
      assert.equal(prerendered.footerCare, false);
      assert.deepEqual(prerendered, fresh);
      assert.deepEqual(await tab.page.evaluate(() => localStorage.length), 0, 'nothing is stored without a choice');
      assert.deepEqual(tab.console, []);
    });
  });
});

/** The 朗读 button and its note in the pre-rendered controls, once the page has hydrated. */
const READ_ALOUD = `(async () => {
  await customElements.whenDefined('print-controls');
  const settle = async (el) => { while (!(await el.updateComplete)); };
  const controls = document.querySelector('court-article print-controls');
  await settle(document.querySelector('court-article'));
  await settle(controls);
  const read = controls.shadowRoot.querySelector('button.read');
  return { disabled: read.disabled, note: controls.shadowRoot.querySelector('[part~="note"]')?.textContent.trim() ?? null };
})()`;

/** A speechSynthesis with one Chinese voice, installed before the page's scripts run. */
const CHINESE_VOICE = `(() => {
  const voice = { lang: 'zh-CN', name: '慧慧', voiceURI: 'zh-CN-huihui', localService: true, default: true };
  const synth = new EventTarget();
  Object.assign(synth, { speaking: false, paused: false, pending: false, getVoices: () => [voice], speak() {}, cancel() {}, pause() {}, resume() {} });
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
})()`;

describe('a pre-rendered page offers 朗读 as the reader\u2019s browser can', () => {
  test('with a Chinese voice, 朗读 can be pressed once hydrated, and nothing moves', async () => {
    await withTab(async (tab) => {
      await tab.page.evaluateOnNewDocument(CHINESE_VOICE);
      await tab.page.evaluateOnNewDocument(`new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift = (window.__shift || 0) + e.value; }).observe({ type: 'layout-shift', buffered: true });`);
      await tab.page.goto(`${ORIGIN}/article.html`);
      assert.deepEqual(await tab.page.evaluate(READ_ALOUD), { disabled: false, note: null });
      assert.equal(await tab.page.evaluate('window.__shift || 0'), 0, 'no layout shift');
      assert.deepEqual(tab.console, []);
    });
  });

  test('without speech at all, the note says the browser cannot read aloud', async () => {
    await withTab(async (tab) => {
      await tab.page.evaluateOnNewDocument(`Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });`);
      await tab.page.goto(`${ORIGIN}/article.html`);
      assert.deepEqual(await tab.page.evaluate(READ_ALOUD), { disabled: true, note: '此浏览器不支持朗读' });
    });
  });
});
