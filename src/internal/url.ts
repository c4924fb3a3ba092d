/**
 * URL rules of the contract: keep http, https, mailto, tel and relative forms; drop the rest.
 * Pure string code (no DOM), shared by the model, the sanitizer and the server-side renderer.
 */

const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

// Characters browsers strip or ignore inside a scheme: ASCII control characters, whitespace
// and (in the URL parser) tabs and newlines anywhere in the string.
// eslint-disable-next-line no-control-regex
const IGNORED = /[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]/g;

/**
 * The scheme a browser would see for `url`, lower-cased, or `''` for a relative URL.
 * Entities are not decoded here: data from JSON is never HTML-decoded before use.
 */
export function urlScheme(url: string): string {
  const compact = url.replace(IGNORED, '');
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(compact);
  return match ? match[1]!.toLowerCase() : '';
}

/** Whether `url` may be kept under the contract's rules. */
export function isSafeUrl(url: string): boolean {
  if (typeof url !== 'string') return false;
  const scheme = urlScheme(url);
  if (scheme === '') {
    // A relative URL must not smuggle a scheme past the check through a backslash or
    // protocol-relative form that a browser would resolve to another scheme: those resolve
    // against the page's own scheme (http or https), which is allowed.
    return true;
  }
  return ALLOWED_SCHEMES.has(scheme);
}

/** `url` trimmed when it is safe, otherwise `undefined`. */
export function safeUrl(url: string | undefined | null): string | undefined {
  if (typeof url !== 'string') return undefined;
  const trimmed = url.trim();
  if (trimmed === '') return undefined;
  return isSafeUrl(trimmed) ? trimmed : undefined;
}
