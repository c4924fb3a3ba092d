/**
 * Character set detection and decoding for old court pages.
 *
 * Order, as a browser does it: byte order mark, then a `<meta charset>` or
 * `<meta http-equiv="Content-Type">` found in the first 4096 bytes read as ASCII, whose label
 * counts only when it is one of the WHATWG Encoding Standard (browsers ignore utf-7, cp936 and
 * other labels), then a UTF-8 check, then GB18030 (the encoding of most old mainland CMS pages)
 * or Big5 (Hong Kong, Macao and Taiwan pages), whichever reads as common Chinese characters.
 * Declarations that the bytes contradict are not followed blindly: a page that declares a
 * legacy charset but whose bytes are valid UTF-8 is read as UTF-8, and a page that declares
 * UTF-8 but whose bytes are GBK or Big5 is read as GB18030 or Big5 (a page of UTF-8 template
 * parts around GBK article parts, part by part); the caller reports each case.
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
  /**
   * The encoding used to decode, lower case (`utf-8`, `gb18030`, `big5`, `utf-16le`, …), or
   * `utf-8+gb18030` for a page of UTF-8 parts and GBK parts, each read in its own.
   */
  charset: string;
  /** The label the page declared, when it declared one (`gbk`, `GB2312`, …). */
  declared?: string;
  source: CharsetSource;
  /**
   * Why the declared label was not used: `unknown` when it is no label of the WHATWG
   * Encoding Standard (browsers ignore it), `unsupported` when it names an encoding this
   * importer cannot decode (ISO-2022-JP, or the standard's `replacement` encoding).
   */
  ignoredLabel?: 'unknown' | 'unsupported';
  /** Byte sequences that were not valid in the encoding used (each one became U+FFFD). */
  invalidSequences: number;
  /** With source `meta-contradicted` and a declared UTF-8: the byte sequences that were not valid UTF-8. */
  invalidInDeclared?: number;
  /** With charset `utf-8+gb18030`: how many parts of the page (text between tags) were read in each. */
  parts?: { utf8: number; gb18030: number };
  /**
   * With a declared Western charset (iso-8859-1, windows-1252…) over bytes that read as GBK
   * without an error and make Chinese text: how many Chinese characters they make. The page
   * is still decoded as declared, as browsers do.
   */
  looksLikeGbk?: number;
}

const SNIFF_BYTES = 4096;

/**
 * The labels of the WHATWG Encoding Standard (https://encoding.spec.whatwg.org/#names-and-labels),
 * by encoding: the labels browsers honour in a `<meta charset>` or a Content-Type. Any other
 * label (utf-7, cp936, euc-cn…) is ignored by browsers, and so by the importer.
 */
const WHATWG_LABELS: Record<string, string[]> = {
  'utf-8': ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8'],
  ibm866: ['866', 'cp866', 'csibm866', 'ibm866'],
  'iso-8859-2': ['csisolatin2', 'iso-8859-2', 'iso-ir-101', 'iso8859-2', 'iso88592', 'iso_8859-2', 'iso_8859-2:1987', 'l2', 'latin2'],
  'iso-8859-3': ['csisolatin3', 'iso-8859-3', 'iso-ir-109', 'iso8859-3', 'iso88593', 'iso_8859-3', 'iso_8859-3:1988', 'l3', 'latin3'],
  'iso-8859-4': ['csisolatin4', 'iso-8859-4', 'iso-ir-110', 'iso8859-4', 'iso88594', 'iso_8859-4', 'iso_8859-4:1988', 'l4', 'latin4'],
  'iso-8859-5': ['csisolatincyrillic', 'cyrillic', 'iso-8859-5', 'iso-ir-144', 'iso8859-5', 'iso88595', 'iso_8859-5', 'iso_8859-5:1988'],
  'iso-8859-6': [
    'arabic', 'asmo-708', 'csiso88596e', 'csiso88596i', 'csisolatinarabic', 'ecma-114', 'iso-8859-6', 'iso-8859-6-e',
    'iso-8859-6-i', 'iso-ir-127', 'iso8859-6', 'iso88596', 'iso_8859-6', 'iso_8859-6:1987',
  ],
  'iso-8859-7': [
    'csisolatingreek', 'ecma-118', 'elot_928', 'greek', 'greek8', 'iso-8859-7', 'iso-ir-126', 'iso8859-7', 'iso88597',
    'iso_8859-7', 'iso_8859-7:1987', 'sun_eu_greek',
  ],
  'iso-8859-8': [
    'csiso88598e', 'csisolatinhebrew', 'hebrew', 'iso-8859-8', 'iso-8859-8-e', 'iso-ir-138', 'iso8859-8', 'iso88598',
    'iso_8859-8', 'iso_8859-8:1988', 'visual',
  ],
  'iso-8859-8-i': ['csiso88598i', 'iso-8859-8-i', 'logical'],
  'iso-8859-10': ['csisolatin6', 'iso-8859-10', 'iso-ir-157', 'iso8859-10', 'iso885910', 'l6', 'latin6'],
  'iso-8859-13': ['iso-8859-13', 'iso8859-13', 'iso885913'],
  'iso-8859-14': ['iso-8859-14', 'iso8859-14', 'iso885914'],
  'iso-8859-15': ['csisolatin9', 'iso-8859-15', 'iso8859-15', 'iso885915', 'iso_8859-15', 'l9'],
  'iso-8859-16': ['iso-8859-16'],
  'koi8-r': ['cskoi8r', 'koi', 'koi8', 'koi8-r', 'koi8_r'],
  'koi8-u': ['koi8-ru', 'koi8-u'],
  macintosh: ['csmacintosh', 'mac', 'macintosh', 'x-mac-roman'],
  'windows-874': ['dos-874', 'iso-8859-11', 'iso8859-11', 'iso885911', 'tis-620', 'windows-874'],
  'windows-1250': ['cp1250', 'windows-1250', 'x-cp1250'],
  'windows-1251': ['cp1251', 'windows-1251', 'x-cp1251'],
  'windows-1252': [
    'ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1', 'iso-ir-100', 'iso8859-1',
    'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii', 'windows-1252', 'x-cp1252',
  ],
  'windows-1253': ['cp1253', 'windows-1253', 'x-cp1253'],
  'windows-1254': [
    'cp1254', 'csisolatin5', 'iso-8859-9', 'iso-ir-148', 'iso8859-9', 'iso88599', 'iso_8859-9', 'iso_8859-9:1989', 'l5',
    'latin5', 'windows-1254', 'x-cp1254',
  ],
  'windows-1255': ['cp1255', 'windows-1255', 'x-cp1255'],
  'windows-1256': ['cp1256', 'windows-1256', 'x-cp1256'],
  'windows-1257': ['cp1257', 'windows-1257', 'x-cp1257'],
  'windows-1258': ['cp1258', 'windows-1258', 'x-cp1258'],
  'x-mac-cyrillic': ['x-mac-cyrillic', 'x-mac-ukrainian'],
  gbk: ['chinese', 'csgb2312', 'csiso58gb231280', 'gb2312', 'gb_2312', 'gb_2312-80', 'gbk', 'iso-ir-58', 'x-gbk'],
  gb18030: ['gb18030'],
  big5: ['big5', 'big5-hkscs', 'cn-big5', 'csbig5', 'x-x-big5'],
  'euc-jp': ['cseucpkdfmtjapanese', 'euc-jp', 'x-euc-jp'],
  'iso-2022-jp': ['csiso2022jp', 'iso-2022-jp'],
  shift_jis: ['csshiftjis', 'ms932', 'ms_kanji', 'shift-jis', 'shift_jis', 'sjis', 'windows-31j', 'x-sjis'],
  'euc-kr': [
    'cseuckr', 'csksc56011987', 'euc-kr', 'iso-ir-149', 'korean', 'ks_c_5601-1987', 'ks_c_5601-1989', 'ksc5601',
    'ksc_5601', 'windows-949',
  ],
  replacement: ['csiso2022kr', 'hz-gb-2312', 'iso-2022-cn', 'iso-2022-cn-ext', 'iso-2022-kr', 'replacement'],
  'utf-16be': ['unicodefffe', 'utf-16be'],
  'utf-16le': ['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16', 'utf-16le'],
  'x-user-defined': ['x-user-defined'],
};

const ENCODING_OF_LABEL = new Map(Object.entries(WHATWG_LABELS).flatMap(([encoding, labels]) => labels.map((l) => [l, encoding] as const)));

/** Every label of the WHATWG Encoding Standard, lower case. */
export function charsetLabels(): string[] {
  return [...ENCODING_OF_LABEL.keys()];
}

/**
 * The WHATWG encoding name a label stands for (`GB2312` → `gbk`, `latin1` → `windows-1252`),
 * or `undefined` for a label browsers do not know (`utf-7`, `cp936`). Case and surrounding
 * whitespace do not matter; quotes around the label are dropped.
 */
export function whatwgEncoding(label: string): string | undefined {
  const name = label.trim().replace(/^["']|["']$/g, '').trim().toLowerCase();
  return ENCODING_OF_LABEL.get(name);
}

/**
 * The iconv-lite codec that decodes a WHATWG encoding, or `undefined` when there is none
 * (ISO-2022-JP, and `replacement`, which browsers use to show nothing at all). GBK is decoded
 * with GB18030, as the standard's GBK decoder does: pages labelled gb2312 routinely contain
 * GBK characters (镕) and GB18030 four-byte ones.
 */
function codecOf(encoding: string): string | undefined {
  if (encoding === 'gbk') return 'gb18030';
  if (encoding === 'big5') return 'big5hkscs';
  if (encoding === 'x-mac-cyrillic') return 'maccyrillic';
  if (encoding === 'iso-8859-8-i') return 'iso-8859-8';
  if (encoding === 'x-user-defined' || encoding === 'iso-2022-jp' || encoding === 'replacement') return undefined;
  return iconv.encodingExists(encoding) ? encoding : undefined;
}

/** The name a decoded page reports for the codec used (`gb18030` for GBK pages, `big5`). */
function reportedName(codec: string): string {
  return codec === 'big5hkscs' ? 'big5' : codec === 'maccyrillic' ? 'x-mac-cyrillic' : codec;
}

/**
 * The codec to decode with for a label, or `undefined` when the label is unknown or names an
 * encoding that cannot be decoded. For a label found in a page (`fromPage`), as the HTML
 * standard's prescan does: UTF-16 becomes UTF-8 (the meta tag could not have been read in
 * UTF-16) and x-user-defined becomes windows-1252.
 */
export function normalizeCharset(label: string, fromPage = false): string | undefined {
  let encoding = whatwgEncoding(label);
  if (encoding === undefined) return undefined;
  if (fromPage && (encoding === 'utf-16le' || encoding === 'utf-16be')) encoding = 'utf-8';
  if (fromPage && encoding === 'x-user-defined') encoding = 'windows-1252';
  return codecOf(encoding);
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

/** How many U+FFFD a decoded text holds. */
export function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
}

interface Decoded {
  text: string;
  invalid: number;
}

function decodeWith(bytes: Buffer, codec: string): Decoded {
  const text = codec === 'utf-8' ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) : iconv.decode(bytes, codec, { stripBOM: false });
  return { text: text.replace(/^\uFEFF/, ''), invalid: countReplacements(text) };
}

interface Detected {
  text: string;
  /** `utf-8`, `gb18030`, `big5`, or `utf-8+gb18030` for a page made of parts in each. */
  charset: 'utf-8' | 'gb18030' | 'big5' | 'utf-8+gb18030';
  /** Sequences not valid in the detected encoding. */
  invalid: number;
  /** Sequences not valid UTF-8. */
  invalidUtf8: number;
  /** For `utf-8+gb18030`: how many parts of the page were read in each encoding. */
  parts?: { utf8: number; gb18030: number };
}

function multiByteChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 && c !== 0xfffd && !(c >= 0xdc00 && c <= 0xdfff)) n++;
  }
  return n;
}

/**
 * Both decodings of some bytes, and whether they are GB18030: UTF-8 fails on most of them
 * (more invalid sequences than valid multi-byte characters: GBK text is never valid UTF-8
 * for long) and GB18030 decodes them with at most a tenth as many errors. Big5 bytes pass too
 * (a Big5 character is two bytes GBK allows as well): `detect` tells the two apart.
 */
function judge(bytes: Buffer): { utf8: Decoded; gb?: Decoded; isGb: boolean } {
  const utf8 = decodeWith(bytes, 'utf-8');
  if (!utf8.invalid) return { utf8, isGb: false };
  const gb = decodeWith(bytes, 'gb18030');
  return { utf8, gb, isGb: utf8.invalid > multiByteChars(utf8.text) && gb.invalid * 10 <= utf8.invalid };
}

/**
 * Whether the bytes are valid UTF-8 and hold a character of three or four bytes (CJK text):
 * GBK text is practically never both, so such a part of a page is UTF-8.
 */
function isWideUtf8(b: Uint8Array): boolean {
  let wide = false;
  const to = b.length;
  for (let i = 0; i < to; ) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (!n || i + n >= to) return false;
    const second = b[i + 1]!;
    if ((c === 0xe0 && second < 0xa0) || (c === 0xed && second > 0x9f) || (c === 0xf0 && second < 0x90) || (c === 0xf4 && second > 0x8f)) return false;
    for (let k = 1; k <= n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return false;
    if (n >= 2) wide = true;
    i += n + 1;
  }
  return wide;
}

/** The page cut before each `<`: no GBK or GB18030 byte is `<`, so no character is cut. */
function partsAtTags(bytes: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = bytes.indexOf(0x3c, 1); i !== -1; i = bytes.indexOf(0x3c, i + 1)) {
    parts.push(bytes.subarray(start, i));
    start = i;
  }
  parts.push(bytes.subarray(start));
  return parts;
}

/**
 * A page whose template parts are UTF-8 and whose article parts are GBK (server-side
 * includes of a new UTF-8 header in old GBK pages): each part between tags in its own
 * encoding, or `undefined` when the page is not such a mix.
 */
function detectMixed(bytes: Buffer): Detected | undefined {
  const parts = partsAtTags(bytes);
  const utf8Parts = parts.map((p) => isWideUtf8(p));
  if (!utf8Parts.includes(true)) return undefined;
  const verdicts = parts.map((p, i) => (utf8Parts[i] ? undefined : judge(p)));
  const gbParts = verdicts.filter((v) => v?.isGb).length;
  if (!gbParts) return undefined;
  let text = '';
  let invalid = 0;
  let invalidUtf8 = 0;
  for (const [i, part] of parts.entries()) {
    const verdict = verdicts[i];
    const decoded = verdict?.isGb ? verdict.gb! : verdict?.utf8 ?? decodeWith(part, 'utf-8');
    text += decoded.text;
    invalid += decoded.invalid;
    invalidUtf8 += verdict?.utf8.invalid ?? 0;
  }
  return { text, charset: 'utf-8+gb18030', invalid, invalidUtf8, parts: { utf8: utf8Parts.filter(Boolean).length, gb18030: gbParts } };
}

let commonHanzi: Set<string> | undefined;

/**
 * The characters the two Chinese standards rank as the common ones: GB2312's level 1 (3,755
 * hanzi, B0A1–D7F9) and Big5's level 1 (5,401, A440–C67E), Simplified and Traditional
 * together (6,722 characters), decoded from the standards' own byte ranges.
 */
function commonChinese(): Set<string> {
  if (commonHanzi) return commonHanzi;
  const level1 = (codec: string, leads: [number, number], trails: Array<[number, number]>, end: number) => {
    const bytes: number[] = [];
    for (let lead = leads[0]; lead <= leads[1]; lead++) {
      for (const [from, to] of trails) for (let trail = from; trail <= to && (lead << 8) + trail <= end; trail++) bytes.push(lead, trail);
    }
    return iconv.decode(Buffer.from(bytes), codec);
  };
  commonHanzi = new Set([
    ...level1('gb18030', [0xb0, 0xd7], [[0xa1, 0xfe]], 0xd7f9),
    ...level1('big5hkscs', [0xa4, 0xc6], [[0x40, 0x7e], [0xa1, 0xfe]], 0xc67e),
  ]);
  return commonHanzi;
}

/**
 * How much a decoding reads as Chinese text: its common characters (see `commonChinese`), less
 * its invalid sequences. Chinese text decoded in its own charset is made almost only of common
 * characters; Big5 bytes read as GB18030, or GBK bytes read as Big5, make mostly rare ones.
 */
function plausibility(decoded: Decoded): number {
  const common = commonChinese();
  let n = 0;
  for (const c of decoded.text) if (common.has(c)) n++;
  return n - decoded.invalid;
}

/**
 * UTF-8, GB18030 or Big5, by the bytes. Valid UTF-8 is UTF-8. A page of UTF-8 parts and GBK
 * parts is read part by part. Otherwise a double-byte charset when the page as a whole is one
 * (see `judge`): Big5 when it reads as more common Chinese characters in Big5 than in GB18030
 * (see `plausibility`), else GB18030, the charset of most court pages, also when a short text
 * reads as well in both. Else UTF-8, so that a UTF-8 page with one damaged character is not
 * turned into mojibake.
 */
function detect(bytes: Buffer): Detected {
  const whole = judge(bytes);
  if (!whole.utf8.invalid) return { text: whole.utf8.text, charset: 'utf-8', invalid: 0, invalidUtf8: 0 };
  const mixed = detectMixed(bytes);
  if (mixed) return mixed;
  if (!whole.isGb) return { text: whole.utf8.text, charset: 'utf-8', invalid: whole.utf8.invalid, invalidUtf8: whole.utf8.invalid };
  const big5 = decodeWith(bytes, 'big5hkscs');
  const [charset, decoded] = plausibility(big5) > plausibility(whole.gb!) ? ['big5' as const, big5] : ['gb18030' as const, whole.gb!];
  return { text: decoded.text, charset, invalid: decoded.invalid, invalidUtf8: whole.utf8.invalid };
}

/**
 * How many Chinese characters the bytes make when read as GB18030, if they read without an
 * error and most of their non-ASCII bytes become Chinese characters (two bytes each); else 0.
 * Western text in windows-1252 has single accented letters between ASCII, which GBK rejects.
 */
function chineseInGbk(bytes: Buffer): number {
  const high = nonAsciiBytes(bytes);
  if (high < 16) return 0;
  const gb = decodeWith(bytes, 'gb18030');
  if (gb.invalid) return 0;
  const chinese = gb.text.match(/[\u4e00-\u9fff]/g)?.length ?? 0;
  return chinese * 2 >= high * 0.8 ? chinese : 0;
}

/** What is wrong with a charset label given as an option (`--charset`), if anything. */
export function charsetOptionProblem(label: string): string | undefined {
  if (normalizeCharset(label)) return undefined;
  return whatwgEncoding(label)
    ? `charset "${label}" cannot be decoded by the importer`
    : `unknown charset "${label}" (use a label of the WHATWG Encoding Standard, such as gbk, gb18030, big5 or utf-8)`;
}

/**
 * Decodes an HTML page. `override` (a charset label of the WHATWG Encoding Standard) wins
 * over everything else. Returns the text and where its encoding came from.
 */
export function decodeHtml(input: Uint8Array, override?: string): DecodedPage {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const bom = bomCharset(bytes);
  if (override) {
    const charset = normalizeCharset(override);
    if (!charset) throw new RangeError(charsetOptionProblem(override));
    const decoded = decodeWith(bom ? bytes.subarray(bom.length) : bytes, charset);
    return { text: decoded.text, charset: reportedName(charset), declared: override, source: 'option', invalidSequences: decoded.invalid };
  }
  if (bom) {
    const decoded = decodeWith(bytes.subarray(bom.length), bom.charset);
    return { text: decoded.text, charset: bom.charset, source: 'bom', invalidSequences: decoded.invalid };
  }
  const declared = declaredCharset(bytes);
  const charset = declared ? normalizeCharset(declared, true) : undefined;
  if (declared && charset) {
    // A template converted to UTF-8 whose meta tag still names its old charset (gb2312, big5,
    // iso-8859-1): legacy text is never valid UTF-8 over a page of Chinese, so valid UTF-8
    // with enough non-ASCII bytes is UTF-8.
    if (charset !== 'utf-8' && nonAsciiBytes(bytes) >= 16 && isValidUtf8(bytes)) {
      return { text: bytes.toString('utf8').replace(/^\uFEFF/, ''), charset: 'utf-8', declared, source: 'meta-contradicted', invalidSequences: 0 };
    }
    // The reverse: a GBK page under a template that says UTF-8.
    if (charset === 'utf-8') {
      const found = detect(bytes);
      return found.charset === 'utf-8'
        ? { text: found.text, charset: 'utf-8', declared, source: 'meta', invalidSequences: found.invalid }
        : {
          text: found.text, charset: found.charset, declared, source: 'meta-contradicted', invalidSequences: found.invalid, invalidInDeclared: found.invalidUtf8,
          ...(found.parts ? { parts: found.parts } : {}),
        };
    }
    const decoded = decodeWith(bytes, charset);
    const chinese = /^(?:windows-125\d|iso-8859-\d+)$/.test(charset) ? chineseInGbk(bytes) : 0;
    return { text: decoded.text, charset: reportedName(charset), declared, source: 'meta', invalidSequences: decoded.invalid, ...(chinese ? { looksLikeGbk: chinese } : {}) };
  }
  const found = detect(bytes);
  return {
    text: found.text,
    charset: found.charset,
    ...(declared ? { declared, ignoredLabel: whatwgEncoding(declared) ? 'unsupported' as const : 'unknown' as const } : {}),
    source: found.charset === 'utf-8' ? 'utf8-check' : 'fallback',
    invalidSequences: found.invalid,
    ...(found.parts ? { parts: found.parts } : {}),
  };
}
