/**
 * Short, localized sentences for what went wrong with an element's data: a `Problem` from the
 * model (`文章数据有误:缺少 title`) or a failed request (`无法加载文章数据:/a.json(HTTP 404)`).
 * Shared by the elements that read JSON (`<court-article>`, `<court-footer>`); the subject
 * chooses the lead-in (文章数据 / 网站数据).
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

/** `无法加载文章数据:/a.json(HTTP 404)` / `(网络错误)` / `(超时)`. */
export function loadFailureText(failure: LoadFailure, subject: DataSubject = 'article'): string {
  const url = failure.url;
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
