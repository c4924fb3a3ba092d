// Prints pages with headless Chromium to PDF and reads the PDF's text back with pdftotext:
// the crowded host page of tests/fixtures/print-host.html and the demo court page must print
// the article alone (its paragraphs present, the host page's menu, sidebars and footer absent).
//
// The pages load the one-file bundle, /dist/court-widgets.min.js (`npm test` builds it first).
// When it has not been built, the same bundle is made in memory from src/bundle.ts with the
// project's rollup configuration and served at that address; dist/ is not written.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sirv from 'sirv';
import puppeteer from 'puppeteer-core';
import type { Browser } from 'puppeteer-core';

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

describe('printing to PDF', { skip }, () => {
  let server: Server;
  let browser: Browser;
  let base = '';
  let work = '';

  before(async () => {
    const bundle = existsSync(join(root, BUNDLE_PATH)) ? null : await bundleFromSource();
    server = await startServer(bundle);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const chromium = (await import(pathToFileURL(join(root, 'scripts/chromium.mjs')).href)) as ChromiumModule;
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
      const text = spawnSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      assert.equal(text.status, 0, text.stderr);
      return text.stdout;
    } finally {
      await page.close();
    }
  }

  test('the crowded host page prints the article alone', { timeout: 120_000 }, async () => {
    const text = compact(await printToText('/tests/fixtures/print-host.html'));
    const fixture = readFileSync(join(root, 'tests/fixtures/print-host.html'), 'utf8');
    const data = JSON.parse(/<script type="application\/json">([\s\S]*?)<\/script>/.exec(fixture)![1]!) as {
      title: string;
      url: string;
      body: { type: string; text?: string; caption?: string }[];
    };
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
    for (const chrome of ['网站首页', '机构设置', '诉讼服务', 'HOSTMENU', 'HOSTHEADER', 'HOSTSIDEBAR', 'HOSTFOOTER',
      'HOSTFLOAT', 'HOSTCRUMBS', 'HOSTSHARE', 'HOSTRELATED', '友情链接', '版权所有']) {
      assert.ok(!text.includes(chrome), `host chrome printed: ${chrome}`);
    }
    for (const control of ['关怀模式', '朗读', '特大']) assert.ok(!text.includes(control), `controls printed: ${control}`);
  });

  test('the demo court page prints the seed article alone', {
    timeout: 120_000,
    skip: existsSync(join(root, 'demo/index.html')) ? false : 'demo/index.html does not exist yet',
  }, async () => {
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
});
