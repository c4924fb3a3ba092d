/**
 * Server-side rendering of an article page with Lit SSR.
 *
 * `<court-article>` (and `<court-footer>`) are rendered by the same element code that runs in
 * the browser, with declarative shadow DOM (`<template shadowrootmode="open">`): the article
 * shows, styled, before any script runs and with JavaScript off. When the bundle loads, the
 * elements hydrate the server's DOM instead of rendering again (the bundle includes Lit's
 * hydration support). Each element also gets:
 *
 * - its data as an inline `<script type="application/json">` child, which the element reads in
 *   the browser, so hydration renders exactly what the server rendered;
 * - the article as plain semantic HTML in its light DOM, for browsers without declarative
 *   shadow DOM or custom elements (and for crawlers that ignore `<template>`): the element
 *   shows its light DOM only until it has rendered, so nobody sees it twice.
 *
 * Data is escaped everywhere; `html` fields go through the package's one sanitizer.
 */
import { render } from '@lit-labs/ssr';
import { collectResultSync } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { createHash } from 'node:crypto';
import { JSDOM } from 'jsdom';
import { parseFragment } from 'parse5';
import type { Article, Block, ParagraphBlock, Problem, Site } from '../model/types.js';
import { nestingDepth } from '../import/dom.js';
import { formatLocalDateTime, parseOffsetDateTime } from '../model/date.js';
import { sanitizeFragment, sanitizeInline, useSanitizerWindow } from '../internal/sanitize.js';
import { safeUrl } from '../internal/url.js';
import { textDirection } from '../internal/direction.js';
import { bothScripts } from '../internal/traditional.js';
import { withoutCaptionMarker } from '../internal/caption.js';
import { formatBytes } from '../internal/format.js';
import { msg } from '@lit/localize';
import { builtInLocales, currentLocale, getCourtLocale, loadLocale, normalizeLocale, withLocale } from '../internal/localize.js';
import '../define/court-article.js';
import '../define/court-footer.js';
import '../define/print-controls.js';
import { FONT_SIZES, STORAGE_CARE, STORAGE_FONT_SIZE } from '../elements/print-controls/print-controls.js';
import { STORAGE_PREFIX } from '../internal/storage.js';

export interface RenderPageOptions {
  /** Site (footer) data: adds `<court-footer>` and the SiteName meta tag. */
  site?: Site;
  /** 网站标识码 for the SiteIDCode meta tag. */
  siteIdCode?: string;
  /** Only the elements (no `<html>`, `<head>`): for pasting into a CMS template. */
  fragment?: boolean;
  /**
   * URL of `court-widgets.min.js`, so the elements hydrate: the page loads it after its first
   * paint, through `court-widgets.after-paint.js` from the same folder (see `bundleScript`).
   */
  bundle?: string;
  /**
   * Language of the interface text (打印, 作者:…): a language tag, read like `<html lang>` in
   * the browser (`en-GB` → `en`). By default the article's `lang`, which is also a whole
   * page's `<html lang>`; give the page's language for a fragment that goes into a page of
   * another language. In the browser, each element hydrates in the locale it was rendered in
   * (the `ssr-locale` attribute written on it) and then, when the page's language differs,
   * switches to that language, which may change the height of the labels' lines.
   */
  locale?: string;
}

/**
 * The module script tag that makes a pre-rendered page hydrate. For the bundle under its own
 * name, `court-widgets.min.js`, it is `court-widgets.after-paint.js` from the same folder and
 * with the same query string, which imports the bundle only after the page's first paint, so
 * that fetching and running it never delays the article. A bundle under another name is
 * loaded by its own tag, right after the page is parsed.
 */
export function bundleScript(url: string): string {
  const own = /^([^?#]*\/)?court-widgets\.min\.js(\?[^#]*)?$/.exec(url);
  const src = own ? `${own[1] ?? ''}court-widgets.after-paint.js${own[2] ?? ''}` : url;
  return `<script type="module" src="${escapeHtml(src)}"></script>`;
}

// Translations load on first use in the browser; a server renders synchronously, so every
// built-in one is loaded before the first page.
await Promise.all(builtInLocales.map((code) => loadLocale(code)));

let sanitizerReady = false;

/** Gives the sanitizer a DOM under Node (once per process). */
export function prepareServerRendering(): void {
  if (sanitizerReady) return;
  const { window } = new JSDOM('');
  useSanitizerWindow(window as unknown as Parameters<typeof useSanitizerWindow>[0]);
  sanitizerReady = true;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * JSON for a `<script>` element: `<`, `>` and `&` are written as `\u003c` etc., so that no
 * `</script>` or `<!--` in the data can end the element; U+2028/2029 escaped for old parsers.
 * `space` indents it for people to read, as `JSON.stringify` does.
 */
export function scriptJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Text of a sanitized HTML string, for meta descriptions. */
function htmlToText(markup: string): string {
  return markup
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const squeeze = (text: string) => text.replace(/[\s\u3000]+/g, ' ').trim();

/** The first paragraph as plain text, at most `max` characters. */
export function describe(article: Article, max = 120): string {
  const first = article.body.find((b): b is Extract<Block, { type: 'paragraph' }> => b.type === 'paragraph' && squeeze(b.text ?? b.html ?? '') !== '');
  const text = first ? squeeze(first.html !== undefined ? htmlToText(sanitizeInline(first.html)) : first.text ?? '') : '';
  const fallback = text || squeeze(article.subtitle ?? '') || article.title;
  return fallback.length > max ? `${fallback.slice(0, max - 1)}…` : fallback;
}

function published(article: Article): { shown: string; meta: string } {
  const parsed = parseOffsetDateTime(article.publishedAt);
  if (!parsed) return { shown: article.publishedAt, meta: article.publishedAt };
  const shown = formatLocalDateTime(parsed);
  return { shown, meta: shown.slice(0, 16) };
}

function absoluteUrl(href: string | undefined, base: string | undefined): string | undefined {
  const safe = safeUrl(href);
  if (!safe) return undefined;
  try {
    const url = base ? new URL(safe, base) : new URL(safe);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const ORGANIZATION = bothScripts(/(?:院|庭|科|室|处|局|部|办|厅|中心|委员会|报|网|社|台|所)$/);

/** JSON-LD `NewsArticle` for the article. */
export function newsArticleJsonLd(article: Article, site?: Site): Record<string, unknown> {
  const url = absoluteUrl(article.url, undefined);
  const images = article.body
    .filter((b): b is Extract<Block, { type: 'image' }> => b.type === 'image')
    .map((b) => absoluteUrl(b.src, url))
    .filter((u): u is string => !!u);
  const section = article.breadcrumb?.at(-1)?.label;
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title.length > 110 ? `${article.title.slice(0, 109)}…` : article.title,
    ...(article.subtitle ? { alternativeHeadline: article.subtitle } : {}),
    datePublished: article.publishedAt,
    description: describe(article),
    inLanguage: article.lang ?? 'zh-CN',
    ...(url ? { url, mainEntityOfPage: { '@type': 'WebPage', '@id': url } } : {}),
    ...(images.length ? { image: images } : {}),
    ...(section ? { articleSection: section } : {}),
    ...(article.author
      ? { author: { '@type': ORGANIZATION.test(article.author) ? 'Organization' : 'Person', name: article.author } }
      : site
        ? { author: { '@type': 'Organization', name: site.name } }
        : {}),
    ...(site ? { publisher: { '@type': 'Organization', name: site.name } } : {}),
  };
}

function meta(name: string, content: string | undefined): string {
  return content ? `<meta name="${escapeHtml(name)}" content="${escapeHtml(content)}">` : '';
}

function property(name: string, content: string | undefined): string {
  return content ? `<meta property="${escapeHtml(name)}" content="${escapeHtml(content)}">` : '';
}

/** The `<head>` content: title, description, canonical, government-site tags, Open Graph, JSON-LD. */
export function renderHead(article: Article, options: RenderPageOptions = {}): string {
  prepareServerRendering();
  const { site } = options;
  const description = describe(article);
  const canonical = absoluteUrl(article.url, undefined);
  const when = published(article);
  const column = article.breadcrumb?.at(-1)?.label;
  const firstImage = article.body.find((b): b is Extract<Block, { type: 'image' }> => b.type === 'image');
  const image = firstImage ? absoluteUrl(firstImage.src, canonical) : undefined;
  const locale = (article.lang ?? 'zh-CN').replace('-', '_');
  const title = site ? `${article.title}_${site.name}` : article.title;
  return [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    meta('description', description),
    canonical ? `<link rel="canonical" href="${escapeHtml(canonical)}">` : '',
    // 政府网站网页设计规范: tags that government-site crawlers and statistics read.
    meta('SiteName', site?.name),
    meta('SiteIDCode', options.siteIdCode),
    meta('ColumnName', column),
    meta('ArticleTitle', article.title),
    meta('PubDate', when.meta),
    meta('ContentSource', article.source ?? site?.name),
    meta('Author', article.author),
    meta('Url', canonical),
    // Open Graph.
    property('og:type', 'article'),
    property('og:title', article.title),
    property('og:description', description),
    property('og:url', canonical),
    property('og:site_name', site?.name),
    property('og:locale', locale),
    property('og:image', image),
    property('article:published_time', article.publishedAt),
    property('article:section', column),
    property('article:author', article.author),
    `<script type="application/ld+json">${scriptJson(newsArticleJsonLd(article, site))}</script>`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** Deepest element nesting accepted in an `html` field for rendering on the server. */
export const MAX_HTML_DEPTH = 256;

function fragmentDepth(html: string): number {
  // Container nesting first, in linear time: the tree builder is slow on very deep pages.
  const containers = nestingDepth(html);
  if (containers > MAX_HTML_DEPTH) return containers;
  let max = 0;
  const stack: Array<{ node: { childNodes?: unknown[] }; depth: number }> = [{ node: parseFragment(html), depth: 0 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (depth > max) max = depth;
    for (const child of node.childNodes ?? []) stack.push({ node: child as { childNodes?: unknown[] }, depth: depth + 1 });
  }
  return max;
}

/**
 * `html` fields nested deeper than `MAX_HTML_DEPTH`: the sanitizer under jsdom takes time
 * that grows with the square of the depth (seconds at a few thousand levels), so such an
 * article is refused with the field named rather than stalling a batch.
 */
export function htmlDepthProblems(article: Article): Problem[] {
  const problems: Problem[] = [];
  article.body.forEach((block, i) => {
    const html = block.type === 'html' ? block.html : block.type === 'paragraph' ? block.html : undefined;
    if (html === undefined || !html.includes('<')) return;
    const depth = fragmentDepth(html);
    if (depth > MAX_HTML_DEPTH) {
      problems.push({ path: `body[${i}].html`, code: 'limit', limit: MAX_HTML_DEPTH, message: `body[${i}].html: elements nested ${depth} deep, more than ${MAX_HTML_DEPTH}; not rendered` });
    }
  });
  return problems;
}

/**
 * Refuses, with a `RangeError` naming the fields, an article that {@link htmlDepthProblems}
 * refuses: every renderer here calls it, so a direct caller cannot stall its process either.
 */
function assertRenderable(article: Article): void {
  const problems = htmlDepthProblems(article);
  if (problems.length) throw new RangeError(problems.map((p) => p.message).join('; '));
}

// ---------------------------------------------------------------------------------------------
// Light-DOM fallback: the same article as plain semantic HTML

/**
 * The light-DOM copy's paragraph alignment: the `align` attribute, which every browser reads
 * and a strict `style-src` does not refuse (a `style` attribute would be). `end` is the side
 * where the line ends: right, or left in a right-to-left article.
 */
function alignAttr(align: ParagraphBlock['align'], dir: 'ltr' | 'rtl'): string {
  if (align === 'center') return ' align="center"';
  if (align === 'end') return dir === 'rtl' ? ' align="left"' : ' align="right"';
  return '';
}

/** A photo's or video's `width` and `height` attributes, when the data gives both. */
function sizeAttrs(block: { width?: number; height?: number }): string {
  return block.width && block.height ? ` width="${block.width}" height="${block.height}"` : '';
}

/** A photo's or video's caption after its ▲ (the data's own ▲ not doubled), or `''` without one. */
function figcaption(caption: string): string {
  return caption ? `<figcaption>▲${escapeHtml(caption)}</figcaption>` : '';
}

function fallbackBlock(block: Block, dir: 'ltr' | 'rtl'): string {
  switch (block.type) {
    case 'paragraph': {
      const open = `<p${alignAttr(block.align, dir)}>`;
      return block.html !== undefined ? `${open}${sanitizeInline(block.html)}</p>` : `${open}${escapeHtml(block.text ?? '')}</p>`;
    }
    case 'heading': {
      const level = block.level === 3 || block.level === 4 ? block.level : 2;
      return `<h${level}>${escapeHtml(block.text)}</h${level}>`;
    }
    case 'image': {
      const src = safeUrl(block.src);
      if (!src) return '';
      const caption = withoutCaptionMarker(block.caption ?? '');
      const alt = block.alt ?? caption;
      return `<figure><img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}"${sizeAttrs(block)} loading="lazy" decoding="async">${figcaption(caption)}</figure>`;
    }
    case 'video': {
      const src = safeUrl(block.src);
      if (!src) return '';
      const poster = safeUrl(block.poster);
      const link = `<a href="${escapeHtml(src)}">${escapeHtml(msg('下载视频', { id: 'court-article.video-download' }))}</a>`;
      const caption = figcaption(withoutCaptionMarker(block.caption ?? ''));
      return `<figure><video controls preload="none" src="${escapeHtml(src)}"${poster ? ` poster="${escapeHtml(poster)}"` : ''}${sizeAttrs(block)}>${link}</video>${caption}</figure>`;
    }
    case 'html':
      return `<div>${sanitizeFragment(block.html)}</div>`;
    default:
      return '';
  }
}

/**
 * The article as plain HTML, for the element's light DOM, with its labels (作者:, 附件…) in
 * `locale` (a language tag; by default the page locale, `setCourtLocale`).
 */
export function renderFallbackArticle(article: Article, locale?: string): string {
  assertRenderable(article);
  return withLocale(locale ?? getCourtLocale(), () => fallbackArticle(article));
}

/**
 * How plain HTML marks interface text (labels, in the locale being rendered) against content
 * of `contentLang`, where the two differ, so that a screen reader speaks each right:
 * - `label(text)`: a label in a span with the interface's `lang`;
 * - `navAttrs`: `lang` (and `dir`) for a navigation named in the interface's language (an
 *   `aria-label` cannot carry a lang of its own);
 * - `content(markup)`: content inside such a navigation, back in its own `lang` (and `dir`).
 */
function languageMarks(contentLang: string) {
  const ui = currentLocale();
  const otherUi = normalizeLocale(contentLang) !== ui;
  const uiDir = textDirection(ui);
  const contentDir = textDirection(contentLang);
  const dir = (value: string) => (uiDir !== contentDir ? ` dir="${value}"` : '');
  return {
    contentDir,
    label: (text: string) => (otherUi ? `<span lang="${escapeHtml(ui)}">${escapeHtml(text)}</span>` : escapeHtml(text)),
    navAttrs: otherUi ? ` lang="${escapeHtml(ui)}"${dir(uiDir)}` : '',
    content: (markup: string) => (otherUi ? `<span lang="${escapeHtml(contentLang)}"${dir(contentDir)}>${markup}</span>` : markup),
  };
}

function fallbackArticle(article: Article): string {
  prepareServerRendering();
  const out: string[] = [];
  const contentLang = article.lang ?? 'zh-CN';
  const { contentDir, label, navAttrs, content } = languageMarks(contentLang);
  const lang = escapeHtml(contentLang);
  out.push(`<article class="court-widgets-fallback" lang="${lang}"${contentDir === 'rtl' ? ' dir="rtl"' : ''}>`);
  const crumbs = article.breadcrumb ?? [];
  if (crumbs.length) {
    const items = crumbs.map((c) => {
      const href = safeUrl(c.href);
      return href ? `<a href="${escapeHtml(href)}">${escapeHtml(c.label)}</a>` : escapeHtml(c.label);
    });
    const name = msg('当前位置', { id: 'court-article.breadcrumb' });
    const lead = msg('当前位置:', { id: 'court-article.breadcrumb-lead' });
    out.push(`<nav aria-label="${escapeHtml(name)}"${navAttrs}>${escapeHtml(lead)} ${content(items.join(' &gt; '))}</nav>`);
  }
  out.push('<header>');
  if (article.kicker) out.push(`<p class="kicker">${escapeHtml(article.kicker)}</p>`);
  out.push(`<h1>${escapeHtml(article.title)}</h1>`);
  if (article.subtitle) out.push(`<p class="subtitle">${escapeHtml(article.subtitle)}</p>`);
  const byline: string[] = [];
  if (article.author) byline.push(`${label(msg('作者:', { id: 'court-article.author' }))}${escapeHtml(article.author)}`);
  if (article.source) byline.push(`${label(msg('来源:', { id: 'court-article.source' }))}${escapeHtml(article.source)}`);
  byline.push(
    `${label(msg('发布时间:', { id: 'court-article.published' }))}<time datetime="${escapeHtml(article.publishedAt)}">${escapeHtml(published(article).shown)}</time>`,
  );
  out.push(`<p class="byline">${byline.join(' ')}</p>`);
  out.push('</header>');
  for (const block of article.body) out.push(fallbackBlock(block, contentDir));
  if (article.editor) out.push(`<p>${label(msg('责任编辑:', { id: 'court-article.editor' }))}${escapeHtml(article.editor)}</p>`);
  const attachments = (article.attachments ?? []).filter((a) => safeUrl(a.href));
  if (attachments.length) {
    out.push(`<section><h2>${label(msg('附件', { id: 'court-article.attachments' }))}</h2><ul>`);
    for (const a of attachments) {
      const size = a.bytes !== undefined ? ` (${escapeHtml(formatBytes(a.bytes, currentLocale()))})` : '';
      out.push(`<li><a href="${escapeHtml(safeUrl(a.href)!)}">${escapeHtml(a.title)}</a>${size}</li>`);
    }
    out.push('</ul></section>');
  }
  const pager: string[] = [];
  const prevLabel = msg('上一篇:', { id: 'court-article.prev' });
  const nextLabel = msg('下一篇:', { id: 'court-article.next' });
  for (const [text, ref] of [[prevLabel, article.prev], [nextLabel, article.next]] as const) {
    const href = ref && safeUrl(ref.href);
    if (ref && href) pager.push(`<p>${escapeHtml(text)}<a href="${escapeHtml(href)}">${content(escapeHtml(ref.title))}</a></p>`);
  }
  if (pager.length) out.push(`<nav aria-label="${escapeHtml(msg('上一篇和下一篇', { id: 'court-article.pager' }))}"${navAttrs}>${pager.join('')}</nav>`);
  out.push('</article>');
  return out.filter(Boolean).join('\n');
}

/**
 * The site footer as plain HTML, for `<court-footer>`'s light DOM, with its labels (地址:…) in
 * `locale` (by default the page locale).
 */
export function renderFallbackFooter(site: Site, locale?: string): string {
  return withLocale(locale ?? getCourtLocale(), () => fallbackFooter(site));
}

function fallbackFooter(site: Site): string {
  const { label } = languageMarks('zh-CN');
  const out: string[] = ['<footer class="court-widgets-fallback" lang="zh-CN">'];
  out.push(`<p class="name"><strong>${escapeHtml(site.name)}</strong></p>`);
  const links = (site.links ?? []).map((l) => {
    const href = safeUrl(l.href);
    return href ? `<a href="${escapeHtml(href)}">${escapeHtml(l.label)}</a>` : escapeHtml(l.label);
  });
  if (links.length) out.push(`<p>${links.join(' ')}</p>`);
  const facts: string[] = [];
  if (site.address) facts.push(`${label(msg('地址:', { id: 'court-footer.address' }))}${escapeHtml(site.address)}`);
  if (site.postcode) facts.push(`${label(msg('邮编:', { id: 'court-footer.postcode' }))}${escapeHtml(site.postcode)}`);
  for (const p of site.phones ?? []) {
    facts.push(`${escapeHtml(p.label)}:<a href="tel:${escapeHtml(p.number.replace(/[^\d+]/g, ''))}">${escapeHtml(p.number)}</a>`);
  }
  const report = site.reportSite && safeUrl(site.reportSite.href);
  if (site.reportSite && report) facts.push(`${escapeHtml(site.reportSite.label)}:<a href="${escapeHtml(report)}">${escapeHtml(site.reportSite.href)}</a>`);
  if (facts.length) out.push(`<p>${facts.join(' ')}</p>`);
  if (site.transport) out.push(`<p>${label(msg('交通:', { id: 'court-footer.transport' }))}${escapeHtml(site.transport)}</p>`);
  for (const line of [site.copyright, site.credits, site.icp, site.publicSecurity]) {
    if (line) out.push(`<p>${escapeHtml(line)}</p>`);
  }
  out.push('</footer>');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------

/**
 * `<court-article>` rendered on the server, with its inline JSON and light-DOM fallback.
 * With `controls`, a `<print-controls>` (打印, 字号, 朗读) sits in its `controls` slot: only
 * for pages that load the bundle, since without script its buttons could do nothing.
 */
export function renderArticleElement(article: Article, options: { controls?: boolean; locale?: string } = {}): string {
  assertRenderable(article);
  return articleElement(article, options);
}

/**
 * A parser-inserted script that gives a pre-rendered article the reader's stored 字号 and
 * 关怀模式 before the first paint, so that the bundle, which loads after that paint, finds
 * them in place and nothing reflows. It sits right after the article's `<print-controls>` and
 * before the article's shadow root: it sets `font-size` and `care` on the article and on the
 * controls, and the pressed buttons in the controls' declarative shadow root, so that the
 * controls hydrate the state they show. The same script as the first child of a
 * `<court-footer>` gives the footer 关怀模式 (the footer has no 字号). It reads the keys
 * `<print-controls>` writes
 * (`court-widgets:<host>:print-controls.*`); blocked storage or an old browser leave the page
 * as the server wrote it. The text is the same on every page: a strict policy allows it with
 * the hash {@link scriptHashes} gives (`court-widgets render --csp`).
 */
export const SETTINGS_SCRIPT = `(function(s){try{var k=${JSON.stringify(`${STORAGE_PREFIX}:`)}+location.host+":",l=localStorage,f=l.getItem(k+${JSON.stringify(STORAGE_FONT_SIZE)}),c=l.getItem(k+${JSON.stringify(STORAGE_CARE)})==="on",a=s.parentNode,p=s.previousElementSibling,r=p&&p.shadowRoot,i,b;if(${JSON.stringify(FONT_SIZES)}.indexOf(f)<0)f=null;for(i=0;i<2;i++){b=i?p:a;if(!b)continue;if(f&&b.localName!=="court-footer")b.setAttribute("font-size",f);if(c)b.setAttribute("care","")}if(!r)return;b=r.querySelectorAll("button[data-size]");for(i=0;f&&i<b.length;i++)b[i].setAttribute("aria-pressed",b[i].getAttribute("data-size")===f?"true":"false");b=r.querySelector("button.care");if(c&&b)b.setAttribute("aria-pressed","true")}catch(e){}})(document.currentScript)`;

function articleElement(article: Article, options: { controls?: boolean; locale?: string }): string {
  prepareServerRendering();
  return withLocale(options.locale ?? getCourtLocale(), () => {
    const light = `<script type="application/json">${scriptJson(article)}</script>\n${fallbackArticle(article)}`;
    const element = collectResultSync(render(html`<court-article .article=${article}></court-article>`));
    // The controls come before the article's shadow root, not after it as Lit would write
    // them: on a slow computer the parser may paint between the two, and the row appearing
    // in the article's controls slot one frame later would push the article down.
    const controls = options.controls
      ? `${collectResultSync(render(html`<print-controls slot="controls"></print-controls>`))}<script>${SETTINGS_SCRIPT}</script>`
      : '';
    const end = element.lastIndexOf('</court-article>');
    return beforeShadowRoot(`${element.slice(0, end)}${light}${element.slice(end)}`, controls);
  });
}

/**
 * `element`, one element as Lit SSR wrote it, with `markup` as its first child, before its
 * declarative shadow root (light children come after it in Lit's output).
 */
function beforeShadowRoot(element: string, markup: string): string {
  const template = element.indexOf('<template shadowroot');
  if (template < 0) throw new Error(`${element.slice(0, 40)}… was not rendered with a declarative shadow root`);
  return `${element.slice(0, template)}${markup}${element.slice(template)}`;
}

/**
 * `<court-footer>` rendered on the server, with its inline JSON and light-DOM fallback; its
 * interface text in `locale` (a language tag), by default the page locale (`setCourtLocale`).
 * With `settings` (a page whose `<print-controls>` can set 关怀模式), it starts with
 * {@link SETTINGS_SCRIPT}, so a reader's stored 关怀模式 colours it from the first paint.
 */
export function renderFooterElement(site: Site, locale?: string, options: { settings?: boolean } = {}): string {
  prepareServerRendering();
  return withLocale(locale ?? getCourtLocale(), () => {
    const light = `<script type="application/json">${scriptJson(site)}</script>\n${fallbackFooter(site)}`;
    const element = collectResultSync(render(html`<court-footer .site=${site}>${unsafeHTML(light)}</court-footer>`));
    return options.settings ? beforeShadowRoot(element, `<script>${SETTINGS_SCRIPT}</script>`) : element;
  });
}

function sha256Sources(texts: Iterable<string>): string[] {
  const hashes = new Set<string>();
  for (const text of texts) hashes.add(`'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`);
  return [...hashes].sort();
}

/**
 * The `style-src` hash sources of every `<style>` element in HTML this module rendered: the
 * page style and, inside the declarative shadow roots, each element's styles. A page served
 * with a Content-Security-Policy whose `style-src` lacks `'unsafe-inline'` needs them, or its
 * pre-rendered elements show unstyled until the bundle has run. They change only with the
 * package version, not with the article. Sorted, without duplicates, e.g. `'sha256-…'`.
 */
export function styleHashes(html: string): string[] {
  return sha256Sources([...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]!));
}

/**
 * The `script-src` hash sources of the inline scripts that run in HTML this module rendered:
 * {@link SETTINGS_SCRIPT} on a page with print controls (JSON data blocks do not run, and a
 * policy does not govern them). Without them a strict policy refuses the script, and a stored
 * 字号 or 关怀模式 is applied only once the bundle has loaded. Sorted, without duplicates.
 */
export function scriptHashes(html: string): string[] {
  return sha256Sources(
    [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
      .filter((m) => !/\b(?:src|type)\s*=/i.test(m[1]!))
      .map((m) => m[2]!),
  );
}

/** Page-level CSS: block layout and readable fallback text for browsers without the elements. */
const PAGE_STYLE = `
court-article, court-footer, photo-caption { display: block; }
body { margin: 0; background: #fff; color: #1f1f1f; }
.court-widgets-page { max-width: 52rem; margin: 0 auto; padding: 1rem; }
.court-widgets-fallback { font-size: 17px; line-height: 1.8; }
.court-widgets-fallback img, .court-widgets-fallback video { max-width: 100%; height: auto; }
.court-widgets-fallback figure { margin: 1em 0; text-align: center; }
.court-widgets-fallback header { text-align: center; }
.court-widgets-fallback h1 { color: #b0191e; font-size: 1.6em; }
.court-widgets-fallback > p { text-indent: 2em; }
.court-widgets-fallback > p[align] { text-indent: 0; }
`.trim();

/**
 * A whole HTML page (or, with `fragment`, only the elements) for an article that
 * `parseArticle` accepted. Throws a `RangeError` naming the fields for `html` nested deeper
 * than {@link MAX_HTML_DEPTH} (see {@link htmlDepthProblems}).
 */
export function renderArticlePage(article: Article, options: RenderPageOptions = {}): string {
  assertRenderable(article);
  // A whole page is in the article's language (<html lang>), and so is its interface text; a
  // fragment most likely goes into a page of its article's language too.
  const locale = normalizeLocale(options.locale ?? article.lang ?? 'zh-CN');
  const parts = [articleElement(article, { controls: !!options.bundle, locale })];
  if (options.site) parts.push(renderFooterElement(options.site, locale, { settings: !!options.bundle }));
  const script = options.bundle ? bundleScript(options.bundle) : '';
  if (options.fragment) return `${parts.join('\n')}${script ? `\n${script}` : ''}\n`;
  const lang = escapeHtml(article.lang ?? 'zh-CN');
  const dir = textDirection(article.lang ?? '') === 'rtl' ? ' dir="rtl"' : '';
  return `<!doctype html>
<html lang="${lang}"${dir}>
<head>
${renderHead(article, options)}
<style>${PAGE_STYLE}</style>
${script}
</head>
<body>
<main class="court-widgets-page">
${parts[0]}
</main>
${parts[1] ?? ''}
</body>
</html>
`;
}
