// The sanitizer and the URL rules against hostile content, in a live Chromium document.
//
// Every hostile input goes through the path the elements use for its field (paragraph html →
// sanitizeInline, html block → sanitizeFragment, image src / link href → safeUrl, image srcset
// → safeSrcset), is rendered into the page twice (innerHTML into a detached container that is
// then attached, and Lit's unsafeHTML / attribute bindings inside a shadow root), and the page
// is given time for handlers to fire. A spy that the payloads try to call, stubs of alert /
// confirm / prompt, a window error listener and a securitypolicyviolation listener fail the
// test if anything injected ran. The benign part of each input must still be there.
import { expect, nextFrame } from '@open-wc/testing';
import { html, nothing, render } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { LIMITS } from '../../src/model/limits.js';
import {
  sanitizeFragment,
  sanitizeInline,
  TRUSTED_TYPES_POLICY_NAME,
  TRUSTED_TYPES_POLICY_NAMES,
  type SafeHtml,
} from '../../src/internal/sanitize.js';
import { safeSrcset, safeUrl } from '../../src/internal/url.js';
import '../../src/define/court-article.js';
import type { CourtArticleElement } from '../../src/elements/court-article/court-article.js';
import { SANITIZER_PAIRS } from '../fixtures/sanitizer-pairs.js';

declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;
declare function beforeEach(body: () => Promise<void> | void): void;
declare function afterEach(body: () => Promise<void> | void): void;

type Field = 'paragraph' | 'html' | 'image-src' | 'image-srcset' | 'link-href';

interface HostileCase {
  field: Field;
  name: string;
  input: string;
  /** Text that must still be visible. */
  text?: string[];
  /** Selectors that must still match in the rendered output. */
  has?: string[];
}

interface SpyWindow extends Window {
  __pwned?: (tag?: unknown) => void;
}

const P = '__pwned()';
const PP = 'parent.__pwned()';

// ---------------------------------------------------------------------------------------------
// Hostile inputs
// ---------------------------------------------------------------------------------------------

const PARAGRAPH: HostileCase[] = [
  { name: 'img onerror beside text', input: `要提高政治站位<img src=x onerror=${P}>`, text: ['要提高政治站位'] },
  { name: 'handler on an allowed tag', input: `<b onmouseover=${P} onclick="${P}">扛牢主体责任</b>`, has: ['b'], text: ['扛牢主体责任'] },
  { name: 'javascript: href', input: `<a href="javascript:${P}">链接</a>`, has: ['a'], text: ['链接'] },
  { name: 'mixed-case scheme', input: `<a href="JaVaScRiPt:${P}">链接</a>`, text: ['链接'] },
  { name: 'leading spaces before the scheme', input: `<a href="   javascript:${P}">链接</a>`, text: ['链接'] },
  { name: 'control characters before the scheme', input: `<a href="\u0001\u0010\u001fjavascript:${P}">链接</a>`, text: ['链接'] },
  { name: 'tab inside the scheme', input: `<a href="java\tscript:${P}">链接</a>`, text: ['链接'] },
  { name: 'newline inside the scheme', input: `<a href="java\nscript:${P}">链接</a>`, text: ['链接'] },
  { name: 'entity-encoded tab inside the scheme', input: `<a href="java&#x09;script:${P}">链接</a>`, text: ['链接'] },
  { name: 'named-entity tab and newline', input: `<a href="java&Tab;scr&NewLine;ipt:${P}">链接</a>`, text: ['链接'] },
  { name: 'hex entities spelling the scheme', input: `<a href="&#x6a;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3a;${P}">链接</a>`, text: ['链接'] },
  { name: 'decimal entity and &colon;', input: `<a href="&#106;avascript&colon;${P}">链接</a>`, text: ['链接'] },
  { name: 'zero-padded entity without semicolon', input: `<a href="&#0000106avascript:${P}">链接</a>`, text: ['链接'] },
  { name: 'data: text/html link', input: `<a href="data:text/html,<script>${P}</script>">数据</a>`, text: ['数据'] },
  { name: 'vbscript: link', input: '<a href="vbscript:msgbox(1)">链接</a>', text: ['链接'] },
  { name: 'style attribute with url(javascript:)', input: `<span style="background:url(javascript:${P})">样式</span>`, has: ['span'], text: ['样式'] },
  { name: 'svg onload in a paragraph', input: `开头<svg onload=${P}></svg>结尾`, text: ['开头', '结尾'] },
  { name: 'script element in a paragraph', input: `<script>${P}</script>正文`, text: ['正文'] },
  { name: 'iframe srcdoc inside strong', input: `<strong><iframe srcdoc="<script>${PP}</script>"></iframe>强调</strong>`, has: ['strong'], text: ['强调'] },
  { name: 'DOM clobbering with img name', input: '<img name="cookie"><img name="getElementById">正文', text: ['正文'] },
  { name: 'DOM clobbering with a id', input: '<a id="clobberTarget" href="/news/">新闻</a><a name="clobberTarget">x</a>', has: ['a[href="/news/"]'], text: ['新闻'] },
  { name: 'markup inside a title attribute stays an attribute', input: `<em title="&lt;img src=x onerror=${P}&gt;">强调</em>`, has: ['em[title]'], text: ['强调'] },
  { name: 'handler on sup', input: `H<sub>2</sub>O<sup onclick=${P}>3</sup>`, has: ['sub', 'sup'], text: ['H2O3'] },
  { name: 'autofocus onfocus on a span', input: `<span dir="rtl" lang="ug" tabindex="0" autofocus onfocus=${P}>ئۇيغۇر</span>`, has: ['span[dir="rtl"][lang="ug"]'], text: ['ئۇيغۇر'] },
  { name: 'math/style namespace confusion in a paragraph', input: `<math><mtext><table><mglyph><style><img src=x onerror=${P}>`, text: [] },
  // Without a "<" the text is handed back as it is: entities must stay text.
  { name: 'entity-encoded img tag, no "<" at all', input: `&lt;img src=x onerror=${P}&gt;正文`, text: [`<img src=x onerror=${P}>正文`] },
  { name: 'numeric entities spelling a script tag', input: `&#60;script&#62;${P}&#60;/script&#62;正文`, text: [`<script>${P}</script>正文`] },
  { name: 'a javascript: URL as plain text', input: `javascript:${P} "引号" > 正文`, text: [`javascript:${P}"引号">正文`] },
].map((c) => ({ ...c, field: 'paragraph' as const }));

const HTML_BLOCK: HostileCase[] = [
  { name: 'svg script', input: `<svg><script>${P}</script></svg><p>段落</p>`, has: ['p'], text: ['段落'] },
  { name: 'svg a xlink:href javascript', input: `<svg><a xlink:href="javascript:${P}"><text x="20" y="20">XSS</text></a></svg><p>段落</p>`, text: ['段落'] },
  { name: 'svg animate onbegin', input: `<svg><animate onbegin=${P} attributeName=x dur=1s></animate></svg><p>段落</p>`, text: ['段落'] },
  { name: 'svg set to a handler', input: `<svg><a><set attributeName="href" to="javascript:${P}"/><text y="20">t</text></a></svg><p>段落</p>`, text: ['段落'] },
  { name: 'svg foreignObject img', input: `<svg><foreignObject><img src=x onerror=${P}></foreignObject></svg><p>段落</p>`, text: ['段落'] },
  { name: 'mathml maction xlink:href', input: `<math><maction actiontype="statusline" xlink:href="javascript:${P}">m</maction></math><p>段落</p>`, text: ['段落'] },
  { name: 'mathml annotation-xml html', input: `<math><annotation-xml encoding="text/html"><img src=x onerror=${P}></annotation-xml></math><p>段落</p>`, text: ['段落'] },
  { name: 'mXSS: form/math/mglyph/style (DOMPurify 2.0.0 bypass)', input: `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${P}>`, text: [] },
  { name: 'mXSS: mglyph comment in style (DOMPurify 2.0.17 bypass)', input: `<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=${P}&gt;">`, text: [] },
  { name: 'mXSS: svg p style (namespace confusion)', input: `<svg></p><style><a id="</style><img src=1 onerror=${P}>">`, text: [] },
  { name: 'mXSS: noscript title breakout', input: `<noscript><p title="</noscript><img src=x onerror=${P}>"></noscript><p>后文</p>`, text: ['后文'] },
  { name: 'mXSS: textarea title breakout', input: `<textarea><img title="</textarea><img src=x onerror=${P}>"></textarea><p>后文</p>`, text: ['后文'] },
  { name: 'mXSS: noembed breakout', input: `<noembed><img title="</noembed><img src onerror=${P}>"></noembed><p>后文</p>`, text: ['后文'] },
  { name: 'mXSS: xmp breakout', input: `<xmp><img title="</xmp><img src onerror=${P}>"></xmp><p>后文</p>`, text: ['后文'] },
  { name: 'mXSS: title element in body', input: `<title><img src=x onerror=${P}></title><p>后文</p>`, text: ['后文'] },
  { name: 'template content', input: `<template><img src=x onerror=${P}></template><p>后文</p>`, text: ['后文'] },
  { name: 'declarative shadow root', input: `<div><template shadowrootmode="open"><img src=x onerror=${P}></template>块</div>`, has: ['div'], text: ['块'] },
  { name: 'iframe srcdoc', input: `<iframe srcdoc="<script>${PP}</script>"></iframe><p>后文</p>`, text: ['后文'] },
  { name: 'iframe javascript src', input: `<iframe src="javascript:${PP}"></iframe><p>后文</p>`, text: ['后文'] },
  { name: 'object and embed', input: `<object data="javascript:${PP}"></object><embed src="javascript:${PP}"><p>后文</p>`, text: ['后文'] },
  { name: 'form action and button formaction', input: `<form action="javascript:${P}"><input type="submit" value="提交"><button formaction="javascript:${P}">按钮</button></form>`, text: ['按钮'] },
  { name: 'meta refresh', input: `<meta http-equiv="refresh" content="0;url=javascript:${P}"><p>后文</p>`, text: ['后文'] },
  { name: 'base href', input: `<base href="javascript:${P}//"><a href="/news/">新闻</a>`, has: ['a[href="/news/"]'], text: ['新闻'] },
  { name: 'link import and stylesheet', input: `<link rel="import" href="data:text/html,<script>${PP}</script>"><link rel="stylesheet" href="javascript:${P}"><p>后文</p>`, text: ['后文'] },
  { name: 'style element with expression() and url(javascript:)', input: `<style>@import 'javascript:${P}';p{width:expression(${P});background:url("javascript:${P}")}</style><p>后文</p>`, has: ['p'], text: ['后文'] },
  { name: 'style attribute with expression()', input: `<div style="width: expression(${P})">旧</div>`, has: ['div'], text: ['旧'] },
  { name: 'style attribute with url(javascript:)', input: `<p style="background-image:url(javascript:${P})">段</p>`, has: ['p'], text: ['段'] },
  { name: 'img onerror', input: `<img src=x onerror=${P} alt="图">`, has: ['img[alt="图"]'] },
  { name: 'img javascript src (upper case)', input: `<IMG SRC=JaVaScRiPt:${P} alt="图">`, has: ['img[alt="图"]'] },
  { name: 'img srcset with a data: candidate', input: `<img src="img/ok.jpg" srcset="img/ok.jpg 1x, data:image/svg+xml,<svg onload=${PP}> 2x" alt="好">`, has: ['img[src="img/ok.jpg"][alt="好"]'] },
  { name: 'img srcset with a javascript: candidate only', input: `<img srcset="javascript:${P} 1x" alt="坏">`, has: ['img[alt="坏"]'] },
  { name: 'base64 data: link', input: '<a href="data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZCgpPC9zY3JpcHQ+">数据</a>', has: ['a'], text: ['数据'] },
  { name: 'table background attributes', input: `<table background="javascript:${P}"><tr><td background="javascript:${P}">单元</td></tr></table>`, has: ['table', 'td'], text: ['单元'] },
  { name: 'details ontoggle', input: `<details open ontoggle=${P}><summary>摘要</summary>详情</details>`, text: ['摘要'] },
  { name: 'video source and audio onerror', input: `<video><source onerror=${P}></video><audio src=x onerror=${P}></audio><p>后文</p>`, text: ['后文'] },
  { name: 'input autofocus onfocus', input: `<input autofocus onfocus=${P}><p>后文</p>`, text: ['后文'] },
  { name: 'marquee onstart', input: `<marquee onstart=${P}>滚动</marquee>`, text: ['滚动'] },
  { name: 'body onload', input: `<body onload=${P}><p>后文</p>`, text: ['后文'] },
  { name: 'DOM clobbering with forms and names', input: '<img name="cookie"><form id="clobberTarget"><input name="attributes"></form><img name="body"><p>后文</p>', text: ['后文'] },
  { name: 'entity-encoded javascript: link', input: `<a href="&#x6a;avascript:${P}">链接</a>`, has: ['a'], text: ['链接'] },
  { name: 'entity newline inside the scheme', input: `<a href="java&#x0A;script:${P}">链接</a>`, text: ['链接'] },
  { name: 'entity letter in the middle', input: `<a href="javas&#99;ript:${P}">链接</a>`, text: ['链接'] },
  { name: 'javascript: link opening a new window', input: `<a href="javascript:${P}" target="_blank">链接</a>`, has: ['a'], text: ['链接'] },
  { name: 'nested script tag evasion', input: `<scr<script>ipt>${P}</scr</script>ipt><p>后文</p>`, text: ['后文'] },
  { name: 'double open bracket', input: `<<img src=x onerror=${P}>><p>后文</p>`, text: ['后文'] },
  { name: 'broken attribute quoting', input: `<img """><script>${P}</script>"><p>后文</p>`, text: ['后文'] },
  { name: 'svg style with img', input: `<svg><style><img src=x onerror=${P}></style></svg><p>后文</p>`, text: ['后文'] },
  { name: 'custom element with handler', input: `<court-evil onclick=${P}>自定义</court-evil>`, text: ['自定义'] },
  { name: 'is, slot, part, data and aria attributes', input: '<div is="x-evil" slot="s" part="p" data-x="1" aria-label="l">内容</div>', has: ['div'], text: ['内容'] },
  { name: 'select with template', input: `<select><template shadowrootmode="open"><img src=x onerror=${P}></template></select><p>后文</p>`, text: ['后文'] },
  { name: 'benign table, list and links survive', input: '<table><caption>开庭公告</caption><tr><th scope="col">案号</th></tr><tr><td>(2024)辽04民初1号</td></tr></table><ul><li><a href="/news/">新闻</a></li><li><a href="tel:12368">12368</a></li><li><a href="mailto:xuanjiao@court.example.cn">邮件</a></li></ul><p><a href="https://court.example.cn/" target="_blank">外链</a></p>', has: ['table caption', 'th[scope="col"]', 'a[href="/news/"]', 'a[href="tel:12368"]', 'a[href^="mailto:"]', 'a[target="_blank"][rel="noopener noreferrer"]'], text: ['开庭公告', '(2024)辽04民初1号'] },
].map((c) => ({ ...c, field: 'html' as const }));

const IMAGE_SRC: HostileCase[] = [
  `javascript:${P}`,
  ` JAVASCRIPT:${P}`,
  `java\tscript:${P}`,
  `&#x6a;avascript:${P}`,
  `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="${PP}"/>`,
  'blob:https://court.example.cn/550e8400-e29b-41d4-a716-446655440000',
  'file:///etc/passwd',
  'vbscript:msgbox(1)',
].map((input) => ({ field: 'image-src' as const, name: `image src ${JSON.stringify(input)}`, input }));

const IMAGE_SRCSET: HostileCase[] = [
  `img/a.jpg 1x, javascript:${P} 2x`,
  `data:image/svg+xml,<svg onload=${PP}> 1x`,
  'img/a.jpg 1x,data:image/png;base64,iVBORw0KGgo= 2x',
  'file:///etc/passwd 1x',
  `img/a.jpg 640w, &#x6a;avascript:${P} 1280w`,
].map((input) => ({ field: 'image-srcset' as const, name: `image srcset ${JSON.stringify(input)}`, input }));

const LINK_HREF: HostileCase[] = [
  `javascript:${P}`,
  `\u0000javascript:${P}`,
  `JaVaScRiPt:${P}`,
  `java\nscript:${P}`,
  `  javascript:${P}`,
  `&#106;avascript:${P}`,
  `javascript&colon;${P}`,
  `data:text/html,<script>${PP}</script>`,
  'vbscript:msgbox(1)',
].map((input) => ({ field: 'link-href' as const, name: `link href ${JSON.stringify(input)}`, input }));

const HOSTILE: HostileCase[] = [...PARAGRAPH, ...HTML_BLOCK, ...IMAGE_SRC, ...IMAGE_SRCSET, ...LINK_HREF];

// ---------------------------------------------------------------------------------------------
// What may appear in the output, per the contract
// ---------------------------------------------------------------------------------------------

const INLINE_TAGS = new Set(['a', 'strong', 'b', 'em', 'i', 'u', 'br', 'span', 'sub', 'sup']);
const INLINE_ATTRS = new Set(['href', 'title', 'lang', 'dir']);
const FRAGMENT_TAGS = new Set([
  ...INLINE_TAGS, 'p', 'div', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'caption',
  'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'colgroup', 'col', 'img', 'figure', 'figcaption', 'blockquote', 'hr',
  'small', 'mark', 'abbr', 'cite', 'q', 'code', 'pre',
]);
const FRAGMENT_ATTRS = new Set([
  ...INLINE_ATTRS, 'src', 'srcset', 'sizes', 'alt', 'width', 'height', 'loading', 'decoding', 'colspan', 'rowspan',
  'scope', 'span', 'align', 'valign', 'start', 'reversed', 'target', 'rel',
]);
const LINK_PROTOCOLS = ['http:', 'https:', 'mailto:', 'tel:'];
const IMAGE_PROTOCOLS = ['http:', 'https:'];
const HTML_NS = 'http://www.w3.org/1999/xhtml';

// ---------------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------------

const spyWindow = window as SpyWindow;
let hits: string[] = [];
let scriptErrors: string[] = [];
let violations: string[] = [];
let saved: Pick<Window, 'alert' | 'confirm' | 'prompt'>;
let baseBefore = '';
const hosts: HTMLElement[] = [];

const onError = (event: ErrorEvent) => scriptErrors.push(event.message);
const onRejection = (event: PromiseRejectionEvent) => scriptErrors.push(String(event.reason));
const onViolation = (event: SecurityPolicyViolationEvent) => violations.push(`${event.violatedDirective} ${event.sample}`);

function frames(n: number): Promise<void> {
  let p = Promise.resolve();
  for (let i = 0; i < n; i++) p = p.then(() => nextFrame());
  return p;
}

/** A few animation frames, and until every image has loaded or failed (bounded by more frames). */
async function settle(roots: ParentNode[]): Promise<void> {
  await frames(3);
  const images = roots.flatMap((root) => Array.from(root.querySelectorAll('img')));
  const pending = images
    .filter((img) => !img.complete)
    .map((img) => new Promise<void>((resolve) => {
      img.addEventListener('load', () => resolve(), { once: true });
      img.addEventListener('error', () => resolve(), { once: true });
    }));
  await Promise.race([Promise.all(pending), frames(60)]);
  await frames(2);
}

function newHost(): HTMLElement {
  const host = document.createElement('div');
  host.style.cssText = 'position:fixed;inset:0;overflow:auto;z-index:1;background:white';
  document.body.append(host);
  hosts.push(host);
  return host;
}

/** Path 1: innerHTML into a detached container, which is then attached to the document. */
function renderDetachedThenAttached(markup: string): HTMLElement {
  const box = document.createElement('div');
  box.innerHTML = markup;
  newHost().append(box);
  return box;
}

/** Path 2: Lit's unsafeHTML inside a shadow root, as the elements render data. */
function renderWithLit(markup: SafeHtml): ShadowRoot {
  const shadow = newHost().attachShadow({ mode: 'open' });
  render(html`<div class="body">${unsafeHTML(markup)}</div>`, shadow);
  return shadow;
}

/** Path for URL fields: Lit attribute bindings of the cleaned value, in light DOM and in a shadow root. */
function renderUrl(field: Field, input: string): ParentNode[] {
  const template =
    field === 'image-src'
      ? html`<img alt="图" src=${ifDefined(safeUrl(input))} />`
      : field === 'image-srcset'
        ? html`<img alt="图" src="img/ok.jpg" srcset=${ifDefined(safeSrcset(input))} />`
        : html`<a href=${ifDefined(safeUrl(input))}>链接</a>`;
  const light = newHost();
  render(template, light);
  const shadow = newHost().attachShadow({ mode: 'open' });
  render(template, shadow);
  return [light, shadow];
}

function cleanFor(field: Field, input: string): SafeHtml {
  return field === 'paragraph' ? sanitizeInline(input) : sanitizeFragment(input);
}

function expectNothingRan(label: string): void {
  expect(hits, `${label}: injected script ran`).to.deep.equal([]);
  expect(scriptErrors, `${label}: script errors`).to.deep.equal([]);
  expect(violations, `${label}: securitypolicyviolation events`).to.deep.equal([]);
}

function expectNotClobbered(label: string): void {
  expect(typeof document.cookie, `${label}: document.cookie`).to.equal('string');
  expect(typeof document.getElementById, `${label}: document.getElementById`).to.equal('function');
  expect(document.body, `${label}: document.body`).to.be.instanceOf(HTMLBodyElement);
  expect('clobberTarget' in window, `${label}: window.clobberTarget`).to.equal(false);
  expect(document.forms.length, `${label}: forms`).to.equal(0);
  expect(document.baseURI, `${label}: base URL`).to.equal(baseBefore);
}

/** Everything in `root` is on the field's allow-list, and every URL in it is allowed. */
function expectOnlyAllowed(root: ParentNode, field: Field, label: string): void {
  const tags = field === 'paragraph' ? INLINE_TAGS : FRAGMENT_TAGS;
  const attrs = field === 'paragraph' ? INLINE_ATTRS : FRAGMENT_ATTRS;
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (el.classList.contains('body') && el.parentNode instanceof ShadowRoot) continue;
    expect(el.namespaceURI, `${label}: namespace of <${el.localName}>`).to.equal(HTML_NS);
    expect(tags.has(el.localName), `${label}: <${el.localName}> is not allowed`).to.equal(true);
    for (const attr of Array.from(el.attributes)) {
      // DOMPurify empties a removed `is` instead of deleting it: the serializer would
      // otherwise write back the element's creation-time is value.
      if (attr.name === 'is' && attr.value === '') continue;
      expect(attrs.has(attr.name), `${label}: ${attr.name}="${attr.value}" on <${el.localName}>`).to.equal(true);
    }
    checkUrls(el, label);
  }
}

function checkUrls(el: Element, label: string): void {
  if (el instanceof HTMLAnchorElement && el.hasAttribute('href')) {
    expect(LINK_PROTOCOLS, `${label}: link to ${el.href}`).to.include(el.protocol);
  }
  if (el instanceof HTMLImageElement && el.hasAttribute('src')) {
    expect(IMAGE_PROTOCOLS, `${label}: image ${el.src}`).to.include(new URL(el.src).protocol);
  }
  if (el.hasAttribute('srcset')) {
    const candidates = el.getAttribute('srcset')!.split(',').map((c) => c.trim().split(/\s+/)[0]!);
    for (const url of candidates) {
      expect(IMAGE_PROTOCOLS, `${label}: srcset candidate ${url}`).to.include(new URL(url, document.baseURI).protocol);
    }
  }
  if (el.getAttribute('target') === '_blank') {
    expect(el.getAttribute('rel'), `${label}: rel of a new-window link`).to.equal('noopener noreferrer');
  }
}

function expectBenignKept(root: ParentNode, c: HostileCase, label: string): void {
  const text = (root.textContent ?? '').replace(/\s+/g, '');
  for (const t of c.text ?? []) expect(text, `${label}: text "${t}"`).to.include(t.replace(/\s+/g, ''));
  for (const selector of c.has ?? []) {
    expect(root.querySelector(selector), `${label}: ${selector}`).to.not.equal(null);
  }
}

beforeEach(() => {
  hits = [];
  scriptErrors = [];
  violations = [];
  spyWindow.__pwned = (tag?: unknown) => hits.push(`__pwned(${String(tag ?? '')})`);
  saved = { alert: window.alert, confirm: window.confirm, prompt: window.prompt };
  window.alert = (m?: unknown) => void hits.push(`alert(${String(m)})`);
  window.confirm = (m?: string) => (hits.push(`confirm(${String(m)})`), false);
  window.prompt = (m?: string) => (hits.push(`prompt(${String(m)})`), null);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  document.addEventListener('securitypolicyviolation', onViolation);
  baseBefore = document.baseURI;
});

afterEach(() => {
  for (const host of hosts.splice(0)) host.remove();
  window.removeEventListener('error', onError);
  window.removeEventListener('unhandledrejection', onRejection);
  document.removeEventListener('securitypolicyviolation', onViolation);
  Object.assign(window, saved);
  delete spyWindow.__pwned;
});

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('sanitizer harness', () => {
  it('has at least 60 hostile inputs across every field that takes HTML or a URL', () => {
    const fields = new Set(HOSTILE.map((c) => c.field));
    expect(HOSTILE.length).to.be.at.least(60);
    expect([...fields].sort()).to.deep.equal(['html', 'image-src', 'image-srcset', 'link-href', 'paragraph']);
  });

  it('notices injected script when markup is not sanitized (control)', async () => {
    const raw = `<img src="x-missing.png" onerror="__pwned('img')"><details open ontoggle="__pwned('details')"><summary>s</summary></details><video><source src="x-missing.mp4" onerror="__pwned('source')"></video>`;
    const box = renderDetachedThenAttached(raw);
    const shadow = newHost().attachShadow({ mode: 'open' });
    render(html`${unsafeHTML(`<img src="x-missing-2.png" onerror="__pwned('lit')">`)}`, shadow);
    await settle([box, shadow]);
    expect(hits.sort()).to.deep.equal(['__pwned(details)', '__pwned(img)', '__pwned(lit)', '__pwned(source)']);
    hits = [];
  });

  it('notices a clobbered document (control)', () => {
    const box = renderDetachedThenAttached('<img name="cookie">');
    expect(typeof document.cookie).to.equal('object');
    box.remove();
    expect(typeof document.cookie).to.equal('string');
  });
});

describe('hostile content, rendered with innerHTML and with Lit unsafeHTML', () => {
  for (const c of [...PARAGRAPH, ...HTML_BLOCK]) {
    it(`${c.field}: ${c.name}`, async () => {
      const clean = cleanFor(c.field, c.input);
      expect(clean).to.be.a('string');
      const box = renderDetachedThenAttached(clean);
      const shadow = renderWithLit(clean);
      await settle([box, shadow]);
      for (const [root, path] of [[box, 'innerHTML'], [shadow, 'unsafeHTML']] as const) {
        const label = `${c.name} (${path})`;
        expectOnlyAllowed(root, c.field, label);
        expectBenignKept(root, c, label);
      }
      expectNotClobbered(c.name);
      expectNothingRan(c.name);
    });
  }
});

describe('hostile URLs in image src, image srcset and link href', () => {
  for (const c of [...IMAGE_SRC, ...IMAGE_SRCSET, ...LINK_HREF]) {
    it(c.name, async () => {
      const cleaned = c.field === 'image-srcset' ? safeSrcset(c.input) : safeUrl(c.input);
      expect(cleaned, 'the value is dropped').to.equal(undefined);
      const roots = renderUrl(c.field, c.input);
      await settle(roots);
      for (const root of roots) {
        const el = root.querySelector(c.field === 'link-href' ? 'a' : 'img')!;
        expect(el, 'the element still renders').to.not.equal(null);
        checkUrls(el, c.name);
        if (c.field === 'link-href') {
          expect(el.hasAttribute('href')).to.equal(false);
          (el as HTMLAnchorElement).click();
        }
        if (c.field === 'image-src') expect(el.hasAttribute('src')).to.equal(false);
        if (c.field === 'image-srcset') expect(el.hasAttribute('srcset')).to.equal(false);
      }
      await settle(roots);
      expectNothingRan(c.name);
    });
  }

  it('keeps the allowed forms of image and link URLs', async () => {
    const roots = renderUrl('link-href', '//court.example.cn/news/');
    expect(safeUrl('//court.example.cn/news/')).to.equal('//court.example.cn/news/');
    expect(safeUrl('tel:12368')).to.equal('tel:12368');
    expect(safeUrl('mailto:xuanjiao@court.example.cn')).to.equal('mailto:xuanjiao@court.example.cn');
    expect(safeUrl(' img/001.jpg ')).to.equal('img/001.jpg');
    expect(safeSrcset('img/001-640.jpg 640w, img/001.jpg 1280w')).to.equal('img/001-640.jpg 640w, img/001.jpg 1280w');
    for (const root of roots) {
      const a = root.querySelector('a')!;
      expect(a.protocol).to.equal(location.protocol);
      expect(a.host).to.equal('court.example.cn');
    }
    await settle(roots);
    expectNothingRan('allowed URLs');
  });
});

describe('a hostile article through <court-article>', () => {
  /** Every element of a tree, through the open shadow roots of <photo-caption> too. */
  function deepElements(root: ParentNode): Element[] {
    const out: Element[] = [];
    for (const el of Array.from(root.querySelectorAll('*'))) {
      out.push(el);
      if (el.shadowRoot) out.push(...deepElements(el.shadowRoot));
    }
    return out;
  }

  it('renders every HTML and URL field of the data without running any of it', async () => {
    const article = {
      version: 1,
      title: `<img src=x onerror="${P}">标题`,
      publishedAt: '2024-02-28T20:54:53+08:00',
      breadcrumb: [
        { label: '首页', href: `javascript:${P}` },
        { label: '新闻', href: ` JaVa&#x53;cript:${P}` },
        { label: '当前', href: `data:text/html,<script>${PP}</script>` },
      ],
      author: `<script>${P}</script>作者`,
      body: [
        { type: 'paragraph', html: `段落<img src="x-missing.png" onerror="${P}"><a href="javascript:${P}" onclick="${P}">链接</a>` },
        { type: 'html', html: `<svg onload="${P}"></svg><iframe srcdoc="<script>${PP}</script>"></iframe><form action="javascript:${P}"><input name="cookie"></form><p>片段</p>` },
        { type: 'html', html: `<math><mtext><table><mglyph><style><img src=x onerror=${P}>` },
        { type: 'html', html: `<noscript><p title="</noscript><img src=x onerror=${P}>">` },
        { type: 'html', html: `<a id="cookie" name="cookie" href="vbscript:${P}">表</a><img name="getElementById" src="x-missing-2.png" onerror="${P}">` },
        { type: 'image', src: `javascript:${P}`, caption: '被丢弃的图片' },
        { type: 'image', src: '/demo/img/photo-1.svg', srcset: `javascript:${P} 2x`, caption: `<img src=x onerror="${P}">说明`, alt: `" onerror="${P}` },
      ],
      attachments: [{ title: '附件', href: `javascript:${P}` }, { title: '好附件', href: '/files/a.pdf' }],
      prev: { title: '上一篇', href: `javascript:${P}` },
      next: { title: '下一篇', href: `data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZCgpPC9zY3JpcHQ+` },
    };
    const warn = console.warn;
    const warnings: unknown[][] = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
    const host = newHost();
    const el = document.createElement('court-article') as CourtArticleElement;
    el.article = article as unknown as CourtArticleElement['article'];
    host.append(el);
    try {
      await el.updateComplete;
      const shadow = el.shadowRoot!;
      expect(shadow.querySelector('h1')!.textContent).to.equal(article.title);
      const photos = Array.from(shadow.querySelectorAll('photo-caption'));
      await Promise.all(photos.map((photo) => (photo as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete));
      await settle([shadow, ...photos.map((photo) => photo.shadowRoot!)]);
      const all = deepElements(shadow);
      for (const node of all) {
        expect(['svg', 'math', 'iframe', 'form', 'input', 'script', 'style', 'noscript'], node.localName).to.not.include(node.localName);
        for (const attr of Array.from(node.attributes)) {
          expect(attr.name.startsWith('on'), `${attr.name} on <${node.localName}>`).to.equal(false);
          if (['href', 'src', 'srcset', 'action'].includes(attr.name)) {
            expect(attr.value, `${attr.name} on <${node.localName}>`).to.not.match(/^\s*(javascript|vbscript|data)\s*:/i);
          }
        }
      }
      for (const link of all.filter((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement)) {
        if (link.hasAttribute('href')) expect(['http:', 'https:', 'mailto:', 'tel:'], link.href).to.include(link.protocol);
        link.addEventListener('click', (event) => event.preventDefault(), { once: true });
        link.click();
      }
      // The benign parts are still there, as text.
      expect(shadow.querySelector('[part="byline"]')!.textContent).to.contain(article.author);
      expect(Array.from(shadow.querySelectorAll('[part="body"] p')).map((p) => p.textContent)).to.include('片段');
      expect(photos).to.have.length(1);
      expect(photos[0]!.shadowRoot!.querySelector('figcaption')!.textContent).to.contain('<img src=x');
      expect(Array.from(shadow.querySelectorAll('[part="attachments"] a')).map((a) => a.textContent)).to.deep.equal(['好附件']);
      expect(shadow.querySelector('[part="pager"]')).to.equal(null);
      await settle([shadow]);
      expectNotClobbered('hostile article');
      expectNothingRan('hostile article');
      expect(warnings.length, 'the dropped URLs are reported').to.be.greaterThan(0);
    } finally {
      console.warn = warn;
    }
  });
});

describe('sanitizer output', () => {
  it('is the same in Chromium as under jsdom for the shared inputs', () => {
    for (const [kind, input, output] of SANITIZER_PAIRS) {
      expect(kind === 'inline' ? sanitizeInline(input) : sanitizeFragment(input), input).to.equal(output);
    }
  });

  it('is empty for html longer than the documented limit', () => {
    const atLimit = '<b>x</b>' + 'x'.repeat(LIMITS.maxHtmlLength - 8);
    expect(sanitizeInline(atLimit).length).to.equal(LIMITS.maxHtmlLength);
    expect(sanitizeFragment(atLimit + 'x')).to.equal('');
    expect(sanitizeInline(atLimit + 'x')).to.equal('');
  });

  it('hands back input without a "<" as it is, shown exactly as when it is parsed', async () => {
    const plain = [
      '2024年伊始,最高人民法院在全国法院部署开展',
      'a &lt;b&gt; &amp; c &quot;q&quot; &#39;s&#39;',
      `&lt;img src=x onerror=${P}&gt;`,
      '&#60;script&#62;&#x3C;/script&#x3E;',
      'x > y && y > z',
      '"双引号" \'单引号\' a&nbsp;b\u00a0c',
      '第一行\r\n第二行\r第三行\t完',
      '&amp;lt; 双重编码 &unknown; &#0; &#xD800;',
      'ئۇيغۇر تىلى',
    ];
    for (const text of plain) {
      for (const [name, sanitize] of [['inline', sanitizeInline], ['fragment', sanitizeFragment]] as const) {
        const fast = sanitize(text);
        expect(fast, `${name}: ${text}`).to.equal(text);
        // The same text behind an empty allowed tag goes through DOMPurify's parser.
        const parsed = sanitize(`<b></b>${text}`);
        expect(parsed.startsWith('<b></b>'), `${name}: ${parsed}`).to.equal(true);
        const shown = renderWithLit(fast).querySelector('.body')!;
        const reference = renderWithLit(parsed).querySelector('.body')!;
        expect(shown.children.length, `${name}: no element from ${text}`).to.equal(0);
        expect(shown.textContent, `${name}: ${text}`).to.equal(reference.textContent);
      }
    }
    await settle([document.body]);
    expectNothingRan('plain text');
  });

  it('renders nothing for empty input with Lit', async () => {
    const shadow = renderWithLit(sanitizeFragment(''));
    expect(shadow.querySelector('.body')!.childElementCount).to.equal(0);
    render(nothing, shadow);
  });
});

describe('Trusted Types', () => {
  it('names the policies a strict page must allow', () => {
    expect(TRUSTED_TYPES_POLICY_NAME).to.equal('court-widgets');
    expect([...TRUSTED_TYPES_POLICY_NAMES]).to.deep.equal(['court-widgets', 'lit-html']);
  });

  it('sanitizes and renders under require-trusted-types-for with only court-widgets and lit-html allowed', async () => {
    const base = location.origin;
    const sanitizeUrl = new URL('../../src/internal/sanitize.ts', import.meta.url).href;
    const csp = `require-trusted-types-for 'script'; trusted-types ${TRUSTED_TYPES_POLICY_NAMES.join(' ')}`;
    const probe = `
      const report = { violations: [], pwned: [], warnings: [] };
      document.addEventListener('securitypolicyviolation', (e) => report.violations.push(e.violatedDirective + ' ' + (e.sample || '')));
      window.__pwned = () => report.pwned.push('pwned');
      const warn = console.warn;
      console.warn = (...args) => report.warnings.push(args.join(' '));
      globalThis.litIssuedWarnings = new Set(['dev-mode']);
      try {
        const { sanitizeInline, sanitizeFragment } = await import(${JSON.stringify(sanitizeUrl)});
        const { html, render } = await import(${JSON.stringify(`${base}/node_modules/lit/index.js`)});
        const { unsafeHTML } = await import(${JSON.stringify(`${base}/node_modules/lit/directives/unsafe-html.js`)});
        const inline = sanitizeInline('要提高政治站位,<strong>扛牢主体责任</strong><img src=x onerror=__pwned()>');
        const fragment = sanitizeFragment('<table><tr><td>单元</td></tr></table><a href="javascript:__pwned()">链接</a><svg onload=__pwned()></svg>');
        report.types = [typeof inline, typeof fragment];
        const out = document.getElementById('out');
        render(html\`<p>\${unsafeHTML(inline)}</p>\${unsafeHTML(fragment)}\`, out);
        report.html = out.innerHTML.replace(/<!--[^]*?-->/g, '');
        for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
        report.renderViolations = report.violations.splice(0);
        // Control: a plain string at an HTML sink is refused, and reported.
        try { out.innerHTML = '<b>raw</b>'; report.rawString = 'accepted'; } catch (e) { report.rawString = e.name; }
      } catch (e) {
        report.error = String(e && e.stack || e);
      }
      console.warn = warn;
      for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
      parent.postMessage({ ttProbe: report }, '*');
    `;
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><meta http-equiv="Content-Security-Policy" content="${csp}"><div id="out"></div><script type="module">${probe}</script>`;
    const reported = new Promise<Record<string, unknown>>((resolve) => {
      const onMessage = (event: MessageEvent) => {
        if (event.source === frame.contentWindow && event.data?.ttProbe) {
          window.removeEventListener('message', onMessage);
          resolve(event.data.ttProbe as Record<string, unknown>);
        }
      };
      window.addEventListener('message', onMessage);
    });
    newHost().append(frame);
    const report = await reported;
    expect(report.error, String(report.error)).to.equal(undefined);
    expect(report.rawString, 'the frame really enforces Trusted Types').to.equal('TypeError');
    expect(report.types).to.deep.equal(['string', 'string']);
    expect(report.html).to.equal('<p>要提高政治站位,<strong>扛牢主体责任</strong></p><table><tbody><tr><td>单元</td></tr></tbody></table><a>链接</a>');
    expect(report.renderViolations, 'securitypolicyviolation events while sanitizing and rendering').to.deep.equal([]);
    expect(report.violations, 'the control assignment is reported').to.have.length(1);
    expect(report.warnings).to.deep.equal([]);
    expect(report.pwned).to.deep.equal([]);
  });

  it('markup that keeps a thousand formatting elements open is cleaned at once, without them (it would hold the parser for minutes)', () => {
    const html = Array.from({ length: 1000 }, (_, i) => `<p><font size="${i}">第${i}段</p>`).join('');
    const out = sanitizeFragment(html);
    expect(out.match(/<p>/g)).to.have.length(1000);
    expect(out).not.to.include('<font');
    expect(out.replace(/<[^>]*>/g, '')).to.equal(html.replace(/<[^>]*>/g, ''));
  });
});
