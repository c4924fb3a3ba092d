/**
 * The one place where HTML from data is cleaned. Everything rendered with `unsafeHTML`
 * comes from here, typed as `SafeHtml`, which no other module can make.
 */
import DOMPurify from 'dompurify';
import { isSafeUrl } from './url.js';

declare const safeHtmlBrand: unique symbol;
/** HTML that went through this module's sanitizer. */
export type SafeHtml = string & { readonly [safeHtmlBrand]: true };

const INLINE_TAGS = ['a', 'strong', 'b', 'em', 'i', 'u', 'br', 'span', 'sub', 'sup'];
const INLINE_ATTRS = ['href', 'title', 'lang', 'dir'];

let purifier: ReturnType<typeof DOMPurify> | undefined;

function getPurifier() {
  if (!purifier) {
    purifier = DOMPurify(window);
    purifier.addHook('uponSanitizeAttribute', (_node, data) => {
      if ((data.attrName === 'href' || data.attrName === 'src') && !isSafeUrl(data.attrValue)) {
        data.keepAttr = false;
      }
    });
  }
  return purifier;
}

/** Paragraph markup: inline elements only (a, strong, b, em, i, u, br, span, sub, sup). */
export function sanitizeInline(html: string): SafeHtml {
  return getPurifier().sanitize(html, {
    ALLOWED_TAGS: INLINE_TAGS,
    ALLOWED_ATTR: INLINE_ATTRS,
  }) as SafeHtml;
}

/** A CMS fragment: lists, tables, links and images; never scripts, handlers, frames, forms or styles. */
export function sanitizeFragment(html: string): SafeHtml {
  return getPurifier().sanitize(html, {
    ALLOWED_TAGS: [
      ...INLINE_TAGS, 'p', 'div', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
      'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'colgroup', 'col',
      'img', 'figure', 'figcaption', 'blockquote', 'hr', 'small', 'mark', 'abbr', 'cite', 'q', 'code', 'pre',
    ],
    ALLOWED_ATTR: [...INLINE_ATTRS, 'src', 'alt', 'width', 'height', 'colspan', 'rowspan', 'scope', 'headers'],
  }) as SafeHtml;
}
