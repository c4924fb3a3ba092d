/**
 * Character set detection and decoding for old court pages.
 *
 * Order, as a browser does it: byte order mark, then a `<meta charset>` or
 * `<meta http-equiv="Content-Type">` found in the first 4096 bytes read as ASCII, then a
 * strict UTF-8 check, then GB18030 (the encoding of most old mainland CMS pages). A page that
 * declares a GB charset but whose bytes are valid UTF-8 is read as UTF-8, with a warning.
 * GB2312 and GBK pages are decoded as GB18030, their superset: the same bytes mean the same
 * characters, and characters outside GB2312 that such pages contain anyway still decode.
 */
import iconv from 'iconv-lite';
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Where the charset came from. */
export type CharsetSource = 'bom' | 'meta' | 'meta-contradicted' | 'option' | 'utf8-check' | 'fallback';

export interface DecodedPage {
  /** The decoded text, without a byte order mark. */
  text: string;
  /** The encoding used to decode, lower case (`utf-8`, `gb18030`, `utf-16le`, …). */
  charset: string;
  /** The label the page declared, when it declared one (`gbk`, `GB2312`, …). */
  declared?: string;
  source: CharsetSource;
}

const SNIFF_BYTES = 4096;

/** Labels that are decoded as GB18030. */
const GB_FAMILY = new Set([
  'gb2312', 'gb_2312', 'gb_2312-80', 'gbk', 'x-gbk', 'cp936', 'ms936', 'windows-936',
  'gb18030', 'euc-cn', 'csgb2312', 'iso-ir-58', 'chinese', 'csiso58gb231280',
]);

const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'x-unicode20utf8']);

/** The encoding to decode with for a declared label, or `undefined` when unsupported. */
export function normalizeCharset(label: string): string | undefined {
  const name = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (name === '') return undefined;
  if (UTF8_LABELS.has(name)) return 'utf-8';
  if (GB_FAMILY.has(name)) return 'gb18030';
  if (name === 'big5' || name === 'big5-hkscs' || name === 'x-x-big5') return 'big5';
  // A page that says UTF-16 in a meta tag is read as UTF-8 by browsers (the meta tag
  // itself could not have been read otherwise); keep that rule.
  if (name.startsWith('utf-16')) return 'utf-8';
  return iconv.encodingExists(name) ? name : undefined;
}

/** The encoding named by a byte order mark, and its length. */
export function bomCharset(bytes: Uint8Array): { charset: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  if (bytes[0] === 0x84 && bytes[1] === 0x31 && bytes[2] === 0x95 && bytes[3] === 0x33) {
    return { charset: 'gb18030', length: 4 };
  }
  return undefined;
}

function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

function* elements(node: Node): Generator<Element> {
  if ('tagName' in node) yield node;
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const child of children) yield* elements(child);
  if ('content' in node && node.content) yield* elements(node.content);
}

/** `charset=…` inside a Content-Type value, as the HTML spec extracts it. */
export function charsetFromContentType(value: string): string | undefined {
  const match = /charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;"']+))/i.exec(value);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/**
 * The charset label declared by a meta tag in the first 4096 bytes. The bytes are read as
 * Latin-1 (every byte one character, so ASCII markup survives whatever the real encoding)
 * and parsed by parse5; the first `<meta charset>` or `http-equiv="content-type"` wins.
 */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SNIFF_BYTES)).toString('latin1');
  const doc = parse(head);
  for (const el of elements(doc)) {
    if (el.tagName !== 'meta') continue;
    const charset = attr(el, 'charset');
    if (charset !== undefined && charset.trim() !== '') return charset.trim();
    const httpEquiv = attr(el, 'http-equiv');
    const content = attr(el, 'content');
    if (httpEquiv?.trim().toLowerCase() === 'content-type' && content) {
      const found = charsetFromContentType(content);
      if (found) return found.trim();
    }
  }
  return undefined;
}

function nonAsciiBytes(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b >= 0x80) n++;
  return n;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes an HTML page. `override` (a charset label) wins over everything else.
 * Returns the text and where its encoding came from.
 */
export function decodeHtml(input: Uint8Array, override?: string): DecodedPage {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const bom = bomCharset(bytes);
  if (override) {
    const charset = normalizeCharset(override);
    if (!charset) throw new RangeError(`unknown charset "${override}"`);
    const body = bom ? bytes.subarray(bom.length) : bytes;
    return { text: iconv.decode(body, charset, { stripBOM: true }), charset, declared: override, source: 'option' };
  }
  if (bom) {
    return { text: iconv.decode(bytes.subarray(bom.length), bom.charset, { stripBOM: true }), charset: bom.charset, source: 'bom' };
  }
  const declared = declaredCharset(bytes);
  if (declared) {
    const charset = normalizeCharset(declared);
    // A template converted to UTF-8 whose meta tag still says gb2312: GBK text is never valid
    // UTF-8 over a page of Chinese, so valid UTF-8 with enough non-ASCII bytes is UTF-8.
    if (charset === 'gb18030' && nonAsciiBytes(bytes) >= 16 && isValidUtf8(bytes)) {
      return { text: bytes.toString('utf8').replace(/^\uFEFF/, ''), charset: 'utf-8', declared, source: 'meta-contradicted' };
    }
    if (charset) {
      return { text: iconv.decode(bytes, charset, { stripBOM: true }), charset, declared, source: 'meta' };
    }
  }
  if (isValidUtf8(bytes)) {
    return { text: bytes.toString('utf8'), charset: 'utf-8', ...(declared ? { declared } : {}), source: 'utf8-check' };
  }
  return { text: iconv.decode(bytes, 'gb18030'), charset: 'gb18030', ...(declared ? { declared } : {}), source: 'fallback' };
}
