/**
 * Coverage: checks that every text run of the body ended up in the article or in the issue
 * list, so that no body text vanishes without a trace.
 */
import { parse } from 'parse5';
import type { Article } from '../model/types.js';
import { type Element, type Node, type TextNode, attr, descendants, isElement, normalizeSpace, squash, textContent, textNodes } from './dom.js';
import { type Ctx, issue } from './context.js';
import { FOOTER_TEXT } from './vocabulary.js';
import { isChrome, isFooterBox } from './chrome.js';

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

export function checkCoverage(ctx: Ctx, container: Element, article: Article): void {
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
