/**
 * Reading tools for a court article, as elderly-friendly (适老化) pages need them: 打印 (print
 * the article alone), 字号 (four text sizes applied to the article, not browser zoom), 朗读
 * (read aloud with speechSynthesis, highlighting the paragraph being read) and 关怀模式 (high
 * contrast, generous line height, strong focus ring, large cursor).
 *
 * The target is the element named by `for` (an id in the same document or shadow root) or,
 * without `for`, the closest `<court-article>` (the one whose `controls` slot holds these
 * controls, also across shadow roots). Any element works as a target: a plain `<article>`
 * written by a CMS is read aloud heading by heading and paragraph by paragraph.
 *
 * On the target the controls set `font-size="small|medium|large|x-large"`, `care` (present in
 * 关怀模式) and `data-print-controls-target`; a `<court-article>` styles itself from these,
 * and a document-level style sheet, injected once, styles plain targets (text size, high
 * contrast, line height, focus ring, cursor). When the target has a `readableBlocks()` method,
 * read-aloud reads the elements it returns, in order, and calls `highlightBlock(index)` (index
 * in `readableBlocks()`, `-1` at the end) when it has one. Otherwise the block being read gets a
 * `data-court-reading` attribute (and the `reading` part when it sits in a shadow tree). The
 * language is the `lang` of the block (or of the target, its data or the page; default zh-CN);
 * the address printed is the `url` attribute, else the data's canonical `url` (the `article`
 * property or the `court-article-loaded` event), else the page address.
 *
 * 关怀模式 also reaches the page's footer and counter: while it is on (chosen, restored from
 * storage or set by script), every `<court-footer>` and `<visitor-counter>` of the document
 * (not those inside shadow roots) gets a `care` attribute, which gives all their text a
 * contrast of 7:1 or more; turning 关怀模式 off removes it. Elements the parser has not reached
 * yet get it once the document is parsed; one added by script later follows at the next
 * change (or set its `care` property yourself). While 关怀模式 is off and untouched, a `care`
 * the page wrote on them stays.
 *
 * Before the element is defined (a pre-rendered page before its script has run, or with
 * JavaScript off), its buttons keep their place but are hidden from sight, pointer, keyboard
 * and screen readers, since they could not work yet; nothing moves when it is defined.
 *
 * The 字号 and 关怀模式 choices are kept per site in localStorage (key
 * `court-widgets:<host>:print-controls.font-size` and `….care`); blocked or full storage only
 * means the choice is not remembered. Every `<print-controls>` of the page follows a choice made
 * in any of them (e.g. controls above and below the article).
 *
 * Printing: the 打印 button calls `window.print()` (only from the click) after laying out the
 * page so that the article prints alone: see `print-layout.ts`. The browser's own Print command
 * (Ctrl+P, ⌘P or the menu) gives the same result: every connected `<print-controls>` registers
 * its article, and on `beforeprint` (or when `matchMedia('print')` starts matching) the articles
 * are marked and everything else on the page is hidden, until `afterprint`. The printed page
 * starts with a line giving the address (the `url` attribute, else the article's canonical
 * `url`, else the page address) and the print date.
 *
 * ```html
 * <print-controls for="article"></print-controls>
 * <article id="article" lang="zh-CN">…</article>
 *
 * <court-article src="article.json">
 *   <print-controls slot="controls"></print-controls>
 * </court-article>
 * ```
 *
 * @summary 打印, 字号, 朗读 and 关怀模式 for an article.
 *
 * @fires {CustomEvent<PrintControlsChangedDetail>} print-controls-changed - The reader chose a
 *   text size or switched 关怀模式. `detail: { fontSize, care }`. Bubbles, composed. Not fired
 *   for values set by script or restored from storage.
 *
 * @csspart bar - The row holding every control.
 * @csspart button - Every button.
 * @csspart print-button - The 打印 button.
 * @csspart font-size - The 字号 group.
 * @csspart font-size-button - Each text size button (小, 中, 大, 特大).
 * @csspart read-button - The 朗读 / 暂停朗读 / 继续朗读 button.
 * @csspart stop-button - The 停止朗读 button, present while reading.
 * @csspart care-button - The 关怀模式 toggle.
 * @csspart note - The explanation shown when read-aloud is not available.
 *
 * @cssproperty --print-controls-accent - Background of pressed buttons. Default `var(--court-accent, #b0191e)`; `#8c0a0e` in 关怀模式.
 * @cssproperty --print-controls-accent-contrast - Text of pressed buttons. Default `var(--court-accent-contrast, #ffffff)`.
 * @cssproperty --print-controls-text - Text colour. Default `var(--court-text, #1f1f1f)`.
 * @cssproperty --print-controls-surface - Button background. Default `var(--court-surface, #ffffff)`.
 * @cssproperty --print-controls-border - Button border colour. Default `#767676`.
 * @cssproperty --print-controls-focus - Focus ring colour. Default `var(--court-focus, #1a5fb4)`.
 * @cssproperty --print-controls-radius - Button corner radius. Default `6px`.
 * @cssproperty --print-controls-font-size - Text size of the controls. Default `1rem`.
 * @cssproperty --print-controls-note-color - Colour of the explanation text. Default `#595959`.
 */
import { LitElement, html, isServer, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { msg, str } from '@lit/localize';
import { currentLocale, localized, resolveLocale, withLocale } from '../../internal/localize.js';
import { hydratesServerDom } from '../../internal/prerendered.js';
import { focusRing, tokens } from '../../internal/theme.js';
import { readSetting, writeSetting } from '../../internal/storage.js';
import { ReadAloudController } from '../../internal/speech.js';
import type { ReadAloudItem, ReadAloudState } from '../../internal/speech.js';
import { injectStyles, printArticle, registerPrintSource } from './print-layout.js';
import type { PrintSource } from './print-layout.js';
import { printControlsStyles, targetCss } from './print-controls.styles.js';

/** The text size steps, smallest first. */
export const FONT_SIZES = ['small', 'medium', 'large', 'x-large'] as const;

/** A text size step. */
export type FontSize = (typeof FONT_SIZES)[number];

/**
 * Body text size of each step (`--court-font-size` of a plain target): the reader's browser
 * text size is honoured, and a page that shrinks its root font size cannot take 大 below
 * 20 px or 特大 below 24 px.
 */
export const FONT_SIZE_VALUES: Readonly<Record<FontSize, string>> = {
  small: 'max(0.9375rem, 15px)',
  medium: 'max(1.0625rem, 17px)',
  large: 'max(1.25rem, 20px)',
  'x-large': 'max(1.5rem, 24px)',
};

/** `detail` of `print-controls-changed`. */
export interface PrintControlsChangedDetail {
  fontSize: FontSize;
  care: boolean;
}

/** Storage names (prefixed per site by `internal/storage`). */
export const STORAGE_FONT_SIZE = 'print-controls.font-size';
export const STORAGE_CARE = 'print-controls.care';

/** Attribute marking every element that a `<print-controls>` drives. */
export const TARGET_ATTR = 'data-print-controls-target';
/** Attribute on the block being read aloud. */
export const READING_ATTR = 'data-court-reading';
const TARGET_STYLE_ID = 'court-widgets-print-controls-style';
/** The page's elements that follow 关怀模式 through their `care` attribute. */
export const PAGE_CARE_ELEMENTS = 'court-footer, visitor-counter';

/** What the live region last announced. */
type Announcement =
  | { kind: 'font-size'; size: FontSize }
  | { kind: 'care'; on: boolean }
  | { kind: 'paused' }
  | { kind: 'stopped' }
  | null;

/** What a target may offer (a `<court-article>` does). */
interface ReadableTarget extends HTMLElement {
  readableBlocks?: () => Iterable<HTMLElement> | null | undefined;
  highlightBlock?: (index: number) => unknown;
  article?: ArticleFields | null;
}

/** The fields of an article's data the controls use. */
interface ArticleFields {
  url?: unknown;
  lang?: unknown;
}

const GENERIC_BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, blockquote, figcaption, dt, dd, pre';

function isFontSize(value: unknown): value is FontSize {
  return typeof value === 'string' && (FONT_SIZES as readonly string[]).includes(value);
}

function textOf(el: HTMLElement): string {
  const text = (typeof el.innerText === 'string' && el.innerText) || el.textContent || '';
  return text.replace(/\s+/g, ' ').trim();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `2026-11-27 15:04`, in the reader's time zone. */
function formatDate(date: Date): string {
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

@localized()
export class PrintControlsElement extends LitElement {
  static override styles = [tokens, focusRing, printControlsStyles];

  /**
   * Id of the element to control (looked up in the same document or shadow root). Without it,
   * the closest `<court-article>` is controlled.
   */
  @property({ attribute: 'for' }) for = '';

  /**
   * Address printed in the header line. Default: the article's canonical `url`, else the page's
   * `<link rel="canonical">`, else the page address.
   */
  @property({ attribute: 'url' }) url = '';

  /**
   * Text size of the article: `small`, `medium` (default), `large` or `x-large`. A size the
   * reader chose earlier on this site, kept in localStorage, takes precedence over the attribute.
   */
  @property({ attribute: 'font-size', reflect: true }) fontSize: FontSize = 'medium';

  /** 关怀模式: high contrast, large line height, strong focus ring, large cursor. Remembered like the size. */
  @property({ type: Boolean, attribute: 'care', reflect: true }) care = false;

  /** Hides the 打印 button. */
  @property({ type: Boolean, attribute: 'no-print' }) noPrint = false;

  /** Hides the 字号 buttons. */
  @property({ type: Boolean, attribute: 'no-font-size' }) noFontSize = false;

  /** Hides the 朗读 buttons. */
  @property({ type: Boolean, attribute: 'no-read-aloud' }) noReadAloud = false;

  /** Hides the 关怀模式 button. */
  @property({ type: Boolean, attribute: 'no-care' }) noCare = false;

  @state() private readingState: ReadAloudState = 'idle';
  /** Bumped when the browser's voices change, to re-check read-aloud availability. */
  @state() private voicesVersion = 0;
  @state() private announcement: Announcement = null;
  /** The locale of the last render: a change clears the announcement, which is not the reader's doing. */
  private renderedLocale: string | undefined;
  @state() private targetLang = 'zh-CN';
  /** No target could be found once the page was parsed. */
  @state() private missingTarget = false;

  /**
   * Set while a pre-rendered element waits for its first update, which hydrates the server's
   * DOM: Lit takes that DOM as the output of the first render and writes none of its values,
   * so the first render must be the server's (the size and 关怀模式 of the attributes, read-aloud
   * not available). The reader's stored choices and the browser's read-aloud are rendered in
   * the update right after it; the target gets the choices at once, as without pre-rendering.
   */
  private serverView: { fontSize: FontSize; care: boolean } | null = null;

  private target: ReadableTarget | null = null;
  /** The target's data, from its `article` property or its `court-article-loaded` event. */
  private articleData: ArticleFields | null = null;
  private highlighted: HTMLElement | null = null;
  private unregisterPrint: (() => void) | null = null;
  private unwatchVoices: (() => void) | null = null;
  private waitingForDocument = false;
  private waitingForCare = false;
  private warned = false;

  private readonly speech = new ReadAloudController({
    onBlock: (element) => this.highlight(element),
    onStateChange: (value) => this.handleReadingState(value),
  });

  private readonly printSource: PrintSource = {
    printTarget: () => this.resolveTarget(),
    printHeader: () => this.printHeader(),
  };

  /** The element these controls act on, or `null` when it is not (yet) in the page. */
  get controlledElement(): HTMLElement | null {
    return this.target;
  }

  /** Whether read-aloud is idle, speaking or paused. */
  get readAloudState(): ReadAloudState {
    return this.readingState;
  }

  override connectedCallback(): void {
    const prerendered = hydratesServerDom(this);
    super.connectedCallback();
    if (isServer) return;
    if (prerendered) {
      this.serverView = { fontSize: isFontSize(this.fontSize) ? this.fontSize : 'medium', care: this.care };
    }
    const storedSize = readSetting(STORAGE_FONT_SIZE);
    if (isFontSize(storedSize)) this.fontSize = storedSize;
    const storedCare = readSetting(STORAGE_CARE);
    if (storedCare === 'on' || storedCare === 'off') this.care = storedCare === 'on';
    injectStyles(document, TARGET_STYLE_ID, targetCss);
    this.unregisterPrint = registerPrintSource(this.printSource);
    this.unwatchVoices = this.speech.watchVoices(this.handleVoicesChanged);
    window.addEventListener('pagehide', this.handlePageHide);
    window.addEventListener('print-controls-changed', this.handleOtherChanged);
    // Early, so that the target's `court-article-loaded` (its canonical address and language)
    // is not missed.
    this.resolveTarget();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.speech.stop();
    this.highlight(null);
    this.unregisterPrint?.();
    this.unregisterPrint = null;
    this.unwatchVoices?.();
    this.unwatchVoices = null;
    window.removeEventListener('pagehide', this.handlePageHide);
    window.removeEventListener('print-controls-changed', this.handleOtherChanged);
    document.removeEventListener('DOMContentLoaded', this.handleDocumentReady);
    document.removeEventListener('DOMContentLoaded', this.handleParsedForCare);
    this.waitingForCare = false;
    this.waitingForDocument = false;
    this.target?.removeAttribute(TARGET_ATTR);
    this.target?.removeEventListener('court-article-loaded', this.handleArticleLoaded);
    this.target = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('fontSize') && !isFontSize(this.fontSize)) this.fontSize = 'medium';
    // The status region speaks only after the reader's actions: re-rendered in another
    // language, it would announce its last message again.
    const locale = currentLocale();
    if (this.renderedLocale !== undefined && locale !== this.renderedLocale) this.announcement = null;
    this.renderedLocale = locale;
    if (isServer) return;
    if (changed.has('for') || !this.target || !this.target.isConnected) this.resolveTarget();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.serverView) {
      // The server's DOM is hydrated: now render the reader's choices and read-aloud over it.
      this.serverView = null;
      this.requestUpdate();
    }
    this.applyToTarget();
    // Once 关怀模式 is on (chosen, stored or set), and whenever it changes later; a footer the
    // page switched by hand is left alone while the choice is off from the start.
    if (changed.has('care') && (this.care || changed.get('care') !== undefined)) this.applyCareToPage();
  }

  /**
   * Gives the page's `<court-footer>` and `<visitor-counter>` elements the `care` state of the
   * controls (those of the document, not inside shadow roots). Elements the parser has not
   * reached yet are set once the document is parsed.
   */
  private applyCareToPage(): void {
    for (const el of document.querySelectorAll(PAGE_CARE_ELEMENTS)) {
      if (el.hasAttribute('care') !== this.care) el.toggleAttribute('care', this.care);
    }
    if (document.readyState === 'loading' && !this.waitingForCare) {
      this.waitingForCare = true;
      document.addEventListener('DOMContentLoaded', this.handleParsedForCare, { once: true });
    }
  }

  private readonly handleParsedForCare = (): void => {
    this.waitingForCare = false;
    if (this.isConnected) this.applyCareToPage();
  };

  /** Finds the target, moving the settings to it when it changed. */
  private resolveTarget(): ReadableTarget | null {
    if (isServer || !this.isConnected) return this.target;
    const found = this.findTarget();
    if (found !== this.target) {
      if (this.target && this.target !== found) {
        this.speech.stop();
        this.target.removeAttribute(TARGET_ATTR);
        this.target.removeEventListener('court-article-loaded', this.handleArticleLoaded);
      }
      this.target = found;
      this.articleData = null;
      found?.addEventListener('court-article-loaded', this.handleArticleLoaded);
      this.targetLang = this.languageOf(found);
      this.applyToTarget();
    }
    if (!found && document.readyState === 'loading') {
      if (!this.waitingForDocument) {
        // <print-controls for="x"> placed before #x, upgraded while the page is still parsing.
        this.waitingForDocument = true;
        document.addEventListener('DOMContentLoaded', this.handleDocumentReady, { once: true });
      }
    } else {
      this.missingTarget = !found;
      if (!found && !this.warned) {
        this.warned = true;
        console.warn(`print-controls: no article to control (${this.targetReference()}).`);
      }
    }
    return found;
  }

  private findTarget(): ReadableTarget | null {
    if (this.for) {
      const root = this.getRootNode() as Document | ShadowRoot;
      const byId =
        (typeof root.getElementById === 'function' ? root.getElementById(this.for) : null) ??
        document.getElementById(this.for);
      return byId instanceof HTMLElement ? (byId as ReadableTarget) : null;
    }
    let node: Element | null = this;
    while (node) {
      const article = node.closest('court-article');
      if (article instanceof HTMLElement) return article as ReadableTarget;
      const root = node.getRootNode();
      node = root instanceof ShadowRoot ? root.host : null;
    }
    return null;
  }

  /** How the target is named, for messages: `#id` or `<court-article>`. */
  private targetReference(): string {
    return this.for ? `#${this.for}` : '<court-article>';
  }

  /** The data of the target: its `article` property, else what its loaded event carried. */
  private data(): ArticleFields | null {
    const own = this.target?.article;
    return own && typeof own === 'object' ? own : this.articleData;
  }

  /** The language of `block` (its own or inherited `lang`), else of the target. */
  private languageOf(target: ReadableTarget | null, block?: HTMLElement): string {
    const fromData = this.data()?.lang;
    const fromBlock = block?.closest('[lang]')?.getAttribute('lang');
    const own = target?.getAttribute('lang');
    let lang = fromBlock || own || (typeof fromData === 'string' ? fromData : '');
    let node: Element | null = target;
    while (!lang && node) {
      const withLang: Element | null = node.closest('[lang]');
      if (withLang) {
        lang = withLang.getAttribute('lang') ?? '';
        break;
      }
      const root = node.getRootNode();
      node = root instanceof ShadowRoot ? root.host : null;
    }
    return lang || document.documentElement.lang || 'zh-CN';
  }

  private applyToTarget(): void {
    const target = this.target;
    if (!target) return;
    target.setAttribute(TARGET_ATTR, '');
    if (target.getAttribute('font-size') !== this.fontSize) {
      target.setAttribute('font-size', this.fontSize);
    }
    if (target.hasAttribute('care') !== this.care) target.toggleAttribute('care', this.care);
  }

  private canonicalUrl(): string {
    if (this.url) return this.url;
    const fromData = this.data()?.url;
    if (typeof fromData === 'string' && /^https?:\/\//i.test(fromData.trim())) return fromData.trim();
    const canonical = document.querySelector<HTMLLinkElement>('link[rel~="canonical"][href]')?.href;
    if (canonical && /^https?:\/\//i.test(canonical)) return canonical;
    return location.href;
  }

  private printHeader(): string[] {
    const address = this.canonicalUrl();
    const date = formatDate(new Date());
    return withLocale(resolveLocale(this), () => [
      msg(str`网址:${address}`, {
        id: 'print-controls.print-url',
        desc: 'Header line of the printed article: the address of the article',
      }),
      msg(str`打印时间:${date}`, {
        id: 'print-controls.print-date',
        desc: 'Header line of the printed article: the date and time of printing',
      }),
    ]);
  }

  private sizeLabel(size: FontSize): string {
    switch (size) {
      case 'small':
        return msg('小', { id: 'print-controls.size-small', desc: 'Text size button: small' });
      case 'medium':
        return msg('中', { id: 'print-controls.size-medium', desc: 'Text size button: medium (default)' });
      case 'large':
        return msg('大', { id: 'print-controls.size-large', desc: 'Text size button: large' });
      case 'x-large':
        return msg('特大', { id: 'print-controls.size-x-large', desc: 'Text size button: extra large' });
    }
  }

  private emitChanged(): void {
    this.dispatchEvent(
      new CustomEvent<PrintControlsChangedDetail>('print-controls-changed', {
        detail: { fontSize: this.fontSize, care: this.care },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private readableItems(): ReadAloudItem[] {
    const target = this.resolveTarget();
    if (!target) return [];
    let blocks: HTMLElement[] = [];
    if (typeof target.readableBlocks === 'function') {
      try {
        blocks = Array.from(target.readableBlocks() ?? []);
      } catch {
        blocks = [];
      }
    } else {
      const scope: ParentNode = target.shadowRoot ?? target;
      blocks = Array.from(scope.querySelectorAll<HTMLElement>(GENERIC_BLOCKS)).filter(
        (el) =>
          !el.closest('print-controls, [aria-hidden="true"], [hidden]') &&
          !el.parentElement?.closest(GENERIC_BLOCKS),
      );
    }
    return blocks
      .filter((el): el is HTMLElement => el instanceof HTMLElement)
      .map((element) => ({ element, text: textOf(element) }))
      .filter((item) => item.text !== '');
  }

  private highlight(element: HTMLElement | null): void {
    const previous = this.highlighted;
    if (previous && previous !== element) {
      previous.removeAttribute(READING_ATTR);
      previous.part?.remove('reading');
      if (previous.getAttribute('part') === '') previous.removeAttribute('part');
    }
    this.highlighted = element;
    const target = this.target;
    if (target && typeof target.highlightBlock === 'function' && typeof target.readableBlocks === 'function') {
      try {
        const index = element ? Array.from(target.readableBlocks() ?? []).indexOf(element) : -1;
        target.highlightBlock(index);
        if (index >= 0 || !element) return;
      } catch {
        // Fall back to the attribute below.
      }
    }
    if (!element) return;
    element.setAttribute(READING_ATTR, '');
    if (element.getRootNode() instanceof ShadowRoot) element.part?.add('reading');
    const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    element.scrollIntoView?.({ block: 'center', behavior: reduced ? 'auto' : 'smooth' });
  }

  /** `''` when read-aloud can start, otherwise the reason shown beside the disabled button. */
  private readAloudUnavailable(): string {
    // The server cannot know the reader's voices. It renders the longest reason, which the
    // hydrating render keeps; the update after it shortens or removes that note, which is last
    // in the row (see render), so nothing moves.
    if (isServer || this.serverView) return this.noVoiceText();
    if (this.missingTarget) return this.missingTargetText();
    if (!this.speech.supported) {
      return msg('此浏览器不支持朗读', {
        id: 'print-controls.speech-unsupported',
        desc: 'Shown beside the disabled read-aloud button when the browser cannot speak',
      });
    }
    if (this.readingState === 'idle' && !this.speech.voiceFor(this.targetLang)) return this.noVoiceText();
    return '';
  }

  private noVoiceText(): string {
    return msg('此浏览器没有该语言的朗读语音', {
      id: 'print-controls.speech-no-voice',
      desc: 'Shown beside the disabled read-aloud button when no voice speaks the language of the article',
    });
  }

  private missingTargetText(): string {
    const ref = this.targetReference();
    return msg(str`找不到要控制的文章:${ref}`, {
      id: 'print-controls.missing-target',
      desc: 'Shown when the article named by the for attribute (or the surrounding court-article) is not in the page; the value names it',
    });
  }

  private readonly handleArticleLoaded = (event: Event): void => {
    const detail = (event as CustomEvent<{ article?: unknown } | null>).detail;
    const article = detail?.article;
    if (article && typeof article === 'object') this.articleData = article as ArticleFields;
    this.targetLang = this.languageOf(this.target);
  };

  /** Another `<print-controls>` of the page changed the (site-wide) choice: follow it, quietly. */
  private readonly handleOtherChanged = (event: Event): void => {
    if (event.composedPath()[0] === this) return;
    const detail = (event as CustomEvent<Partial<PrintControlsChangedDetail> | null>).detail;
    if (isFontSize(detail?.fontSize)) this.fontSize = detail.fontSize;
    if (typeof detail?.care === 'boolean') this.care = detail.care;
    // This row's last message (字号:大) no longer holds once another row changed the choice; a
    // screen reader reading the page would still find it in the status region.
    if (this.announcement?.kind === 'font-size' || this.announcement?.kind === 'care') this.announcement = null;
  };

  private readonly handleVoicesChanged = (): void => {
    this.voicesVersion += 1;
  };

  private readonly handlePageHide = (): void => {
    this.speech.stop();
  };

  private readonly handleDocumentReady = (): void => {
    this.waitingForDocument = false;
    this.resolveTarget();
    this.requestUpdate();
  };

  private handlePrint(): void {
    this.speech.stop();
    printArticle(this.printSource);
  }

  private handleFontSize(size: FontSize): void {
    const changed = size !== this.fontSize;
    this.fontSize = size;
    writeSetting(STORAGE_FONT_SIZE, size);
    this.announcement = { kind: 'font-size', size };
    if (changed) this.emitChanged();
  }

  private handleCare(): void {
    this.care = !this.care;
    writeSetting(STORAGE_CARE, this.care ? 'on' : 'off');
    this.announcement = { kind: 'care', on: this.care };
    this.emitChanged();
  }

  private handleRead(): void {
    if (this.readingState === 'speaking') {
      this.speech.pause();
    } else if (this.readingState === 'paused') {
      this.speech.resume();
    } else {
      const items = this.readableItems();
      this.targetLang = this.languageOf(this.target, items[0]?.element ?? undefined);
      this.speech.start(items, this.targetLang);
    }
  }

  private handleStop(): void {
    this.speech.stop();
  }

  private handleReadingState(value: ReadAloudState): void {
    const stopFocused = this.shadowRoot?.activeElement?.classList.contains('stop') ?? false;
    this.readingState = value;
    if (value === 'idle') {
      this.announcement = { kind: 'stopped' };
      if (stopFocused) {
        void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('button.read')?.focus());
      }
    } else if (value === 'paused') {
      this.announcement = { kind: 'paused' };
    } else if (this.announcement?.kind === 'paused' || this.announcement?.kind === 'stopped') {
      this.announcement = null;
    }
  }

  private announcementText(): string {
    const a = this.announcement;
    if (!a) return '';
    switch (a.kind) {
      case 'font-size':
        return msg(str`字号:${this.sizeLabel(a.size)}`, {
          id: 'print-controls.announce-font-size',
          desc: 'Announced to screen readers after the text size changed, e.g. 字号:大',
        });
      case 'care':
        return a.on
          ? msg('关怀模式已开启', { id: 'print-controls.announce-care-on', desc: 'Announced when care mode is switched on' })
          : msg('关怀模式已关闭', { id: 'print-controls.announce-care-off', desc: 'Announced when care mode is switched off' });
      case 'paused':
        return msg('朗读已暂停', { id: 'print-controls.announce-paused', desc: 'Announced when reading aloud is paused' });
      case 'stopped':
        return msg('朗读已停止', { id: 'print-controls.announce-stopped', desc: 'Announced when reading aloud ends or is stopped' });
    }
  }

  private renderFontSizes() {
    const fontSize = this.serverView?.fontSize ?? this.fontSize;
    const label = msg('字号', { id: 'print-controls.font-size', desc: 'Label of the group of text size buttons' });
    return html`<div class="group" part="font-size" role="group" aria-labelledby="font-size-label">
      <span class="label" id="font-size-label">${label}</span>
      ${FONT_SIZES.map(
        (size) => html`<button
          type="button"
          part="button font-size-button"
          data-size=${size}
          aria-pressed=${fontSize === size ? 'true' : 'false'}
          @click=${() => this.handleFontSize(size)}
        >
          ${this.sizeLabel(size)}
        </button>`,
      )}
    </div>`;
  }

  private renderReadAloud(reason: string) {
    const label =
      this.readingState === 'speaking'
        ? msg('暂停朗读', { id: 'print-controls.pause', desc: 'Button that pauses reading aloud' })
        : this.readingState === 'paused'
          ? msg('继续朗读', { id: 'print-controls.resume', desc: 'Button that resumes reading aloud' })
          : msg('朗读', { id: 'print-controls.read-aloud', desc: 'Button that reads the article aloud' });
    return html`<div class="group">
      <button
        type="button"
        class="read"
        part="button read-button"
        ?disabled=${reason !== ''}
        aria-describedby=${reason ? 'speech-note' : nothing}
        @click=${this.handleRead}
      >
        ${label}
      </button>
      ${this.readingState === 'idle'
        ? nothing
        : html`<button type="button" class="stop" part="button stop-button" @click=${this.handleStop}>
            ${msg('停止朗读', { id: 'print-controls.stop', desc: 'Button that stops reading aloud' })}
          </button>`}
    </div>`;
  }

  override render() {
    // Read so that a change of the voice list re-renders the availability.
    void this.voicesVersion;
    const reason = this.noReadAloud ? '' : this.readAloudUnavailable();
    // Why 朗读 cannot be used, last in the row: it may change after the element hydrates (see
    // readAloudUnavailable), and nothing before it moves then.
    const note = reason ? html`<span class="note" part="note" id="speech-note">${reason}</span>` : nothing;
    return html`<div class="bar" part="bar" role="group" aria-label=${msg('阅读辅助工具', {
      id: 'print-controls.toolbar',
      desc: 'Accessible name of the row of print, text size, read-aloud and care-mode controls',
    })}>
      ${this.noPrint
        ? nothing
        : html`<button type="button" class="print" part="button print-button" @click=${this.handlePrint}>
            ${msg('打印', { id: 'print-controls.print', desc: 'Button that prints the article' })}
          </button>`}
      ${this.noFontSize ? nothing : this.renderFontSizes()}
      ${this.noReadAloud ? nothing : this.renderReadAloud(reason)}
      ${this.noCare
        ? nothing
        : html`<button
            type="button"
            class="care"
            part="button care-button"
            aria-pressed=${(this.serverView?.care ?? this.care) ? 'true' : 'false'}
            @click=${this.handleCare}
          >
            ${msg('关怀模式', { id: 'print-controls.care', desc: 'Toggle button for the elderly-friendly high-contrast view' })}
          </button>`}
      ${note}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcementText()}</div>
    </div>`;
  }
}
