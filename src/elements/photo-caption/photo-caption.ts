/**
 * A news photo with its caption: `<figure>` + `<figcaption>`, the ▲ marker drawn by the
 * element, space reserved from `width`/`height` so nothing shifts when the image arrives
 * (once it has, its own proportions win: wrong sizes never stretch it),
 * lazy loading (unless `loading="eager"`), and the full image in a modal dialog on click,
 * Enter or Space.
 *
 * The button around the image is named by interface text (查看大图, "View full image") followed by
 * the image's text alternative (`alt`, else the caption), so several photos have distinct names
 * and the text alternative is heard once. The two are never one string: the interface text is
 * marked with the reader's language, the image keeps the content's. The caption is not repeated
 * as a description: it names the figure and is read where it stands.
 *
 * Interface and content each keep their language and direction. The element takes the reader's
 * language and direction (`dir="rtl"` in Uyghur), but the caption, the image and its text
 * alternative are content: they keep the language of the nearest `lang` around the element
 * (inside `<court-article>`, the article's) and the direction of the nearest `dir` up to it,
 * else that language's. A Chinese caption therefore reads left to right with its ▲ marker first
 * on a Uyghur page, while 查看大图, the 关闭 button and the dialog's bar follow the interface.
 *
 * A broken image shows a neutral box with the caption instead of the browser's broken-image
 * icon. URLs outside http, https and relative forms are dropped.
 *
 * ```html
 * <photo-caption src="img/001.jpg" width="1280" height="853"
 *   caption="于长春院长考察抚顺县人民法院办公楼南侧空地"></photo-caption>
 * ```
 *
 * @summary A figure with a captioned photo that opens full size in a dialog.
 *
 * @csspart figure - The `<figure>`.
 * @csspart button - The button around the image that opens the dialog.
 * @csspart image - The `<img>`.
 * @csspart placeholder - The neutral box shown when the image cannot be loaded.
 * @csspart caption - The `<figcaption>`.
 * @csspart marker - The marker before the caption (▲ by default).
 * @csspart dialog - The modal `<dialog>` with the full image.
 * @csspart full-image - The full image inside the dialog.
 * @csspart close-button - The dialog's close button.
 *
 * @cssproperty --photo-caption-text - Text colour. Default `var(--court-text, #1f1f1f)`.
 * @cssproperty --photo-caption-caption-color - Caption colour. Default `var(--court-muted, #595959)`.
 * @cssproperty --photo-caption-caption-size - Caption font size. Default `0.9375em`.
 * @cssproperty --photo-caption-marker-color - Marker colour. Default `var(--court-accent, #b0191e)`.
 * @cssproperty --photo-caption-placeholder - Background while loading and of the broken-image box. Default `#f0f0f0`.
 * @cssproperty --photo-caption-radius - Corner radius of the image. Default `4px`.
 */
import { LitElement, html, isServer, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { query } from 'lit/decorators/query.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { msg } from '@lit/localize';
import { currentLocale, localeDirection, localized, normalizeLocale } from '../../internal/localize.js';
import { withoutCaptionMarker } from '../../internal/caption.js';
import { hydratesServerDom } from '../../internal/prerendered.js';
import type { TextDirection } from '../../internal/localize.js';
import { safeSrcset, safeUrl } from '../../internal/url.js';
import { focusRing, tokens } from '../../internal/theme.js';
import { photoCaptionStyles } from './photo-caption.styles.js';

/** A positive integer from an attribute, or `undefined`. */
function positive(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : undefined;
}

@localized()
export class PhotoCaptionElement extends LitElement {
  static override styles = [tokens, focusRing, photoCaptionStyles];

  /** Address of the image (http, https or relative; anything else is dropped). */
  @property({ attribute: 'src' }) src = '';

  /** Text alternative. Falls back to the caption when empty. */
  @property({ attribute: 'alt' }) alt = '';

  /** Caption shown under the image, plain text, without the marker (a leading ▲ or △ in it is dropped: the element draws the marker). */
  @property({ attribute: 'caption' }) caption = '';

  /** Intrinsic width in pixels; with `height` it reserves the image's space before it loads (the loaded image keeps its own proportions). */
  @property({ attribute: 'width', type: Number }) width?: number;

  /** Intrinsic height in pixels; with `width` it reserves the image's space before it loads (the loaded image keeps its own proportions). */
  @property({ attribute: 'height', type: Number }) height?: number;

  /** Passed through to the image; candidates with an unsafe URL drop the whole attribute. */
  @property({ attribute: 'srcset' }) srcset = '';

  /** Passed through to the image with `srcset`. */
  @property({ attribute: 'sizes' }) sizes = '';

  /**
   * When the image is fetched: `lazy` (default) once it comes near the window; `eager` at
   * once, e.g. for a large photo at the top of a page.
   */
  @property({ attribute: 'loading' }) loading: 'lazy' | 'eager' = 'lazy';

  /** Text drawn before the caption; `marker=""` turns it off. */
  @property({ attribute: 'marker' }) marker = '▲';

  /** Whether the image failed to load (the neutral box is shown instead). */
  @state() private broken = false;

  /** Whether the dialog is open; the full image is only requested then. */
  @state() private viewing = false;

  /**
   * Whether this render must be the server's: a pre-rendered photo's open button is disabled
   * and presentational, since without script it could open nothing (the reader gets the
   * picture only: not focusable, announced as an image), and the element's first render in the
   * browser repeats that, so that it hydrates the server's DOM as it is; the button becomes one
   * in the update right after.
   */
  private serverView = isServer;

  @query('dialog') private dialog?: HTMLDialogElement;
  @query('button.open') private trigger?: HTMLButtonElement;

  /** Opens the full image in the modal dialog. Does nothing when there is no usable image. */
  show(): void {
    const dialog = this.dialog;
    if (!dialog || dialog.open || this.broken || !safeUrl(this.src)) return;
    this.viewing = true;
    dialog.showModal();
    dialog.querySelector<HTMLButtonElement>('button.close')?.focus();
  }

  /** Closes the dialog; focus returns to the image button. */
  close(): void {
    const dialog = this.dialog;
    if (!dialog?.open) return;
    dialog.close();
    this.trigger?.focus();
  }

  override connectedCallback(): void {
    if (hydratesServerDom(this)) this.serverView = true;
    super.connectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src')) this.broken = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.serverView && !isServer) {
      // The server's DOM is hydrated: now the button can open the dialog.
      this.serverView = false;
      this.requestUpdate();
    }
    this.sizeBoxes();
    // An image that failed before the element upgraded never fires `error` again.
    if (changed.has('src') && !this.broken) {
      const img = this.renderRoot.querySelector<HTMLImageElement>('img.photo');
      if (img && img.complete && img.currentSrc !== '' && img.naturalWidth === 0) this.broken = true;
    }
  }

  private handleError = (): void => {
    this.broken = true;
  };

  private handleOpen = (): void => {
    this.show();
  };

  private handleClose = (): void => {
    this.close();
  };

  private handleDialogClick = (event: MouseEvent): void => {
    // A click on the backdrop lands on the dialog itself.
    if (event.target === this.dialog) this.close();
  };

  private handleDialogClosed = (): void => {
    this.viewing = false;
    this.trigger?.focus();
  };

  /**
   * The caption without a leading marker written into the data (old CMS captions often start
   * with ▲): the element draws the marker, so it is shown once and never read as text.
   */
  private captionText(): string {
    return withoutCaptionMarker(this.caption);
  }

  private altText(): string {
    return this.alt.trim() || this.captionText();
  }

  /**
   * Box sizes through the CSSOM: a style="" attribute would be refused by style-src 'self'.
   *
   * `width` and `height` only stand in for the image until it arrives: on the image the ratio
   * is `auto W / H`, what the `width`/`height` attributes map to (and all a page rendered on
   * the server has), so once loaded the picture keeps its own proportions even when the data
   * is wrong (sides swapped for a phone photo turned by its EXIF orientation). The box shown
   * for a broken image has no picture of its own: it takes the data's ratio as it is.
   */
  private sizeBoxes(): void {
    const width = positive(this.width);
    const height = positive(this.height);
    const frame = this.renderRoot.querySelector<HTMLElement>('.frame');
    // min(): a size the frame may shrink from, so that it never widens an auto-layout table
    // cell (a fixed 1280 px would count as the cell's minimum width).
    frame?.style.setProperty('inline-size', width ? `min(${width}px, 100%)` : '100%');
    for (const box of this.renderRoot.querySelectorAll<HTMLElement>('.photo, .broken')) {
      if (width && height) box.style.setProperty('aspect-ratio', `${box.matches('.photo') ? 'auto ' : ''}${width} / ${height}`);
      else box.style.removeProperty('aspect-ratio');
    }
  }

  /**
   * `lang` and `dir` for pure interface text (关闭, 查看大图) when the reader's language differs
   * from the content's: inside a Chinese article on an English page the buttons say "Close" and
   * "View full image" and are marked English, while the caption keeps the article's language.
   * `content` is the content's `lang`, for content inside an element marked with the reader's
   * language (the image's text alternative inside the open button).
   *
   * `contentDir` is the content's direction when it differs from the interface's, for the parts
   * that are content (figure, caption, images): the host itself takes the interface direction
   * (`dir="rtl"` in Uyghur). It is the nearest `dir` (ltr or rtl) from the host's parent up to the
   * element that gives the content its `lang` (`<article lang="zh-CN" dir="ltr">`), crossing shadow
   * roots, else the direction of that language. A `dir` on the host counts only when it differs
   * from the interface's (a page's own choice; the interface's is set by the localization).
   */
  private uiLang(): { lang: string | undefined; dir: string | undefined; content: string | undefined; contentDir: TextDirection | undefined } {
    const none = { lang: undefined, dir: undefined, content: undefined, contentDir: undefined };
    if (isServer) return none;
    const ui = currentLocale();
    const uiDir = localeDirection(ui);
    let content: string | null = null;
    let dir: TextDirection | undefined;
    let node: Element | null = this;
    while (node) {
      const written = node.getAttribute('dir');
      if (dir === undefined && (written === 'ltr' || written === 'rtl') && (node !== this || written !== uiDir)) dir = written;
      content = node.getAttribute('lang');
      if (content !== null) break;
      const root = node.getRootNode();
      node = node.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
    }
    const otherLang = content !== null && normalizeLocale(content) !== ui;
    const contentDir = dir ?? (content !== null ? localeDirection(content) : uiDir);
    const otherDir = contentDir !== uiDir;
    return {
      lang: otherLang ? ui : undefined,
      dir: otherLang || otherDir ? uiDir : undefined,
      content: otherLang ? (content ?? undefined) : undefined,
      contentDir: otherDir ? contentDir : undefined,
    };
  }

  protected override render() {
    const ui = this.uiLang();
    const src = safeUrl(this.src);
    const srcset = safeSrcset(this.srcset);
    const width = positive(this.width);
    const height = positive(this.height);
    const caption = this.captionText();
    const alt = this.altText();
    const label = caption || alt;
    // The open button's name is the interface text, then the image itself (its alt, in the
    // content's language). Ids are fixed: the shadow root scopes them, and the server renders
    // the same ones.
    const openName = msg('查看大图', {
      id: 'photo-caption.open-plain',
      desc: "Accessible name of the button that opens the full image; the image's text alternative is read after it",
    });

    let picture;
    if (!src || this.broken) {
      const brokenText = msg('图片无法显示', { id: 'photo-caption.broken', desc: 'Text of the box shown instead of an image that cannot be loaded' });
      // The caption stays below the box; without one, the box shows the text alternative.
      // Interface text in it is marked with the reader's language.
      const boxText = caption ? brokenText : alt || brokenText;
      const shownUi = alt && caption;
      picture = html`<div class="broken" part="placeholder" role="img" aria-label=${alt || brokenText}
        lang=${ifDefined(alt ? undefined : ui.lang)} dir=${ifDefined(alt ? undefined : ui.dir)}>
        <span aria-hidden="true" lang=${ifDefined(shownUi ? ui.lang : undefined)} dir=${ifDefined(shownUi ? ui.dir : undefined)}>${boxText}</span>
      </div>`;
    } else {
      picture = html`<button class="open" part="button" type="button" lang=${ifDefined(ui.lang)} dir=${ifDefined(ui.dir)}
          role=${ifDefined(this.serverView ? 'none' : undefined)} ?disabled=${this.serverView}
          aria-labelledby=${ifDefined(this.serverView ? undefined : alt ? 'open-name image' : 'open-name')}
          aria-haspopup=${ifDefined(this.serverView ? undefined : 'dialog')} @click=${this.handleOpen}>
        <span id="open-name" hidden>${openName}</span>
        <img id="image" class="photo" part="image" lang=${ifDefined(ui.content)} dir=${ifDefined(ui.contentDir)}
          src=${src} alt=${alt} width=${ifDefined(width)} height=${ifDefined(height)}
          srcset=${ifDefined(srcset)} sizes=${ifDefined(srcset && this.sizes.trim() ? this.sizes.trim() : undefined)}
          loading=${this.loading === 'eager' ? 'eager' : 'lazy'} decoding="async" @error=${this.handleError} />
      </button>`;
    }

    return html`<figure part="figure" dir=${ifDefined(ui.contentDir)}>
        <div class="frame">${picture}</div>
        ${caption
          ? html`<figcaption id="caption" part="caption">${this.marker
              ? html`<span class="marker" part="marker" aria-hidden="true">${this.marker}</span>`
              : nothing}${caption}</figcaption>`
          : nothing}
      </figure>
      ${src && !this.broken
        ? html`<dialog part="dialog" aria-label=${label || msg('大图', { id: 'photo-caption.dialog', desc: 'Accessible name of the full-image dialog when there is no caption' })}
            lang=${ifDefined(label ? undefined : ui.lang)} @click=${this.handleDialogClick} @close=${this.handleDialogClosed}>
            ${this.viewing ? html`<img class="full" part="full-image" dir=${ifDefined(ui.contentDir)} src=${src} alt=${alt} decoding="async" />` : nothing}
            <div class="dialog-bar">
              ${caption ? html`<p class="dialog-caption" dir=${ifDefined(ui.contentDir)}>${caption}</p>` : html`<span></span>`}
              <button class="close" part="close-button" type="button" lang=${ifDefined(ui.lang)} dir=${ifDefined(ui.dir)} @click=${this.handleClose}>${msg('关闭', { id: 'photo-caption.close', desc: 'Button that closes the full-image dialog' })}</button>
            </div>
          </dialog>`
        : nothing}`;
  }
}
