// The one-file bundle under the strict Content-Security-Policy with Trusted Types that
// docs/security.md tells court sites to send. The header is read from docs/security.md, so
// the documentation and this test cannot drift apart.
//
// A node:http server on 127.0.0.1 serves the repository with that header on every response and
// puts a real counter service (SQLite in a temp directory) behind the same origin at
// /counter/, so `connect-src 'self'` holds. Headless Chromium (puppeteer-core) loads
// demo/csp.html and uses every element the way a reader would; a `securitypolicyviolation`
// listener installed before any page script, the console and uncaught errors are watched.
// Negative controls show the listener does report what the policy forbids, and that each
// Trusted Types policy name in the header is needed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { proxyToCounter } from '../../scripts/counter-proxy.mjs';
import { createCounterService, type CounterService } from '../../src/server/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BUNDLE = join(root, 'dist/court-widgets.min.js');

interface ChromiumModule {
  requireChromium(): string;
  chromiumArgs: string[];
}

/** The header docs/security.md recommends: the line after "Content-Security-Policy:" in its http block. */
function documentedPolicy(): string {
  const doc = readFileSync(join(root, 'docs/security.md'), 'utf8');
  const match = /```http\r?\nContent-Security-Policy: ([^\r\n]+)\r?\n```/.exec(doc);
  assert.ok(match, 'docs/security.md has an ```http block with the Content-Security-Policy header');
  return match[1]!.trim();
}

/** `policy` with its `trusted-types` directive replaced by `names`. */
function withTrustedTypes(policy: string, names: string[]): string {
  return policy.replace(/trusted-types [^;]+/, `trusted-types ${names.join(' ')}`);
}

/** Names listed in the policy's `trusted-types` directive. */
function trustedTypesNames(policy: string): string[] {
  const directive = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('trusted-types '));
  assert.ok(directive, 'the policy has a trusted-types directive');
  return directive.split(/\s+/).slice(1).filter((n) => !n.startsWith("'"));
}

/** Violations grouped as "directive from source (×count)", for a readable failure. */
function summary(violations: Reports['violations']): string[] {
  const counts = new Map<string, number>();
  for (const v of violations) {
    const where = v.element ? ` on ${v.element.replace(/>[\s\S]*$/, '>')}` : '';
    const key = `${v.directive} from ${v.source.replace(/^https?:\/\/[^/]+/, '')}${where}${v.sample ? ` (${v.sample})` : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${key} ×${n}`);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.md': 'text/markdown; charset=utf-8',
};

/** What the browser reported, collected in the page by the script installed before any other. */
interface Reports {
  violations: { directive: string; blocked: string; sample: string; source: string; element: string }[];
  errors: string[];
  printCalls: number;
  spoken: string[];
}

/** Runs in the page before any of its scripts (puppeteer's evaluateOnNewDocument). */
function watchPage(): void {
  const w = window as unknown as { __reports: Reports; print: () => void };
  const reports: Reports = { violations: [], errors: [], printCalls: 0, spoken: [] };
  w.__reports = reports;
  document.addEventListener(
    'securitypolicyviolation',
    (event) => {
      reports.violations.push({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        sample: event.sample,
        source: `${event.sourceFile}:${event.lineNumber}`,
        // The element an attribute violation is about, to find the code that set it.
        element: event.target instanceof Element ? event.target.outerHTML.slice(0, 120) : '',
      });
    },
    true,
  );
  window.addEventListener('error', (event) => reports.errors.push(`error: ${event.message}`), true);
  window.addEventListener('unhandledrejection', (event) => reports.errors.push(`unhandled rejection: ${String(event.reason)}`));
  // The print dialog would block a headless page: count the calls instead.
  w.print = () => {
    reports.printCalls += 1;
  };
  // Headless Chromium has speechSynthesis but no voice, which disables 朗读. A stand-in with one
  // zh-CN voice speaks each utterance at once, so the read-aloud path (highlighting blocks in
  // the article's shadow tree) runs under the policy too.
  if ('speechSynthesis' in window) {
    class Utterance extends EventTarget {
      lang = '';
      voice: unknown = null;
      onstart: ((e: Event) => void) | null = null;
      onend: ((e: Event) => void) | null = null;
      onerror: ((e: Event) => void) | null = null;
      constructor(readonly text: string) {
        super();
      }
    }
    const voice = { lang: 'zh-CN', name: 'stand-in', voiceURI: 'stand-in', localService: true, default: true };
    let current: Utterance | null = null;
    const synth = Object.assign(new EventTarget(), {
      speaking: false,
      paused: false,
      pending: false,
      getVoices: () => [voice],
      speak(u: Utterance) {
        current = u;
        reports.spoken.push(u.text);
        setTimeout(() => {
          if (current !== u) return;
          u.onstart?.(new Event('start'));
          setTimeout(() => {
            if (current === u) u.onend?.(new Event('end'));
          }, 5);
        }, 5);
      },
      cancel() {
        current = null;
      },
      pause() {},
      resume() {},
    });
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
  }
}

describe('strict CSP with Trusted Types', () => {
  const policy = documentedPolicy();
  let csp = policy;
  let server: Server;
  let counter: CounterService;
  let browser: Browser;
  let base = '';
  let dataDir = '';
  let flakyRequests = 0;

  function proxyCounter(req: IncomingMessage, res: ServerResponse): void {
    proxyToCounter(req, res, { target: counter.url, prefix: '/counter', extraHeaders: { 'content-security-policy': csp } });
  }

  function serve(req: IncomingMessage, res: ServerResponse): void {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path.startsWith('/counter/')) return proxyCounter(req, res);
    const headers = { 'content-security-policy': csp, 'cache-control': 'no-store' };
    // The browser asks for a site icon on its own; a court site has one.
    if (path === '/favicon.ico') {
      res.writeHead(204, headers);
      res.end();
      return;
    }
    // Fails once with 503, then serves the seed article: the retry path.
    if (path === '/flaky/article.json') {
      flakyRequests += 1;
      if (flakyRequests === 1) {
        res.writeHead(503, headers);
        res.end();
        return;
      }
      res.writeHead(200, { ...headers, 'content-type': TYPES['.json'] });
      res.end(readFileSync(join(root, 'demo/data/seed-article.json')));
      return;
    }
    // A page for browsers without constructed style sheets: a nonce policy, and (with=1) the
    // nonce given to Lit through window.litNonce by a nonced inline script.
    if (path === '/nonce.html') {
      const nonce = 'bm9uY2UtZm9yLXRlc3Q';
      const withNonce = new URL(req.url ?? '/', 'http://x').searchParams.get('with') === '1';
      const noncePolicy = policy
        .replace("script-src 'self'", `script-src 'self' 'nonce-${nonce}'`)
        .replace("style-src 'self'", `style-src 'self' 'nonce-${nonce}'`);
      res.writeHead(200, { ...headers, 'content-security-policy': noncePolicy, 'content-type': TYPES['.html'] });
      const article = JSON.stringify({
        version: 1,
        title: '关于调整诉讼服务大厅工作时间的公告',
        publishedAt: '2024-03-01T09:00:00+08:00',
        body: [
          { type: 'heading', text: '工作时间' },
          { type: 'paragraph', text: '周一至周五 8:30—11:30,13:00—17:00。' },
        ],
      });
      res.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>nonce</title>
${withNonce ? `<script nonce="${nonce}">window.litNonce = '${nonce}';</script>` : ''}
<script type="module" src="/dist/court-widgets.min.js"></script></head>
<body><court-article id="article"><script type="application/json">${article}</script><print-controls slot="controls"></print-controls></court-article></body></html>`);
      return;
    }
    // A page that breaks the policy on purpose: an inline script, an inline style attribute.
    if (path === '/forbidden.html') {
      res.writeHead(200, { ...headers, 'content-type': TYPES['.html'] });
      res.end('<!doctype html><title>forbidden</title><p style="color:red">x</p><script>document.title = "ran"</script>');
      return;
    }
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root + sep) || file.includes(`${sep}node_modules${sep}`) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  }

  before(async () => {
    if (!existsSync(BUNDLE)) {
      const build = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
      assert.equal(build.status, 0, `npm run build failed:\n${build.stdout}\n${build.stderr}`);
    }
    server = createServer(serve);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    dataDir = mkdtempSync(join(tmpdir(), 'court-widgets-csp-'));
    counter = createCounterService({
      config: {
        host: '127.0.0.1',
        port: 0,
        db: join(dataDir, 'counter.sqlite'),
        logLevel: 'silent',
        sites: [{ id: 'fs', origins: [base], maxPages: 1000 }],
      },
    });
    await counter.listen();
    // Two earlier visits; each page below is a new reader, whose visit is counted.
    for (let i = 0; i < 2; i++) {
      const hit = await fetch(`${base}/counter/api/v1/hits`, {
        method: 'POST',
        headers: { origin: base, 'content-type': 'text/plain' },
        body: JSON.stringify({ site: 'fs', kind: 'visit' }),
      });
      assert.equal(hit.status, 200, 'the counter service behind /counter/ counts');
    }

    const chromium = (await import(pathToFileURL(join(root, 'scripts/chromium.mjs')).href)) as ChromiumModule;
    browser = await puppeteer.launch({
      executablePath: chromium.requireChromium(),
      args: [...chromium.chromiumArgs, '--lang=zh-CN'],
      headless: true,
    });
  });

  after(async () => {
    await browser?.close();
    await counter?.close();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** A new page watched from its first script; console errors are collected too. */
  async function openPage(init?: string): Promise<{ page: Page; consoleErrors: string[] }> {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} ${message.location().url ?? ''}`.trim());
    });
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${(error as Error).message}`));
    // tsx compiles the functions handed to the page with esbuild's keepNames, which calls a
    // `__name` helper that exists only in Node: give the page a do-nothing one.
    await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
    await page.evaluateOnNewDocument(watchPage);
    // Puppeteer's Chromium reports navigator.webdriver, and <visitor-counter> only reads the
    // numbers for automated browsers; a reader's browser does not, so the visit is counted.
    await page.evaluateOnNewDocument("Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false });");
    if (init) await page.evaluateOnNewDocument(init);
    return { page, consoleErrors };
  }

  const reports = (page: Page) => page.evaluate(() => (window as unknown as { __reports: Reports }).__reports);

  /** An element found by a chain of selectors, each one inside the previous one's shadow root. */
  async function deep(page: Page, ...selectors: string[]): Promise<ElementHandle<Element>> {
    const handle = await page.waitForFunction(
      (chain: string[]) => {
        let scope: ParentNode = document;
        let found: Element | null = null;
        for (const [i, selector] of chain.entries()) {
          found = scope.querySelector(selector);
          if (!found) return null;
          if (i < chain.length - 1) {
            if (!found.shadowRoot) return null;
            scope = found.shadowRoot;
          }
        }
        return found;
      },
      { timeout: 20_000 },
      selectors,
    );
    return handle as ElementHandle<Element>;
  }

  /** Text of an element and its shadow trees (slots followed), whitespace removed. */
  const deepText = (page: Page, selector: string) =>
    page.evaluate((sel: string) => {
      const walk = (node: Node): string => {
        if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
        const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : undefined;
        if (el && ['script', 'style'].includes(el.localName)) return '';
        if (el?.localName === 'slot') return (el as HTMLSlotElement).assignedNodes({ flatten: true }).map(walk).join('');
        if (el?.shadowRoot) return walk(el.shadowRoot);
        return [...node.childNodes].map(walk).join('');
      };
      const el = document.querySelector(sel);
      return el ? walk(el).replace(/\s+/g, '') : '';
    }, selector);

  test('the policy names exactly the Trusted Types policies the library creates', () => {
    assert.deepEqual(trustedTypesNames(policy).sort(), ['court-widgets', 'lit-html']);
    assert.match(policy, /require-trusted-types-for 'script'/);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|'allow-duplicates'/);
  });

  test('the README and the webmaster guide give the same header, word for word', () => {
    for (const [file, expected] of [['README.md', 1], ['docs/guides/webmaster.md', 2]] as const) {
      const text = readFileSync(join(root, file), 'utf8');
      // The ```http line (`Content-Security-Policy: …`) and the nginx one (`add_header … "…"`).
      const copies = [...text.matchAll(/Content-Security-Policy:? "?(default-src [^"\r\n]+)/g)].map((m) => m[1]!.trim());
      assert.equal(copies.length, expected, `${file} gives the header ${expected} time(s)`);
      for (const copy of copies) assert.equal(copy, policy, `the header in ${file}`);
    }
  });

  test('demo/csp.html renders and operates every element without a single violation', async () => {
    csp = policy;
    const { page, consoleErrors } = await openPage();
    try {
      const visits = async () =>
        ((await (await fetch(`${base}/counter/api/v1/counts?site=fs`)).json()) as { visits: number }).visits;
      const earlier = await visits();
      const response = await page.goto(`${base}/demo/csp.html`, { waitUntil: 'load' });
      assert.equal(response?.headers()['content-security-policy'], policy);
      const seed = JSON.parse(readFileSync(join(root, 'demo/data/seed-article.json'), 'utf8')) as {
        title: string;
        body: { type: string; text?: string }[];
      };

      // court-article from src and from inline JSON, with their photos.
      await deep(page, '#article', 'h1');
      await deep(page, '#notice', 'h1');
      const articleText = await deepText(page, '#article');
      assert.ok(articleText.includes(seed.title.replace(/\s+/g, '')), 'title of the fetched article');
      for (const block of seed.body.filter((b) => b.type === 'paragraph' && b.text)) {
        assert.ok(articleText.includes(block.text!.replace(/\s+/g, '')), `paragraph: ${block.text!.slice(0, 20)}`);
      }
      const noticeText = await deepText(page, '#notice');
      assert.ok(noticeText.includes('关于调整诉讼服务大厅工作时间的公告'));
      assert.ok(noticeText.includes('周一至周五8:30—11:3013:00—17:00'), 'the sanitized table of the inline article');
      const image = await deep(page, '#article', 'photo-caption', 'img');
      await page.waitForFunction((img: Element) => (img as HTMLImageElement).complete, {}, image);
      const box = await page.evaluate((img: Element) => {
        const rect = img.getBoundingClientRect();
        return { ratio: rect.width / rect.height, natural: (img as HTMLImageElement).naturalWidth };
      }, image);
      assert.ok(box.natural > 0, 'the photo loaded (img-src self)');
      assert.ok(Math.abs(box.ratio - 1280 / 853) < 0.02, `photo box keeps 1280:853, got ${box.ratio}`);

      // court-footer with the counter behind the same origin: this reader's visit is counted
      // (POST /counter/api/v1/hits) and the reader sees their number.
      await deep(page, 'court-footer', 'footer[part~="base"]');
      // A number remembered from an earlier page shows as "total" first, so wait for "counted".
      const counterState = () => page.$eval('court-footer > visitor-counter', (el) => el.getAttribute('state'));
      await page
        .waitForFunction(() => document.querySelector('court-footer > visitor-counter')?.getAttribute('state') === 'counted', {
          timeout: 20_000,
        })
        .catch(async () => assert.fail(`the visit is counted, not only read: state="${await counterState()}"`));
      const number = await deep(page, 'court-footer > visitor-counter', '[part~="number"]');
      assert.equal(await number.evaluate((n) => n.textContent?.trim()), String(earlier + 1));
      assert.equal(await deepText(page, 'court-footer > visitor-counter'), `您是第${earlier + 1}位访客`);
      assert.equal(await visits(), earlier + 1, 'the service counted the visit once');

      // print-controls: every button.
      const controls = await deep(page, '#article print-controls', 'button');
      await controls.dispose();
      const labels = await page.evaluate(() =>
        [...document.querySelector('#article print-controls')!.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent!.trim()),
      );
      for (const size of ['特大', '大', '小', '中']) {
        assert.ok(labels.includes(size), `字号 button ${size} in ${labels.join(',')}`);
        await clickButton(page, size);
        const expected = { 特大: 'x-large', 大: 'large', 小: 'small', 中: 'medium' }[size];
        await page.waitForFunction((v: string) => document.querySelector('#article')!.getAttribute('font-size') === v, {}, expected!);
      }
      const sizes = await page.evaluate(() => {
        const article = document.querySelector('#article')!;
        const p = article.shadowRoot!.querySelector('.body p')!;
        const px = () => parseFloat(getComputedStyle(p).fontSize);
        const medium = px();
        article.setAttribute('font-size', 'x-large');
        return (article as unknown as { updateComplete: Promise<unknown> }).updateComplete.then(() => {
          const large = px();
          article.setAttribute('font-size', 'medium');
          return { medium, large };
        });
      });
      assert.ok(sizes.large >= 24 && sizes.large > sizes.medium, `x-large applies (shadow styles allowed): ${JSON.stringify(sizes)}`);

      await clickButton(page, '关怀模式');
      await page.waitForFunction(() => document.querySelector('#article')!.hasAttribute('care'));
      await clickButton(page, '关怀模式');
      await page.waitForFunction(() => !document.querySelector('#article')!.hasAttribute('care'));

      await clickButton(page, '朗读');
      await page.waitForFunction(() => (window as unknown as { __reports: Reports }).__reports.spoken.length >= 3, { timeout: 20_000 });
      const spoken = (await reports(page)).spoken;
      assert.equal(spoken[0]?.replace(/\s+/g, ''), seed.title.replace(/\s+/g, ''), 'read aloud starts with the title');
      const stop = await page.evaluate(() =>
        [...document.querySelector('#article print-controls')!.shadowRoot!.querySelectorAll('button')].some((b) => b.textContent!.includes('停止')),
      );
      if (stop) await clickButton(page, '停止朗读');

      await clickButton(page, '打印');
      await page.waitForFunction(() => (window as unknown as { __reports: Reports }).__reports.printCalls === 1, { polling: 50 });

      // photo-caption: open and close the full image.
      const open = await deep(page, '#article', 'photo-caption', 'button.open');
      await open.click();
      await page.waitForFunction(
        () => document.querySelector('#article')!.shadowRoot!.querySelector('photo-caption')!.shadowRoot!.querySelector('dialog')?.open === true,
      );
      const close = await deep(page, '#article', 'photo-caption', 'dialog button.close');
      await close.click();
      await page.waitForFunction(
        () => document.querySelector('#article')!.shadowRoot!.querySelector('photo-caption')!.shadowRoot!.querySelector('dialog')?.open === false,
      );

      // The language switch (demo.js, an external script).
      await page.select('#demo-lang', 'en');
      await page.waitForFunction(() =>
        document.querySelector('#article print-controls')!.shadowRoot!.textContent!.includes('Print'),
      );
      await page.select('#demo-lang', 'ug');
      await page.waitForFunction(() => document.querySelector('#article print-controls')!.getAttribute('dir') === 'rtl');
      await page.select('#demo-lang', 'zh-CN');
      await page.waitForFunction(() => document.querySelector('#article print-controls')!.shadowRoot!.textContent!.includes('打印'));

      // The retry path: a request that fails once, then succeeds.
      flakyRequests = 0;
      await page.evaluate(() => {
        const el = document.createElement('court-article');
        el.id = 'flaky';
        el.setAttribute('src', '/flaky/article.json');
        document.querySelector('main')!.append(el);
      });
      const retry = await deep(page, '#flaky', 'button.retry');
      assert.match(await deepText(page, '#flaky'), /503/);
      await retry.click();
      await deep(page, '#flaky', 'h1');
      assert.equal(flakyRequests, 2);

      const seen = await reports(page);
      assert.deepEqual(summary(seen.violations), [], 'no securitypolicyviolation event');
      assert.deepEqual(seen.errors, [], 'no uncaught error');
      // The browser logs the failed first request of the retry path itself; nothing else.
      const expected = /status of 503 .*\/flaky\/article\.json$/;
      assert.equal(consoleErrors.filter((e) => expected.test(e)).length, 1, 'the failed first request');
      assert.deepEqual(consoleErrors.filter((e) => !expected.test(e)), [], 'no console error');
    } catch (error) {
      // What the page reported explains most failures: add it to the message.
      const seen = await reports(page).catch(() => undefined);
      (error as Error).message += `\npage reports: ${JSON.stringify(seen)}\nconsole errors: ${JSON.stringify(consoleErrors)}`;
      throw error;
    } finally {
      await page.close();
    }
  });

  async function clickButton(page: Page, text: string): Promise<void> {
    const button = await page.waitForFunction(
      (label: string) =>
        [...(document.querySelector('#article print-controls')?.shadowRoot?.querySelectorAll('button') ?? [])].find(
          (b) => b.textContent!.trim() === label && !b.disabled,
        ) ?? null,
      { timeout: 20_000 },
      text,
    );
    await (button as ElementHandle<HTMLButtonElement>).click();
  }

  test('hostile article HTML under the policy: sanitized, nothing runs, only the parse of the input is reported', async () => {
    csp = policy;
    const { page, consoleErrors } = await openPage();
    try {
      await page.goto(`${base}/demo/csp.html`, { waitUntil: 'load' });
      await deep(page, '#notice', 'h1');
      const before = (await reports(page)).violations.length;
      const hostile = await page.evaluate(async () => {
        const el = document.createElement('court-article') as HTMLElement & { article: unknown; updateComplete: Promise<unknown> };
        el.id = 'hostile';
        el.article = {
          version: 1,
          title: '测试',
          publishedAt: '2024-02-28T20:54:53+08:00',
          body: [
            { type: 'paragraph', html: '安全<img src=x onerror="window.__pwned=1"><a href="javascript:window.__pwned=2">链接</a>' },
            { type: 'html', html: '<table><tr><td>单元</td></tr></table><script>window.__pwned=3</script><svg onload="window.__pwned=4"></svg><p style="color:red">段</p>' },
          ],
        };
        document.querySelector('main')!.append(el);
        await el.updateComplete;
        await new Promise((r) => setTimeout(r, 100));
        const body = el.shadowRoot!.querySelector('.body')!;
        return { markup: body.innerHTML, text: body.textContent!.replace(/\s+/g, ''), pwned: (window as unknown as { __pwned?: number }).__pwned ?? 0 };
      });
      assert.equal(hostile.pwned, 0, 'no injected script ran');
      assert.equal(hostile.text, '安全链接单元段');
      assert.doesNotMatch(hostile.markup, /onerror|onload|javascript:|<script|<svg|style=/i);
      // Chromium checks inline handler and style attributes as soon as any HTML parser in the
      // page's realm meets them, inert documents included: parsing the dirty input (DOMPurify's
      // DOMParser) is refused and reported with the document as target, before the sanitizer
      // removes the attributes. Nothing else may be reported: no element of the page is involved.
      const added = (await reports(page)).violations.slice(before);
      assert.ok(added.length > 0, 'the browser reports the refused handler attributes of the input');
      for (const v of added) {
        assert.ok(['script-src-attr', 'style-src-attr'].includes(v.directive), `unexpected ${v.directive}`);
        assert.equal(v.element, '', 'reported on the document, not on an element of the page');
      }
      assert.deepEqual((await reports(page)).errors, []);
      assert.deepEqual(consoleErrors.filter((e) => !/inline (event handler|style)/i.test(e)), []);
    } finally {
      await page.close();
    }
  });

  test('a photo that cannot load keeps its box under the policy', async () => {
    csp = policy;
    const { page } = await openPage();
    try {
      await page.goto(`${base}/demo/csp.html`, { waitUntil: 'load' });
      await page.waitForFunction(() => customElements.get('photo-caption') !== undefined);
      await page.evaluate(() => {
        const photo = document.createElement('photo-caption');
        photo.id = 'missing';
        photo.setAttribute('src', '/demo/img/not-there.svg');
        photo.setAttribute('width', '1280');
        photo.setAttribute('height', '853');
        photo.setAttribute('caption', '无法加载的图片');
        document.querySelector('main')!.prepend(photo);
      });
      const box = await deep(page, '#missing', '[part~="placeholder"]');
      const ratio = await box.evaluate((el) => {
        const rect = el.getBoundingClientRect();
        return rect.width / rect.height;
      });
      // The space is reserved from width and height, as on a page without the policy.
      assert.ok(Math.abs(ratio - 1280 / 853) < 0.02, `placeholder keeps 1280:853, got ${ratio.toFixed(2)}`);
    } finally {
      await page.close();
    }
  });

  // A browser without constructed style sheets, as far as Lit can tell: Lit then writes
  // <style> elements, which need the page's nonce.
  const WITHOUT_ADOPTED_STYLES = 'delete Document.prototype.adoptedStyleSheets; delete ShadowRoot.prototype.adoptedStyleSheets;';

  for (const withNonce of [true, false]) {
    test(`without constructed style sheets, ${withNonce ? 'window.litNonce lets the styles apply' : 'styles without window.litNonce are reported'}`, async () => {
      const { page } = await openPage(WITHOUT_ADOPTED_STYLES);
      try {
        await page.goto(`${base}/nonce.html?with=${withNonce ? 1 : 0}`, { waitUntil: 'load' });
        const title = await deep(page, '#article', 'h1');
        const shown = await title.evaluate((h1) => ({
          styleElements: h1.getRootNode() instanceof ShadowRoot ? (h1.getRootNode() as ShadowRoot).querySelectorAll('style').length : 0,
          color: getComputedStyle(h1).color,
        }));
        assert.ok(shown.styleElements > 0, 'Lit fell back to <style> elements');
        const seen = await reports(page);
        if (withNonce) {
          // 打印 lays the page out for printing with a style sheet of its own: a <style> too here.
          await clickButton(page, '打印');
          await page.waitForFunction(() => (window as unknown as { __reports: Reports }).__reports.printCalls === 1, { polling: 50 });
          assert.deepEqual(summary((await reports(page)).violations), []);
          assert.equal(shown.color, 'rgb(176, 25, 30)', 'the title has the court-red accent of the element styles');
        } else {
          assert.ok(seen.violations.some((v) => v.directive === 'style-src-elem'), 'the <style> elements are refused');
          assert.notEqual(shown.color, 'rgb(176, 25, 30)');
        }
      } finally {
        await page.close();
      }
    });
  }

  test('negative control: what the policy forbids is reported by the same listener', async () => {
    csp = policy;
    const { page, consoleErrors } = await openPage();
    try {
      await page.goto(`${base}/forbidden.html`, { waitUntil: 'load' });
      const tt = await page.evaluate(() => {
        try {
          document.body.innerHTML = '<b>untrusted</b>';
          return 'assigned';
        } catch (error) {
          return (error as Error).name;
        }
      });
      assert.equal(tt, 'TypeError', 'a string into innerHTML is refused under require-trusted-types-for');
      const seen = await reports(page);
      const directives = seen.violations.map((v) => v.directive).sort();
      assert.deepEqual(directives, ['require-trusted-types-for', 'script-src-elem', 'style-src-attr']);
      assert.equal(await page.title(), 'forbidden', 'the inline script did not run');
      assert.ok(consoleErrors.length >= 2, 'the violations are logged to the console as well');
    } finally {
      await page.close();
    }
  });

  for (const name of ['court-widgets', 'lit-html']) {
    test(`negative control: without "${name}" in trusted-types the demo is reported`, async () => {
      csp = withTrustedTypes(policy, trustedTypesNames(policy).filter((n) => n !== name));
      const { page } = await openPage();
      try {
        await page.goto(`${base}/demo/csp.html`, { waitUntil: 'load' });
        await page.waitForFunction(
          (n: string) =>
            (window as unknown as { __reports: Reports }).__reports.violations.some(
              (v) => v.directive === 'trusted-types' && v.sample.includes(n),
            ),
          { timeout: 20_000 },
          name,
        );
      } finally {
        csp = policy;
        await page.close();
      }
    });
  }
});
