// The script-tag bundles on hostile host pages: pages that imitate old court CMS templates
// (tests/fixtures/hostile/*.html) with global CSS resets, quirks mode, an AMD loader, polluted
// prototypes, an error-swallowing window.onerror, globals named like our dependencies, a
// <base href>, DOM clobbering, libraries that overwrite built-ins (Prototype 1.6, json2,
// whatwg-fetch, es6-promise, es6-shim), 哀悼 grayscale filters, 无障碍 / 适老化 toolbars, IE
// and 360 meta tags with document.domain, and GBK pages. Each page is opened in an iframe;
// the seed article, printed inline by the page, must render and behave as on the clean
// reference page (clean.html): same text, same computed text size and line height inside the
// shadow tree, same photo boxes, the same response to the 字号, 关怀模式, 打印, 朗读 and photo
// controls; so must the standalone photo, the footer and its visitor counter printed after it
// (reading the real counter service the test server puts behind /counter/); nothing may reach
// the page's error or console spy (tests/fixtures/hostile/spy.js); hostile markup stays
// sanitized.
//
// Run after `npm run build` (`npm test` builds first): the pages load dist/.
import { expect, waitUntil } from '@open-wc/testing';

const FIXTURES = '/tests/fixtures/hostile/';
const TAGS = ['court-article', 'photo-caption', 'print-controls', 'visitor-counter', 'court-footer'];

interface HostileReports {
  errors: string[];
  console: string[];
}

type FixtureWindow = Window &
  typeof globalThis & {
    __hostileReports: HostileReports;
    __hostileEvents: string[];
    ES6Promise?: { Promise: unknown };
    domainSet?: boolean;
    cmsPage?: () => string;
    oldLibraryCalls?: { parse: number; stringify: number; fetch: string[] };
    __pwned?: number;
    amdCalls?: string[];
    swallowed?: string[];
    fakePurifyCalls?: number;
    elderToolbar: {
      zoom(scale: number): void;
      rootFontSize(px: number): void;
      enlargeText(step: number): void;
      pointReading(): number;
      wrapEveryText(): number;
      toTraditional(): void;
      toSimplified(): void;
      highContrast(): void;
    };
  };

interface ArticleElement extends HTMLElement {
  updateComplete: Promise<unknown>;
  article?: unknown;
  reload?(): void;
}

/** What a reader gets from the article, measured in the page's own realm. */
interface Metrics {
  title: string;
  byline: string;
  /** Text of the body without the photos, and the photos' captions. */
  body: string;
  captions: string[];
  /** Computed font size (px) of the print-controls buttons, in the page's light DOM. */
  controlsSize: number;
  /** Computed font size and line height (px) of the first body paragraph, and of the title. */
  paragraph: { fontSize: number; lineHeight: number; fontFamily: string; color: string };
  heading: { fontSize: number; lineHeight: number };
  titleSize: number;
  /** Each photo: what is shown, and its box's width:height (two decimals). */
  photos: { shown: 'image' | 'placeholder'; ratio: number }[];
  /** Paragraph font size after the reader pressed 大, then 特大. */
  large: number;
  xLarge: number;
  /** The first photo's dialog opened on click and closed from its close button. */
  dialog: boolean;
  /** 关怀模式 pressed: the first paragraph's colour and line height (px); and pressed again. */
  care: { color: string; lineHeight: number; off: boolean };
  /** 打印 pressed: what was marked when the page's print() ran, and whether afterprint undid it. */
  print: { target: string | null; header: boolean; restored: boolean };
  /** 朗读: whether it can be pressed, and the note beside it (the test browser has no voices). */
  readAloud: { disabled: boolean; note: string };
  /** The standalone <photo-caption> printed after the article. */
  standalone: { caption: string; captionSize: number; fontFamily: string; shown: 'image' | 'placeholder'; ratio: number };
  /** <court-footer>: its text without the counter, the size and leading of its text, its padding. */
  footer: { text: string; fontSize: number; lineHeight: number; fontFamily: string; nameSize: number; padding: string };
  /** The <visitor-counter> in the footer: its sentence, and the size and leading of its text. */
  counter: { text: string; fontSize: number; lineHeight: number };
}

const compact = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, '');

/** Text through shadow roots (slots followed), without scripts and styles. Realm-independent. */
function deepText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) return '';
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : undefined;
  if (el && ['script', 'style', 'template'].includes(el.localName)) return '';
  if (el?.localName === 'slot') return (el as HTMLSlotElement).assignedNodes({ flatten: true }).map(deepText).join('');
  if (el?.shadowRoot) return deepText(el.shadowRoot);
  return [...node.childNodes].map(deepText).join('');
}

/** What a photo shows, and its box's width:height (two decimals). */
function photoBox(photo: Element): { shown: 'image' | 'placeholder'; ratio: number } {
  const shadow = photo.shadowRoot!;
  const img = shadow.querySelector('img.photo');
  const box = (img ?? shadow.querySelector('[part~="placeholder"]'))!.getBoundingClientRect();
  return { shown: img ? 'image' : 'placeholder', ratio: Math.round((box.width / box.height) * 100) / 100 };
}

/** Waits until a photo has rendered and either loaded or shown its placeholder. Photos load lazily: it is scrolled into view first, as a reader would. */
async function photoSettled(photo: ArticleElement): Promise<void> {
  await waitUntil(() => photo.shadowRoot?.querySelector('figure'), 'a photo did not render', { timeout: 10_000 });
  photo.scrollIntoView({ block: 'center' });
  await waitUntil(
    () => {
      const img = photo.shadowRoot!.querySelector<HTMLImageElement>('img.photo');
      return !img || (img.complete && img.naturalWidth > 0);
    },
    'a photo neither loaded nor failed',
    { timeout: 10_000 },
  );
  await photo.updateComplete;
}

/** Text of the article body without its photos (whose text depends on whether they loaded). */
function textWithoutPhotos(node: Node): string {
  if (node.nodeType === Node.ELEMENT_NODE && (node as Element).localName === 'photo-caption') return '';
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  return [...node.childNodes].map(textWithoutPhotos).join('');
}

/** Opens a fixture page in an iframe (with a query string when given) and waits for its load. */
async function open(name: string, query = ''): Promise<{ win: FixtureWindow; doc: Document }> {
  // The 字号 and 关怀模式 choices persist per origin: every page starts from the defaults.
  for (const key of Object.keys(localStorage)) if (key.startsWith('court-widgets:')) localStorage.removeItem(key);
  const iframe = document.createElement('iframe');
  iframe.style.cssText = 'width:1100px;height:900px;border:0';
  iframe.src = `${FIXTURES}${name}.html${query}`;
  const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  document.body.append(iframe);
  await loaded;
  return { win: iframe.contentWindow as FixtureWindow, doc: iframe.contentDocument! };
}

/**
 * `markup` in ASCII, as it must be to be read the same in any ASCII-compatible encoding: other
 * characters as character references, and inside scripts as JSON escapes (a script's text is
 * not HTML, and the inline data is JSON).
 */
function asciiMarkup(markup: string): string {
  const html = (text: string) => [...text].map((c) => (c.charCodeAt(0) < 0x80 ? c : `&#${c.codePointAt(0)};`)).join('');
  const js = (text: string) => text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return markup
    .split(/(<script[^>]*>[\s\S]*?<\/script>)/)
    .map((part, i) => (i % 2 === 1 ? js(part) : html(part)))
    .join('');
}

/**
 * A GBK page (as many court sites still are) printing the clean page's content, with the
 * bundle from a server that sends no charset for .js files (a blob: address with a bare
 * text/javascript type stands for it): the browser decodes such a classic script in the
 * page's encoding unless the tag says `charset="utf-8"`; module scripts are always UTF-8.
 */
async function openGbk(bundleTag: (src: string) => string): Promise<{ win: FixtureWindow; doc: Document }> {
  const reference = await open('clean');
  const body = asciiMarkup(reference.win.cmsPage!());
  const file = bundleTag('').includes('module') ? 'court-widgets.min.js' : 'court-widgets.iife.min.js';
  const bundle = await (await fetch(`/dist/${file}`)).arrayBuffer();
  const src = URL.createObjectURL(new Blob([bundle], { type: 'text/javascript' }));
  const page =
    '<!doctype html><html lang="zh-CN"><head><meta charset="gbk">' +
    `<base href="${location.origin}${FIXTURES}"><title>GBK</title><script src="spy.js"></script>` +
    `${bundleTag(src)}</head><body>${body}</body></html>`;
  document.querySelectorAll('iframe').forEach((f) => f.remove());
  for (const key of Object.keys(localStorage)) if (key.startsWith('court-widgets:')) localStorage.removeItem(key);
  const iframe = document.createElement('iframe');
  iframe.style.cssText = 'width:1100px;height:900px;border:0';
  iframe.src = URL.createObjectURL(new Blob([page], { type: 'text/html; charset=gbk' }));
  const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  document.body.append(iframe);
  await loaded;
  return { win: iframe.contentWindow as FixtureWindow, doc: iframe.contentDocument! };
}

/** Waits until the seed article and each of its photos have rendered and the photos settled. */
async function rendered(win: FixtureWindow, doc: Document): Promise<ArticleElement> {
  await waitUntil(() => TAGS.every((tag) => win.customElements.get(tag)), 'the bundle did not register every element', { timeout: 10_000 });
  const el = doc.getElementById('a') as ArticleElement;
  await waitUntil(() => el.shadowRoot?.querySelector('h1'), 'the article did not render', { timeout: 10_000 });
  await el.updateComplete;
  // Every photo, in the article and on its own, either loaded or was replaced by its placeholder.
  for (const photo of [...el.shadowRoot!.querySelectorAll('photo-caption'), doc.getElementById('p')!]) {
    await photoSettled(photo as ArticleElement);
  }
  return el;
}

function px(win: Window, el: Element): { fontSize: number; lineHeight: number } {
  const style = win.getComputedStyle(el);
  return { fontSize: parseFloat(style.fontSize), lineHeight: parseFloat(style.lineHeight) };
}

function buttonByText(root: ParentNode, text: string): HTMLButtonElement {
  const button = [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === text);
  expect(button, `button ${text}`).to.exist;
  return button!;
}

/** The text of a rendered article: title, byline, body without its photos, and the photos' captions. */
function articleText(root: ShadowRoot): Pick<Metrics, 'title' | 'byline' | 'body' | 'captions'> {
  return {
    title: compact(root.querySelector('[part~="title"]')?.textContent),
    byline: compact(root.querySelector('[part~="byline"]')?.textContent),
    body: compact(textWithoutPhotos(root.querySelector('[part~="body"]')!)),
    captions: [...root.querySelectorAll('photo-caption')].map((p) => compact(p.shadowRoot!.querySelector('figcaption')?.textContent)),
  };
}

async function measure(win: FixtureWindow, doc: Document): Promise<Metrics> {
  const el = await rendered(win, doc);
  const root = el.shadowRoot!;
  const paragraph = root.querySelector('.body p')!;
  const photos = [...root.querySelectorAll('photo-caption')].map(photoBox);

  // The 字号 control, as a reader uses it.
  const controls = doc.querySelector('print-controls')!;
  await waitUntil(() => controls.shadowRoot?.querySelector('button'), 'print-controls did not render', { timeout: 10_000 });
  const sizeAfter = async (label: string, value: string) => {
    buttonByText(controls.shadowRoot!, label).click();
    await waitUntil(() => el.getAttribute('font-size') === value, `字号 ${label} did not apply`);
    await el.updateComplete;
    return px(win, root.querySelector('.body p')!).fontSize;
  };
  const large = await sizeAfter('大', 'large');
  const xLarge = await sizeAfter('特大', 'x-large');
  await sizeAfter('中', 'medium');

  // The first photo's dialog, when the photo loaded.
  let dialog = false;
  const first = root.querySelector('photo-caption')!.shadowRoot!;
  const openButton = first.querySelector<HTMLButtonElement>('button.open');
  if (openButton) {
    openButton.click();
    const dlg = first.querySelector('dialog')!;
    await waitUntil(() => dlg.open, 'the photo dialog did not open');
    first.querySelector<HTMLButtonElement>('dialog button.close')!.click();
    await waitUntil(() => !dlg.open, 'the photo dialog did not close');
    dialog = true;
  }

  // 关怀模式, on and off again.
  buttonByText(controls.shadowRoot!, '关怀模式').click();
  await waitUntil(() => el.hasAttribute('care'), '关怀模式 did not apply');
  await el.updateComplete;
  const careStyle = win.getComputedStyle(root.querySelector('.body p')!);
  const careOn = { color: careStyle.color, lineHeight: parseFloat(careStyle.lineHeight) };
  buttonByText(controls.shadowRoot!, '关怀模式').click();
  await waitUntil(() => !el.hasAttribute('care'), '关怀模式 did not switch off');

  // 打印, with the page's print dialog replaced by a probe of the layout it would print.
  let print = { target: null as string | null, header: false, restored: false };
  win.print = () => {
    print = {
      target: doc.querySelector('[data-court-print-target]')?.id ?? null,
      header: doc.querySelector('[data-court-print-header]') !== null,
      restored: false,
    };
  };
  buttonByText(controls.shadowRoot!, '打印').click();
  win.dispatchEvent(new win.Event('afterprint'));
  print.restored = doc.querySelector('[data-court-print-target], [data-court-print-path], [data-court-print-header]') === null;

  const read = controls.shadowRoot!.querySelector<HTMLButtonElement>('button.read')!;
  const readAloud = { disabled: read.disabled, note: compact(controls.shadowRoot!.querySelector('[part~="note"]')?.textContent) };

  const standalone = doc.getElementById('p')!;
  const standaloneCaption = standalone.shadowRoot!.querySelector('figcaption')!;

  const footerEl = doc.getElementById('f')!;
  await waitUntil(() => footerEl.shadowRoot?.querySelector('[part~="name"]'), 'the footer did not render', { timeout: 10_000 });
  const counterEl = footerEl.querySelector('visitor-counter')!;
  await waitUntil(() => counterEl.shadowRoot?.querySelector('[part~="number"]'), 'the visitor counter did not show a number', { timeout: 10_000 });
  // Its request answered (a number kept from an earlier page shows before that).
  await waitUntil(
    () => win.__hostileEvents.some((e) => e.startsWith('visitor-counter-updated')) || win.__hostileReports.console.some((line) => line.includes('visitor-counter')),
    'the visitor counter\'s request did not end',
    { timeout: 10_000 },
  );
  const footerBase = footerEl.shadowRoot!.querySelector('.footer')!;
  const counterText = counterEl.shadowRoot!.querySelector('[part~="text"]')!;

  return {
    care: { ...careOn, off: win.getComputedStyle(root.querySelector('.body p')!).color !== careOn.color },
    print,
    readAloud,
    standalone: {
      caption: compact(standaloneCaption.textContent),
      captionSize: px(win, standaloneCaption).fontSize,
      fontFamily: win.getComputedStyle(standaloneCaption).fontFamily,
      ...photoBox(standalone),
    },
    footer: {
      text: compact(deepText(footerEl.shadowRoot!).replace(deepText(counterEl), '')),
      ...px(win, footerBase),
      fontFamily: win.getComputedStyle(footerBase).fontFamily,
      nameSize: px(win, footerEl.shadowRoot!.querySelector('[part~="name"]')!).fontSize,
      padding: win.getComputedStyle(footerBase).padding,
    },
    counter: { text: compact(deepText(counterEl)), ...px(win, counterText) },
    ...articleText(root),
    controlsSize: px(win, controls.shadowRoot!.querySelector('button')!).fontSize,
    paragraph: { ...px(win, paragraph), fontFamily: win.getComputedStyle(paragraph).fontFamily, color: win.getComputedStyle(paragraph).color },
    heading: px(win, root.querySelector('.body h2')!),
    titleSize: px(win, root.querySelector('h1')!).fontSize,
    photos,
    large,
    xLarge,
    dialog,
  };
}

/**
 * Hostile markup in a second article on the page: it must come out sanitized, run nothing,
 * and never go through a DOMPurify the page put on window.
 */
async function expectHostileMarkupSanitized(win: FixtureWindow, doc: Document): Promise<void> {
  const el = doc.createElement('court-article') as ArticleElement;
  el.article = {
    version: 1,
    title: '敌意内容',
    publishedAt: '2024-02-28T20:54:53+08:00',
    body: [
      { type: 'paragraph', html: '甲<img src=x onerror="window.__pwned=1"><a href="javascript:window.__pwned=2">乙</a>' },
      { type: 'html', html: '<p>丙</p><script>window.__pwned=3</script><svg><script>window.__pwned=4</script></svg><iframe src="javascript:parent.__pwned=5"></iframe><form name="body"><input name="x"></form>' },
    ],
  };
  doc.body.append(el);
  await waitUntil(() => el.shadowRoot?.querySelector('.html-block'), 'the hostile article did not render', { timeout: 10_000 });
  await el.updateComplete;
  await new Promise((resolve) => win.setTimeout(resolve, 50));
  const markup = el.shadowRoot!.querySelector('[part~="body"]')!.innerHTML;
  expect(compact(deepText(el.shadowRoot!.querySelector('[part~="body"]')!))).to.equal('甲乙丙');
  expect(markup).not.to.match(/onerror|javascript:|<script|<svg|<iframe|<form|<img/i);
  expect(win.__pwned, 'injected script ran').to.equal(undefined);
  // Only what the data says: no field inherited from a polluted Object.prototype.
  const shown = compact(deepText(el.shadowRoot!));
  expect(shown).not.to.include('被注入');
  expect(el.shadowRoot!.querySelector('[part~="kicker"], [part~="pager"]'), 'kicker or pager the data does not have').to.equal(null);
  el.remove();
}

/**
 * The console warning of an article whose JSON script sits inside a <div> instead of being its
 * direct child (it names where the script was), taken out of the spy's record.
 */
async function misplacedJsonWarning(win: FixtureWindow, doc: Document): Promise<string[]> {
  const before = win.__hostileReports.console.length;
  const el = doc.createElement('court-article') as ArticleElement;
  el.innerHTML = '<div class="wrapper"><script type="application/json">{"version":1}</script></div>';
  doc.body.append(el);
  await el.updateComplete;
  el.remove();
  return win.__hostileReports.console.splice(before);
}

/**
 * The error an article shows for a refused `src` long enough to be shortened, made of
 * characters outside the BMP; its console warning is taken out of the spy's record.
 */
async function refusedSrcError(win: FixtureWindow, doc: Document): Promise<string> {
  const before = win.__hostileReports.console.length;
  const el = doc.createElement('court-article') as ArticleElement;
  el.setAttribute('src', `javascript:${'𠀀'.repeat(60)}`);
  doc.body.append(el);
  await waitUntil(() => el.shadowRoot?.querySelector('[part~="error"]'), 'the refused src showed no error', { timeout: 10_000 });
  const text = el.shadowRoot!.querySelector('[part~="error"]')!.textContent!;
  el.remove();
  expect(win.__hostileReports.console.splice(before)).to.deep.equal([
    'warn: <court-article>: the article data is invalid and was not rendered (1). [object Object]',
  ]);
  return compact(text);
}

/** Whether the reader can reach a button: on screen once scrolled to, and the topmost element at its centre. */
function reachable(win: Window, button: HTMLElement): boolean {
  button.scrollIntoView({ block: 'center' });
  const box = button.getBoundingClientRect();
  const inside = box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= win.innerHeight && box.right <= win.innerWidth;
  const root = button.getRootNode() as Document | ShadowRoot;
  return inside && root.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) === button;
}

/**
 * The standalone photo's viewer, opened with the page scrolled far down: its box in the
 * viewport (rounded px), and whether its close button can be reached; closed again after.
 */
async function viewerBox(win: FixtureWindow, doc: Document): Promise<{ box: number[]; close: boolean }> {
  const photo = doc.getElementById('p') as ArticleElement;
  photo.scrollIntoView({ block: 'end' });
  const shadow = photo.shadowRoot!;
  shadow.querySelector<HTMLButtonElement>('button.open')!.click();
  const dialog = shadow.querySelector('dialog')!;
  await waitUntil(() => dialog.open, 'the photo viewer did not open');
  const img = dialog.querySelector('img');
  if (img) await waitUntil(() => img.complete, 'the full image did not load');
  const r = dialog.getBoundingClientRect();
  const close = dialog.querySelector<HTMLButtonElement>('button.close')!;
  const result = { box: [r.left, r.top, r.width, r.height].map(Math.round), close: reachable(win, close) };
  close.click();
  await waitUntil(() => !dialog.open, 'the photo viewer did not close');
  return result;
}

/**
 * What is wrong with the layout a reader sees: a control that cannot be reached, blocks of the
 * article's head that overlap, a photo viewer that does not fit the viewport. Empty when fine.
 */
async function layoutProblems(win: FixtureWindow, doc: Document): Promise<string[]> {
  const problems: string[] = [];
  const controls = doc.querySelector('print-controls')!;
  for (const button of controls.shadowRoot!.querySelectorAll('button')) {
    if (!reachable(win, button)) problems.push(`${button.textContent!.trim()} cannot be reached`);
  }
  const root = doc.getElementById('a')!.shadowRoot!;
  const blocks = [root.querySelector('[part~="title"]')!, root.querySelector('[part~="byline"]')!, controls, root.querySelector('.body p')!];
  const boxes = blocks.map((block) => block.getBoundingClientRect());
  boxes.forEach((a, i) =>
    boxes.slice(i + 1).forEach((b, j) => {
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
        problems.push(`${blocks[i]!.localName} overlaps ${blocks[i + 1 + j]!.localName}`);
      }
    }),
  );
  const viewer = await viewerBox(win, doc);
  const [left, top, width, height] = viewer.box as [number, number, number, number];
  if (left < 0 || top < 0 || left + width > win.innerWidth || top + height > win.innerHeight) {
    problems.push(`the photo viewer (${viewer.box.join(' ')}) does not fit ${win.innerWidth}×${win.innerHeight}`);
  }
  if (!viewer.close) problems.push('the photo viewer cannot be closed');
  return problems;
}

/** Relative luminance of a computed `rgb()`/`rgba()` colour. */
function luminance(color: string): number {
  const [r, g, b] = color.match(/[\d.]+/g)!.slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** Contrast of an element's text with the first opaque background behind it, through shadow hosts. */
function contrast(win: Window, el: Element): number {
  let background = 'rgb(255, 255, 255)';
  for (let node: Element | null = el; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null)) {
    const color = win.getComputedStyle(node).backgroundColor;
    if (!/^rgba\(.*, 0\)$/.test(color) && color !== 'transparent') {
      background = color;
      break;
    }
  }
  const [a, b] = [luminance(win.getComputedStyle(el).color), luminance(background)].sort((x, y) => y - x);
  return (a! + 0.05) / (b! + 0.05);
}

function expectQuiet(win: FixtureWindow): void {
  expect(win.__hostileReports.errors, 'errors seen by the spy').to.deep.equal([]);
  expect(win.__hostileReports.console, 'console errors and warnings').to.deep.equal([]);
}

/** The elements' events (spy.js) by type, each type's in the order they fired. */
function eventsByType(win: FixtureWindow): Record<string, string[]> {
  const byType: Record<string, string[]> = {};
  for (const event of win.__hostileEvents) (byType[event.split(':')[0]!] ??= []).push(event);
  return byType;
}

describe('hostile host pages', function () {
  let clean: Metrics;
  let cleanEvents: Record<string, string[]>;

  before(async function () {
    const { win, doc } = await open('clean');
    clean = await measure(win, doc);
    cleanEvents = eventsByType(win);
    expectQuiet(win);
  });

  afterEach(() => {
    document.querySelectorAll('iframe').forEach((f) => f.remove());
  });

  it('the clean reference page shows the whole seed article', async () => {
    const seed = (await (await fetch('/demo/data/seed-article.json')).json()) as {
      title: string;
      author: string;
      body: { type: string; text?: string; caption?: string }[];
    };
    expect(clean.title).to.equal(compact(seed.title));
    expect(clean.byline).to.include(compact(seed.author));
    expect(clean.byline).to.include('2024-02-2820:54:53');
    for (const block of seed.body) {
      if (block.type === 'image') continue;
      expect(clean.body).to.include(compact(block.text));
    }
    expect(clean.captions).to.deep.equal(seed.body.filter((b) => b.type === 'image').map((b) => `▲${compact(b.caption)}`));
    expect(clean.photos).to.have.length(seed.body.filter((b) => b.type === 'image').length);
    expect(clean.photos.every((p) => p.shown === 'image')).to.equal(true);
    expect(clean.paragraph.fontSize).to.be.at.least(16);
    expect(clean.large).to.be.at.least(20);
    expect(clean.xLarge).to.be.at.least(24);
    expect(clean.dialog).to.equal(true);
    expect(clean.care).to.deep.equal({ color: 'rgb(0, 0, 0)', lineHeight: clean.paragraph.fontSize * 2, off: true });
    expect(clean.print).to.deep.equal({ target: 'a', header: true, restored: true });
    expect(clean.standalone).to.include({ caption: '▲于长春院长考察上马法庭', shown: 'image', ratio: clean.photos[0]!.ratio });
    expect(clean.standalone.captionSize).to.equal(15);
    const site = (await (await fetch('/demo/data/site.json')).json()) as { name: string };
    expect(clean.footer.text).to.include(compact(site.name));
    expect(clean.footer.text).to.include('12368');
    expect(clean.footer.fontSize).to.equal(16);
    expect(clean.footer.padding).to.equal('24px 16px');
    // The two visits the test server's counter service counted at start; the automated browser only reads.
    expect(clean.counter.text).to.match(/[^\d]2[^\d]/);
    expect(clean.counter.fontSize).to.equal(16);
  });

  it('the spy reports what a page swallows (negative control)', async () => {
    const { win } = await open('spy-control');
    expect(win.__hostileReports.console).to.deep.equal(['error: host page problem']);
    expect(win.__hostileReports.errors).to.have.length(1);
    expect(win.__hostileReports.errors[0]).to.match(/undefinedHostFunction/);
  });

  it('global CSS resets, floats and table layout do not reach inside', async () => {
    const { win, doc } = await open('css-reset');
    expect(await measure(win, doc)).to.deep.equal(clean);
    await expectHostileMarkupSanitized(win, doc);
    expectQuiet(win);
  });

  it('quirks mode (no doctype) renders the same', async () => {
    const { win, doc } = await open('quirks');
    expect(doc.compatMode).to.equal('BackCompat');
    expect(await measure(win, doc)).to.deep.equal(clean);
    await expectHostileMarkupSanitized(win, doc);
    expectQuiet(win);
  });

  it('an AMD define and require are never called', async () => {
    const { win, doc } = await open('amd');
    expect(await measure(win, doc)).to.deep.equal(clean);
    expect(win.amdCalls).to.deep.equal([]);
    await expectHostileMarkupSanitized(win, doc);
    expectQuiet(win);
  });

  it('polluted Array, Object, String and Function prototypes change nothing', async () => {
    const { win, doc } = await open('polluted');
    expect(await measure(win, doc)).to.deep.equal(clean);
    await expectHostileMarkupSanitized(win, doc);
    expectQuiet(win);
  });

  it('a window.onerror that swallows errors has nothing to swallow', async () => {
    const { win, doc } = await open('onerror');
    expect(await measure(win, doc)).to.deep.equal(clean);
    await expectHostileMarkupSanitized(win, doc);
    expect(win.swallowed).to.deep.equal([]);
    expectQuiet(win);
  });

  it('globals named like the dependencies are left alone and never used (fake DOMPurify)', async () => {
    const { win, doc } = await open('dep-globals');
    expect(await measure(win, doc)).to.deep.equal(clean);
    await expectHostileMarkupSanitized(win, doc);
    const w = win as unknown as Record<string, unknown>;
    expect(win.fakePurifyCalls, 'the page\'s DOMPurify was called').to.equal(0);
    expect((w.lit as { version: string }).version).to.equal('1.0.0');
    expect(w.msg).to.equal('host msg');
    expect(w.css).to.equal('host css');
    // Lit adds its version to the page's list and keeps what was there.
    expect((w.litHtmlVersions as string[])[0]).to.equal('1.4.1');
    expectQuiet(win);
  });

  it('DOM clobbering of customElements, define and our globals changes nothing', async () => {
    const { win, doc } = await open('clobber');
    expect(await measure(win, doc)).to.deep.equal(clean);
    await expectHostileMarkupSanitized(win, doc);
    expectQuiet(win);
  });

  it('DOM clobbering of the globals Lit keeps on window changes nothing', async () => {
    const { win, doc } = await open('clobber-lit');
    expect(await measure(win, doc)).to.deep.equal(clean);
    await expectHostileMarkupSanitized(win, doc);
    expectQuiet(win);
  });

  it('DOM clobbering of document.currentScript and baseURI: an English page still gets its translation from beside the bundle', async () => {
    const { win, doc } = await open('clobber-script');
    expect(doc.documentElement.lang).to.equal('en');
    expect((doc as unknown as Record<string, unknown>).currentScript).to.be.instanceOf(win.HTMLImageElement);
    await waitUntil(() => TAGS.every((tag) => win.customElements.get(tag)), 'the bundle did not register every element', { timeout: 10_000 });
    const el = doc.getElementById('a') as ArticleElement;
    await waitUntil(() => el.shadowRoot?.querySelector('h1'), 'the article did not render', { timeout: 10_000 });
    await el.updateComplete;
    const shown = deepText(el);
    expect(shown).to.include('Editor in charge:');
    expect(shown).not.to.include('责任编辑');
    const requested = win.performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
    expect(requested).to.include('/dist/court-widgets.en.js');
    expectQuiet(win);
  });

  it('Prototype 1.6 rewrites of Array, Object.keys, bind, String and Element methods change nothing', async () => {
    const { win, doc } = await open('prototype');
    expect(win.JSON.stringify(win.Array.of(1, 2)), 'the fixture\'s toJSON').to.equal('"[1, 2]"');
    expect(win.Array.from(new win.Set([1])), 'the fixture\'s Array.from').to.deep.equal([]);
    expect(await measure(win, doc)).to.deep.equal(clean);
    await expectHostileMarkupSanitized(win, doc);
    expectQuiet(win);
  });

  it('Prototype 1.6 loaded after the bundle: rendering and the controls meet the rewritten built-ins', async () => {
    const reference = await open('clean');
    const warning = await misplacedJsonWarning(reference.win, reference.doc);
    expect(warning).to.have.length(1);
    expect(warning[0]).to.include('inside <div> ignored');
    const refused = await refusedSrcError(reference.win, reference.doc);
    expect(refused).to.include(`javascript:${'𠀀'.repeat(29)}…${'𠀀'.repeat(20)}`);
    const { win, doc } = await open('prototype', '?late');
    expect(win.Array.from(new win.Set([1])), 'the fixture\'s Array.from').to.deep.equal([]);
    expect(await measure(win, doc)).to.deep.equal(clean);
    expect(await misplacedJsonWarning(win, doc), 'the warning names where the JSON was').to.deep.equal(warning);
    expect(await refusedSrcError(win, doc), 'a shortened address keeps whole characters').to.equal(refused);
    await expectHostileMarkupSanitized(win, doc);
    expectQuiet(win);
  });

  describe('哀悼 mode: a grey filter on the page moves and clips nothing (controls, photo viewer)', () => {
    let viewer: { box: number[]; close: boolean };

    before(async () => {
      const { win, doc } = await open('clean');
      await rendered(win, doc);
      viewer = await viewerBox(win, doc);
      expect(viewer.close).to.equal(true);
      expect(viewer.box[2]).to.be.above(0);
    });

    for (const [where, query] of [['<html>', ''], ['<body>', '?body']] as const) {
      it(`filter on ${where}`, async () => {
        const { win, doc } = await open('mourning', query);
        const filtered = query ? doc.body : doc.documentElement;
        expect(win.getComputedStyle(filtered).filter).to.equal('grayscale(1)');
        expect(await measure(win, doc)).to.deep.equal(clean);
        expect(win.scrollY, 'the page is scrolled down to the article').to.be.above(1000);
        // On <body> the filter holds fixed boxes: the page's own fixed notice left the viewport's corner.
        const notice = doc.querySelector('.float-notice')!.getBoundingClientRect().bottom;
        if (query) expect(notice).not.to.equal(win.innerHeight);
        else expect(notice).to.equal(win.innerHeight);
        const controls = doc.querySelector('print-controls')!;
        for (const button of controls.shadowRoot!.querySelectorAll('button')) {
          expect(reachable(win, button), `${button.textContent!.trim()} can be reached`).to.equal(true);
        }
        expect(await viewerBox(win, doc)).to.deep.equal(viewer);
        await expectHostileMarkupSanitized(win, doc);
        expectQuiet(win);
      });
    }
  });

  describe('a 无障碍 / 适老化 toolbar', () => {
    it('文字放大, 指读 and a walker that wraps the JSON script\'s text: the elements and their data stay', async () => {
      const { win, doc } = await open('elder-toolbar');
      const el = await rendered(win, doc);
      win.elderToolbar.enlargeText(4);
      // The fallback's two text nodes; then those and the scripts' text.
      expect(win.elderToolbar.pointReading()).to.equal(2);
      expect(win.elderToolbar.wrapEveryText()).to.be.above(4);
      const json = el.querySelector('script[type="application/json"]')!;
      expect(json.firstElementChild?.localName, 'the walker wrapped the JSON text').to.equal('span');
      el.reload!();
      await el.updateComplete;
      const metrics = await measure(win, doc);
      // The counter and a standalone caption follow the text around them (here 4 px larger);
      // the article, its controls and the footer keep their own sizes: 字号 scales the article.
      expect(metrics.counter.fontSize).to.equal(clean.counter.fontSize + 4);
      expect(metrics.standalone.captionSize).to.be.above(clean.standalone.captionSize);
      expect({ ...metrics, counter: clean.counter, standalone: clean.standalone }).to.deep.equal(clean);
      await expectHostileMarkupSanitized(win, doc);
      expectQuiet(win);
    });

    it('a 简/繁 converter that rewrites script text too: the article follows the page, and back', async () => {
      const { win, doc } = await open('elder-toolbar');
      const el = await rendered(win, doc);
      const title = () => compact(el.shadowRoot!.querySelector('[part~="title"]')!.textContent);
      win.elderToolbar.toTraditional();
      await waitUntil(() => title() === '於長春在撫順縣人民法院調研時強調', 'the article did not take the converted JSON');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part~="error"]')).to.equal(null);
      win.elderToolbar.toSimplified();
      await waitUntil(() => title() === clean.title, 'the article did not take the JSON converted back');
      expect(await measure(win, doc)).to.deep.equal(clean);
      expectQuiet(win);
    });

    it('黑底黄字 inline colours on every element: the article\'s text stays on its own surface', async () => {
      const texts = (doc: Document) => {
        const root = doc.getElementById('a')!.shadowRoot!;
        return ['[part~="title"]', '[part~="byline"]', '.body p', '.body h2'].map((selector) => root.querySelector(selector)!);
      };
      const reference = await open('clean');
      await rendered(reference.win, reference.doc);
      const expected = texts(reference.doc).map((text) => contrast(reference.win, text));
      expect(Math.min(...expected)).to.be.at.least(4.5);

      const { win, doc } = await open('elder-toolbar');
      await rendered(win, doc);
      win.elderToolbar.highContrast();
      expect(win.getComputedStyle(doc.body).backgroundColor).to.equal('rgb(0, 0, 0)');
      expect(texts(doc).map((text) => contrast(win, text))).to.deep.equal(expected);
      expectQuiet(win);
    });

    it('页面放大 (zoom on <body>) and a larger root font size: 字号 still works, nothing overlaps or leaves the screen', async () => {
      const { win, doc } = await open('elder-toolbar');
      await rendered(win, doc);
      expect(await layoutProblems(win, doc), 'the page before the toolbar').to.deep.equal([]);

      const title = doc.getElementById('a')!.shadowRoot!.querySelector('[part~="title"]')!;
      const lineBefore = title.getBoundingClientRect().height;
      win.elderToolbar.zoom(1.5);
      expect(title.getBoundingClientRect().height / lineBefore, 'the page is zoomed').to.be.above(1.3);
      expect(await measure(win, doc), 'sizes are the same, zoomed as a whole').to.deep.equal(clean);
      expect(await layoutProblems(win, doc), 'zoomed').to.deep.equal([]);

      win.elderToolbar.zoom(1);
      win.elderToolbar.rootFontSize(20);
      const rooted = await measure(win, doc);
      // The article's text is 1.0625 rem and its 字号 steps at least 1.25 and 1.5 rem.
      expect(rooted.paragraph.fontSize).to.equal(21.25);
      expect(rooted.large).to.be.at.least(25);
      expect(rooted.xLarge).to.be.at.least(30);
      expect(await layoutProblems(win, doc), 'larger root font size').to.deep.equal([]);
      expectQuiet(win);
    });
  });

  describe('old polyfills that replace Promise, Map and Set', () => {
    it('the clean page\'s events, the reference', () => {
      expect(cleanEvents).to.deep.equal({
        'court-article-loaded': ['court-article-loaded: 于长春在抚顺县人民法院调研时强调'],
        'print-controls-changed': ['large', 'x-large', 'medium', 'medium care', 'medium'].map((d) => `print-controls-changed: ${d}`),
        'visitor-counter-updated': ['visitor-counter-updated: visits 2'],
      });
    });

    for (const [name, query] of [
      ['es6-promise with a MutationObserver scheduler, es6-shim Map and Set', ''],
      ['es6-promise with a setTimeout scheduler', '?timeout'],
    ] as const) {
      it(`${name}: updates, updateComplete, the counter, languages and events as on the clean page`, async () => {
        const { win, doc } = await open('old-polyfills', query);
        expect(win.Promise, 'the page\'s Promise').to.equal(win.ES6Promise!.Promise);
        expect(String(win.Map), 'the page\'s Map').not.to.include('[native code]');
        expect(await measure(win, doc)).to.deep.equal(clean);
        expect(eventsByType(win)).to.deep.equal(cleanEvents);
        const el = doc.getElementById('a') as ArticleElement;
        expect(await el.updateComplete).to.equal(true);
        // The page changes language and back: every element follows.
        const controls = doc.querySelector('print-controls')!;
        const printLabel = () => controls.shadowRoot!.querySelector('[part~="print-button"]')!.textContent!.trim();
        doc.documentElement.lang = 'en';
        await waitUntil(() => printLabel() === 'Print' && deepText(el).includes('Editor in charge:'), 'the page did not turn English', { timeout: 10_000 });
        doc.documentElement.lang = 'zh-CN';
        await waitUntil(() => printLabel() === '打印' && deepText(el).includes('责任编辑'), 'the page did not turn Chinese again', { timeout: 10_000 });
        await expectHostileMarkupSanitized(win, doc);
        expectQuiet(win);
      });
    }
  });

  it('json2.js\'s JSON and whatwg-fetch\'s fetch over the native ones: inline data, src and the counter go through them', async () => {
    const { win, doc } = await open('old-fetch-json');
    expect(await measure(win, doc)).to.deep.equal(clean);
    const fetched = doc.getElementById('s') as ArticleElement;
    await waitUntil(() => fetched.shadowRoot?.querySelector('h1'), 'the article from src did not render', { timeout: 10_000 });
    expect(articleText(fetched.shadowRoot!)).to.deep.equal({ title: clean.title, byline: clean.byline, body: clean.body, captions: clean.captions });
    const calls = win.oldLibraryCalls!;
    expect(calls.fetch).to.include('GET /demo/data/seed-article.json');
    expect(calls.fetch.some((call) => /^GET \S+\/counter\/api\/v1\/counts\?site=fs$/.test(call)), calls.fetch.join()).to.equal(true);
    expect(calls.parse, 'json2 parsed the inline, fetched and counter JSON').to.be.at.least(4);
    await expectHostileMarkupSanitized(win, doc);
    expectQuiet(win);
  });

  it('a template for IE and 360: XHTML Transitional, X-UA-Compatible, renderer webkit and document.domain', async () => {
    const { win, doc } = await open('legacy-meta');
    expect(doc.compatMode).to.equal('CSS1Compat');
    expect(doc.doctype!.publicId).to.equal('-//W3C//DTD XHTML 1.0 Transitional//EN');
    expect(win.domainSet, 'document.domain was set').to.equal(true);
    expect(await measure(win, doc)).to.deep.equal(clean);
    await expectHostileMarkupSanitized(win, doc);
    expectQuiet(win);
  });

  describe('a GBK page whose server sends the bundle without a charset', () => {
    const tags: Array<[string, (src: string) => string]> = [
      ['classic bundle with charset="utf-8" on its tag', (src) => `<script charset="utf-8" src="${src}"></script>`],
      ['module bundle (module scripts are always read as UTF-8)', (src) => `<script type="module" src="${src}"></script>`],
      ['classic bundle without charset (decoded as GBK: the bundle is ASCII, so it reads the same)', (src) => `<script src="${src}"></script>`],
    ];
    for (const [name, tag] of tags) {
      it(`${name}: as on the clean page`, async () => {
        const { win, doc } = await openGbk(tag);
        expect(doc.characterSet).to.equal('GBK');
        expect(await measure(win, doc)).to.deep.equal(clean);
        expectQuiet(win);
      });
    }
  });

  it('<base href> elsewhere: data URLs resolve against it, like the page\'s own images (expected difference: photos unreachable)', async () => {
    const { win, doc } = await open('base-elsewhere');
    const hostImage = doc.getElementById('host-image') as HTMLImageElement;
    expect(hostImage.src).to.equal('http://127.0.0.1:1/demo/img/photo-1.svg');
    const metrics = await measure(win, doc);
    // Expected, not a bug: the photos' root-relative paths resolve against the base, which is
    // unreachable, so each shows its placeholder, in the same box, and there is no dialog.
    expect(metrics.photos.every((p) => p.shown === 'placeholder')).to.equal(true);
    expect({ ...metrics, photos: metrics.photos.map((p) => p.ratio), dialog: true }).to.deep.equal({
      ...clean,
      photos: clean.photos.map((p) => p.ratio),
    });
    await expectHostileMarkupSanitized(win, doc);
    expectQuiet(win);
  });

  it('<base href> at the demo directory: the seed\'s relative image paths load through it', async () => {
    const { win, doc } = await open('base-demo');
    const metrics = await measure(win, doc);
    const el = doc.getElementById('a')!;
    const img = el.shadowRoot!.querySelector('photo-caption')!.shadowRoot!.querySelector('img')!;
    expect(img.getAttribute('src')).to.equal('img/photo-1.svg');
    expect(img.src).to.equal(`${location.origin}/demo/img/photo-1.svg`);
    expect(metrics).to.deep.equal(clean);
    expectQuiet(win);
  });
});
