// The documentation as `npm start` serves it (scripts/start.mjs): the docs index lists the
// guides, a guide is an HTML page whose screenshots load, the Markdown is there with ?raw, the
// demo links to the docs; and every relative link and image in docs/**/*.md points at a file
// (and heading) that exists.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Lexer } from 'marked';
import type { Token, Tokens } from 'marked';
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { freePort, tempDir } from './counter-helpers.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const docsDir = join(root, 'docs');

const GUIDES = ['webmaster.md', 'cms-templates.md', 'npm.md', 'counter-deployment.md', 'prerender-and-import.md'];

// ---- HTML helpers ----

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}
function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}
function all(node: Node, tag: string, out: Element[] = []): Element[] {
  if (isElement(node) && node.tagName === tag) out.push(node);
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const child of children) all(child, tag, out);
  if (isElement(node) && node.tagName === 'template' && 'content' in node) all(node.content as Node, tag, out);
  return out;
}
function text(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in node ? node.childNodes.map(text).join('') : '';
}

// ---- the server ----

/**
 * Runs `node scripts/start.mjs --port 0 …args`; resolves with its address once it listens and
 * its output (stdout and stderr) has matched every pattern of `ready`.
 */
async function startServer(args: string[], env: NodeJS.ProcessEnv, ready: RegExp[]): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), '--port', '0', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: '', ...env },
  });
  let output = '';
  const base = await new Promise<string>((ok, fail) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match && ready.every((r) => r.test(output))) ok(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`scripts/start.mjs exited (${code}) before it was ready:\n${output}`)));
  });
  return { child, base };
}

/** Stops a server started by {@link startServer} (and the counter service it runs). */
async function stopServer(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((ok) => {
    child.once('exit', () => ok());
    child.kill('SIGTERM');
  });
}

let server: ChildProcess | undefined;
let base = '';

before(async () => {
  assert.ok(
    existsSync(join(root, 'dist', 'court-widgets.min.js')),
    'dist/court-widgets.min.js is missing: run `npm run build` first',
  );
  ({ child: server, base } = await startServer(['--no-counter'], {}, []));
});

after(() => stopServer(server));

async function get(path: string, at = base) {
  const response = await fetch(new URL(path, at), { redirect: 'manual' });
  return { response, body: Buffer.from(await response.arrayBuffer()) };
}

// ---- the served docs ----

describe('npm start serves the documentation', () => {
  test('/docs/ lists the guides, by audience, before the reference pages', async () => {
    const { response, body } = await get('/docs/');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(response.headers.get('content-security-policy') ?? '', /script-src 'none'/);
    const doc = parse(body.toString('utf8'));
    const headings = all(doc, 'h2').map((h) => text(h).trim());
    assert.deepEqual(headings, ['Guides', 'Reference']);
    const links = all(doc, 'a').map((a) => attr(a, 'href'));
    const guideLinks = GUIDES.map((g) => links.indexOf(`guides/${g}`));
    for (const [i, g] of GUIDES.entries()) assert.ok(guideLinks[i]! >= 0, `the index links to guides/${g}`);
    assert.deepEqual([...guideLinks].sort((a, b) => a - b), guideLinks, 'guides in audience order');
    const firstReference = links.indexOf('api.md');
    assert.ok(firstReference > Math.max(...guideLinks), 'reference pages come after the guides');
    for (const page of ['security.md', 'counter.md', 'json-format.md']) assert.ok(links.includes(page), `lists ${page}`);
  });

  test('a guide is an HTML page with its heading, working screenshots and no script', async () => {
    const { response, body } = await get('/docs/guides/webmaster.md');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    const html = body.toString('utf8');
    const doc = parse(html);
    const source = readFileSync(join(docsDir, 'guides', 'webmaster.md'), 'utf8');
    const title = source.split('\n').find((l) => l.startsWith('# '))!.slice(2);
    assert.deepEqual(all(doc, 'h1').map((h) => text(h)), [title]);
    assert.equal(all(doc, 'script').length, 0);
    assert.ok(html.includes('诉讼服务热线'), 'Chinese text arrives as UTF-8');

    const images = all(doc, 'img').map((img) => attr(img, 'src')!);
    assert.ok(images.length >= 5, `the guide shows its screenshots (${images.length})`);
    for (const src of images) {
      const url = new URL(src, new URL('/docs/guides/webmaster.md', base));
      assert.match(url.pathname, /^\/docs\/img\/[\w-]+\.png$/);
      const image = await get(url.pathname);
      assert.equal(image.response.status, 200, `${url.pathname} is served`);
      assert.equal(image.response.headers.get('content-type'), 'image/png');
      assert.deepEqual([...image.body.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${url.pathname} is a PNG`);
    }
  });

  test('links between pages land on a page and a heading that exist', async () => {
    const page = new URL('/docs/guides/webmaster.md', base);
    const doc = parse((await get(page.pathname)).body.toString('utf8'));
    const hrefs = all(doc, 'a')
      .map((a) => attr(a, 'href')!)
      .filter((h) => !/^[a-z]+:/i.test(h) && !h.startsWith('#') && /\.md(#|$)/.test(h));
    assert.ok(hrefs.some((h) => h.startsWith('../security.md')), 'links to the security reference');
    for (const href of hrefs) {
      const target = new URL(href, page);
      const { response, body } = await get(target.pathname);
      assert.equal(response.status, 200, `${href} -> ${target.pathname}`);
      if (target.hash) {
        const id = decodeURIComponent(target.hash.slice(1));
        const ids = [...body.toString('utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
        assert.ok(ids.includes(id), `${target.pathname} has a heading #${id}`);
      }
    }
    const readme = await get('/README.md');
    assert.equal(readme.response.status, 200, 'the README the guides link to is served');
  });

  test('?raw gives the Markdown itself as UTF-8 text', async () => {
    const { response, body } = await get('/docs/guides/cms-templates.md?raw');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(body.toString('utf8'), readFileSync(join(docsDir, 'guides', 'cms-templates.md'), 'utf8'));
  });

  test('only files under docs/ are rendered; a missing page is a 404', async () => {
    assert.equal((await get('/docs/guides/no-such-guide.md')).response.status, 404);
    for (const path of ['/docs/..%2fpackage.json', '/docs/..%2f..%2fetc%2fpasswd', '/docs/%2e%2e%2fpackage.json']) {
      const { response, body } = await get(path);
      assert.notEqual(response.status, 200, path);
      assert.ok(!body.toString('utf8').includes('"devDependencies"'), `${path} does not leak package.json`);
    }
  });

  test('the demo page links to the docs and to every guide', async () => {
    const { response, body } = await get('/demo/');
    assert.equal(response.status, 200);
    const links = all(parse(body.toString('utf8')), 'a').map((a) => ({ href: attr(a, 'href') ?? '', label: text(a).trim() }));
    assert.ok(links.some((l) => l.href === '/docs/' && l.label), 'a visible link to /docs/');
    for (const guide of GUIDES) {
      const link = links.find((l) => l.href === `/docs/guides/${guide}`);
      assert.ok(link?.label, `a visible link to ${guide}`);
      const page = await get(link.href);
      assert.equal(page.response.status, 200, `${link.href} is served`);
      assert.equal(page.response.headers.get('content-type'), 'text/html; charset=utf-8');
    }
  });
});

// ---- the strict-CSP demo and the counter behind /counter/ ----

/** The header docs/security.md tells court sites to send (its ```http block). */
function documentedPolicy(): string {
  const match = /```http\r?\nContent-Security-Policy: ([^\r\n]+)\r?\n```/.exec(readFileSync(join(docsDir, 'security.md'), 'utf8'));
  assert.ok(match, 'docs/security.md gives the Content-Security-Policy header in an ```http block');
  return match[1]!.trim();
}

describe('npm start serves demo/csp.html under the strict policy', () => {
  test('csp.html (also as /demo/csp) carries the header of docs/security.md, the other pages none', async () => {
    const policy = documentedPolicy();
    for (const path of ['/demo/csp.html', '/demo/csp']) {
      const { response, body } = await get(path);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('content-security-policy'), policy, path);
      assert.ok(body.toString('utf8').includes('<visitor-counter slot="counter" endpoint="/counter" site="fs">'), `${path} is the page`);
    }
    for (const path of ['/demo/', '/demo/inline.html', '/demo/data/site.json']) {
      const { response } = await get(path);
      assert.equal(response.headers.get('content-security-policy'), null, path);
    }
  });

  test('the notice demo is linked, and its video is served as video/mp4 in ranges (for seeking)', async () => {
    const { body } = await get('/demo/');
    const link = all(parse(body.toString('utf8')), 'a').find((a) => attr(a, 'href') === 'notice.html');
    assert.match(link ? text(link) : '', /视频/);
    const page = await get('/demo/notice.html');
    assert.equal(page.response.status, 200);
    assert.ok(page.body.toString('utf8').includes('<court-article id="article" src="data/notice-article.json">'));
    const whole = await get('/demo/media/hearing.mp4');
    assert.equal(whole.response.status, 200);
    assert.equal(whole.response.headers.get('content-type'), 'video/mp4');
    const part = await fetch(new URL('/demo/media/hearing.mp4', base), { headers: { range: 'bytes=0-99' } });
    assert.equal(part.status, 206);
    assert.equal((await part.arrayBuffer()).byteLength, 100);
    assert.equal(part.headers.get('content-range'), `bytes 0-99/${whole.body.length}`);
  });

  test('the demo page links to csp.html and says what it shows', async () => {
    const { body } = await get('/demo/');
    const link = all(parse(body.toString('utf8')), 'a').find((a) => attr(a, 'href') === 'csp.html');
    assert.match(link ? text(link) : '', /安全策略/);
  });

  test('without the counter service (--no-counter), /counter/ answers 503 and says so', async () => {
    const { response, body } = await get('/counter/api/v1/counts?site=fs');
    assert.equal(response.status, 503);
    assert.match(body.toString('utf8'), /not running/);
  });

  describe('with the counter service that npm start runs', () => {
    const dir = tempDir('court-widgets-start-');
    let withCounter: ChildProcess | undefined;
    let at = '';

    before(async () => {
      // demo/counter.config.json with the port and the SQLite file of this test.
      const env = {
        COURT_COUNTER_PORT: String(await freePort()),
        COURT_COUNTER_HOST: '127.0.0.1',
        COURT_COUNTER_STORE: 'sqlite',
        COURT_COUNTER_DB: join(dir.path, 'counter.sqlite'),
        COURT_COUNTER_LOG_LEVEL: 'info',
      };
      ({ child: withCounter, base: at } = await startServer([], env, [/"msg":"counter listening"/]));
    });

    after(async () => {
      await stopServer(withCounter);
      dir.remove();
    });

    test('/counter/ reaches the service: a visit from the demo origin is counted and read back', async () => {
      const health = await get('/counter/healthz', at);
      assert.equal(health.response.status, 200);
      const counts = async () => JSON.parse((await get('/counter/api/v1/counts?site=fs', at)).body.toString('utf8')) as { visits: number };
      assert.equal((await counts()).visits, 0, 'a new SQLite file');
      const hit = await fetch(new URL('/counter/api/v1/hits', at), {
        method: 'POST',
        // An origin demo/counter.config.json allows, as a browser on the default port sends it.
        headers: { origin: 'http://127.0.0.1:8080', 'content-type': 'text/plain' },
        body: JSON.stringify({ site: 'fs', kind: 'visit' }),
      });
      assert.equal(hit.status, 200);
      assert.equal(((await hit.json()) as { visits: number }).visits, 1);
      assert.equal(hit.headers.get('access-control-allow-origin'), 'http://127.0.0.1:8080', "the service's own answer");
      assert.equal((await counts()).visits, 1);
      assert.equal((await get('/demo/csp.html', at)).response.headers.get('content-security-policy'), documentedPolicy());
    });
  });
});

// ---- every relative link in docs/**/*.md ----

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
  );
}

/** GitHub's heading ids: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function plain(tokens: Token[] | undefined): string {
  return (tokens ?? [])
    .map((t) => {
      if (t.type === 'html') return '';
      if ('tokens' in t && t.tokens) return plain(t.tokens);
      return 'text' in t ? String(t.text).replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!) : '';
    })
    .join('');
}

interface MarkdownInfo {
  anchors: Set<string>;
  links: { href: string; kind: 'link' | 'image' }[];
}

const cache = new Map<string, MarkdownInfo>();

function readMarkdown(file: string): MarkdownInfo {
  const known = cache.get(file);
  if (known) return known;
  const source = readFileSync(file, 'utf8');
  const tokens = new Lexer({ gfm: true }).lex(source);
  const anchors = new Set<string>([...source.matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => m[1]!));
  const counts = new Map<string, number>();
  const links: MarkdownInfo['links'] = [];
  const walk = (list: Token[]) => {
    for (const t of list) {
      if (t.type === 'heading') {
        const id = slug(plain((t as Tokens.Heading).tokens));
        const n = counts.get(id) ?? 0;
        counts.set(id, n + 1);
        anchors.add(n ? `${id}-${n}` : id);
      }
      if (t.type === 'link') links.push({ href: (t as Tokens.Link).href, kind: 'link' });
      if (t.type === 'image') links.push({ href: (t as Tokens.Image).href, kind: 'image' });
      if (t.type === 'html' || (t.type === 'text' && 'raw' in t && /<(a|img)\s/i.test(t.raw))) {
        for (const m of String(t.raw).matchAll(/<(a|img)\s[^>]*?(href|src)="([^"]+)"/gi)) {
          links.push({ href: m[3]!, kind: m[1]!.toLowerCase() === 'img' ? 'image' : 'link' });
        }
      }
      if (t.type === 'table') {
        const table = t as Tokens.Table;
        for (const cell of [...table.header, ...table.rows.flat()]) walk(cell.tokens);
      }
      if (t.type === 'list') for (const item of (t as Tokens.List).items) walk(item.tokens);
      else if ('tokens' in t && t.tokens) walk(t.tokens);
    }
  };
  walk(tokens);
  const info = { anchors, links };
  cache.set(file, info);
  return info;
}

describe('links in docs/**/*.md', () => {
  const files = markdownFiles(docsDir);

  test('the five guides exist', () => {
    for (const guide of GUIDES) assert.ok(existsSync(join(docsDir, 'guides', guide)), guide);
  });

  for (const file of files) {
    const name = relative(root, file);
    test(`${name}: every relative link and image points at a file (and heading) that exists`, () => {
      const { links } = readMarkdown(file);
      const broken: string[] = [];
      for (const { href, kind } of links) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//') || href.startsWith('/')) continue;
        const [path = '', hash] = href.split('#');
        const target = path ? resolve(dirname(file), decodeURI(path)) : file;
        if (!existsSync(target)) {
          broken.push(`${kind} ${href}: ${relative(root, target)} does not exist`);
          continue;
        }
        if (kind === 'image' && !statSync(target).isFile()) broken.push(`image ${href} is not a file`);
        if (hash && target.endsWith('.md') && !readMarkdown(target).anchors.has(decodeURIComponent(hash))) {
          broken.push(`link ${href}: no heading #${hash} in ${relative(root, target)}`);
        }
      }
      assert.deepEqual(broken, []);
    });
  }

  test('every screenshot in docs/img is shown by a guide, and they stay small', () => {
    const shown = new Set(
      files.flatMap((f) =>
        readMarkdown(f)
          .links.filter((l) => l.kind === 'image' && !/^[a-z]+:/i.test(l.href))
          .map((l) => resolve(dirname(f), l.href)),
      ),
    );
    const images = readdirSync(join(docsDir, 'img')).filter((f) => f.endsWith('.png'));
    assert.ok(images.length > 0);
    let total = 0;
    for (const image of images) {
      const path = join(docsDir, 'img', image);
      assert.ok(shown.has(path), `docs/img/${image} is used by a page`);
      total += statSync(path).size;
    }
    assert.ok(total < 1_500_000, `docs/img/*.png total ${total} bytes, under 1.5 MB`);
  });
});
