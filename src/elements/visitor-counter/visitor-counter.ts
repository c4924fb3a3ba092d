/**
 * A visitor counter backed by the self-hosted counter service (`court-counter serve`):
 * "您是第 1,234,567 位访客" for the site, or "浏览次数 N" for one page.
 *
 * A visit is counted once per visit of the reader, in all tabs of the browser: a visit lasts
 * while pages of the site are loaded at most 30 minutes apart, as web analytics count a visit
 * (the number and the time of the last load are kept in `localStorage`; where storage is
 * blocked, at most once per page load). Reloads and new tabs show the same number without a
 * new request; a page view is counted once per visit per page. The visit is remembered when
 * the hit is sent, so a hit whose answer came too late is not sent again: later loads only
 * read the total. A hit the service refused is sent again next time.
 * The request starts after the first paint, has a timeout and never blocks the page. While
 * it is pending the element keeps its space empty, or shows the last number this browser saw
 * ("已有 N 位访客", which claims no new count). When the service is slow or down it keeps that
 * number or hides the sentence (`state="hidden"`, `aria-hidden="true"`): it never shows
 * "您是第位访客"; a console warning names the reason, such as an origin the service does not
 * allow, or an http endpoint on an https page (warned before trying). No cookies are sent
 * and nothing identifying is stored; automated browsers (`navigator.webdriver`) only read the
 * numbers, and a prerendered page counts only once the reader actually opens it.
 *
 * ```html
 * <visitor-counter endpoint="https://www.example.gov.cn/counter" site="fs"></visitor-counter>
 * <visitor-counter endpoint="/counter" site="fs" kind="page-views" page="/art/2024/02/1.html"></visitor-counter>
 * ```
 *
 * The host reflects its state in the `state` attribute: `loading`, `counted` (this visit's
 * number), `total` (a number read or remembered, not a new count) or `hidden`.
 *
 * @summary Self-hosted visitor or page-view counter that never shows a broken sentence.
 *
 * @fires visitor-counter-updated - A number from the service is shown. `detail: { count, kind, counted }`.
 *
 * @csspart text - The whole sentence.
 * @csspart number - The number, digits grouped for the reader's locale.
 * @csspart digit - One digit, when the `digits` attribute is set (digit-box style).
 * @csspart separator - A grouping separator between digit boxes.
 *
 * @cssproperty --visitor-counter-text - Text colour. Default `var(--court-text, #1f1f1f)`.
 * @cssproperty --visitor-counter-font-size - Font size. Default: the size of the text around it, at least 16 px.
 * @cssproperty --visitor-counter-line-height - Line height. Default `1.7`.
 * @cssproperty --visitor-counter-min-width - Space reserved while loading. Default `10em`.
 * @cssproperty --visitor-counter-number-color - Number colour. Default `var(--court-accent, #b0191e)`.
 * @cssproperty --visitor-counter-number-weight - Number weight. Default `700`.
 * @cssproperty --visitor-counter-digit-border - Border of a digit box. Default `1px solid var(--court-border, #d9d9d9)`.
 * @cssproperty --visitor-counter-digit-background - Background of a digit box. Default `var(--court-surface, #ffffff)`.
 * @cssproperty --visitor-counter-digit-color - Colour of a digit in a box. Default `var(--court-accent, #b0191e)`.
 * @cssproperty --visitor-counter-digit-radius - Corner radius of a digit box. Default `3px`.
 * @cssproperty --visitor-counter-digit-gap - Gap between digit boxes. Default `0.125em`.
 */
import { LitElement, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { msg, str } from '@lit/localize';
import { formatCount } from '../../internal/format.js';
import { currentLocale, localized } from '../../internal/localize.js';
import { withoutQueryAndSession } from '../../internal/page-id.js';
import { readSetting, removeSetting, siteKey, writeSetting } from '../../internal/storage.js';
import { tokens } from '../../internal/theme.js';
import { isSafeUrl } from '../../internal/url.js';
import { visitorCounterStyles } from './visitor-counter.styles.js';

/** What is counted and shown. */
export type VisitorCounterKind = 'visits' | 'page-views';

/** What the element shows. */
export type VisitorCounterState = 'loading' | 'counted' | 'total' | 'hidden';

/** Detail of `visitor-counter-updated`. */
export interface VisitorCounterUpdatedDetail {
  /** The number shown. */
  count: number;
  kind: VisitorCounterKind;
  /** `true` when this page load counted the visit or view; `false` when it only read the number. */
  counted: boolean;
}

const DEFAULT_TIMEOUT = 3000;
const SITE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_PAGE = 512;
/**
 * One character of a page id as the service counts it: a percent-encoded UTF-8 character, a
 * percent-encoded GB18030 one (four bytes, or a GBK pair whose trail byte may be a plain
 * ASCII character), or one character as written.
 */
const HEX = '[0-9A-Fa-f]';
const CONTINUATION = '%[89ABab][0-9A-Fa-f]';
const PAGE_CHARACTER = new RegExp(
  [
    `%[0-7]${HEX}`,
    `%[CDcd]${HEX}${CONTINUATION}`,
    `%[Ee]${HEX}(?:${CONTINUATION}){2}`,
    `%[Ff][0-4](?:${CONTINUATION}){3}`,
    `%[89A-Fa-f]${HEX}%3[0-9]%[89A-Fa-f]${HEX}%3[0-9]`,
    `%[89A-Fa-f]${HEX}(?:%[4-9A-Fa-f]${HEX}|[@-~])`,
    '[\\s\\S]',
  ].join('|'),
  'gu',
);
// Stands for the number inside a translated sentence, so the number can get its own part.
const SLOT = '\uE000';

/**
 * A visit lasts while the reader loads pages of the site at most this far apart, in any tab
 * (as web analytics count a visit): opening articles in new tabs is one visit, not one each.
 */
const VISIT_IDLE_MS = 30 * 60_000;
/** Name of the visit entries in localStorage: `visitor-counter-visit:<endpoint>|<site>|<visit or page>`. */
const VISIT = 'visitor-counter-visit:';

/* Per page load: the visits remembered when localStorage is blocked, and the requests in
   flight, so two counters of one page never count twice. */
const remembered = new Map<string, string>();
const inFlight = new Map<string, Promise<number>>();

/**
 * What this visit (see {@link VISIT_IDLE_MS}) holds for `key`: a number, or {@link SENT}; `null`
 * when there is no visit. Reading it is a page load of the visit, which keeps it going.
 */
function visitRead(key: string): string | null {
  const stored = readSetting(key) ?? remembered.get(key) ?? null;
  const value = stored === null ? null : ongoing(stored);
  if (value === null) {
    if (stored !== null) visitForget(key);
    return null;
  }
  visitWrite(key, value);
  return value;
}

/** The value of a stored visit entry (`value|time of the last load`), or `null` when the visit has ended. */
function ongoing(entry: string): string | null {
  const [value = '', at = ''] = entry.split('|');
  const last = Number(at);
  // A wall clock set back since then reads as a load just now.
  return value === '' || at === '' || !Number.isFinite(last) || Date.now() - last >= VISIT_IDLE_MS ? null : value;
}

/** Removes the entries of visits that have ended (of any endpoint, site or page) from localStorage. */
function forgetEndedVisits(): void {
  try {
    const storage = window.localStorage;
    const prefix = siteKey(VISIT);
    for (let i = storage.length - 1; i >= 0; i--) {
      const key = storage.key(i);
      if (key?.startsWith(prefix) && ongoing(storage.getItem(key) ?? '') === null) storage.removeItem(key);
    }
  } catch {
    // Storage blocked: nothing was kept there.
  }
}

/** Stores `value` for `key` in this visit, with the time of this page load. */
function visitWrite(key: string, value: string): void {
  const entry = `${value}|${Date.now()}`;
  remembered.set(key, entry);
  // Storage blocked or full: remembered for this page load only.
  writeSetting(key, entry);
}

function visitForget(key: string): void {
  remembered.delete(key);
  removeSetting(key);
}

/** Visit value of a hit that was sent and not answered yet (or answered too late). */
const SENT = 'sent';

function afterFirstPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

function whenActivated(): Promise<void> {
  const doc = document as Document & { prerendering?: boolean };
  if (!doc.prerendering) return Promise.resolve();
  return new Promise((resolve) => doc.addEventListener('prerenderingchange', () => resolve(), { once: true }));
}

/**
 * Why the browser will block `endpoint` on this page, or `undefined`: an http endpoint on an
 * https page is mixed content (a loopback host excepted, which browsers allow).
 */
function mixedContent(endpoint: string): string | undefined {
  let page: URL;
  let target: URL;
  try {
    page = new URL(document.URL);
    target = new URL(endpoint, page);
  } catch {
    return undefined;
  }
  if (page.protocol !== 'https:' || target.protocol !== 'http:') return undefined;
  if (/^(?:localhost|.+\.localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i.test(target.hostname)) return undefined;
  return `endpoint "${endpoint}" is http on an https page; browsers block it as mixed content: use an https endpoint`;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

class CounterRequestError extends Error {
  /**
   * @param refused The service answered with one of its errors, so it counted nothing (an
   *   answer that never came, or a proxy's error page, may come after a count).
   */
  constructor(message: string, readonly refused = false) {
    super(message);
  }
}

@localized()
export class VisitorCounterElement extends LitElement {
  static override styles = [tokens, visitorCounterStyles];

  /** Base URL of the counter service, e.g. `https://www.example.gov.cn/counter` or `/counter`. */
  @property({ attribute: 'endpoint' }) endpoint = '';

  /** Site id configured on the service. */
  @property({ attribute: 'site' }) site = '';

  /** `visits` (default): the site's visitors; `page-views`: views of `page`. */
  @property({ attribute: 'kind' }) kind: VisitorCounterKind = 'visits';

  /** Page id for `page-views`; defaults to the page's path. Query and fragment are ignored. */
  @property({ attribute: 'page' }) page = '';

  /** Milliseconds to wait for the service before giving up. */
  @property({ attribute: 'timeout', type: Number }) timeout = DEFAULT_TIMEOUT;

  /** Shows each digit in its own box (`digit` parts). */
  @property({ attribute: 'digits', type: Boolean }) digits = false;

  /** Only shows the number, never counts (e.g. on a preview page). */
  @property({ attribute: 'no-count', type: Boolean }) noCount = false;

  /**
   * 关怀模式 (care mode): black text and a dark red number on white, at a contrast of 7:1 or
   * more; the colour custom properties are set aside meanwhile. `<print-controls>` sets and
   * removes it with its own 关怀模式; it can be set by hand too.
   */
  @property({ attribute: 'care', type: Boolean, reflect: true }) care = false;

  @state() private status: VisitorCounterState = 'loading';

  @state() private count: number | undefined;

  #key: string | undefined;
  #controller: AbortController | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved or re-attached: start again once updated.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#controller?.abort();
    this.#controller = undefined;
    this.#key = undefined;
  }

  protected override updated(): void {
    this.setAttribute('state', this.status);
    if (this.status === 'loading' || this.status === 'hidden') this.setAttribute('aria-hidden', 'true');
    else this.removeAttribute('aria-hidden');
    const key = [this.endpoint, this.site, this.kind, this.page, this.noCount].join('\n');
    if (this.isConnected && key !== this.#key) {
      this.#key = key;
      this.#controller?.abort();
      const controller = new AbortController();
      this.#controller = controller;
      this.#run(controller.signal).catch(() => {
        // #run handles its own failures; nothing may escape to the host page.
      });
    }
  }

  /** What is wrong with the attributes, or `undefined`. */
  #problem(): string | undefined {
    if (!this.endpoint.trim()) return 'the endpoint attribute is missing';
    if (!isSafeUrl(this.endpoint.trim()) || /^(mailto|tel):/i.test(this.endpoint.trim())) {
      return `endpoint "${this.endpoint}" must be an http, https or relative URL`;
    }
    if (!this.site) return 'the site attribute is missing';
    if (!SITE_ID.test(this.site)) return `site "${this.site}" may use only letters, digits, ".", "_" and "-"`;
    if (this.kind !== 'visits' && this.kind !== 'page-views') return `kind "${String(this.kind)}" must be visits or page-views`;
    return undefined;
  }

  #pageId(): string {
    // Like the service: no query, fragment or session id (`;jsessionid=…`, a new one per reader).
    const page = withoutQueryAndSession(this.page || location.pathname);
    // Capped like the service caps it, on whole characters (a percent-encoded character cut
    // in two would make another page id), without leaving half a percent-escape at the end.
    return (page.match(PAGE_CHARACTER) ?? []).slice(0, MAX_PAGE).join('').replace(/%[0-9A-Fa-f]?$/, '');
  }

  async #run(signal: AbortSignal): Promise<void> {
    // Start outside the update that triggered the run.
    await Promise.resolve();
    if (signal.aborted) return;
    const problem = this.#problem();
    if (problem) {
      console.warn(`visitor-counter: ${problem}; the counter is hidden`);
      this.count = undefined;
      this.status = 'hidden';
      return;
    }
    const base = this.endpoint.trim().replace(/\/+$/, '');
    const mixed = mixedContent(base);
    if (mixed) console.warn(`visitor-counter: ${mixed}`);
    const kind = this.kind;
    const page = kind === 'page-views' ? this.#pageId() : undefined;
    const ids = `${base}|${this.site}|${page === undefined ? 'visit' : `page:${page}`}`;
    const cacheName = `visitor-counter:${ids}`;
    const visitKey = `${VISIT}${ids}`;

    const cached = Number(readSetting(cacheName) ?? NaN);
    if (isCount(cached)) {
      this.count = cached;
      this.status = 'total';
    } else {
      this.count = undefined;
      this.status = 'loading';
    }

    await afterFirstPaint();
    await whenActivated();
    if (signal.aborted) return;

    const seen = visitRead(visitKey);
    if (kind === 'visits' && seen !== null && /^\d{1,16}$/.test(seen)) {
      // This visit was counted already: the reader keeps their number.
      this.#show(Number(seen), 'counted', false);
      return;
    }
    const automated = typeof navigator !== 'undefined' && navigator.webdriver === true;
    const mayCount = !this.noCount && !automated && seen === null;
    try {
      let count: number;
      let countedNow = false;
      const pending = inFlight.get(visitKey);
      if (pending) {
        count = await pending;
        countedNow = true;
      } else if (mayCount) {
        // Remembered before it is sent: an answer that comes after the timeout (or never) may
        // still have counted, so later loads of this visit read the total instead of counting again.
        // A new visit or page view: the entries of visits that ended are not kept any longer.
        forgetEndedVisits();
        visitWrite(visitKey, SENT);
        const request = this.#hit(base, page, signal).then(
          (n) => {
            visitWrite(visitKey, kind === 'visits' ? String(n) : '1');
            return n;
          },
          (error: unknown) => {
            if (error instanceof CounterRequestError && error.refused) visitForget(visitKey);
            throw error;
          },
        );
        inFlight.set(visitKey, request);
        request.then(
          () => inFlight.delete(visitKey),
          () => inFlight.delete(visitKey),
        );
        count = await request;
        countedNow = true;
      } else {
        count = await this.#read(base, page, signal);
      }
      if (signal.aborted) return;
      writeSetting(cacheName, String(count));
      this.#show(count, kind === 'visits' && countedNow ? 'counted' : 'total', countedNow);
    } catch (error) {
      if (signal.aborted) return;
      console.warn(`visitor-counter: no number from ${base} (${(error as Error).message})`);
      if (this.count === undefined) this.status = 'hidden';
    }
  }

  #show(count: number, status: 'counted' | 'total', countedNow: boolean): void {
    this.count = count;
    this.status = status;
    this.dispatchEvent(
      new CustomEvent<VisitorCounterUpdatedDetail>('visitor-counter-updated', {
        detail: { count, kind: this.kind, counted: countedNow },
        bubbles: true,
        composed: true,
      }),
    );
  }

  async #request(url: string, init: RequestInit, signal: AbortSignal): Promise<Record<string, unknown>> {
    const timeout = Number.isFinite(this.timeout) && this.timeout > 0 ? this.timeout : DEFAULT_TIMEOUT;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    const stop = () => controller.abort();
    signal.addEventListener('abort', stop, { once: true });
    try {
      // No cookies, no referrer, no keepalive: an ordinary request that can be cancelled.
      const response = await fetch(url, {
        ...init,
        mode: 'cors',
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        keepalive: false,
        signal: controller.signal,
      });
      if (!response.ok) {
        const answer: unknown = await response.json().catch(() => undefined);
        const code = (answer as { error?: { code?: unknown } } | undefined)?.error?.code;
        const why =
          code === 'origin-not-allowed'
            ? `: this page's origin ${location.origin} is not allowed for site "${this.site}"; add it to the site's origins on the service`
            : '';
        throw new CounterRequestError(`HTTP ${response.status}${why}`, typeof code === 'string');
      }
      const body: unknown = await response.json();
      if (typeof body !== 'object' || body === null) throw new CounterRequestError('the answer is not a JSON object');
      return body as Record<string, unknown>;
    } catch (error) {
      if (timedOut) throw new CounterRequestError(`no answer within ${timeout} ms`);
      if (error instanceof CounterRequestError) throw error;
      throw new CounterRequestError(error instanceof SyntaxError ? 'the answer is not JSON' : 'network error');
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
    }
  }

  #pick(body: Record<string, unknown>, page: string | undefined): number {
    const value = page === undefined ? body.visits : body.pageViews;
    if (!isCount(value)) throw new CounterRequestError(`the answer has no ${page === undefined ? 'visits' : 'pageViews'} count`);
    return value;
  }

  async #hit(base: string, page: string | undefined, signal: AbortSignal): Promise<number> {
    const payload = page === undefined ? { site: this.site, kind: 'visit' } : { site: this.site, kind: 'page-view', page };
    // A text/plain body keeps this a simple CORS request: one round trip, no preflight.
    const body = await this.#request(`${base}/api/v1/hits`, { method: 'POST', body: JSON.stringify(payload) }, signal);
    return this.#pick(body, page);
  }

  async #read(base: string, page: string | undefined, signal: AbortSignal): Promise<number> {
    const query = new URLSearchParams({ site: this.site });
    if (page !== undefined) query.set('page', page);
    const body = await this.#request(`${base}/api/v1/counts?${query}`, { method: 'GET' }, signal);
    return this.#pick(body, page);
  }

  #sentence(): string {
    if (this.kind === 'page-views') {
      return msg(str`浏览次数 ${SLOT}`, { id: 'visitor-counter.page-views', desc: 'Views of this article; the value is the number' });
    }
    if (this.status === 'counted') {
      return msg(str`您是第 ${SLOT} 位访客`, {
        id: 'visitor-counter.visitor-number',
        desc: 'Site footer: this reader is the N-th visitor of the website; the value is the number',
      });
    }
    return msg(str`已有 ${SLOT} 位访客`, {
      id: 'visitor-counter.visits-total',
      desc: 'Site footer: total visitors of the website so far (shown when this visit was not counted)',
    });
  }

  #renderNumber(count: number): TemplateResult {
    const text = formatCount(count, currentLocale());
    if (!this.digits) return html`<span class="number" part="number">${text}</span>`;
    return html`<span class="number" part="number"
      ><span class="visually-hidden">${text}</span
      ><span class="digits" aria-hidden="true"
        >${[...text].map((ch) =>
          /\p{Nd}/u.test(ch) ? html`<span part="digit">${ch}</span>` : html`<span part="separator">${ch}</span>`,
        )}</span
      ></span
    >`;
  }

  override render() {
    if (this.count === undefined || this.status === 'loading' || this.status === 'hidden') return nothing;
    const [before = '', ...rest] = this.#sentence().split(SLOT);
    // A translation that lost the placeholder still gets the number, after its text.
    const after = rest.length > 0 ? rest.join('') : '';
    const gap = rest.length > 0 ? '' : ' ';
    return html`<span part="text">${before}${gap}${this.#renderNumber(this.count)}${after}</span>`;
  }
}
