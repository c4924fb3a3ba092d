/**
 * Writes the walked body into contract blocks (`BodyWriter`): paragraphs and their lines,
 * alignment, headings, photos and captions, videos, attachments, bylines and end marks
 * found inside the body.
 */
import type { Attachment, Block, ImageBlock, ParagraphBlock, VideoBlock } from '../model/types.js';
import { isSafeUrl } from '../internal/url.js';
import { wechatImageSize } from './wechat.js';
import { type Element, type Node, attr, children, escapeHtml, isElement, normalizeSpace, squash, textContent } from './dom.js';
import { type Ctx, type ImportIssue, issue, resolveUrl } from './context.js';
import {
  ATTACHMENT_HREF,
  ATTACHMENT_LABELS,
  ATTACHMENTS_LABEL,
  CAPTION_LABEL,
  CAPTION_MARKER,
  CAPTION_START,
  CHROME_LINE,
  END_MARK,
  FILE_TYPE_TEXT,
  KEPT_INLINE,
  labelHits,
  rowLabel,
  SIZE_TEXT,
  titleAttribute,
  unwrapCaption,
  withoutSize,
} from './vocabulary.js';
import { type BylineFields, readByline, takeByline } from './byline.js';
import { lazyAddress, mediaFile, nonBlank, shownAddress, shownDocument, unsupportedMedia } from './media.js';

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

/** The file name at the end of an address, decoded when it can be (`工作方案.pdf`). */
function fileNameOf(href: string): string {
  const name = href.split(/[?#]/)[0]!.split('/').pop() || href;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

export class BodyWriter {
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
   * @param title the article's title: a first line of the body that repeats it is dropped
   */
  constructor(
    private readonly ctx: Ctx,
    private readonly rtl = false,
    private readonly title?: string,
  ) {}

  /**
   * The title printed again as the body's first line (templates that print the title, and
   * editors who paste it into the body as well, often centred and bold): dropped with a note.
   */
  private repeatsTitle(text: string): boolean {
    if (this.blocks.length || !this.title || squash(text) !== squash(this.title)) return false;
    issue(this.ctx, { code: 'chrome-dropped', severity: 'info', path: 'body', message: `body: the first line "${text}" repeats the title; dropped`, text });
    this.ctx.accounted.push(text);
    return true;
  }

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
    if (this.repeatsTitle(text)) return undefined;
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
    if (!text || this.repeatsTitle(text)) return;
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
      const document = shownDocument(file.address);
      if (document && this.framedDocument(el, document, at)) return false;
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

  /**
   * A PDF or other document shown in a frame or player: the contract lists documents as
   * attachments after the article (once, if the page also links the file). `false` when its
   * address is unusable.
   */
  private framedDocument(el: Element, document: { href: string; file: string }, at: string): boolean {
    const href = resolveUrl(this.ctx, document.href, `attachments[${this.attachments.length}].href`, 'attachment link');
    if (!href) return false;
    const known = this.attachments.some((a) => a.href === href);
    if (!known) this.attachments.push({ title: titleAttribute(el) || fileNameOf(document.file), href });
    const what = known ? 'the attachment the page also links' : 'an attachment';
    issue(this.ctx, { code: 'attachment-read', severity: 'info', path: 'attachments', message: `${at}: the <${el.tagName}> showing the document ${shownAddress(this.ctx, document.href)} is read as ${what}; the article lists it after the text` });
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
    const fileName = fileNameOf(href);
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
