// A static server on 127.0.0.1 and an ephemeral port for the benchmark pages.
//   /dist/…  the built package (or the copy of it given as `distDir`)
//   /demo/…  the generated benchmark pages and data first, then the repository's demo/
//            (images and data), so that relative URLs resolve as on the demo page.
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';

/**
 * A folder `.dist/` in `pagesDir` for the pages to load instead of dist/, so that a build
 * started meanwhile (which replaces dist/) does not disturb a run: it holds the translation
 * files the bundle loads from beside itself; the caller puts `court-widgets.min.js` in it.
 * @returns {string} the folder
 */
export function stageDist(root, pagesDir) {
  const dir = join(pagesDir, '.dist');
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(join(root, 'dist'))) {
    if (/^court-widgets\.[A-Za-z-]+\.js$/.test(file)) cpSync(join(root, 'dist', file), join(dir, file));
  }
  return dir;
}

/** @returns {Promise<{ origin: string, close: () => Promise<void> }>} */
export async function startServer(root, pagesDir, distDir = join(root, 'dist')) {
  const options = { dev: true, etag: false, dotfiles: false };
  const dist = sirv(distDir, options);
  const pages = sirv(pagesDir, options);
  const demo = sirv(join(root, 'demo'), options);
  const notFound = (res) => {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  };
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/dist/')) {
      req.url = url.slice('/dist'.length);
      dist(req, res, () => notFound(res));
    } else if (url.startsWith('/demo/')) {
      req.url = url.slice('/demo'.length);
      pages(req, res, () => demo(req, res, () => notFound(res)));
    } else {
      notFound(res);
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
