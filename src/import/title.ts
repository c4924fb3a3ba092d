/**
 * Reads the title, kicker (引题) and subtitle (副题): a title element, the printed headline
 * above the byline, or the <title> of the head without its site suffix.
 */
import { bothScripts } from '../internal/traditional.js';
import { parseCourtDate } from './date.js';
import { type Element, type Node, attr, children, contains, descendants, insideLink, isElement, isText, nameTokens, NON_TEXT_TAGS, normalizeSpace, rawText, squash, textContent } from './dom.js';
import { type Ctx, issue, metaContent } from './context.js';
import { BLOCK_TAGS, BREADCRUMB_LABEL, KICKER_TOKENS, labelHits, SUBTITLE_TOKENS, TITLE_TOKENS } from './vocabulary.js';
import { inTitleChrome, isChrome } from './chrome.js';
import { findLinks } from './breadcrumb.js';

function hasToken(el: Element, set: Set<string>): boolean {
  return nameTokens(el).some((t) => set.has(t));
}

export function textWithout(el: Element, skip: Set<Element>): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (isElement(node)) {
      if (skip.has(node) || NON_TEXT_TAGS.has(node.tagName)) return;
      if (node.tagName === 'br') parts.push(' ');
      children(node).forEach(walk);
    } else if (isText(node)) parts.push(node.value);
  };
  walk(el);
  return normalizeSpace(parts.join(''));
}

/** The text of `<title>` (not reachable through `textContent`, which skips head elements). */
export function headTitleText(doc: Node): string {
  const title = [...descendants(doc)].find((el) => el.tagName === 'title');
  return title ? rawText(title) : '';
}

/** A last part of a `<title>` after a dash that names a site: "标题-某某人民法院". */
const SITE_SUFFIX = bothScripts(/^(.{4,}?)\s*[-–—]\s*[^-–—]{2,40}(?:网|法院|法庭|网站|门户|政务网|首页)$/);

/** Separators between the title and the column or site name in a `<title>`. */
const TITLE_SEPARATOR = /^[_|｜\-–—:：·•]/;

/**
 * `<title>` without its column and site names: "标题_法院新闻_某某法院网" → "标题",
 * "标题 - 某某法院" → "标题", "标题-某某人民法院" → "标题". A title that itself holds a dash
 * ("会议召开——聚焦执行") keeps it: only a last part that names a site is cut.
 */
export function stripSiteSuffix(head: string): string {
  let title = normalizeSpace(head);
  const parts = title.split(/\s*(?:_|\||｜|\s[-–—]\s)\s*/).filter(Boolean);
  if (parts.length > 1) title = parts[0]!;
  const site = SITE_SUFFIX.exec(title);
  if (site) title = site[1]!.replace(/[\s\-–—]+$/, '');
  return title.trim();
}

/**
 * The body element that prints the page title (its text is `<title>` up to a separator),
 * the innermost when several wrap the same text. Links and page furniture are skipped.
 */
function printedTitle(ctx: Ctx, body: Element, head: string): Element | undefined {
  const full = squash(head);
  if (full.length < 4) return undefined;
  let best: { el: Element; length: number } | undefined;
  for (const el of descendants(body)) {
    if (el.tagName === 'a' || el.tagName === 'img' || ctx.consumed.has(el) || inTitleChrome(el) || insideLink(el)) continue;
    if ([...ctx.consumed].some((c) => contains(c, el))) continue;
    const text = squash(textContent(el));
    if (text.length < 4 || text.length > 300 || !(full.startsWith(text) || full.endsWith(text))) continue;
    // A list item or cell that only holds a link to the article (an e-paper's 本版标题 list, a
    // 相关新闻 box) names it; it does not print it.
    if (linkOnly(el, text)) continue;
    // The title first (标题_栏目_站名), or last after the site and column names (司法院-新聞稿-標題).
    const rest = full.startsWith(text) ? full.slice(text.length) : '';
    const before = full.endsWith(text) ? full.slice(0, -text.length) : '';
    if (rest && !TITLE_SEPARATOR.test(rest)) continue;
    if (!full.startsWith(text) && !TITLE_SEPARATOR.test(before.slice(-1))) continue;
    // The longest match; for the same text, the innermost element.
    if (!best || text.length > best.length || (text.length === best.length && contains(best.el, el))) best = { el, length: text.length };
  }
  return best && best.length >= Math.min(full.length, 6) ? best.el : undefined;
}

function linkOnly(el: Element, text: string): boolean {
  const links = [...descendants(el)].filter((d) => d.tagName === 'a');
  return links.length > 0 && links.map((a) => squash(textContent(a))).join('') === text;
}

/** A `<title>` that names the site, not an article: 石门县人民法院, 某某法院网. */
const SITE_NAME = bothScripts(/^\S{2,24}(?:法院|法庭|网|网站|门户|首页|欢迎您)$/);

/** Type declared large: `<font size="5">`, `size="+2"`, `font-size: 20px / 16pt / 1.5em`. */
function isLargeType(el: Element): boolean {
  const size = el.tagName === 'font' ? attr(el, 'size')?.trim() : undefined;
  if (size && (/^\+[1-9]/.test(size) || Number(size) >= 4)) return true;
  const css = /font-size\s*:\s*(\d+(?:\.\d+)?)\s*(px|pt|em|rem)/i.exec(attr(el, 'style') ?? '');
  if (!css) return false;
  const n = Number(css[1]);
  const unit = css[2]!.toLowerCase();
  return unit === 'px' ? n >= 18 : unit === 'pt' ? n >= 14 : n >= 1.3;
}

export function isBoldType(el: Element): boolean {
  return el.tagName === 'b' || el.tagName === 'strong' || /font-weight\s*:\s*(?:bold|[6-9]00)/i.test(attr(el, 'style') ?? '');
}

/**
 * The last line in large or bold type, alone on its line and without links, before the first
 * text that holds a date or a byline label; `undefined` when no such text follows it.
 */
function headlineAboveByline(ctx: Ctx, body: Element): Element | undefined {
  let candidate: Element | undefined;
  let reached = false;
  const walk = (node: Node) => {
    if (reached) return;
    if (isText(node)) {
      const text = normalizeSpace(node.value);
      if (text && (parseCourtDate(text) || labelHits(text).length)) reached = true;
      return;
    }
    if (!isElement(node) || ctx.consumed.has(node) || isChrome(node)) return;
    if ((isLargeType(node) || isBoldType(node)) && isHeadline(node)) {
      candidate = node;
      return;
    }
    children(node).forEach(walk);
  };
  walk(body);
  return reached ? candidate : undefined;
}

/** Text of headline length, no sentence end, no links, and the whole of its line. */
function isHeadline(el: Element): boolean {
  const text = squash(textContent(el));
  if (text.length < 6 || text.length > 80 || /[。；;，,！!？?]$/.test(text) || findLinks(el).length || insideLink(el)) return false;
  let line = el.parentNode as Node | null;
  while (line && isElement(line) && !BLOCK_TAGS.has(line.tagName)) line = line.parentNode as Node | null;
  return !line || squash(textContent(line)) === text;
}

interface Titles {
  title?: string;
  subtitle?: string;
  kicker?: string;
  titleEl?: Element;
}

export function findTitles(ctx: Ctx, doc: Node, body: Element): Titles {
  const out: Titles = {};
  const pick = (set: Set<string>, exclude?: Set<Element>): Element | undefined => {
    for (const el of descendants(body)) {
      if (exclude?.has(el) || el.tagName === 'a' || el.tagName === 'img') continue;
      if (!hasToken(el, set) || inTitleChrome(el)) continue;
      const text = normalizeSpace(textContent(el));
      // A "sub" line that holds the date or labels is the byline, not a 副题.
      if (parseCourtDate(text) || labelHits(text).length) continue;
      if (text.length >= 2 && text.length <= 300) return el;
    }
    return undefined;
  };
  const kickerEl = pick(KICKER_TOKENS);
  const subtitleEl = pick(SUBTITLE_TOKENS, kickerEl ? new Set([kickerEl]) : undefined);
  const skip = new Set([kickerEl, subtitleEl].filter((e): e is Element => !!e));
  // Candidates: title-like class names and <h1>. Side boxes of court templates also use
  // "title" classes (栏目 names such as 法院动态), so the candidate that agrees with the page's
  // <title> or ArticleTitle wins; otherwise the first <h1>, then the first candidate.
  const candidates: Array<{ el: Element; text: string }> = [];
  for (const el of descendants(body)) {
    if (skip.has(el) || el.tagName === 'a' || inTitleChrome(el)) continue;
    if (!(hasToken(el, TITLE_TOKENS) || el.tagName === 'h1')) continue;
    const text = textWithout(el, skip);
    if (text.length < 4 || text.length > 300 || BREADCRUMB_LABEL.test(text)) continue;
    // A title-named box that holds another candidate is a wrapper (Hanweb's <table class="bt_table">
    // around the title cell, the byline and the body): the inner one is the title.
    const outer = candidates.findIndex((c) => contains(c.el, el));
    if (outer >= 0) candidates[outer] = { el, text };
    else candidates.push({ el, text });
  }
  const headTitle = squash(metaContent(doc, 'ArticleTitle') ?? headTitleText(doc));
  // <title> often carries the column name too (标题_法院动态_站名): the longest match wins.
  const agrees = candidates
    .filter((c) => squash(c.text).length >= 4 && headTitle.includes(squash(c.text)))
    // The one <title> starts with (not the site name at its end), then the longest.
    .sort((a, b) => Number(headTitle.startsWith(squash(b.text))) - Number(headTitle.startsWith(squash(a.text))) || b.text.length - a.text.length)[0];
  const titleEl = (agrees ?? candidates.find((c) => c.el.tagName === 'h1') ?? candidates[0])?.el;
  // A subtitle or kicker element found far from the title (e.g. a sidebar box) is ignored.
  const near = (el: Element | undefined) => el && titleEl && (contains(titleEl, el) || contains(titleEl.parentNode as Node, el));
  const kicker = near(kickerEl) ? kickerEl : undefined;
  const subtitle = near(subtitleEl) ? subtitleEl : undefined;
  const finalSkip = new Set([kicker, subtitle].filter((e): e is Element => !!e));
  if (titleEl) {
    out.title = textWithout(titleEl, finalSkip);
    out.titleEl = titleEl;
    ctx.consumed.add(titleEl);
    ctx.accounted.push(out.title);
  } else {
    const meta = metaContent(doc, 'ArticleTitle') ?? metaContent(doc, 'og:title');
    const head = normalizeSpace(headTitleText(doc));
    // The page prints the title in an element without a title-like name (a <font><b> in a
    // table cell): the element whose text is what <title> holds before its site suffix.
    const printed = printedTitle(ctx, body, meta ?? head);
    if (printed) {
      out.title = normalizeSpace(textContent(printed));
      out.titleEl = printed;
      ctx.consumed.add(printed);
      ctx.accounted.push(out.title);
      issue(ctx, { code: 'title-from-head', severity: 'info', path: 'title', message: `title: read from the <${printed.tagName}> that repeats the ${meta ? 'ArticleTitle meta tag' : '<title>'} ("${out.title}")` });
    } else {
      // A hand-made page whose <title> is only the site name: the headline is the big or
      // bold line of its own above the byline.
      const headline = !meta && (!head || SITE_NAME.test(stripSiteSuffix(head))) ? headlineAboveByline(ctx, body) : undefined;
      const title = meta ?? stripSiteSuffix(head);
      if (headline) {
        out.title = normalizeSpace(textContent(headline));
        out.titleEl = headline;
        ctx.consumed.add(headline);
        ctx.accounted.push(out.title);
        issue(ctx, { code: 'title-inferred', severity: 'info', path: 'title', message: `title: read from the ${head ? `line in large or bold type above the byline; the <title> "${head}" names the site` : 'line in large or bold type above the byline; the page has no <title>'}`, text: out.title });
      } else if (title) {
        out.title = title;
        issue(ctx, { code: 'title-from-head', severity: 'info', path: 'title', message: `title: no title element in the page; taken from the ${meta ? 'ArticleTitle meta tag' : '<title>'}` });
      }
    }
  }
  if (kicker) {
    out.kicker = normalizeSpace(textContent(kicker));
    ctx.consumed.add(kicker);
    ctx.accounted.push(out.kicker);
  }
  if (subtitle) {
    out.subtitle = normalizeSpace(textContent(subtitle));
    ctx.consumed.add(subtitle);
    ctx.accounted.push(out.subtitle);
  }
  return out;
}
