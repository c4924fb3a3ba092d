/**
 * Reading court news JSON: `parseArticle` and `parseSite`.
 *
 * Both take an object or a JSON string and return a new, normalized value, or the list of
 * problems that stop it from being rendered. They never throw, never mutate their input,
 * never hang (see `LIMITS`), and touch neither the DOM nor the network.
 *
 * ## Rules, in order of precedence
 *
 * 1. **Limits** (`limit`, fatal, reported alone): JSON text longer than `maxJsonLength`,
 *    nesting deeper than `maxDepth`, more than `maxValues` values, more than
 *    `maxTotalStringLength` characters in all strings together, more than `maxBlocks`
 *    blocks, more than `maxBreadcrumb` / `maxAttachments` / `maxLinks` items, a field longer
 *    than `maxHtmlLength` (html), `maxUrlLength` (href, src, url, srcset) or `maxTextLength`
 *    (every other string).
 * 2. **JSON** (`json`, fatal): a string input that is not JSON text; `position` is the
 *    0-based offset of the error when the engine reports one. A leading byte-order mark is
 *    ignored.
 * 3. **Required fields** (`missing` when absent or `undefined`, `type` when of another JSON
 *    type, fatal): the document must be an object with `version` (must be 1, else `version`),
 *    a non-blank `title`, `publishedAt` (ISO 8601 with `Z` or `±hh:mm`, else `date`) and a
 *    `body` array. Every block must be an object with a string `type`; a paragraph needs
 *    `text` or `html`, a heading `text`, an image or a video `src`, an html block `html`; breadcrumb items
 *    need `label`, links `label` and `href`, attachments and prev/next `title` and `href`,
 *    phones `label` and `number`. A site needs `version` and a non-blank `name`.
 * 4. **Types of optional fields** (`type`, fatal): a known optional field that is present
 *    with the wrong JSON type (e.g. `"subtitle": 5`, `"breadcrumb": {}`) stops the document:
 *    it is a broken export, and the contract is not rendered half-way. Exceptions, repaired
 *    with a `value` warning because they only affect presentation: `lang`, heading `level`,
 *    paragraph `align`, image and video `width` / `height`, attachment `bytes`.
 *    `null` in an optional field is not a wrong type: it counts as absent, with a `value`
 *    warning (export scripts write `null` for a value they do not have). In a required field
 *    it is a `type` problem.
 * 5. **Repairs** (warnings, the document still renders):
 *    - `unknown-block`: a block whose `type` is not paragraph, heading, image, video or html is
 *      skipped.
 *    - `url`: a URL that is not http, https, mailto, tel or relative (decided by `isSafeUrl`
 *      and, for `srcset`, `isSafeSrcset`)
 *      is dropped: `url` is omitted; a breadcrumb item keeps its label without `href`; an
 *      image or video block, attachment, prev/next, site link or `reportSite` is dropped whole
 *      (an unsafe video `poster` is dropped alone; a video `src` or `poster` must also not be
 *      `mailto:` or `tel:`); a
 *      `srcset` with any unsafe candidate is dropped whole (and `sizes` with it: `sizes` is
 *      kept only together with a kept `srcset`).
 *    - `value`: `lang` that does not look like BCP 47 becomes `zh-CN`; heading `level` that is
 *      an integer outside 2–4 is clamped to 2 or 4, and any other non-2–4 value becomes 2;
 *      `width` / `height` that are not positive integers, and `bytes` that is not a
 *      non-negative integer, are dropped; `width` and `height` whose ratio is beyond
 *      `MAX_IMAGE_RATIO` (a photo box 1 px wide and a billion tall) are both dropped;
 *      markup in an `html` field that keeps more than `MAX_OPEN_FORMATTING` formatting
 *      elements open at once loses those elements' tags, its text kept
 *      (`internal/open-formatting.ts`: such markup holds the browser's HTML parser for
 *      minutes); a paragraph with both `text` and `html` keeps `html`; a paragraph `align`
 *      other than `start`, `center` or `end` is dropped (the paragraph is aligned to the start);
 *      a heading with blank text, an image or a video with a blank `src`, a breadcrumb item with a blank
 *      label, a link, attachment or prev/next with a blank label/title or href, and a phone
 *      with no digit in its number are dropped. (A breadcrumb item with a blank `href` simply
 *      has no link.)
 * 6. **Normalization** (silent): unknown fields are dropped (except the documented
 *    extensions image `sizes` and paragraph `align`); optional plain-text fields that are empty or only whitespace
 *    are omitted; `lang` and heading `level` are always present in the result; URLs are
 *    trimmed of surrounding whitespace. Content is otherwise kept exactly as given.
 *
 * Every problem carries the JSON path of the field (`body[3].src`, `` for the document), a
 * code and an English message starting with that path. Problems and warnings are listed in
 * the contract's field order, blocks and items in array order.
 */
import { MAX_OPEN_FORMATTING, tameFormatting } from '../internal/open-formatting.js';
import { isSafeSrcset, isSafeUrl } from '../internal/url.js';
import { parseOffsetDateTime } from './date.js';
import { LIMITS } from './limits.js';
import type {
  Article,
  ArticleRef,
  Attachment,
  Block,
  BreadcrumbItem,
  HeadingBlock,
  ImageBlock,
  Link,
  ParagraphBlock,
  VideoBlock,
  ParseResult,
  Phone,
  Problem,
  ProblemCode,
  Site,
} from './types.js';

// ---------------------------------------------------------------------------------------------
// A plain, read-once copy of the input

/** A value that JSON cannot hold (function, symbol, bigint, Map, Date…), kept to be reported. */
class Foreign {
  constructor(readonly kind: string) {}
}

type Plain = null | boolean | number | string | Plain[] | PlainObject | Foreign;
interface PlainObject {
  [key: string]: Plain | undefined;
}

/** Thrown inside this module only; turned into the one fatal problem of the result. */
class Stop {
  constructor(readonly problem: Problem) {}
}

function limitProblem(path: string, limit: number, what: string): Stop {
  const where = path === '' ? 'document' : path;
  return new Stop({ path, code: 'limit', message: `${where}: ${what}`, limit });
}

interface Task {
  /** The value, or the object to read it from (`from[key]`, read when the task is taken). */
  src: unknown;
  from?: object;
  parent: PlainObject | Plain[];
  key: string | number;
  /** Nesting level of `parent`; the document object is level 1. */
  depth: number;
  /** The task of the object or array holding this value. */
  up?: Task;
}

/** JSON path of a task's value: `body[3].src`, or `` for the document. */
function pathOf(task: Task): string {
  const keys: Array<string | number> = [];
  for (let t: Task | undefined = task; t?.up; t = t.up) keys.unshift(t.key);
  // A loop, not Array.prototype.reduce, which old page libraries replace (Prototype 1.6).
  let path = '';
  for (const key of keys) path = typeof key === 'number' ? `${path}[${key}]` : join(path, key);
  return path;
}

/** A value that throws when read: a getter or a proxy trap. */
function unreadable(task: Task): Stop {
  const path = pathOf(task);
  return new Stop({ path, code: 'type', message: `${path === '' ? 'document' : path}: could not be read (a getter or proxy threw)` });
}

/**
 * Copies `input` into null-prototype objects and arrays, reading every own enumerable
 * property once (getters run once, proxies are not consulted again). Walks with an explicit
 * stack so that deep or cyclic input ends in a `limit` problem rather than a stack overflow.
 */
function snapshot(input: unknown): Plain | undefined {
  const holder: PlainObject = Object.create(null) as PlainObject;
  const stack: Task[] = [{ src: input, parent: holder, key: 'root', depth: 0 }];
  let count = 0;
  let characters = 0;
  const tooLong = () =>
    limitProblem('', LIMITS.maxTotalStringLength, `more than ${LIMITS.maxTotalStringLength} characters in all strings together`);
  while (stack.length > 0) {
    const task = stack.pop()!;
    if (++count > LIMITS.maxValues) {
      throw limitProblem('', LIMITS.maxValues, `more than ${LIMITS.maxValues} values`);
    }
    try {
      (task.parent as Record<string | number, Plain | undefined>)[task.key] = copyOne(task);
    } catch (error) {
      throw error instanceof Stop ? error : unreadable(task);
    }
  }
  return holder['root'];

  /** The copy of one value; its members are pushed onto the stack. */
  function copyOne(task: Task): Plain | undefined {
    const src = task.from ? (task.from as Record<string | number, unknown>)[task.key] : task.src;
    let out: Plain | undefined;
    if (typeof src === 'string') {
      characters += src.length;
      if (characters > LIMITS.maxTotalStringLength) throw tooLong();
      out = src;
    } else if (src === null || typeof src === 'number' || typeof src === 'boolean') {
      out = src;
    } else if (src === undefined) {
      out = undefined;
    } else if (typeof src === 'object') {
      const depth = task.depth + 1;
      if (depth > LIMITS.maxDepth) {
        throw limitProblem('', LIMITS.maxDepth, `nested deeper than ${LIMITS.maxDepth} levels`);
      }
      if (Array.isArray(src)) {
        const length = src.length;
        if (length > LIMITS.maxValues) {
          throw limitProblem('', LIMITS.maxValues, `more than ${LIMITS.maxValues} values`);
        }
        const array: Plain[] = new Array<Plain>(length);
        for (let i = length - 1; i >= 0; i--) stack.push({ src: undefined, from: src, parent: array, key: i, depth, up: task });
        out = array;
      } else if (Object.prototype.toString.call(src) === '[object Object]') {
        const keys = Object.keys(src);
        if (keys.length > LIMITS.maxValues) {
          throw limitProblem('', LIMITS.maxValues, `more than ${LIMITS.maxValues} values`);
        }
        const object = Object.create(null) as PlainObject;
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i]!;
          characters += key.length;
          stack.push({ src: undefined, from: src, parent: object, key, depth, up: task });
        }
        if (characters > LIMITS.maxTotalStringLength) throw tooLong();
        out = object;
      } else {
        out = new Foreign(Object.prototype.toString.call(src).slice(8, -1) + ' object');
      }
    } else {
      out = new Foreign(typeof src);
    }
    return out;
  }
}

/** Finds the first place where JSON text nests deeper than the limit, without recursion. */
function tooDeepAt(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > LIMITS.maxDepth) return i;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return -1;
}

/**
 * The 0-based offset of a `JSON.parse` error in `text`, read from the engine's message:
 * V8's `at position N`, V8's and Firefox's `line L column C`, or the end of the text for
 * "unexpected end" messages. `undefined` when the message gives no position (Safari).
 */
export function jsonErrorPosition(message: string, text: string): number | undefined {
  const at = /at position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) {
    let line = Number(lineColumn[1]);
    let offset = 0;
    while (line > 1) {
      const next = text.indexOf('\n', offset);
      if (next < 0) break;
      offset = next + 1;
      line--;
    }
    return offset + Number(lineColumn[2]) - 1;
  }
  if (/end of (JSON )?input|Unterminated/i.test(message)) return text.length;
  return undefined;
}

/** Turns the input into plain data, or stops with a `json`, `limit` or `type` problem. */
function readInput(input: unknown): Plain | undefined {
  if (typeof input === 'string') {
    let text = input;
    if (text.length > LIMITS.maxJsonLength) {
      throw limitProblem('', LIMITS.maxJsonLength, `JSON text longer than ${LIMITS.maxJsonLength} characters`);
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    // Nesting beyond the limit is reported before anything else, with its position. The text
    // is scanned for it only when parsing or copying stops: well-formed, shallow data (the
    // usual case) is read once, by the engine. (A deep text can only end either way: the
    // copy refuses it, and an engine that parses recursively throws, caught below.)
    const tooDeep = () => {
      const deepAt = tooDeepAt(text);
      return deepAt < 0
        ? undefined
        : limitProblem('', LIMITS.maxDepth, `nested deeper than ${LIMITS.maxDepth} levels (at position ${deepAt})`);
    };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      const deep = tooDeep();
      if (deep) throw deep;
      const detail = error instanceof Error ? error.message : String(error);
      const position = jsonErrorPosition(detail, text);
      const problem: Problem = {
        path: '',
        code: 'json',
        message:
          position === undefined
            ? `document: not valid JSON (${clip(detail, 160)})`
            : `document: not valid JSON at position ${position} (${clip(detail, 160)})`,
      };
      if (position !== undefined) problem.position = position;
      throw new Stop(problem);
    }
    try {
      return snapshot(parsed);
    } catch (error) {
      throw (error instanceof Stop && error.problem.code === 'limit' && tooDeep()) || error;
    }
  }
  try {
    return snapshot(input);
  } catch (error) {
    if (error instanceof Stop) throw error;
    throw new Stop({ path: '', code: 'type', message: 'document: the input object could not be read', expected: 'object' });
  }
}

// ---------------------------------------------------------------------------------------------
// Checking

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function jsonType(value: Plain | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (value instanceof Foreign) return value.kind;
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isObject(value: Plain | undefined): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Foreign);
}

const NON_BLANK = /\S/;

/**
 * BCP 47 language tag, structurally: a 2–3 letter language (with up to three extended
 * subtags), optional script, region, variants, extensions and private use; or a private-use
 * tag alone (`x-…`). The 4–8 letter language subtags that the grammar reserves but the
 * registry does not use are refused, so that words such as `Chinese` are not taken for tags.
 */
export const BCP47 =
  /^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3})(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*(?:-[A-WYZa-wyz\d](?:-[A-Za-z\d]{2,8})+)*(?:-[Xx](?:-[A-Za-z\d]{1,8})+)?|[Xx](?:-[A-Za-z\d]{1,8})+)$/;

/** Default language of the contract. */
export const DEFAULT_LANG = 'zh-CN';

type StringKind = 'text' | 'html' | 'url';

function maxLengthOf(kind: StringKind): number {
  return kind === 'html' ? LIMITS.maxHtmlLength : kind === 'url' ? LIMITS.maxUrlLength : LIMITS.maxTextLength;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

class Checker {
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];

  private add(list: Problem[], path: string, code: ProblemCode, text: string, extra?: Partial<Problem>): void {
    const where = path === '' ? 'document' : path;
    list.push({ path, code, message: `${where}: ${text}`, ...extra });
  }

  fail(path: string, code: ProblemCode, text: string, extra?: Partial<Problem>): void {
    this.add(this.problems, path, code, text, extra);
  }

  warn(path: string, code: ProblemCode, text: string): void {
    this.add(this.warnings, path, code, text);
  }

  wrongType(path: string, expected: string, value: Plain | undefined): void {
    this.fail(path, 'type', `must be ${expected === 'array' || expected === 'object' ? 'an' : 'a'} ${expected}, got ${jsonType(value)}`, {
      expected,
    });
  }

  missing(path: string, what = 'required field is missing'): void {
    this.fail(path, 'missing', what);
  }

  /** A string of the given kind, length-checked; reports a wrong type. */
  private string(value: Plain | undefined, path: string, kind: StringKind): string | undefined {
    if (typeof value !== 'string') {
      this.wrongType(path, 'string', value);
      return undefined;
    }
    const max = maxLengthOf(kind);
    if (value.length > max) throw limitProblem(path, max, `longer than ${max} characters`);
    return value;
  }

  /** A required string: `missing` when absent, `type` when not a string. */
  required(obj: PlainObject, key: string, path: string, kind: StringKind = 'text'): string | undefined {
    const value = obj[key];
    const at = join(path, key);
    if (value === undefined) {
      this.missing(at);
      return undefined;
    }
    return this.string(value, at, kind);
  }

  /**
   * The value of an optional field. `null` counts as absent, with a `value` warning: export
   * scripts (PHP, Java, SQL) write `null` for a value they do not have.
   */
  field(obj: PlainObject, key: string, path: string): Plain | undefined {
    const value = obj[key];
    if (value !== null) return value;
    this.warn(join(path, key), 'value', 'is null; it is ignored');
    return undefined;
  }

  /** An optional string: `undefined` when absent, blank (silently omitted) or of a wrong type (reported). */
  optional(obj: PlainObject, key: string, path: string, kind: StringKind = 'text'): string | undefined {
    const value = this.field(obj, key, path);
    if (value === undefined) return undefined;
    const text = this.string(value, join(path, key), kind);
    return text !== undefined && NON_BLANK.test(text) ? text : undefined;
  }

  /** An optional array, count-limited; `undefined` when absent or of a wrong type (reported). */
  array(obj: PlainObject, key: string, path: string, max: number, noun: string): Plain[] | undefined {
    const value = this.field(obj, key, path);
    const at = join(path, key);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      this.wrongType(at, 'array', value);
      return undefined;
    }
    if (value.length > max) throw limitProblem(at, max, `more than ${max} ${noun}`);
    return value;
  }

  /** An object at `path`, or `undefined` after reporting a wrong type. */
  object(value: Plain | undefined, path: string): PlainObject | undefined {
    if (!isObject(value)) {
      this.wrongType(path, 'object', value);
      return undefined;
    }
    return value;
  }

  /**
   * A URL that passed the type check: trimmed; `undefined` with a `url` warning when unsafe,
   * or a `value` warning when blank.
   */
  url(raw: string, path: string, consequence: string): string | undefined {
    const trimmed = raw.trim();
    if (trimmed === '') {
      this.warn(path, 'value', `is empty; ${consequence}`);
      return undefined;
    }
    if (!isSafeUrl(trimmed)) {
      this.warn(path, 'url', `only http, https, mailto, tel or relative URLs; ${consequence}`);
      return undefined;
    }
    return trimmed;
  }

  /** Checks `version` (required, must be 1). */
  version(obj: PlainObject): void {
    const value = obj['version'];
    if (value === undefined) this.missing('version');
    else if (typeof value !== 'number') this.wrongType('version', 'number', value);
    else if (value !== 1) this.fail('version', 'version', `must be 1, got ${String(value)}`);
  }
}

function quote(value: string): string {
  return JSON.stringify(clip(value, 40));
}

// ---------------------------------------------------------------------------------------------
// Article

function checkParagraph(c: Checker, block: PlainObject, path: string): ParagraphBlock | undefined {
  const hasText = c.field(block, 'text', path) !== undefined;
  const hasHtml = c.field(block, 'html', path) !== undefined;
  if (!hasText && !hasHtml) {
    c.missing(join(path, 'text'), 'a paragraph needs text or html');
    return undefined;
  }
  const text = hasText ? c.required(block, 'text', path, 'text') : undefined;
  const html = hasHtml ? c.required(block, 'html', path, 'html') : undefined;
  const align = paragraphAlign(c, block, path);
  const aligned = align ? { align } : {};
  if (html !== undefined) {
    if (text !== undefined) c.warn(join(path, 'text'), 'value', 'a paragraph has both text and html; html is used');
    return { type: 'paragraph', html: tamedHtml(c, html, path), ...aligned };
  }
  return text === undefined ? undefined : { type: 'paragraph', text, ...aligned };
}

/** A paragraph's `align`: `center` or `end` kept, `start` the same as none; anything else is repaired to none. */
function paragraphAlign(c: Checker, block: PlainObject, path: string): ParagraphBlock['align'] {
  const raw = c.field(block, 'align', path);
  if (raw === undefined || raw === 'start') return undefined;
  if (raw === 'center' || raw === 'end') return raw;
  const got = typeof raw === 'string' ? quote(raw) : jsonType(raw);
  c.warn(join(path, 'align'), 'value', `must be "start", "center" or "end", got ${got}; the paragraph is aligned to the start`);
  return undefined;
}

/** Markup that would hold the HTML parser for long, repaired (see internal/open-formatting.ts). */
function tamedHtml(c: Checker, html: string, path: string): string {
  const tamed = tameFormatting(html);
  if (tamed !== html) {
    c.warn(
      join(path, 'html'),
      'value',
      `keeps more than ${MAX_OPEN_FORMATTING} formatting tags (<font>, <b>, <a>…) open at once; the tags left open are removed, the text is kept`,
    );
  }
  return tamed;
}

function checkHeading(c: Checker, block: PlainObject, path: string): HeadingBlock | undefined {
  const text = c.required(block, 'text', path);
  let level: 2 | 3 | 4 = 2;
  const raw = c.field(block, 'level', path);
  if (raw !== undefined) {
    const at = join(path, 'level');
    if (raw === 2 || raw === 3 || raw === 4) {
      level = raw;
    } else if (typeof raw === 'number' && Number.isInteger(raw)) {
      level = raw < 2 ? 2 : 4;
      c.warn(at, 'value', `must be 2, 3 or 4, got ${raw}; ${level} is used`);
    } else {
      c.warn(at, 'value', `must be 2, 3 or 4, got ${typeof raw === 'number' ? String(raw) : jsonType(raw)}; 2 is used`);
    }
  }
  if (text === undefined) return undefined;
  if (!NON_BLANK.test(text)) {
    c.warn(join(path, 'text'), 'value', 'is empty; the heading is skipped');
    return undefined;
  }
  return { type: 'heading', text, level };
}

function positiveInteger(c: Checker, obj: PlainObject, key: string, path: string, min: number): number | undefined {
  const value = c.field(obj, key, path);
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= Number.MAX_SAFE_INTEGER) {
    return value;
  }
  const shown = typeof value === 'number' ? String(value) : jsonType(value);
  c.warn(join(path, key), 'value', `must be an integer of at least ${min}, got ${shown}; it is ignored`);
  return undefined;
}

/**
 * Widest ratio of an image's `width` to its `height`, either way, that is taken as the photo's
 * proportions: long scrolling images (长图) reach 1:20; beyond 1:50 the numbers are wrong.
 */
const MAX_IMAGE_RATIO = 50;

function checkImage(c: Checker, block: PlainObject, path: string): ImageBlock | undefined {
  const rawSrc = c.required(block, 'src', path, 'url');
  const alt = c.optional(block, 'alt', path);
  const caption = c.optional(block, 'caption', path);
  const srcsetRaw = c.optional(block, 'srcset', path, 'url');
  const sizes = c.optional(block, 'sizes', path);
  const size = boxSize(c, block, path, 'photo');
  if (rawSrc === undefined) return undefined;
  const src = c.url(rawSrc, join(path, 'src'), 'the image block is skipped');
  if (src === undefined) return undefined;
  const image: ImageBlock = { type: 'image', src };
  if (alt !== undefined) image.alt = alt;
  if (caption !== undefined) image.caption = caption;
  Object.assign(image, size);
  if (srcsetRaw !== undefined) {
    if (!isSafeSrcset(srcsetRaw.trim())) {
      c.warn(join(path, 'srcset'), 'url', 'only http, https, mailto, tel or relative URLs; srcset is dropped');
    } else {
      image.srcset = srcsetRaw.trim();
      if (sizes !== undefined) image.sizes = sizes;
    }
  }
  return image;
}

/** Width and height kept together, or neither when they are further apart than any photo or video. */
function boxSize(c: Checker, block: PlainObject, path: string, noun: string): { width?: number; height?: number } {
  const width = positiveInteger(c, block, 'width', path, 1);
  const height = positiveInteger(c, block, 'height', path, 1);
  if (width !== undefined && height !== undefined && Math.max(width / height, height / width) > MAX_IMAGE_RATIO) {
    c.warn(
      join(path, 'height'),
      'value',
      `width ${width} and height ${height} are more than ${MAX_IMAGE_RATIO} times apart, which no ${noun} is; both are ignored`,
    );
    return {};
  }
  return { ...(width !== undefined ? { width } : {}), ...(height !== undefined ? { height } : {}) };
}

/** A file to play or show: `c.url`, and not `mailto:` or `tel:`, which are links, not files. */
function mediaUrl(c: Checker, raw: string, path: string, consequence: string): string | undefined {
  const url = c.url(raw, path, consequence);
  if (url === undefined || !/^(?:mailto|tel):/i.test(url)) return url;
  c.warn(path, 'url', `only http, https or relative URLs for a file; ${consequence}`);
  return undefined;
}

function checkVideo(c: Checker, block: PlainObject, path: string): VideoBlock | undefined {
  // Checked in the order of the fields, so that the messages are too.
  const rawSrc = c.required(block, 'src', path, 'url');
  const src = rawSrc === undefined ? undefined : mediaUrl(c, rawSrc, join(path, 'src'), 'the video block is skipped');
  const rawPoster = c.optional(block, 'poster', path, 'url');
  const poster = rawPoster === undefined ? undefined : mediaUrl(c, rawPoster, join(path, 'poster'), 'the video has no still');
  const caption = c.optional(block, 'caption', path);
  const size = boxSize(c, block, path, 'video');
  if (src === undefined) return undefined;
  return {
    type: 'video',
    src,
    ...(poster !== undefined ? { poster } : {}),
    ...(caption !== undefined ? { caption } : {}),
    ...size,
  };
}

function checkBlock(c: Checker, value: Plain | undefined, path: string): Block | undefined {
  const block = c.object(value, path);
  if (!block) return undefined;
  const type = block['type'];
  if (type === undefined) {
    c.missing(join(path, 'type'));
    return undefined;
  }
  if (typeof type !== 'string') {
    c.wrongType(join(path, 'type'), 'string', type);
    return undefined;
  }
  switch (type) {
    case 'paragraph':
      return checkParagraph(c, block, path);
    case 'heading':
      return checkHeading(c, block, path);
    case 'image':
      return checkImage(c, block, path);
    case 'video':
      return checkVideo(c, block, path);
    case 'html': {
      const html = c.required(block, 'html', path, 'html');
      return html === undefined ? undefined : { type: 'html', html: tamedHtml(c, html, path) };
    }
    default:
      c.warn(join(path, 'type'), 'unknown-block', `unknown block type ${quote(type)}; the block is skipped`);
      return undefined;
  }
}

/** `{ title, href }` of prev/next or an attachment: dropped with a warning when blank or unsafe. */
function checkTitledLink(c: Checker, obj: PlainObject, path: string, noun: string): { title: string; href: string } | undefined {
  const title = c.required(obj, 'title', path);
  const rawHref = c.required(obj, 'href', path, 'url');
  if (title === undefined || rawHref === undefined) return undefined;
  if (!NON_BLANK.test(title)) {
    c.warn(join(path, 'title'), 'value', `is empty; the ${noun} is dropped`);
    return undefined;
  }
  const href = c.url(rawHref, join(path, 'href'), `the ${noun} is dropped`);
  return href === undefined ? undefined : { title, href };
}

function checkArticleRef(c: Checker, doc: PlainObject, key: 'prev' | 'next'): ArticleRef | undefined {
  const value = c.field(doc, key, '');
  if (value === undefined) return undefined;
  const obj = c.object(value, key);
  return obj ? checkTitledLink(c, obj, key, 'link') : undefined;
}

function checkLang(c: Checker, doc: PlainObject): string {
  const value = c.field(doc, 'lang', '');
  if (value === undefined) return DEFAULT_LANG;
  if (typeof value === 'string' && value.length <= 64 && BCP47.test(value)) return value;
  const shown = typeof value === 'string' ? quote(value) : jsonType(value);
  c.warn('lang', 'value', `must be a BCP 47 language tag, got ${shown}; ${DEFAULT_LANG} is used`);
  return DEFAULT_LANG;
}

function checkArticle(c: Checker, root: Plain | undefined): Article | undefined {
  if (!isObject(root)) {
    c.wrongType('', 'object', root);
    return undefined;
  }
  const doc = root;
  c.version(doc);
  const id = c.optional(doc, 'id', '');
  const lang = checkLang(c, doc);
  const urlRaw = c.optional(doc, 'url', '', 'url');
  const url = urlRaw === undefined ? undefined : c.url(urlRaw, 'url', 'it is dropped');

  let breadcrumb: BreadcrumbItem[] | undefined;
  const crumbs = c.array(doc, 'breadcrumb', '', LIMITS.maxBreadcrumb, 'breadcrumb items');
  if (crumbs) {
    breadcrumb = [];
    crumbs.forEach((value, i) => {
      const at = `breadcrumb[${i}]`;
      const item = c.object(value, at);
      if (!item) return;
      const label = c.required(item, 'label', at);
      const hrefRaw = c.field(item, 'href', at) === undefined ? undefined : c.required(item, 'href', at, 'url');
      if (label === undefined) return;
      if (!NON_BLANK.test(label)) {
        c.warn(join(at, 'label'), 'value', 'is empty; the breadcrumb item is dropped');
        return;
      }
      const crumb: BreadcrumbItem = { label };
      if (hrefRaw !== undefined && NON_BLANK.test(hrefRaw)) {
        const href = c.url(hrefRaw, join(at, 'href'), 'the label is shown without a link');
        if (href !== undefined) crumb.href = href;
      }
      breadcrumb!.push(crumb);
    });
  }

  const kicker = c.optional(doc, 'kicker', '');
  const titleValue = doc['title'];
  let title: string | undefined;
  if (titleValue === undefined) c.missing('title');
  else {
    title = c.required(doc, 'title', '');
    if (title !== undefined && !NON_BLANK.test(title)) {
      c.missing('title', 'must not be empty');
      title = undefined;
    }
  }
  const subtitle = c.optional(doc, 'subtitle', '');
  const author = c.optional(doc, 'author', '');
  const source = c.optional(doc, 'source', '');

  const publishedAt = c.required(doc, 'publishedAt', '');
  if (publishedAt !== undefined && parseOffsetDateTime(publishedAt) === undefined) {
    c.fail(
      'publishedAt',
      'date',
      `must be an ISO 8601 date-time with an offset, like 2024-02-28T20:54:53+08:00; got ${quote(publishedAt)}`,
    );
  }
  const editor = c.optional(doc, 'editor', '');

  const body: Block[] = [];
  const bodyValue = doc['body'];
  if (bodyValue === undefined) c.missing('body');
  else if (bodyValue === null) c.wrongType('body', 'array', bodyValue);
  else {
    const blocks = c.array(doc, 'body', '', LIMITS.maxBlocks, 'blocks');
    blocks?.forEach((value, i) => {
      const block = checkBlock(c, value, `body[${i}]`);
      if (block) body.push(block);
    });
  }

  let attachments: Attachment[] | undefined;
  const files = c.array(doc, 'attachments', '', LIMITS.maxAttachments, 'attachments');
  if (files) {
    attachments = [];
    files.forEach((value, i) => {
      const at = `attachments[${i}]`;
      const obj = c.object(value, at);
      if (!obj) return;
      const bytes = positiveInteger(c, obj, 'bytes', at, 0);
      const link = checkTitledLink(c, obj, at, 'attachment');
      if (!link) return;
      const attachment: Attachment = { title: link.title, href: link.href };
      if (bytes !== undefined) attachment.bytes = bytes;
      attachments!.push(attachment);
    });
  }
  const prev = checkArticleRef(c, doc, 'prev');
  const next = checkArticleRef(c, doc, 'next');

  if (c.problems.length > 0 || title === undefined || publishedAt === undefined) return undefined;
  // Built field by field in the contract's order: nothing from the input is copied wholesale.
  const article = { version: 1 } as Article;
  if (id !== undefined) article.id = id;
  article.lang = lang;
  if (url !== undefined) article.url = url;
  if (breadcrumb !== undefined) article.breadcrumb = breadcrumb;
  if (kicker !== undefined) article.kicker = kicker;
  article.title = title;
  if (subtitle !== undefined) article.subtitle = subtitle;
  if (author !== undefined) article.author = author;
  if (source !== undefined) article.source = source;
  article.publishedAt = publishedAt;
  if (editor !== undefined) article.editor = editor;
  article.body = body;
  if (attachments !== undefined) article.attachments = attachments;
  if (prev !== undefined) article.prev = prev;
  if (next !== undefined) article.next = next;
  return article;
}

// ---------------------------------------------------------------------------------------------
// Site

function checkLink(c: Checker, value: Plain | undefined, path: string): Link | undefined {
  const obj = c.object(value, path);
  if (!obj) return undefined;
  const label = c.required(obj, 'label', path);
  const hrefRaw = c.required(obj, 'href', path, 'url');
  if (label === undefined || hrefRaw === undefined) return undefined;
  if (!NON_BLANK.test(label)) {
    c.warn(join(path, 'label'), 'value', 'is empty; the link is dropped');
    return undefined;
  }
  const href = c.url(hrefRaw, join(path, 'href'), 'the link is dropped');
  return href === undefined ? undefined : { label, href };
}

function checkSite(c: Checker, root: Plain | undefined): Site | undefined {
  if (!isObject(root)) {
    c.wrongType('', 'object', root);
    return undefined;
  }
  const doc = root;
  c.version(doc);
  let name: string | undefined;
  if (doc['name'] === undefined) c.missing('name');
  else {
    name = c.required(doc, 'name', '');
    if (name !== undefined && !NON_BLANK.test(name)) {
      c.missing('name', 'must not be empty');
      name = undefined;
    }
  }

  let links: Link[] | undefined;
  const linkValues = c.array(doc, 'links', '', LIMITS.maxLinks, 'links');
  if (linkValues) {
    links = [];
    linkValues.forEach((value, i) => {
      const link = checkLink(c, value, `links[${i}]`);
      if (link) links!.push(link);
    });
  }
  const address = c.optional(doc, 'address', '');
  const postcode = c.optional(doc, 'postcode', '');

  let phones: Phone[] | undefined;
  const phoneValues = c.array(doc, 'phones', '', LIMITS.maxLinks, 'phones');
  if (phoneValues) {
    phones = [];
    phoneValues.forEach((value, i) => {
      const at = `phones[${i}]`;
      const obj = c.object(value, at);
      if (!obj) return;
      const label = c.required(obj, 'label', at);
      const number = c.required(obj, 'number', at);
      if (label === undefined || number === undefined) return;
      if (!/\d/.test(number)) {
        c.warn(join(at, 'number'), 'value', 'has no digit; the phone is dropped');
        return;
      }
      phones!.push({ label, number });
    });
  }

  let reportSite: Link | undefined;
  const reportSiteValue = c.field(doc, 'reportSite', '');
  if (reportSiteValue !== undefined) reportSite = checkLink(c, reportSiteValue, 'reportSite');
  const transport = c.optional(doc, 'transport', '');
  const copyright = c.optional(doc, 'copyright', '');
  const credits = c.optional(doc, 'credits', '');
  const icp = c.optional(doc, 'icp', '');
  const publicSecurity = c.optional(doc, 'publicSecurity', '');

  if (c.problems.length > 0 || name === undefined) return undefined;
  const site: Site = { version: 1, name };
  if (links !== undefined) site.links = links;
  if (address !== undefined) site.address = address;
  if (postcode !== undefined) site.postcode = postcode;
  if (phones !== undefined) site.phones = phones;
  if (reportSite !== undefined) site.reportSite = reportSite;
  if (transport !== undefined) site.transport = transport;
  if (copyright !== undefined) site.copyright = copyright;
  if (credits !== undefined) site.credits = credits;
  if (icp !== undefined) site.icp = icp;
  if (publicSecurity !== undefined) site.publicSecurity = publicSecurity;
  return site;
}

// ---------------------------------------------------------------------------------------------
// Entry points

/**
 * `value` with every object re-made without a prototype. A page may have added properties to
 * `Object.prototype` (old libraries, or a prototype-pollution bug such as an old deep
 * `jQuery.extend`); an optional field the data does not have must read as absent, not as the
 * inherited value (`article.next`, `block.html`, `article.kicker`, …).
 */
function detach<T>(value: T): T {
  if (Array.isArray(value)) return value.map(detach) as T;
  if (value !== null && typeof value === 'object') {
    const out = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value)) out[key] = detach((value as Record<string, unknown>)[key]);
    return out as T;
  }
  return value;
}

function run<T>(input: unknown, check: (c: Checker, root: Plain | undefined) => T | undefined): ParseResult<T> {
  const c = new Checker();
  try {
    const root = readInput(input);
    const value = check(c, root);
    if (value !== undefined && c.problems.length === 0) return { ok: true, value: detach(value), warnings: c.warnings };
    return { ok: false, problems: c.problems, warnings: c.warnings };
  } catch (error) {
    if (error instanceof Stop) return { ok: false, problems: [error.problem], warnings: [] };
    // Not reachable with plain data; kept so that no exception ever escapes.
    return {
      ok: false,
      problems: [{ path: '', code: 'type', message: 'document: could not be read', expected: 'object' }],
      warnings: [],
    };
  }
}

/**
 * Reads a court article (contract version 1) from an object or JSON text.
 *
 * @returns `{ ok: true, value, warnings }` with a new, normalized `Article`, or
 *   `{ ok: false, problems, warnings }` naming every field at fault. See the module
 *   documentation for the exact rule of each field.
 */
export function parseArticle(input: unknown): ParseResult<Article> {
  return run(input, checkArticle);
}

/**
 * Reads site (footer) data (contract version 1) from an object or JSON text.
 *
 * @returns `{ ok: true, value, warnings }` with a new, normalized `Site`, or
 *   `{ ok: false, problems, warnings }`. Same rules as `parseArticle`: `version` and a
 *   non-blank `name` are required; a link or `reportSite` needs `label` and `href`, a phone
 *   `label` and `number` (with at least one digit).
 */
export function parseSite(input: unknown): ParseResult<Site> {
  return run(input, checkSite);
}

/** A one-line English summary of problems, for logs and the command line. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((problem) => problem.message).join('; ');
}
