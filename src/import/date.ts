/**
 * Dates as old court pages print them ("2024-02-28 20:54:53", "2024年2月28日 20:54",
 * "2024/02/28", "2024.2.28") to ISO 8601 with an offset. Taiwan pages count years of the
 * Republic (民國, year + 1911): "中華民國113年02月28日", "民國113年2月28日", "113年2月28日" and
 * "113/02/28" are 2024-02-28. Hong Kong and Macao pages write dates in Chinese numerals:
 * "二〇二四年二月二十八日（星期三） 香港時間十七時三十分" (the weekday and the time are read too).
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

/**
 * The weekday court pages print after a date: 星期三, 禮拜三, 週三, 周三, bare or in brackets
 * (（星期三）), or a numeral in brackets ((三); at the end of a text also without its closing
 * bracket). The byline reader strips it after a date too.
 */
export const WEEKDAY = String.raw`(?:[（(]?\s*(?:星期|禮拜|礼拜|週|周)[一二三四五六日天]\s*[)）]?|[（(][一二三四五六日天](?:[)）]|$))`;

/** The city whose clock a page names before the time (香港時間, 澳门时间, 北京时间, 臺北時間): the city, then 時間. */
const CITY = String.raw`(?:香港|澳門|澳门|北京|臺北|台北)`;
const CLOCK = String.raw`(?:時間|时间)`;

/**
 * The time of day after a date ("20:54:53", "20时54分", "下午 03:30:00"), with an optional
 * offset: 5 groups (上午 / 下午, hours, minutes, seconds, offset). A weekday (星期三, (三)) and a 香港時間 /
 * 北京时间 label may stand between the date and the time.
 */
const TIME = String.raw`(?:\s*${WEEKDAY})?(?:\s*${CITY}${CLOCK})?(?:\s*(?:T|\s)?\s*(上午|下午|AM|PM|am|pm)?\s*(\d{1,2})\s*(?::|时|時)\s*(\d{1,2})(?:\s*(?::|分)\s*(\d{1,2}(?:\.\d+)?)(?:\s*秒)?|\s*分)?(?:\s*(Z|[+-]\d{2}:?\d{2}))?)?`;

const DATE_PATTERN = new RegExp(String.raw`(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?:\s*日)?` + TIME);

/** Years of the Republic: after 民國 / 中華民國 (1 to 3 digits); 2 or 3 digits with 年 月 日; 3 digits with / . - (113/02/28). */
const ROC_PATTERNS = [
  new RegExp(String.raw`(?:中[華华])?民[國国]\s*(\d{1,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})(?:\s*日)?` + TIME),
  new RegExp(String.raw`(?<![\d.,/-])(\d{2,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日` + TIME),
  new RegExp(String.raw`(?<![\d.,/-])(\d{3})/(\d{1,2})/(\d{1,2})(?![\d/])` + TIME),
  new RegExp(String.raw`(?<![\d.,/-])(\d{3})-(\d{1,2})-(\d{1,2})(?![\d-])` + TIME),
  new RegExp(String.raw`(?<![\d.,/-])(\d{3})\.(\d{1,2})\.(\d{1,2})(?![\d.])` + TIME),
];

/** Day, month and year as Hong Kong and Macao pages print them: 28/02/2024, 28.2.2024, 28-02-2024. */
const DAY_FIRST = new RegExp(String.raw`(?<![\d./-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d./-])` + TIME);

/** A date in Chinese numerals: 二〇二四年二月二十八日, or a 民國 year: 中華民國一一三年 / 一百一十三年二月二十八日. */
const HAN_PATTERN = new RegExp(
  String.raw`(?:(?:中[華华])?民[國国]\s*)?([〇零○Ｏ一二三四五六七八九十百]{1,6})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日` +
    String.raw`(?:\s*${WEEKDAY})?(?:\s*${CITY}?${CLOCK}?\s*(上午|下午)?\s*([〇零一二三四五六七八九十]{1,3})\s*[時时]\s*([〇零一二三四五六七八九十]{1,3})\s*分)?`,
);

const HAN_DIGIT: Record<string, number> = { 〇: 0, 零: 0, '○': 0, Ｏ: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 二〇二四 → 2024 (digit by digit); 二十八 → 28, 十二 → 12, 三十 → 30, 〇五 → 5; 一百一十三 → 113, 一百零五 → 105. */
function hanNumber(text: string): number {
  if (text.includes('百')) {
    const [hundreds = '', rest = ''] = text.split('百');
    return (hundreds ? HAN_DIGIT[hundreds] ?? 0 : 1) * 100 + (rest ? hanNumber(rest.replace(/^[〇零]/, '')) : 0);
  }
  if (!text.includes('十')) return Number([...text].map((c) => HAN_DIGIT[c] ?? 0).join(''));
  const [tens = '', ones = ''] = text.split('十');
  return (tens ? HAN_DIGIT[tens] ?? 0 : 1) * 10 + (ones ? HAN_DIGIT[ones] ?? 0 : 0);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A day and time as ISO 8601 with the offset `zone` (China Standard Time by default). */
function isoText(y: number, m: number, d: number, h = 0, min = 0, s = 0, zone = '+08:00'): string {
  return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(min)}:${pad(s)}${zone}`;
}

/** Unix seconds as ISO 8601 in China Standard Time (+08:00), the time WeChat shows. */
export function secondsInChina(seconds: number): string {
  const t = new Date((seconds + 8 * 3600) * 1000);
  return isoText(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds());
}

function validDate(y: number, m: number, d: number, h: number, min: number, s: number): boolean {
  if (m < 1 || m > 12 || d < 1 || h > 23 || min > 59 || s > 59) return false;
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/** The first date in `text` (the earliest of the forms above), or `undefined`. */
export function parseCourtDate(text: string): ParsedDate | undefined {
  const found: Array<{ match: RegExpExecArray; yearOffset: number; han?: boolean; dayFirst?: boolean }> = [];
  const gregorian = DATE_PATTERN.exec(text);
  if (gregorian) found.push({ match: gregorian, yearOffset: 0 });
  for (const pattern of ROC_PATTERNS) {
    const roc = pattern.exec(text);
    if (roc && Number(roc[1]) >= 1) found.push({ match: roc, yearOffset: 1911 });
  }
  const han = HAN_PATTERN.exec(text);
  if (han) {
    // After 民國, a year of the Republic (一一三, 一百一十三): year + 1911; else four numerals (二〇二四).
    const roc = /^(?:中[華华])?民[國国]/.test(han[0]);
    if (roc || /^[〇零○Ｏ一二三四五六七八九]{4}$/.test(han[1]!)) found.push({ match: han, yearOffset: roc ? 1911 : 0, han: true });
  }
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) found.push({ match: dayFirst, yearOffset: 0, dayFirst: true });
  // The earliest; at one place, the Gregorian form (listed first).
  const first = found.sort((a, b) => a.match.index - b.match.index)[0];
  if (!first) return undefined;
  const [matched, a, b, c, half, hs, mins, ss, offset] = first.match;
  // 28/02/2024: day first; 02/28/2024 (month first, the second number above 12) is read so too.
  const [ys, ms, ds] = !first.dayFirst ? [a, b, c] : Number(b) > 12 && Number(a) <= 12 ? [c, a, b] : [c, b, a];
  const num = first.han ? hanNumber : Number;
  const y = num(ys!) + first.yearOffset;
  const m = num(ms!);
  const d = num(ds!);
  let h = hs === undefined ? 0 : num(hs);
  // 下午 03:30 is 15:30; 上午 12:10 is 00:10.
  if (half && h <= 12) h = /^(?:下午|pm)$/i.test(half) ? (h % 12) + 12 : h % 12;
  const min = mins === undefined ? 0 : num(mins);
  const s = ss === undefined ? 0 : Math.floor(Number(ss));
  if (!validDate(y, m, d, h, min, s)) return undefined;
  let zone = '+08:00';
  if (offset) {
    zone = offset === 'Z' ? 'Z' : offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
  }
  return {
    iso: isoText(y, m, d, h, min, s, zone),
    offsetAssumed: !offset,
    timeMissing: hs === undefined,
    matched: matched!,
  };
}

/**
 * The day a page's address names, as court CMSs build addresses from the publication date:
 * TRS `t20240228_123.html` (and `/202402/t20240228_123.html`), Hanweb `/art/2024/2/28/art_1_2.html`,
 * e-papers `/html/2024-02/28/content_1.htm`, `/2024/02/28/…`. An address or a file name; only
 * a real day of 1990–2099 counts, not the digits of an article number.
 */
export function addressDate(address: string): ParsedDate | undefined {
  const path = address.replace(/^[a-z]+:\/\/[^/]*/i, '').replace(/[?#].*$/, '');
  const patterns = [
    /(?:^|[/_\-t])((?:19|20)\d\d)(\d\d)(\d\d)(?=[_\-./]|$)/,
    /\/((?:19|20)\d\d)[-/](\d\d?)[-/](\d\d?)(?=\/)/,
  ];
  for (const pattern of patterns) {
    const m = pattern.exec(path);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (y < 1990 || !validDate(y, mo, d, 0, 0, 0)) continue;
    return { iso: isoText(y, mo, d), offsetAssumed: true, timeMissing: true, matched: m[0].replace(/^[/_\-t]/, '') };
  }
  return undefined;
}
