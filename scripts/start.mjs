// `npm start` (after `npm run build`): the demo at http://127.0.0.1:8080/ and the visitor-counter
// service next to it.
//
//   /        -> redirect to /demo/
//   /demo/   the demo court page (index.html, inline.html, data/, img/)
//   /dist/   the built package and the script-tag bundles
//   /docs/   the documentation (Markdown shown as UTF-8 text)
//
// Port: --port N, else the PORT environment variable, else 8080. Binds 127.0.0.1 only.
// The counter service is `node dist/cli/court-counter.js serve --config demo/counter.config.json`;
// when either file is missing the demo runs alone. Ctrl+C or SIGTERM stops both.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

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

const serve = (dir) => sirv(join(root, dir), { dev: true, dotfiles: false, etag: true, setHeaders });
const mounts = { '/demo': serve('demo'), '/dist': serve('dist'), '/docs': serve('docs') };

/** /docs/ has no index.html: list its pages. */
function docsIndex(res) {
  const pages = existsSync(join(root, 'docs'))
    ? readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort()
    : [];
  const title = (file) => {
    const first = readFileSync(join(root, 'docs', file), 'utf8').split('\n').find((l) => l.startsWith('# '));
    return first ? first.slice(2) : file;
  };
  const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
  res.end(
    `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>court-widgets 文档</title><style>body{font:16px/1.7 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}</style>` +
      `<h1>court-widgets 文档 / Documentation</h1><ul>` +
      pages.map((f) => `<li><a href="${esc(f)}">${esc(title(f))}</a> <small>(${esc(f)})</small></li>`).join('') +
      `</ul><p><a href="/demo/">← 演示 / Demo</a></p></html>`,
  );
}

/** /dist/: the script-tag files first, then the package's folders. */
function distIndex(res) {
  const entries = readdirSync(join(root, 'dist'), { withFileTypes: true })
    .map((e) => (e.isDirectory() ? `${e.name}/` : e.name))
    .filter((name) => !name.endsWith('.map'))
    .sort((a, b) => Number(b.endsWith('.min.js')) - Number(a.endsWith('.min.js')) || a.localeCompare(b));
  const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
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
  if (path === '/docs/' || path === '/docs/index.html') {
    docsIndex(res);
    return;
  }
  if (path === '/dist/') {
    distIndex(res);
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

/** The counter's address as its configuration gives it. */
function counterUrl() {
  try {
    const config = JSON.parse(readFileSync(counterConfig, 'utf8'));
    return `http://${config.host ?? '127.0.0.1'}:${config.port ?? 8787}/`;
  } catch {
    return 'counter service';
  }
}
const counterBin = join(root, 'dist/cli/court-counter.js');
const counterConfig = join(root, 'demo/counter.config.json');
if (existsSync(counterBin) && existsSync(counterConfig)) {
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
  console.log(`\ncourt-widgets demo:`);
  console.log(`  ${base}/demo/             the court page (<court-article src>)`);
  console.log(`  ${base}/demo/inline.html  the same with inline JSON (CMS template)`);
  console.log(`  ${base}/docs/             documentation`);
  console.log(`  ${base}/dist/             built files and bundles`);
  if (counter) console.log(`  ${counterUrl()}  the visitor-counter service (demo/counter.config.json)`);
  console.log('Press Ctrl+C to stop.');
});
