/**
 * Publication dates as readers see them: always the article's own wall-clock time in the
 * offset written in the data, never converted to the reader's or the server's time zone.
 * Pure code, no DOM; the result does not depend on the machine's time zone.
 */
import { formatLocalDateTime, formatOffset, parseOffsetDateTime } from '../model/date.js';

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The primary language subtag of `locale`, lower-cased (`zh` for `zh-Hant-TW`). */
function languageOf(locale: string): string {
  return (typeof locale === 'string' ? locale : '').split(/[-_]/)[0]!.toLowerCase();
}

/** `locale` when `Intl` accepts it as a language tag, otherwise `undefined`. */
function canonical(locale: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(locale.replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
}

/**
 * Uyghur month names of CLDR 48 (format, abbreviated = wide), for runtimes whose ICU data
 * leaves Uyghur out: Chromium's and Chrome's trimmed ICU do, Node's full ICU does not.
 */
const UG_MONTHS = [
  'يانۋار', 'فېۋرال', 'مارت', 'ئاپرېل', 'ماي', 'ئىيۇن',
  'ئىيۇل', 'ئاۋغۇست', 'سېنتەبىر', 'ئۆكتەبىر', 'نويابىر', 'دېكابىر',
];

/** CLDR's Uyghur medium date and short time, `{d}-{MMM}، {y}، {HH}:{mm}`, without `Intl`. */
function formatUyghur(local: { year: number; month: number; day: number; hour: number; minute: number }): string {
  return `${local.day}-${UG_MONTHS[local.month - 1]}، ${local.year}، ${pad(local.hour)}:${pad(local.minute)}`;
}

function intlSupports(tag: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0;
  } catch {
    return false;
  }
}

/**
 * `publishedAt` for display, in the article's own offset.
 *
 * - Chinese (`zh-CN`, `zh-Hant`, any `zh`): `2024-02-28 20:54:53`, the convention of court sites.
 * - English: `28 Feb 2024, 20:54` (a bare `en` is written the British way; a tag with a region
 *   such as `en-US` follows that region through `Intl`).
 * - Uyghur (`ug`) and every other language: CLDR's medium date and short time through `Intl`,
 *   24-hour clock, e.g. `28-فېۋرال، 2024، 20:54`. Where the runtime's ICU data has no Uyghur
 *   (Chromium ships without it), the same CLDR form is built from a table here; another
 *   language the runtime lacks is written as in `en-GB`, never in the runtime's own default.
 *
 * `Intl` is asked to format in UTC an instant shifted by the offset, which yields the
 * article's wall clock without needing offset time zones (which Node 20's `Intl` rejects).
 * An unusable locale tag falls back to the Chinese form. Returns `undefined` when `iso` is not
 * an ISO 8601 date-time with an offset.
 */
export function formatPublished(iso: string, locale: string): string | undefined {
  const parsed = parseOffsetDateTime(iso);
  if (!parsed) return undefined;
  const language = languageOf(locale);
  const tag = language === 'en' && !/^en[-_][a-z]{2}\b/i.test(locale) ? 'en-GB' : canonical(locale);
  if (language === 'zh' || tag === undefined) return formatLocalDateTime(parsed);
  if (language === 'ug' && !intlSupports(tag)) return formatUyghur(parsed.local);
  const wallClock = new Date(parsed.epochMs + parsed.offsetMinutes * 60_000);
  try {
    // English of Britain, not the runtime's default locale, for a language the runtime lacks.
    return new Intl.DateTimeFormat([tag, 'en-GB'], {
      dateStyle: 'medium',
      timeStyle: 'short',
      hourCycle: 'h23',
      timeZone: 'UTC',
    }).format(wallClock);
  } catch {
    return formatLocalDateTime(parsed);
  }
}

/**
 * The value for `<time datetime>`: a valid global date and time string in the article's own
 * offset, `2024-02-28T20:54:53+08:00` (or `…Z` for UTC). Fractions of a second are dropped.
 * Returns `undefined` when `iso` is not an ISO 8601 date-time with an offset.
 */
export function dateTimeAttr(iso: string): string | undefined {
  const parsed = parseOffsetDateTime(iso);
  if (!parsed) return undefined;
  const { year, month, day, hour, minute, second } = parsed.local;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${formatOffset(parsed.offsetMinutes)}`;
}
