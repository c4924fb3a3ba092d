/**
 * Reads an old court article page (a parsed HTML document) into the court news contract.
 *
 * The page is parsed by parse5; everything here walks that tree. Templates differ from court
 * to court, so fields are found by what court pages print rather than by one template's class
 * names: the 当前位置 trail, a title element, the 作者 / 来源 / 发布时间 / 责任编辑 labels,
 * 上一篇 / 下一篇, and the body: the smallest element that holds nearly all of the page's
 * running text once navigation, header and footer are set aside.
 *
 * Every decision that loses or moves page text is recorded as an issue, and a final pass
 * checks that each text run of the body ended up in the article or in the issue list.
 *
 * This file holds the entry, `extractArticle`; the parts it calls live beside it:
 * context.ts (the issue list and reading context), vocabulary.ts (what court pages print),
 * chrome.ts (navigation, header and footer), breadcrumb.ts, title.ts, byline.ts, pager.ts
 * (上一篇 / 下一篇 and 分页), body.ts (finding the body), media.ts (videos and old players),
 * walk.ts and blocks.ts (walking the body into blocks), lang.ts (language and direction)
 * and coverage.ts; wechat.ts knows WeChat pages, date.ts court dates.
 */
import { parse } from 'parse5';
import type { Article, Block } from '../model/types.js';
import { addressDate, parseCourtDate } from './date.js';
import { holdsWechatMarkup, isWechatPage, wechatByline, wechatFurniture, wechatImageHost, wechatScriptDate } from './wechat.js';
import { type Element, type Node, attr, children, descendants, isElement, nestingDepth, NON_TEXT_TAGS, normalizeSpace, squash, textContent } from './dom.js';
import { type Ctx, type ImportIssue, issue, metaContent } from './context.js';
import { ATTACHMENT_HREF, BLOCK_TAGS } from './vocabulary.js';
import { inChrome, isChrome } from './chrome.js';
import { findBreadcrumb } from './breadcrumb.js';
import { findTitles, headTitleText } from './title.js';
import { type BylineFields, containsConsumed, dateNearTitle, findBylines, readByline, spacedText, takeByline } from './byline.js';
import { findPager, findPrevNext } from './pager.js';
import { findBodyContainer } from './body.js';
import { BodyWriter } from './blocks.js';
import { articleLang, runsRightToLeft } from './lang.js';
import { walkBody } from './walk.js';
import { checkCoverage, htmlText } from './coverage.js';

export type { ImportIssue } from './context.js';
export { stripSiteSuffix } from './title.js';

export interface ExtractOptions {
  /** Identifier written to `id` (usually the file name without extension). */
  id?: string;
  /** Absolute URL that relative links and image sources are resolved against. */
  baseUrl?: string;
}

export interface Extracted {
  /** The article, when a title and a date were found. Validate it with `parseArticle`. */
  article?: Article;
  issues: ImportIssue[];
}

/** Deepest container nesting a page may have at all (see `nestingDepth`). */
const MAX_PARSE_DEPTH = 4000;

/** Deepest element nesting walked as it is; real court pages stay far below it. */
const MAX_DEPTH = 256;

/**
 * Flattens the tree below `max` levels, without recursion: each element at that depth keeps
 * its text, images and line breaks in document order (a block element becomes a line break;
 * scripts and styles go), so no walk over the page can overflow the call stack on hostile
 * input such as 100,000 nested <div>s. Returns how many elements were flattened.
 */
function limitDepth(root: Node, max: number): number {
  let flattened = 0;
  const stack: Array<{ node: Node; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (depth >= max && isElement(node)) {
      if (flattenElement(node)) flattened++;
      continue;
    }
    for (const child of children(node)) stack.push({ node: child, depth: depth + 1 });
  }
  return flattened;
}

function lineBreak(parent: Element): Element {
  return { nodeName: 'br', tagName: 'br', attrs: [], namespaceURI: parent.namespaceURI, childNodes: [], parentNode: parent } as unknown as Element;
}

function flattenElement(el: Element): boolean {
  const out: Node[] = [];
  let changed = false;
  // Work list in reverse document order; `null` marks the end of a block element.
  const work: Array<Node | null> = [...children(el)].reverse();
  const made = new Set<Node>();
  // One line break for a run of block boundaries (10,000 nested <div>s are one line break).
  const pushBreak = () => {
    const last = out.at(-1);
    if (last && made.has(last)) return;
    const br = lineBreak(el);
    made.add(br);
    out.push(br);
  };
  while (work.length) {
    const node = work.pop()!;
    if (node === null) {
      pushBreak();
      continue;
    }
    if (!isElement(node)) {
      out.push(node);
      continue;
    }
    if (node.tagName === 'img' || node.tagName === 'br') {
      out.push(node);
      continue;
    }
    changed = true;
    if (NON_TEXT_TAGS.has(node.tagName)) continue;
    const block = BLOCK_TAGS.has(node.tagName);
    if (block) {
      pushBreak();
      work.push(null);
    }
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) work.push(kids[i]!);
  }
  if (!changed) return false;
  for (const node of out) (node as { parentNode: Node | null }).parentNode = el;
  el.childNodes = out as Element['childNodes'];
  return true;
}

/**
 * The last paragraph of `blocks` that is only a date, with the paragraph after it when that
 * gives its time of day (2024年2月28日（星期三） / 香港時間15時00分).
 */
function dateLine(blocks: Block[]): string | undefined {
  const texts = blocks.map((b) => (b.type === 'paragraph' ? normalizeSpace(b.text ?? htmlText(b.html ?? '')) : ''));
  const onlyDate = (text: string) => {
    const parsed = text.length <= 40 ? parseCourtDate(text) : undefined;
    return !!parsed && squash(parsed.matched) === squash(text).replace(/[。.]$/, '');
  };
  for (let i = texts.length - 1; i >= 0; i--) {
    const withTime = texts[i + 1] ? `${texts[i]} ${texts[i + 1]}` : '';
    if (withTime && onlyDate(withTime)) return withTime;
    if (onlyDate(texts[i]!)) return texts[i];
  }
  return undefined;
}

/** Whether `precise` gives the time of day of the day `day` names without one. */
function sameDayWithTime(day: string, precise: string | undefined): boolean {
  const a = parseCourtDate(day);
  const b = precise ? parseCourtDate(precise) : undefined;
  return !!a && !!b && a.timeMissing && !b.timeMissing && a.iso.slice(0, 10) === b.iso.slice(0, 10);
}

/** Leaves WeChat's furniture (follow banners, QR codes, 往期推荐 lists…) out of the body, one note each. */
function dropWechatFurniture(ctx: Ctx, container: Element): void {
  for (const piece of wechatFurniture(container, (el) => ctx.consumed.has(el), (el) => isChrome(el) && el !== ctx.revealed)) {
    for (const el of piece.elements) ctx.consumed.add(el);
    if (piece.text) ctx.accounted.push(piece.text);
    const quoted = piece.text ? ` "${piece.text.length > 80 ? `${piece.text.slice(0, 80)}…` : piece.text}"` : '';
    issue(ctx, { code: 'chrome-dropped', severity: 'info', path: 'body', message: `body: WeChat's ${piece.what}${quoted} is not article text; dropped`, ...(piece.text ? { text: piece.text } : {}) });
  }
}

/**
 * One warning for the photos on WeChat's image servers (mmbiz.qpic.cn), which refuse them to
 * pages of other sites (they check the Referer header): the court must copy them.
 */
function hotlinkWarning(ctx: Ctx, blocks: Block[]): void {
  const hosts = new Set<string>();
  let count = 0;
  const see = (src: string | undefined) => {
    const host = src ? wechatImageHost(src) : undefined;
    if (!host) return;
    hosts.add(host);
    count++;
  };
  for (const block of blocks) {
    if (block.type === 'image') see(block.src);
    else if (block.type === 'video') see(block.poster);
    else if (block.type === 'html') for (const m of block.html.matchAll(/\ssrc="([^"]*)"/g)) see(m[1]!.replace(/&amp;/g, '&'));
  }
  if (!count) return;
  const names = [...hosts].join(', ');
  issue(ctx, {
    code: 'image-hotlinked',
    severity: 'warning',
    path: 'body',
    message: `body: ${count} photo${count === 1 ? ' is' : 's are'} on ${names}, WeChat's image server${hosts.size === 1 ? '' : 's'}, which refuses ${count === 1 ? 'it' : 'them'} to pages of other sites (it checks the Referer header): copy ${count === 1 ? 'the photo' : 'the photos'} to the court's own server and change ${count === 1 ? 'its' : 'their'} src in the JSON`,
  });
}

/** The note on what a saved WeChat page's author line and account name became. */
function wechatBylineNote(ctx: Ctx, line: { author?: string; account?: string; text: string }, author: string | undefined, source: string | undefined): void {
  const read: string[] = [];
  if (line.author && author === line.author) read.push(`author from WeChat's author line "${line.author}"`);
  if (line.account && source === line.account) read.push(`source from the account name (公众号) "${line.account}"`);
  else if (line.account) read.push(`the account name (公众号) "${line.account}" is not used as source: the article names its 来源 "${source}"`);
  if (read.length) issue(ctx, { code: 'byline-read', severity: 'info', path: 'author, source', message: `byline: ${read.join('; ')}`, text: line.text });
}

/**
 * JSP and ASP code a server sent out unrun (a template published as it was written): comments
 * `<%-- … --%>`, directives `<%@ page … %>`, expressions `<%= … %>` and scriptlets. Browsers
 * print them as text; they are template, not page text. A `<%` that is not closed soon after
 * is left alone.
 */
const SERVER_CODE = /<%--[\s\S]*?--%>|<%(?:[^%]|%(?!>)){0,2000}%>/g;

/** Extracts an article from the text of an HTML page. */
export function extractArticle(page: string, options: ExtractOptions = {}): Extracted {
  const ctx: Ctx = { issues: [], consumed: new Set(), accounted: [], ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) };
  let serverCode = 0;
  const html = page.replace(SERVER_CODE, () => (serverCode++, ''));
  if (serverCode) {
    issue(ctx, { code: 'chrome-dropped', severity: 'info', path: 'body', message: `body: ${serverCode} piece${serverCode === 1 ? '' : 's'} of JSP or ASP template code (<%-- … --%>, <%@ … %>, <%= … %>) the server sent unrun ${serverCode === 1 ? 'is' : 'are'} not page text; dropped` });
  }
  const depth = nestingDepth(html);
  if (depth > MAX_PARSE_DEPTH) {
    return { issues: [{ code: 'page-too-deep', severity: 'error', message: `the page nests container elements ${depth} deep (more than ${MAX_PARSE_DEPTH}); not a readable article page, not imported` }] };
  }
  const doc = parse(html);
  const flattened = limitDepth(doc, MAX_DEPTH);
  if (flattened) {
    ctx.issues.push({
      code: 'nesting-flattened',
      severity: 'warning',
      path: 'body',
      message: `body: the page nests elements more than ${MAX_DEPTH} deep; the content of ${flattened} element${flattened === 1 ? '' : 's'} at that depth is read as plain lines of text`,
    });
  }
  const htmlEl = children(doc).find((n): n is Element => isElement(n) && n.tagName === 'html');
  const body = htmlEl ? children(htmlEl).find((n): n is Element => isElement(n) && n.tagName === 'body') : undefined;
  if (!body) return { issues: [{ code: 'body-empty', severity: 'error', message: 'the page has no <body>' }] };

  const breadcrumb = findBreadcrumb(ctx, body);
  const titles = findTitles(ctx, doc, body);
  const prevNext = findPrevNext(ctx, body);
  const bylines = findBylines(ctx, body);
  const byline: BylineFields = {};
  for (const { el, byline: b } of bylines) {
    ctx.consumed.add(el);
    takeByline(ctx, byline, b, normalizeSpace(spacedText(el)));
  }

  // No labelled date: the first date near the title, on a short line of its own
  // (<span>2024-02-28</span><span>某某法院政治部</span>), which is then not body text.
  const nearDate = bylines.some((b) => b.byline.date) ? undefined : dateNearTitle(ctx, titles.titleEl);
  // That line may hold labels the byline search did not accept: none of them is lost.
  const nearByline = nearDate?.consumed ? readByline(nearDate.text) : undefined;
  if (nearDate && nearByline && [nearByline.author, nearByline.source, nearByline.editor, ...nearByline.dropped].some(Boolean)) {
    const { date: _date, ...fields } = nearByline;
    // Its unlabelled text is no page control here: quoted in the warning, not dropped unseen.
    takeByline(ctx, byline, { ...fields, dropped: [...fields.dropped, fields.rest].filter(Boolean), rest: '' }, nearDate.text);
  }
  findPager(ctx, body);
  // A saved WeChat page: its author line and account name (#meta_content) are a byline.
  const wechat = isWechatPage(doc);
  const wechatLine = wechat ? wechatByline(doc) : undefined;
  if (wechatLine?.el && !ctx.consumed.has(wechatLine.el) && !containsConsumed(ctx, wechatLine.el)) {
    ctx.consumed.add(wechatLine.el);
    ctx.accounted.push(normalizeSpace(textContent(wechatLine.el)));
  }
  const container = findBodyContainer(ctx, body);
  const lang = articleLang(ctx, htmlEl ? attr(htmlEl, 'lang') : undefined, container);
  const writer = new BodyWriter(ctx, container ? runsRightToLeft(container, lang) : false, titles.title);
  // Attachments anywhere in the article area, not only in the body.
  for (const a of descendants(body)) {
    if (a.tagName === 'a' && !inChrome(a) && (ATTACHMENT_HREF.test(attr(a, 'href') ?? '') || ATTACHMENT_HREF.test(normalizeSpace(textContent(a))))) writer.attachment(a);
  }
  if (container && (wechat || holdsWechatMarkup(container))) dropWechatFurniture(ctx, container);
  if (container) walkBody(ctx, writer, container);
  hotlinkWarning(ctx, writer.blocks);
  if (!writer.blocks.length) {
    issue(ctx, { code: 'body-empty', severity: 'warning', path: 'body', message: 'body: no article text or photos were found in the page; the article has an empty body' });
  }

  // Date: byline label, then meta tags, then the first date near the title.
  let dateText = byline.date;
  // A <time datetime> in the byline carries the offset the text leaves out.
  for (const { el, byline: b } of bylines) {
    if (!b.date) continue;
    const time = [...descendants(el)].find((t) => t.tagName === 'time' && parseCourtDate(attr(t, 'datetime') ?? '')?.offsetAssumed === false);
    if (time) dateText = attr(time, 'datetime');
    break;
  }
  const metaDate = metaContent(doc, 'PubDate') ?? metaContent(doc, 'article:published_time') ?? metaContent(doc, 'publishdate') ?? metaContent(doc, 'pubdate');
  // A byline that prints the day only (发布时间：2024-03-01) under a meta tag with the time of
  // that same day: the meta tag is the more precise.
  if (!dateText || sameDayWithTime(dateText, metaDate)) dateText = metaDate;
  // A saved WeChat page: the time its script puts into the empty 发布时间, unless the page
  // shows a date (or shows the same day without the time).
  const scriptDate = wechat ? wechatScriptDate(doc) : undefined;
  const shownDate = dateText ?? (nearDate?.consumed ? nearDate.date : undefined);
  const fromScript = scriptDate && (!shownDate || sameDayWithTime(shownDate, scriptDate.text)) ? scriptDate : undefined;
  if (fromScript) {
    dateText = fromScript.text;
    issue(ctx, { code: 'byline-read', severity: 'info', path: 'publishedAt', message: `byline: publishedAt read from the page's script (${fromScript.statement}), the time WeChat's script shows as 发布时间 when the page runs` });
  }
  // No labelled date and none on a line of its own near the title: a line of the body that is
  // only a date (a 落款, the date under a Hong Kong press release) comes before a date that a
  // sentence names (本院訂於113年3月15日舉辦…, an event). The line stays in the body.
  const bodyDate = !dateText && !nearDate?.consumed ? dateLine(writer.blocks) : undefined;
  if (bodyDate) {
    issue(ctx, { code: 'byline-read', severity: 'info', path: 'publishedAt', message: `byline: publishedAt read from "${bodyDate}", a line of the body that is only a date (a 落款, or the date under a press release); the line stays in the body`, text: bodyDate });
    dateText = bodyDate;
  } else if (nearDate) {
    const quoted = nearDate.text.length > 80 ? `${nearDate.text.slice(0, 80)}…` : nearDate.text;
    issue(ctx, dateText
      ? { code: 'byline-read', severity: 'info', path: 'publishedAt', message: `byline: the unlabelled line "${quoted}" near the title is read as a byline; the date is taken from the page's ${fromScript ? 'script' : 'meta tags'}`, text: nearDate.text }
      : { code: 'byline-read', severity: 'info', path: 'publishedAt', message: `byline: publishedAt read from the unlabelled line "${quoted}" near the title`, text: nearDate.text });
    dateText ??= nearDate.date;
  }
  const canonical = [...descendants(doc)].find((el) => el.tagName === 'link' && (attr(el, 'rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'));
  const urlRaw = (canonical && attr(canonical, 'href')) || metaContent(doc, 'og:url') || metaContent(doc, 'Url');
  const url = urlRaw && /^https?:\/\//i.test(urlRaw.trim()) ? urlRaw.trim() : undefined;
  // Nothing on the page itself: the day its <title> or its address names (a 开庭公告 titled
  // 2024年1月10日…, TRS's t20240228_123.html), with a warning to check it.
  if (!dateText) {
    const head = headTitleText(doc);
    const inTitle = parseCourtDate(head);
    const address = [urlRaw, options.id].find((a) => a && addressDate(a));
    const inferred = inTitle
      ? { text: inTitle.matched, where: `the page's <title> "${normalizeSpace(head)}"` }
      : address ? { text: addressDate(address)!.iso.slice(0, 10), where: `the page's address "${address}"` } : undefined;
    if (inferred) {
      issue(ctx, { code: 'date-inferred', severity: 'warning', path: 'publishedAt', message: `publishedAt: the page prints no 发布时间; the day ${inferred.where} names is used: check it`, text: inferred.text });
      dateText = inferred.text;
    }
  }
  const date = dateText ? parseCourtDate(dateText) : undefined;
  if (!date) {
    issue(ctx, dateText
      ? { code: 'date-invalid', severity: 'error', path: 'publishedAt', message: `publishedAt: "${dateText}" is not a date`, text: dateText }
      : { code: 'date-missing', severity: 'error', path: 'publishedAt', message: 'publishedAt: no 发布时间 (publication date) was found on the page' });
  } else {
    if (date.offsetAssumed) issue(ctx, { code: 'offset-assumed', severity: 'info', path: 'publishedAt', message: `publishedAt: the page gives no UTC offset; China Standard Time (+08:00) assumed for "${date.matched}"` });
    if (date.timeMissing) issue(ctx, { code: 'time-missing', severity: 'info', path: 'publishedAt', message: `publishedAt: the page gives no time of day; 00:00:00 used` });
  }
  if (!titles.title) {
    issue(ctx, { code: 'title-missing', severity: 'error', path: 'title', message: 'title: no title was found on the page' });
  }


  const source = byline.source ?? writer.fields.source ?? wechatLine?.account ?? metaContent(doc, 'ContentSource');
  const author = byline.author ?? writer.fields.author ?? wechatLine?.author;
  if (wechatLine) wechatBylineNote(ctx, wechatLine, author, source);
  const editor = byline.editor ?? writer.fields.editor;

  const draft: Article = {
    version: 1,
    ...(options.id ? { id: options.id } : {}),
    lang,
    ...(url ? { url } : {}),
    ...(breadcrumb ? { breadcrumb } : {}),
    ...(titles.kicker ? { kicker: titles.kicker } : {}),
    title: titles.title ?? '',
    ...(titles.subtitle ? { subtitle: titles.subtitle } : {}),
    ...(author ? { author } : {}),
    ...(source ? { source } : {}),
    publishedAt: date?.iso ?? '',
    ...(editor ? { editor } : {}),
    body: writer.blocks,
    ...(writer.attachments.length ? { attachments: writer.attachments } : {}),
    ...(prevNext.prev ? { prev: prevNext.prev } : {}),
    ...(prevNext.next ? { next: prevNext.next } : {}),
  };
  if (container) checkCoverage(ctx, container, draft);
  const fatal = ctx.issues.some((i) => i.severity === 'error');
  return fatal ? { issues: ctx.issues } : { article: draft, issues: ctx.issues };
}
