// `npm run bench`: how fast the article appears, static HTML against the elements, in headless
// Chromium, in one run.
//
//   node bench/run.mjs [--runs 15] [--warmup 1] [--cpu 1,4] [--articles seed,long]
//                      [--variants static,inline,src,prerendered] [--paragraphs 500]
//                      [--no-report] [--quick]
//
// For each article (the seed article, and the seed stretched to 500 paragraphs) and each CPU
// rate (unthrottled, and 4× slower like an old office PC, via the DevTools protocol), every
// variant is loaded `warmup` times unmeasured and then `runs` times, interleaved so that
// background noise falls on all variants alike. Prints median / min / max of the time to the
// article rendered and painted, FCP, LCP, CLS and JS heap, the ratio of each variant to the
// static page (a), the bundle sizes, and which targets the run met (bench/lib/targets.mjs);
// writes bench/results/{results.json,report.md,chart.svg}.
// --quick: 3 runs of the seed article, unthrottled, static and inline only.
//
// Times are measurements of this machine at this moment: they are reported, never asserted.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, requireChromium } from '../scripts/chromium.mjs';
import { GZIP_BUDGET, bundleSizes, formatSizes } from '../scripts/sizes.mjs';
import { measureLoad } from './lib/measure.mjs';
import { VARIANTS, VARIANT_LABELS, longArticle, writePages } from './lib/pages.mjs';
import { METRICS, consoleTable, scenarioTitle, shiftLines, writeReports } from './lib/report.mjs';
import { stageDist, startServer } from './lib/server.mjs';
import { checkTargets, targetLines } from './lib/targets.mjs';
import { ratioInterval, summary } from './lib/stats.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUDGET = GZIP_BUDGET;

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '1' },
    cpu: { type: 'string', default: '1,4' },
    articles: { type: 'string', default: 'seed,long' },
    variants: { type: 'string', default: VARIANTS.join(',') },
    paragraphs: { type: 'string', default: '500' },
    'no-report': { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (args.help) {
  console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\nimport ')[0].replace(/^\/\/ ?/gm, ''));
  process.exit(0);
}

const list = (value) => value.split(',').map((s) => s.trim()).filter(Boolean);
function positive(name, value) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || (name !== 'warmup' && n < 1)) {
    console.error(`--${name} must be a ${name === 'warmup' ? 'non-negative' : 'positive'} integer, not "${value}"`);
    process.exit(2);
  }
  return n;
}

const runs = args.quick ? 3 : positive('runs', args.runs);
const warmup = positive('warmup', args.warmup);
const cpuRates = args.quick ? [1] : list(args.cpu).map((c) => positive('cpu', c));
const articleNames = args.quick ? ['seed'] : list(args.articles);
const variants = args.quick ? ['static', 'inline'] : list(args.variants);
const paragraphs = positive('paragraphs', args.paragraphs);
for (const v of variants) {
  if (!VARIANTS.includes(v)) {
    console.error(`Unknown variant "${v}": choose from ${VARIANTS.join(', ')}`);
    process.exit(2);
  }
}
for (const a of articleNames) {
  if (!['seed', 'long'].includes(a)) {
    console.error(`Unknown article "${a}": choose from seed, long`);
    process.exit(2);
  }
}
if (!variants.includes('static')) {
  console.error('The static variant (a) is the baseline of every ratio: keep it in --variants.');
  process.exit(2);
}

// Build when the bundle is missing.
if (!existsSync(join(root, 'dist/court-widgets.min.js'))) {
  console.log('dist/ is missing: building first (npm run build).');
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const seedFile = join(root, 'demo/data/seed-article.json');
if (!existsSync(seedFile)) {
  console.error('demo/data/seed-article.json is missing.');
  process.exit(1);
}
const seed = JSON.parse(readFileSync(seedFile, 'utf8'));
const articles = {
  seed: seed,
  long: longArticle(seed, paragraphs),
};

const executablePath = requireChromium();
const pagesDir = mkdtempSync(join(tmpdir(), 'court-widgets-bench-'));
const skipped = {};
const pageSets = {};
for (const name of articleNames) {
  const { pages, skipped: s } = await writePages({ root, dir: pagesDir, name, article: articles[name], variants });
  pageSets[name] = pages;
  Object.assign(skipped, s);
}

// The pages load a copy of the bundle and its translations (see stageDist).
const distCopy = stageDist(root, pagesDir);
cpSync(join(root, 'dist/court-widgets.min.js'), join(distCopy, 'court-widgets.min.js'));
const sizes = bundleSizes(join(root, 'dist'));

const server = await startServer(root, pagesDir, distCopy);
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: [...chromiumArgs, '--lang=zh-CN'],
});

let stopped = false;
async function cleanup() {
  if (stopped) return;
  stopped = true;
  await browser.close().catch(() => {});
  await server.close();
  rmSync(pagesDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => cleanup().then(() => process.exit(130)));
}

const browserVersion = await browser.version();
console.log(`court-widgets benchmark: ${browserVersion}, ${cpus().length} CPU(s), ${runs} loads per variant after ${warmup} warm-up`);
for (const [variant, why] of Object.entries(skipped)) console.log(`  not measured: ${VARIANT_LABELS[variant]}: ${why}`);

const scenarios = [];
let failure;
try {
  for (const name of articleNames) {
    for (const cpu of cpuRates) {
      const pages = pageSets[name];
      const measured = Object.keys(pages);
      const scenario = {
        article: name,
        paragraphs: articles[name].body.filter((b) => b.type === 'paragraph').length,
        cpu,
        variants: {},
        ratios: {},
      };
      const samples = Object.fromEntries(measured.map((v) => [v, []]));
      const total = (warmup + runs) * measured.length;
      let done = 0;
      const title = scenarioTitle(scenario);
      for (let i = 0; i < warmup + runs; i++) {
        for (const variant of measured) {
          const result = await measureLoad(browser, { url: `${server.origin}${pages[variant]}`, cpu });
          if (i >= warmup) samples[variant].push(result);
          done++;
          if (process.stdout.isTTY) process.stdout.write(`\r  ${title}: ${done}/${total} loads`);
        }
      }
      if (process.stdout.isTTY) process.stdout.write('\r\x1b[2K');
      for (const variant of measured) {
        const metrics = {};
        for (const m of METRICS) metrics[m.key] = summary(samples[variant].map((s) => s[m.key]));
        scenario.variants[variant] = {
          summary: metrics,
          samples: Object.fromEntries(METRICS.map((m) => [m.key, samples[variant].map((s) => s[m.key])])),
          // Each layout shift of the loads, with what moved (the shift's sources).
          shifts: samples[variant].flatMap((load, n) => load.shifts.map((shift) => ({ load: n + 1, ...shift }))),
        };
      }
      const base = scenario.variants.static.summary;
      for (const variant of measured) {
        const s = scenario.variants[variant].summary;
        scenario.ratios[variant] = {
          rendered: s.rendered.median / base.rendered.median,
          fcp: s.fcp.median / base.fcp.median,
          lcp: s.lcp.median / base.lcp.median,
          // How far the LCP ratio can be trusted: a 95% bootstrap interval over the loads.
          lcpInterval: ratioInterval(samples[variant].map((x) => x.lcp), samples.static.map((x) => x.lcp)),
        };
      }
      scenarios.push(scenario);
      console.log(`\n${title}`);
      console.log(consoleTable(scenario));
      for (const line of shiftLines(scenario)) console.log(`  ${line}`);
    }
  }
} catch (error) {
  failure = error;
} finally {
  await cleanup();
}

if (failure) {
  console.error(`\nBenchmark stopped: ${failure.message}`);
  process.exit(1);
}

console.log('\nBundle sizes (bytes):');
console.log(formatSizes(sizes));

const targets = checkTargets(scenarios, sizes, BUDGET, scenarioTitle);
console.log('\nTargets (reported, not asserted):');
console.log(targetLines(targets).map((l) => `  ${l}`).join('\n'));

if (!args['no-report']) {
  const results = {
    date: new Date().toISOString(),
    browser: browserVersion,
    node: process.versions.node,
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`,
    runs,
    warmup,
    budget: BUDGET,
    bundle: sizes,
    skipped,
    scenarios,
    targets,
  };
  const files = writeReports(join(root, 'bench/results'), results);
  console.log(`\nReports: ${files.map((f) => relative(root, f)).join(', ')}`);
}
