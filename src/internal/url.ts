/**
 * URL rules of the contract: keep http, https, mailto, tel and relative forms; drop the rest.
 * Pure string code (no DOM), shared by the model, the sanitizer and the server-side renderer.
 *
 * A URL is judged the way a browser's URL parser would see its scheme, and it is judged twice:
 * once as given (JSON values reach the DOM through `setAttribute` and are never HTML-decoded)
 * and once with HTML character references decoded (the same text printed into HTML by a
 * template that forgot to escape `&` would be decoded by the HTML parser). It is kept only when
 * both readings are allowed. Relative forms, including protocol-relative `//host/` and the
 * backslash forms browsers treat the same way (`\\host`, `/\host`), resolve against the page's
 * own scheme, so they are allowed.
 */

const ALLOWED_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'mailto', 'tel']);

// Characters browsers strip or ignore inside a scheme: the URL parser drops leading C0
// controls and spaces and removes tabs and newlines anywhere. This removes more than that
// (every C0/C1 control and space anywhere, Unicode spaces and invisible format characters), so that a
// disguised scheme can only look *more* like a scheme to this check than to a browser.
// eslint-disable-next-line no-control-regex
const IGNORED =
  /[\u0000-\u0020\u007f-\u00a0\u00ad\u061c\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]/g;

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

// Named character references that can spell or hide a scheme.
const NAMED_REFS: Readonly<Record<string, string>> = {
  colon: ':',
  tab: '\t',
  newline: '\n',
  nbsp: '\u00a0',
  amp: '&',
  sol: '/',
  bsol: '\\',
  period: '.',
  plus: '+',
  hyphen: '-',
  dash: '-',
};

/**
 * `text` with HTML character references decoded one level, as an HTML parser would decode an
 * attribute value: numeric references with or without the closing `;`, and the named ones
 * that matter for a scheme.
 */
function decodeCharacterReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?|([a-zA-Z]+);)/g, (match, hex?: string, dec?: string, name?: string) => {
    if (name !== undefined) return NAMED_REFS[name.toLowerCase()] ?? match;
    const code = hex !== undefined ? parseInt(hex, 16) : parseInt(dec!, 10);
    // Out of range, surrogates and NUL decode to U+FFFD in HTML: not a scheme character.
    if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
    return String.fromCodePoint(code);
  });
}

function schemeOf(text: string): string {
  const match = SCHEME.exec(text.replace(IGNORED, ''));
  return match ? match[1]!.toLowerCase() : '';
}

/**
 * The scheme a browser would see for `url`, lower-cased, or `''` for a relative URL.
 * Entities are not decoded here: data from JSON is never HTML-decoded before use.
 */
export function urlScheme(url: string): string {
  return schemeOf(url);
}

/** Whether `url` may be kept under the contract's rules. */
export function isSafeUrl(url: string): boolean {
  if (typeof url !== 'string') return false;
  for (const reading of [url, decodeCharacterReferences(url)]) {
    const scheme = schemeOf(reading);
    if (scheme !== '' && !ALLOWED_SCHEMES.has(scheme)) return false;
  }
  return true;
}

/** `url` trimmed when it is safe, otherwise `undefined`. */
export function safeUrl(url: string | undefined | null): string | undefined {
  if (typeof url !== 'string') return undefined;
  const trimmed = url.trim();
  if (trimmed === '') return undefined;
  return isSafeUrl(trimmed) ? trimmed : undefined;
}

const SRCSET_SPACE = /[\t\n\f\r ]/;

/**
 * The URLs of the image candidates in a `srcset` value, split the way the HTML standard's
 * srcset parser splits them (a URL runs to the next whitespace; a trailing comma ends the
 * candidate; descriptors run to the next comma outside parentheses).
 */
export function srcsetUrls(srcset: string): string[] {
  const urls: string[] = [];
  const length = srcset.length;
  let pos = 0;
  while (pos < length) {
    while (pos < length && (SRCSET_SPACE.test(srcset[pos]!) || srcset[pos] === ',')) pos++;
    if (pos >= length) break;
    const start = pos;
    while (pos < length && !SRCSET_SPACE.test(srcset[pos]!)) pos++;
    let url = srcset.slice(start, pos);
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
      urls.push(url);
      continue;
    }
    urls.push(url);
    let depth = 0;
    while (pos < length) {
      const ch = srcset[pos]!;
      if (ch === '(') depth++;
      else if (ch === ')' && depth > 0) depth--;
      else if (ch === ',' && depth === 0) {
        pos++;
        break;
      }
      pos++;
    }
  }
  return urls;
}

/** Whether every image candidate of `srcset` has a safe, non-empty URL. */
export function isSafeSrcset(srcset: string): boolean {
  if (typeof srcset !== 'string') return false;
  const urls = srcsetUrls(srcset);
  return urls.length > 0 && urls.every((url) => url !== '' && isSafeUrl(url));
}

/** `srcset` trimmed when every candidate is safe, otherwise `undefined` (the whole value goes). */
export function safeSrcset(srcset: string | undefined | null): string | undefined {
  if (typeof srcset !== 'string') return undefined;
  const trimmed = srcset.trim();
  if (trimmed === '') return undefined;
  return isSafeSrcset(trimmed) ? trimmed : undefined;
}
