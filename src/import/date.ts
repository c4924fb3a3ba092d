/**
 * Dates as old court pages print them ("2024-02-28 20:54:53", "2024年2月28日 20:54",
 * "2024/02/28", "2024.2.28") to ISO 8601 with an offset.
 */

export interface ParsedDate {
  /** ISO 8601 with an offset, e.g. `2024-02-28T20:54:53+08:00`. */
  iso: string;
  /** True when the page gave no offset and China Standard Time (+08:00) was assumed. */
  offsetAssumed: boolean;
  /** True when the page gave no time of day and 00:00:00 was used. */
  timeMissing: boolean;
  /** The text the date was read from. */
  matched: string;
}

const DATE_PATTERN =
  /(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?:\s*日)?(?:\s*(?:T|\s)?\s*(\d{1,2})\s*(?::|时)\s*(\d{1,2})(?:\s*(?::|分)\s*(\d{1,2}(?:\.\d+)?)(?:\s*秒)?)?(?:\s*(Z|[+-]\d{2}:?\d{2}))?)?/;

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number, h: number, min: number, s: number): boolean {
  if (m < 1 || m > 12 || d < 1 || h > 23 || min > 59 || s > 59) return false;
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/** The first date in `text`, or `undefined`. */
export function parseCourtDate(text: string): ParsedDate | undefined {
  const match = DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const [matched, ys, ms, ds, hs, mins, ss, offset] = match;
  const y = Number(ys);
  const m = Number(ms);
  const d = Number(ds);
  const h = hs === undefined ? 0 : Number(hs);
  const min = mins === undefined ? 0 : Number(mins);
  const s = ss === undefined ? 0 : Math.floor(Number(ss));
  if (!validDate(y, m, d, h, min, s)) return undefined;
  let zone = '+08:00';
  if (offset) {
    zone = offset === 'Z' ? 'Z' : offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
  }
  return {
    iso: `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(min)}:${pad(s)}${zone}`,
    offsetAssumed: !offset,
    timeMissing: hs === undefined,
    matched: matched!,
  };
}
