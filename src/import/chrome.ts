/**
 * Page chrome: reads whether an element is navigation, header, footer or access-key furniture
 * (set aside) or sits inside the article or main area of the page.
 */
import { type Element, type Node, attr, children, isElement, isHidden, isText, nameTokens, NON_TEXT_TAGS, squash, textContent } from './dom.js';
import { CHROME_TAGS, CHROME_TOKENS } from './vocabulary.js';

/** The ::: access-key anchors of Taiwan government templates (無障礙): <a accesskey="C">:::</a>. */
export function isAccessKeyAnchor(el: Element): boolean {
  return el.tagName === 'a' && attr(el, 'accesskey') !== undefined && /^[\s:：]*$/.test(textContent(el));
}

/** Text of form controls (a 友情链接 menu's options, a button's label): not running text. */
const CONTROL_TAGS = new Set(['select', 'option', 'textarea', 'button', 'label']);

const pageForms = new WeakMap<Element, boolean>();

function textOutsideControls(node: Node): string {
  if (isText(node)) return node.value;
  if (!isElement(node) || NON_TEXT_TAGS.has(node.tagName) || CONTROL_TAGS.has(node.tagName)) return '';
  let out = '';
  for (const child of children(node)) out += textOutsideControls(child);
  return out;
}

/**
 * A <form> that wraps the page rather than a search or login box: ASP.NET WebForms pages
 * hold everything, article included, in one <form id="form1"> for their __VIEWSTATE. A box
 * holds a small part of the page's text; a form holding most of it (besides its controls'
 * labels and options) is the page.
 */
export function isPageForm(el: Element): boolean {
  if (el.tagName !== 'form') return false;
  let known = pageForms.get(el);
  if (known === undefined) {
    let page: Element = el;
    for (let up = el.parentNode as Node | null; up && isElement(up); up = up.parentNode as Node | null) page = up;
    const own = squash(textOutsideControls(el)).length;
    known = own >= 30 && own * 2 >= squash(textOutsideControls(page)).length;
    pageForms.set(el, known);
  }
  return known;
}

/** A tag that is page furniture whatever it holds (nav, header, footer, a form's box). */
export function isChromeTag(el: Element): boolean {
  return CHROME_TAGS.has(el.tagName) && !isPageForm(el);
}

export function isChrome(el: Element): boolean {
  if ((el.tagName === 'header' || el.tagName === 'footer') && insideArticle(el)) return false;
  if (isAccessKeyAnchor(el)) return true;
  if (isChromeTag(el) || NON_TEXT_TAGS.has(el.tagName)) return true;
  if (isHidden(el)) return true;
  return nameTokens(el).some((t) => CHROME_TOKENS.has(t));
}

/** The page's footer box: 版权所有, 网站地图, ICP备案 (not the footer of an `<article>`). */
export function isFooterBox(el: Element): boolean {
  if (el.tagName === 'footer') return !insideArticle(el);
  return nameTokens(el).some((t) => t === 'foot' || t === 'footer' || t === 'copyright' || t === 'bottom');
}

/** A `<header>` or `<footer>` of an `<article>` belongs to the article, not to the page. */
function insideArticle(el: Element): boolean {
  for (let up = el.parentNode as Node | null; up && isElement(up); up = up.parentNode as Node | null) {
    if (up.tagName === 'article') return true;
  }
  return false;
}

export function inChrome(el: Element, stopAt?: Node): boolean {
  let current: Node | null = el;
  while (current && current !== stopAt) {
    if (isElement(current) && isChrome(current)) return true;
    current = (current as Element).parentNode as Node | null;
  }
  return false;
}

/**
 * Page furniture for a title: as `inChrome`, except that a "header" box of the article
 * (article-header, detail_header, or one inside <article> or <main>) does not count; the
 * site's header, logo, navigation, banner and footer still do.
 */
export function inTitleChrome(el: Element): boolean {
  for (let current: Node | null = el; current && isElement(current); current = current.parentNode as Node | null) {
    if ((current.tagName === 'header' || current.tagName === 'footer') && insideArticle(current)) continue;
    if (isChromeTag(current) || NON_TEXT_TAGS.has(current.tagName) || isHidden(current)) return true;
    const tokens = nameTokens(current);
    const articleHeader = tokens.some((t) => ARTICLE_TOKENS.has(t)) || insideArticle(current) || insideMain(current);
    if (tokens.some((t) => CHROME_TOKENS.has(t) && !(t === 'header' && articleHeader))) return true;
  }
  return false;
}

/** Class/id tokens that make a "header" box the article's own (article-header, detail_header). */
const ARTICLE_TOKENS = new Set(['article', 'detail', 'details', 'news', 'content', 'art', 'post', 'entry', 'wenzhang', 'xq', 'xiangqing']);

function insideMain(el: Element): boolean {
  for (let up = el.parentNode as Node | null; up && isElement(up); up = up.parentNode as Node | null) {
    if (up.tagName === 'main') return true;
  }
  return false;
}
