import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';
import type { Logger } from 'pino';
import { withoutQueryAndSession } from '../internal/page-id.js';
import { SITE_ID, type CounterConfig, type SiteConfig } from './config.js';
import type { RepeatedLog } from './log.js';
import type { RateLimiter } from './rate-limit.js';
import { PageLimitError, type CounterStore, type HitKind } from './stores/store.js';

/** Error codes of the API, each sent as `{ error: { code, message } }`. */
export type ErrorCode =
  | 'not-found'
  | 'method-not-allowed'
  | 'origin-not-allowed'
  | 'unsupported-media-type'
  | 'body-too-large'
  | 'invalid-json'
  | 'invalid-body'
  | 'invalid-site'
  | 'unknown-site'
  | 'invalid-kind'
  | 'invalid-page'
  | 'page-too-long'
  | 'page-limit-reached'
  | 'rate-limited'
  | 'store-unavailable'
  | 'shutting-down'
  | 'internal';

export const API_VERSION = 'v1';
export const HITS_PATH = '/api/v1/hits';
export const COUNTS_PATH = '/api/v1/counts';
export const HEALTH_PATH = '/healthz';

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

type PageResult = { ok: true; page: string } | { ok: false; code: 'invalid-page' | 'page-too-long'; message: string };

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/;

const ESCAPE_RUN = /(?:%[0-9A-Fa-f]{2})+/g;
const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** Request bodies: strict UTF-8 (JSON is UTF-8), a byte order mark kept so that JSON.parse refuses it as before. */
const BODY_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const GB18030 = new TextDecoder('gb18030', { fatal: true });

type Encoding = '' | 'utf-8' | 'gb18030';

/** One way to read a run of bytes up to some offset: characters so far, changes of encoding, the path back. */
interface Reading {
  chars: number;
  switches: number;
  from: number;
  fromEncoding: Encoding;
  text: string;
}

/** Fewer characters, then fewer changes of encoding. */
function simpler(a: Reading, b: Reading): boolean {
  return a.chars < b.chars || (a.chars === b.chars && a.switches < b.switches);
}

/** The one character `decoder` reads from exactly `bytes`, or `undefined`. */
function oneCharacter(decoder: TextDecoder, bytes: Uint8Array): string | undefined {
  try {
    const text = decoder.decode(bytes);
    return [...text].length === 1 ? text : undefined;
  } catch {
    return undefined;
  }
}

/** One character that starts a run's remaining bytes: its length in bytes, its encoding, its text. */
type Step = [size: number, encoding: Encoding, text: string];

const within = (byte: number | undefined, low: number, high: number) => byte !== undefined && byte >= low && byte <= high;

/** Bytes the GB18030 sequence at `i` takes by its shape (0x80; a GBK pair; four bytes), 0 if none. */
function gb18030Length(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  if (lead === 0x80) return 1;
  if (!within(lead, 0x81, 0xfe)) return 0;
  const next = bytes[i + 1];
  if (within(next, 0x30, 0x39)) return within(bytes[i + 2], 0x81, 0xfe) && within(bytes[i + 3], 0x30, 0x39) ? 4 : 0;
  return within(next, 0x40, 0x7e) || within(next, 0x80, 0xfe) ? 2 : 0;
}

/**
 * Every character a run's bytes may start with at `i`: ASCII, a UTF-8 sequence, a GB18030
 * one (the byte 0x80, a two-byte GBK pair or a four-byte sequence). The bytes' shape is checked
 * before a decoder is asked, so that a long run stays cheap to read.
 */
function charactersAt(bytes: Uint8Array, i: number): Step[] {
  const lead = bytes[i]!;
  if (lead < 0x80) return [[1, '', String.fromCharCode(lead)]];
  const steps: Step[] = [];
  const length = utf8Length(lead);
  if (length > 1 && i + length <= bytes.length && bytes.subarray(i + 1, i + length).every((b) => b >= 0x80 && b <= 0xbf)) {
    const text = oneCharacter(UTF8, bytes.subarray(i, i + length));
    if (text !== undefined) steps.push([length, 'utf-8', text]);
  }
  const size = gb18030Length(bytes, i);
  const text = size > 0 ? oneCharacter(GB18030, bytes.subarray(i, i + size)) : undefined;
  if (text !== undefined) steps.push([size, 'gb18030', text]);
  return steps;
}

/** Bytes a UTF-8 sequence with this lead byte takes (0: not a lead byte). */
function utf8Length(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Whether `bytes` is the start of a UTF-8 sequence that was cut short. */
function cutUtf8(bytes: Uint8Array): boolean {
  const length = utf8Length(bytes[0]!);
  if (length <= bytes.length) return false;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true }) === '';
  } catch {
    return false;
  }
}

/**
 * Reads one run of percent-escaped bytes. A run that is UTF-8 throughout is UTF-8. Otherwise
 * it is read character by character, each one a UTF-8 or a GB18030 sequence, choosing the
 * reading with the fewest characters, then the fewest changes of encoding: a UTF-8 run
 * next to a GBK one (or cut short) keeps its characters instead of turning into GB18030
 * mojibake as a whole, and a GBK run whose pairs happen to be UTF-8 here and there stays
 * GBK. At the end of the page, a UTF-8 character cut short after UTF-8 text is dropped (an
 * older page that capped its id in the middle of a character). `undefined` if no reading
 * exists.
 */
function decodeRun(bytes: Uint8Array, atEnd: boolean): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    // Not UTF-8 throughout: read it character by character.
  }
  const n = bytes.length;
  const best: Array<Map<Encoding, Reading>> = Array.from({ length: n + 1 }, () => new Map());
  best[0]!.set('', { chars: 0, switches: 0, from: -1, fromEncoding: '', text: '' });
  for (let i = 0; i < n; i++) {
    if (best[i]!.size === 0) continue;
    const found = charactersAt(bytes, i);
    for (const [encoding, here] of best[i]!) {
      const steps =
        atEnd && encoding === 'utf-8' && !found.some(([, e]) => e === 'utf-8') && cutUtf8(bytes.subarray(i))
          ? [...found, [n - i, 'utf-8', ''] as Step]
          : found;
      for (const [size, next, text] of steps) {
        const reading: Reading = {
          chars: here.chars + (text === '' ? 0 : 1),
          switches: here.switches + (encoding !== '' && next !== '' && next !== encoding ? 1 : 0),
          from: i,
          fromEncoding: encoding,
          text,
        };
        const state = next === '' ? encoding : next;
        const old = best[i + size]!.get(state);
        if (!old || simpler(reading, old)) best[i + size]!.set(state, reading);
      }
    }
  }
  let end: [Encoding, Reading] | undefined;
  for (const entry of best[n]!) {
    const [, r] = entry;
    if (!end || simpler(r, end[1])) end = entry;
  }
  if (!end) return undefined;
  const parts: string[] = [];
  for (let [at, encoding] = [n, end[0]]; at > 0; ) {
    const r = best[at]!.get(encoding)!;
    parts.push(r.text);
    [at, encoding] = [r.from, r.fromEncoding];
  }
  return parts.reverse().join('');
}

/**
 * Percent-decodes `text` once. Each run of escapes is read as UTF-8, GB18030 (which includes
 * GBK and GB2312: the paths of older Chinese sites) or, character by character, both (see
 * {@link decodeRun}), so `/%D0%C2%CE%C5` and `/%E6%96%B0%E9%97%BB` are both `/新闻`.
 * `undefined` if a `%` starts no escape or a run cannot be read.
 */
function decodePercent(text: string): string | undefined {
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) return undefined;
  let failed = false;
  const decoded = text.replace(ESCAPE_RUN, (run, offset: number) => {
    const bytes = Uint8Array.from(run.slice(1).split('%'), (hex) => parseInt(hex, 16));
    const read = decodeRun(bytes, offset + run.length === text.length);
    if (read === undefined) failed = true;
    return read ?? run;
  });
  return failed ? undefined : decoded;
}
const SCHEME_AND_HOST = /^https?:\/\/[^/?#]*/i;

/**
 * Page ids as stored: an absolute http(s) URL is reduced to its path; query, fragment and
 * session-id path parameters (`;jsessionid=…`) are dropped; percent-encoding is decoded once,
 * as UTF-8 and GB18030 characters (malformed encoding is refused), and a query, fragment,
 * session id or scheme and host that were percent-encoded are dropped too, so `/a%3Fx=1`,
 * `https%3A%2F%2Fhost%2Fa` and `/a` are one page; the result is NFC-normalized, trimmed and at
 * most `max` characters long, without control characters.
 */
export function normalizePage(raw: unknown, max: number): PageResult {
  if (typeof raw !== 'string') return { ok: false, code: 'invalid-page', message: 'page must be a string' };
  // The raw query goes first: it may hold encodings (GBK search words) that are not UTF-8.
  let page = withoutQueryAndSession(raw.trim());
  if (SCHEME_AND_HOST.test(page)) page = page.replace(SCHEME_AND_HOST, '') || '/';
  // No character takes more than 12 characters encoded (four %XX): longer cannot fit, and is not decoded.
  if (page.length > max * 12) {
    return { ok: false, code: 'page-too-long', message: `page is longer than ${max} characters, the most accepted` };
  }
  if (page.includes('%')) {
    const decoded = decodePercent(page);
    if (decoded === undefined) return { ok: false, code: 'invalid-page', message: 'page has malformed percent-encoding' };
    page = withoutQueryAndSession(decoded.trim());
    if (SCHEME_AND_HOST.test(page)) page = page.replace(SCHEME_AND_HOST, '') || '/';
  }
  if (LONE_SURROGATE.test(page)) return { ok: false, code: 'invalid-page', message: 'page is not well-formed Unicode' };
  page = page.normalize('NFC').trim();
  if (CONTROL.test(page)) return { ok: false, code: 'invalid-page', message: 'page contains control characters' };
  if (page === '') return { ok: false, code: 'invalid-page', message: 'page is empty once query and fragment are removed' };
  const length = [...page].length;
  if (length > max) {
    return { ok: false, code: 'page-too-long', message: `page is ${length} characters long; at most ${max} are accepted` };
  }
  return { ok: true, page };
}

/**
 * The rate-limit key of a client address: an IPv4 address as is (also when written as an
 * IPv4-mapped IPv6 address), an IPv6 address by its /64 network, since one subscriber usually
 * holds a whole /64 and could otherwise take a fresh bucket for every request.
 */
export function rateKey(address: string): string {
  if (!address.includes(':')) return address.trim();
  let text = address.trim().toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  const mapped = /^(?:0{0,4}:){0,5}ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text.replace(/^::/, '0:0:0:0:0:'));
  if (mapped) return mapped[1]!;
  if (isIPv4(text)) return text;
  if (!isIPv6(text)) return text;
  const [head = '', tail = ''] = text.includes('::') ? text.split('::') : [text, ''];
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  let left = groups(head);
  let right = groups(tail);
  // An embedded IPv4 tail takes two groups.
  const v4 = (list: string[]) => {
    const last = list[list.length - 1];
    if (last && isIPv4(last)) {
      const [a, b, c, d] = last.split('.').map(Number) as [number, number, number, number];
      list.splice(list.length - 1, 1, ((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
    }
    return list;
  };
  if (text.includes('::')) right = v4(right);
  else left = v4(left);
  const full = text.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  const n = full.map((g) => parseInt(g, 16));
  if (n.slice(0, 5).every((g) => g === 0) && n[5] === 0xffff) {
    return [n[6]! >> 8, n[6]! & 255, n[7]! >> 8, n[7]! & 255].join('.');
  }
  return `${n.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/**
 * The address used for rate limiting. X-Forwarded-For is read only when `trustProxy` hops
 * are configured: the entry added by the outermost trusted proxy is the client.
 */
export function clientAddress(req: IncomingMessage, trustProxy: number): string {
  const socketAddress = req.socket.remoteAddress ?? 'unknown';
  if (trustProxy <= 0) return socketAddress;
  const header = req.headers['x-forwarded-for'];
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return socketAddress;
  const hops = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (hops.length === 0) return socketAddress;
  return hops[Math.max(0, hops.length - trustProxy)]!;
}

export interface RouteContext {
  config: CounterConfig;
  store: CounterStore;
  limiter: RateLimiter;
  logger: Logger;
  /** Lines a flood of requests would repeat: logged once, then counted. */
  repeated: RepeatedLog;
  isShuttingDown: () => boolean;
}

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...JSON_HEADERS, 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage, max: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) {
    return Promise.reject(new HttpError(413, 'body-too-large', `request body is ${declared} bytes; at most ${max} are accepted`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > max) {
        done = true;
        reject(new HttpError(413, 'body-too-large', `request body is larger than ${max} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      // Decoded strictly: a lenient decoder would turn every invalid byte into U+FFFD and
      // count different malformed page ids as one page.
      try {
        resolve(BODY_UTF8.decode(Buffer.concat(chunks)));
      } catch {
        reject(new HttpError(400, 'invalid-json', 'request body is not valid UTF-8 (JSON text must be UTF-8)'));
      }
    });
    req.on('error', (error) => {
      if (!done) {
        done = true;
        reject(error);
      }
    });
  });
}

/** Builds the request handler of the service: routing, CORS, validation, rate limit, store. */
export function createHandler(ctx: RouteContext): (req: IncomingMessage, res: ServerResponse) => void {
  const { config, store, limiter, logger, repeated } = ctx;
  const sites = new Map<string, SiteConfig>(config.sites.map((s) => [s.id, s]));
  const siteOrigins = new Map<string, Set<string>>(config.sites.map((s) => [s.id, new Set(s.origins)]));
  const anyOrigin = new Set(config.sites.flatMap((s) => s.origins));
  const debug = logger.isLevelEnabled('debug');

  function corsFor(origin: string | undefined, allowed: Set<string>): Record<string, string> {
    if (origin && allowed.has(origin)) return { 'access-control-allow-origin': origin, vary: 'Origin' };
    return { vary: 'Origin' };
  }

  function lookupSite(value: unknown, origin: string | undefined): SiteConfig {
    if (typeof value !== 'string' || value === '') throw new HttpError(400, 'invalid-site', 'site is required and must be a string');
    if (!SITE_ID.test(value)) {
      throw new HttpError(400, 'invalid-site', 'site may use only letters, digits, ".", "_" and "-" (at most 64)');
    }
    const site = sites.get(value);
    if (!site) throw new HttpError(404, 'unknown-site', `site "${value}" is not configured on this counter`);
    if (origin !== undefined && !siteOrigins.get(site.id)!.has(origin)) {
      // The refusal is readable by that page, so that the element can tell its webmaster why
      // (a browser hides a status it may not read); it holds no count and no credentials.
      throw new HttpError(403, 'origin-not-allowed', `origin ${origin} is not allowed for site "${site.id}"`, {
        'access-control-allow-origin': origin,
        vary: 'Origin',
      });
    }
    return site;
  }

  let proxyWarned = false;

  function limit(req: IncomingMessage): void {
    if (!proxyWarned && config.trustProxy <= 0 && req.headers['x-forwarded-for'] !== undefined) {
      // Behind a proxy every reader then shares the proxy's bucket: say so once, without addresses.
      proxyWarned = true;
      logger.warn(
        { hint: 'behind a reverse proxy, set "trustProxy": 1 so that each reader is rate-limited by its own address; without a proxy keep 0' },
        'X-Forwarded-For ignored: trustProxy is 0',
      );
    }
    const taken = limiter.take(rateKey(clientAddress(req, config.trustProxy)));
    if (!taken.ok) {
      repeated.log('warn', { retryAfterSeconds: taken.retryAfterSeconds }, 'requests refused by the rate limit');
      throw new HttpError(429, 'rate-limited', `too many requests; retry in ${taken.retryAfterSeconds} s`, {
        'retry-after': String(taken.retryAfterSeconds),
      });
    }
  }

  function preflight(req: IncomingMessage, res: ServerResponse, methods: string): void {
    const origin = req.headers.origin;
    const requested = String(req.headers['access-control-request-method'] ?? '').toUpperCase();
    if (!origin || !anyOrigin.has(origin)) {
      throw new HttpError(403, 'origin-not-allowed', `origin ${origin ?? '(none)'} is not allowed by any configured site`);
    }
    if (!methods.split(', ').includes(requested)) {
      throw new HttpError(405, 'method-not-allowed', `${requested || '(no method)'} is not allowed here; use ${methods}`, {
        allow: `${methods}, OPTIONS`,
      });
    }
    res.writeHead(204, {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': methods,
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      'cache-control': 'no-store',
      'content-length': '0',
    });
    res.end();
  }

  function storeFailed(error: unknown): HttpError {
    const { message, name } = error as Error;
    repeated.log('error', { err: { message, name } }, 'store request failed', `${name}: ${message}`);
    return new HttpError(503, 'store-unavailable', 'the counter store is unavailable; try again later');
  }

  async function hits(req: IncomingMessage, res: ServerResponse, origin: string | undefined): Promise<void> {
    limit(req);
    const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== '' && type !== 'application/json' && type !== 'text/plain') {
      throw new HttpError(415, 'unsupported-media-type', `content-type ${type} is not accepted; send application/json`);
    }
    const raw = await readBody(req, config.maxBodyBytes);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new HttpError(400, 'invalid-json', 'request body is not valid JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new HttpError(400, 'invalid-body', 'request body must be a JSON object { site, kind, page? }');
    }
    const fields = body as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      if (key !== 'site' && key !== 'kind' && key !== 'page') {
        throw new HttpError(400, 'invalid-body', `unknown field "${key.slice(0, 40)}"; expected site, kind and page`);
      }
    }
    const site = lookupSite(fields.site, origin);
    const cors = corsFor(origin, siteOrigins.get(site.id)!);
    const kind = fields.kind;
    if (kind !== 'visit' && kind !== 'page-view') {
      throw new HttpError(400, 'invalid-kind', 'kind must be "visit" or "page-view"', cors);
    }
    let page: string | undefined;
    if (fields.page !== undefined && fields.page !== null) {
      const normalized = normalizePage(fields.page, config.maxPageLength);
      if (!normalized.ok) throw new HttpError(400, normalized.code, normalized.message, cors);
      page = normalized.page;
    } else if (kind === 'page-view') {
      throw new HttpError(400, 'invalid-page', 'page is required for kind "page-view"', cors);
    }
    let counts;
    try {
      counts = await store.hit(site.id, kind as HitKind, page, site.maxPages);
    } catch (error) {
      if (error instanceof PageLimitError) {
        throw new HttpError(409, 'page-limit-reached', `site "${site.id}" already counts its limit of ${site.maxPages} pages`, cors);
      }
      const failure = storeFailed(error);
      throw new HttpError(failure.status, failure.code, failure.message, cors);
    }
    const reply: Record<string, unknown> = { site: site.id, visits: counts.visits };
    if (page !== undefined) Object.assign(reply, { page, pageViews: counts.pageViews ?? 0 });
    send(res, 200, reply, cors);
  }

  async function counts(req: IncomingMessage, res: ServerResponse, query: string, origin: string | undefined): Promise<void> {
    limit(req);
    const params = new URLSearchParams(query);
    const site = lookupSite(params.get('site') ?? undefined, origin);
    const cors = corsFor(origin, siteOrigins.get(site.id)!);
    const rawPage = params.get('page');
    let page: string | undefined;
    if (rawPage !== null) {
      const normalized = normalizePage(rawPage, config.maxPageLength);
      if (!normalized.ok) throw new HttpError(400, normalized.code, normalized.message, cors);
      page = normalized.page;
    }
    let result;
    try {
      result = await store.counts(site.id, page);
    } catch (error) {
      const failure = storeFailed(error);
      throw new HttpError(failure.status, failure.code, failure.message, cors);
    }
    const reply: Record<string, unknown> = { site: site.id, visits: result.visits };
    if (page !== undefined) Object.assign(reply, { page, pageViews: result.pageViews ?? 0 });
    send(res, 200, reply, cors);
  }

  async function health(res: ServerResponse): Promise<void> {
    const state = ctx.isShuttingDown() ? { ok: false, error: 'shutting down' } : await store.health();
    const storeInfo: Record<string, unknown> = { kind: store.kind, ok: state.ok };
    if (state.error) storeInfo.error = state.error;
    send(res, state.ok ? 200 : 503, { status: state.ok ? 'ok' : 'unavailable', api: API_VERSION, store: storeInfo });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const url = { pathname: q < 0 ? target : target.slice(0, q), search: q < 0 ? '' : target.slice(q + 1) };
    const method = req.method ?? 'GET';
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    if (url.pathname === HEALTH_PATH) {
      if (method !== 'GET' && method !== 'HEAD') {
        throw new HttpError(405, 'method-not-allowed', `${method} is not allowed on ${HEALTH_PATH}; use GET`, { allow: 'GET, HEAD' });
      }
      return health(res);
    }
    if (url.pathname !== HITS_PATH && url.pathname !== COUNTS_PATH) {
      throw new HttpError(404, 'not-found', `no such endpoint: ${url.pathname.slice(0, 100)}`);
    }
    if (ctx.isShuttingDown()) throw new HttpError(503, 'shutting-down', 'the counter is shutting down; try again shortly');
    const methods = url.pathname === HITS_PATH ? 'POST' : 'GET';
    if (method === 'OPTIONS') return preflight(req, res, methods);
    if (method !== methods) {
      throw new HttpError(405, 'method-not-allowed', `${method} is not allowed on ${url.pathname}; use ${methods}`, {
        allow: `${methods}, OPTIONS`,
      });
    }
    return url.pathname === HITS_PATH ? hits(req, res, origin) : counts(req, res, url.search, origin);
  }

  return (req, res) => {
    const started = debug ? performance.now() : 0;
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    if (ctx.isShuttingDown()) res.setHeader('connection', 'close');
    if (debug) {
      res.on('finish', () => {
        const path = (req.url ?? '/').split('?')[0]!.slice(0, 200);
        logger.debug({ method: req.method, path, status: res.statusCode, ms: Math.round((performance.now() - started) * 10) / 10 }, 'request');
      });
    }
    route(req, res).catch((error: unknown) => {
      let failure: HttpError;
      if (error instanceof HttpError) failure = error;
      else {
        repeated.log('error', { err: { message: (error as Error)?.message } }, 'unexpected error');
        failure = new HttpError(500, 'internal', 'internal error');
      }
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const headers = { ...(failure.headers.vary ? {} : corsFor(origin, anyOrigin)), ...failure.headers };
      if (failure.status === 413) {
        // The rest of the body is not read: close the connection after the reply.
        headers.connection = 'close';
        res.on('finish', () => req.destroy());
      }
      send(res, failure.status, { error: { code: failure.code, message: failure.message } }, headers);
    });
  };
}
