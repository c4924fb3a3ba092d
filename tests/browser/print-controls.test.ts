import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/define/court-article.js';
import '../../src/define/print-controls.js';
import type {
  FontSize,
  PrintControlsChangedDetail,
  PrintControlsElement,
} from '../../src/elements/print-controls/print-controls.js';
import { FONT_SIZES, READING_ATTR } from '../../src/elements/print-controls/print-controls.js';
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

/** WCAG contrast ratio of two computed `rgb()` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c.match(/\d+(\.\d+)?/g)!.slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
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
    const first = buttons(el)[0]!.getBoundingClientRect();
    const last = buttons(el).at(-1)!.getBoundingClientRect();
    expect(first.right).to.be.greaterThan(last.right);
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
    const style = getComputedStyle(paragraph);
    expect(contrast(style.color, getComputedStyle(article).backgroundColor)).to.be.at.least(7);
    expect(parseFloat(style.lineHeight) / parseFloat(style.fontSize)).to.be.at.least(1.8);
    expect(getComputedStyle(article).cursor).to.match(/^url\(/);
    expect(getComputedStyle(paragraph).cursor).to.equal(getComputedStyle(article).cursor);
    expect(getComputedStyle(link).cursor).to.match(/^url\(.*pointer$/);
    expect(getComputedStyle(care).cursor).to.match(/^url\(.*pointer$/);
    expect(contrast(getComputedStyle(link).color, 'rgb(255, 255, 255)')).to.be.at.least(7);

    // A stronger ring than the normal 3 px one, on the controls and inside the article.
    care.focus();
    await shiftTabTab();
    expect(parseFloat(getComputedStyle(focused(el)!).outlineWidth)).to.be.at.least(4);
    link.focus();
    await shiftTabTab();
    expect(document.activeElement).to.equal(link);
    expect(parseFloat(getComputedStyle(link).outlineWidth)).to.be.at.least(4);

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

  it('gives a court-article body text at 7:1 or more and line height ≥ 1.8', async () => {
    const page = await fixture<HTMLElement>(html`<court-article
      .article=${{ version: 1, title: '标题', publishedAt: '2024-02-28T20:54:53+08:00', body: [{ type: 'paragraph', text: '正文段落。' }] }}
      ><print-controls slot="controls"></print-controls
    ></court-article>`);
    const el = page.querySelector('print-controls')!;
    await el.updateComplete;
    button(el, '关怀模式').click();
    await el.updateComplete;
    await (page as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const body = (page as HTMLElement & { readableBlocks(): HTMLElement[] }).readableBlocks()[1]!;
    const style = getComputedStyle(body);
    expect(contrast(style.color, getComputedStyle(page).backgroundColor)).to.be.at.least(7);
    expect(parseFloat(style.lineHeight) / parseFloat(style.fontSize)).to.be.at.least(1.8);
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
    button(el, '朗读').click();
    synth.start();
    synth.end();
    synth.start();
    const blocks = page.readableBlocks();
    expect(synth.spoken.map((u) => u.text)).to.deep.equal(['于长春在抚顺县人民法院调研时强调', '第一段。']);
    expect(synth.spoken[1]!.lang).to.equal('zh-CN');
    expect(blocks[1]!.part.contains('reading')).to.equal(true);
    expect(blocks[0]!.part.contains('reading')).to.equal(false);
    await el.updateComplete;
    button(el, '停止朗读').click();
    expect(blocks.some((b) => b.part.contains('reading'))).to.equal(false);
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
