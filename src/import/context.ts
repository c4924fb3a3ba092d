/**
 * What every part of the importer shares while it reads one page: the issue list with its
 * codes, the reading context (`Ctx`: issues, base URL, elements and texts already mapped),
 * URL resolution against the base URL and the page's <meta> values.
 */
import { isSafeUrl } from '../internal/url.js';
import { type Element, type Node, attr, descendants, normalizeSpace } from './dom.js';

/** What an import issue is about. */
export type ImportIssueCode =
  | 'charset-guessed'
  | 'charset-unknown'
  | 'invalid-bytes'
  | 'title-missing'
  | 'title-from-head'
  | 'title-inferred'
  | 'date-missing'
  | 'date-invalid'
  | 'date-inferred'
  | 'offset-assumed'
  | 'time-missing'
  | 'body-empty'
  | 'body-hidden'
  | 'unmapped-text'
  | 'label-dropped'
  | 'byline-read'
  | 'byline-dropped'
  | 'attachment-read'
  | 'chrome-dropped'
  | 'orphan-caption'
  | 'caption-inferred'
  | 'nesting-flattened'
  | 'article-paged'
  | 'page-too-deep'
  | 'heading-inferred'
  | 'unsafe-url'
  | 'image-without-src'
  | 'image-hotlinked'
  | 'media-unsupported'
  | 'subtitles-dropped'
  | 'lang-inferred'
  | 'table-kept'
  | 'list-kept'
  | 'invalid-article';

export interface ImportIssue {
  code: ImportIssueCode;
  /** `warning` when page content could not be mapped as it was; `info` for a decision worth knowing. */
  severity: 'error' | 'warning' | 'info';
  /** Contract field concerned, when there is one (`publishedAt`, `body[4]`). */
  path?: string;
  message: string;
  /** The page text concerned, when some text was not mapped to a field. */
  text?: string;
}

export interface Ctx {
  issues: ImportIssue[];
  baseUrl?: string;
  /** Elements already mapped to a field (title, byline, breadcrumb, prev/next): not body. */
  consumed: Set<Element>;
  /** Texts accounted for outside the body walk (for the coverage check). */
  accounted: string[];
  /** The article container the page hides until its script shows it, read as visible (see `hiddenArticle`). */
  revealed?: Element;
}

export function issue(ctx: Ctx, i: ImportIssue): void {
  ctx.issues.push(i);
}

export function resolveUrl(ctx: Ctx, raw: string | undefined, path: string, what: string): string | undefined {
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed === '#') return undefined;
  if (!isSafeUrl(trimmed)) {
    issue(ctx, { code: 'unsafe-url', severity: 'warning', path, message: `${path}: ${what} "${trimmed.slice(0, 80)}" is not an http, https, mailto, tel or relative URL; dropped` });
    return undefined;
  }
  if (ctx.baseUrl) {
    try {
      return new URL(trimmed, ctx.baseUrl).href;
    } catch {
      return trimmed;
    }
  }
  return trimmed;
}

export function metaContent(doc: Node, name: string): string | undefined {
  for (const el of descendants(doc)) {
    if (el.tagName !== 'meta') continue;
    const n = (attr(el, 'name') ?? attr(el, 'property') ?? '').toLowerCase();
    if (n === name.toLowerCase()) {
      const content = normalizeSpace(attr(el, 'content') ?? '');
      if (content) return content;
    }
  }
  return undefined;
}
