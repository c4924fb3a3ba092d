import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import type { CSSResult } from 'lit';
import '../../src/define/court-article.js';
import '../../src/define/court-footer.js';
import '../../src/define/print-controls.js';
import '../../src/define/visitor-counter.js';
import type { CourtFooterElement } from '../../src/elements/court-footer/court-footer.js';
import type {
  FontSize,
  PrintControlsChangedDetail,
} from '../../src/elements/print-controls/print-controls.js';
import { FONT_SIZES, PrintControlsElement, READING_ATTR } from '../../src/elements/print-controls/print-controls.js';
import type { VisitorCounterElement } from '../../src/elements/visitor-counter/visitor-counter.js';
import { loadLocale } from '../../src/internal/localize.js';
import { restorePrintLayout } from '../../src/elements/print-controls/print-layout.js';
import { findVoice } from '../../src/internal/speech.js';
import { readSetting, siteKey, writeSetting } from '../../src/internal/storage.js';

// Mocha's globals, provided by @web/test-runner (the project installs no @types/mocha).
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;
declare function beforeEach(body: () => Promise<void> | void): void;
declare function afterEach(body: () => Promise<void> | void): void;

/* ---------------------------------------------------------------------------------------- */
/* Helpers                                                                                   */
/* ---------------------------------------------------------------------------------------- */

const SIZE_LABELS: Record<FontSize, string> = { small: '小', medium: '中', large: '大', 'x-large': '特大' };
const SIZE_PX: Record<Exclude<FontSize, 'medium'>, number> = { small: 15, large: 20, 'x-large': 24 };

interface Voice {
  lang: string;
  name: string;
  voiceURI: string;
  localService: boolean;
  default: boolean;
}

function voice(lang: string, name = `voice ${lang}`): Voice {
  return { lang, name, voiceURI: name, localService: true, default: false };
}

/** A recording stand-in for SpeechSynthesisUtterance. */
class RecordedUtterance {
  lang = '';
  voice: Voice | null = null;
  onstart: ((e: Event) => void) | null = null;
  onend: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  constructor(public text: string) {}
}

/** A recording stand-in for window.speechSynthesis, driven by the test. */
class RecordedSynth extends EventTarget {
  voices: Voice[] = [];
  spoken: RecordedUtterance[] = [];
  calls: string[] = [];
  getVoices(): Voice[] {
    return this.voices;
  }
  speak(u: RecordedUtterance): void {
    this.spoken.push(u);
  }
  pause(): void {
    this.calls.push('pause');
  }
  resume(): void {
    this.calls.push('resume');
  }
  cancel(): void {
    this.calls.push('cancel');
  }
  /** Starts the utterance spoken last (as the engine would). */
  start(): RecordedUtterance {
    const u = this.spoken[this.spoken.length - 1]!;
    u.onstart?.(new Event('start'));
    return u;
  }
  /** Ends the utterance spoken last. */
  end(): void {
    this.spoken[this.spoken.length - 1]!.onend?.(new Event('end'));
  }
}

const speechProps = ['speechSynthesis', 'SpeechSynthesisUtterance'] as const;
const originalSpeech = speechProps.map((p) => Object.getOwnPropertyDescriptor(window, p));

function installSpeech(voices: Voice[] = [voice('zh-CN')]): RecordedSynth {
  const synth = new RecordedSynth();
  synth.voices = voices;
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true, writable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: RecordedUtterance, configurable: true, writable: true });
  return synth;
}

function removeSpeech(): void {
  for (const p of speechProps) Object.defineProperty(window, p, { value: undefined, configurable: true, writable: true });
}

function restoreSpeech(): void {
  speechProps.forEach((p, i) => {
    const d = originalSpeech[i];
    if (d) Object.defineProperty(window, p, d);
    else delete (window as unknown as Record<string, unknown>)[p];
  });
}

function buttons(el: PrintControlsElement): HTMLButtonElement[] {
  return Array.from(el.shadowRoot!.querySelectorAll('button'));
}

function button(el: PrintControlsElement, text: string): HTMLButtonElement {
  const found = buttons(el).find((b) => b.textContent!.trim() === text);
  if (!found) throw new Error(`no button ${text}: ${buttons(el).map((b) => b.textContent!.trim()).join(', ')}`);
  return found;
}

function sizeButton(el: PrintControlsElement, size: FontSize): HTMLButtonElement {
  return el.shadowRoot!.querySelector<HTMLButtonElement>(`button[data-size="${size}"]`)!;
}

function status(el: PrintControlsElement): string {
  return el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();
}

function focused(el: PrintControlsElement): HTMLElement | null {
  return el.shadowRoot!.activeElement as HTMLElement | null;
}

/** Moves focus back and forth by keyboard, so that the focused element matches :focus-visible. */
async function shiftTabTab(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
  await sendKeys({ press: 'Tab' });
}

function clearSettings(): void {
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith('court-widgets:')) localStorage.removeItem(key);
  }
}

function recordEvents(target: EventTarget): CustomEvent<PrintControlsChangedDetail>[] {
  const seen: CustomEvent<PrintControlsChangedDetail>[] = [];
  target.addEventListener('print-controls-changed', (e) => seen.push(e as CustomEvent<PrintControlsChangedDetail>));
  return seen;
}

/** The channels of a computed `rgb()` / `rgba()` colour, alpha last (1 when absent). */
function channels(colour: string): [number, number, number, number] {
  const values = colour.match(/-?\d+(\.\d+)?/g)?.map(Number) ?? [];
  if (!/^rgba?\(/.test(colour) || values.length < 3) throw new Error(`not an rgb() colour: ${colour}`);
  return [values[0]!, values[1]!, values[2]!, values[3] ?? 1];
}

/** WCAG contrast ratio of two opaque computed `rgb()` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl, alpha] = channels(c);
    if (alpha !== 1) throw new Error(`contrast of a translucent colour: ${c}`);
    const [lr, lg, lb] = [r, g, bl].map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * lr! + 0.7152 * lg! + 0.0722 * lb!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/**
 * The background a reader sees behind `el`: the computed background colour of the nearest
 * element (crossing shadow roots) that paints an opaque one, else the canvas (white). Only
 * opaque backgrounds count, so a transparent box cannot pass for black or white.
 */
function backdrop(el: Element): string {
  let node: Element | null = el;
  while (node) {
    const bg = getComputedStyle(node).backgroundColor;
    const alpha = channels(bg)[3];
    if (alpha === 1) return bg;
    if (alpha !== 0) throw new Error(`translucent background on ${node.tagName}: ${bg}`);
    const root = node.getRootNode();
    node = node.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
  }
  return 'rgb(255, 255, 255)';
}

/** Contrast of `el`'s text against what is behind it. */
function textContrast(el: Element): number {
  return contrast(getComputedStyle(el).color, backdrop(el));
}

/** Width and height of a `url("data:image/svg+xml,…")` cursor's image, or null when it is not one. */
function cursorImageSize(cursor: string): { width: number; height: number } | null {
  const url = /url\("?data:image\/svg\+xml,([^")]+)"?\)/.exec(cursor)?.[1];
  if (!url) return null;
  const svg = decodeURIComponent(url);
  const width = /<svg[^>]*\swidth=['"](\d+)/.exec(svg)?.[1];
  const height = /<svg[^>]*\sheight=['"](\d+)/.exec(svg)?.[1];
  return width && height ? { width: Number(width), height: Number(height) } : null;
}

/** Clicks `el` with the mouse (a real pointer event at its centre, not `el.click()`). */
async function mouseClick(el: Element): Promise<void> {
  el.scrollIntoView({ block: 'center', inline: 'center' });
  const r = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] });
}

/** The body text blocks and the byline of a rendered `<court-article>`. */
function courtTextBlocks(article: HTMLElement): HTMLElement[] {
  const blocks = (article as HTMLElement & { readableBlocks(): HTMLElement[] }).readableBlocks();
  const byline = article.shadowRoot!.querySelector<HTMLElement>('[part~="byline"]');
  return byline ? [...blocks, byline] : blocks;
}

/** A court article with the parts a reader meets: breadcrumb links, byline, headings, a photo. */
const RICH_ARTICLE = {
  version: 1,
  lang: 'zh-CN',
  title: '于长春在抚顺县人民法院调研时强调',
  author: '抚顺中院 宣教科',
  publishedAt: '2024-02-28T20:54:53+08:00',
  breadcrumb: [
    { label: '首页', href: '/' },
    { label: '新闻中心', href: '/news/' },
  ],
  body: [
    { type: 'paragraph', text: '2024年伊始,最高人民法院在全国法院部署开展加强相对薄弱基层法院建设工作。' },
    { type: 'image', src: '/demo/img/photo-1.svg', width: 1280, height: 853, alt: '抚顺县人民法院办公楼', caption: '于长春院长考察抚顺县人民法院办公楼南侧空地' },
    { type: 'heading', level: 2, text: '要解开“薄弱即是落后”的心结' },
    { type: 'paragraph', text: '要提高政治站位,扛牢主体责任。' },
  ],
  editor: '宣教科',
};

async function courtPage(): Promise<{ article: HTMLElement & { updateComplete: Promise<unknown> }; el: PrintControlsElement }> {
  const article = await fixture<HTMLElement & { updateComplete: Promise<unknown>; readableBlocks(): HTMLElement[] }>(
    html`<court-article .article=${RICH_ARTICLE}><print-controls slot="controls"></print-controls></court-article>`,
  );
  const el = article.querySelector('print-controls')!;
  await el.updateComplete;
  await waitUntil(() => article.readableBlocks().length === 4, 'the article renders');
  return { article, el };
}

/** Lets a court-article re-render after its controls changed its attributes. */
async function settle(el: PrintControlsElement, article?: { updateComplete: Promise<unknown> }): Promise<void> {
  await el.updateComplete;
  await article?.updateComplete;
}

/** A plain CMS article with the small fixed sizes old templates carry. */
async function plainPage(extra = html``) {
  const page = await fixture<HTMLElement>(html`<div>
    <style>
      #news p { font-size: 12px; line-height: 1.2; color: #666; }
    </style>
    <input aria-label="搜索" id="before" />
    <print-controls for="news"></print-controls>
    <article id="news" lang="zh-CN">
      <h1>于长春在抚顺县人民法院调研时强调</h1>
      <p>2024年伊始,最高人民法院在全国法院部署开展加强相对薄弱基层法院建设工作。</p>
      <h2>要解开“薄弱即是落后”的心结</h2>
      <p>要提高政治站位,扛牢主体责任。<a href="#x">链接</a></p>
      <p hidden>不应朗读的隐藏段落</p>
    </article>
    ${extra}
  </div>`);
  const el = page.querySelector('print-controls')!;
  await el.updateComplete;
  return { page, el, article: page.querySelector<HTMLElement>('#news')! };
}

let errors: unknown[] = [];
const onError = (e: ErrorEvent | PromiseRejectionEvent) => errors.push('reason' in e ? e.reason : e.error);

beforeEach(() => {
  clearSettings();
  errors = [];
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onError);
});

afterEach(async () => {
  await resetMouse();
  window.removeEventListener('error', onError);
  window.removeEventListener('unhandledrejection', onError);
  restoreSpeech();
  restorePrintLayout();
  clearSettings();
  await setViewport({ width: 800, height: 600 });
  expect(errors, 'no exception escaped').to.deep.equal([]);
});

/* ---------------------------------------------------------------------------------------- */
/* Rendering                                                                                 */
/* ---------------------------------------------------------------------------------------- */

describe('<print-controls> rendering', () => {
  it('renders 打印, the four 字号 steps (中 by default), 朗读 and 关怀模式, in a labelled group', async () => {
    installSpeech();
    const { el } = await plainPage();
    expect(buttons(el).map((b) => b.textContent!.trim())).to.deep.equal(['打印', '小', '中', '大', '特大', '朗读', '关怀模式']);
    const group = el.shadowRoot!.querySelector('[part~="font-size"]')!;
    expect(group.getAttribute('role')).to.equal('group');
    expect(el.shadowRoot!.getElementById(group.getAttribute('aria-labelledby')!)!.textContent).to.equal('字号');
    for (const size of FONT_SIZES) {
      expect(sizeButton(el, size).getAttribute('aria-pressed')).to.equal(size === 'medium' ? 'true' : 'false');
    }
    expect(button(el, '关怀模式').getAttribute('aria-pressed')).to.equal('false');
    expect(el.controlledElement!.id).to.equal('news');
    expect(el.controlledElement!.getAttribute('font-size')).to.equal('medium');
  });

  for (const [attr, hidden] of [
    ['no-print', ['打印']],
    ['no-font-size', ['小', '中', '大', '特大']],
    ['no-read-aloud', ['朗读']],
    ['no-care', ['关怀模式']],
  ] as const) {
    it(`hides ${hidden.join(' ')} with ${attr}`, async () => {
      installSpeech();
      const { el } = await plainPage();
      el.setAttribute(attr, '');
      await el.updateComplete;
      const texts = buttons(el).map((b) => b.textContent!.trim());
      for (const text of hidden) expect(texts).to.not.include(text);
      expect(texts.length).to.equal(7 - hidden.length);
    });
  }

  it('gives every button a 44 × 44 px target, also at 360 px wide', async () => {
    installSpeech();
    await setViewport({ width: 360, height: 640 });
    const { el } = await plainPage();
    expect(buttons(el).length).to.equal(7);
    for (const b of buttons(el)) {
      const r = b.getBoundingClientRect();
      expect(r.width, b.textContent!).to.be.at.least(44);
      expect(r.height, b.textContent!).to.be.at.least(44);
      expect(r.right).to.be.at.most(360);
    }
  });

  it('lays out with logical properties in right-to-left pages', async () => {
    installSpeech();
    const page = await fixture<HTMLElement>(html`<div dir="rtl" lang="ug">
      <print-controls for="rtl-news"></print-controls><article id="rtl-news"><p>تېكىست</p></article>
    </div>`);
    const el = page.querySelector('print-controls')!;
    await el.updateComplete;
    // The row runs right to left: each button of the first line left of the one before it.
    const rects = buttons(el).map((b) => b.getBoundingClientRect());
    const first = rects[0]!;
    const firstLine = rects.filter((r) => Math.round(r.top) === Math.round(first.top));
    expect(firstLine.length).to.be.greaterThan(3);
    firstLine.slice(1).forEach((r, i) => expect(r.right).to.be.lessThan(firstLine[i]!.right));
    expect(Math.round(first.right)).to.equal(Math.round(el.getBoundingClientRect().right));
  });

  it('says which article is missing when `for` names nothing, and warns once', async () => {
    installSpeech();
    const warn = console.warn;
    const warnings: unknown[][] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const page = await fixture<HTMLElement>(html`<div><print-controls for="nope"></print-controls></div>`);
      const el = page.querySelector('print-controls')!;
      await el.updateComplete;
      el.requestUpdate();
      await el.updateComplete;
      const read = el.shadowRoot!.querySelector<HTMLButtonElement>('button.read')!;
      expect(read.disabled).to.equal(true);
      const note = el.shadowRoot!.getElementById(read.getAttribute('aria-describedby')!)!;
      expect(note.textContent!.trim()).to.equal('找不到要控制的文章:#nope');
      expect(warnings.length).to.equal(1);
      expect(String(warnings[0]![0])).to.contain('#nope');
      await expect(el).to.be.accessible();

      // Pointing it at an article that exists clears the message.
      const article = document.createElement('article');
      article.id = 'now-here';
      article.innerHTML = '<p>正文</p>';
      page.append(article);
      el.setAttribute('for', 'now-here');
      await el.updateComplete;
      expect(el.controlledElement).to.equal(article);
      expect(el.shadowRoot!.querySelector<HTMLButtonElement>('button.read')!.disabled).to.equal(false);
      expect(article.getAttribute('font-size')).to.equal('medium');
    } finally {
      console.warn = warn;
    }
  });

  it('finds its court-article through the controls slot and across shadow roots', async () => {
    const page = await fixture<HTMLElement>(html`<div>
      <court-article id="ca" .article=${{ version: 1, title: '标题', publishedAt: '2024-02-28T20:54:53+08:00', body: [] }}>
        <print-controls slot="controls"></print-controls>
      </court-article>
      <court-article id="cb"><div class="host"></div></court-article>
    </div>`);
    const slotted = page.querySelector('print-controls')!;
    await slotted.updateComplete;
    expect(slotted.controlledElement!.id).to.equal('ca');

    const host = page.querySelector('.host')!;
    const shadow = host.attachShadow({ mode: 'open' });
    const nested = document.createElement('print-controls');
    shadow.append(nested);
    await nested.updateComplete;
    expect(nested.controlledElement!.id).to.equal('cb');

    // `for` is looked up in the controls' own shadow root.
    const inner = document.createElement('print-controls');
    inner.setAttribute('for', 'in-shadow');
    const article = document.createElement('article');
    article.id = 'in-shadow';
    shadow.append(inner, article);
    await inner.updateComplete;
    expect(inner.controlledElement).to.equal(article);
  });

  it('announces only what the reader did: a language change clears the last announcement', async () => {
    installSpeech();
    const { page, el } = await plainPage();
    const region = el.shadowRoot!.querySelector('[role="status"]')!;
    button(el, '关怀模式').click();
    await el.updateComplete;
    button(el, '关怀模式').click();
    await el.updateComplete;
    expect(status(el)).to.equal('关怀模式已关闭');

    const announced: string[] = [];
    const observer = new MutationObserver(() => announced.push(region.textContent!.trim()));
    observer.observe(region, { childList: true, characterData: true, subtree: true });
    try {
      await loadLocale('en');
      page.setAttribute('lang', 'en');
      await waitUntil(() => buttons(el).some((b) => b.textContent!.trim() === 'Easy reading mode'), 'the controls speak English');
      await el.updateComplete;
      expect(status(el)).to.equal('');
      expect(announced.filter((text) => text !== ''), 'nothing is announced by the language change').to.deep.equal([]);

      // The reader's next action is announced, in the new language.
      button(el, 'Easy reading mode').click();
      await el.updateComplete;
      expect(status(el)).to.equal('Easy reading mode on');
      sizeButton(el, 'large').click();
      await el.updateComplete;
      expect(status(el)).to.equal('Text size: Large');

      announced.length = 0;
      page.setAttribute('lang', 'zh-CN');
      await waitUntil(() => buttons(el).some((b) => b.textContent!.trim() === '关怀模式'), 'the controls speak Chinese again');
      await el.updateComplete;
      expect(status(el)).to.equal('');
      expect(announced.filter((text) => text !== '')).to.deep.equal([]);
    } finally {
      observer.disconnect();
    }
  });

  it('keeps its pre-rendered buttons in place, but invisible and out of reach of pointer and keyboard, until it is defined', async () => {
    installSpeech();
    const { el } = await plainPage();
    // What `court-widgets render` writes: the element with its rendering and styles in a
    // declarative shadow root, here in a frame where <print-controls> is not defined (yet).
    const styles = PrintControlsElement.elementStyles.map((style) => (style as CSSResult).cssText).join('\n');
    const markup =
      '<!doctype html><html lang="zh-CN"><body><button id="before">之前</button>' +
      `<print-controls><template shadowrootmode="open"><style>${styles}</style>${el.shadowRoot!.innerHTML}</template></print-controls>` +
      '<button id="after">之后</button></body></html>';
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width: 800px; height: 400px; border: 0';
    const loaded = oneEvent(frame, 'load');
    frame.srcdoc = markup;
    document.body.append(frame);
    try {
      await loaded;
      const win = frame.contentWindow! as Window & typeof globalThis;
      const doc = frame.contentDocument!;
      const pending = doc.querySelector('print-controls')!;
      expect(pending.matches(':defined')).to.equal(false);
      const shadow = pending.shadowRoot!;
      expect(shadow, 'the declarative shadow root is attached').to.exist;
      const pendingButtons = [...shadow.querySelectorAll('button')];
      expect(pendingButtons.map((b) => b.textContent!.trim())).to.deep.equal(['打印', '小', '中', '大', '特大', '朗读', '关怀模式']);
      const boxes = pendingButtons.map((b) => b.getBoundingClientRect().toJSON() as DOMRect);
      for (const [i, b] of pendingButtons.entries()) {
        const label = b.textContent!.trim();
        expect(getComputedStyle(b).visibility, label).to.equal('hidden');
        expect(boxes[i]!.width, `${label} keeps its space`).to.be.at.least(44);
        // Not under the pointer…
        const hit = shadow.elementFromPoint(boxes[i]!.left + boxes[i]!.width / 2, boxes[i]!.top + boxes[i]!.height / 2);
        expect(hit?.closest('button') ?? null, label).to.equal(null);
        // …and not focusable.
        b.focus();
        expect(shadow.activeElement, label).to.equal(null);
      }
      doc.getElementById('before')!.focus();
      expect(doc.activeElement!.id).to.equal('before');

      // Defined: the same buttons show where they were; nothing moves.
      win.customElements.define('print-controls', class extends win.HTMLElement {});
      expect(pending.matches(':defined')).to.equal(true);
      for (const [i, b] of pendingButtons.entries()) {
        const label = b.textContent!.trim();
        expect(getComputedStyle(b).visibility, label).to.equal('visible');
        expect(b.getBoundingClientRect().toJSON(), `${label} does not move`).to.deep.equal(boxes[i]);
      }
      pendingButtons[0]!.focus();
      expect(shadow.activeElement).to.equal(pendingButtons[0]);
    } finally {
      frame.remove();
    }
  });
});

/* ---------------------------------------------------------------------------------------- */
/* 字号                                                                                       */
/* ---------------------------------------------------------------------------------------- */

describe('<print-controls> 字号', () => {
  it('applies each size to the article only, by mouse, announces it and fires print-controls-changed', async () => {
    installSpeech();
    const { page, el, article } = await plainPage();
    const paragraph = article.querySelector('p')!;
    const rootSize = getComputedStyle(document.documentElement).fontSize;
    const input = page.querySelector('#before')!;
    const inputSize = getComputedStyle(input).fontSize;
    const events = recordEvents(document);
    for (const size of ['large', 'x-large', 'small'] as const) {
      sizeButton(el, size).click();
      await el.updateComplete;
      expect(article.getAttribute('font-size')).to.equal(size);
      expect(parseFloat(getComputedStyle(paragraph).fontSize)).to.equal(SIZE_PX[size]);
      expect(status(el)).to.equal(`字号:${SIZE_LABELS[size]}`);
      for (const other of FONT_SIZES) {
        expect(sizeButton(el, other).getAttribute('aria-pressed')).to.equal(String(other === size));
      }
      expect(events.at(-1)!.detail).to.deep.equal({ fontSize: size, care: false });
    }
    expect(events.length).to.equal(3);
    expect(events.every((e) => e.bubbles && e.composed)).to.equal(true);
    // Not browser zoom: the page around the article keeps its size.
    expect(getComputedStyle(document.documentElement).fontSize).to.equal(rootSize);
    expect(getComputedStyle(input).fontSize).to.equal(inputSize);
    // 中 gives the article back its own sizes.
    sizeButton(el, 'medium').click();
    await el.updateComplete;
    expect(getComputedStyle(paragraph).fontSize).to.equal('12px');
  });

  it('two rows on one page: a choice in one clears the other row\u2019s message, which no longer holds', async () => {
    installSpeech();
    const { page, el } = await plainPage(html`<print-controls for="second"></print-controls><article id="second"><p>第二篇</p></article>`);
    const other = page.querySelectorAll('print-controls')[1]!;
    await other.updateComplete;
    sizeButton(el, 'large').click();
    await el.updateComplete;
    await other.updateComplete;
    expect(status(el)).to.equal(`字号:${SIZE_LABELS.large}`);
    expect(status(other), 'the other row follows without speaking').to.equal('');
    expect(sizeButton(other, 'large').getAttribute('aria-pressed')).to.equal('true');
    sizeButton(other, 'medium').click();
    await other.updateComplete;
    await el.updateComplete;
    expect(status(other)).to.equal(`字号:${SIZE_LABELS.medium}`);
    expect(status(el), 'the first row no longer says 大').to.equal('');
    expect(sizeButton(el, 'medium').getAttribute('aria-pressed')).to.equal('true');
  });

  it('works from the keyboard: Tab reaches every control in order, Enter and Space press them', async () => {
    installSpeech();
    const { page, el, article } = await plainPage();
    page.querySelector<HTMLInputElement>('#before')!.focus();
    const order: string[] = [];
    for (let i = 0; i < 7; i++) {
      await sendKeys({ press: 'Tab' });
      order.push(focused(el)?.textContent!.trim() ?? '');
    }
    expect(order).to.deep.equal(['打印', '小', '中', '大', '特大', '朗读', '关怀模式']);

    // Each step, by Enter and by Space, starting away from the default.
    const events = recordEvents(document);
    for (const size of ['small', 'medium', 'x-large', 'large'] as const) {
      for (const key of ['Enter', 'Space'] as const) {
        sizeButton(el, size === 'small' ? 'x-large' : 'small').focus();
        await sendKeys({ press: 'Enter' });
        await el.updateComplete;
        sizeButton(el, size).focus();
        await sendKeys({ press: key });
        await el.updateComplete;
        expect(article.getAttribute('font-size'), `${size} by ${key}`).to.equal(size);
        expect(sizeButton(el, size).getAttribute('aria-pressed')).to.equal('true');
        expect(status(el)).to.equal(`字号:${SIZE_LABELS[size]}`);
        expect(events.at(-1)!.detail.fontSize).to.equal(size);
      }
    }

    sizeButton(el, 'large').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(article.getAttribute('font-size')).to.equal('large');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(article.getAttribute('font-size')).to.equal('x-large');
    expect(sizeButton(el, 'x-large').getAttribute('aria-pressed')).to.equal('true');
    // The focus ring is visible on the focused button.
    const ring = getComputedStyle(focused(el)!);
    expect(ring.outlineStyle).to.equal('solid');
    expect(parseFloat(ring.outlineWidth)).to.be.at.least(3);
  });

  it('scales a court-article (at least 20 px body text in the largest step) without touching the page', async () => {
    const page = await fixture<HTMLElement>(html`<court-article
      .article=${{ version: 1, title: '标题', publishedAt: '2024-02-28T20:54:53+08:00', body: [{ type: 'paragraph', text: '正文段落。' }] }}
      ><print-controls slot="controls"></print-controls
    ></court-article>`);
    const el = page.querySelector('print-controls')!;
    await el.updateComplete;
    const body = () => (page as HTMLElement & { readableBlocks(): HTMLElement[] }).readableBlocks()[1]!;
    await waitUntil(() => body() !== undefined);
    sizeButton(el, 'x-large').click();
    await el.updateComplete;
    await (page as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(page.getAttribute('font-size')).to.equal('x-large');
    expect(parseFloat(getComputedStyle(body()).fontSize)).to.be.at.least(20);
    sizeButton(el, 'large').click();
    await el.updateComplete;
    await (page as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(parseFloat(getComputedStyle(body()).fontSize)).to.be.at.least(20);
  });

  it('keeps 大 at 20 px and 特大 at 24 px or more on a page that shrinks the root font size', async () => {
    // Old templates set `html { font-size: 62.5% }` (10 px) and size everything in rem.
    document.documentElement.style.fontSize = '62.5%';
    try {
      const { el, article } = await plainPage();
      const paragraph = article.querySelector('p')!;
      const { article: court, el: courtControls } = await courtPage();
      const courtBody = (court as unknown as { readableBlocks(): HTMLElement[] }).readableBlocks()[1]!;
      for (const [size, least] of [['large', 20], ['x-large', 24]] as const) {
        sizeButton(el, size).click();
        await el.updateComplete;
        expect(parseFloat(getComputedStyle(paragraph).fontSize), `plain article at ${size}`).to.be.at.least(least);
        sizeButton(courtControls, size).click();
        await settle(courtControls, court);
        expect(parseFloat(getComputedStyle(courtBody).fontSize), `court-article at ${size}`).to.be.at.least(least);
      }
    } finally {
      document.documentElement.style.removeProperty('font-size');
    }
  });

  it('fires print-controls-changed only for what the reader did', async () => {
    const { el, article } = await plainPage();
    const events = recordEvents(document);
    el.fontSize = 'large';
    el.care = true;
    await el.updateComplete;
    expect(article.getAttribute('font-size')).to.equal('large');
    expect(article.hasAttribute('care')).to.equal(true);
    expect(events.length).to.equal(0);
    // Pressing the size already chosen changes nothing.
    sizeButton(el, 'large').click();
    await el.updateComplete;
    expect(events.length).to.equal(0);
    const event = oneEvent(el, 'print-controls-changed');
    button(el, '关怀模式').click();
    expect((await event).detail).to.deep.equal({ fontSize: 'large', care: false });
  });
});

/* ---------------------------------------------------------------------------------------- */
/* 关怀模式                                                                                   */
/* ---------------------------------------------------------------------------------------- */

describe('<print-controls> 关怀模式', () => {
  it('gives high contrast, line height ≥ 1.8, a stronger focus ring and a larger cursor, by mouse and keyboard', async () => {
    installSpeech();
    const { el, article } = await plainPage();
    const paragraph = article.querySelector('p')!;
    const link = article.querySelector('a')!;
    const care = button(el, '关怀模式');
    care.click();
    await el.updateComplete;
    expect(care.getAttribute('aria-pressed')).to.equal('true');
    expect(article.hasAttribute('care')).to.equal(true);
    expect(status(el)).to.equal('关怀模式已开启');
    // Before: grey 12 px text at 1.2 (the page's own style) fails both.
    for (const block of article.querySelectorAll<HTMLElement>('h1, h2, p:not([hidden])')) {
      const style = getComputedStyle(block);
      expect(textContrast(block), block.textContent!).to.be.at.least(7);
      expect(parseFloat(style.lineHeight) / parseFloat(style.fontSize), block.textContent!).to.be.at.least(1.8);
    }
    expect(getComputedStyle(article).cursor).to.match(/^url\(/);
    expect(cursorImageSize(getComputedStyle(article).cursor)!.width).to.be.at.least(32);
    expect(cursorImageSize(getComputedStyle(link).cursor)!.width).to.be.at.least(32);
    expect(getComputedStyle(paragraph).cursor).to.equal(getComputedStyle(article).cursor);
    expect(getComputedStyle(link).cursor).to.match(/^url\(.*pointer$/);
    expect(getComputedStyle(care).cursor).to.match(/^url\(.*pointer$/);
    expect(textContrast(link)).to.be.at.least(7);

    // A stronger ring than the normal 3 px one, on the controls and inside the article.
    care.focus();
    await shiftTabTab();
    expect(parseFloat(getComputedStyle(focused(el)!).outlineWidth)).to.be.at.least(4);
    link.focus();
    await shiftTabTab();
    expect(document.activeElement).to.equal(link);
    expect(parseFloat(getComputedStyle(link).outlineWidth)).to.be.at.least(4);

    // The controls' own labels, pressed or not, and the note are at 7:1 or more too.
    sizeButton(el, 'x-large').click();
    await el.updateComplete;
    const labels = [...buttons(el), el.shadowRoot!.querySelector<HTMLElement>('#font-size-label')!];
    expect(labels.length).to.equal(8);
    for (const label of labels) {
      expect(textContrast(label), label.textContent!.trim()).to.be.at.least(7);
    }

    care.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(article.hasAttribute('care')).to.equal(false);
    expect(status(el)).to.equal('关怀模式已关闭');
    expect(getComputedStyle(paragraph).color).to.equal('rgb(102, 102, 102)');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(article.hasAttribute('care')).to.equal(true);
  });

  it('gives a court-article text at 7:1 or more, line height ≥ 1.8, a stronger ring and a larger cursor, in every size', async () => {
    const { article, el } = await courtPage();
    const blocks = courtTextBlocks(article);
    expect(blocks.length).to.equal(5);
    const link = article.shadowRoot!.querySelector<HTMLAnchorElement>('[part~="breadcrumb"] a')!;
    const ringWidth = async () => {
      link.focus();
      await shiftTabTab();
      expect(article.shadowRoot!.activeElement).to.equal(link);
      return parseFloat(getComputedStyle(link).outlineWidth);
    };
    const normalRing = await ringWidth();

    button(el, '关怀模式').click();
    await settle(el, article);
    expect(article.hasAttribute('care')).to.equal(true);
    for (const size of FONT_SIZES) {
      sizeButton(el, size).click();
      await settle(el, article);
      for (const block of blocks) {
        expect(textContrast(block), `${size}: ${block.textContent!.trim().slice(0, 12)}`).to.be.at.least(7);
      }
      const paragraphs = blocks.filter((b) => b.localName === 'p' && b.hasAttribute('data-readable'));
      expect(paragraphs.length).to.equal(2);
      for (const p of paragraphs) {
        const style = getComputedStyle(p);
        expect(parseFloat(style.lineHeight) / parseFloat(style.fontSize), `${size}: line height`).to.be.at.least(1.8);
      }
    }
    expect(textContrast(link)).to.be.at.least(7);
    expect(await ringWidth()).to.be.greaterThan(normalRing);
    expect(await ringWidth()).to.be.at.least(4);
    expect(cursorImageSize(getComputedStyle(article).cursor)!.width).to.be.at.least(32);
    expect(cursorImageSize(getComputedStyle(blocks[1]!).cursor)!.width).to.be.at.least(32);
    expect(cursorImageSize(getComputedStyle(link).cursor)!.width).to.be.at.least(32);
  });
});

/* ---------------------------------------------------------------------------------------- */
/* 关怀模式 on the page's footer and counter                                                 */
/* ---------------------------------------------------------------------------------------- */

/** The demo's site data (the seed page's footer), with an ICP number: every kind of footer text. */
async function footerSite(): Promise<Record<string, unknown>> {
  const site = (await (await fetch('/demo/data/site.json')).json()) as Record<string, unknown>;
  return { ...site, icp: '辽ICP备05012345号' };
}

/** Every element of a shadow tree that holds text of its own. */
function textHolders(root: ShadowRoot): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('*')].filter((node) =>
    [...node.childNodes].some((child) => child.nodeType === Node.TEXT_NODE && child.textContent!.trim() !== ''),
  );
}

/** Text colour and backdrop of each element, to compare before and after. */
function looks(nodes: HTMLElement[]): string[] {
  return nodes.map((node) => `${node.textContent!.trim().slice(0, 16)}: ${getComputedStyle(node).color} on ${backdrop(node)}`);
}

describe('<print-controls> 关怀模式 on the page’s footer and counter', () => {
  const realFetch = window.fetch;

  afterEach(() => {
    window.fetch = realFetch;
  });

  /** A page with controls, an article, and a footer holding a counter that shows a number. */
  async function footerPage(footerAttrs: { care?: boolean } = {}) {
    const site = await footerSite();
    window.fetch = (() =>
      Promise.resolve(
        new Response(JSON.stringify({ site: 'fs', visits: 1234567 }), { status: 200, headers: { 'content-type': 'application/json' } }),
      )) as typeof fetch;
    const page = await fixture<HTMLElement>(html`<div class="care-page">
      <style>
        .care-page court-footer { background: #f3efe8; font-size: 13px; }
      </style>
      <print-controls for="care-news"></print-controls>
      <article id="care-news" lang="zh-CN"><p>正文</p></article>
      <court-footer ?care=${footerAttrs.care ?? false} .site=${site}>
        <visitor-counter slot="counter" endpoint="https://counter.example/care" site="fs"></visitor-counter>
      </court-footer>
    </div>`);
    const el = page.querySelector('print-controls')!;
    const footer = page.querySelector<CourtFooterElement>('court-footer')!;
    const counter = page.querySelector<VisitorCounterElement>('visitor-counter')!;
    await Promise.all([el.updateComplete, footer.updateComplete]);
    await waitUntil(() => counter.getAttribute('state') === 'total', 'the counter shows its number');
    await counter.updateComplete;
    const holders = () => [...textHolders(footer.shadowRoot!), ...textHolders(counter.shadowRoot!)];
    return { page, el, footer, counter, holders };
  }

  it('gives every text of the footer and the counter 7:1 or more while it is on, and their own look when off', async () => {
    const { el, footer, counter, holders } = await footerPage();
    const texts = holders().map((node) => node.textContent!.trim());
    for (const expected of ['地址:', '诉讼服务热线', '12368', '查询案件、联系法官', '1,234,567', 'ICP备案号:']) {
      expect(texts.some((text) => text.startsWith(expected)), expected).to.equal(true);
    }
    const before = looks(holders());

    button(el, '关怀模式').click();
    await el.updateComplete;
    await Promise.all([footer.updateComplete, counter.updateComplete]);
    expect(footer.care).to.equal(true);
    expect(counter.care).to.equal(true);
    expect(footer.hasAttribute('care')).to.equal(true);
    expect(counter.hasAttribute('care')).to.equal(true);
    for (const node of holders()) {
      expect(textContrast(node), node.textContent!.trim().slice(0, 16)).to.be.at.least(7);
    }
    await expect(footer).to.be.accessible();

    button(el, '关怀模式').click();
    await el.updateComplete;
    await Promise.all([footer.updateComplete, counter.updateComplete]);
    expect(footer.hasAttribute('care')).to.equal(false);
    expect(counter.hasAttribute('care')).to.equal(false);
    expect(looks(holders())).to.deep.equal(before);
  });

  it('applies the stored choice on load, and leaves a footer switched by hand alone until the reader chooses', async () => {
    writeSetting('print-controls.care', 'on');
    const stored = await footerPage();
    expect(stored.footer.care).to.equal(true);
    expect(stored.counter.care).to.equal(true);
    stored.page.remove();
    clearSettings();

    const byHand = await footerPage({ care: true });
    expect(byHand.el.care).to.equal(false);
    expect(byHand.footer.care, 'the page’s own care attribute stays').to.equal(true);
    expect(byHand.counter.care).to.equal(false);
    button(byHand.el, '关怀模式').click();
    await byHand.el.updateComplete;
    expect(byHand.counter.care).to.equal(true);
    button(byHand.el, '关怀模式').click();
    await byHand.el.updateComplete;
    expect(byHand.footer.care).to.equal(false);
    expect(byHand.counter.care).to.equal(false);
  });

  it('reaches 7:1 by hand too, also where the site gives its footer dark colours', async () => {
    const site = await footerSite();
    window.fetch = (() =>
      Promise.resolve(new Response(JSON.stringify({ site: 'fs', visits: 42 }), { status: 200 }))) as typeof fetch;
    const page = await fixture<HTMLElement>(html`<div class="dark-site">
      <style>
        .dark-site court-footer {
          background: #7a0c10 url('data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E');
          color: #fff;
          --court-footer-text: #fff;
          --court-footer-muted: #e0e0e0;
          --court-footer-link: #ffe9a8;
          --court-footer-hotline-background: #7a0c10;
          --court-footer-hotline-color: #fff;
        }
        .dark-site visitor-counter { --visitor-counter-text: #fff; --visitor-counter-number-color: #ffd400; }
      </style>
      <court-footer care .site=${site}><span slot="counter">—</span></court-footer>
      <p style="background: #333"><visitor-counter care no-count endpoint="https://counter.example/dark" site="fs"></visitor-counter></p>
    </div>`);
    const footer = page.querySelector<CourtFooterElement>('court-footer')!;
    const counter = page.querySelector<VisitorCounterElement>('visitor-counter')!;
    await footer.updateComplete;
    await waitUntil(() => counter.getAttribute('state') === 'total', 'the counter shows its number');
    await counter.updateComplete;
    expect(footer.care).to.equal(true);
    expect(counter.care).to.equal(true);
    expect(getComputedStyle(footer).backgroundImage).to.equal('none');
    for (const node of [...textHolders(footer.shadowRoot!), ...textHolders(counter.shadowRoot!)]) {
      expect(textContrast(node), node.textContent!.trim().slice(0, 16)).to.be.at.least(7);
    }
    counter.care = false;
    footer.care = false;
    await Promise.all([footer.updateComplete, counter.updateComplete]);
    expect(footer.hasAttribute('care')).to.equal(false);
    expect(counter.hasAttribute('care')).to.equal(false);
    expect(getComputedStyle(footer).backgroundColor, 'the site’s colours are back').to.equal('rgb(122, 12, 16)');
  });
});

/* ---------------------------------------------------------------------------------------- */
/* Every control by mouse                                                                    */
/* ---------------------------------------------------------------------------------------- */

describe('<print-controls> by mouse', () => {
  it('operates every control with real mouse clicks', async () => {
    const synth = installSpeech();
    const { el, article } = await plainPage();
    const events = recordEvents(document);
    for (const size of ['small', 'large', 'x-large', 'medium'] as const) {
      await mouseClick(sizeButton(el, size));
      await el.updateComplete;
      expect(article.getAttribute('font-size'), size).to.equal(size);
      expect(sizeButton(el, size).getAttribute('aria-pressed')).to.equal('true');
    }
    await mouseClick(button(el, '关怀模式'));
    await el.updateComplete;
    expect(article.hasAttribute('care')).to.equal(true);
    expect(button(el, '关怀模式').getAttribute('aria-pressed')).to.equal('true');
    expect(events.map((e) => e.detail)).to.deep.equal([
      { fontSize: 'small', care: false },
      { fontSize: 'large', care: false },
      { fontSize: 'x-large', care: false },
      { fontSize: 'medium', care: false },
      { fontSize: 'medium', care: true },
    ]);

    await mouseClick(button(el, '朗读'));
    await el.updateComplete;
    synth.start();
    expect(synth.spoken.length).to.equal(1);
    expect(el.readAloudState).to.equal('speaking');
    await mouseClick(button(el, '暂停朗读'));
    await el.updateComplete;
    expect(el.readAloudState).to.equal('paused');
    await mouseClick(button(el, '继续朗读'));
    await el.updateComplete;
    expect(el.readAloudState).to.equal('speaking');
    await mouseClick(button(el, '停止朗读'));
    await el.updateComplete;
    expect(el.readAloudState).to.equal('idle');
    expect(synth.calls).to.deep.equal(['pause', 'resume', 'cancel']);

    const print = window.print;
    let printed = 0;
    window.print = () => {
      printed += 1;
    };
    try {
      await mouseClick(button(el, '打印'));
      expect(printed).to.equal(1);
    } finally {
      window.print = print;
    }
  });
});

/* ---------------------------------------------------------------------------------------- */
/* Persistence and storage                                                                   */
/* ---------------------------------------------------------------------------------------- */

describe('<print-controls> persistence', () => {
  it('keeps the size and 关怀模式 per site across reloads, without firing events', async () => {
    const first = await plainPage();
    sizeButton(first.el, 'x-large').click();
    button(first.el, '关怀模式').click();
    await first.el.updateComplete;
    expect(localStorage.getItem(`court-widgets:${location.host}:print-controls.font-size`)).to.equal('x-large');
    expect(localStorage.getItem(`court-widgets:${location.host}:print-controls.care`)).to.equal('on');
    first.page.remove();

    // A new page load: a new element reads what the reader chose.
    const events = recordEvents(document);
    const second = await plainPage();
    expect(second.article.getAttribute('font-size')).to.equal('x-large');
    expect(second.article.hasAttribute('care')).to.equal(true);
    expect(sizeButton(second.el, 'x-large').getAttribute('aria-pressed')).to.equal('true');
    expect(button(second.el, '关怀模式').getAttribute('aria-pressed')).to.equal('true');
    expect(events.length).to.equal(0);
  });

  it('renders a stored choice in its first render, and gives it to the article as soon as it is connected', async () => {
    writeSetting('print-controls.font-size', 'large');
    writeSetting('print-controls.care', 'on');
    const page = await fixture<HTMLElement>(html`<div><article id="later" lang="zh-CN"><p>正文</p></article></div>`);
    const article = page.querySelector<HTMLElement>('#later')!;
    const el = document.createElement('print-controls');
    el.setAttribute('for', 'later');
    const pressedInRenders: string[] = [];
    const observer = new MutationObserver(() => {
      pressedInRenders.push(buttons(el).filter((b) => b.getAttribute('aria-pressed') === 'true').map((b) => b.textContent!.trim()).join('+'));
    });
    page.prepend(el);
    expect(article.getAttribute('font-size'), 'on the article before the controls have rendered').to.equal('large');
    expect(article.hasAttribute('care')).to.equal(true);
    observer.observe(el.shadowRoot!, { childList: true, subtree: true, attributes: true, characterData: true });
    expect(await el.updateComplete, 'no second update follows the first').to.equal(true);
    observer.disconnect();
    expect(pressedInRenders, 'the first render already shows the choice').to.deep.equal(['大+关怀模式']);
    expect(sizeButton(el, 'large').getAttribute('aria-pressed')).to.equal('true');
    expect(sizeButton(el, 'medium').getAttribute('aria-pressed')).to.equal('false');
    expect(button(el, '关怀模式').getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('keeps every <print-controls> of the page on the reader’s choice, with one event', async () => {
    const { page, el, article } = await plainPage(html`<print-controls id="bottom" for="news"></print-controls>
      <print-controls id="other" for="other-news"></print-controls><article id="other-news"><p>另一篇</p></article>`);
    const bottom = page.querySelector<PrintControlsElement>('#bottom')!;
    const other = page.querySelector<PrintControlsElement>('#other')!;
    await Promise.all([bottom.updateComplete, other.updateComplete]);
    const events = recordEvents(document);
    sizeButton(el, 'large').click();
    button(bottom, '关怀模式').click();
    await Promise.all([el.updateComplete, bottom.updateComplete, other.updateComplete]);
    expect(events.length).to.equal(2);
    for (const controls of [el, bottom, other]) {
      expect(sizeButton(controls, 'large').getAttribute('aria-pressed')).to.equal('true');
      expect(button(controls, '关怀模式').getAttribute('aria-pressed')).to.equal('true');
    }
    expect(article.getAttribute('font-size')).to.equal('large');
    expect(page.querySelector('#other-news')!.getAttribute('font-size')).to.equal('large');
    expect(page.querySelector('#other-news')!.hasAttribute('care')).to.equal(true);
  });

  it('namespaces keys by host and ignores values it does not know', async () => {
    expect(siteKey('x')).to.equal(`court-widgets:${location.host}:x`);
    localStorage.setItem(siteKey('print-controls.font-size'), 'gigantic');
    localStorage.setItem(siteKey('print-controls.care'), 'maybe');
    const { el, article } = await plainPage();
    expect(el.fontSize).to.equal('medium');
    expect(article.hasAttribute('care')).to.equal(false);
  });

  it('keeps working for the page when Storage methods throw', async () => {
    const { getItem, setItem } = Storage.prototype;
    Storage.prototype.getItem = () => {
      throw new DOMException('blocked', 'SecurityError');
    };
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      expect(readSetting('a')).to.equal(null);
      expect(writeSetting('a', 'b')).to.equal(false);
      const { el, article } = await plainPage();
      expect(el.fontSize).to.equal('medium');
      const event = oneEvent(el, 'print-controls-changed');
      sizeButton(el, 'large').click();
      expect((await event).detail.fontSize).to.equal('large');
      button(el, '关怀模式').click();
      await el.updateComplete;
      expect(article.getAttribute('font-size')).to.equal('large');
      expect(article.hasAttribute('care')).to.equal(true);
    } finally {
      Storage.prototype.getItem = getItem;
      Storage.prototype.setItem = setItem;
    }
  });

  it('keeps working when reading window.localStorage itself throws (blocked cookies)', async () => {
    const original = Object.getOwnPropertyDescriptor(window, 'localStorage')!;
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    try {
      const { el, article } = await plainPage();
      sizeButton(el, 'small').click();
      await el.updateComplete;
      expect(article.getAttribute('font-size')).to.equal('small');
      expect(readSetting(`print-controls.font-size`)).to.equal(null);
    } finally {
      Object.defineProperty(window, 'localStorage', original);
    }
  });
});

/* ---------------------------------------------------------------------------------------- */
/* 朗读                                                                                       */
/* ---------------------------------------------------------------------------------------- */

describe('<print-controls> 朗读', () => {
  it('reads the title then each block in the article’s language, highlighting and advancing; pause, resume, stop', async () => {
    const synth = installSpeech([voice('en-US'), voice('zh-TW'), voice('zh-CN', 'Mandarin'), voice('zh-HK')]);
    const { el, article } = await plainPage();
    const blocks = Array.from(article.querySelectorAll<HTMLElement>('h1, h2, p:not([hidden])'));
    expect(blocks.length).to.equal(4);
    const scrolled: Element[] = [];
    const scroll = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    try {
      button(el, '朗读').click();
      await el.updateComplete;
      expect(synth.spoken.length).to.equal(1);
      expect(synth.spoken[0]!.text).to.equal('于长春在抚顺县人民法院调研时强调');
      expect(synth.spoken[0]!.lang).to.equal('zh-CN');
      expect(synth.spoken[0]!.voice!.name).to.equal('Mandarin');

      for (let i = 0; i < blocks.length; i++) {
        synth.start();
        expect(blocks[i]!.hasAttribute(READING_ATTR), `block ${i} highlighted`).to.equal(true);
        expect(blocks.filter((b) => b.hasAttribute(READING_ATTR)).length).to.equal(1);
        expect(scrolled.at(-1)).to.equal(blocks[i]);
        if (i === 1) {
          // The highlight is visible, in normal and in care mode.
          expect(getComputedStyle(blocks[i]!).backgroundColor).to.equal('rgb(255, 240, 166)');
          expect(getComputedStyle(blocks[i]!).outlineStyle).to.equal('solid');
          button(el, '关怀模式').click();
          await el.updateComplete;
          expect(getComputedStyle(blocks[i]!).backgroundColor).to.equal('rgb(255, 240, 166)');
          expect(getComputedStyle(blocks[i]!).outlineStyle).to.equal('solid');
        }
        if (i < blocks.length - 1) synth.end();
      }
      expect(synth.spoken.map((u) => u.text)).to.deep.equal(blocks.map((b) => b.textContent!.trim()));
      expect(synth.spoken.map((u) => u.text)).to.not.include('不应朗读的隐藏段落');

      await el.updateComplete;
      button(el, '暂停朗读').click();
      await el.updateComplete;
      expect(synth.calls).to.deep.equal(['pause']);
      expect(status(el)).to.equal('朗读已暂停');
      button(el, '继续朗读').click();
      await el.updateComplete;
      expect(synth.calls).to.deep.equal(['pause', 'resume']);
      expect(el.readAloudState).to.equal('speaking');
      button(el, '停止朗读').click();
      await el.updateComplete;
      expect(synth.calls).to.deep.equal(['pause', 'resume', 'cancel']);
      expect(el.readAloudState).to.equal('idle');
      expect(article.querySelector(`[${READING_ATTR}]`)).to.equal(null);
      expect(buttons(el).map((b) => b.textContent!.trim())).to.not.include('停止朗读');
      expect(status(el)).to.equal('朗读已停止');
    } finally {
      Element.prototype.scrollIntoView = scroll;
    }
  });

  it('ends by itself after the last block and clears the highlight', async () => {
    const synth = installSpeech();
    const { el, article } = await plainPage();
    button(el, '朗读').click();
    for (let i = 0; i < 4; i++) {
      synth.start();
      synth.end();
    }
    await el.updateComplete;
    expect(synth.spoken.length).to.equal(4);
    expect(el.readAloudState).to.equal('idle');
    expect(article.querySelector(`[${READING_ATTR}]`)).to.equal(null);
    expect(button(el, '朗读').disabled).to.equal(false);
  });

  it('is operated from the keyboard; stopping puts focus back on 朗读', async () => {
    const synth = installSpeech();
    const { el } = await plainPage();
    button(el, '朗读').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    synth.start();
    expect(el.readAloudState).to.equal('speaking');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.readAloudState).to.equal('paused');
    expect(focused(el)!.textContent!.trim()).to.equal('继续朗读');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.readAloudState).to.equal('speaking');
    expect(synth.calls).to.deep.equal(['pause', 'resume']);
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.readAloudState).to.equal('paused');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)!.textContent!.trim()).to.equal('停止朗读');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await el.updateComplete;
    expect(el.readAloudState).to.equal('idle');
    expect(synth.calls.at(-1)).to.equal('cancel');
    expect(focused(el)!.textContent!.trim()).to.equal('朗读');
  });

  it('reads a court-article’s readableBlocks and highlights through highlightBlock', async () => {
    const synth = installSpeech();
    const page = await fixture<HTMLElement & { readableBlocks(): HTMLElement[] }>(html`<court-article
      .article=${{
        version: 1,
        lang: 'zh-CN',
        title: '于长春在抚顺县人民法院调研时强调',
        publishedAt: '2024-02-28T20:54:53+08:00',
        body: [
          { type: 'paragraph', text: '第一段。' },
          { type: 'heading', text: '小标题' },
          { type: 'paragraph', text: '第二段。' },
        ],
      }}
      ><print-controls slot="controls"></print-controls
    ></court-article>`);
    const el = page.querySelector('print-controls')!;
    await el.updateComplete;
    await waitUntil(() => page.readableBlocks().length === 4);
    const blocks = page.readableBlocks();
    const scrolled: Element[] = [];
    const scroll = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    try {
      const plainBackground = getComputedStyle(blocks[1]!).backgroundColor;
      button(el, '朗读').click();
      synth.start();
      expect(scrolled.at(-1)).to.equal(blocks[0]);
      synth.end();
      synth.start();
      expect(synth.spoken.map((u) => u.text)).to.deep.equal(['于长春在抚顺县人民法院调研时强调', '第一段。']);
      expect(synth.spoken[1]!.lang).to.equal('zh-CN');
      expect(blocks[1]!.part.contains('reading')).to.equal(true);
      expect(blocks[0]!.part.contains('reading')).to.equal(false);
      // Scrolled to, and visibly marked.
      expect(scrolled.at(-1)).to.equal(blocks[1]);
      expect(getComputedStyle(blocks[1]!).backgroundColor).to.not.equal(plainBackground);
      await el.updateComplete;
      button(el, '停止朗读').click();
      expect(blocks.some((b) => b.part.contains('reading'))).to.equal(false);
      expect(getComputedStyle(blocks[1]!).backgroundColor).to.equal(plainBackground);
    } finally {
      Element.prototype.scrollIntoView = scroll;
    }
  });

  it('stops when the page is left and when the controls are removed', async () => {
    const synth = installSpeech();
    const { el, article } = await plainPage();
    button(el, '朗读').click();
    synth.start();
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(synth.calls).to.deep.equal(['cancel']);
    expect(el.readAloudState).to.equal('idle');
    expect(article.querySelector(`[${READING_ATTR}]`)).to.equal(null);

    button(el, '朗读').click();
    synth.start();
    el.remove();
    expect(synth.calls).to.deep.equal(['cancel', 'cancel']);
    expect(article.querySelector(`[${READING_ATTR}]`)).to.equal(null);
  });

  it('is disabled with an explanation where the browser has no speechSynthesis', async () => {
    removeSpeech();
    const { el } = await plainPage();
    const read = button(el, '朗读');
    expect(read.disabled).to.equal(true);
    const note = el.shadowRoot!.getElementById(read.getAttribute('aria-describedby')!)!;
    expect(note.textContent!.trim()).to.equal('此浏览器不支持朗读');
    expect(note.getClientRects().length, 'the explanation is visible').to.be.greaterThan(0);
    await expect(el).to.be.accessible();
    // Readable, in both views.
    for (const care of [false, true]) {
      if (care) button(el, '关怀模式').click();
      await el.updateComplete;
      expect(textContrast(note), `note${care ? ' in 关怀模式' : ''}`).to.be.at.least(7);
      expect(textContrast(read), `disabled button${care ? ' in 关怀模式' : ''}`).to.be.at.least(7);
    }
    // 关怀模式 does not keep the explanation in small print.
    expect(parseFloat(getComputedStyle(note).fontSize)).to.be.at.least(16);
    await expect(el).to.be.accessible();
  });

  it('waits for voices to load (voiceschanged), and is disabled while none speaks the language', async () => {
    const synth = installSpeech([]);
    const { el } = await plainPage();
    const read = () => el.shadowRoot!.querySelector<HTMLButtonElement>('button.read')!;
    expect(read().disabled).to.equal(true);
    expect(el.shadowRoot!.getElementById(read().getAttribute('aria-describedby')!)!.textContent!.trim()).to.equal(
      '此浏览器没有该语言的朗读语音',
    );
    await expect(el).to.be.accessible();
    synth.voices = [voice('en-GB')];
    synth.dispatchEvent(new Event('voiceschanged'));
    await el.updateComplete;
    expect(read().disabled).to.equal(true);
    synth.voices = [voice('en-GB'), voice('zh_CN')];
    synth.dispatchEvent(new Event('voiceschanged'));
    await el.updateComplete;
    expect(read().disabled).to.equal(false);
    expect(read().hasAttribute('aria-describedby')).to.equal(false);
  });

  it('speaks in the target’s language with a voice of that language', async () => {
    const synth = installSpeech([voice('zh-CN'), voice('en-GB', 'British')]);
    const page = await fixture<HTMLElement>(html`<div>
      <print-controls for="en-news"></print-controls>
      <article id="en-news" lang="en"><h1>Court news</h1><p>First paragraph.</p></article>
    </div>`);
    const el = page.querySelector('print-controls')!;
    await el.updateComplete;
    button(el, '朗读').click();
    expect(synth.spoken[0]!.lang).to.equal('en');
    expect(synth.spoken[0]!.voice!.name).to.equal('British');
  });

  it('chooses voices: exact tag, zh-CN for Simplified, zh-TW/HK for Traditional, none for another language', () => {
    const voices = [voice('en-US'), voice('zh-TW'), voice('zh-HK'), voice('zh-CN')] as unknown as SpeechSynthesisVoice[];
    expect(findVoice(voices, 'zh-CN')!.lang).to.equal('zh-CN');
    expect(findVoice(voices, 'zh')!.lang).to.equal('zh-CN');
    expect(findVoice(voices, 'zh-Hans')!.lang).to.equal('zh-CN');
    expect(findVoice(voices, 'zh-Hant')!.lang).to.equal('zh-TW');
    expect(findVoice(voices, 'zh-HK')!.lang).to.equal('zh-HK');
    expect(findVoice(voices, 'en')!.lang).to.equal('en-US');
    expect(findVoice(voices, 'ug')).to.equal(undefined);
  });
});

/* ---------------------------------------------------------------------------------------- */
/* Accessibility audit and small screens                                                     */
/* ---------------------------------------------------------------------------------------- */

describe('<print-controls> audit and layout', () => {
  for (const size of FONT_SIZES) {
    for (const care of [false, true]) {
      it(`has no axe violations at ${size}${care ? ' in 关怀模式' : ''}`, async () => {
        installSpeech();
        const { page, el } = await plainPage();
        sizeButton(el, size).click();
        if (care) button(el, '关怀模式').click();
        await el.updateComplete;
        expect(el.fontSize).to.equal(size);
        expect(el.care).to.equal(care);
        await expect(el).to.be.accessible();
        await expect(page).to.be.accessible();
      });
    }
  }

  for (const size of FONT_SIZES) {
    for (const care of [false, true]) {
      it(`has no axe violations in a court-article at ${size}${care ? ' in 关怀模式' : ''}`, async () => {
        installSpeech();
        const { article, el } = await courtPage();
        sizeButton(el, size).click();
        if (care) button(el, '关怀模式').click();
        await settle(el, article);
        expect(article.getAttribute('font-size')).to.equal(size);
        expect(article.hasAttribute('care')).to.equal(care);
        await expect(article).to.be.accessible();
      });
    }
  }

  it('has no axe violations while reading aloud and paused', async () => {
    const synth = installSpeech();
    const { page, el } = await plainPage();
    button(el, '朗读').click();
    synth.start();
    await el.updateComplete;
    await expect(page).to.be.accessible();
    button(el, '暂停朗读').click();
    await el.updateComplete;
    await expect(page).to.be.accessible();
  });

  it('leaves no horizontal scroll at 360 px in the largest size with a long article', async () => {
    installSpeech();
    await setViewport({ width: 360, height: 640 });
    const long = '诉讼服务中心地址https://court.example.cn/a/very/long/path/without/any/break/' + 'x'.repeat(120);
    const paragraphs = Array.from({ length: 30 }, (_, i) => `第${i + 1}段:2024年伊始,最高人民法院在全国法院部署开展加强相对薄弱基层法院建设工作,确定全国相对薄弱基层法院106个。`);
    const page = await fixture<HTMLElement>(html`<div>
      <print-controls for="long-news"></print-controls>
      <article id="long-news" lang="zh-CN">
        <h1>于长春在抚顺县人民法院调研时强调:聚焦“人”,强班子强队伍 聚焦“案”,促公正提效率</h1>
        ${paragraphs.map((p) => html`<p>${p}</p>`)}
        <p>${long}</p>
        <img src="/demo/img/photo-1.svg" width="1280" height="853" alt="示意图" />
        <table><tr><td>${long}</td><td>第二列</td></tr></table>
      </article>
      <court-article
        .article=${{
          version: 1,
          title: '于长春在抚顺县人民法院调研时强调',
          publishedAt: '2024-02-28T20:54:53+08:00',
          body: [...paragraphs.map((text) => ({ type: 'paragraph', text })), { type: 'paragraph', text: long }],
        }}
        ><print-controls slot="controls"></print-controls
      ></court-article>
    </div>`);
    const all = Array.from(page.querySelectorAll('print-controls'));
    await Promise.all(all.map((c) => c.updateComplete));
    for (const el of all) {
      sizeButton(el, 'x-large').click();
      button(el, '关怀模式').click();
      await el.updateComplete;
    }
    await aTimeout(0);
    const root = document.scrollingElement!;
    expect(root.scrollWidth, 'page width').to.be.at.most(root.clientWidth);
    expect(page.querySelector('#long-news')!.getAttribute('font-size')).to.equal('x-large');
    expect(page.querySelector('court-article')!.getAttribute('font-size')).to.equal('x-large');
    await expect(page).to.be.accessible();
  });
});
