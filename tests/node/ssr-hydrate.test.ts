// Pages rendered by `court-widgets render`, loaded in Chromium (puppeteer-core) the way a
// reader gets them: before any script runs, with JavaScript off, in a browser without
// declarative shadow DOM, and when the bundle hydrates the server's DOM.
//
// Needs the built bundle (`npm run build`; `npm test` builds first) and the system Chromium.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
// @ts-expect-error: plain JavaScript helper without type declarations
import { chromiumArgs, requireChromium } from '../../scripts/chromium.mjs';
import { parseArticle, parseSite } from '../../src/model/index.js';
import type { Article, Site } from '../../src/model/types.js';
import { renderArticlePage, scriptHashes, styleHashes } from '../../src/ssr/render-page.js';
import { templates as en } from '../../src/locales/en.js';
import { templates as ug } from '../../src/locales/ug.js';
import { runCli } from './cli-helpers.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bundlePath = join(root, 'dist', 'court-widgets.min.js');
const afterPaintPath = join(root, 'dist', 'court-widgets.after-paint.js');
const ORIGIN = 'http://court.test';

function load<T>(file: string, parse: (v: unknown) => { ok: boolean; value?: T }): T {
  const result = parse(JSON.parse(readFileSync(join(root, file), 'utf8')));
  assert.ok(result.ok, `${file} is valid`);
  return result.value as T;
}

const seed = load<Article>('demo/data/seed-article.json', parseArticle);
/**
 * The seed article with a video, closed by a 落款 (end-aligned lines) as notices are, so that
 * hydration covers video blocks and `align`.
 */
const article: Article = {
  ...seed,
  body: [
    ...seed.body,
    { type: 'video', src: 'media/hearing.mp4', poster: 'img/photo-1.svg', caption: '庭审直播回放', width: 1280, height: 720 },
    { type: 'paragraph', text: '抚顺市中级人民法院', align: 'end' },
    { type: 'paragraph', html: '二〇二四年<b>二月二十八日</b>', align: 'end' },
  ],
};
const site = load<Site>('demo/data/site.json', parseSite);
const squash = (s: string) => s.replace(/\s+/g, '');

/** Every text a reader must find: title, subtitle, paragraphs, headings, captions, editor. */
function expectedTexts(a: Article): string[] {
  const texts = [a.title, a.subtitle ?? '', a.editor ?? ''];
  for (const b of a.body) {
    if (b.type === 'paragraph' && b.text) texts.push(b.text);
    if (b.type === 'heading') texts.push(b.text);
    if (b.type === 'image' && b.caption) texts.push(b.caption);
  }
  return texts.filter(Boolean).map(squash);
}

interface Served {
  page: Page;
  /** Requests to any host but the page's own. */
  foreign: string[];
  console: string[];
  /** Same-origin paths answered 404. */
  missing: string[];
  /** Resolves the held bundle response. */
  releaseBundle: () => void;
}

let browser: Browser;

before(async () => {
  assert.ok(existsSync(bundlePath), `${bundlePath} is missing: run "npm run build" first`);
  browser = await puppeteer.launch({ executablePath: requireChromium(), args: chromiumArgs, headless: true });
});

after(async () => {
  await browser?.close();
});

/**
 * Opens a page whose requests are answered from memory; the bundle waits for `releaseBundle`.
 * `origins`: other origins answered like the page's own (for cross-origin frames); `pages`:
 * other paths answered with the given HTML.
 */
async function open(
  html: string,
  options: { javascript?: boolean; csp?: string; origins?: string[]; pages?: Record<string, string>; noBundle?: boolean } = {},
): Promise<Served> {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(options.javascript ?? true);
  const foreign: string[] = [];
  const missing: string[] = [];
  const consoleLines: string[] = [];
  let releaseBundle!: () => void;
  const bundleGate = new Promise<void>((resolve) => (releaseBundle = resolve));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') consoleLines.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleLines.push(`pageerror: ${(e as Error).message}`));
  await page.evaluateOnNewDocument(VISIBLE_TEXT);
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    const url = new URL(request.url());
    // data: addresses never leave the browser (Chromium's own video controls draw their icons with them).
    if (url.protocol === 'data:') {
      void request.continue();
      return;
    }
    if (url.origin !== ORIGIN && !options.origins?.includes(url.origin)) {
      foreign.push(request.url());
      void request.abort();
      return;
    }
    const other = options.pages?.[url.pathname];
    if (other !== undefined) {
      void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: other });
    } else if (url.pathname === '/article.html') {
      void request.respond({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: options.csp ? { 'content-security-policy': options.csp } : {},
        body: html,
      });
    } else if (url.pathname === '/court-widgets.after-paint.js') {
      void request.respond({ status: 200, contentType: 'text/javascript', body: readFileSync(afterPaintPath) });
    } else if (/^\/court-widgets\.(?:en|ug|zh-Hant)\.js$/.test(url.pathname)) {
      // The translations, loaded by the bundle from its own folder.
      void request.respond({ status: 200, contentType: 'text/javascript', body: readFileSync(join(root, 'dist', url.pathname.slice(1))) });
    } else if (url.pathname === '/court-widgets.min.js' && !options.noBundle) {
      void bundleGate.then(() =>
        request.respond({ status: 200, contentType: 'text/javascript', body: readFileSync(bundlePath) }),
      );
    } else if (url.pathname.endsWith('.svg')) {
      void request.respond({
        status: 200,
        contentType: 'image/svg+xml',
        body: '<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="853"><rect width="1280" height="853" fill="#ccc"/></svg>',
      });
    } else if (url.pathname === '/favicon.ico') {
      void request.respond({ status: 204, body: '' });
    } else {
      missing.push(url.pathname);
      void request.respond({ status: 404, body: '' });
    }
  });
  return { page, foreign, missing, console: consoleLines, releaseBundle };
}

/**
 * Opens `html` with the bundle released, waits for `<court-article>` to be registered and
 * updated, then evaluates `read`: the body of an async function with `host` in scope.
 */
async function loadHydrated<T>(html: string, read: string): Promise<{ served: Served; state: T }> {
  const served = await open(html);
  served.releaseBundle();
  await served.page.goto(`${ORIGIN}/article.html`);
  const state = (await served.page.evaluate(`(async () => {
    await customElements.whenDefined('court-article');
    const host = document.querySelector('court-article');
    await host.updateComplete;
    ${read}
  })()`)) as T;
  await served.page.close();
  return { served, state };
}

/**
 * Page-side helper (plain JavaScript, so the TypeScript loader adds nothing to it): the text a
 * reader sees in an element, walking shadow roots and slots as the browser renders them and
 * leaving out what is not displayed.
 */
const VISIBLE_TEXT = `window.visibleText = function visibleText(node) {
  let out = '';
  const walk = (n) => {
    if (n.nodeType === 3) {
      if (n.parentElement && n.parentElement.checkVisibility()) out += n.nodeValue;
      return;
    }
    if (n.nodeType !== 1 && n.nodeType !== 11) return;
    if (n.nodeType === 1 && ['STYLE', 'SCRIPT', 'TEMPLATE'].includes(n.tagName)) return;
    if (n.nodeType === 1 && n.tagName === 'SLOT') {
      const assigned = n.assignedNodes({ flatten: true });
      (assigned.length ? assigned : [...n.childNodes]).forEach(walk);
      return;
    }
    if (n.nodeType === 1 && n.shadowRoot) { walk(n.shadowRoot); return; }
    n.childNodes.forEach(walk);
  };
  walk(node);
  return out;
};`;

const page = renderArticlePage(article, { site, bundle: '/court-widgets.min.js' });

/** The photos' 查看大图 buttons and alt-named images in the page's accessibility tree (CDP). */
async function photoRoles(target: Page): Promise<{ buttons: number; images: number }> {
  const session = await target.createCDPSession();
  const { nodes } = (await session.send('Accessibility.getFullAXTree')) as {
    nodes: Array<{ ignored?: boolean; role?: { value?: string }; name?: { value?: string } }>;
  };
  await session.detach();
  const alts = article.body.flatMap((b) => (b.type === 'image' && b.alt ? [b.alt] : []));
  const live = nodes.filter((n) => !n.ignored);
  return {
    buttons: live.filter((n) => n.role?.value === 'button' && (n.name?.value ?? '').startsWith('查看大图')).length,
    images: live.filter((n) => n.role?.value === 'image' && alts.includes(n.name?.value ?? '')).length,
  };
}

describe('a page rendered by court-widgets render, in Chromium', () => {
  test('shows the whole article from declarative shadow DOM before the bundle has loaded', async () => {
    const served = await open(page);
    const navigation = served.page.goto(`${ORIGIN}/article.html`);
    await served.page.waitForFunction(() => !!document.querySelector('court-article')?.shadowRoot?.querySelector('h1'));
    const state = await served.page.evaluate(() => {
      const host = document.querySelector('court-article')!;
      const fallback = host.querySelector('.court-widgets-fallback') as HTMLElement;
      return {
        defined: !!customElements.get('court-article'),
        title: host.shadowRoot!.querySelector('h1')!.textContent,
        text: (window as unknown as { visibleText(n: Node): string }).visibleText(host),
        styled: getComputedStyle(host.shadowRoot!.querySelector('h1')!).color,
        fallbackShown: fallback.getClientRects().length > 0,
        footer: (window as unknown as { visibleText(n: Node): string }).visibleText(document.querySelector('court-footer')!),
      };
    });
    served.releaseBundle();
    await navigation;
    await served.page.close();
    assert.equal(state.defined, false, 'no element is defined yet');
    assert.equal(state.title, article.title);
    for (const text of expectedTexts(article)) assert.ok(squash(state.text).includes(text), `shown before scripts: ${text.slice(0, 20)}`);
    assert.equal(state.styled, 'rgb(176, 25, 30)', 'the title has the court-red of the element styles');
    assert.equal(state.fallbackShown, false, 'the light-DOM copy is not shown next to the shadow DOM');
    assert.ok(state.footer.includes('024-57719303'), 'the footer is rendered too');
    assert.deepEqual(served.foreign, []);
  });

  test('hydrates: the article text nodes stay the same nodes, nothing is re-rendered, no warnings', async () => {
    const served = await open(page);
    const navigation = served.page.goto(`${ORIGIN}/article.html`);
    await served.page.waitForFunction(() => !!document.querySelector('court-article')?.shadowRoot?.querySelector('h1'));
    await served.page.evaluate(`(() => {
      const roots = [];
      const collect = (root) => {
        roots.push(root);
        for (const el of root.querySelectorAll('*')) if (el.shadowRoot) collect(el.shadowRoot);
      };
      collect(document.querySelector('court-article').shadowRoot);
      for (const extra of document.querySelectorAll('print-controls, court-footer')) if (extra.shadowRoot) collect(extra.shadowRoot);
      const texts = [];
      for (const root of roots) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.nodeValue.trim()) texts.push(n);
      }
      const records = [];
      const observer = new MutationObserver((list) => {
        for (const r of list) {
          if (r.type === 'characterData') records.push('text changed: ' + r.target.nodeValue);
          for (const n of r.removedNodes) records.push('removed: ' + n.nodeName + ' ' + (n.textContent || '').slice(0, 30));
          for (const n of r.addedNodes) records.push('added: ' + n.nodeName + ' ' + (n.textContent || '').slice(0, 30));
        }
      });
      for (const root of roots) observer.observe(root, { childList: true, characterData: true, subtree: true });
      Object.assign(window, { __texts: texts, __roots: roots, __records: records, __observer: observer });
    })()`);
    served.releaseBundle();
    await navigation;
    const result = (await served.page.evaluate(`(async () => {
      await customElements.whenDefined('court-article');
      const host = document.querySelector('court-article');
      await host.updateComplete;
      for (const el of host.shadowRoot.querySelectorAll('photo-caption')) await el.updateComplete;
      await new Promise((r) => setTimeout(r, 50));
      __observer.takeRecords().forEach(() => __records.push('late record'));
      const now = [];
      for (const root of __roots) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.nodeValue.trim()) now.push(n);
      }
      return {
        before: __texts.length,
        allConnected: __texts.every((t) => t.isConnected),
        sameNodes: __texts.length === now.length && __texts.every((t, i) => t === now[i]),
        sameRoots: __roots[0] === host.shadowRoot,
        records: __records,
        hydrated: !host.shadowRoot.querySelector('photo-caption[defer-hydration]'),
        upgraded: host instanceof customElements.get('court-article'),
        others: [...document.querySelectorAll('print-controls, court-footer')].map((el) => el.localName + ':' + (el instanceof customElements.get(el.localName))),
      };
    })()`)) as {
      before: number; allConnected: boolean; sameNodes: boolean; sameRoots: boolean;
      records: string[]; hydrated: boolean; upgraded: boolean; others: string[];
    };
    await served.page.close();
    assert.equal(result.upgraded, true, 'the element upgraded');
    assert.deepEqual(result.others, ['print-controls:true', 'court-footer:true'], 'print controls and footer hydrated too (observed with the article)');
    assert.equal(result.hydrated, true, 'nested photo-captions hydrated');
    assert.ok(result.before > 30, `article text nodes observed (${result.before})`);
    assert.equal(result.sameRoots, true, 'the server shadow root is kept');
    assert.equal(result.allConnected, true, 'no text node was removed');
    assert.equal(result.sameNodes, true, 'the same text nodes, in the same order');
    assert.deepEqual(result.records, [], 'no node added, removed or changed in the shadow roots');
    assert.deepEqual(served.console, [], `no console errors or warnings (hydration mismatches are reported there); 404s: ${served.missing.join(', ')}`);
    assert.deepEqual(served.foreign, []);
  });

  test('the bundle registers the elements of a pre-rendered page after its first painted frame; elsewhere at once', async () => {
    // The bundle by its own tag, as a page made by hand has it. A module script after the
    // bundle's runs right after the bundle has been evaluated.
    const direct = page.replace('/court-widgets.after-paint.js', '/court-widgets.min.js');
    assert.notEqual(direct, page);
    const probe = `<script type="module">
      window.__atBundleEnd = !!customElements.get('court-article');
      window.__frame = false;
      requestAnimationFrame(() => { window.__frame = true; });
      window.__definedAfterFrame = customElements.whenDefined('court-article').then(() => window.__frame);
    </script>`;
    const withProbe = (html: string) => html.replace('</head>', `${probe}\n</head>`);
    const noDsd = direct.replace(/ shadowrootmode="open"/g, '').replace(/ shadowroot="open"/g, '');
    const results: Record<string, { visibility: string; atBundleEnd: boolean; definedAfterFrame: boolean; hydrated: boolean }> = {};
    for (const [name, html] of Object.entries({ prerendered: withProbe(direct), 'without declarative shadow DOM': withProbe(noDsd) })) {
      const served = await open(html);
      served.releaseBundle();
      await served.page.goto(`${ORIGIN}/article.html`);
      results[name] = (await served.page.evaluate(`(async () => {
        const definedAfterFrame = await window.__definedAfterFrame;
        const host = document.querySelector('court-article');
        await host.updateComplete;
        return {
          visibility: document.visibilityState,
          atBundleEnd: window.__atBundleEnd,
          definedAfterFrame,
          hydrated: !!host.shadowRoot.querySelector('h1') && host.shadowRoot.querySelector('h1').textContent === ${JSON.stringify(article.title)},
        };
      })()`)) as (typeof results)[string];
      await served.page.close();
      assert.deepEqual(served.console, [], name);
    }
    assert.equal(results.prerendered.visibility, 'visible');
    assert.deepEqual(results.prerendered, { visibility: 'visible', atBundleEnd: false, definedAfterFrame: true, hydrated: true }, 'pre-rendered: held until a frame has been drawn');
    assert.deepEqual(
      results['without declarative shadow DOM'],
      { visibility: 'visible', atBundleEnd: true, definedAfterFrame: false, hydrated: true },
      'nothing pre-rendered: registered while the bundle runs',
    );
  });

  test("the page's script, court-widgets.after-paint.js, requests the bundle only after the first paint; the page then hydrates", async () => {
    for (const [bundle, requested] of [['/court-widgets.min.js', '/court-widgets.min.js'], ['/court-widgets.min.js?v=3', '/court-widgets.min.js?v=3']]) {
      const html = renderArticlePage(article, { site, bundle });
      assert.ok(html.includes(`<script type="module" src="${bundle.replace('min.js', 'after-paint.js')}"></script>`), bundle);
      assert.equal(html.includes('court-widgets.min.js'), false, 'the page does not load the bundle itself');
      // The last thing parsed asks for the next frame: the first one with the whole page in it.
      // Paint timings are presentation times, later than the frame's own work; this is not.
      const frameProbe = '<script>requestAnimationFrame(function () { window.__frame = performance.now(); });</script>';
      const { served, state } = await loadHydrated<{ frame: number; loads: { path: string; start: number }[]; title: string; upgraded: boolean }>(
        html.replace('</body>', `${frameProbe}\n</body>`),
        `const loads = performance.getEntriesByType('resource').filter((e) => e.name.includes('/court-widgets.min.js'));
        return {
          frame: window.__frame || -1,
          loads: loads.map((e) => ({ path: new URL(e.name).pathname + new URL(e.name).search, start: e.startTime })),
          title: host.shadowRoot.querySelector('h1').textContent,
          upgraded: host instanceof customElements.get('court-article'),
        };`,
      );
      assert.equal(state.loads.length, 1, `the bundle is requested once: ${JSON.stringify(state.loads)}`);
      assert.equal(state.loads[0].path, requested);
      assert.ok(state.frame > 0, 'a frame was drawn after the page was parsed');
      assert.ok(state.loads[0].start >= state.frame, `bundle requested at ${state.loads[0].start} ms, the frame after parsing began at ${state.frame} ms`);
      assert.equal(state.upgraded, true);
      assert.equal(state.title, article.title);
      assert.deepEqual(served.console, []);
      assert.deepEqual(served.missing, []);
    }
  });

  test('when the bundle cannot be loaded, the pre-rendered page stays whole and one warning names the file', async () => {
    const served = await open(page, { noBundle: true });
    await served.page.goto(`${ORIGIN}/article.html`);
    await served.page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('court-widgets.min.js')));
    await served.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    const state = await served.page.evaluate(() => {
      const host = document.querySelector('court-article')!;
      return {
        defined: !!customElements.get('court-article'),
        text: (window as unknown as { visibleText(n: Node): string }).visibleText(host),
        footer: (window as unknown as { visibleText(n: Node): string }).visibleText(document.querySelector('court-footer')!),
      };
    });
    await served.page.close();
    assert.equal(state.defined, false);
    for (const text of expectedTexts(article)) assert.ok(squash(state.text).includes(text), `still shown: ${text.slice(0, 20)}`);
    assert.ok(state.footer.includes('024-57719303'));
    assert.deepEqual(served.missing, ['/court-widgets.min.js']);
    const warnings = served.console.filter((line) => line.startsWith('warn:'));
    assert.equal(warnings.length, 1, served.console.join('\n'));
    assert.match(warnings[0], /could not load http:\/\/court\.test\/court-widgets\.min\.js/);
  });

  test('a bundle under another name is loaded by its own tag', () => {
    for (const bundle of ['/js/cw.js', 'https://court.test/js/court-widgets.min.js#x']) {
      assert.ok(renderArticlePage(article, { bundle }).includes(`<script type="module" src="${bundle}"></script>`), bundle);
    }
    assert.ok(renderArticlePage(article, { bundle: 'court-widgets.min.js' }).includes('<script type="module" src="court-widgets.after-paint.js"></script>'));
    assert.ok(renderArticlePage(article, { bundle: '/a"b/court-widgets.min.js' }).includes('src="/a&quot;b/court-widgets.after-paint.js"'), 'escaped');
  });

  test('a pre-rendered page in a cross-origin frame out of view, which gets no frame, still hydrates', async () => {
    const EMBED = 'http://embed.test';
    const host = `<!doctype html><html lang="zh-CN"><body><div style="height: 5000px">门户首页</div>
      <iframe src="${EMBED}/article.html" width="800" height="600" title="文章"></iframe></body></html>`;
    const served = await open(page, { origins: [EMBED], pages: { '/host.html': host } });
    served.releaseBundle();
    await served.page.goto(`${ORIGIN}/host.html`);
    const frame = served.page.frames().find((f) => f.url() === `${EMBED}/article.html`);
    assert.ok(frame, 'the article frame loaded');
    const state = (await frame.evaluate(`(async () => {
      let frames = 0;
      requestAnimationFrame(() => frames++);
      const defined = await Promise.race([
        customElements.whenDefined('court-article').then(() => true),
        new Promise((resolve) => setTimeout(() => resolve(false), 5000)),
      ]);
      const host = document.querySelector('court-article');
      if (defined) await host.updateComplete;
      return { defined, frames, upgraded: host instanceof (customElements.get('court-article') || Object) && host.constructor !== HTMLElement };
    })()`)) as { defined: boolean; frames: number; upgraded: boolean };
    await served.page.close();
    assert.equal(state.defined, true, `registered although the frame drew ${state.frames} frames`);
    assert.equal(state.upgraded, true);
    assert.deepEqual(served.console, []);
    assert.deepEqual(served.foreign, []);
  });

  test('shows the article with JavaScript off', async () => {
    const served = await open(page, { javascript: false });
    await served.page.goto(`${ORIGIN}/article.html`);
    await served.page.evaluate(VISIBLE_TEXT);
    const shot = await served.page.evaluate(() => ({
      text: (window as unknown as { visibleText(n: Node): string }).visibleText(document.querySelector('court-article')!),
      hasShadow: !!document.querySelector('court-article')!.shadowRoot,
      styled: getComputedStyle(document.querySelector('court-article')!.shadowRoot!.querySelector('h1')!).color,
      fallbackShown: (document.querySelector('court-article .court-widgets-fallback') as HTMLElement).getClientRects().length > 0,
    }));
    await served.page.close();
    assert.equal(shot.hasShadow, true);
    assert.equal(shot.styled, 'rgb(176, 25, 30)', 'styled by the element styles without any script');
    assert.equal(shot.fallbackShown, false, 'the article is shown once');
    for (const text of expectedTexts(article)) assert.ok(squash(shot.text).includes(text), `shown without JavaScript: ${text.slice(0, 20)}`);
  });

  test('photo buttons: unavailable without JavaScript (the picture only), enabled once hydrated, and they open the dialog', async () => {
    const PHOTOS = `[...document.querySelector('court-article').shadowRoot.querySelectorAll('photo-caption')].map((p) => p.shadowRoot.querySelector('button.open'))`;
    const off = await open(page, { javascript: false });
    await off.page.goto(`${ORIGIN}/article.html`);
    const without = (await off.page.evaluate(`${PHOTOS}.map((b) => ({ disabled: b.disabled, image: !!b.querySelector('img') }))`)) as Array<{ disabled: boolean; image: boolean }>;
    // What a screen reader gets: the pictures, named by their text alternatives; no button.
    const axOff = await photoRoles(off.page);
    // Tab through the whole page: no photo button takes the focus.
    const focused: string[] = [];
    for (let i = 0; i < 40; i++) {
      await off.page.keyboard.press('Tab');
      focused.push(
        (await off.page.evaluate(() => {
          let el: Element | null = document.activeElement;
          while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
          return el ? `${el.tagName.toLowerCase()}.${el.className}` : '';
        })) as string,
      );
    }
    await off.page.close();
    assert.equal(without.length, 4);
    assert.deepEqual(without, without.map(() => ({ disabled: true, image: true })), 'each photo is shown, in a disabled button');
    assert.ok(focused.some((f) => f.startsWith('a.')), `Tab reaches the article's links (${[...new Set(focused)].join(', ')})`);
    assert.ok(!focused.includes('button.open'), 'Tab never lands on a photo button');
    assert.equal(axOff.buttons, 0, 'no 查看大图 button in the accessibility tree');
    assert.equal(axOff.images, 4, 'each photo is an image named by its alt');

    const { served, state } = await loadHydrated<{ disabled: boolean[]; opened: boolean; same: boolean }>(
      page,
      `const before = ${PHOTOS};
      const photo = host.shadowRoot.querySelector('photo-caption');
      while (!(await photo.updateComplete));
      const buttons = ${PHOTOS};
      buttons[0].click();
      await photo.updateComplete;
      return { disabled: buttons.map((b) => b.disabled), opened: photo.shadowRoot.querySelector('dialog').open, same: before[0] === buttons[0] };`,
    );
    assert.deepEqual(state.disabled, [false, false, false, false], 'enabled once hydrated');
    const live = await open(page);
    live.releaseBundle();
    await live.page.goto(`${ORIGIN}/article.html`);
    await live.page.waitForFunction(`(async () => {
      const photo = document.querySelector('court-article')?.shadowRoot?.querySelector('photo-caption');
      return !!photo && customElements.get('photo-caption') !== undefined && !photo.shadowRoot.querySelector('button.open').disabled;
    })()`);
    const axOn = await photoRoles(live.page);
    await live.page.close();
    assert.equal(axOn.buttons, 4, 'hydrated: four 查看大图 buttons');
    assert.equal(state.same, true, 'the same button node: hydrated, not rendered again');
    assert.equal(state.opened, true, 'a click opens the full image');
    assert.deepEqual(served.console, []);
  });

  test('photos reserve their space before any script or image, and hydration shifts nothing', async () => {
    const served = await open(page, { javascript: false });
    await served.page.setViewport({ width: 1280, height: 900 });
    await served.page.goto(`${ORIGIN}/article.html`);
    const heights = await served.page.evaluate(() =>
      [...document.querySelector('court-article')!.shadowRoot!.querySelectorAll('photo-caption')].map((p) => {
        const frame = p.shadowRoot!.querySelector('.frame')!.getBoundingClientRect();
        return { width: frame.width, height: frame.height };
      }),
    );
    await served.page.close();
    assert.equal(heights.length, 4);
    for (const { width, height } of heights) {
      assert.ok(width > 300, `the photo frame has its width without JavaScript (${width})`);
      assert.ok(Math.abs(height / width - 853 / 1280) < 0.02, `the frame keeps the photo's proportions (${width}×${height})`);
    }

    const live = await open(page);
    await live.page.setViewport({ width: 1280, height: 900 });
    await live.page.evaluateOnNewDocument(() => {
      const w = window as unknown as { shifts: number };
      w.shifts = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.shifts += (entry as unknown as { value: number }).value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    live.releaseBundle();
    await live.page.goto(`${ORIGIN}/article.html`);
    await live.page.waitForFunction(() => customElements.get('court-article') !== undefined);
    await live.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
    const shifts = await live.page.evaluate(() => (window as unknown as { shifts: number }).shifts);
    await live.page.close();
    assert.equal(shifts, 0, 'cumulative layout shift while the bundle hydrates the page');
  });

  test('without declarative shadow DOM or custom elements, the light-DOM copy is readable', async () => {
    // What a browser that knows neither feature parses: a plain, inert <template>.
    const old = page.replace(/ shadowrootmode="open"/g, '').replace(/ shadowroot="open"/g, '');
    const served = await open(old, { javascript: false });
    // A phone: the video stays in the column, the 落款 has no indent.
    await served.page.setViewport({ width: 320, height: 640 });
    await served.page.goto(`${ORIGIN}/article.html`);
    const state = await served.page.evaluate(() => {
      const host = document.querySelector('court-article') as HTMLElement;
      const video = host.querySelector('.court-widgets-fallback figure video')!;
      const signature = host.querySelector('.court-widgets-fallback > p[align="right"]')!;
      return {
        pageWidth: document.documentElement.scrollWidth,
        videoWidth: video.getBoundingClientRect().width,
        signatureIndent: getComputedStyle(signature).textIndent,
        hasShadow: !!host.shadowRoot,
        text: host.innerText,
        headings: [...host.querySelectorAll('.court-widgets-fallback header h1, .court-widgets-fallback > h2')].map((h) => h.textContent),
        attachments: host.querySelectorAll('.court-widgets-fallback section li a').length,
        images: host.querySelectorAll('.court-widgets-fallback figure img').length,
      };
    });
    await served.page.close();
    assert.equal(state.hasShadow, false);
    assert.ok(state.pageWidth <= 320, `no sideways scrolling (${state.pageWidth} px)`);
    assert.ok(state.videoWidth > 200 && state.videoWidth <= 300, `the video fits the column (${state.videoWidth} px)`);
    assert.equal(state.signatureIndent, '0px');
    for (const text of expectedTexts(article)) assert.ok(squash(state.text).includes(text), `readable: ${text.slice(0, 20)}`);
    assert.equal(state.headings[0], article.title, 'the title is the h1');
    assert.equal(state.headings.length, 1 + article.body.filter((b) => b.type === 'heading').length);
    assert.equal(state.images, article.body.filter((b) => b.type === 'image').length);
    assert.equal(state.attachments, article.attachments?.length ?? 0);
  });

  test('a video that failed before the bundle arrived (played at once, file missing) says so once hydrated', async () => {
    const served = await open(page);
    await served.page.goto(`${ORIGIN}/article.html`);
    const failed = await served.page.evaluate(async () => {
      const video = document.querySelector('court-article')!.shadowRoot!.querySelector('video')!;
      video.muted = true;
      await video.play().catch(() => undefined);
      for (let i = 0; i < 100 && !video.error; i++) await new Promise((r) => setTimeout(r, 50));
      return { code: video.error?.code ?? 0, defined: !!customElements.get('court-article') };
    });
    assert.deepEqual(failed, { code: 4, defined: false }, 'the file failed before the bundle');
    assert.ok(served.missing.includes('/media/hearing.mp4'));
    served.releaseBundle();
    const message = await served.page.evaluate(async () => {
      await customElements.whenDefined('court-article');
      const host = document.querySelector('court-article') as HTMLElement & { updateComplete: Promise<unknown> };
      await host.updateComplete;
      const note = host.shadowRoot!.querySelector('.video-failed');
      return note ? { text: note.textContent!.replace(/\s+/g, ' ').trim(), href: note.querySelector('a')!.getAttribute('href') } : null;
    });
    await served.page.close();
    assert.deepEqual(message, { text: '这段视频无法在此播放。 下载视频', href: 'media/hearing.mp4' });
  });

  test('without declarative shadow DOM but with the bundle, the element renders from its inline JSON', async () => {
    const old = page.replace(/ shadowrootmode="open"/g, '').replace(/ shadowroot="open"/g, '');
    const { served, state } = await loadHydrated<{ title: string; fallbackShown: boolean }>(
      old,
      `return {
        title: host.shadowRoot && host.shadowRoot.querySelector('h1').textContent,
        fallbackShown: host.querySelector('.court-widgets-fallback').getClientRects().length > 0,
      };`,
    );
    assert.equal(state.title, article.title);
    assert.equal(state.fallbackShown, false, 'the light-DOM copy is hidden once the element has rendered');
    assert.deepEqual(served.console, []);
  });
});

describe('a pre-rendered page under a strict Content-Security-Policy', () => {
  // The page's one inline script (stored 字号 and 关怀模式 before the first paint) by its hash.
  const strict = (styleSrc: string, scriptSrc = `'self' ${scriptHashes(page).join(' ')}`) =>
    `default-src 'self'; script-src ${scriptSrc}; style-src ${styleSrc}; img-src 'self' data:; ` +
    `require-trusted-types-for 'script'; trusted-types lit-html court-widgets`;
  const RED = 'rgb(176, 25, 30)';

  /** Loads the page under `csp`; the title colour before and after the bundle, and the violations. */
  async function load(csp: string) {
    const served = await open(page, { csp });
    await served.page.evaluateOnNewDocument(() => {
      const w = window as unknown as { violations: string[] };
      w.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
    });
    const navigation = served.page.goto(`${ORIGIN}/article.html`);
    await served.page.waitForFunction(() => !!document.querySelector('court-article')?.shadowRoot?.querySelector('h1'));
    const title = () => served.page.evaluate(() => getComputedStyle(document.querySelector('court-article')!.shadowRoot!.querySelector('h1')!).color);
    const before = await title();
    served.releaseBundle();
    await navigation;
    await served.page.evaluate(`(async () => {
      await customElements.whenDefined('court-article');
      await document.querySelector('court-article').updateComplete;
    })()`);
    const after = await title();
    const violations = (await served.page.evaluate(() => (window as unknown as { violations: string[] }).violations)) as string[];
    const consoleLines = served.console.filter((line) => !line.includes('Content Security Policy'));
    await served.page.close();
    return { before, after, violations, console: consoleLines, foreign: served.foreign };
  }

  test("without the style hashes: unstyled until the bundle runs, then styled by adopted sheets", async () => {
    const state = await load(strict("'self'"));
    assert.notEqual(state.before, RED, 'the inline styles of the shadow roots are refused (the policy is in force)');
    assert.equal(state.after, RED, 'styled once hydrated');
    assert.ok(state.violations.length > 0);
    assert.deepEqual([...new Set(state.violations.map((v) => v.split(' ')[0]))], ['style-src-elem'], 'only the inline styles are refused');
    assert.deepEqual(state.console, []);
    assert.deepEqual(state.foreign, []);
  });

  test('without the script hash: the inline settings script alone is refused, and the page hydrates styled', async () => {
    const hashes = styleHashes(page);
    const state = await load(strict(`'self' ${hashes.join(' ')}`, "'self'"));
    assert.equal(state.before, RED);
    assert.equal(state.after, RED);
    // The settings script, in the article and in the footer: the same text, refused twice.
    assert.deepEqual(state.violations.map((v) => v.split(' ')[0]), ['script-src-elem', 'script-src-elem'], 'only the settings script is refused');
    assert.deepEqual(state.console, []);
  });

  test('with the hashes of `court-widgets render --csp`: styled before any script, and no violation at all', async () => {
    assert.equal(scriptHashes(page).length, 1, 'one inline script runs: the settings script');
    assert.match(scriptHashes(page)[0]!, /^'sha256-[A-Za-z0-9+/]{43}='$/);
    const hashes = styleHashes(page);
    assert.ok(hashes.length >= 4, `one hash per distinct style (${hashes.length})`);
    for (const hash of hashes) assert.match(hash, /^'sha256-[A-Za-z0-9+/]{43}='$/);
    const state = await load(strict(`'self' ${hashes.join(' ')}`));
    assert.equal(state.before, RED, 'styled from the pre-rendered styles, before the bundle');
    assert.equal(state.after, RED);
    assert.deepEqual(state.violations, []);
    assert.deepEqual(state.console, []);
  });
});


describe('a pre-rendered page in English or Uyghur', () => {
  /** `court-widgets render` of the seed article in `lang`, with the site footer and the bundle. */
  function renderWithCli(lang: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'cw-hydrate-'));
    try {
      writeFileSync(join(dir, 'article.json'), JSON.stringify({ ...JSON.parse(readFileSync(join(root, 'demo/data/seed-article.json'), 'utf8')), lang }));
      const run = runCli(['render', join(dir, 'article.json'), '--site', join(root, 'demo/data/site.json'), '--bundle', '/court-widgets.min.js']);
      assert.equal(run.status, 0, run.stderr);
      return run.stdout;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  interface Shown {
    print: string;
    author: string;
    hotline: string;
    bylineDirection: string;
    sameTitle: boolean;
    sameParagraph: boolean;
    upgraded: boolean;
  }

  /**
   * Opens `html`, keeps the server's h1 and first paragraph, lets the bundle hydrate, waits
   * until no element has an update pending, and reads the interface text a reader sees.
   */
  async function hydrate(html: string): Promise<{ served: Served; shown: Shown }> {
    const served = await open(html);
    const navigation = served.page.goto(`${ORIGIN}/article.html`);
    await served.page.waitForFunction(() => !!document.querySelector('court-footer')?.shadowRoot);
    await served.page.evaluate(() => {
      const root = document.querySelector('court-article')!.shadowRoot!;
      Object.assign(window, { __h1: root.querySelector('h1'), __p: root.querySelector('.body p') });
    });
    served.releaseBundle();
    await navigation;
    const shown = (await served.page.evaluate(`(async () => {
      for (const tag of ['court-article', 'print-controls', 'court-footer']) await customElements.whenDefined(tag);
      const article = document.querySelector('court-article');
      const controls = document.querySelector('print-controls');
      const footer = document.querySelector('court-footer');
      // updateComplete is false while another update is pending (or waiting for a translation).
      for (const el of [article, controls, footer, article, controls, footer]) {
        for (let i = 0; i < 20 && !(await el.updateComplete); i++);
      }
      const root = article.shadowRoot;
      return {
        print: controls.shadowRoot.querySelector('button.print').textContent.trim(),
        author: root.querySelector('.byline .label').textContent.trim(),
        hotline: footer.shadowRoot.querySelector('.hotline-label').textContent.trim(),
        bylineDirection: getComputedStyle(root.querySelector('.byline')).direction,
        sameTitle: window.__h1.isConnected && root.querySelector('h1') === window.__h1,
        sameParagraph: window.__p.isConnected && root.querySelector('.body p') === window.__p,
        upgraded: article instanceof customElements.get('court-article'),
      };
    })()`)) as Shown;
    await served.page.close();
    return { served, shown };
  }

  for (const [lang, table, direction] of [['en', en, 'ltr'], ['ug', ug, 'rtl']] as const) {
    test(`an article in ${lang} rendered by the CLI hydrates with its interface in ${lang}, keeping the server's nodes`, async () => {
      const page = renderWithCli(lang);
      assert.match(page, new RegExp(`<html lang="${lang}"`));
      const { served, shown } = await hydrate(page);
      assert.equal(shown.upgraded, true);
      assert.equal(shown.print, table['print-controls.print'], 'the print button');
      assert.equal(shown.author, table['court-article.author'], 'the byline label');
      assert.equal(shown.hotline, table['court-footer.hotline'], 'the footer');
      assert.equal(shown.bylineDirection, direction);
      assert.equal(shown.sameTitle, true, 'the h1 of the server is kept: hydrated, not rendered again');
      assert.equal(shown.sameParagraph, true, 'the first paragraph of the server is kept');
      assert.deepEqual(served.console, [], 'no console errors or warnings (hydration mismatches are reported there)');
      assert.deepEqual(served.missing, []);
      assert.deepEqual(served.foreign, []);
    });
  }

  test('a zh-CN fragment pasted into an English page hydrates in Chinese, then shows its interface in English', async () => {
    const fragment = renderArticlePage(article, { site, bundle: '/court-widgets.min.js', fragment: true });
    assert.ok(fragment.includes('打印'), 'the server rendered the interface in zh-CN');
    const host = `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Court news</title></head>\n<body>\n${fragment}</body>\n</html>\n`;
    const { served, shown } = await hydrate(host);
    assert.equal(shown.upgraded, true);
    assert.equal(shown.print, en['print-controls.print'], 'the print button');
    assert.equal(shown.author, en['court-article.author'], 'the byline label');
    assert.equal(shown.hotline, en['court-footer.hotline'], 'the footer');
    assert.equal(shown.sameTitle, true, 'the h1 of the server is kept: hydrated, not rendered again');
    assert.equal(shown.sameParagraph, true, 'the first paragraph of the server is kept');
    assert.deepEqual(served.console, [], 'no console errors or warnings (hydration mismatches are reported there)');
    assert.deepEqual(served.missing, []);
    assert.deepEqual(served.foreign, []);
  });
});
