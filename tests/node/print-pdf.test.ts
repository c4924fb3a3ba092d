// Prints pages with headless Chromium to PDF and reads the PDF's text back with pdftotext:
// the crowded host page of tests/fixtures/print-host.html and the demo court page must print
// the article alone (its paragraphs present, the host page's menu, sidebars and footer absent),
// through Puppeteer and through Chromium's own `--print-to-pdf` command line (the browser's
// Print, no button pressed). The same real browser checks that 字号 and 关怀模式 survive a
// reload, and that a page whose localStorage throws keeps working.
//
// The pages load the one-file bundle, /dist/court-widgets.min.js (`npm test` builds it first).
// When it has not been built, the same bundle is made in memory from src/bundle.ts with the
// project's rollup configuration and served at that address; dist/ is not written.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sirv from 'sirv';
import puppeteer from 'puppeteer-core';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';

const root = fileURLToPath(new URL('../..', import.meta.url));
const BUNDLE_PATH = '/dist/court-widgets.min.js';

const pdftotext = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
const skip = pdftotext.error
  ? 'pdftotext is not installed (Debian/Ubuntu: apt-get install poppler-utils)'
  : false;

interface ChromiumModule {
  requireChromium(): string;
  chromiumArgs: string[];
}

/** The one-file bundle made in memory from source, as `rollup.config.mjs` makes it (not minified). */
async function bundleFromSource(): Promise<string> {
  const { rollup } = await import('rollup');
  const config = (await import(pathToFileURL(join(root, 'rollup.config.mjs')).href)).default;
  const build = await rollup({
    input: join(root, config.input),
    plugins: config.plugins,
    treeshake: config.treeshake,
    onwarn: () => {},
  });
  try {
    const { output } = await build.generate({ format: 'es', inlineDynamicImports: true });
    return output[0].code;
  } finally {
    await build.close();
  }
}

/** Static server over the repo root on 127.0.0.1 and an ephemeral port. */
async function startServer(bundle: string | null): Promise<Server> {
  const files = sirv(root, { dev: true, dotfiles: false });
  const server = createServer((req, res) => {
    if (bundle !== null && req.url?.split('?')[0] === BUNDLE_PATH) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(bundle);
      return;
    }
    files(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** Whitespace removed: pdftotext breaks CJK lines wherever the page did. */
function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

/** The text of a PDF file. */
function pdfText(file: string): string {
  const text = spawnSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  assert.equal(text.status, 0, text.stderr);
  return text.stdout;
}

/** Runs a command without blocking the event loop (the test's own server must keep answering). */
function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

/** The host page's chrome and the controls' labels: none of it may be printed. */
const HOST_CHROME = ['网站首页', '机构设置', '诉讼服务', 'HOSTMENU', 'HOSTHEADER', 'HOSTSIDEBAR', 'HOSTFOOTER',
  'HOSTFLOAT', 'HOSTCRUMBS', 'HOSTSHARE', 'HOSTRELATED', '友情链接', '版权所有'];
const CONTROL_LABELS = ['关怀模式', '朗读', '特大'];

interface HostData {
  title: string;
  url: string;
  body: { type: string; text?: string; caption?: string }[];
}

function hostData(): HostData {
  const fixture = readFileSync(join(root, 'tests/fixtures/print-host.html'), 'utf8');
  return JSON.parse(/<script type="application\/json">([\s\S]*?)<\/script>/.exec(fixture)![1]!) as HostData;
}

/** Asserts that `text` (compacted) is the host page's article alone, with its header line. */
function assertHostArticleAlone(text: string): void {
  const data = hostData();
  assert.ok(text.includes(compact(data.title)), 'title');
  assert.ok(text.includes('抚顺中院宣教科'), 'byline');
  const paragraphs = data.body.filter((b) => b.type === 'paragraph' || b.type === 'heading');
  assert.equal(paragraphs.length, 4);
  for (const block of paragraphs) assert.ok(text.includes(compact(block.text!)), `paragraph: ${block.text}`);
  assert.ok(text.includes('办公楼南侧空地'), 'image caption');
  // The header line: the canonical address and the print date.
  assert.ok(text.includes(data.url), 'canonical address');
  assert.match(text, /打印时间:\d{4}-\d{2}-\d{2}\d{2}:\d{2}/);
  // The host page's chrome is not printed, nor are the controls.
  for (const chrome of HOST_CHROME) assert.ok(!text.includes(chrome), `host chrome printed: ${chrome}`);
  for (const control of CONTROL_LABELS) assert.ok(!text.includes(control), `controls printed: ${control}`);
}

describe('print-controls in headless Chromium', () => {
  let server: Server;
  let browser: Browser;
  let chromiumPath = '';
  let chromiumFlags: string[] = [];
  let base = '';
  let work = '';

  before(async () => {
    const bundle = existsSync(join(root, BUNDLE_PATH)) ? null : await bundleFromSource();
    server = await startServer(bundle);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const chromium = (await import(pathToFileURL(join(root, 'scripts/chromium.mjs')).href)) as ChromiumModule;
    chromiumPath = chromium.requireChromium();
    chromiumFlags = chromium.chromiumArgs;
    browser = await puppeteer.launch({
      executablePath: chromium.requireChromium(),
      args: chromium.chromiumArgs,
      headless: true,
    });
    work = mkdtempSync(join(tmpdir(), 'court-widgets-pdf-'));
  });

  after(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Opens `path`, waits for the article and its controls, prints to PDF, returns the PDF's text. */
  async function printToText(path: string): Promise<string> {
    const page = await browser.newPage();
    try {
      await page.goto(`${base}${path}`, { waitUntil: 'load' });
      await page.waitForFunction(
        () => {
          const article = document.querySelector('court-article') as (Element & { readableBlocks?(): Element[] }) | null;
          return (
            customElements.get('print-controls') !== undefined &&
            (article?.readableBlocks?.().length ?? 0) > 0 &&
            document.querySelector('print-controls')?.shadowRoot?.querySelector('button') != null
          );
        },
        { timeout: 30_000 },
      );
      const file = join(work, `${path.replace(/\W+/g, '_')}.pdf`);
      await page.pdf({ path: file, format: 'A4' });
      return pdfText(file);
    } finally {
      await page.close();
    }
  }

  test('the crowded host page prints the article alone', { timeout: 120_000, skip }, async () => {
    // On screen, the same page shows its chrome: the PDF check below can fail.
    const page = await browser.newPage();
    try {
      await page.goto(`${base}/tests/fixtures/print-host.html`, { waitUntil: 'load' });
      const screenText = await page.evaluate(() => document.body.innerText);
      for (const chrome of ['HOSTMENU', 'HOSTSIDEBAR', 'HOSTFOOTER']) assert.ok(screenText.includes(chrome), chrome);
    } finally {
      await page.close();
    }
    assertHostArticleAlone(compact(await printToText('/tests/fixtures/print-host.html')));
  });

  test('Chromium’s own --print-to-pdf prints the host page’s article alone, no button pressed', { timeout: 120_000, skip }, async () => {
    const file = join(work, 'cli-print-host.pdf');
    const result = await run(
      chromiumPath,
      [
        ...chromiumFlags,
        '--headless',
        `--user-data-dir=${join(work, 'cli-profile')}`,
        '--no-pdf-header-footer',
        // Time for the bundle to load and the elements to render before printing.
        '--virtual-time-budget=15000',
        `--print-to-pdf=${file}`,
        `${base}/tests/fixtures/print-host.html`,
      ],
      90_000,
    );
    assert.ok(existsSync(file), `no PDF written (exit ${result.code}): ${result.stderr.slice(-2000)}`);
    assertHostArticleAlone(compact(pdfText(file)));
  });

  test('the demo court page prints the seed article alone', { timeout: 120_000, skip }, async () => {
    const text = compact(await printToText('/demo/index.html'));
    const seed = JSON.parse(readFileSync(join(root, 'demo/data/seed-article.json'), 'utf8')) as {
      title: string;
      body: { type: string; text?: string }[];
    };
    assert.ok(text.includes(compact(seed.title)), 'title');
    const paragraphs = seed.body.filter((b) => (b.type === 'paragraph' || b.type === 'heading') && b.text);
    assert.ok(paragraphs.length >= 10);
    for (const block of paragraphs) assert.ok(text.includes(compact(block.text!)), `paragraph: ${block.text}`);
    // The demo's host navigation, side column, notes and footer stay off paper.
    for (const chrome of ['法院概况', '审判工作', '执行公开', '栏目导航', '媒体聚焦', '界面语言', '乘808']) {
      assert.ok(!text.includes(chrome), `host chrome printed: ${chrome}`);
    }
  });
  /** A page in its own browser context (its own localStorage), with page errors collected. */
  async function openIsolated(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    return { context, page, errors };
  }

  /** Loads the host page and waits until its article and controls are ready. */
  async function loadHost(page: Page): Promise<void> {
    await page.goto(`${base}/tests/fixtures/print-host.html`, { waitUntil: 'load' });
    await page.waitForFunction(
      () => {
        const article = document.querySelector('court-article') as (Element & { readableBlocks?(): Element[] }) | null;
        return (article?.readableBlocks?.().length ?? 0) > 0 && document.querySelector('print-controls')?.shadowRoot?.querySelector('button.care') != null;
      },
      { timeout: 30_000 },
    );
  }

  /** What the reader sees: the article's size and care mode, and which buttons are pressed. */
  function state(page: Page) {
    return page.evaluate(() => {
      const article = document.querySelector('court-article')!;
      const root = document.querySelector('print-controls')!.shadowRoot!;
      const body = (article as Element & { readableBlocks(): HTMLElement[] }).readableBlocks()[1]!;
      return {
        fontSize: article.getAttribute('font-size'),
        care: article.hasAttribute('care'),
        bodyPx: parseFloat(getComputedStyle(body).fontSize),
        pressed: Array.from(root.querySelectorAll('button[aria-pressed="true"]'), (b) => b.textContent!.trim()),
      };
    });
  }

  test('keeps 字号 and 关怀模式 across a real reload', { timeout: 120_000 }, async () => {
    const { context, page, errors } = await openIsolated();
    try {
      await loadHost(page);
      assert.deepEqual(await state(page).then((s) => [s.fontSize, s.care]), ['medium', false]);
      await page.click('print-controls >>> button[data-size="x-large"]');
      await page.click('print-controls >>> button.care');
      const chosen = await state(page);
      assert.equal(chosen.fontSize, 'x-large');
      assert.equal(chosen.care, true);
      await page.reload({ waitUntil: 'load' });
      await loadHost(page);
      const after = await state(page);
      assert.equal(after.fontSize, 'x-large');
      assert.equal(after.care, true);
      assert.ok(after.bodyPx >= 24, `body text ${after.bodyPx} px`);
      assert.deepEqual(after.pressed, ['特大', '关怀模式']);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('works, without remembering, when reading localStorage throws', { timeout: 120_000 }, async () => {
    const { context, page, errors } = await openIsolated();
    try {
      await page.evaluateOnNewDocument(() => {
        Object.defineProperty(window, 'localStorage', {
          configurable: true,
          get() {
            throw new DOMException('The operation is insecure.', 'SecurityError');
          },
        });
      });
      await loadHost(page);
      await page.click('print-controls >>> button[data-size="large"]');
      await page.click('print-controls >>> button.care');
      const chosen = await state(page);
      assert.equal(chosen.fontSize, 'large');
      assert.equal(chosen.care, true);
      assert.ok(chosen.bodyPx >= 20, `body text ${chosen.bodyPx} px`);
      await page.reload({ waitUntil: 'load' });
      await loadHost(page);
      assert.deepEqual(await state(page).then((s) => [s.fontSize, s.care]), ['medium', false]);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
  test('the demo article at 360 px in 特大 and 关怀模式 has no horizontal scroll', { timeout: 120_000 }, async () => {
    const { context, page, errors } = await openIsolated();
    try {
      await page.setViewport({ width: 360, height: 740 });
      await page.goto(`${base}/demo/index.html`, { waitUntil: 'load' });
      await page.waitForFunction(
        () => ((document.querySelector('court-article') as (Element & { readableBlocks?(): Element[] }) | null)?.readableBlocks?.().length ?? 0) > 10 &&
          document.querySelector('print-controls')?.shadowRoot?.querySelector('button.care') != null,
        { timeout: 30_000 },
      );
      await page.click('print-controls >>> button[data-size="x-large"]');
      await page.click('print-controls >>> button.care');
      const seen = await page.evaluate(async () => {
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        const article = document.querySelector('court-article') as HTMLElement & { readableBlocks(): HTMLElement[] };
        const root = document.scrollingElement!;
        const wider = [article, ...article.readableBlocks(), ...article.shadowRoot!.querySelectorAll<HTMLElement>('photo-caption')]
          .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5)
          .map((el) => el.localName);
        return {
          fontSize: article.getAttribute('font-size'),
          care: article.hasAttribute('care'),
          bodyPx: parseFloat(getComputedStyle(article.readableBlocks()[1]!).fontSize),
          scrollWidth: root.scrollWidth,
          clientWidth: root.clientWidth,
          wider,
        };
      });
      assert.equal(seen.fontSize, 'x-large');
      assert.equal(seen.care, true);
      assert.ok(seen.bodyPx >= 24, `body text ${seen.bodyPx} px`);
      assert.equal(seen.clientWidth, 360);
      assert.ok(seen.scrollWidth <= seen.clientWidth, `page ${seen.scrollWidth} px wide at 360 px`);
      assert.deepEqual(seen.wider, []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
