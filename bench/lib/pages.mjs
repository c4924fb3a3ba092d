// The benchmark pages: one article, several ways of putting it on a court page.
//
//   static       the article as plain HTML (what an old CMS page holds), no script
//   inline       <court-article> with the JSON inline + the one-file bundle
//   src          <court-article src="….json"> + the one-file bundle (one extra request)
//   prerendered  the CLI's `court-widgets render --fragment` output (declarative shadow
//                DOM) + the script tag the CLI gives pre-rendered pages, which loads the
//                one-file bundle after the first paint; the bundle hydrates the page
//
// Every page has the same host shell (header, styles, font) and the same measuring script, so
// the only difference is how the article arrives. "Rendered" is the time from navigation to
// the frame after the article is in the DOM: for static and prerendered pages, when the
// parser reaches the end of the body; for the element pages, when <court-article> fires
// court-article-loaded (the whole article is drawn, both steps) and its update has completed. In both cases a rAF followed by a task marks the frame as painted,
// and the result is never earlier than the first contentful paint (bench/lib/measure.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { articleFallbackHtml, builtRenderer } from '../../scripts/article-html.mjs';

export const VARIANTS = ['static', 'inline', 'src', 'prerendered'];

export const VARIANT_LABELS = {
  static: '(a) static HTML',
  inline: '(b) <court-article> inline JSON',
  src: '(c) <court-article src>',
  prerendered: '(d) pre-rendered + hydrated',
};

const BUNDLE = '/dist/court-widgets.min.js';

/** Collects paint timings; `__bench.painted()` marks the next painted frame. */
const MEASURE = `<script>
(function () {
  var b = (window.__bench = { rendered: 0, lcp: 0, cls: 0, shifts: [], failed: '' });
  // What moved, for a load with a layout shift: the element, its box before and after. The
  // browser gives no node for one inside a shadow tree (or removed since).
  function describe(node) {
    if (!node) return '(a node in a shadow tree, or removed)';
    var el = node.nodeType === 1 ? node : node.parentElement;
    if (!el) return '#text';
    var name = el.localName + (el.id ? '#' + el.id : '') + (typeof el.className === 'string' && el.className ? '.' + el.className.split(/\s+/)[0] : '');
    var text = (node.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 16);
    return name + (text ? ' "' + text + '"' : '');
  }
  function box(r) {
    return r ? [Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)].join(',') : '';
  }
  try {
    new PerformanceObserver(function (list) {
      var entries = list.getEntries();
      b.lcp = entries[entries.length - 1].startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (e) {
        if (e.hadRecentInput) return;
        b.cls += e.value;
        b.shifts.push({
          value: e.value,
          at: Math.round(e.startTime),
          sources: (e.sources || []).map(function (s) { return describe(s.node) + ' [' + box(s.previousRect) + ' -> ' + box(s.currentRect) + ']'; }),
        });
      });
    }).observe({ type: 'layout-shift', buffered: true });
  } catch (e) {}
  b.painted = function () {
    requestAnimationFrame(function () {
      setTimeout(function () { if (!b.rendered) b.rendered = performance.now(); }, 0);
    });
  };
  document.addEventListener('court-article-loaded', function (e) {
    var el = e.target;
    Promise.resolve(el && el.updateComplete).then(b.painted);
  });
  document.addEventListener('court-article-failed', function (e) {
    b.failed = JSON.stringify(e.detail || {}).slice(0, 300);
  });
})();
</script>`;

/**
 * The host page's font, for its own text and, through the `--court-font-family` token (as a
 * site theming the elements sets it), for the elements' text. Without the token the elements
 * would start from system-ui, which on a Linux machine is usually DejaVu Sans with the Chinese
 * from a fallback font: a different font from the static page's, not a different way of
 * delivering the same article.
 */
const HOST_FONT = '"Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

/** The host page's own styles, and the plain article's, as an old CMS template has them. */
const HOST_CSS = `<style>
body { margin: 0; font: 14px/1.6 ${HOST_FONT}; color: #333; background: #eee; }
:root { --court-font-family: ${HOST_FONT}; }
.site { background: #b0191e; color: #fff; padding: 16px 24px; font-size: 26px; font-weight: bold; }
main { max-width: 960px; margin: 12px auto; padding: 16px 24px; background: #fff; }
.static-article h1 { font-size: 24px; color: #b0191e; text-align: center; margin: 8px 0; }
.static-article h2 { font-size: 18px; margin: 20px 0 8px; }
.static-article p { text-indent: 2em; margin: 10px 0; font-size: 17px; line-height: 1.8; }
.static-article nav, .static-article .byline, .static-article .subtitle { text-indent: 0; text-align: center; color: #666; }
.static-article figure { margin: 16px auto; text-align: center; }
.static-article img { max-width: 100%; height: auto; }
.static-article figcaption { font-size: 14px; color: #555; }
</style>`;

/** A benchmark page in the host page's skeleton; `escapeHtml` is the package renderer's. */
function shell(escapeHtml, { title, head = '', content, tail = '' }) {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${HOST_CSS}
${MEASURE}
${head}
</head>
<body>
<header class="site">辽宁省抚顺市中级人民法院</header>
<main>
${content}
</main>
${tail}
</body>
</html>
`;
}

const paintedAtEnd = '<script>__bench.painted();</script>';
const bundleTag = `<script type="module" src="${BUNDLE}"></script>`;

/** The seed article stretched to `paragraphs` paragraphs: the seed's text cycled, a heading every 25. */
export function longArticle(seed, paragraphs = 500) {
  const texts = seed.body.filter((b) => b.type === 'paragraph').map((b) => b.text ?? b.html);
  const firstImage = seed.body.find((b) => b.type === 'image');
  const body = [];
  for (let i = 0; i < paragraphs; i++) {
    if (i % 25 === 0) body.push({ type: 'heading', level: 2, text: `第${i / 25 + 1}部分` });
    const block = { type: 'paragraph', text: `${i + 1}. ${texts[i % texts.length]}` };
    body.push(block);
    if (i === 0 && firstImage) body.push(firstImage);
  }
  return { ...seed, id: `${seed.id ?? 'seed'}-long`, title: `${seed.title}(${paragraphs}段)`, body };
}

/**
 * Writes the pages of one article into `dir` (served as /demo/).
 * @returns {Promise<{ pages: Record<string, string>, skipped: Record<string, string> }>} page paths by variant, and why any were left out
 */
export async function writePages({ root, dir, name, article, variants }) {
  const pages = {};
  const skipped = {};
  const { escapeHtml, scriptJson, bundleScript } = await builtRenderer();
  const jsonFile = join(dir, `bench-${name}.json`);
  writeFileSync(jsonFile, JSON.stringify(article));

  for (const variant of variants) {
    const file = `bench-${name}-${variant}.html`;
    let html;
    if (variant === 'static') {
      html = shell(escapeHtml, {
        title: article.title,
        content: `<div class="static-article">\n${await articleFallbackHtml(article)}\n</div>`,
        tail: paintedAtEnd,
      });
    } else if (variant === 'inline') {
      html = shell(escapeHtml, {
        title: article.title,
        head: bundleTag,
        content: `<court-article><script type="application/json">${scriptJson(article)}</script></court-article>`,
      });
    } else if (variant === 'src') {
      html = shell(escapeHtml, {
        title: article.title,
        head: bundleTag,
        content: `<court-article src="bench-${name}.json"></court-article>`,
      });
    } else if (variant === 'prerendered') {
      const cli = join(root, 'dist/cli/court-widgets.js');
      if (!existsSync(cli)) {
        skipped[variant] = 'dist/cli/court-widgets.js is missing';
        continue;
      }
      const fragmentFile = join(dir, `bench-${name}-fragment.html`);
      const run = spawnSync(process.execPath, [cli, 'render', jsonFile, '--fragment', '--out', fragmentFile], {
        encoding: 'utf8',
      });
      if (run.status !== 0 || !existsSync(fragmentFile)) {
        skipped[variant] = `court-widgets render failed: ${(run.stderr || run.stdout).trim().split('\n')[0]}`;
        continue;
      }
      html = shell(escapeHtml, {
        title: article.title,
        // The script tag `court-widgets render --bundle` gives a page (the after-paint loader).
        head: bundleScript(BUNDLE),
        content: readFileSync(fragmentFile, 'utf8'),
        tail: paintedAtEnd,
      });
    } else {
      throw new Error(`unknown variant ${variant}`);
    }
    writeFileSync(join(dir, file), html);
    pages[variant] = `/demo/${file}`;
  }
  return { pages, skipped };
}
