/**
 * Reads the links around the article: 上一篇 / 下一篇, and the 分页 pager of an article split
 * over several pages (including TRS `createPageHTML`).
 */
import { isSafeUrl } from '../internal/url.js';
import { bothScripts } from '../internal/traditional.js';
import { type Element, type Node, attr, children, contains, descendants, isElement, normalizeSpace, rawText, squash, textContent, textNodes } from './dom.js';
import { type Ctx, issue, resolveUrl } from './context.js';
import { NO_ARTICLE, PAGE_COUNT, PREV_LABEL, PREV_NEXT, PREV_NEXT_LEAD, PREV_NEXT_START, titleAttribute } from './vocabulary.js';
import { isChrome } from './chrome.js';
import { findLinks } from './breadcrumb.js';

// ---------------------------------------------------------------------------------------------
// 上一篇 / 下一篇

interface PrevNext {
  prev?: { title: string; href: string };
  next?: { title: string; href: string };
}

export function findPrevNext(ctx: Ctx, root: Node): PrevNext {
  const out: PrevNext = {};
  const seen = new Set<keyof PrevNext>();
  for (const textNode of textNodes(root)) {
    const value = normalizeSpace(textNode.value);
    if (!PREV_NEXT_START.test(value)) continue;
    // "上一篇：没有了　下一篇：" in one text: each label up to the next; only the last one
    // can be followed by a link, and only when no text (没有了) stands after it.
    const labels = [...value.matchAll(new RegExp(PREV_NEXT.source, 'g'))];
    for (const [n, label] of labels.entries()) {
      if (n < labels.length - 1) seen.add(PREV_LABEL.test(label[1]!) ? 'prev' : 'next');
    }
    const last = labels.at(-1)!;
    const which = PREV_LABEL.test(last[1]!) ? 'prev' : 'next';
    if (seen.has(which)) continue;
    seen.add(which);
    const textAfter = value.slice(last.index! + last[0].length).replace(/[】\]\s]/g, '');
    // The link is the text's own <a>, or the first link after the label within its line.
    let link: Element | undefined;
    let holder = textNode.parentNode as Element;
    for (let up: Node | null = holder; up && isElement(up); up = up.parentNode as Node | null) {
      if (up.tagName === 'a') {
        link = up;
        holder = up;
        break;
      }
    }
    if (!link && !textAfter) {
      let container: Element = holder;
      for (let depth = 0; depth < 3 && !link; depth++) {
        const after = [...descendants(container)].filter((a) => a.tagName === 'a' && followsInDocument(textNode, a));
        const candidate = after[0];
        if (candidate && !PREV_NEXT_LEAD.test(normalizeSpace(textContent(candidate))) && !crossesOtherLabel(container, textNode, candidate)) {
          link = candidate;
          break;
        }
        if (!container.parentNode || !isElement(container.parentNode as Node)) break;
        container = container.parentNode as Element;
        if (normalizeSpace(textContent(container)).length > 400) break;
      }
    }
    const lineEl = link && contains(holder, link) ? holder : (link?.parentNode as Element | undefined) ?? holder;
    ctx.consumed.add(lineEl);
    if (link) ctx.consumed.add(link);
    ctx.accounted.push(normalizeSpace(textContent(lineEl)));
    if (!link) continue;
    const title = titleAttribute(link) || normalizeSpace(textContent(link)).replace(PREV_NEXT_LEAD, '').trim();
    const href = resolveUrl(ctx, attr(link, 'href'), `${which}.href`, `${which === 'prev' ? '上一篇' : '下一篇'} "${title}"`);
    if (title && href && !NO_ARTICLE.test(title)) out[which] = { title, href };
  }
  return out;
}

function documentOrder(node: Node): Node[] {
  const path: Node[] = [];
  for (let n: Node | null = node; n; n = 'parentNode' in n ? (n.parentNode as Node | null) : null) path.unshift(n);
  return path;
}

function followsInDocument(a: Node, b: Node): boolean {
  const pa = documentOrder(a);
  const pb = documentOrder(b);
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  if (i === pa.length) return true; // b inside a
  if (i === pb.length) return false;
  const parent = pa[i - 1]!;
  const siblings = children(parent);
  return siblings.indexOf(pb[i]!) > siblings.indexOf(pa[i]!);
}

function crossesOtherLabel(container: Element, from: Node, to: Element): boolean {
  for (const t of textNodes(container)) {
    if (t === from) continue;
    if (PREV_NEXT.test(t.value) && followsInDocument(from, t) && followsInDocument(t, to)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// 分页: an article split over several pages

/** A pager's whole text: page numbers, 共3页 / 第1页, 首页 / 上一页 / 下一页 / 尾页, brackets. */
const PAGER_TEXT = bothScripts(/^(?:共\d+页|第\d+页|首页|上一页|下一页|前一页|后一页|尾页|末页|最后一页|\d+|[[\]【】<>«»|｜…·.:：,，])+$/);
const PAGER_MARK = bothScripts(/下一页|后一页|尾页|末页|最后一页|共\d+页/);
/** TRS WCM writes its pager from a script: createPageHTML(3, 0, "t20240118_512345", "html"). */
const TRS_PAGER = /createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*["']([^"']+)["']\s*,\s*["']([^"']+)["']\s*\)/;

/** The page shown, as a pager prints it: 第1页 (or 第1/3页). */
const CURRENT_PAGE = bothScripts(/第(\d+)(?:\/\d+)?页/);
const FIRST_PAGE = bothScripts(/^(?:首页|第一页|上一页|上页|前一页)$/);
const LAST_PAGE = bothScripts(/^(?:尾页|末页|最后一页|下一页|下页|后一页)$/);

/** Whether a pager link leads to the page shown: its number, or 首页 / 上一页 on the first page and 尾页 / 下一页 on the last. */
function linksHere(label: string, current: number, count: number): boolean {
  if (!current) return false;
  return label === String(current) || (current === 1 && FIRST_PAGE.test(label)) || (current === count && LAST_PAGE.test(label));
}

/**
 * The pager of an article split over several pages (分页): left out of the body, and a
 * warning names the other pages, which hold text this page does not.
 */
export function findPager(ctx: Ctx, root: Element): void {
  const hrefs: string[] = [];
  const texts: string[] = [];
  let count = 0;
  let found = false;
  // A link to a page: not "#" and not a script (a slide show's 1 2 3 is no pager).
  const address = (a: Element) => {
    const raw = (attr(a, 'href') ?? '').trim();
    return raw && raw !== '#' && isSafeUrl(raw) ? resolveUrl(ctx, raw, 'body', 'pager link') : undefined;
  };
  const visit = (el: Element) => {
    if (ctx.consumed.has(el)) return;
    if (el.tagName === 'script') {
      const trs = TRS_PAGER.exec(rawText(el));
      if (trs && Number(trs[1]) > 1) {
        found = true;
        count = Number(trs[1]);
        for (let i = 0; i < count; i++) if (i !== Number(trs[2])) hrefs.push(`${trs[3]}${i === 0 ? '' : `_${i}`}.${trs[4]}`);
      }
      return;
    }
    if (isChrome(el)) return;
    const text = squash(textContent(el));
    const links = findLinks(el);
    const numbered = links.filter((a) => /^\d+$/.test(squash(textContent(a))) && address(a));
    if (links.length && text.length <= 120 && PAGER_TEXT.test(text) && (PAGER_MARK.test(text) || numbered.length >= 2)) {
      found = true;
      ctx.consumed.add(el);
      texts.push(normalizeSpace(textContent(el)));
      const total = PAGE_COUNT.exec(text);
      count = total ? Number(total[1]) : Math.max(count, ...numbered.map((a) => Number(squash(textContent(a)))));
      const current = Number(CURRENT_PAGE.exec(text)?.[1] ?? 0);
      for (const a of links) {
        const href = address(a);
        if (href && !linksHere(squash(textContent(a)), current, count)) hrefs.push(href);
      }
      return;
    }
    children(el).filter(isElement).forEach(visit);
  };
  visit(root);
  if (!found) return;
  const others = [...new Set(hrefs)];
  const text = texts.join(' ');
  if (text) ctx.accounted.push(text);
  const pages = count > 1 ? `${count - 1} other page${count === 2 ? '' : 's'} (共${count}页)` : 'other pages';
  issue(ctx, {
    code: 'article-paged',
    severity: 'warning',
    path: 'body',
    message: `body: the article continues on ${pages}, which this page does not hold: import ${others.length ? `${others.length === 1 ? 'it' : 'them'} too and join the bodies: ${others.join(', ')}` : 'them too (the pager gives no addresses) and join the bodies'}`,
    ...(text ? { text } : {}),
  });
}
