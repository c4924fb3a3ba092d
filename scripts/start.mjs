// `npm start` (after `npm run build`): the demo at http://127.0.0.1:8080/ and the visitor-counter
// service next to it.
//
//   /        -> redirect to /demo/
//   /demo/   the demo court page (index.html, inline.html, data/, img/); csp.html is sent with
//            the strict Content-Security-Policy header of docs/security.md
//   /counter/  the visitor-counter service below, behind the same origin (csp.html uses it)
//   /dist/   the built package and the script-tag bundles
//   /docs/   the documentation: an index (guides by audience, then the reference pages) and
//            every docs/**/*.md rendered to HTML with `marked`; `?raw` gives the Markdown as
//            UTF-8 text; docs/img/ holds the screenshots the guides show
//   /README.md  the README, rendered the same way (the docs link to it)
//
// Port: --port N, else the PORT environment variable, else 8080 (0: any free port; the line
// "listening on http://127.0.0.1:N" names it). Binds 127.0.0.1 only.
// The counter service is `node dist/cli/court-counter.js serve --config demo/counter.config.json`
// (the COURT_COUNTER_* environment variables apply, as for the command itself); when either
// file is missing, or with --no-counter, the demo runs alone. Ctrl+C or SIGTERM stops both.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Marked } from 'marked';
import sirv from 'sirv';
import { proxyToCounter } from './counter-proxy.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const host = '127.0.0.1';

function parsePort(argv, env) {
  const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  const raw = i < 0 ? env.PORT : argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  if (raw === undefined || raw === '') return 8080;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid port "${raw}": give a number from 0 to 65535 (--port 8080 or PORT=8080).`);
    process.exit(2);
  }
  return port;
}

const port = parsePort(process.argv.slice(2), process.env);
const withCounter = !process.argv.slice(2).includes('--no-counter');

if (!existsSync(join(root, 'dist/court-widgets.min.js'))) {
  console.error('dist/court-widgets.min.js is missing: run `npm run build` first (`npm start` does).');
  process.exit(1);
}

/** Markdown and JSON as UTF-8 text the browser shows; nothing cached while developing. */
function setHeaders(res, pathname) {
  if (pathname.endsWith('.md')) res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  if (pathname.endsWith('.json')) res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

/**
 * The header docs/security.md tells court sites to send: the line after
 * "Content-Security-Policy:" in its ```http block, as tests/node/csp.test.ts reads it.
 */
function documentedPolicy() {
  const doc = readFileSync(join(root, 'docs/security.md'), 'utf8');
  const match = /```http\r?\nContent-Security-Policy: ([^\r\n]+)\r?\n```/.exec(doc);
  if (!match) {
    console.error('docs/security.md has no ```http block with the Content-Security-Policy header that demo/csp.html is served with.');
    process.exit(1);
  }
  return match[1].trim();
}
const STRICT_CSP = documentedPolicy();

/** demo/csp.html under the documented policy; the other demo pages without one. */
function setDemoHeaders(res, pathname) {
  setHeaders(res, pathname);
  // sirv serves the page at /demo/csp too.
  if (pathname === '/csp.html' || pathname === '/csp') res.setHeader('Content-Security-Policy', STRICT_CSP);
}

const serve = (dir, headers = setHeaders) => sirv(join(root, dir), { dev: true, dotfiles: false, etag: true, setHeaders: headers });
const mounts = { '/demo': serve('demo', setDemoHeaders), '/dist': serve('dist'), '/docs': serve('docs') };

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/**
 * Pages served from our own Markdown never run script: the rendered HTML may hold raw HTML
 * from the .md files, so the policy allows nothing but same-origin images and the inline
 * stylesheet below.
 */
const DOCS_CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

const DOCS_STYLE = `
:root { color-scheme: light; }
body { font: 17px/1.7 system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: #1f1f1f; background: #fff; margin: 0; }
header.docs-nav, main { max-width: 50rem; margin: 0 auto; padding: 0 1rem; }
header.docs-nav { padding-block: 0.75rem; border-bottom: 1px solid #d9d9d9; font-size: 0.95em; }
header.docs-nav a { margin-inline-end: 1.25em; }
main { padding-block: 1rem 4rem; }
a { color: #0b4f9c; }
a:focus-visible { outline: 3px solid #b0191e; outline-offset: 2px; }
h1, h2, h3 { line-height: 1.3; }
h1 { color: #b0191e; font-size: 1.8em; }
h2 { border-bottom: 1px solid #d9d9d9; padding-bottom: 0.2em; margin-top: 2em; }
code { font: 0.9em/1.5 ui-monospace, "Noto Sans Mono CJK SC", monospace; background: #f3f1ed; padding: 0.1em 0.3em; border-radius: 3px; }
pre { background: #f3f1ed; padding: 0.8em 1em; overflow-x: auto; border-radius: 4px; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; display: block; overflow-x: auto; margin: 1em 0; }
th, td { border: 1px solid #d9d9d9; padding: 0.3em 0.6em; vertical-align: top; text-align: start; }
th { background: #f7f5f2; }
img { max-width: 100%; height: auto; border: 1px solid #d9d9d9; }
blockquote { margin-inline: 0; padding-inline-start: 1em; border-inline-start: 4px solid #d9d9d9; color: #595959; }
.audience { color: #595959; font-size: 0.9em; }
`;

/** The guides, by audience, in the order the docs index lists them. */
const GUIDES = [
  ['webmaster.md', 'Webmasters'],
  ['cms-templates.md', 'CMS template authors'],
  ['npm.md', 'Front-end developers'],
  ['counter-deployment.md', 'Operators'],
  ['prerender-and-import.md', 'Webmasters and operators moving a site'],
];

const docsRoot = join(root, 'docs');

/** The text of the first `# ` heading of a Markdown file, else its name. */
function titleOf(file) {
  try {
    const first = readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith('# '));
    return first ? first.slice(2).replace(/`/g, '').trim() : file.split(sep).pop();
  } catch {
    return file.split(sep).pop();
  }
}

function page({ title, lang = 'en', nav, body }) {
  return (
    `<!doctype html><html lang="${esc(lang)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${esc(title)}</title><link rel="icon" href="data:,"><style>${DOCS_STYLE}</style></head><body>` +
    `<header class="docs-nav"><nav aria-label="Documentation">${nav}</nav></header>` +
    `<main>${body}</main></body></html>`
  );
}

function sendHtml(res, status, html) {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': DOCS_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  });
  res.end(html);
}

/** /docs/: the guides by audience, then the reference pages. */
function docsIndex(res) {
  const guidesDir = join(docsRoot, 'guides');
  const guideFiles = existsSync(guidesDir) ? readdirSync(guidesDir).filter((f) => f.endsWith('.md')).sort() : [];
  const known = GUIDES.filter(([file]) => guideFiles.includes(file));
  const others = guideFiles.filter((f) => !GUIDES.some(([file]) => file === f)).map((f) => [f, '']);
  const guides = [...known, ...others].map(
    ([file, audience]) =>
      `<li>${audience ? `<span class="audience">${esc(audience)}:</span> ` : ''}` +
      `<a href="guides/${esc(file)}">${esc(titleOf(join(guidesDir, file)))}</a></li>`,
  );
  const reference = existsSync(docsRoot)
    ? readdirSync(docsRoot)
        .filter((f) => f.endsWith('.md'))
        .sort()
        .map((f) => `<li><a href="${esc(f)}">${esc(titleOf(join(docsRoot, f)))}</a> <small>(${esc(f)})</small></li>`)
    : [];
  sendHtml(
    res,
    200,
    page({
      title: 'court-widgets documentation',
      nav: `<a href="/demo/">← Demo <span lang="zh-CN">演示</span></a><a href="/README.md">README</a>`,
      body:
        `<h1>court-widgets documentation <span lang="zh-CN">使用文档</span></h1>` +
        `<h2 id="guides">Guides</h2>` +
        (guides.length ? `<ul>${guides.join('')}</ul>` : `<p>No guides yet.</p>`) +
        `<h2 id="reference">Reference</h2><ul>${reference.join('')}</ul>` +
        `<p>Every page is also available as Markdown: add <code>?raw</code> to its address.</p>`,
    }),
  );
}

const unescapeHtml = (s) =>
  s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]);

/** GitHub-style heading ids, so that links such as `security.md#content-security-policy` land. */
function slug(text) {
  return text
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/**
 * Where a link in `file` (a path under the repository) should point once rendered: links inside
 * docs/, demo/ and dist/ stay as written; the README is served at /README.md; a file under src/
 * points to its copy in dist/ when the build has one (the JSON Schemas).
 */
function mapHref(href, file) {
  if (!href || /^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(href)) return href;
  const [path, rest = ''] = href.split(/(?=[?#])/);
  if (path.startsWith('/')) return href;
  const from = posix.dirname(relative(root, file).split(sep).join('/'));
  const target = posix.normalize(posix.join(from, decodeURI(path)));
  if (target.startsWith('docs/') || target.startsWith('demo/') || target.startsWith('dist/')) return href;
  if (target === 'README.md') return `/README.md${rest}`;
  if (target.startsWith('src/')) {
    const built = `dist/${target.slice(4).replace(/\.ts$/, '.js')}`;
    if (existsSync(join(root, built))) return `/${encodeURI(built)}${rest}`;
  }
  return href;
}

/** Renders one Markdown file to a full HTML page. */
function renderMarkdown(file, urlPath) {
  const source = readFileSync(file, 'utf8');
  const explicitIds = new Set([...source.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
  const used = new Map();
  const marked = new Marked({ gfm: true });
  marked.use({
    renderer: {
      heading(token) {
        const inner = this.parser.parseInline(token.tokens);
        let id = slug(unescapeHtml(this.parser.parseInline(token.tokens, this.parser.textRenderer)));
        const n = used.get(id) ?? 0;
        used.set(id, n + 1);
        if (n) id = `${id}-${n}`;
        const attr = id && !explicitIds.has(id) ? ` id="${esc(id)}"` : '';
        return `<h${token.depth}${attr}>${inner}</h${token.depth}>\n`;
      },
      link(token) {
        token.href = mapHref(token.href, file);
        return false;
      },
    },
  });
  const body = marked.parse(source);
  const title = titleOf(file);
  const nav =
    `<a href="/docs/">Documentation index</a>` +
    `<a href="/demo/"><span lang="zh-CN">演示</span> Demo</a>` +
    `<a href="${esc(urlPath.split('/').pop())}?raw">Markdown</a>`;
  return page({ title: title === 'court-widgets' ? title : `${title} · court-widgets`, nav, body });
}

/**
 * A Markdown page under /docs/ (or the README): HTML, or the Markdown itself with `?raw`.
 * Returns false when the path is not such a page.
 */
function serveMarkdown(req, res, url) {
  let rel;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    return false;
  }
  if (!rel.endsWith('.md') || rel.includes('\0')) return false;
  const file = rel === '/README.md' ? join(root, 'README.md') : resolve(root, `.${rel}`);
  if (rel !== '/README.md' && !file.startsWith(docsRoot + sep)) return false;
  if (!existsSync(file) || !statSync(file).isFile()) return false;
  if (url.searchParams.has('raw')) {
    res.writeHead(200, {
      'Content-Type': 'text/plain; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
    return true;
  }
  let html;
  try {
    html = renderMarkdown(file, url.pathname);
  } catch (error) {
    sendHtml(res, 500, page({ title: 'Error', nav: '<a href="/docs/">Documentation index</a>', body: `<p>Cannot render ${esc(rel)}: ${esc(error.message)}</p>` }));
    return true;
  }
  sendHtml(res, 200, req.method === 'HEAD' ? '' : html);
  return true;
}

/** /dist/: the script-tag files first, then the package's folders. */
function distIndex(res) {
  const entries = readdirSync(join(root, 'dist'), { withFileTypes: true })
    .map((e) => (e.isDirectory() ? `${e.name}/` : e.name))
    .filter((name) => !name.endsWith('.map'))
    .sort((a, b) => Number(b.endsWith('.min.js')) - Number(a.endsWith('.min.js')) || a.localeCompare(b));
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
  res.end(
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>dist/</title>` +
      `<style>body{font:16px/1.7 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}</style>` +
      `<h1>dist/</h1><p>The script-tag bundles, and the ES modules of the npm package.</p><ul>` +
      entries.map((name) => `<li>${name.endsWith('/') ? esc(name) : `<a href="${esc(name)}">${esc(name)}</a>`}</li>`).join('') +
      `</ul><p><a href="/demo/">← Demo</a></p></html>`,
  );
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://${host}`);
  const path = url.pathname;
  if (path === '/' || path === '/demo' || path === '/dist' || path === '/docs') {
    res.writeHead(302, { Location: path === '/' ? '/demo/' : `${path}/` });
    res.end();
    return;
  }
  if (path === '/docs/' || path === '/docs/index.html' || path === '/docs/guides/') {
    if (path === '/docs/guides/') {
      res.writeHead(302, { Location: '/docs/#guides' });
      res.end();
      return;
    }
    docsIndex(res);
    return;
  }
  if ((path.startsWith('/docs/') || path === '/README.md') && serveMarkdown(req, res, url)) return;
  if (path === '/dist/') {
    distIndex(res);
    return;
  }
  if (path.startsWith('/counter/')) {
    proxyCounter(req, res);
    return;
  }
  const prefix = Object.keys(mounts).find((p) => path.startsWith(`${p}/`));
  const notFound = () => {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`Not found: ${path}\n`);
  };
  if (!prefix) return notFound();
  req.url = req.url.slice(prefix.length);
  mounts[prefix](req, res, notFound);
});

// The counter service, when it and its configuration exist.
let stopping = false;
let counter;
let counterTarget;
const counterBin = join(root, 'dist/cli/court-counter.js');
const counterConfig = join(root, 'demo/counter.config.json');

/**
 * The counter's address as the service itself works it out (demo/counter.config.json, then
 * the COURT_COUNTER_* environment variables), or undefined when the configuration is unusable
 * (the service then says why).
 */
async function counterAddress() {
  try {
    const { loadConfig } = await import(pathToFileURL(join(root, 'dist/server/config.js')).href);
    const { host, port } = loadConfig({ file: counterConfig });
    return new URL(`http://${host.includes(':') ? `[${host}]` : host}:${port}`);
  } catch {
    return undefined;
  }
}

/** /counter/* -> the counter service, so that a page needs only `connect-src 'self'`. */
function proxyCounter(req, res) {
  const fail = (status, message) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(`${message}\n`);
  };
  if (!counter || !counterTarget) {
    req.resume();
    fail(503, 'The visitor-counter service is not running: the demo runs without visitor counts.');
    return;
  }
  proxyToCounter(req, res, {
    target: counterTarget,
    prefix: '/counter',
    unreachable: () => fail(502, `The visitor-counter service does not answer at ${counterTarget.origin}.`),
  });
}

if (!withCounter) {
  console.log('Counter service not started (--no-counter): the demo runs without visitor counts.');
} else if (existsSync(counterBin) && existsSync(counterConfig)) {
  counterTarget = await counterAddress();
  counter = spawn(process.execPath, [counterBin, 'serve', '--config', 'demo/counter.config.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  counter.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(
        `The counter service stopped (${signal ?? `exit code ${code}`}); the demo keeps running without it.`,
      );
    }
    counter = undefined;
  });
} else {
  const missing = [counterBin, counterConfig].filter((f) => !existsSync(f)).map((f) => f.slice(root.length + 1));
  console.log(`Counter service not started (${missing.join(' and ')} missing): the demo runs without visitor counts.`);
}

function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping.`);
  server.close();
  server.closeAllConnections?.();
  if (counter) {
    const child = counter;
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    timer.unref();
    child.once('exit', () => process.exit(0));
    child.kill('SIGTERM');
  } else {
    process.exit(0);
  }
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

server.on('error', (error) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `Port ${port} on ${host} is in use: choose another with --port or PORT.`
      : `Cannot serve the demo: ${error.message}`,
  );
  counter?.kill('SIGTERM');
  process.exit(1);
});

server.listen(port, host, () => {
  const { port: actual } = server.address();
  const base = `http://${host}:${actual}`;
  console.log(`\nlistening on ${base}`);
  console.log(`court-widgets demo:`);
  console.log(`  ${base}/demo/             the court page (<court-article src>)`);
  console.log(`  ${base}/demo/inline.html  the same with inline JSON (CMS template)`);
  console.log(`  ${base}/demo/prerendered.html  the same pre-rendered by court-widgets render (readable without JavaScript)`);
  console.log(`  ${base}/demo/notice.html  a 开庭公告 with a video block and a right-aligned 落款`);
  console.log(`  ${base}/demo/csp.html     a court page under the strict Content-Security-Policy of docs/security.md`);
  console.log(`  ${base}/docs/             documentation (guides and reference, as HTML)`);
  console.log(`  ${base}/dist/             built files and bundles`);
  if (counter) {
    const at = counterTarget ? counterTarget.origin : 'its configured address';
    console.log(`  ${at}  the visitor-counter service (demo/counter.config.json), also at ${base}/counter/`);
  }
  console.log('Press Ctrl+C to stop.');
});
