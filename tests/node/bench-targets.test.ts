// The benchmark's target checks (bench/lib/targets.mjs), on made-up results: which target each
// scenario is held to, and the verdict at and around each limit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
// @ts-expect-error: plain JavaScript module without type declarations
import { checkTargets, targetLines } from '../../bench/lib/targets.mjs';

interface Check { target: string; scenario: string; value: number; limit: number; met: boolean; shown: string }

const variant = (clsMax: number) => ({ summary: { cls: { median: 0, min: 0, max: clsMax } } });
const scenario = (cpu: number, lcp: { inline?: number; prerendered?: number }, cls: { inline?: number; prerendered?: number } = {}) => ({
  article: 'seed',
  cpu,
  variants: {
    static: variant(0),
    ...(lcp.inline !== undefined ? { inline: variant(cls.inline ?? 0) } : {}),
    ...(lcp.prerendered !== undefined ? { prerendered: variant(cls.prerendered ?? 0) } : {}),
  },
  ratios: {
    static: { lcp: 1 },
    ...(lcp.inline !== undefined ? { inline: { lcp: lcp.inline } } : {}),
    ...(lcp.prerendered !== undefined ? { prerendered: { lcp: lcp.prerendered } } : {}),
  },
});
const title = (s: { cpu: number }) => `seed, ${s.cpu}×`;
const run = (scenarios: unknown[], sizes: unknown[] = []) => checkTargets(scenarios, sizes, 28000, title) as Check[];
const verdicts = (checks: Check[]) => checks.map((c) => `${c.target} | ${c.scenario} | ${c.met ? 'met' : 'not met'}`);

describe('benchmark targets', () => {
  it('holds (b) to 1.20 at 4× CPU only, and (d) to 1.05 in every scenario', () => {
    const checks = run([scenario(1, { inline: 1.5, prerendered: 1.05 }), scenario(4, { inline: 1.2, prerendered: 1.06 })]);
    assert.deepEqual(verdicts(checks), [
      '(d)/(a) LCP ≤ 1.05 | seed, 1× | met',
      '(d) CLS = 0 in every load | seed, 1× | met',
      '(b) CLS ≤ 0.01 in every load | seed, 1× | met',
      '(b)/(a) LCP ≤ 1.20 at 4× CPU | seed, 4× | met',
      '(d)/(a) LCP ≤ 1.05 | seed, 4× | not met',
      '(d) CLS = 0 in every load | seed, 4× | met',
      '(b) CLS ≤ 0.01 in every load | seed, 4× | met',
    ]);
  });

  it('judges CLS by the worst load: any shift fails (d), more than 0.01 fails (b)', () => {
    const checks = run([scenario(4, { inline: 1, prerendered: 1 }, { inline: 0.011, prerendered: 0.001 })]);
    const byTarget = Object.fromEntries(checks.map((c) => [c.target, c]));
    assert.equal(byTarget['(d) CLS = 0 in every load'].met, false);
    assert.equal(byTarget['(d) CLS = 0 in every load'].shown, '0.001');
    assert.equal(byTarget['(b) CLS ≤ 0.01 in every load'].met, false);
    const within = run([scenario(4, { inline: 1 }, { inline: 0.01 })]);
    assert.equal(within.find((c) => c.target.startsWith('(b) CLS'))!.met, true);
  });

  it('checks each bundle against the gzip budget, and leaves out what the run did not measure', () => {
    const checks = run([scenario(4, {})], [{ file: 'a.js', gzip: 28000 }, { file: 'b.js', gzip: 28001 }]);
    assert.deepEqual(verdicts(checks), ['gzip ≤ 28,000 B | a.js | met', 'gzip ≤ 28,000 B | b.js | not met']);
    const lines = targetLines(checks) as string[];
    assert.match(lines[0], /^✓ met .*a\.js: 28,000 B$/);
    assert.match(lines[1], /^✗ not met .*b\.js: 28,001 B$/);
  });
});
