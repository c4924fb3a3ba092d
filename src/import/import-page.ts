/**
 * One old court page in, contract JSON and a list of issues out.
 */
import { parseArticle } from '../model/parse.js';
import type { Article } from '../model/types.js';
import { countReplacements, decodeHtml, type CharsetSource, type DecodedPage } from './charset.js';
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

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The warning for a charset that was guessed, or declared and not used as declared. */
function charsetWarning(decoded: DecodedPage): ImportIssue | undefined {
  const used = decoded.charset.toUpperCase();
  const declared = decoded.declared;
  const warn = (message: string): ImportIssue => ({ code: 'charset-guessed', severity: 'warning', message: `charset: ${message}` });
  const parts = decoded.parts
    ? `${plural(decoded.parts.gb18030, 'part')} of it (text between tags) ${decoded.parts.gb18030 === 1 ? 'is' : 'are'} GBK and ${plural(decoded.parts.utf8, 'part')} UTF-8; each part decoded in its own charset (GB18030 for GBK)`
    : undefined;
  if (decoded.source === 'meta-contradicted') {
    if (parts) return warn(`the page declares "${declared}" but ${parts}`);
    return decoded.charset === 'utf-8'
      ? warn(`the page declares "${declared}" but its bytes are UTF-8; decoded as UTF-8`)
      : warn(`the page declares "${declared}" but its bytes are not UTF-8 (${plural(decoded.invalidInDeclared ?? 0, 'invalid sequence')}); decoded as ${used}${decoded.charset === 'gb18030' ? ' (the superset of GBK and GB2312)' : ''}`);
  }
  if (decoded.looksLikeGbk) {
    return warn(`the page declares "${declared}" (read as ${used}, as browsers do) but its bytes read as GBK, making ${plural(decoded.looksLikeGbk, 'Chinese character')}; if the article's text is wrong, import it again with --charset gbk`);
  }
  if (decoded.source !== 'utf8-check' && decoded.source !== 'fallback') return undefined;
  const why = decoded.source === 'fallback' ? ' (it is not valid UTF-8; if the text is wrong, name the charset with --charset, e.g. --charset big5)' : '';
  if (parts) return warn(`${declared ? `the declared charset "${declared}" is ignored (${decoded.ignoredLabel === 'unsupported' ? 'the importer cannot decode it' : 'browsers do not recognise it'})` : 'the page declares no charset'}; ${parts}`);
  if (!declared) return warn(`the page declares no charset; decoded as ${used}${why}`);
  return decoded.ignoredLabel === 'unsupported'
    ? warn(`the declared charset "${declared}" cannot be decoded by the importer; ignored, decoded as ${used}${why}`)
    : warn(`"${declared}" is not a charset label browsers recognise (WHATWG Encoding Standard), so it is ignored; decoded as ${used}${decoded.source === 'utf8-check' ? ' (the bytes are valid UTF-8)' : why}`);
}

/** The warning for bytes that are not valid in the charset used: each became U+FFFD. */
function invalidBytesWarning(decoded: DecodedPage, article?: Article): ImportIssue {
  const n = decoded.invalidSequences;
  const charset = decoded.charset === 'utf-8+gb18030' ? 'UTF-8 or GB18030' : decoded.charset.toUpperCase();
  const inArticle = article ? countReplacements(JSON.stringify(article)) : 0;
  const at = decoded.text.indexOf('\uFFFD');
  const near = decoded.text.slice(Math.max(0, at - 12), at + 12).replace(/\s+/g, ' ').trim();
  return {
    code: 'invalid-bytes',
    severity: 'warning',
    message: `charset: ${plural(n, 'byte sequence')} of the page ${n === 1 ? 'is' : 'are'} not valid ${charset} and became "\uFFFD" (${inArticle} in the article), first near "${near}"; the text there is lost: check the page's charset or give --charset`,
  };
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
  const charsetIssue = charsetWarning(decoded);
  if (charsetIssue) issues.push(charsetIssue);
  const extracted = extractArticle(decoded.text, {
    ...(options.id ? { id: options.id } : {}),
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
  });
  // A page read in the wrong charset has no 发布时间 to find: say which one to try.
  issues.push(...extracted.issues.map((i) => (decoded.looksLikeGbk && i.code === 'date-missing' ? { ...i, message: `${i.message} (the page looks like GBK: try --charset gbk)` } : i)));
  const base = {
    charset: decoded.charset,
    charsetSource: decoded.source,
    ...(decoded.declared ? { declaredCharset: decoded.declared } : {}),
  };
  if (!extracted.article) {
    if (decoded.invalidSequences) issues.push(invalidBytesWarning(decoded));
    return { ...base, issues };
  }
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
  if (decoded.invalidSequences) issues.push(invalidBytesWarning(decoded, extracted.article));
  return { ...base, article: extracted.article, issues };
}
