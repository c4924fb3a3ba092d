// Console tables, and the JSON, Markdown and SVG reports written under bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VARIANT_LABELS } from './pages.mjs';
import { intervalText } from './stats.mjs';
import { targetLines } from './targets.mjs';

export const METRICS = [
  { key: 'rendered', label: 'rendered', unit: 'ms', digits: 0 },
  { key: 'fcp', label: 'FCP', unit: 'ms', digits: 0 },
  { key: 'lcp', label: 'LCP', unit: 'ms', digits: 0 },
  { key: 'cls', label: 'CLS', unit: '', digits: 3 },
  { key: 'heap', label: 'JS heap', unit: 'MB', digits: 1 },
];

const fmt = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const ratio = (value) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');

export function scenarioTitle(s) {
  return `${s.article === 'seed' ? 'seed article' : `${s.paragraphs}-paragraph article`}, CPU ${s.cpu}× ${s.cpu > 1 ? 'throttled' : '(unthrottled)'}`;
}

/** Rows of one scenario: per variant, median (min–max) of each metric, and ratios to (a). */
export function scenarioRows(s) {
  return Object.entries(s.variants).map(([variant, v]) => {
    const row = { variant: VARIANT_LABELS[variant] ?? variant };
    for (const m of METRICS) {
      const { median, min, max } = v.summary[m.key];
      row[m.key] = `${fmt(median, m.digits)} (${fmt(min, m.digits)}–${fmt(max, m.digits)})`;
    }
    const r = s.ratios[variant] ?? {};
    row.ratioRendered = ratio(r.rendered);
    row.ratioFcp = ratio(r.fcp);
    const interval = variant === 'static' ? '' : intervalText(r.lcpInterval);
    row.ratioLcp = ratio(r.lcp) + (interval ? ` (${interval})` : '');
    return row;
  });
}

const COLUMNS = [
  ['variant', 'variant'],
  ['rendered', 'rendered ms med (min–max)'],
  ['fcp', 'FCP ms'],
  ['lcp', 'LCP ms'],
  ['cls', 'CLS'],
  ['heap', 'JS heap MB'],
  ['ratioRendered', 'rendered /(a)'],
  ['ratioFcp', 'FCP /(a)'],
  ['ratioLcp', 'LCP /(a) (95% interval)'],
];

/** One line per layout shift of a scenario's loads: variant, load, value, time and what moved. */
export function shiftLines(s) {
  return Object.entries(s.variants).flatMap(([variant, v]) =>
    (v.shifts ?? []).map(
      (shift) =>
        `layout shift: ${VARIANT_LABELS[variant] ?? variant}, load ${shift.load}: ${shift.value.toFixed(5)} at ${shift.at} ms: ${shift.sources.join('; ') || 'no source given'}`,
    ),
  );
}

export function consoleTable(s) {
  const rows = scenarioRows(s);
  const widths = COLUMNS.map(([key, head]) => Math.max(head.length, ...rows.map((r) => String(r[key]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  return [line(COLUMNS.map(([, head]) => head)), ...rows.map((r) => line(COLUMNS.map(([key]) => r[key])))].join('\n');
}

function markdownTable(s) {
  const rows = scenarioRows(s);
  return [
    `| ${COLUMNS.map(([, h]) => h).join(' | ')} |`,
    `|${COLUMNS.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${COLUMNS.map(([k]) => String(r[k]).replace(/</g, '&lt;').replace(/>/g, '&gt;')).join(' | ')} |`),
  ].join('\n');
}

export function sizesLine(sizes, budget) {
  return sizes
    .map(
      (s) =>
        `${s.file}: ${s.min.toLocaleString('en-US')} B minified, ${s.gzip.toLocaleString('en-US')} B gzip, ${s.brotli.toLocaleString('en-US')} B brotli` +
        (budget ? ` (gzip budget ${budget.toLocaleString('en-US')} B: ${s.gzip <= budget ? 'within' : `over by ${(s.gzip - budget).toLocaleString('en-US')} B`})` : ''),
    )
    .join('\n');
}

/** A bar chart of the median "rendered" time per variant and scenario. */
function chartSvg(results) {
  const variants = [...new Set(results.scenarios.flatMap((s) => Object.keys(s.variants)))];
  const colors = { static: '#595959', inline: '#b0191e', src: '#d9822b', prerendered: '#0b4f9c' };
  const groupWidth = variants.length * 28 + 40;
  const width = 80 + results.scenarios.length * groupWidth;
  const height = 320;
  const max = Math.max(
    1,
    ...results.scenarios.flatMap((s) => Object.values(s.variants).map((v) => v.summary.rendered.median || 0)),
  );
  const y = (value) => 260 - (value / max) * 220;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<text x="10" y="18" font-size="13">Median time to the article rendered and painted (ms)</text>`,
    `<line x1="60" y1="260" x2="${width - 10}" y2="260" stroke="#333"/>`,
  ];
  results.scenarios.forEach((s, gi) => {
    const x0 = 70 + gi * groupWidth;
    variants.forEach((variant, vi) => {
      const v = s.variants[variant];
      if (!v) return;
      const value = v.summary.rendered.median;
      const x = x0 + vi * 28;
      parts.push(
        `<rect x="${x}" y="${y(value)}" width="22" height="${260 - y(value)}" fill="${colors[variant] ?? '#888'}"><title>${variant}: ${value.toFixed(0)} ms</title></rect>`,
        `<text x="${x + 11}" y="${y(value) - 4}" text-anchor="middle">${value.toFixed(0)}</text>`,
      );
    });
    parts.push(
      `<text x="${x0}" y="278">${s.article === 'seed' ? 'seed' : `${s.paragraphs} ¶`}, CPU ${s.cpu}×</text>`,
    );
  });
  variants.forEach((variant, i) => {
    parts.push(
      `<rect x="${70 + i * 150}" y="296" width="10" height="10" fill="${colors[variant] ?? '#888'}"/>`,
      `<text x="${84 + i * 150}" y="305">${(VARIANT_LABELS[variant] ?? variant).replace(/</g, '&lt;').replace(/>/g, '&gt;')}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

export function markdownReport(results) {
  const out = [
    '# court-widgets benchmark',
    '',
    `${results.date} · ${results.browser} · Node ${results.node} · ${results.machine}`,
    '',
    `${results.runs} loads per variant after ${results.warmup} warm-up load(s), each in a fresh browser context, served from 127.0.0.1. Medians, with min–max in brackets; ratios are medians over the median of (a) in the same scenario of the same run; the LCP ratio has a 95% bootstrap interval over the loads.`,
    '',
    '"rendered" is the time from navigation to the frame after the article is in the DOM (static and pre-rendered pages: the end of the body; element pages: `court-article-loaded` and the update completed), marked by a `requestAnimationFrame` and a task after it, and never earlier than FCP. FCP and LCP are the browser\'s paint timings (presentation times).',
    '',
    '## Bundle sizes',
    '',
    sizesLine(results.bundle, results.budget)
      .split('\n')
      .map((l) => `- ${l}`)
      .join('\n'),
    '',
  ];
  if (results.targets?.length) {
    out.push('## Targets', '', 'Reported, not asserted: times depend on the machine and move from run to run.', '');
    out.push(...targetLines(results.targets).map((l) => `- ${l}`), '');
  }
  for (const s of results.scenarios) {
    out.push(`## ${scenarioTitle(s)}`, '', markdownTable(s), '');
    const shifts = shiftLines(s);
    if (shifts.length) out.push(...shifts.map((l) => `- ${l}`), '');
  }
  if (Object.keys(results.skipped).length) {
    out.push('## Not measured', '');
    for (const [variant, why] of Object.entries(results.skipped)) out.push(`- ${VARIANT_LABELS[variant] ?? variant}: ${why}`);
    out.push('');
  }
  out.push('![Median rendered time per variant](chart.svg)', '');
  return out.join('\n');
}

/** Writes results.json, report.md and chart.svg into `dir` (and a timestamped copy of the JSON). */
export function writeReports(dir, results) {
  mkdirSync(dir, { recursive: true });
  const stamp = results.date.replace(/[:.]/g, '-');
  const json = `${JSON.stringify(results, null, 2)}\n`;
  writeFileSync(join(dir, 'results.json'), json);
  writeFileSync(join(dir, `results-${stamp}.json`), json);
  writeFileSync(join(dir, 'report.md'), markdownReport(results));
  writeFileSync(join(dir, 'chart.svg'), chartSvg(results));
  return [join(dir, 'results.json'), join(dir, 'report.md'), join(dir, 'chart.svg')];
}
