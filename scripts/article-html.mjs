// An article in the JSON contract as an old CMS page holds it, without any element: the
// light-DOM fallback of demo/inline.html and the benchmark's static page. The HTML comes from
// the package's own server renderer (`renderFallbackArticle` in dist/ssr/render-page.js, the
// copy that `court-widgets render` puts in every pre-rendered page), so there is one plain
// rendering of an article, with one set of URL and sanitizing rules. Needs `npm run build`.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let renderer;

/**
 * The built model and server renderer, loaded once: `parseArticle`, `renderFallbackArticle`,
 * and the renderer's `escapeHtml` and `scriptJson` (JSON safe inside `<script>`).
 */
export async function builtRenderer() {
  if (!renderer) {
    const page = join(root, 'dist/ssr/render-page.js');
    const model = join(root, 'dist/model/index.js');
    if (!existsSync(page) || !existsSync(model)) throw new Error('dist/ssr/render-page.js is missing: run `npm run build` first');
    const [{ renderFallbackArticle, escapeHtml, scriptJson, bundleScript }, { parseArticle }] = await Promise.all([
      import(pathToFileURL(page).href),
      import(pathToFileURL(model).href),
    ]);
    renderer = { renderFallbackArticle, escapeHtml, scriptJson, bundleScript, parseArticle };
  }
  return renderer;
}

/**
 * The article as plain, styled-by-the-host HTML: `<article class="court-widgets-fallback">`
 * with breadcrumb, header, body, editor, attachments and pager. Rejects data the contract
 * refuses, naming the problems.
 * @param {unknown} article contract JSON (object or text)
 * @returns {Promise<string>}
 */
export async function articleFallbackHtml(article) {
  const { renderFallbackArticle, parseArticle } = await builtRenderer();
  const parsed = parseArticle(article);
  if (!parsed.ok) throw new Error(`not a valid article: ${parsed.problems.map((p) => p.message).join('; ')}`);
  return renderFallbackArticle(parsed.value);
}
