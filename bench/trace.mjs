// Where the time of one benchmark page goes: a Chromium performance trace of the page the
// benchmark builds, split by kind of work on the renderer's main thread.
//
//   node bench/trace.mjs [--article seed|long] [--variant inline] [--cpu 4] [--runs 3]
//                        [--paragraphs 500] [--cpu-time] [--profile [--debug-bundle]]
//                        [--bundle file.js] [--save trace.json]
//
// Each load runs in a fresh browser context with the CPU throttled like the benchmark. The
// trace's main-thread events are reduced to self time per kind (HTML parse, script compile
// and evaluation, style, layout, paint…), in wall time and in thread time, with the moments
// that matter (bundle fetched, module evaluated, FCP, the LCP candidates) and the main-thread
// tasks of 3 ms or more in order (--cpu-time: their breakdown in thread time). Thread time is
// what to compare between two builds on a busy machine: at --cpu 1 it hardly moves from run
// to run, while wall times follow whatever else the machine is doing.
//
// --bundle loads another build of the one-file bundle instead of dist/court-widgets.min.js
// (to compare two builds). --profile runs a sampling CPU profile alongside and splits the JavaScript time up to the
// paint of the largest content, with means over the runs.
//
// --debug-bundle loads an unminified bundle of src/bundle.ts built with esbuild into a
// temporary folder instead of dist/court-widgets.min.js, so that the JavaScript split can
// name modules and functions. It runs slower than the minified file and is only for that
// split; the other figures come from the real bundle.
import { mkdtempSync, readFileSync, cpSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, requireChromium } from '../scripts/chromium.mjs';
import { longArticle, writePages } from './lib/pages.mjs';
import { stageDist, startServer } from './lib/server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    article: { type: 'string', default: 'seed' },
    variant: { type: 'string', default: 'inline' },
    cpu: { type: 'string', default: '4' },
    runs: { type: 'string', default: '3' },
    paragraphs: { type: 'string', default: '500' },
    'debug-bundle': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    save: { type: 'string' },
    'cpu-time': { type: 'boolean', default: false },
    bundle: { type: 'string' },
  },
});

const cpu = Number(args.cpu);
const runs = Number(args.runs);
const seed = JSON.parse(readFileSync(join(root, 'demo/data/seed-article.json'), 'utf8'));
const article = args.article === 'long' ? longArticle(seed, Number(args.paragraphs)) : seed;

const pagesDir = mkdtempSync(join(tmpdir(), 'court-widgets-trace-'));
const { pages } = await writePages({ root, dir: pagesDir, name: args.article, article, variants: [args.variant] });
const distCopy = stageDist(root, pagesDir);
/** Start line of each source module in the debug bundle, from esbuild's `// path` comments. */
let moduleLines = [];
if (args['debug-bundle']) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(root, 'src/bundle.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2021',
    minify: false,
    conditions: ['browser', 'production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfig: join(root, 'tsconfig.json'),
    outfile: join(distCopy, 'court-widgets.min.js'),
    logLevel: 'error',
    // package.json's sideEffects names the built define files, not the sources.
    ignoreAnnotations: true,
  });
  const lines = readFileSync(join(distCopy, 'court-widgets.min.js'), 'utf8').split('\n');
  lines.forEach((line, i) => {
    const m = /^\/\/ (?:\.\.\/)*(?:\S*?\/)?((?:node_modules|src)\/\S+)$/.exec(line);
    if (m) moduleLines.push({ line: i, module: m[1].replace(/^node_modules\//, '') });
  });
} else {
  cpSync(args.bundle ? resolve(args.bundle) : join(root, 'dist/court-widgets.min.js'), join(distCopy, 'court-widgets.min.js'));
}

const server = await startServer(root, pagesDir, distCopy);
const browser = await puppeteer.launch({
  executablePath: requireChromium(),
  headless: true,
  args: [...chromiumArgs, '--lang=zh-CN'],
});

/** Kinds of main-thread work, by trace event name. */
const KINDS = {
  ParseHTML: 'HTML parse',
  ParseAuthorStyleSheet: 'CSS parse',
  'v8.compile': 'script compile',
  'v8.compileModule': 'script compile',
  'V8.CompileCode': 'script compile',
  'v8.produceModuleCache': 'script compile',
  'v8.evaluateModule': 'script evaluate',
  EvaluateScript: 'script evaluate',
  FunctionCall: 'script (callbacks)',
  RunMicrotasks: 'script (microtasks)',
  TimerFire: 'script (callbacks)',
  FireAnimationFrame: 'script (callbacks)',
  EventDispatch: 'script (callbacks)',
  'V8.GCScavenger': 'GC',
  MinorGC: 'GC',
  MajorGC: 'GC',
  'BlinkGC.AtomicPhase': 'GC',
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  PaintImage: 'paint',
  Layerize: 'paint',
  UpdateLayer: 'paint',
  Commit: 'paint',
  'Decode Image': 'image decode',
  'ImageDecodeTask': 'image decode',
  ResourceReceivedData: 'network callbacks',
};

/** Task breakdowns in thread time (CPU) rather than wall time. */
const useCpu = args['cpu-time'];

function analyse(events, t0Ms) {
  // The page's main thread: the renderer thread that parsed the benchmark page.
  const parse = events.find((e) => e.name === 'ParseHTML' && /\/demo\/bench-/.test(e.args?.beginData?.url ?? ''));
  const pid = parse?.pid;
  const tid = parse?.tid;
  const mainEvents = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Self time: each event's duration minus its children's, by nesting on the one thread.
  const self = new Map();
  const cpuSelf = new Map();
  const cpuBeforeLcp = new Map();
  const lastLcp = events.filter((e) => e.name === 'largestContentfulPaint::Candidate').at(-1);
  const stack = [];
  const kindOf = (e) => KINDS[e.name];
  for (const e of mainEvents) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    const node = { e, end: e.ts + e.dur, childTime: 0, childCpu: 0, kind: kindOf(e) ?? parent?.kind };
    if (parent) {
      parent.childTime += e.dur;
      parent.childCpu += e.tdur ?? 0;
    }
    stack.push(node);
    node.selfRef = node;
    e.__node = node;
  }
  for (const e of mainEvents) {
    const n = e.__node;
    const kind = n.kind ?? (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask' ? 'other (task overhead)' : `other: ${e.name}`);
    if (e.ts / 1000 - t0Ms < 0) continue;
    self.set(kind, (self.get(kind) ?? 0) + (e.dur - n.childTime) / 1000);
    cpuSelf.set(kind, (cpuSelf.get(kind) ?? 0) + ((e.tdur ?? 0) - n.childCpu) / 1000);
    if (lastLcp && e.ts < lastLcp.ts) cpuBeforeLcp.set(kind, (cpuBeforeLcp.get(kind) ?? 0) + ((e.tdur ?? 0) - n.childCpu) / 1000);
  }
  const at = (name, pick = (e) => e) => {
    const e = events.filter((x) => x.name === name).map(pick)[0];
    return e ? (e.ts / 1000 - t0Ms).toFixed(0) : '–';
  };
  const bundleReq = events.find((e) => e.name === 'ResourceSendRequest' && /court-widgets/.test(e.args?.data?.url ?? ''));
  const bundleId = bundleReq?.args?.data?.requestId;
  const bundleDone = events.find((e) => e.name === 'ResourceFinish' && e.args?.data?.requestId === bundleId);
  const evals = mainEvents.filter((e) => e.name === 'v8.evaluateModule');
  const compiles = mainEvents.filter((e) => /compile/i.test(e.name));
  const lcps = events.filter((e) => e.name === 'largestContentfulPaint::Candidate');
  const parses = mainEvents.filter((e) => e.name === 'ParseHTML');
  // The critical path: main-thread tasks of 3 ms or more, with their largest kinds of work.
  const tasks = [];
  for (const e of mainEvents) {
    if (e.name !== 'RunTask' || e.dur < 3000 || e.ts / 1000 < t0Ms) continue;
    const inside = new Map();
    for (const x of mainEvents) {
      if (x.ts < e.ts || x.ts + x.dur > e.ts + e.dur || x === e) continue;
      const k = x.__node.kind;
      if (!k) continue;
      inside.set(k, (inside.get(k) ?? 0) + (useCpu ? (x.tdur ?? 0) - x.__node.childCpu : x.dur - x.__node.childTime) / 1000);
    }
    const layouts = mainEvents.filter((x) => x.name === 'Layout' && x.ts >= e.ts && x.ts < e.ts + e.dur).length;
    tasks.push(
      `${(e.ts / 1000 - t0Ms).toFixed(0).padStart(5)} +${(e.dur / 1000).toFixed(1).padStart(6)}  ` +
        [...inside.entries()].filter(([, v]) => v >= 1).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ') +
        (layouts ? ` [${layouts} Layout]` : ''),
    );
  }
  const rows = (map) => [...map.entries()].filter(([k]) => !k.startsWith('other')).sort((a, b) => b[1] - a[1]);
  const cpuRows = rows(cpuSelf).map(([k, v]) => [k, `${v.toFixed(1)} (${(cpuBeforeLcp.get(k) ?? 0).toFixed(1)} before LCP)`]);
  return {
    tasks,
    cpuRows,
    self: [...self.entries()].sort((a, b) => b[1] - a[1]).reduce((rows, [k, v]) => {
      if (k.startsWith('other: ') && v < 4) rows.at(-1)[1] += v;
      else rows.splice(rows.length - 1, 0, [k, v]);
      return rows;
    }, [['other (small items)', 0]]),
    marks: {
      'bundle requested': bundleReq ? (bundleReq.ts / 1000 - t0Ms).toFixed(0) : '–',
      'bundle received': bundleDone ? (bundleDone.ts / 1000 - t0Ms).toFixed(0) : '–',
      'first ParseHTML': parses[0] ? (parses[0].ts / 1000 - t0Ms).toFixed(0) : '–',
      'last ParseHTML end': parses.length ? ((parses.at(-1).ts + parses.at(-1).dur) / 1000 - t0Ms).toFixed(0) : '–',
      'compile total ms': (compiles.reduce((s, e) => s + e.dur, 0) / 1000).toFixed(1),
      'module evaluate': evals.length ? `${(evals[0].ts / 1000 - t0Ms).toFixed(0)} (+${(evals[0].dur / 1000).toFixed(1)} ms)` : '–',
      FCP: at('firstContentfulPaint'),
      'LCP candidates': lcps
        .map((e) => `${(e.ts / 1000 - t0Ms).toFixed(0)}:${e.args?.data?.type}/${e.args?.data?.size}`)
        .join(' '),
    },
  };
}

/** JavaScript self time by source module (debug bundle) or by function (any bundle). */
function profileSplit(profile, untilTs = Infinity) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfByNode = new Map();
  const deltas = profile.timeDeltas;
  let ts = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    ts += deltas[i] ?? 0;
    if (ts > untilTs) break;
    const dt = (deltas[i + 1] ?? 0) / 1000;
    selfByNode.set(profile.samples[i], (selfByNode.get(profile.samples[i]) ?? 0) + dt);
  }
  const moduleOf = (frame) => {
    if (!frame.url) return frame.functionName || '(native)';
    if (!/court-widgets/.test(frame.url)) return frame.url.replace(/^.*\//, '');
    if (!moduleLines.length) return 'bundle';
    let found = 'bundle';
    for (const m of moduleLines) {
      if (m.line <= frame.lineNumber) found = m.module;
      else break;
    }
    return found;
  };
  const byModule = new Map();
  const byFunction = new Map();
  for (const [id, ms] of selfByNode) {
    const frame = nodes.get(id).callFrame;
    const mod = moduleOf(frame);
    byModule.set(mod, (byModule.get(mod) ?? 0) + ms);
    const fn = `${frame.functionName || '(anonymous)'} ${mod}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  // Inclusive time of named entry points: every sample whose stack holds the function. In
  // Lit's production build (the debug bundle keeps it), `_S` is the Template constructor (a
  // template's first use), `N` builds its HTML, `_$AI` commits a value to a part.
  const parents = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
  const inclusive = new Map();
  const WATCH =
    /^(_S|N|_\$AI|importNode|get styleSheet|scheduleUpdate|performUpdate|update|updated|render|renderArticle|renderBlock|renderBreadcrumb|renderByline|label|uiLang|sizeBoxes|handleLoaded|hostConnected|hostUpdate|resolve|readInline|connectedCallback|createRenderRoot|parseArticle|snapshot|checkArticle|detach|sanitizeInline|sanitizeFragment|sanitize|markScrollableBlocks|define)$/;
  for (const [id, ms] of selfByNode) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parents.get(cur)) {
      const f = nodes.get(cur).callFrame;
      if (!WATCH.test(f.functionName)) continue;
      const key = `${f.functionName} ${moduleOf(f)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
  }
  const top = (m, n) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  return { byModule: top(byModule, 25), byFunction: top(byFunction, 30), inclusive: top(inclusive, 30) };
}

/** Sums of the profile splits over all runs, printed as means at the end. */
const totals = { byModule: new Map(), byFunction: new Map(), inclusive: new Map() };
const add = (map, rows) => {
  for (const [k, v] of rows) map.set(k, (map.get(k) ?? 0) + v);
};

const print = (title, rows) => {
  console.log(`\n${title}`);
  for (const [k, v] of rows) console.log(`  ${String(typeof v === 'number' ? v.toFixed(1) : v).padStart(8)}  ${k}`);
};

try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.setViewport({ width: 1366, height: 768 });
    const cdp = await page.createCDPSession();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    if (args.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    }
    await page.tracing.start({
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'v8.execute',
        'v8',
        'blink.user_timing',
        'loading',
        'latencyInfo',
        'toplevel',
        'blink',
      ],
    });
    if (args.profile) await cdp.send('Profiler.start');
    const url = `${server.origin}${pages[args.variant]}`;
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction('window.__bench && (window.__bench.rendered > 0 || window.__bench.failed)', { polling: 50 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));
    const profile = args.profile ? (await cdp.send('Profiler.stop')).profile : undefined;
    const buffer = await page.tracing.stop();
    const bench = await page.evaluate(() => ({ rendered: window.__bench.rendered, lcp: window.__bench.lcp, cls: window.__bench.cls }));
    const trace = JSON.parse(Buffer.from(buffer).toString('utf8'));
    const events = trace.traceEvents ?? trace;
    if (args.save) writeFileSync(args.save.replace(/(\.json)?$/, `-${run}.json`), JSON.stringify(trace));
    const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame !== false && /trace|bench/.test(e.args?.data?.documentLoaderURL ?? 'bench'));
    const t0 = (nav ?? events.find((e) => e.name === 'navigationStart')).ts / 1000;
    const { self, marks, tasks, cpuRows } = analyse(events, t0);
    console.log(`\n=== ${args.article} ${args.variant} cpu ${cpu}× run ${run + 1}: rendered ${bench.rendered.toFixed(0)} ms, LCP ${bench.lcp.toFixed(0)} ms, CLS ${bench.cls.toFixed(3)}`);
    print('main-thread self time, ms', self.filter(([, v]) => v >= 0.5));
    print('main-thread CPU time (thread time: not slowed by other processes), ms, whole load (before the last LCP candidate)', cpuRows);
    print('moments, ms after navigation start', Object.entries(marks));
    console.log('\nmain-thread tasks of 3 ms or more (start +duration, ms)');
    for (const t of tasks) console.log(`  ${t}`);
    if (profile) {
      // Up to the end of the main thread's first paint of the article (the frame of the last
      // LCP candidate): the JavaScript on the way to the largest paint.
      const lcpTs = events.filter((e) => e.name === 'largestContentfulPaint::Candidate').at(-1)?.ts ?? Infinity;
      const paints = events.filter((e) => e.name === 'Paint' && e.ts < lcpTs);
      const until = paints.length ? paints.at(-1).ts : lcpTs;
      console.log(`\nCPU profile up to the last paint before the last LCP candidate (${((until / 1000) - t0).toFixed(0)} ms)`);
      const split = profileSplit(profile, until);
      for (const key of Object.keys(totals)) add(totals[key], split[key]);
      print('JS self time by module, ms (CPU profile)', split.byModule);
      print('JS self time by function, ms', split.byFunction);
      print('inclusive time of entry points, ms', split.inclusive);
    }
    await context.close();
  }
  if (args.profile && runs > 1) {
    const mean = (map, n) => [...map.entries()].map(([k, v]) => [k, v / runs]).sort((a, b) => b[1] - a[1]).slice(0, n);
    console.log(`\n=== means over ${runs} runs, up to the paint of the largest content`);
    print('JS self time by module, ms', mean(totals.byModule, 25));
    print('JS self time by function, ms', mean(totals.byFunction, 40));
    print('inclusive time of entry points, ms', mean(totals.inclusive, 40));
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(pagesDir, { recursive: true, force: true });
}
