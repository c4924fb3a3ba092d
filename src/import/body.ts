/**
 * Finds the body: the smallest element that holds nearly all of the page's running text once
 * navigation, header and footer are set aside, or the article container the page hides until
 * its script shows it.
 */
import { isWechatContent } from './wechat.js';
import { type Element, type Node, attr, children, descendants, hiddenBy, isElement, isHidden, isText, nameTokens, NON_TEXT_TAGS, normalizeSpace } from './dom.js';
import { type Ctx, issue } from './context.js';
import { BLOCK_TAGS, CAPTION_START, CHROME_LINE, CHROME_TOKENS, FOOTER_TEXT, MEDIA_TAGS } from './vocabulary.js';
import { inChrome, isChrome, isChromeTag } from './chrome.js';
import { mediaFile } from './media.js';

interface Segment {
  nodes: Array<{ node: Node; length: number }>;
  text: string;
  linkText: number;
}

/** A short line that ends as a sentence does (第一段正文。): running text, not a menu item. */
const SHORT_SENTENCE = /^.{2,}[。！？!?]$/;

/**
 * Weights every text node by whether it belongs to running text: a line of at least ten
 * characters or a sentence, mostly not link text, without footer wording, outside page furniture.
 * With `photos`, for pages without running text (图片新闻: photos and their captions only),
 * weighs photos and caption lines instead: images that are not icons or spacers, and lines
 * that start as captions do (▲, 图为…).
 */
function contentWeights(ctx: Ctx, root: Node, photos = false, revealed?: Element): Map<Node, number> {
  const weights = new Map<Node, number>();
  let seg: Segment = { nodes: [], text: '', linkText: 0 };
  const flush = () => {
    const text = normalizeSpace(seg.text);
    const useful = photos
      ? CAPTION_START.test(text) && text.length <= 120
      : (text.length >= 10 || SHORT_SENTENCE.test(text)) && seg.linkText / Math.max(1, seg.text.length) < 0.5 && !FOOTER_TEXT.test(text) && !CHROME_LINE.test(text);
    if (useful) for (const { node, length } of seg.nodes) weights.set(node, length);
    seg = { nodes: [], text: '', linkText: 0 };
  };
  const walk = (node: Node, inLink: boolean) => {
    if (isElement(node)) {
      if (ctx.consumed.has(node) || (isChrome(node) && node !== revealed)) {
        // A 视频新闻 page without running text: its video weighs as a photo does.
        if (photos && MEDIA_TAGS.has(node.tagName) && !ctx.consumed.has(node) && !isHidden(node) && mediaFile(node).video) weights.set(node, 10);
        flush();
        return;
      }
      const block = BLOCK_TAGS.has(node.tagName) || node.tagName === 'br' || node.tagName === 'img';
      if (block) flush();
      if (photos && node.tagName === 'img' && isPhoto(node)) weights.set(node, 10);
      const link = inLink || node.tagName === 'a';
      children(node).forEach((c) => walk(c, link));
      if (block) flush();
    } else if (isText(node)) {
      const length = normalizeSpace(node.value).length;
      seg.nodes.push({ node, length });
      seg.text += node.value;
      if (inLink) seg.linkText += node.value.length;
    }
  };
  walk(root, false);
  flush();
  return weights;
}

/** An image that can be a photo: it has a source, and is not declared smaller than an icon. */
function isPhoto(img: Element): boolean {
  const src = [attr(img, 'src'), attr(img, 'data-src'), attr(img, 'data-original')].find((s) => s && s.trim());
  if (!src) return false;
  const small = (name: 'width' | 'height') => {
    const n = Number.parseInt(attr(img, name) ?? '', 10);
    return Number.isFinite(n) && n < 48;
  };
  return !small('width') && !small('height');
}

const LEAF_BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'dt', 'dd', 'pre', 'figcaption', 'caption', 'address']);

/** An element that holds blocks (a `<div>` of paragraphs), not a block of text itself. */
function isContainer(el: Element): boolean {
  if (LEAF_BLOCKS.has(el.tagName)) return false;
  for (const d of descendants(el)) {
    if (d !== el && (BLOCK_TAGS.has(d.tagName) || d.tagName === 'img' || d.tagName === 'br')) return true;
  }
  return false;
}

export function findBodyContainer(ctx: Ctx, root: Element): Element | undefined {
  // Running text, then (a 图片新闻 page) photos and caption lines; in each, a hidden article
  // container with the visible text around it (a lead paragraph shown above the hidden rest),
  // except WeChat's #js_content, which holds all of the article.
  for (const photos of [false, true]) {
    const weights = contentWeights(ctx, root, photos);
    const hidden = hiddenArticle(ctx, root, weights, photos);
    if (hidden && isWechatContent(hidden.el)) return bodyByWeights(hidden.el, hidden.weights) ?? hidden.el;
    if (hidden) return bodyByWeights(root, new Map([...weights, ...hidden.weights])) ?? hidden.el;
    const found = bodyByWeights(root, weights);
    if (found) return found;
  }
  return undefined;
}

const totalWeight = (weights: Map<Node, number>) => [...weights.values()].reduce((a, b) => a + b, 0);

/**
 * The article container a page hides until its script shows it (a saved WeChat page's
 * `#js_content` with `visibility: hidden`, a template that fades the text in): an element
 * hidden by its own style and by nothing else (not furniture by name or tag, not inside a
 * hidden box), holding at least twice the running text (with `photos`, the photos and caption
 * lines) of all the visible page. Hidden boxes inside it stay hidden. Noted when used.
 */
function hiddenArticle(ctx: Ctx, root: Element, visible: Map<Node, number>, photos: boolean): { el: Element; weights: Map<Node, number> } | undefined {
  let best: { el: Element; weights: Map<Node, number>; total: number } | undefined;
  for (const el of descendants(root)) {
    if (!isHidden(el) || ctx.consumed.has(el) || isChromeTag(el) || NON_TEXT_TAGS.has(el.tagName)) continue;
    if (nameTokens(el).some((t) => CHROME_TOKENS.has(t))) continue;
    const parent = el.parentNode as Node | null;
    if (parent && isElement(parent) && inChrome(parent)) continue;
    const weights = contentWeights(ctx, el, photos, el);
    const total = totalWeight(weights);
    if (total > (best?.total ?? 0)) best = { el, weights, total };
  }
  if (!best || best.total < 2 * totalWeight(visible)) return undefined;
  const id = attr(best.el, 'id');
  const cls = attr(best.el, 'class');
  const shown = `<${best.el.tagName}${id ? ` id="${id}"` : cls ? ` class="${cls}"` : ''}>`;
  ctx.revealed = best.el;
  issue(ctx, { code: 'body-hidden', severity: 'info', path: 'body', message: `body: the article ${photos ? 'photos are' : 'text is'} in ${shown}, which the page hides (${hiddenBy(best.el)}) until its script shows it; read as the body (boxes hidden inside it stay out)` });
  return best;
}

/** The element that holds 95% of the weight, descending through containers of blocks only. */
function bodyByWeights(root: Element, weights: Map<Node, number>): Element | undefined {
  const sums = new Map<Node, number>();
  const sum = (node: Node): number => {
    let total = weights.get(node) ?? 0;
    for (const c of children(node)) total += sum(c);
    sums.set(node, total);
    return total;
  };
  const total = sum(root);
  if (total === 0) return undefined;
  let current: Element = root;
  for (;;) {
    // Descend into containers of blocks only, never into one paragraph: the images and
    // caption lines around it belong to the body too.
    const next = children(current).find((c): c is Element => isElement(c) && (sums.get(c) ?? 0) >= total * 0.95 && isContainer(c));
    if (!next) break;
    current = next;
  }
  return current;
}
