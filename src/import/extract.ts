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
 */
import { parse } from 'parse5';
import type { Article, Attachment, Block, ImageBlock, ParagraphBlock, VideoBlock } from '../model/types.js';
import { isSafeUrl } from '../internal/url.js';
import { textDirection } from '../internal/direction.js';
import { scriptCounts } from '../internal/traditional.js';
import { parseCourtDate } from './date.js';
import { holdsWechatMarkup, isWechatPage, wechatByline, wechatEmbed, wechatFurniture, wechatImageHost, wechatImageSize, wechatScriptDate } from './wechat.js';
import {
  type Element,
  type Node,
  type TextNode,
  attr,
  children,
  descendants,
  escapeHtml,
  isElement,
  isText,
  nestingDepth,
  NON_TEXT_TAGS,
  normalizeSpace,
  squash,
  textContent,
  textNodes,
} from './dom.js';
import { type Ctx, type ImportIssue, issue, metaContent, resolveUrl } from './context.js';
import {
  ATTACHMENT_HREF,
  ATTACHMENT_LABELS,
  attachmentLinkAround,
  ATTACHMENTS_LABEL,
  BLOCK_TAGS,
  CAPTION_LABEL,
  CAPTION_MARKER,
  CAPTION_START,
  CHROME_LINE,
  END_MARK,
  FILE_TYPE_TEXT,
  FOOTER_TEXT,
  KEPT_INLINE,
  labelHits,
  MEDIA_TAGS,
  rowLabel,
  SIZE_TEXT,
  titleAttribute,
  unwrapCaption,
  withoutSize,
} from './vocabulary.js';
import { inChrome, isAccessKeyAnchor, isChrome, isFooterBox } from './chrome.js';
import { findBreadcrumb, findLinks } from './breadcrumb.js';
import { findTitles, isBoldType } from './title.js';
import { type BylineFields, containsConsumed, dateNearTitle, findBylines, readByline, spacedText, takeByline } from './byline.js';
import { findPager, findPrevNext } from './pager.js';
import { figureMedia, lazyAddress, mediaFile, nonBlank, shownAddress, unsupportedMedia } from './media.js';
import { findBodyContainer } from './body.js';

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

// ---------------------------------------------------------------------------------------------
// Walking the body into blocks

interface Para {
  text: string;
  html: string;
  markup: boolean;
  boldLength: number;
  linkTexts: string[];
  align?: string;
  /** Width of the blank run before the line's first character (a full-width space counts 2, an `&nbsp;` or a run of spaces 1). */
  lead: number;
}

/** A line pushed this far by leading blanks (8 full-width spaces, 16 `&nbsp;`) is set to the end: a 落款 typed with spaces. */
const PUSHED_LEAD = 16;

/** The width of the blank run at the start of `value`, as a browser shows it (see `Para.lead`). */
function leadWidth(value: string): number {
  const run = /^[\s\u200b\ufeff]*/.exec(value)![0];
  return run.replace(/[\t\n\f\r ]+/g, ' ').replace(/[\u200b\ufeff]/g, '').replace(/[\u3000\u2003]/g, '  ').length;
}

/** A line of the body as written, before `end()` decides whether its alignment is the page's layout. */
interface Line {
  block: ParagraphBlock;
  /** The line's alignment as the page sets it (for long lines too, which keep none). */
  align: ParagraphBlock['align'];
  long: boolean;
}

/** Stands for the path of a line not yet placed, in the messages of its pending issues. */
const PENDING_PATH = 'body[…]';

class BodyWriter {
  readonly blocks: Block[] = [];
  readonly attachments: Attachment[] = [];
  /** Issues about links of the line being written (see `settle`). */
  private pending: Array<{ found: ImportIssue; control: boolean }> = [];
  /** Photos and videos waiting for a ▲ / 图为 caption, oldest first. */
  private uncaptioned: number[] = [];
  private para: Para = BodyWriter.empty();
  private open: Array<{ open: string; close: string }> = [];
  /** 责任编辑 / 来源 / 作者 read from lines of the body (【责任编辑：王芳】). */
  readonly fields: BylineFields = {};
  /** The paragraphs written, with the alignment the page gives them. */
  private readonly lines: Line[] = [];

  /**
   * @param rtl whether the body runs right to left (then `align="left"` is where its lines end)
   */
  constructor(
    private readonly ctx: Ctx,
    private readonly rtl = false,
  ) {}

  static empty(): Para {
    return { text: '', html: '', markup: false, boldLength: 0, linkTexts: [], lead: 0 };
  }

  private tags(el: Element): { open: string; close: string } {
    if (el.tagName === 'a') {
      // Where the link's line goes is known when the line ends: its issues wait until then.
      const found: ImportIssue[] = [];
      const href = resolveUrl({ ...this.ctx, issues: found }, attr(el, 'href'), PENDING_PATH, 'link');
      const control = CHROME_LINE.test(normalizeSpace(textContent(el)));
      for (const f of found) this.pending.push({ found: f, control });
      return href ? { open: `<a href="${escapeHtml(href.replace(/\s/g, '%20'))}">`, close: '</a>' } : { open: '', close: '' };
    }
    return KEPT_INLINE.has(el.tagName) ? { open: `<${el.tagName}>`, close: `</${el.tagName}>` } : { open: '', close: '' };
  }

  enterInline(el: Element): void {
    const tags = this.tags(el);
    this.para.html += tags.open;
    this.open.push(tags);
  }

  leaveInline(): void {
    this.para.html += this.open.pop()?.close ?? '';
  }

  text(value: string, bold: boolean, inLink: boolean): void {
    if (!normalizeSpace(this.para.text)) this.para.lead += leadWidth(value);
    const collapsed = value.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ');
    this.para.text += collapsed;
    this.para.html += escapeHtml(collapsed);
    const visible = normalizeSpace(collapsed).length;
    if (visible && this.open.some((t) => t.open !== '')) this.para.markup = true;
    if (bold) this.para.boldLength += visible;
    if (inLink && visible) this.para.linkTexts.push(normalizeSpace(collapsed));
  }

  /** Alignment of the enclosing block elements, inherited as in CSS (`''` for none). */
  private aligns: string[] = [];

  /** Enters a block element (after `flush`): its lines take its alignment, or its parent's. */
  enterBlock(align: string | undefined): void {
    this.aligns.push(align || (this.aligns.at(-1) ?? ''));
    this.para.align = this.aligns.at(-1) || undefined;
  }

  /** Leaves a block element (after `flush`). */
  leaveBlock(): void {
    this.aligns.pop();
    this.para.align = this.aligns.at(-1) || undefined;
  }

  /** Ends the current paragraph at a block boundary. */
  flush(): void {
    const para = this.para;
    this.para = BodyWriter.empty();
    // A line after an image or <br> in a centred block is centred too.
    const align = this.aligns.at(-1);
    if (align) this.para.align = align;
    // Re-open inline elements that span the boundary in the next paragraph.
    for (const t of this.open) this.para.html += t.open;
    let closing = '';
    for (const t of [...this.open].reverse()) closing += t.close;
    const text = normalizeSpace(para.text);
    if (!text) {
      this.settle('body');
      return;
    }
    const html = normalizeSpace(para.html + closing)
      .replace(/<(strong|b|em|i|u|sub|sup)>\s*<\/\1>/g, '')
      .replace(/<a href="[^"]*">\s*<\/a>/g, '');
    this.settle(this.paragraph(text, para.markup ? html : undefined, para));
  }

  /**
   * Places one line of text: a caption, a field, a heading, a paragraph, or nothing (page
   * controls). Returns the path it went to; `undefined` when it was dropped as page controls.
   */
  private paragraph(text: string, html: string | undefined, para: Para): string | undefined {
    const at = `body[${this.blocks.length}]`;
    // A caption line for the photos or videos just above it.
    if (CAPTION_START.test(text) && this.uncaptioned.length) {
      // The line with its label (圖說：) is accounted for: the caption keeps the text after it.
      this.ctx.accounted.push(text);
      return this.caption(this.uncaptioned.shift()!, unwrapCaption(text));
    }
    // A short centred line right under a photo, without ▲ or 图为: the caption of TRS and
    // Word-pasted pages (<p style="text-align:center">法官向当事人送达…</p>).
    if (this.uncaptioned.length && para.align === 'center' && text.length <= 60 && !/[。；;！!？?，,]$/.test(text) && !CHROME_LINE.test(text) && !END_MARK.test(text)) {
      const index = this.uncaptioned.shift()!;
      const under = this.blocks[index]!.type === 'video' ? 'video' : 'image';
      issue(this.ctx, { code: 'caption-inferred', severity: 'info', path: `body[${index}].caption`, message: `body[${index}]: the centred line "${text}" under the ${under} is read as its caption`, text });
      this.ctx.accounted.push(text);
      return this.caption(index, text.replace(CAPTION_LABEL, '').trim() || text);
    }
    this.uncaptioned = [];
    if (CAPTION_MARKER.test(text)) {
      issue(this.ctx, { code: 'orphan-caption', severity: 'warning', path: at, message: `${at}: a ▲ caption line with no image or video before it; kept as a paragraph`, text });
    }
    // 责任编辑 / 来源 lines inside the body become fields.
    const unwrapped = text.replace(/^[(（【\[]\s*/, '');
    const lead = text.length <= 80 ? labelHits(unwrapped)[0] : undefined;
    const byline = lead?.start === 0 && lead.field !== 'date' ? readByline(unwrapped) : undefined;
    if (byline && !byline.rest.replace(/[)）】\]]/g, '').trim() && (byline.editor || byline.source || byline.author)) {
      takeByline(this.ctx, this.fields, byline, text);
      return 'byline';
    }
    if (ATTACHMENTS_LABEL.test(text) && this.attachments.length) {
      issue(this.ctx, { code: 'label-dropped', severity: 'info', path: 'attachments', message: `attachments: the label "${text}" is not kept; the attachments follow the article`, text });
      return 'attachments';
    }
    // A counter with page controls (瀏覽人次：532　列印　回上頁): no field, no article text.
    const counted = text.length <= 80 && !byline ? readByline(unwrapped) : byline;
    const counters = counted && !counted.author && !counted.source && !counted.editor && !counted.date && !counted.dropped.length && counted.ignored.length ? counted : undefined;
    if (CHROME_LINE.test(text) || (counters && (!counters.rest || CHROME_LINE.test(counters.rest)))) {
      issue(this.ctx, { code: 'chrome-dropped', severity: 'info', path: 'body', message: `body: page controls "${text}" are not article text; dropped`, text });
      return undefined;
    }
    // "附件:" followed only by attachment links.
    if (para.linkTexts.length) {
      let rest = text;
      for (const t of para.linkTexts) rest = rest.replace(t, '');
      const sizes = new RegExp(SIZE_TEXT.source, 'gi');
      rest = normalizeSpace(rest.replace(sizes, ''));
      const allAttachments = para.linkTexts.every((t) => this.attachments.some((a) => normalizeSpace(a.title) === withoutSize(t)));
      if (allAttachments && ATTACHMENT_LABELS.test(rest.replace(/\s/g, ''))) {
        issue(this.ctx, { code: 'attachment-read', severity: 'info', path: 'attachments', message: `${at}: the line "${text}" is read as attachments${rest ? ` (the label "${rest}" is not kept)` : ''}`, text });
        this.ctx.accounted.push(text);
        return 'attachments';
      }
    }
    // A 落款 (the court's name and the date, set to the right, or pushed there with spaces) or a centred line keeps its place.
    const align = contractAlign(para.align, this.rtl) ?? (para.lead >= PUSHED_LEAD ? 'end' : undefined);
    // A short line that is bold throughout is a section heading in court templates; a bold 落款 is not.
    const bold = para.boldLength >= text.replace(/\s/g, '').length * 0.9 && para.boldLength > 0;
    if (bold && align !== 'end' && text.length <= 40 && !/[。；;，,：:！!？?]$/.test(text)) {
      this.blocks.push({ type: 'heading', level: 2, text });
      issue(this.ctx, { code: 'heading-inferred', severity: 'info', path: at, message: `${at}: a short line in bold type is read as a section heading`, text });
      return at;
    }
    const block: ParagraphBlock = html !== undefined ? { type: 'paragraph', html } : { type: 'paragraph', text };
    const long = text.length > ALIGNED_LINE_MAX;
    if (align && !long) block.align = align;
    this.blocks.push(block);
    this.lines.push({ block, align, long });
    return at;
  }

  /**
   * Reports the issues about the links of the line just placed, under the path it went to.
   * Links of page controls (【关闭窗口】 → javascript:window.close()) dropped with their line
   * are no security warning: the chrome-dropped note names the line.
   */
  private settle(path: string | undefined): void {
    for (const { found, control } of this.pending) {
      if (path === undefined && control) continue;
      const at = path ?? 'body';
      this.ctx.issues.push({ ...found, path: at, message: found.message.replace(PENDING_PATH, at) });
    }
    this.pending = [];
  }

  heading(el: Element): void {
    this.flush();
    const text = normalizeSpace(textContent(el));
    if (!text) return;
    const level = el.tagName === 'h3' ? 3 : el.tagName === 'h4' || el.tagName === 'h5' || el.tagName === 'h6' ? 4 : 2;
    this.uncaptioned = [];
    this.blocks.push({ type: 'heading', level, text });
  }

  /** Captions the photo or video `body[index]` (a photo without alt text takes it as alt too); returns the caption's path. */
  private caption(index: number, caption: string): string {
    const block = this.blocks[index] as ImageBlock | VideoBlock;
    block.caption = caption;
    if (block.type === 'image' && !block.alt) block.alt = caption;
    return `body[${index}].caption`;
  }

  /** An `<img>`: an image block; `true` when one was written. */
  image(el: Element, caption?: string): boolean {
    const at = `body[${this.blocks.length}]`;
    const rawSrc = lazyAddress(el, ['src', 'data-src', 'data-original', 'oldsrc']);
    const alt = normalizeSpace(attr(el, 'alt') ?? attr(el, 'title') ?? '');
    if (!rawSrc) {
      issue(this.ctx, { code: 'image-without-src', severity: 'warning', path: at, message: `${at}: an image without a usable src was skipped${alt ? ` (alt "${alt}")` : ''}`, ...(alt ? { text: alt } : {}) });
      return false;
    }
    const src = resolveUrl(this.ctx, rawSrc, `${at}.src`, 'image source');
    if (!src) return false;
    const block: ImageBlock = { type: 'image', src };
    if (alt) block.alt = alt;
    this.place(block, el, caption);
    return true;
  }

  /**
   * A `<video>`, or an old player (`<embed>`, `<object>`) of an MP4 or WebM file: a video block
   * with its still and size. A frame, audio, Flash video or a `<video>` without a file is a
   * `media-unsupported` warning naming its address. `true` when a block was written.
   */
  video(el: Element, caption?: string): boolean {
    const file = mediaFile(el);
    if (!file.video) {
      const at = `body[${this.blocks.length}]`;
      issue(this.ctx, { code: 'media-unsupported', severity: 'warning', path: at, message: unsupportedMedia(this.ctx, el, file.address, at) });
      return false;
    }
    this.flush();
    const at = `body[${this.blocks.length}]`;
    const src = resolveUrl(this.ctx, file.video, `${at}.src`, 'video source');
    if (!src) return false;
    const poster = resolveUrl(this.ctx, file.poster, `${at}.poster`, 'video still');
    this.place(poster ? { type: 'video', src, poster } : { type: 'video', src }, el, caption);
    for (const track of children(el)) {
      if (!isElement(track) || track.tagName !== 'track' || !nonBlank(attr(track, 'src'))) continue;
      const label = normalizeSpace(attr(track, 'label') ?? '');
      const message = `${at}: the subtitles ${shownAddress(this.ctx, nonBlank(attr(track, 'src')))}${label ? ` (${label})` : ''} of the video have no field in the contract; not imported: burn them into the video or link them in the text`;
      issue(this.ctx, { code: 'subtitles-dropped', severity: 'warning', path: at, message });
    }
    return true;
  }

  /** Writes a photo or video block with the size the page gives it; without a caption, it waits for one in the lines below. */
  private place(block: ImageBlock | VideoBlock, el: Element, caption: string | undefined): void {
    this.flush();
    const width = pixels(el, 'width');
    const height = pixels(el, 'height');
    // WeChat's data-w and data-ratio give the size of a photo the page sizes only by its width, or not at all.
    const size = width && height ? { width, height } : el.tagName === 'img' ? wechatImageSize(el, width) : undefined;
    if (size) {
      block.width = size.width;
      block.height = size.height;
    }
    this.blocks.push(block);
    if (caption) this.caption(this.blocks.length - 1, caption.replace(CAPTION_MARKER, '').replace(CAPTION_LABEL, '').trim());
    else this.uncaptioned.push(this.blocks.length - 1);
  }

  html(html: string, code: 'table-kept' | 'list-kept', label: string): void {
    this.flush();
    this.uncaptioned = [];
    const at = `body[${this.blocks.length}]`;
    this.blocks.push({ type: 'html', html });
    issue(this.ctx, { code, severity: 'info', path: at, message: `${at}: ${label} kept as an html block` });
  }

  /** Removes a 附件 heading just written, reporting it; `true` when there was one. */
  takeAttachmentHeading(): boolean {
    this.flush();
    const last = this.blocks.at(-1);
    if (!last || last.type !== 'heading' || !ATTACHMENTS_LABEL.test(last.text)) return false;
    this.blocks.pop();
    issue(this.ctx, { code: 'label-dropped', severity: 'info', path: 'attachments', message: `attachments: the heading "${last.text}" is not kept; the attachments follow the article`, text: last.text });
    return true;
  }

  /**
   * Reads a link as an attachment when it points at a document file, or its text names one
   * (附件一.pdf), or `any`. A file link with an unsafe URL (data:, javascript:) is reported
   * with its text and dropped. `true` when the link is handled as an attachment.
   */
  attachment(el: Element, any = false): boolean {
    const known = this.seenLinks.get(el);
    if (known !== undefined) return known;
    const result = this.readAttachment(el, any);
    this.seenLinks.set(el, result);
    return result;
  }

  private readonly seenLinks = new Map<Element, boolean>();

  private readAttachment(el: Element, any: boolean): boolean {
    const rawHref = attr(el, 'href');
    const linkText = normalizeSpace(textContent(el));
    if (!rawHref || !rawHref.trim()) return false;
    if (!(any || ATTACHMENT_HREF.test(rawHref.trim()) || ATTACHMENT_HREF.test(linkText))) return false;
    if (!isSafeUrl(rawHref.trim())) {
      const at = `attachments[${this.attachments.length}]`;
      const shown = rawHref.trim().slice(0, 40);
      issue(this.ctx, {
        code: 'unsafe-url',
        severity: 'warning',
        path: `${at}.href`,
        message: `${at}: the attachment "${linkText || shown}" links to "${shown}${rawHref.trim().length > 40 ? '…' : ''}", not an http, https or relative URL; dropped`,
        text: linkText,
      });
      this.ctx.accounted.push(linkText);
      return true;
    }
    const href = resolveUrl(this.ctx, rawHref, `attachments[${this.attachments.length}].href`, 'attachment link');
    if (!href) return false;
    if (this.attachments.some((a) => a.href === href)) return true;
    const fileName = decodeURIComponent(href.split(/[?#]/)[0]!.split('/').pop() ?? href);
    // A link that prints only the file's type (PDF, ODT, 下載) in a row of a table of attachments: named by the row.
    const typeOnly = FILE_TYPE_TEXT.test(withoutSize(linkText));
    const named = typeOnly ? titleAttribute(el) || rowLabel(el) : '';
    // Two formats of one file keep their type: 報名表（ODT）, 報名表（PDF）; 下載 is dropped.
    const kind = /^[a-z0-9]+$/i.test(withoutSize(linkText)) ? `（${withoutSize(linkText).toUpperCase()}）` : '';
    const title = (named && `${named}${kind}`) || withoutSize(linkText) || titleAttribute(el) || fileName;
    const attachment: Attachment = { title, href };
    const around = `${linkText} ${el.parentNode ? textContent(el.parentNode as Node) : ''}`;
    const size = SIZE_TEXT.exec(around);
    if (size) {
      const unit = size[2]!.toUpperCase()[0]!;
      const factor = unit === 'K' ? 1024 : unit === 'M' ? 1024 ** 2 : unit === 'G' ? 1024 ** 3 : 1;
      attachment.bytes = Math.round(Number(size[1]) * factor);
    }
    this.attachments.push(attachment);
    return true;
  }

  end(): void {
    this.flush();
    // The page's layout (a <div align="center"> or a centred table cell around the article)
    // sets no lines apart: they read as ordinary text.
    const layout = this.layoutAlign();
    if (layout) for (const { block } of this.lines) if (block.align === layout) delete block.align;
  }

  /**
   * The alignment of the page's layout, if any: that of most of the long lines (running text is
   * not set apart); without long lines, that of every line (four or more), not counting a 落款
   * set to the end after them. A 落款 of many lines under a short notice is no layout.
   */
  private layoutAlign(): ParagraphBlock['align'] {
    const long = this.lines.filter((l) => l.long);
    if (long.length) return (['center', 'end'] as const).find((a) => long.filter((l) => l.align === a).length * 2 > long.length);
    let lines = this.lines;
    while (lines.length && lines[0]!.align !== 'end' && lines.at(-1)!.align === 'end') lines = lines.slice(0, -1);
    const align = lines[0]?.align;
    return lines.length >= 4 && lines.every((l) => l.align === align) ? align : undefined;
  }
}

/** A photo's or video's `width` / `height` in pixels, from its attribute or its style (`width: 600px`). */
function pixels(el: Element, name: 'width' | 'height'): number | undefined {
  const fromAttr = attr(el, name);
  const fromStyle = new RegExp(`(?:^|;)\\s*${name}\\s*:\\s*(\\d+)px`, 'i').exec(attr(el, 'style') ?? '')?.[1];
  const n = Number((fromAttr ?? fromStyle ?? '').replace(/px$/i, ''));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Whether the body runs right to left: the nearest `dir` around it, else the page's `lang`. */
function runsRightToLeft(container: Element, lang: string): boolean {
  for (let node: Node | null = container; node && isElement(node); node = node.parentNode as Node | null) {
    const dir = attr(node, 'dir')?.trim().toLowerCase();
    if (dir === 'rtl' || dir === 'ltr') return dir === 'rtl';
  }
  return textDirection(lang) === 'rtl';
}

/**
 * The article's language: the page's `lang`, unless it names Chinese (or nothing) while the
 * body is written in Arabic script. Courts in Xinjiang publish in Uyghur from templates that
 * keep `lang="zh-CN"`; read as Chinese, the article would run left to right. Reported.
 */
function articleLang(ctx: Ctx, declared: string | undefined, container: Element | undefined): string {
  const lang = normalizeLang(declared);
  if (!container || !/^zh(?:-|$)/i.test(lang)) return lang;
  const letters = textContent(container).match(/\p{L}/gu) ?? [];
  const arabic = letters.filter((ch) => /\p{Script=Arabic}/u.test(ch)).length;
  if (letters.length < 20 || arabic * 2 <= letters.length) return traditionalLang(ctx, declared, lang, letters);
  issue(ctx, {
    code: 'lang-inferred',
    severity: 'info',
    path: 'lang',
    message: `lang: the page ${declared?.trim() ? `says "${declared.trim()}"` : 'names no language'} but its text is in Arabic script (${Math.round((arabic / letters.length) * 100)}% of the letters): read as Uyghur (ug), right to left; change "lang" in the JSON if it is another language`,
  });
  return 'ug';
}

/**
 * `zh-Hant` for a body in Traditional characters under no `lang`, `zh`, `zh-CN` or `zh-Hans`
 * (Hong Kong and Macao pages without one, zh-Hant templates of mainland courts that keep
 * `zh-CN`): read as zh-CN, the article would get Simplified labels and a Mandarin voice for
 * Simplified text. Reported; otherwise `lang` as it is.
 */
function traditionalLang(ctx: Ctx, declared: string | undefined, lang: string, letters: string[]): string {
  if (!/^zh(?:-CN|-Hans(?:-CN)?)?$/.test(lang)) return lang;
  const { traditional, simplified } = scriptCounts(letters.join(''));
  if (traditional < 10 || traditional < simplified * 4) return lang;
  issue(ctx, {
    code: 'lang-inferred',
    severity: 'info',
    path: 'lang',
    message: `lang: the page ${declared?.trim() ? `says "${declared.trim()}"` : 'names no language'} but its text is in Traditional characters (${traditional} characters written only so, ${simplified} only in Simplified): read as zh-Hant; change "lang" in the JSON if that is wrong`,
  });
  return 'zh-Hant';
}

/** Lines longer than this keep no alignment on import: a 落款 or a centred line is short. */
const ALIGNED_LINE_MAX = 50;

/** A block's `align` / `text-align` in the contract's terms (`end`: the side where its lines end). */
function contractAlign(raw: string | undefined, rtl: boolean): ParagraphBlock['align'] {
  switch (raw) {
    case 'center':
    case 'middle':
      return 'center';
    case 'end':
      return 'end';
    case 'right':
      return rtl ? undefined : 'end';
    case 'left':
      return rtl ? 'end' : undefined;
    default:
      return undefined;
  }
}

/**
 * Tables that only lay out the page: they hold images, headings, lists or other tables, have
 * a single row or column, or cells of running text. The rest are data tables, kept as html.
 */
function isLayoutTable(table: Element): boolean {
  let rows = 0;
  let maxCells = 0;
  for (const el of descendants(table)) {
    if (el === table) continue;
    if (MEDIA_TAGS.has(el.tagName) || ['img', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'form'].includes(el.tagName)) return true;
    if (el.tagName === 'tr') {
      rows++;
      maxCells = Math.max(maxCells, children(el).filter((c) => isElement(c) && (c.tagName === 'td' || c.tagName === 'th')).length);
    }
    if ((el.tagName === 'td' || el.tagName === 'th') && normalizeSpace(textContent(el)).length > 300) return true;
  }
  return rows < 2 || maxCells < 2;
}

const FRAGMENT_TAGS = new Set([
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'colgroup', 'col', 'ul', 'ol', 'li',
  'dl', 'dt', 'dd', 'p', 'br', 'strong', 'b', 'em', 'i', 'u', 'sub', 'sup', 'a', 'img',
]);
const VOID = new Set(['br', 'img', 'col']);

/** A cleaned copy of a table or list: known tags, cell spans, safe links; no styles or scripts. */
function cleanFragment(ctx: Ctx, el: Element, path: string): string {
  const out: string[] = [];
  const walk = (node: Node) => {
    if (isText(node)) {
      out.push(escapeHtml(node.value.replace(/[\s\u00a0\u3000]+/g, ' ')));
      return;
    }
    if (!isElement(node) || NON_TEXT_TAGS.has(node.tagName)) return;
    if (!FRAGMENT_TAGS.has(node.tagName)) {
      children(node).forEach(walk);
      return;
    }
    const attrs: string[] = [];
    for (const name of ['colspan', 'rowspan', 'scope']) {
      const v = attr(node, name);
      if (v && /^[a-z0-9]+$/i.test(v)) attrs.push(` ${name}="${v}"`);
    }
    if (node.tagName === 'a' || node.tagName === 'img') {
      const key = node.tagName === 'a' ? 'href' : 'src';
      const url = resolveUrl(ctx, attr(node, key), path, node.tagName === 'a' ? 'link' : 'image source');
      if (url) attrs.push(` ${key}="${escapeHtml(url)}"`);
      const alt = attr(node, 'alt');
      if (node.tagName === 'img' && alt) attrs.push(` alt="${escapeHtml(alt)}"`);
    }
    out.push(`<${node.tagName}${attrs.join('')}>`);
    if (VOID.has(node.tagName)) return;
    children(node).forEach(walk);
    out.push(`</${node.tagName}>`);
  };
  walk(el);
  return out.join('').replace(/>\s+</g, '><').trim();
}

function walkBody(ctx: Ctx, writer: BodyWriter, container: Element): void {
  const walk = (node: Node, bold: boolean, inLink: boolean) => {
    if (isText(node)) {
      writer.text(node.value, bold, inLink);
      return;
    }
    if (!isElement(node)) return;
    const el = node;
    if (ctx.consumed.has(el)) {
      writer.flush();
      return;
    }
    if (NON_TEXT_TAGS.has(el.tagName)) {
      if (MEDIA_TAGS.has(el.tagName)) writer.video(el);
      return;
    }
    const embed = wechatEmbed(el);
    if (embed) {
      writer.flush();
      wechatEmbedIssue(ctx, el, embed, `body[${writer.blocks.length}]`);
      return;
    }
    if (isChrome(el) && el !== ctx.revealed) {
      writer.flush();
      if (isAccessKeyAnchor(el)) ctx.accounted.push(textContent(el));
      return;
    }
    const tag = el.tagName;
    if (tag === 'br') {
      writer.flush();
      return;
    }
    if (tag === 'img') {
      // The file-type icon of an attachment link (<a href="x.pdf"><img alt="PDF檔案">…</a>) is no photo.
      if (!(inLink && attachmentLinkAround(el))) writer.image(el);
      return;
    }
    if (/^h[1-6]$/.test(tag)) {
      if (holdsMedia(el)) {
        writer.flush();
        children(el).forEach((c) => walk(c, bold, inLink));
        writer.flush();
      } else writer.heading(el);
      return;
    }
    if (tag === 'figure') {
      const media = figureMedia(el);
      const figcaption = [...descendants(el)].find((d) => d.tagName === 'figcaption');
      if (media.length) {
        writer.flush();
        const caption = figcaption ? normalizeSpace(textContent(figcaption)) : '';
        // The caption goes to the first photo or video written; with none, it is reported as unmapped text.
        let uncaptioned = caption;
        for (const m of media) {
          const written = m.tagName === 'img' ? writer.image(m, uncaptioned || undefined) : writer.video(m, uncaptioned || undefined);
          if (written) uncaptioned = '';
        }
        if (caption && !uncaptioned) ctx.accounted.push(caption);
        return;
      }
    }
    if (tag === 'table' && !isLayoutTable(el) && !containsConsumed(ctx, el)) {
      writer.html(cleanFragment(ctx, el, `body[${writer.blocks.length}]`), 'table-kept', 'a data table');
      return;
    }
    // A list that holds the 上一篇 / 下一篇 lines or a byline is walked, not kept whole.
    if ((tag === 'ul' || tag === 'ol') && !holdsMedia(el) && !containsConsumed(ctx, el)) {
      const links = findLinks(el);
      // A list of links under a 附件 heading is the attachment list, whatever the file types.
      if (links.length && writer.takeAttachmentHeading()) {
        writer.flush();
        for (const a of links) writer.attachment(a, true);
        ctx.accounted.push(normalizeSpace(textContent(el)));
        return;
      }
      if (links.length && links.every((a) => writer.attachment(a))) {
        writer.flush();
        ctx.accounted.push(normalizeSpace(textContent(el)));
        return;
      }
      writer.html(cleanFragment(ctx, el, `body[${writer.blocks.length}]`), 'list-kept', 'a list');
      return;
    }
    if (tag === 'a') writer.attachment(el);
    const block = BLOCK_TAGS.has(tag);
    if (block) {
      writer.flush();
      const align = (tag === 'center' ? 'center' : attr(el, 'align') ?? /text-align\s*:\s*(\w+)/i.exec(attr(el, 'style') ?? '')?.[1])?.toLowerCase();
      writer.enterBlock(align);
    }
    const isBold = bold || isBoldType(el);
    const link = inLink || tag === 'a';
    if (!block) writer.enterInline(el);
    children(el).forEach((c) => walk(c, isBold, link));
    if (!block) writer.leaveInline();
    if (block) {
      writer.flush();
      writer.leaveBlock();
    }
  };
  children(container).forEach((c) => walk(c, false, false));
  writer.end();
}

/** The warning for a WeChat player or card (a Channels video, audio, a mini program), or the note for an account card. */
function wechatEmbedIssue(ctx: Ctx, el: Element, embed: { what: string; name?: string; furniture: boolean }, at: string): void {
  const text = normalizeSpace(textContent(el));
  if (text) ctx.accounted.push(text);
  const named = `${embed.what}${embed.name ? ` "${embed.name}"` : ''} (<${el.tagName}>)`;
  issue(ctx, embed.furniture
    ? { code: 'chrome-dropped', severity: 'info', path: 'body', message: `body: the ${named} is not article text; dropped` }
    : { code: 'media-unsupported', severity: 'warning', path: at, message: `${at}: the ${named} works only inside WeChat and has no block type in the contract; not imported` });
}

/** Whether `el` holds a photo, a video or a frame: then it is walked, not kept whole as a heading's text or an html list. */
function holdsMedia(el: Element): boolean {
  return [...descendants(el)].some((d) => d.tagName === 'img' || MEDIA_TAGS.has(d.tagName));
}

// ---------------------------------------------------------------------------------------------
// Coverage: no body text may vanish without a trace

function blockTexts(article: Article): string[] {
  const out: string[] = [];
  for (const b of article.body) {
    if (b.type === 'paragraph') out.push(b.text ?? htmlText(b.html ?? ''));
    else if (b.type === 'heading') out.push(b.text);
    else if (b.type === 'image') out.push(b.caption ?? '', b.alt ?? '');
    else if (b.type === 'video') out.push(b.caption ?? '');
    else if (b.type === 'html') out.push(htmlText(b.html));
  }
  for (const a of article.attachments ?? []) out.push(a.title);
  out.push(article.title, article.subtitle ?? '', article.kicker ?? '', article.author ?? '', article.source ?? '', article.editor ?? '');
  out.push(article.prev?.title ?? '', article.next?.title ?? '');
  for (const c of article.breadcrumb ?? []) out.push(c.label);
  return out;
}

/** Text of an HTML fragment (for the coverage check). */
export function htmlText(html: string): string {
  return textContent(parse(`<body>${html}</body>`));
}

/** The footer box (or page furniture with footer wording) that holds `node` inside `container`. */
function footerAround(node: TextNode, container: Element, revealed?: Element): Element | undefined {
  for (let up = node.parentNode as Node | null; up && up !== container && isElement(up); up = up.parentNode as Node | null) {
    if (isFooterBox(up) || (isChrome(up) && up !== revealed && FOOTER_TEXT.test(textContent(up)))) return up;
  }
  return undefined;
}

function checkCoverage(ctx: Ctx, container: Element, article: Article): void {
  const corpus = squash(
    [...blockTexts(article), ...ctx.accounted, ...ctx.issues.map((i) => i.text ?? '')].join('\n'),
  ).replace(/[▲△▶►]/g, '');
  // Text typed into form fields (<input value="…">) shows on the page too.
  for (const field of descendants(container)) {
    if (field.tagName !== 'input' || /^(?:hidden|password|checkbox|radio|image|file)$/i.test(attr(field, 'type') ?? '')) continue;
    const text = normalizeSpace(attr(field, 'value') ?? attr(field, 'placeholder') ?? '');
    if (text && !corpus.includes(squash(text))) {
      issue(ctx, { code: 'unmapped-text', severity: 'warning', path: 'body', message: `body: the text of a form field could not be mapped to a block: "${text}"`, text });
    }
  }
  const footers = new Set<Element>();
  for (const node of textNodes(container)) {
    const run = squash(node.value).replace(/[▲△▶►]/g, '');
    if (!run || corpus.includes(run)) continue;
    const footer = footerAround(node, container, ctx.revealed);
    if (footer) {
      // The site's footer is page furniture: one note for the whole box, not a warning a line.
      if (!footers.has(footer)) {
        footers.add(footer);
        const text = normalizeSpace(textContent(footer));
        issue(ctx, { code: 'chrome-dropped', severity: 'info', path: 'body', message: `body: the page footer "${text.length > 60 ? `${text.slice(0, 60)}…` : text}" is not article text; dropped`, text });
      }
      continue;
    }
    const text = normalizeSpace(node.value);
    const parent = node.parentNode as Element | null;
    const where = parent && isElement(parent) ? `<${parent.tagName}${attr(parent, 'class') ? ` class="${attr(parent, 'class')}"` : ''}>` : 'the body';
    issue(ctx, {
      code: 'unmapped-text',
      severity: 'warning',
      path: 'body',
      message: `body: text in ${where} could not be mapped to a block: "${text.length > 60 ? `${text.slice(0, 60)}…` : text}"`,
      text,
    });
  }
}

// ---------------------------------------------------------------------------------------------

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

function normalizeLang(raw: string | undefined): string {
  const value = (raw ?? '').trim();
  if (!value) return 'zh-CN';
  const [lang, ...rest] = value.split(/[-_]/);
  return [lang!.toLowerCase(), ...rest.map((p) => (p.length === 2 ? p.toUpperCase() : p.length === 4 ? p[0]!.toUpperCase() + p.slice(1).toLowerCase() : p))].join('-');
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

/** Extracts an article from the text of an HTML page. */
export function extractArticle(html: string, options: ExtractOptions = {}): Extracted {
  const ctx: Ctx = { issues: [], consumed: new Set(), accounted: [], ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) };
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
  const writer = new BodyWriter(ctx, container ? runsRightToLeft(container, lang) : false);
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

  const canonical = [...descendants(doc)].find((el) => el.tagName === 'link' && (attr(el, 'rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'));
  const urlRaw = (canonical && attr(canonical, 'href')) || metaContent(doc, 'og:url') || metaContent(doc, 'Url');
  const url = urlRaw && /^https?:\/\//i.test(urlRaw.trim()) ? urlRaw.trim() : undefined;

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
