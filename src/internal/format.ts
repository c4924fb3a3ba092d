/**
 * Numbers as readers see them: file sizes of attachments and visitor counts, with the
 * locale's digits, grouping and units through `Intl.NumberFormat`. Pure code, no DOM.
 */

const FALLBACK_LOCALE = 'zh-CN';

/**
 * Locales to hand to `Intl`: `locale` when it is a valid language tag (else the source
 * locale), then English, so that a language the runtime's ICU data lacks (Chromium ships
 * without Uyghur) is written in English digits and units (as CLDR's Uyghur data writes them)
 * rather than in the runtime's default language.
 */
function usableLocale(locale: string): string[] {
  let tag = FALLBACK_LOCALE;
  try {
    tag = Intl.getCanonicalLocales(String(locale).replace(/_/g, '-'))[0] ?? FALLBACK_LOCALE;
  } catch {
    // keep the source locale
  }
  return [tag, 'en'];
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * One `Intl.NumberFormat` per locale and options, made on first use and kept: making one
 * loads the locale's number and unit data, which on a slow machine costs tens of ms the
 * first time, and an attachment list or a counter formats again on every render.
 */
function numberFormat(locales: string[], options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locales.join(',')}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    if (formatters.size >= 64) formatters.clear();
    format = new Intl.NumberFormat(locales, options);
    formatters.set(key, format);
  }
  return format;
}

const UNITS = ['kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;
const STEP = 1024;

/**
 * A file size in human units: `512 bytes`, `179 KB`, `1.2 MB`.
 *
 * Sizes step by 1024 and are labelled KB, MB, GB (the convention readers know from their
 * file managers). One decimal below 10 units, whole numbers from 10 up. Digits, grouping and
 * unit words follow `locale` through `Intl.NumberFormat`. Returns `''` for a value that is not
 * a finite number of bytes at or above zero, so a caller can leave the size out.
 */
export function formatBytes(bytes: number, locale: string): string {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) return '';
  const tag = usableLocale(locale);
  if (bytes < STEP) {
    return numberFormat(tag, { style: 'unit', unit: 'byte', unitDisplay: 'long', maximumFractionDigits: 0 }).format(
      Math.round(bytes),
    );
  }
  let value = bytes / STEP;
  let index = 0;
  for (;;) {
    const digits = value < 10 ? 1 : 0;
    const rounded = Number(value.toFixed(digits));
    if (rounded >= STEP && index < UNITS.length - 1) {
      value /= STEP;
      index++;
      continue;
    }
    const parts = numberFormat(tag, {
      style: 'unit',
      unit: UNITS[index]!,
      unitDisplay: 'short',
      maximumFractionDigits: digits,
    }).formatToParts(rounded);
    // CLDR spells the decimal kilobyte "kB"; sizes here step by 1024, written "KB".
    return parts.map((part) => (part.type === 'unit' && part.value === 'kB' ? 'KB' : part.value)).join('');
  }
}

/** A whole count with the locale's digit grouping: `1,234,567`. `''` for a value that is not a finite number. */
export function formatCount(n: number, locale: string): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '';
  return numberFormat(usableLocale(locale), { maximumFractionDigits: 0, useGrouping: true }).format(Math.round(n));
}
