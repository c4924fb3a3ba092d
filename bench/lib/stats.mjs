// Small statistics over load samples.

export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

export function summary(values) {
  const v = values.filter((x) => Number.isFinite(x));
  return {
    median: median(v),
    min: v.length ? Math.min(...v) : NaN,
    max: v.length ? Math.max(...v) : NaN,
    n: v.length,
  };
}

/** An interval as `low–high` with two decimals, or '' when there is none. */
export function intervalText(interval) {
  return interval && Number.isFinite(interval[0]) ? interval.map((x) => x.toFixed(2)).join('–') : '';
}

/** A seeded pseudo-random generator (mulberry32): the same samples give the same interval. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A bootstrap interval of median(values) / median(base): both sample sets resampled with
 * replacement `iterations` times, and the central `level` share of the ratios kept. With 15
 * noisy loads a side, one ratio of medians can move by tenths from run to run; the interval
 * says how far this run's figure can be trusted.
 * @returns {[number, number]} low and high bound, or [NaN, NaN] without samples
 */
export function ratioInterval(values, base, { iterations = 2000, level = 0.95, seed = 1 } = {}) {
  const v = values.filter((x) => Number.isFinite(x));
  const b = base.filter((x) => Number.isFinite(x));
  if (!v.length || !b.length) return [NaN, NaN];
  const next = random(seed);
  const resample = (xs) => xs.map(() => xs[Math.floor(next() * xs.length)]);
  const ratios = [];
  for (let i = 0; i < iterations; i++) {
    const r = median(resample(v)) / median(resample(b));
    if (Number.isFinite(r)) ratios.push(r);
  }
  ratios.sort((x, y) => x - y);
  const cut = Math.floor(((1 - level) / 2) * ratios.length);
  return [ratios[cut], ratios[ratios.length - 1 - cut]];
}
