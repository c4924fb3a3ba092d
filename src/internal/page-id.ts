/**
 * Page ids of the visitor counter: `<visitor-counter>` sends the page's path and the counter
 * service stores it, both without what changes from reader to reader.
 */

const QUERY_OR_FRAGMENT = /[?#][\s\S]*$/;

/**
 * A session id carried as a path parameter, as JSP (`;jsessionid=`), PHP and other CMSs write
 * links when cookies are off: a new one per reader, so never part of a page id.
 */
const SESSION_PARAMETER = /;(?:jsessionid|phpsessid|sessionid|session_id|sid|aspsessionid[a-z]*|cfid|cftoken)=[^/;?#]*/gi;

/** `page` without its query, fragment and session-id path parameters. */
export function withoutQueryAndSession(page: string): string {
  return page.replace(QUERY_OR_FRAGMENT, '').replace(SESSION_PARAMETER, '');
}
