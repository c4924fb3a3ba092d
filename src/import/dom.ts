/** Small helpers over parse5's default tree, for reading old court pages. */
import { Tokenizer, TokenizerMode } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';

export type Node = DefaultTreeAdapterMap['node'];
export type Element = DefaultTreeAdapterMap['element'];
export type ParentNode = DefaultTreeAdapterMap['parentNode'];
export type TextNode = DefaultTreeAdapterMap['textNode'];

export function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

export function isText(node: Node): node is TextNode {
  return node.nodeName === '#text';
}

export function children(node: Node): Node[] {
  return 'childNodes' in node ? node.childNodes : [];
}

export function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/** Lower-case tokens of the class and id attributes, split on spaces, `_` and `-`. */
export function nameTokens(el: Element): string[] {
  const raw = `${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''}`.toLowerCase();
  return raw.split(/[\s_-]+/).filter(Boolean);
}

/** The class and id attributes, lower case, joined by a space. */
export function names(el: Element): string {
  return `${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''}`.toLowerCase().trim();
}

/** Elements whose content is never page text (MathML is: its text shows, as 数学 in <mi>). */
export const NON_TEXT_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'base',
  'iframe', 'object', 'embed', 'svg', 'canvas', 'audio', 'video', 'map', 'area',
]);

/** Whitespace of old pages: ASCII, no-break space, ideographic space, zero-width characters. */
const SPACE = /[\s\u00a0\u3000\u200b\ufeff]+/g;

/** Collapses runs of whitespace to one space and trims. */
export function normalizeSpace(text: string): string {
  return text.replace(SPACE, ' ').trim();
}

/** Removes every kind of whitespace (for comparisons that must not depend on layout). */
export function squash(text: string): string {
  return text.replace(SPACE, '');
}

/** The text of a node, skipping scripts, styles and other non-text elements. */
export function textContent(node: Node): string {
  if (isText(node)) return node.value;
  if (isElement(node) && NON_TEXT_TAGS.has(node.tagName)) return '';
  let out = '';
  for (const child of children(node)) out += textContent(child);
  return out;
}

/** The text directly inside an element whose content is not page text (`<title>`, `<script>`). */
export function rawText(el: Element): string {
  return el.childNodes.map((c) => (isText(c) ? c.value : '')).join('');
}

/** Every element under `node` in document order (including `node` when it is one). */
export function* descendants(node: Node): Generator<Element> {
  if (isElement(node)) yield node;
  for (const child of children(node)) yield* descendants(child);
}

/** Every text node under `node` in document order, skipping non-text elements. */
export function* textNodes(node: Node): Generator<TextNode> {
  if (isText(node)) {
    yield node;
    return;
  }
  if (isElement(node) && NON_TEXT_TAGS.has(node.tagName)) return;
  for (const child of children(node)) yield* textNodes(child);
}

export function findFirst(node: Node, test: (el: Element) => boolean): Element | undefined {
  for (const el of descendants(node)) if (test(el)) return el;
  return undefined;
}

/** Whether `ancestor` contains `node` (or is it). */
export function contains(ancestor: Node, node: Node): boolean {
  let current: Node | null = node;
  while (current) {
    if (current === ancestor) return true;
    current = 'parentNode' in current ? (current.parentNode as Node | null) : null;
  }
  return false;
}

/** How the element's own markup hides it (`display: none`, `visibility: hidden`, the hidden attribute), as a note quotes it. */
export function hiddenBy(el: Element): string | undefined {
  const style = (attr(el, 'style') ?? '').toLowerCase().replace(/\s+/g, '');
  if (style.includes('display:none')) return 'display: none';
  if (style.includes('visibility:hidden')) return 'visibility: hidden';
  return attr(el, 'hidden') !== undefined ? 'the hidden attribute' : undefined;
}

/** Whether an inline style (or the hidden attribute) hides the element. */
export function isHidden(el: Element): boolean {
  return hiddenBy(el) !== undefined;
}

/** Whether the element is inside a link. */
export function insideLink(el: Element): boolean {
  for (let up = el.parentNode as Node | null; up && isElement(up); up = up.parentNode as Node | null) {
    if (up.tagName === 'a') return true;
  }
  return false;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML text and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * Container tags that the tree builder nests as written (an unclosed `<div>` holds all that
 * follows). Table parts are tracked as boundaries only: a new cell or row closes the last
 * one, and closing a cell closes what was left open inside it.
 */
const NESTING_TAGS = new Set([
  'div', 'section', 'article', 'aside', 'main', 'nav', 'header', 'footer', 'blockquote', 'center', 'ul', 'ol',
  'dl', 'fieldset',
]);
const TABLE_TAGS = new Set(['table', 'tr', 'td', 'th']);

const RAW_TEXT: Record<string, (typeof TokenizerMode)[keyof typeof TokenizerMode]> = {
  script: TokenizerMode.SCRIPT_DATA,
  style: TokenizerMode.RAWTEXT,
  xmp: TokenizerMode.RAWTEXT,
  iframe: TokenizerMode.RAWTEXT,
  noembed: TokenizerMode.RAWTEXT,
  noframes: TokenizerMode.RAWTEXT,
  textarea: TokenizerMode.RCDATA,
  title: TokenizerMode.RCDATA,
  plaintext: TokenizerMode.PLAINTEXT,
};

/**
 * How deep the page nests container elements, measured in one linear pass of parse5's
 * tokenizer (an end tag closes back to its start tag, as the tree builder does). Building the
 * tree of a page nested 100,000 deep takes the tree builder minutes (its scope checks walk
 * the open elements), so deeper pages are refused before they are parsed.
 */
export function nestingDepth(html: string): number {
  // Open elements, and for each the number of nesting containers up to it.
  const open: string[] = [];
  const depths: number[] = [];
  let max = 0;
  const closeTo = (index: number) => {
    open.length = index;
    depths.length = index;
  };
  const tokenizer: Tokenizer = new Tokenizer({}, {
    onStartTag(token) {
      const name = token.tagName;
      const raw = RAW_TEXT[name];
      if (raw !== undefined) tokenizer.state = raw;
      if (token.selfClosing || !(NESTING_TAGS.has(name) || TABLE_TAGS.has(name))) return;
      if (name === 'tr') closeTo(open.lastIndexOf('table') + 1);
      if (name === 'td' || name === 'th') closeTo(Math.max(open.lastIndexOf('tr'), open.lastIndexOf('table')) + 1);
      const depth = (depths.at(-1) ?? 0) + (NESTING_TAGS.has(name) ? 1 : 0);
      open.push(name);
      depths.push(depth);
      if (depth > max) max = depth;
    },
    onEndTag(token) {
      const at = open.lastIndexOf(token.tagName);
      if (at >= 0) closeTo(at);
    },
    onComment() {},
    onDoctype() {},
    onEof() {},
    onCharacter() {},
    onNullCharacter() {},
    onWhitespaceCharacter() {},
  });
  tokenizer.write(html, true);
  return max;
}
