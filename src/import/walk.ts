/**
 * Walks the body container element by element and hands what it reads (text, breaks,
 * photos, media, tables, lists, WeChat embeds) to the `BodyWriter`.
 */
import { wechatEmbed } from './wechat.js';
import { type Element, type Node, attr, children, descendants, escapeHtml, isElement, isText, NON_TEXT_TAGS, normalizeSpace, textContent } from './dom.js';
import { type Ctx, issue, resolveUrl } from './context.js';
import { attachmentLinkAround, BLOCK_TAGS, MEDIA_TAGS } from './vocabulary.js';
import { isAccessKeyAnchor, isChrome } from './chrome.js';
import { findLinks } from './breadcrumb.js';
import { isBoldType } from './title.js';
import { containsConsumed } from './byline.js';
import { figureMedia } from './media.js';
import { BodyWriter } from './blocks.js';

/**
 * Tables that only lay out the page: they hold headings, lists, players or other tables, have
 * a single row or column, or cells of running text, or they hold photos (a photo beside or
 * above its caption). The rest are data tables, kept as html: also a grid of three rows or
 * more whose cells of text outnumber its photos four to one (the 被执行人 table of a 悬赏公告
 * with the person's photo in a cell).
 */
function isLayoutTable(table: Element): boolean {
  let rows = 0;
  let maxCells = 0;
  let images = 0;
  let textCells = 0;
  for (const el of descendants(table)) {
    if (el === table) continue;
    if (MEDIA_TAGS.has(el.tagName) || ['table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'form'].includes(el.tagName)) return true;
    if (el.tagName === 'img') images++;
    if (el.tagName === 'tr') {
      rows++;
      maxCells = Math.max(maxCells, children(el).filter((c) => isElement(c) && (c.tagName === 'td' || c.tagName === 'th')).length);
    }
    if (el.tagName === 'td' || el.tagName === 'th') {
      const length = normalizeSpace(textContent(el)).length;
      if (length > 300) return true;
      if (length) textCells++;
    }
  }
  if (images && (rows < 3 || textCells < 4 * images)) return true;
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

export function walkBody(ctx: Ctx, writer: BodyWriter, container: Element): void {
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
