// The targets a benchmark run is held to, and whether it met them. They are reported, never
// asserted: time depends on the machine, so `npm test` checks only the size.
//
//   LCP of (b) inline JSON over (a) static, at 4× CPU, on each article   ≤ 1.20
//   LCP of (d) pre-rendered over (a) static, in every scenario            ≤ 1.05
//   CLS of (d), the worst load                                            = 0
//   CLS of (b), the worst load                                            ≤ 0.01
//   gzip size of each one-file bundle                                     ≤ the budget
//
// An LCP ratio is judged with its 95% bootstrap interval over the loads (bench/lib/stats.mjs):
// met when the whole interval is within the limit, not met when the whole interval is past
// it, and unclear when the limit lies inside it, i.e. when this run's noise is larger than
// the distance to the target.
import { intervalText } from './stats.mjs';

/**
 * @typedef {'met' | 'not met' | 'unclear'} Verdict
 * @typedef {{ target: string, scenario: string, value: number, limit: number, verdict: Verdict, met: boolean, shown: string }} Check
 */

const THROTTLED = 4;

/**
 * @param {any[]} scenarios the run's scenarios (see bench/run.mjs)
 * @param {{ file: string, gzip: number }[]} sizes
 * @param {number} budget gzip bytes
 * @param {(s: any) => string} title a scenario's title
 * @returns {Check[]} one check per target and scenario the run measured
 */
export function checkTargets(scenarios, sizes, budget, title) {
  const checks = [];
  const add = (target, scenario, value, limit, shown, interval) => {
    if (!Number.isFinite(value)) return;
    const [low, high] = interval && Number.isFinite(interval[0]) ? interval : [value, value];
    const verdict = high <= limit ? 'met' : low > limit ? 'not met' : 'unclear';
    checks.push({ target, scenario, value, limit, verdict, met: verdict === 'met', shown });
  };
  const ratio = (r) => {
    const interval = intervalText(r.lcpInterval);
    return `${r.lcp.toFixed(2)}×${interval ? ` (95%: ${interval})` : ''}`;
  };
  for (const s of scenarios) {
    const name = title(s);
    const { inline, prerendered } = s.ratios;
    if (s.cpu === THROTTLED && inline) add('(b)/(a) LCP ≤ 1.20 at 4× CPU', name, inline.lcp, 1.2, ratio(inline), inline.lcpInterval);
    if (prerendered) add('(d)/(a) LCP ≤ 1.05', name, prerendered.lcp, 1.05, ratio(prerendered), prerendered.lcpInterval);
    const worstCls = (variant) => s.variants[variant]?.summary.cls.max;
    if (s.variants.prerendered) add('(d) CLS = 0 in every load', name, worstCls('prerendered'), 0, worstCls('prerendered').toFixed(3));
    if (s.variants.inline) add('(b) CLS ≤ 0.01 in every load', name, worstCls('inline'), 0.01, worstCls('inline').toFixed(3));
  }
  for (const size of sizes) add(`gzip ≤ ${budget.toLocaleString('en-US')} B`, size.file, size.gzip, budget, `${size.gzip.toLocaleString('en-US')} B`);
  return checks;
}

const MARK = { met: '✓ met    ', 'not met': '✗ not met', unclear: '? unclear' };

/** One line per check: its verdict, the target, where, and the figure. */
export function targetLines(checks) {
  return checks.map((c) => `${MARK[c.verdict]}  ${c.target}  ·  ${c.scenario}: ${c.shown}`);
}
