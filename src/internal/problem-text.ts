/**
 * Short, localized sentences for what went wrong with an element's data: a `Problem` from the
 * model (`文章数据有误:缺少 title`), a failed request (`无法加载文章数据:/a.json(HTTP 404)`) or a
 * `src` address that is not allowed (`文章数据地址(src 属性)不被允许:javascript:…`).
 * Shared by the elements that read JSON (`<court-article>`, `<court-footer>`); the subject
 * chooses the lead-in (文章数据 / 网站数据). Addresses are shown shortened ({@link shortUrl});
 * the console keeps them whole.
 */
import { msg, str } from '@lit/localize';
import type { Problem } from '../model/types.js';

/** Whose data is at fault: an article or the site (footer) data. */
export type DataSubject = 'article' | 'site';

/** Why a request for JSON failed. */
export interface LoadFailure {
  /** The address as written in the `src` attribute. */
  url: string;
  /** `http`: the server answered with an error status; `network`: no answer; `timeout`: no answer in time. */
  reason: 'http' | 'network' | 'timeout';
  /** The HTTP status for `http`. */
  status?: number;
}

/** Addresses up to this many characters are shown whole. */
const SHORT_URL_MAX = 64;
/** How many characters of a longer address are kept before and after the ellipsis. */
const SHORT_URL_HEAD = 40;
const SHORT_URL_TAIL = 20;

/**
 * `url` as shown in a message: whole when short, otherwise its start and its end around an
 * ellipsis (`/dyn/status?code=404&x=aaaa … aaaa&end=1`), so that it stays recognisable without
 * filling the screen. Counts code points, so a character outside the BMP is never cut in two;
 * the spaces around the ellipsis let the line wrap there.
 */
export function shortUrl(url: string): string {
  // Spread, not Array.from: a page may have replaced that (Prototype's splits into UTF-16 units).
  const chars = [...url];
  if (chars.length <= SHORT_URL_MAX) return url;
  return `${chars.slice(0, SHORT_URL_HEAD).join('')} … ${chars.slice(-SHORT_URL_TAIL).join('')}`;
}

/** Problems that stand for a refused `src` attribute, with the address as written. */
const refusedSources = new WeakMap<Problem, string>();

/**
 * The problem reported for a `src` attribute whose address is not fetched (a scheme other
 * than http, https or blob, or none): a configuration error, shown by {@link problemText} as
 * `文章数据地址(src 属性)不被允许:…` rather than as an error in the data.
 */
export function refusedSrcProblem(url: string): Problem {
  const problem: Problem = {
    path: 'src',
    code: 'url',
    message:
      `the src attribute "${url}" is not allowed: the JSON is fetched only from an http, https or relative address, ` +
      'or a blob: address made by the page (data:, file:, javascript:, mailto:, tel: and other schemes are refused); ' +
      'no request was made',
  };
  refusedSources.set(problem, url);
  return problem;
}

/** `文章数据地址(src 属性)不被允许:javascript:alert(1)(只能是 http、https 或相对地址)`. */
function refusedSrcText(src: string, subject: DataSubject): string {
  const url = shortUrl(src);
  return subject === 'site'
    ? msg(str`网站数据地址(src 属性)不被允许:${url}(只能是 http、https 或相对地址)`, {
        id: 'load.refused-site',
        desc: 'The src attribute of the footer gives an address that is never fetched (e.g. javascript: or file:); the value is the address, possibly shortened with an ellipsis. Keep "src" as is: it is the attribute name',
      })
    : msg(str`文章数据地址(src 属性)不被允许:${url}(只能是 http、https 或相对地址)`, {
        id: 'load.refused-article',
        desc: 'The src attribute of the article gives an address that is never fetched (e.g. javascript: or file:); the value is the address, possibly shortened with an ellipsis. Keep "src" as is: it is the attribute name',
      });
}

/** The JSON type name in the reader's language. */
function typeName(expected: string | undefined): string {
  switch (expected) {
    case 'string':
      return msg('文本', { id: 'problem.type.string', desc: 'JSON type name: string' });
    case 'number':
      return msg('数字', { id: 'problem.type.number', desc: 'JSON type name: number' });
    case 'integer':
      return msg('整数', { id: 'problem.type.integer', desc: 'JSON type name: integer' });
    case 'boolean':
      return msg('布尔值', { id: 'problem.type.boolean', desc: 'JSON type name: boolean (true/false)' });
    case 'array':
      return msg('数组', { id: 'problem.type.array', desc: 'JSON type name: array (list)' });
    case 'object':
      return msg('对象', { id: 'problem.type.object', desc: 'JSON type name: object' });
    default:
      return expected ?? '';
  }
}

/**
 * What is wrong, without the lead-in: `缺少 title`, `body[3].src 的网址不被允许`.
 * The JSON path stays as written in the data (it names the field for the webmaster).
 */
export function problemDetail(problem: Problem): string {
  const path = problem.path || '(JSON)';
  switch (problem.code) {
    case 'json':
      return msg('不是有效的 JSON', { id: 'problem.json', desc: 'The data is not valid JSON text' });
    case 'missing':
      return msg(str`缺少 ${path}`, { id: 'problem.missing', desc: 'A required field is missing; the value is its JSON path, e.g. title' });
    case 'type':
      return problem.expected
        ? msg(str`${path} 应为${typeName(problem.expected)}`, {
            id: 'problem.type',
            desc: 'A field has the wrong type; values: JSON path, expected type name',
          })
        : msg(str`${path} 的类型不对`, { id: 'problem.type-plain', desc: 'A field has the wrong type; the value is its JSON path' });
    case 'version':
      return msg(str`${path} 的版本不受支持(应为 1)`, {
        id: 'problem.version',
        desc: 'The format version is not supported; the value is the JSON path (version)',
      });
    case 'url':
      return msg(str`${path} 的网址不被允许(只能是 http、https 或相对地址)`, {
        id: 'problem.url',
        desc: 'A URL uses a forbidden scheme; the value is its JSON path',
      });
    case 'date':
      return msg(str`${path} 不是带时区的日期时间`, {
        id: 'problem.date',
        desc: 'A date is not ISO 8601 with an offset; the value is its JSON path',
      });
    case 'value':
      return msg(str`${path} 的值不在允许范围内`, { id: 'problem.value', desc: 'A value is outside its allowed set or range; the value is its JSON path' });
    case 'limit':
      return problem.limit !== undefined
        ? msg(str`${path} 超过上限(${problem.limit})`, {
            id: 'problem.limit',
            desc: 'A size limit was exceeded; values: JSON path, the limit',
          })
        : msg(str`${path} 超过上限`, { id: 'problem.limit-plain', desc: 'A size limit was exceeded; the value is the JSON path' });
    case 'unknown-block':
      return msg(str`${path} 的内容类型未知,已跳过`, {
        id: 'problem.unknown-block',
        desc: 'A body block of an unknown type was skipped; the value is its JSON path',
      });
    default:
      return path;
  }
}

/** `文章数据有误:缺少 title` / `网站数据有误:缺少 name`. */
export function problemText(problem: Problem, subject: DataSubject = 'article'): string {
  const refused = refusedSources.get(problem);
  if (refused !== undefined) return refusedSrcText(refused, subject);
  const detail = problemDetail(problem);
  return subject === 'site'
    ? msg(str`网站数据有误:${detail}`, { id: 'problem.site', desc: 'Lead-in of an error in the site (footer) data; the value says what is wrong' })
    : msg(str`文章数据有误:${detail}`, { id: 'problem.article', desc: 'Lead-in of an error in the article data; the value says what is wrong' });
}

/** `还有 2 处问题,详见浏览器控制台`, shown under the first problem when there are more. */
export function moreProblemsText(count: number): string {
  return msg(str`还有 ${count} 处问题,详见浏览器控制台`, {
    id: 'problem.more',
    desc: 'Shown under the first data error when there are more; the value is how many more',
  });
}

/** `无法加载文章数据:/a.json(HTTP 404)` / `(网络错误)` / `(超时)`; a long address shortened. */
export function loadFailureText(failure: LoadFailure, subject: DataSubject = 'article'): string {
  const url = shortUrl(failure.url);
  const why =
    failure.reason === 'http' && failure.status !== undefined
      ? `HTTP ${failure.status}`
      : failure.reason === 'timeout'
        ? msg('超时', { id: 'load.timeout', desc: 'Reason of a failed request: no answer in time' })
        : msg('网络错误', { id: 'load.network', desc: 'Reason of a failed request: no answer from the server' });
  return subject === 'site'
    ? msg(str`无法加载网站数据:${url}(${why})`, { id: 'load.site', desc: 'A request for the site (footer) data failed; values: URL, reason (e.g. HTTP 404)' })
    : msg(str`无法加载文章数据:${url}(${why})`, { id: 'load.article', desc: 'A request for the article data failed; values: URL, reason (e.g. HTTP 404)' });
}
