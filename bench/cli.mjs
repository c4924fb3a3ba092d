// `npm run bench:cli`: throughput of `court-widgets render` and `court-widgets import`.
//
// Generates 1,000 articles of varied length (paragraphs, inline markup, headings, images,
// tables, lists, attachments) into a temporary folder, then, in this process:
//   1. render: the folder of JSON to a folder of HTML pages (Lit SSR, with site data);
//   2. import: those HTML pages back to JSON;
// and prints articles per second for each, the peak memory (RSS sampled every 10 ms, and the
// process's maxRSS), and a check that the round trip kept every article's title and blocks.
//
// Usage: node bench/cli.mjs [--count 1000] [--dist] [--keep]
//   --dist  measure the built files in dist/ (npm run build) instead of the source tree
//   --keep  leave the temporary folder in place and print its path
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    dist: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const COUNT = Number(values.count);
if (!Number.isInteger(COUNT) || COUNT < 1) {
  console.error('--count must be a positive integer');
  process.exit(2);
}

async function load(module) {
  if (values.dist) return import(pathToFileURL(join(root, 'dist', `${module}.js`)).href);
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(pathToFileURL(join(root, 'src', `${module}.ts`)).href, import.meta.url);
}

// Deterministic pseudo-random numbers, so every run measures the same articles.
function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seed = JSON.parse(readFileSync(join(root, 'demo', 'data', 'seed-article.json'), 'utf8'));
const site = JSON.parse(readFileSync(join(root, 'demo', 'data', 'site.json'), 'utf8'));
const sentences = seed.body
  .filter((b) => b.type === 'paragraph')
  .flatMap((b) => (b.text ?? '').split(/(?<=[。!?])/))
  .map((s) => s.trim())
  .filter(Boolean);

function generate(i, random) {
  const pick = () => sentences[Math.floor(random() * sentences.length)];
  const paragraph = () => {
    let text = '';
    const n = 1 + Math.floor(random() * 5);
    for (let k = 0; k < n; k++) text += pick();
    return text;
  };
  const body = [];
  const paragraphs = 3 + Math.floor(random() ** 2 * 60);
  for (let p = 0; p < paragraphs; p++) {
    if (p > 0 && p % 6 === 0) body.push({ type: 'heading', level: 2, text: pick().slice(0, 20) });
    if (random() < 0.15) {
      const text = paragraph();
      body.push({ type: 'paragraph', html: `${text.slice(0, 20)}<strong>${text.slice(20, 40)}</strong>${text.slice(40)}<a href="/article/${i}.shtml">详见</a>` });
    } else {
      body.push({ type: 'paragraph', text: paragraph() });
    }
    if (random() < 0.18) {
      body.push({ type: 'image', src: `img/${i}-${p}.jpg`, width: 1280, height: 853, alt: pick().slice(0, 16), caption: pick().slice(0, 24) });
    }
  }
  if (random() < 0.3) {
    const rows = Array.from({ length: 2 + Math.floor(random() * 8) }, (_, r) => `<tr><td>${r + 1}</td><td>${pick().slice(0, 12)}</td><td>${Math.floor(random() * 1000)}</td></tr>`);
    body.push({ type: 'html', html: `<table><thead><tr><th>序号</th><th>事项</th><th>件数</th></tr></thead><tbody>${rows.join('')}</tbody></table>` });
  }
  if (random() < 0.2) {
    body.push({ type: 'html', html: `<ul>${Array.from({ length: 3 }, () => `<li>${pick().slice(0, 30)}</li>`).join('')}</ul>` });
  }
  const article = {
    version: 1,
    id: `bench-${i}`,
    lang: 'zh-CN',
    url: `https://court.example.cn/article/detail/2024/${String(i).padStart(4, '0')}.shtml`,
    breadcrumb: [
      { label: '首页', href: '/' },
      { label: '新闻中心', href: '/news/' },
      { label: random() < 0.5 ? '图片新闻' : '法院动态', href: '/news/list/' },
    ],
    title: `${pick().slice(0, 24)}(第${i}篇)`,
    ...(random() < 0.3 ? { subtitle: pick().slice(0, 30) } : {}),
    author: '抚顺中院 宣教科',
    publishedAt: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:30:00+08:00`,
    editor: '宣教科',
    body,
    ...(random() < 0.25 ? { attachments: [{ title: `附件${i}.pdf`, href: `files/${i}.pdf`, bytes: Math.floor(random() * 2_000_000) }] } : {}),
    prev: { title: `上一篇文章${i - 1}`, href: `/article/${i - 1}.shtml` },
    next: { title: `下一篇文章${i + 1}`, href: `/article/${i + 1}.shtml` },
  };
  return article;
}

const sink = { write: () => true, isTTY: false };
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);

const work = mkdtempSync(join(tmpdir(), 'court-widgets-bench-'));
try {
  const articlesDir = join(work, 'articles');
  const siteDir = join(work, 'site');
  const backDir = join(work, 'reimported');
  mkdirSync(articlesDir);
  const random = mulberry32(20240228);
  let blocks = 0;
  let bytes = 0;
  for (let i = 1; i <= COUNT; i++) {
    const article = generate(i, random);
    blocks += article.body.length;
    const json = JSON.stringify(article);
    bytes += Buffer.byteLength(json);
    writeFileSync(join(articlesDir, `${String(i).padStart(4, '0')}.json`), json);
  }
  writeFileSync(join(work, 'site.json'), JSON.stringify(site));

  const { renderCommand } = await load('ssr/batch');
  const { importCommand } = await load('import/batch');

  // Warm-up on one article, outside the timings (module start-up, first JIT).
  const warm = join(work, 'warm');
  mkdirSync(warm);
  writeFileSync(join(warm, 'a.json'), JSON.stringify(seed));
  await renderCommand({ input: join(warm, 'a.json'), out: join(warm, 'a.html'), stdout: sink, stderr: sink });
  await importCommand({ input: join(warm, 'a.html'), out: join(warm, 'a.out.json'), stdout: sink, stderr: sink });

  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);

  const t0 = performance.now();
  const renderCode = await renderCommand({ input: articlesDir, out: siteDir, site: join(work, 'site.json'), stdout: sink, stderr: sink });
  const t1 = performance.now();
  const renderPeak = Math.max(peak, process.memoryUsage().rss);
  const importCode = await importCommand({ input: siteDir, out: backDir, report: join(work, 'report.json'), stdout: sink, stderr: sink });
  const t2 = performance.now();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);

  // Round trip check: every article back with its title and its blocks.
  let same = 0;
  for (const file of readdirSync(articlesDir)) {
    const original = JSON.parse(readFileSync(join(articlesDir, file), 'utf8'));
    let back;
    try {
      back = JSON.parse(readFileSync(join(backDir, file), 'utf8'));
    } catch {
      continue;
    }
    if (back.title === original.title && back.body.length === original.body.length) same++;
  }
  const report = JSON.parse(readFileSync(join(work, 'report.json'), 'utf8'));
  const htmlBytes = readdirSync(siteDir).reduce((n, f) => n + readFileSync(join(siteDir, f)).length, 0);

  const renderSeconds = (t1 - t0) / 1000;
  const importSeconds = (t2 - t1) / 1000;
  console.log(`court-widgets CLI benchmark (${values.dist ? 'dist/' : 'source through tsx'}; Node ${process.version}; ${cpus().length} CPU, ${cpus()[0]?.model ?? ''})`);
  console.log(`articles: ${COUNT}, ${blocks} blocks, ${mb(bytes)} MB of JSON -> ${mb(htmlBytes)} MB of HTML`);
  console.log(`render: ${COUNT} articles in ${renderSeconds.toFixed(2)} s = ${(COUNT / renderSeconds).toFixed(1)} articles/s (exit ${renderCode})`);
  console.log(`import: ${COUNT} pages in ${importSeconds.toFixed(2)} s = ${(COUNT / importSeconds).toFixed(1)} articles/s (exit ${importCode}; ${report.imported} imported, ${report.failed} failed, ${report.warnings} warnings)`);
  console.log(`round trip: ${same}/${COUNT} articles came back with the same title and number of blocks`);
  console.log(`peak RSS (sampled every 10 ms): ${mb(peak)} MB (during render: ${mb(renderPeak)} MB); maxRSS (process.resourceUsage): ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB`);
  if (values.keep) console.log(`files kept in ${work}`);
  if (renderCode !== 0 || importCode !== 0 || same !== COUNT) process.exitCode = 1;
} finally {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}
