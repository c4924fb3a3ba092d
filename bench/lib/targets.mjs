// The targets a benchmark run is held to, and whether it met them. They are reported, never
// asserted: time depends on the machine, so `npm test` checks only the size.
//
//   LCP of (b) inline JSON over (a) static, at 4× CPU, on each article   ≤ 1.20
//   LCP of (d) pre-rendered over (a) static, in every scenario            ≤ 1.05
//   CLS of (d), the worst load                                            = 0
//   CLS of (b), the worst load                                            ≤ 0.01
//   gzip size of each one-file bundle                                     ≤ the budget

/** @typedef {{ target: string, scenario: string, value: number, limit: number, met: boolean, shown: string }} Check */

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
  const add = (target, scenario, value, limit, shown) => {
    if (Number.isFinite(value)) checks.push({ target, scenario, value, limit, met: value <= limit, shown });
  };
  const times = (v) => `${v.toFixed(2)}×`;
  for (const s of scenarios) {
    const name = title(s);
    if (s.cpu === THROTTLED && s.ratios.inline) add('(b)/(a) LCP ≤ 1.20 at 4× CPU', name, s.ratios.inline.lcp, 1.2, times(s.ratios.inline.lcp));
    if (s.ratios.prerendered) add('(d)/(a) LCP ≤ 1.05', name, s.ratios.prerendered.lcp, 1.05, times(s.ratios.prerendered.lcp));
    const worstCls = (variant) => s.variants[variant]?.summary.cls.max;
    if (s.variants.prerendered) add('(d) CLS = 0 in every load', name, worstCls('prerendered'), 0, worstCls('prerendered').toFixed(3));
    if (s.variants.inline) add('(b) CLS ≤ 0.01 in every load', name, worstCls('inline'), 0.01, worstCls('inline').toFixed(3));
  }
  for (const size of sizes) add(`gzip ≤ ${budget.toLocaleString('en-US')} B`, size.file, size.gzip, budget, `${size.gzip.toLocaleString('en-US')} B`);
  return checks;
}

/** One line per check: ✓ or ✗, the target, where, and the figure. */
export function targetLines(checks) {
  return checks.map((c) => `${c.met ? '✓ met    ' : '✗ not met'}  ${c.target}  ·  ${c.scenario}: ${c.shown}`);
}
