/**
 * A court news article rendered from JSON (court news JSON, version 1).
 *
 * The data comes from, first one present wins: the `article` property; an inline
 * `<script type="application/json">` child (no extra request); the `src` attribute (fetched,
 * with a loading state and, on failure, an error naming the URL and status with a retry
 * button). Invalid data shows a short localized error naming the field, warns once in the
 * console, and leaves the host page alone.
 *
 * Content the CMS writes inside the element (the old article HTML) is shown until the article
 * has rendered (while idle, loading or failed) and whenever JavaScript is off.
 *
 * New data is drawn in two steps so that the reader sees the article as early as possible:
 * first the header and as much of the body as fills the window, then, once that has been
 * painted, the rest of the body, 责任编辑, 附件 and 上一篇 / 下一篇 (whose file sizes need the
 * locale's unit data, slow to load the first time). When the first step does not reach below
 * the bottom of the window, both steps are drawn in the same frame, so nothing on screen moves.
 * `court-article-loaded` and `updateComplete` wait for the second step.
 *
 * ```html
 * <court-article src="/data/article-001.json">
 *   <print-controls slot="controls"></print-controls>
 *   <div>旧版文章 HTML…</div>
 * </court-article>
 * ```
 *
 * **Hooks for `<print-controls>`**: the `font-size` attribute (`small`, `medium`, `large`,
 * `x-large`) scales the article's text without browser zoom; the `care` attribute turns on
 * the high-contrast, wide-leading view; `readableBlocks()` lists the title and the body's
 * text blocks in reading order and `highlightBlock(index)` marks (and scrolls to) the one
 * being read aloud.
 *
 * @summary A court news article from JSON: breadcrumb, headings, byline, body, attachments, pager.
 *
 * @fires court-article-loaded - Valid data was rendered. `detail: { article }`.
 * @fires court-article-failed - The data could not be loaded or is invalid.
 *   `detail: { problems }` for invalid data, `{ url, status, reason }` for a failed request.
 *
 * @slot - Fallback content (the old article HTML): shown until the article has rendered.
 * @slot controls - Controls under the byline, e.g. `<print-controls>`.
 *
 * @csspart article - The `<article>` container (carries the article's `lang`).
 * @csspart breadcrumb - The 当前位置 navigation.
 * @csspart kicker - The 引题 above the title.
 * @csspart title - The `<h1>`.
 * @csspart subtitle - The 副题 under the title.
 * @csspart byline - 作者, 来源 and 发布时间.
 * @csspart body - The container of the body blocks.
 * @csspart editor - 责任编辑.
 * @csspart attachments - The 附件 list.
 * @csspart pager - 上一篇 / 下一篇.
 * @csspart status - The loading message.
 * @csspart error - The error message box.
 * @csspart retry-button - The 重试 button in the error box.
 * @csspart reading - The block being read aloud (see `highlightBlock`).
 * @csspart photo-figure - The `<figure>` of each image block (`<photo-caption>`'s `figure`).
 * @csspart photo-image - The image of each image block.
 * @csspart photo-caption - The caption of each image block.
 * @csspart photo-marker - The ▲ marker of each caption.
 * @csspart photo-placeholder - The box shown for an image that cannot be loaded.
 * @csspart video - The `<figure>` of each video block.
 * @csspart video-player - The `<video>` of each video block.
 * @csspart video-caption - The caption of each video block.
 *
 * @cssproperty --court-article-font-size - Body text size at `font-size="medium"`. Default `var(--court-font-size, 1.0625rem)`.
 * @cssproperty --court-article-line-height - Line height. Default `var(--court-line-height, 1.8)`.
 * @cssproperty --court-article-max-width - Largest width of the article. Default `max(50rem, 800px)`.
 * @cssproperty --court-article-title-size - Size of the title. Default `1.6em`.
 * @cssproperty --court-article-indent - First-line indent of paragraphs. Default `2em`.
 * @cssproperty --court-article-text - Text colour. Default `var(--court-text, #1f1f1f)`.
 * @cssproperty --court-article-muted - Colour of the byline and labels. Default `var(--court-muted, #595959)`.
 * @cssproperty --court-article-accent - Accent colour (title, heading rule). Default `var(--court-accent, #b0191e)`.
 * @cssproperty --court-article-link - Link colour. Default `var(--court-link, #0b4f9c)`.
 * @cssproperty --court-article-surface - Background. Default `var(--court-surface, #ffffff)`. Set this rather than `background` on the element: the element keeps its own surface under page rules (a 黑底黄字 toolbar sets one on every element).
 * @cssproperty --court-article-border - Rule colour. Default `var(--court-border, #d9d9d9)`.
 * @cssproperty --court-article-highlight - Background of the block being read aloud. Default `#fff1a8`.
 * @cssproperty --court-article-care-text - Text colour in care mode. Default `#000000`.
 * @cssproperty --court-article-care-link - Link colour in care mode. Default `#00307a`.
 * @cssproperty --court-article-care-accent - Accent colour in care mode. Default `#8c0a0e`.
 * @cssproperty --court-article-care-surface - Background in care mode. Default `#ffffff`.
 * @cssproperty --court-article-care-line-height - Line height in care mode. Default `2`.
 */
import { LitElement, html, isServer, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property } from 'lit/decorators/property.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { msg } from '@lit/localize';
import { parseArticle } from '../../model/index.js';
import type { Article, Block, Problem, VideoBlock } from '../../model/types.js';
import { JsonSource } from '../../internal/json-source.js';
import type { JsonSourceFailure } from '../../internal/json-source.js';
import { loadFailureText, moreProblemsText, problemText } from '../../internal/problem-text.js';
import { sanitizeFragment, sanitizeInline } from '../../internal/sanitize.js';
import type { SafeHtml } from '../../internal/sanitize.js';
import { safeUrl } from '../../internal/url.js';
import { dateTimeAttr, formatPublished } from '../../internal/date.js';
import { formatBytes } from '../../internal/format.js';
import { currentLocale, localeDirection, localized } from '../../internal/localize.js';
import { hydratesServerDom } from '../../internal/prerendered.js';
import { withoutCaptionMarker } from '../../internal/caption.js';
import { textDirection } from '../../internal/direction.js';
import { focusRing, tokens } from '../../internal/theme.js';
import { courtArticleStyles } from './court-article.styles.js';

/** The 字号 steps: body text about 15, 17, 20 and 24 px at the default size. */
export type CourtArticleFontSize = 'small' | 'medium' | 'large' | 'x-large';

/** `detail` of `court-article-loaded`. */
export interface CourtArticleLoadedDetail {
  article: Article;
}

/** `detail` of `court-article-failed`: invalid data, or a request that failed. */
export type CourtArticleFailedDetail =
  | { problems: Problem[] }
  | { url: string; status?: number; reason: 'http' | 'network' | 'timeout' };

/**
 * Text drawn by the first step, in characters: at the default size (about 44 characters a
 * line, 31 px a line, at the largest width) some 1,400 px, more than a window's height.
 */
const FIRST_STEP_CHARACTERS = 2000;
/** What an image counts for in that budget: about the height of its reserved box (some 700 px). */
const IMAGE_CHARACTERS = 1000;
/** What a heading counts for in that budget. */
const HEADING_CHARACTERS = 120;
/** The second step is drawn after this many milliseconds at the latest (hidden pages get no frames). */
const REST_FALLBACK_MS = 1000;

/**
 * The white space a CMS puts at the start of a paragraph to indent it (全角空格 U+3000, no-break
 * spaces, ordinary spaces: what `trimStart` removes from text), in sanitized inline markup, as
 * characters or as the references that write them (`&nbsp;`, `&#160;`, `&#xa0;`, `&#12288;`,
 * `&#x3000;`). Only what comes before the first `<` can match, whole references only.
 */
const LEADING_MARKUP_SPACE = /^(?:\s|&nbsp;|&#0*160;|&#[xX]0*[aA]0;|&#0*12288;|&#[xX]0*3000;)+/;

/**
 * `markup` without its leading white space. Nothing is added: what is left is a suffix of the
 * sanitized markup that starts between two tokens of its first text, so it is sanitized markup
 * still.
 */
function withoutLeadingSpace(markup: SafeHtml): SafeHtml {
  const lead = LEADING_MARKUP_SPACE.exec(markup);
  return lead ? (markup.slice(lead[0].length) as SafeHtml) : markup;
}

/** Attribute that marks the elements `readableBlocks()` returns. */
const READABLE = 'data-readable';
/** Attribute set on the block being read aloud. */
const READING = 'data-reading';

/** The box shapes a video can get, as `data-ratio` values (court-article.styles.ts). */
const VIDEO_RATIOS: Array<[string, number]> = [
  ['16-9', 16 / 9],
  ['4-3', 4 / 3],
  ['1-1', 1],
  ['3-4', 3 / 4],
  ['9-16', 9 / 16],
];

/**
 * The box shape nearest the video's width and height (16:9 without them). The box comes from
 * the style sheet, not from the file or the still, which would resize it when they load; a
 * `style` attribute would be refused by a strict `style-src`.
 */
function videoRatio(block: VideoBlock): string {
  if (!block.width || !block.height) return '16-9';
  const ratio = Math.log(block.width / block.height);
  let best = VIDEO_RATIOS[0]!;
  for (const candidate of VIDEO_RATIOS) {
    if (Math.abs(Math.log(candidate[1]) - ratio) < Math.abs(Math.log(best[1]) - ratio)) best = candidate;
  }
  return best[0];
}

@localized()
export class CourtArticleElement extends LitElement {
  static override styles = [tokens, focusRing, courtArticleStyles];

  /** Address of the article JSON. Used when there is neither an `article` property nor an inline JSON child. */
  @property({ attribute: 'src' }) src = '';

  /**
   * The article as an object (or JSON text), validated like any other source. Takes
   * precedence over the inline JSON child and `src`; set `undefined` to hand back to them.
   */
  @property({ attribute: false }) article?: Article | string;

  /**
   * 字号: `small`, `medium` (default), `large` (at least 20 px body text) or `x-large`
   * (at least 24 px). Scales the article only, without browser zoom. Set by `<print-controls>`.
   */
  @property({ attribute: 'font-size', reflect: true }) fontSize: CourtArticleFontSize = 'medium';

  /** 关怀模式: body text at a contrast of at least 7:1, line height 2, a stronger focus ring and a larger pointer. Set by `<print-controls>`. */
  @property({ attribute: 'care', type: Boolean, reflect: true }) care = false;

  private readonly source = new JsonSource<Article>(this, parseArticle, {
    onLoaded: (article, warnings) => this.handleLoaded(article, warnings),
    onFailed: (failure) => this.handleFailed(failure),
  });

  /** Events to dispatch once the state they announce is rendered. */
  private pendingEvents: CustomEvent[] = [];
  /** Set by the retry button, so that focus can follow the result. */
  private retrying = false;
  /** Sanitized HTML per block object: sanitizing runs once per data, not once per render. */
  private sanitized = new WeakMap<object, SafeHtml>();
  /** Video blocks whose file could not be played: they say so, with a link to the file. */
  private failedVideos = new WeakSet<VideoBlock>();
  /** Accessible name of an HTML block that scrolls sideways, in the element's language. */
  private scrollableLabel = '';
  /** Re-checks which HTML blocks scroll sideways once they are laid out, and when their width changes. */
  private resizeObserver: ResizeObserver | undefined;
  /**
   * Number of body blocks drawn while the rest of new data waits for the first paint;
   * `undefined` when everything is drawn.
   */
  private firstBlocks: number | undefined;
  /** Counts the data drawn in two steps, so that a late second step of older data does nothing. */
  private firstStep = 0;
  /** The value of `firstStep` whose second step is scheduled. */
  private scheduledStep = 0;
  /** Resolves when the second step of the current data has been requested. */
  private restDrawn: Promise<void> | undefined;
  private drawRest: (() => void) | undefined;
  /** Whether the element came with a server-rendered shadow root, which hydrates whole. */
  private serverRendered = false;

  /**
   * The elements a reader reads aloud, in order: the title, then each heading, paragraph and
   * HTML block of the body (images are left out). Their `textContent` is the text to speak.
   * Empty until the article has rendered (`court-article-loaded`).
   */
  readableBlocks(): HTMLElement[] {
    const root = this.renderRoot as ParentNode | undefined;
    if (!root || typeof root.querySelectorAll !== 'function') return [];
    return Array.from(root.querySelectorAll<HTMLElement>(`[${READABLE}]`));
  }

  /**
   * Marks block `index` of `readableBlocks()` as being read (highlight colour
   * `--court-article-highlight`, part `reading`) and scrolls it into view; any other mark is
   * removed. `-1` (or any index out of range) removes the mark. Returns the marked element.
   */
  highlightBlock(index: number): HTMLElement | undefined {
    const blocks = this.readableBlocks();
    for (const block of blocks) {
      if (block.hasAttribute(READING)) {
        block.removeAttribute(READING);
        block.part.remove('reading');
      }
    }
    const target = Number.isInteger(index) ? blocks[index] : undefined;
    if (!target) return undefined;
    target.setAttribute(READING, '');
    target.part.add('reading');
    const reduce = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    target.scrollIntoView?.({ block: 'nearest', behavior: reduce ? 'auto' : 'smooth' });
    return target;
  }

  override connectedCallback(): void {
    if (hydratesServerDom(this)) this.serverRendered = true;
    super.connectedCallback();
    if (typeof ResizeObserver === 'function') {
      this.resizeObserver ??= new ResizeObserver(() => this.markScrollableBlocks());
      this.resizeObserver.observe(this);
    }
    if (!isServer) window.addEventListener('beforeprint', this.drawAllForPrint);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    if (!isServer) window.removeEventListener('beforeprint', this.drawAllForPrint);
  }

  /**
   * Printing (Ctrl+P, the browser's menu) right after the page opens, before the second step is
   * drawn, would put the first screenful alone on paper: the rest is drawn at once instead.
   */
  private readonly drawAllForPrint = (): void => {
    if (!this.drawRest) return;
    this.drawRest();
    if (this.isUpdatePending) this.performUpdate();
  };

  /** Loads `src` again and re-reads the inline JSON child, e.g. after a failure. */
  reload(): void {
    this.source.retry();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('article')) this.source.setValue(this.article);
    if (changed.has('src')) this.source.setSrc(this.src);
  }

  protected override updated(): void {
    if (this.firstBlocks !== undefined) {
      // The events announce the whole article: they wait for the second step.
      this.scheduleRest();
    } else {
      const events = this.pendingEvents;
      this.pendingEvents = [];
      for (const event of events) this.dispatchEvent(event);
    }
    if (this.retrying && this.source.status !== 'loading') {
      this.retrying = false;
      const target =
        this.source.status === 'loaded'
          ? this.renderRoot.querySelector<HTMLElement>('h1')
          : this.renderRoot.querySelector<HTMLElement>('.retry');
      target?.focus();
    }
    this.watchHtmlBlocks();
  }

  protected override firstUpdated(): void {
    // The first update of a pre-rendered article is its hydration: from then on, `@error` listens.
    if (this.serverRendered) this.noteEarlyVideoFailures();
  }

  /**
   * `updateComplete` resolves once the whole article is drawn, the second step included.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    while (this.firstBlocks !== undefined && this.restDrawn) {
      await this.restDrawn;
      result = await super.getUpdateComplete();
    }
    return result;
  }

  /**
   * How many body blocks make the first step: a little more than a window's height at the
   * default size (images counted by their reserved height), at least one block. If the window
   * is taller, the rest is drawn in the same frame anyway.
   */
  private static firstScreenfuls(body: readonly Block[]): number {
    let budget = FIRST_STEP_CHARACTERS;
    for (let i = 0; i < body.length; i++) {
      const block = body[i]!;
      budget -=
        block.type === 'image' || block.type === 'video'
          ? IMAGE_CHARACTERS
          : block.type === 'heading'
            ? HEADING_CHARACTERS
            : (block.type === 'paragraph' ? (block.html ?? block.text ?? '') : block.html).length;
      if (budget <= 0) return i + 1;
    }
    return body.length;
  }

  /**
   * New data replaces an article whose second step is still to come: that article's
   * `court-article-loaded` is not sent, and its second step is cancelled.
   */
  private dropUnfinished(): void {
    this.firstStep++;
    if (this.firstBlocks !== undefined) {
      this.firstBlocks = undefined;
      this.pendingEvents = this.pendingEvents.filter((event) => event.type !== 'court-article-loaded');
    }
    this.drawRest?.();
  }

  /** Whether new data may be drawn in two steps: in a visible browser page that did not come server-rendered. */
  private mayDrawInSteps(): boolean {
    return (
      !isServer &&
      !this.serverRendered &&
      typeof requestAnimationFrame === 'function' &&
      typeof document !== 'undefined' &&
      document.visibilityState !== 'hidden'
    );
  }

  /**
   * Draws the rest of the article after the first step has been painted, or in the same
   * frame when the first step ends inside the window (so that nothing visible moves).
   */
  private scheduleRest(): void {
    if (this.scheduledStep === this.firstStep) return;
    const step = (this.scheduledStep = this.firstStep);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.drawRest = undefined;
      if (step !== this.firstStep || this.firstBlocks === undefined) return;
      this.firstBlocks = undefined;
      this.requestUpdate();
    };
    this.restDrawn = new Promise<void>((resolve) => {
      this.drawRest = () => {
        finish();
        resolve();
      };
    });
    const draw = this.drawRest!;
    requestAnimationFrame(() => {
      // Layout is current here (the first step and its photos are rendered): reading it costs
      // nothing extra. When the first step ends inside the window, the rest joins this frame.
      if (!this.isConnected || this.getBoundingClientRect().bottom <= window.innerHeight) {
        draw();
        return;
      }
      // Otherwise it waits until the browser is ready for the next frame, i.e. has done with
      // this one, so that its work does not hold up the first step on its way to the screen.
      requestAnimationFrame(() => setTimeout(draw, 0));
    });
    // A page hidden meanwhile gets no animation frames.
    setTimeout(draw, REST_FALLBACK_MS);
  }

  /**
   * HTML blocks wider than the article scroll inside their own box. They are checked by the
   * resize observer, after layout, so that checking never forces a layout of its own.
   */
  private watchHtmlBlocks(): void {
    const observer = this.resizeObserver;
    const blocks = this.renderRoot.querySelectorAll<HTMLElement>('.html-block');
    if (!observer) {
      if (blocks.length > 0) this.markScrollableBlocks();
      return;
    }
    observer.disconnect();
    observer.observe(this);
    for (const block of blocks) observer.observe(block);
  }

  /** Makes each HTML block that scrolls sideways reachable by keyboard, and unmarks the others. */
  private markScrollableBlocks(): void {
    const blocks = Array.from(this.renderRoot.querySelectorAll<HTMLElement>('.html-block'));
    // Every measurement first, then every change: no layout between two blocks.
    const wide = blocks.map((block) => block.scrollWidth > block.clientWidth + 1 && block.clientWidth > 0);
    blocks.forEach((block, i) => {
      if (wide[i]) {
        if (block.getAttribute('role') === 'region' && block.getAttribute('aria-label') === this.scrollableLabel) return;
        block.tabIndex = 0;
        block.setAttribute('role', 'region');
        block.setAttribute('aria-label', this.scrollableLabel);
      } else if (block.hasAttribute('role')) {
        block.removeAttribute('tabindex');
        block.removeAttribute('role');
        block.removeAttribute('aria-label');
      }
    });
  }

  private handleLoaded(article: Article, warnings: Problem[]): void {
    for (const warning of warnings) {
      console.warn(`<court-article>: ${warning.message}`, warning);
    }
    if (isServer) return;
    this.dropUnfinished();
    this.firstBlocks = this.mayDrawInSteps() ? CourtArticleElement.firstScreenfuls(article.body) : undefined;
    this.pendingEvents.push(
      new CustomEvent<CourtArticleLoadedDetail>('court-article-loaded', {
        detail: { article },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private handleFailed(failure: JsonSourceFailure): void {
    if (!isServer) this.dropUnfinished();
    let detail: CourtArticleFailedDetail;
    if (failure.kind === 'invalid') {
      console.warn(`<court-article>: the article data is invalid and was not rendered (${failure.problems.length}).`, failure.problems);
      detail = { problems: failure.problems };
    } else {
      const why = failure.reason === 'http' ? `HTTP ${failure.status ?? ''}`.trim() : failure.reason;
      console.warn(`<court-article>: could not load the article data from ${failure.url} (${why}).`);
      detail = { url: failure.url, reason: failure.reason, ...(failure.status !== undefined ? { status: failure.status } : {}) };
    }
    if (isServer) return;
    this.pendingEvents.push(
      new CustomEvent<CourtArticleFailedDetail>('court-article-failed', { detail, bubbles: true, composed: true }),
    );
  }

  private handleRetry = (): void => {
    this.retrying = true;
    this.source.retry();
  };

  protected override render() {
    // Kept for markScrollableBlocks, which also runs from a ResizeObserver, outside render.
    this.scrollableLabel = msg('可横向滚动的内容', {
      id: 'court-article.scrollable',
      desc: 'Accessible name of a wide table or fragment that scrolls sideways',
    });
    const { status, value, failure } = this.source;
    const loading = status === 'loading';
    return html`<div class="status" part="status" role="status" aria-live="polite">${loading
        ? msg('正在加载…', { id: 'court-article.loading', desc: 'Shown while the article data is being loaded' })
        : nothing}</div>${status === 'loaded' && value
        ? this.renderArticle(value)
        : html`${status === 'error' && failure ? this.renderError(failure) : nothing}<div class="fallback" aria-busy=${loading ? 'true' : 'false'}><slot></slot></div>`}`;
  }

  private renderError(failure: JsonSourceFailure) {
    if (failure.kind === 'invalid') {
      const [first] = failure.problems;
      const more = failure.problems.length - 1;
      return html`<div class="error" part="error" role="alert">
        <p>${first ? problemText(first, 'article') : nothing}</p>
        ${more > 0 ? html`<p>${moreProblemsText(more)}</p>` : nothing}
      </div>`;
    }
    return html`<div class="error" part="error" role="alert">
      <p>${loadFailureText(failure, 'article')}</p>
      <button class="retry" part="retry-button" type="button" @click=${this.handleRetry}>${msg('重试', {
        id: 'court-article.retry',
        desc: 'Button that loads the article data again after a failure',
      })}</button>
    </div>`;
  }

  /** `lang` and `dir` for UI text inside the article when the page language differs from the article's. */
  private uiLang(articleLang: string): { lang: string | undefined; dir: string | undefined } {
    const ui = currentLocale();
    if (ui.toLowerCase() === articleLang.toLowerCase()) return { lang: undefined, dir: undefined };
    return { lang: ui, dir: localeDirection(ui) };
  }

  /**
   * A value from the article (an author's name, 责任编辑, a title) inside a line in the page
   * language: an isolated run marked with the article's language, so that a right-to-left
   * line puts it after (left of) its label and a screen reader reads it in the right voice.
   */
  private value(text: string, articleLang: string): TemplateResult {
    return html`<bdi lang=${articleLang} dir=${textDirection(articleLang)}>${text}</bdi>`;
  }

  private renderArticle(article: Article) {
    const lang = article.lang || 'zh-CN';
    const dir = textDirection(lang);
    const first = this.firstBlocks;
    const body = first === undefined ? article.body : article.body.slice(0, first);
    return html`<article class="article" part="article" lang=${lang} dir=${dir}>
      ${this.renderBreadcrumb(article, lang)}
      <header>
        ${article.kicker ? html`<p class="kicker" part="kicker">${article.kicker}</p>` : nothing}
        <h1 part="title" tabindex="-1" data-readable>${article.title}</h1>
        ${article.subtitle ? html`<p class="subtitle" part="subtitle">${article.subtitle}</p>` : nothing}
        <div class="meta" dir=${ifDefined(this.uiLang(lang).dir)}>
          ${this.renderByline(article, lang)}
          <div class="controls"><slot name="controls"></slot></div>
        </div>
      </header>
      <div class="body" part="body">${body.map((block) => this.renderBlock(block, lang))}</div>
      ${first === undefined ? this.renderEnd(article, lang) : nothing}
    </article>`;
  }

  /** 责任编辑, 附件 and 上一篇 / 下一篇: drawn with the second step. */
  private renderEnd(article: Article, lang: string) {
    // The line keeps its place at the article's end; inside it, label and name follow the page language.
    const ui = this.uiLang(lang);
    return html`${article.editor
        ? html`<p class="editor" part="editor"><span lang=${ifDefined(ui.lang)} dir=${ifDefined(ui.dir)}><span class="label">${msg('责任编辑:', { id: 'court-article.editor', desc: 'Label before the name of the responsible editor' })}</span>${this.value(article.editor, lang)}</span></p>`
        : nothing}
      ${this.renderAttachments(article, lang)} ${this.renderPager(article, lang)}`;
  }

  private renderBreadcrumb(article: Article, lang: string) {
    const items = article.breadcrumb ?? [];
    if (items.length === 0) return nothing;
    const ui = this.uiLang(lang);
    const label = msg('当前位置', { id: 'court-article.breadcrumb', desc: 'Accessible name and visible label of the breadcrumb trail' });
    return html`<nav class="breadcrumb" part="breadcrumb" aria-label=${label} lang=${ifDefined(ui.lang)} dir=${ifDefined(ui.dir)}>
      <span aria-hidden="true">${msg('当前位置:', { id: 'court-article.breadcrumb-lead', desc: 'Visible lead-in of the breadcrumb trail' })}</span>
      <ol lang=${lang} dir=${textDirection(lang)}>
        ${items.map((item, i) => {
          const last = i === items.length - 1;
          const href = safeUrl(item.href);
          return html`<li>${href
            ? html`<a href=${href} aria-current=${ifDefined(last ? 'location' : undefined)}>${item.label}</a>`
            : html`<span aria-current=${ifDefined(last ? 'location' : undefined)}>${item.label}</span>`}</li>`;
        })}
      </ol>
    </nav>`;
  }

  /**
   * 作者, 来源 and 发布时间: the line runs in the page language (right to left in Uyghur), each
   * value from the article is an isolated run in the article's language, and the date, formatted
   * in the page language, is one isolated run marked with that language and its direction.
   */
  private renderByline(article: Article, lang: string) {
    const ui = this.uiLang(lang);
    const locale = currentLocale();
    const datetime = dateTimeAttr(article.publishedAt);
    const shown = formatPublished(article.publishedAt, locale) ?? article.publishedAt;
    return html`<p class="byline" part="byline" lang=${ifDefined(ui.lang)} dir=${ifDefined(ui.dir)}>
      ${article.author
        ? html`<span><span class="label">${msg('作者:', { id: 'court-article.author', desc: 'Label before the author' })}</span>${this.value(article.author, lang)}</span>`
        : nothing}
      ${article.source
        ? html`<span><span class="label">${msg('来源:', { id: 'court-article.source', desc: 'Label before the source (publication) of the article' })}</span>${this.value(article.source, lang)}</span>`
        : nothing}
      <span><span class="label">${msg('发布时间:', { id: 'court-article.published', desc: 'Label before the publication date and time' })}</span><time
          datetime=${ifDefined(datetime)}
          lang=${locale}
          dir=${localeDirection(locale)}
          >${shown}</time
        ></span>
    </p>`;
  }

  /** Paragraph markup (without its leading white space, see `renderBlock`) or an HTML block's fragment. */
  private sanitizedOf(block: object, html: string, inline: boolean): SafeHtml {
    let safe = this.sanitized.get(block);
    if (safe === undefined) {
      safe = inline ? withoutLeadingSpace(sanitizeInline(html)) : sanitizeFragment(html);
      this.sanitized.set(block, safe);
    }
    return safe;
  }

  private renderBlock(block: Block, lang: string) {
    switch (block.type) {
      case 'paragraph':
        // CMS text often indents itself (　　 or &nbsp;×4); the paragraph's text-indent already
        // does, so that leading run is not shown and every paragraph starts at the same place.
        // A 落款 or centred line (`align`) keeps its place without the indent.
        return block.html !== undefined
          ? html`<p data-readable data-align=${block.align ?? nothing}>${unsafeHTML(this.sanitizedOf(block, block.html, true))}</p>`
          : html`<p data-readable data-align=${block.align ?? nothing}>${(block.text ?? '').trimStart()}</p>`;
      case 'heading':
        switch (block.level) {
          case 3:
            return html`<h3 data-readable>${block.text}</h3>`;
          case 4:
            return html`<h4 data-readable>${block.text}</h4>`;
          default:
            return html`<h2 data-readable>${block.text}</h2>`;
        }
      case 'image':
        return html`<photo-caption
          exportparts="figure: photo-figure, image: photo-image, caption: photo-caption, marker: photo-marker, placeholder: photo-placeholder"
          src=${block.src}
          alt=${block.alt ?? ''}
          caption=${block.caption ?? ''}
          width=${ifDefined(block.width)}
          height=${ifDefined(block.height)}
          srcset=${ifDefined(block.srcset)}
          sizes=${ifDefined(block.sizes)}
        ></photo-caption>`;
      case 'video':
        return this.renderVideo(block, lang);
      case 'html':
        return html`<div class="html-block" data-readable>${unsafeHTML(this.sanitizedOf(block, block.html, false))}</div>`;
      default:
        // Unknown types are removed (with a warning) by the parser; nothing to draw here.
        return nothing;
    }
  }

  /**
   * A video the court hosts: nothing is fetched before the reader presses play (an old office
   * PC and a slow line load the page as fast as without it), its box is reserved from the
   * data's size (16:9 without one), and a file the browser cannot play says so, with a link,
   * in a live region that is there (empty, taking no space) from the start, so that screen
   * readers announce the message when it is filled.
   */
  private renderVideo(block: VideoBlock, lang: string) {
    const ui = this.uiLang(lang);
    const caption = block.caption === undefined ? '' : withoutCaptionMarker(block.caption);
    const download = msg('下载视频', { id: 'court-article.video-download', desc: 'Link to the video file, for browsers that cannot play it' });
    const failed = this.failedVideos.has(block);
    return html`<figure class="video" part="video">
      <video
        part="video-player"
        controls
        preload="none"
        playsinline
        src=${block.src}
        poster=${ifDefined(block.poster)}
        width=${ifDefined(block.width)}
        height=${ifDefined(block.height)}
        data-ratio=${videoRatio(block)}
        aria-label=${caption || msg('视频', { id: 'court-article.video', desc: 'Accessible name of a video without a caption' })}
        lang=${ifDefined(caption ? undefined : ui.lang)}
        @error=${() => this.videoFailed(block)}
      ><a href=${block.src} lang=${ifDefined(ui.lang)}>${download}</a></video>
      <p class="video-failed" role="status" lang=${ifDefined(ui.lang)} dir=${ifDefined(ui.dir)}>${failed
        ? html`${msg('这段视频无法在此播放。', { id: 'court-article.video-failed', desc: 'Shown under a video whose file the browser cannot play' })} <a href=${block.src}>${download}</a>`
        : nothing}</p>
      ${block.poster ? html`<img class="still" src=${block.poster} alt="" />` : nothing}
      ${caption ? html`<figcaption part="video-caption"><span class="marker" aria-hidden="true">▲</span><span data-readable>${caption}</span></figcaption>` : nothing}
    </figure>`;
  }

  /**
   * A video of a pre-rendered page that failed before the bundle arrived (the reader pressed
   * play at once) fired its `error` before anyone listened: it is sent again, to the listener,
   * once, when hydration has bound it.
   */
  private noteEarlyVideoFailures(): void {
    for (const video of this.renderRoot.querySelectorAll('video')) {
      if (video.error) video.dispatchEvent(new Event('error'));
    }
  }

  private videoFailed(block: VideoBlock): void {
    if (this.failedVideos.has(block)) return;
    this.failedVideos.add(block);
    this.requestUpdate();
  }

  private renderAttachments(article: Article, lang: string) {
    const items = (article.attachments ?? []).filter((item) => safeUrl(item.href));
    if (items.length === 0) return nothing;
    const ui = this.uiLang(lang);
    const locale = currentLocale();
    return html`<section class="attachments" part="attachments" aria-labelledby="attachments-heading">
      <h2 id="attachments-heading" lang=${ifDefined(ui.lang)} dir=${ifDefined(ui.dir)}>${msg('附件', { id: 'court-article.attachments', desc: 'Heading of the list of attached files' })}</h2>
      <ul>
        ${items.map((item) => {
          const size = item.bytes !== undefined ? formatBytes(item.bytes, locale) : '';
          return html`<li><a href=${safeUrl(item.href)!}>${item.title}</a>${size
            ? html`<span class="size" lang=${ifDefined(ui.lang)} dir=${ifDefined(ui.dir)}>(${size})</span>`
            : nothing}</li>`;
        })}
      </ul>
    </section>`;
  }

  /** 上一篇 / 下一篇: like the byline, each line runs in the page language and the title in the article's. */
  private renderPager(article: Article, lang: string) {
    const prevHref = article.prev ? safeUrl(article.prev.href) : undefined;
    const nextHref = article.next ? safeUrl(article.next.href) : undefined;
    if (!prevHref && !nextHref) return nothing;
    const ui = this.uiLang(lang);
    const item = (label: string, href: string, rel: string, title: string) =>
      html`<li lang=${ifDefined(ui.lang)} dir=${ifDefined(ui.dir)}><span class="label">${label}</span><a href=${href} rel=${rel} lang=${lang} dir=${textDirection(lang)}>${title}</a></li>`;
    return html`<nav class="pager" part="pager" aria-label=${msg('上一篇和下一篇', { id: 'court-article.pager', desc: 'Accessible name of the links to the previous and next articles' })}>
      <ul>
        ${article.prev && prevHref
          ? item(msg('上一篇:', { id: 'court-article.prev', desc: 'Label before the link to the previous article' }), prevHref, 'prev', article.prev.title)
          : nothing}
        ${article.next && nextHref
          ? item(msg('下一篇:', { id: 'court-article.next', desc: 'Label before the link to the next article' }), nextHref, 'next', article.next.title)
          : nothing}
      </ul>
    </nav>`;
  }
}
