/**
 * Keeps markup that leaves many formatting elements open from freezing the HTML parser.
 *
 * A formatting element (`<font>`, `<b>`, `<a>`…) that markup opens and never closes stays on
 * the HTML parser's list of active formatting elements, and the parser re-creates every one of
 * them at each following paragraph, cell or run of text: the work grows with their number
 * times the rest of the markup. Old CMS exports produce exactly that, one unclosed
 * `<font size="…">` per paragraph; a thousand of them, 22 KB of markup, hold a browser tab for
 * minutes in the sanitizer's parse, before a single element is dropped. (Browsers fold open
 * elements that are exactly alike, three at most; this module counts them all.)
 *
 * `tameFormatting` scans the markup once, without parsing it, counting start and end tags of
 * formatting elements. When at some point more than `MAX_OPEN_FORMATTING` are open, it removes
 * the tags, start and end, of every formatting element name left open more often than closed,
 * and if that is not enough, of every formatting element; all text stays. Markup within the
 * bound is returned unchanged. The result is still sanitized: this only bounds the parser's work.
 */

/** The HTML parser's formatting elements (HTML Standard, "the list of active formatting elements"). */
const FORMATTING = new Set(['a', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u']);

/** Most formatting elements open at once that markup may keep. */
export const MAX_OPEN_FORMATTING = 100;

/** A start or end tag: `<name …>` or `</name …>`, up to the next `>` (or the end). */
const TAG = /<(\/?)([A-Za-z][^\s/>]*)[^>]*>?/g;

interface Scan {
  /** Most formatting elements open at one point. */
  peak: number;
  /** Names opened more often than closed. */
  unclosed: Set<string>;
}

function scan(html: string): Scan {
  const open = new Map<string, number>();
  let total = 0;
  let peak = 0;
  for (const match of html.matchAll(TAG)) {
    const name = match[2]!.toLowerCase();
    if (!FORMATTING.has(name)) continue;
    const count = open.get(name) ?? 0;
    if (match[1]) {
      if (count > 0) {
        open.set(name, count - 1);
        total--;
      }
    } else {
      open.set(name, count + 1);
      if (++total > peak) peak = total;
    }
  }
  const unclosed = new Set<string>();
  for (const [name, count] of open) if (count > 0) unclosed.add(name);
  return { peak, unclosed };
}

function withoutTags(html: string, names: (name: string) => boolean): string {
  return html.replace(TAG, (tag, _slash: string, name: string) => (names(name.toLowerCase()) ? '' : tag));
}

/**
 * `html` as it is when it never keeps more than `MAX_OPEN_FORMATTING` formatting elements
 * open at once; otherwise without the tags of the formatting elements it leaves open (see the
 * module comment), text kept.
 */
export function tameFormatting(html: string): string {
  if (html.indexOf('<') === -1) return html;
  const first = scan(html);
  if (first.peak <= MAX_OPEN_FORMATTING) return html;
  const fewer = withoutTags(html, (name) => first.unclosed.has(name));
  if (scan(fewer).peak <= MAX_OPEN_FORMATTING) return fewer;
  return withoutTags(fewer, (name) => FORMATTING.has(name));
}
