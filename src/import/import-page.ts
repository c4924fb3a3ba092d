/**
 * One old court page in, contract JSON and a list of issues out.
 */
import { parseArticle } from '../model/parse.js';
import type { Article } from '../model/types.js';
import { decodeHtml, type CharsetSource } from './charset.js';
import { extractArticle, type ImportIssue } from './extract.js';

export interface ImportOptions {
  /** Written to the article's `id`. */
  id?: string;
  /** Absolute URL that relative links and image sources are resolved against. */
  baseUrl?: string;
  /** Charset label that overrides BOM and meta detection. */
  charset?: string;
}

export interface ImportResult {
  /** The article, valid under `parseArticle`, when the page could be mapped. */
  article?: Article;
  charset: string;
  charsetSource: CharsetSource;
  /** The label the page declared, if any. */
  declaredCharset?: string;
  /** Errors (no article), warnings (content not mapped as it was) and notes, in page order. */
  issues: ImportIssue[];
}

/** Imports one page given as bytes (any supported charset). */
export function importPage(bytes: Uint8Array, options: ImportOptions = {}): ImportResult {
  let decoded;
  try {
    decoded = decodeHtml(bytes, options.charset);
  } catch (error) {
    return {
      charset: '',
      charsetSource: 'option',
      issues: [{ code: 'charset-unknown', severity: 'error', message: (error as Error).message }],
    };
  }
  const issues: ImportIssue[] = [];
  if (decoded.source === 'meta-contradicted') {
    issues.push({
      code: 'charset-guessed',
      severity: 'warning',
      message: `charset: the page declares "${decoded.declared}" but its bytes are UTF-8; decoded as UTF-8`,
    });
  }
  if (decoded.source === 'utf8-check' || decoded.source === 'fallback') {
    issues.push({
      code: 'charset-guessed',
      severity: 'warning',
      message: decoded.declared
        ? `charset: the declared charset "${decoded.declared}" is not supported; decoded as ${decoded.charset.toUpperCase()}`
        : `charset: the page declares no charset; decoded as ${decoded.charset.toUpperCase()}${decoded.source === 'fallback' ? ' (it is not valid UTF-8)' : ''}`,
    });
  }
  const extracted = extractArticle(decoded.text, {
    ...(options.id ? { id: options.id } : {}),
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
  });
  issues.push(...extracted.issues);
  const base = {
    charset: decoded.charset,
    charsetSource: decoded.source,
    ...(decoded.declared ? { declaredCharset: decoded.declared } : {}),
  };
  if (!extracted.article) return { ...base, issues };
  const checked = parseArticle(extracted.article);
  if (!checked.ok) {
    for (const p of checked.problems) {
      issues.push({ code: 'invalid-article', severity: 'error', path: p.path, message: p.message });
    }
    return { ...base, issues };
  }
  for (const w of checked.warnings) {
    issues.push({ code: 'invalid-article', severity: 'warning', path: w.path, message: w.message });
  }
  return { ...base, article: extracted.article, issues };
}
