// The benchmark's target checks (bench/lib/targets.mjs) and the bootstrap interval of a ratio
// (bench/lib/stats.mjs), on made-up results: which target each scenario is held to, and the
// verdict at and around each limit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
// @ts-expect-error: plain JavaScript module without type declarations
import { ratioInterval } from '../../bench/lib/stats.mjs';
// @ts-expect-error: plain JavaScript module without type declarations
import { checkTargets, targetLines } from '../../bench/lib/targets.mjs';

interface Check { target: string; scenario: string; value: number; limit: number; verdict: string; met: boolean; shown: string }

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
const verdicts = (checks: Check[]) => checks.map((c) => `${c.target} | ${c.scenario} | ${c.verdict}`);

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

  it('judges an LCP ratio by its interval: met inside the limit, not met past it, unclear across it', () => {
    const withInterval = (lcp: number, lcpInterval: [number, number]) => ({
      ...scenario(4, { inline: lcp }),
      ratios: { static: { lcp: 1 }, inline: { lcp, lcpInterval } },
    });
    const verdictOf = (lcp: number, interval: [number, number]) => run([withInterval(lcp, interval)]).find((c) => c.target.startsWith('(b)/(a)'))!;
    assert.equal(verdictOf(1.1, [1.0, 1.2]).verdict, 'met');
    assert.equal(verdictOf(1.3, [1.21, 1.4]).verdict, 'not met');
    const unclear = verdictOf(1.15, [1.0, 1.3]);
    assert.equal(unclear.verdict, 'unclear', 'a median within the limit is not enough when the interval reaches past it');
    assert.equal(unclear.met, false);
    assert.equal(unclear.shown, '1.15× (95%: 1.00–1.30)');
    assert.match((targetLines([unclear]) as string[])[0], /^\? unclear /);
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

describe('ratioInterval', () => {
  const around = (center: number, spread: number, n = 15) => Array.from({ length: n }, (_, i) => center + spread * ((i / (n - 1)) * 2 - 1));

  it('holds the ratio of the medians, narrow for steady loads and wide for noisy ones', () => {
    const base = around(100, 2);
    const [low, high] = ratioInterval(around(120, 2), base) as [number, number];
    assert.ok(low <= 1.2 && 1.2 <= high, `[${low}, ${high}] holds 1.2`);
    assert.ok(high - low < 0.06, `steady: ${low}–${high}`);
    const [noisyLow, noisyHigh] = ratioInterval(around(120, 40), around(100, 40)) as [number, number];
    assert.ok(noisyHigh - noisyLow > 0.3, `noisy: ${noisyLow}–${noisyHigh}`);
  });

  it('gives the same interval for the same samples, and none without samples', () => {
    const a = around(130, 30);
    const b = around(100, 25);
    assert.deepEqual(ratioInterval(a, b), ratioInterval(a, b));
    assert.ok(ratioInterval([], b).every((x: number) => Number.isNaN(x)));
    assert.ok(ratioInterval(a, [NaN]).every((x: number) => Number.isNaN(x)));
  });
});

describe('layout shift lines', () => {
  it('name the variant, the load, the value, the time and what moved; nothing for a scenario without shifts', async () => {
    // @ts-expect-error: plain JavaScript module without type declarations
    const { shiftLines } = (await import('../../bench/lib/report.mjs')) as { shiftLines: (s: unknown) => string[] };
    const shifted = {
      variants: {
        static: { shifts: [] },
        prerendered: {
          shifts: [
            { load: 14, value: 0.000941, at: 431, sources: ['court-article > p.byline "作者:抚顺中院" [666,264,34,24 -> 503,264,361,24]'] },
            { load: 20, value: 0.00001, at: 512, sources: [] },
          ],
        },
      },
    };
    assert.deepEqual(shiftLines(shifted), [
      'layout shift: (d) pre-rendered + hydrated, load 14: 0.00094 at 431 ms: court-article > p.byline "作者:抚顺中院" [666,264,34,24 -> 503,264,361,24]',
      'layout shift: (d) pre-rendered + hydrated, load 20: 0.00001 at 512 ms: no source given',
    ]);
    assert.deepEqual(shiftLines({ variants: { static: { shifts: [] }, inline: {} } }), []);
  });
});
