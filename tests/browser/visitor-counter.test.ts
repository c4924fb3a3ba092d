import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define/visitor-counter.js';
import type { VisitorCounterElement, VisitorCounterUpdatedDetail } from '../../src/elements/visitor-counter/visitor-counter.js';

// Mocha's globals, provided by @web/test-runner (the project installs no @types/mocha).
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;
declare function beforeEach(body: () => void): void;
declare function afterEach(body: () => void): void;

// These tests drive the element's states with a stubbed fetch (timeouts, errors, caching);
// the real service is covered by the Node tests under tests/node/counter-*.test.ts.

interface Call {
  url: string;
  init: RequestInit;
}

type Handler = (url: string, init: RequestInit) => Promise<Response>;

const realFetch = window.fetch;
let calls: Call[] = [];
let warnings: string[] = [];
const realWarn = console.warn;
let endpointSeq = 0;
let events: VisitorCounterUpdatedDetail[] = [];
const onUpdated = (event: Event) => events.push((event as CustomEvent<VisitorCounterUpdatedDetail>).detail);

function json(body: unknown, status = 200): Promise<Response> {
  return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
}

/** A request that never answers until it is aborted. */
function hang(_url: string, init: RequestInit): Promise<Response> {
  return new Promise((_resolve, reject) => {
    init.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
  });
}

function stubFetch(handler: Handler): void {
  window.fetch = ((input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, init });
    return handler(url, init);
  }) as typeof fetch;
}

function setWebdriver(value: boolean): void {
  Object.defineProperty(navigator, 'webdriver', { configurable: true, get: () => value });
}

/** A fresh endpoint per test, so session flags and caches of other tests do not apply. */
function freshEndpoint(): string {
  endpointSeq += 1;
  return `https://counter.example/t${endpointSeq}-${Date.now()}`;
}

function text(el: VisitorCounterElement): string {
  return el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();
}

function part(el: VisitorCounterElement, name: string): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
}

async function settled(el: VisitorCounterElement, state: string): Promise<void> {
  await waitUntil(() => el.getAttribute('state') === state, `state stays ${el.getAttribute('state')}, expected ${state}`);
  await el.updateComplete;
}

function body(call: Call): unknown {
  return JSON.parse(String(call.init.body));
}

describe('visitor-counter', () => {
  beforeEach(() => {
    calls = [];
    warnings = [];
    events = [];
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    setWebdriver(false);
    document.addEventListener('visitor-counter-updated', onUpdated);
  });

  afterEach(() => {
    window.fetch = realFetch;
    console.warn = realWarn;
    setWebdriver(true);
    document.removeEventListener('visitor-counter-updated', onUpdated);
  });

  it('counts a visit and shows 您是第 1,234,567 位访客, with no cookies', async () => {
    const endpoint = freshEndpoint();
    stubFetch(() => json({ site: 'fs', visits: 1234567 }));
    const cookies = document.cookie;
    const el = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs"></visitor-counter>`);
    await settled(el, 'counted');
    expect(text(el)).to.equal('您是第 1,234,567 位访客');
    expect(part(el, 'number')[0]!.textContent).to.equal('1,234,567');
    expect(calls).to.have.length(1);
    expect(calls[0]!.url).to.equal(`${endpoint}/api/v1/hits`);
    expect(calls[0]!.init.method).to.equal('POST');
    expect(calls[0]!.init.credentials).to.equal('omit');
    expect(calls[0]!.init.keepalive).to.equal(false);
    expect(body(calls[0]!)).to.deep.equal({ site: 'fs', kind: 'visit' });
    expect(events).to.deep.equal([{ count: 1234567, kind: 'visits', counted: true }]);
    expect(el.hasAttribute('aria-hidden')).to.equal(false);
    expect(document.cookie).to.equal(cookies);
    expect(warnings).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('sends nothing before the first paint, and the page goes on while the request is pending', async () => {
    const endpoint = freshEndpoint();
    let answer!: () => void;
    stubFetch(() => new Promise<Response>((resolve) => (answer = () => resolve(new Response('{"site":"fs","visits":5}', { status: 200 })))));
    const el = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs"></visitor-counter>`);
    expect(calls).to.have.length(0);
    await waitUntil(() => calls.length === 1);
    // The request is pending; the page's own script still runs and paints.
    const painted = await new Promise<boolean>((resolve) => requestAnimationFrame(() => resolve(true)));
    expect(painted).to.equal(true);
    expect(el.getAttribute('state')).to.equal('loading');
    answer();
    await settled(el, 'counted');
  });

  it('stores nothing but numbers: no identifier in localStorage or sessionStorage', async () => {
    const snapshot = (area: Storage) => new Map(Object.keys(area).map((k) => [k, area.getItem(k)]));
    const local = snapshot(localStorage);
    const session = snapshot(sessionStorage);
    const endpoint = freshEndpoint();
    stubFetch((_url, init) =>
      String(init.body).includes('page-view') ? json({ site: 'fs', visits: 31, page: '/p', pageViews: 8 }) : json({ site: 'fs', visits: 31 }),
    );
    const visit = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs"></visitor-counter>`);
    const view = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs" kind="page-views" page="/p"></visitor-counter>`);
    await settled(visit, 'counted');
    await settled(view, 'total');
    const added = [
      ...[...snapshot(localStorage)].filter(([k, v]) => local.get(k) !== v),
      ...[...snapshot(sessionStorage)].filter(([k, v]) => session.get(k) !== v),
    ];
    expect(added.length).to.be.greaterThan(0);
    for (const [key, value] of added) {
      // A number, or a number and the time of the visit's last page load.
      expect(value, key).to.match(/^\d{1,16}(\|\d{1,16})?$/);
      expect(key).to.include(endpoint);
    }
    expect(document.cookie).not.to.include(endpoint);
  });

  it('counts a visit once per visit: a reload shows the same number without a request', async () => {
    const endpoint = freshEndpoint();
    stubFetch(() => json({ site: 'fs', visits: 42 }));
    const first = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs"></visitor-counter>`);
    await settled(first, 'counted');
    first.remove();
    stubFetch(() => json({ site: 'fs', visits: 99 }));
    const again = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs"></visitor-counter>`);
    await settled(again, 'counted');
    expect(text(again)).to.equal('您是第 42 位访客');
    expect(calls).to.have.length(1);
  });

  it('a visit ends after 30 minutes without a page load: the next load counts a new visit', async () => {
    const endpoint = freshEndpoint();
    const realNow = Date.now;
    let offset = 0;
    Date.now = () => realNow() + offset;
    try {
      stubFetch(() => json({ site: 'fs', visits: 42 }));
      const first = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs"></visitor-counter>`);
      await settled(first, 'counted');
      first.remove();
      // 29 minutes later: the same visit, which each load keeps alive.
      offset = 29 * 60_000;
      const same = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs"></visitor-counter>`);
      await settled(same, 'counted');
      expect(text(same)).to.equal('您是第 42 位访客');
      same.remove();
      offset += 29 * 60_000;
      const still = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs"></visitor-counter>`);
      await settled(still, 'counted');
      still.remove();
      expect(calls).to.have.length(1);
      // 31 minutes without a load: a new visit.
      offset += 31 * 60_000;
      stubFetch(() => json({ site: 'fs', visits: 57 }));
      const next = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs"></visitor-counter>`);
      await waitUntil(() => text(next) === '您是第 57 位访客');
      expect(calls.map((c) => c.init.method)).to.deep.equal(['POST', 'POST']);
    } finally {
      Date.now = realNow;
    }
  });

  it('forgets the visits that ended: their entries leave localStorage', async () => {
    const old = freshEndpoint();
    const ended = `court-widgets:${location.host}:visitor-counter-visit:${old}|fs|page:/art/old.html`;
    const going = `court-widgets:${location.host}:visitor-counter-visit:${old}|fs|page:/art/new.html`;
    localStorage.setItem(ended, `1|${Date.now() - 31 * 60_000}`);
    localStorage.setItem(going, `1|${Date.now() - 60_000}`);
    stubFetch(() => json({ site: 'fs', visits: 3 }));
    const el = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${freshEndpoint()} site="fs"></visitor-counter>`);
    await settled(el, 'counted');
    expect(localStorage.getItem(ended)).to.equal(null);
    expect(localStorage.getItem(going)).to.match(/^1\|\d+$/);
    localStorage.removeItem(going);
  });

  it('counts an article view once per visit per page and shows 浏览次数', async () => {
    const endpoint = freshEndpoint();
    stubFetch((url) =>
      url.includes('/hits') ? json({ site: 'fs', visits: 5, page: '/art/1.html', pageViews: 1234 }) : json({ site: 'fs', visits: 5, page: '/art/1.html', pageViews: 1240 }),
    );
    const el = await fixture<VisitorCounterElement>(
      html`<visitor-counter endpoint=${endpoint} site="fs" kind="page-views" page="/art/1.html?from=list#top"></visitor-counter>`,
    );
    await settled(el, 'total');
    expect(text(el)).to.equal('浏览次数 1,234');
    expect(body(calls[0]!)).to.deep.equal({ site: 'fs', kind: 'page-view', page: '/art/1.html' });
    expect(events).to.deep.equal([{ count: 1234, kind: 'page-views', counted: true }]);
    await expect(el).to.be.accessible();

    const again = await fixture<VisitorCounterElement>(
      html`<visitor-counter endpoint=${endpoint} site="fs" kind="page-views" page="/art/1.html"></visitor-counter>`,
    );
    await waitUntil(() => text(again) === '浏览次数 1,240');
    expect(calls).to.have.length(2);
    expect(calls[1]!.url).to.equal(`${endpoint}/api/v1/counts?site=fs&page=%2Fart%2F1.html`);
    expect(calls[1]!.init.method).to.equal('GET');

    const other = await fixture<VisitorCounterElement>(
      html`<visitor-counter endpoint=${endpoint} site="fs" kind="page-views" page="/art/2.html"></visitor-counter>`,
    );
    await settled(other, 'total');
    expect(calls).to.have.length(3);
    expect(body(calls[2]!)).to.deep.equal({ site: 'fs', kind: 'page-view', page: '/art/2.html' });
  });

  it('caps a long page id on whole characters, never in the middle of a percent-encoded character', async () => {
    const endpoint = freshEndpoint();
    stubFetch(() => json({ site: 'fs', visits: 5, page: '/p', pageViews: 1 }));
    const words = '新闻'.repeat(300);
    const el = await fixture<VisitorCounterElement>(
      html`<visitor-counter endpoint=${endpoint} site="fs" kind="page-views" page=${`/${encodeURIComponent(words)}/1.html`}></visitor-counter>`,
    );
    await settled(el, 'total');
    const sent = (body(calls[0]!) as { page: string }).page;
    expect(decodeURIComponent(sent)).to.equal(`/${words.slice(0, 511)}`);
    // GBK pairs are kept whole too: 新闻 in GBK is D0C2 CEC5.
    const gbk = await fixture<VisitorCounterElement>(
      html`<visitor-counter endpoint=${endpoint} site="fs" kind="page-views" page=${`/${'%D0%C2%CE%C5'.repeat(300)}`}></visitor-counter>`,
    );
    await settled(gbk, 'total');
    expect((body(calls[1]!) as { page: string }).page).to.equal(`/${'%D0%C2%CE%C5'.repeat(255)}%D0%C2`);
  });

  it('leaves a ;jsessionid=… out of the default page id', async () => {
    const endpoint = freshEndpoint();
    stubFetch(() => json({ site: 'fs', visits: 5, page: '/p', pageViews: 1 }));
    const before = location.href;
    history.replaceState(null, '', '/art/2024/1.html;jsessionid=8F3A1B2C?x=1');
    try {
      const el = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs" kind="page-views"></visitor-counter>`);
      await settled(el, 'total');
    } finally {
      history.replaceState(null, '', before);
    }
    expect(body(calls[0]!)).to.deep.equal({ site: 'fs', kind: 'page-view', page: '/art/2024/1.html' });
  });

  it('does not count automated browsers: it only reads the total', async () => {
    setWebdriver(true);
    const endpoint = freshEndpoint();
    stubFetch(() => json({ site: 'fs', visits: 1234567 }));
    const el = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs"></visitor-counter>`);
    await settled(el, 'total');
    expect(calls.map((c) => c.init.method)).to.deep.equal(['GET']);
    expect(calls[0]!.url).to.equal(`${endpoint}/api/v1/counts?site=fs`);
    expect(text(el)).to.equal('已有 1,234,567 位访客');
    expect(events).to.deep.equal([{ count: 1234567, kind: 'visits', counted: false }]);
  });

  it('no-count only reads the total', async () => {
    const endpoint = freshEndpoint();
    stubFetch(() => json({ site: 'fs', visits: 7 }));
    const el = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs" no-count></visitor-counter>`);
    await settled(el, 'total');
    expect(calls.map((c) => c.init.method)).to.deep.equal(['GET']);
    expect(text(el)).to.equal('已有 7 位访客');
  });

  it('waits for a prerendered page to be opened before counting', async () => {
    const endpoint = freshEndpoint();
    Object.defineProperty(document, 'prerendering', { configurable: true, get: () => true });
    stubFetch(() => json({ site: 'fs', visits: 3 }));
    try {
      const el = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs"></visitor-counter>`);
      // Past the first paint, where a request would otherwise start.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)));
      expect(calls).to.have.length(0);
      expect(el.getAttribute('state')).to.equal('loading');
      Object.defineProperty(document, 'prerendering', { configurable: true, get: () => false });
      document.dispatchEvent(new Event('prerenderingchange'));
      await settled(el, 'counted');
      expect(calls).to.have.length(1);
    } finally {
      delete (document as { prerendering?: boolean }).prerendering;
    }
  });

  it('reserves its space and shows nothing while loading', async () => {
    const endpoint = freshEndpoint();
    let answer!: () => void;
    stubFetch(() => new Promise<Response>((resolve) => (answer = () => resolve(new Response('{"site":"fs","visits":12}', { status: 200 })))));
    const el = await fixture<VisitorCounterElement>(html`<p>访问统计:<visitor-counter endpoint=${endpoint} site="fs"></visitor-counter></p>`)
      .then((p) => p.querySelector('visitor-counter')!);
    await waitUntil(() => calls.length === 1);
    expect(el.getAttribute('state')).to.equal('loading');
    expect(text(el)).to.equal('');
    expect(el.getAttribute('aria-hidden')).to.equal('true');
    const box = el.getBoundingClientRect();
    expect(box.width).to.be.greaterThan(0);
    expect(box.height).to.be.greaterThan(0);
    await expect(el.parentElement!).to.be.accessible();
    answer();
    await settled(el, 'counted');
    expect(text(el)).to.equal('您是第 12 位访客');
  });

  it('on timeout hides the sentence, never showing 您是第位访客', async () => {
    const endpoint = freshEndpoint();
    stubFetch(hang);
    const el = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs" timeout="50"></visitor-counter>`);
    await settled(el, 'hidden');
    expect(text(el)).to.equal('');
    expect(el.shadowRoot!.textContent).not.to.include('位访客');
    expect(el.getAttribute('aria-hidden')).to.equal('true');
    expect(getComputedStyle(el).visibility).to.equal('hidden');
    expect(calls[0]!.init.signal!.aborted).to.equal(true);
    expect(warnings).to.deep.equal([`visitor-counter: no number from ${endpoint} (no answer within 50 ms)`]);
    expect(events).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  /** A visit counter loaded while the service answers with `first`, then loaded again (a reload) with `then`. */
  async function reloadAfter(first: Handler, firstState: string, then: Handler, thenState: string): Promise<[string, VisitorCounterElement]> {
    const endpoint = freshEndpoint();
    stubFetch(first);
    const el = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs" timeout="50"></visitor-counter>`);
    await settled(el, firstState);
    el.remove();
    stubFetch(then);
    const again = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs"></visitor-counter>`);
    await settled(again, thenState);
    return [endpoint, again];
  }

  it('a hit that got no answer in time is not sent again on reload: the reload only reads the total', async () => {
    // The service may well have counted it: a reload reads, it does not count again.
    const [endpoint, again] = await reloadAfter(hang, 'hidden', () => json({ site: 'fs', visits: 8 }), 'total');
    expect(text(again)).to.equal('已有 8 位访客');
    expect(calls.map((c) => c.init.method)).to.deep.equal(['POST', 'GET']);
    expect(warnings).to.deep.equal([`visitor-counter: no number from ${endpoint} (no answer within 50 ms)`]);
  });

  it('a hit the service refused (HTTP 503) is sent again on the next load', async () => {
    const refused = () => json({ error: { code: 'store-unavailable', message: 'down' } }, 503);
    const [, again] = await reloadAfter(refused, 'hidden', () => json({ site: 'fs', visits: 9 }), 'counted');
    expect(text(again)).to.equal('您是第 9 位访客');
    expect(calls.map((c) => c.init.method)).to.deep.equal(['POST', 'POST']);
  });

  it('shows the cached last number while loading and keeps it when the service fails', async () => {
    setWebdriver(true);
    const endpoint = freshEndpoint();
    stubFetch(() => json({ site: 'fs', visits: 4321 }));
    const first = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs"></visitor-counter>`);
    await settled(first, 'total');
    first.remove();

    setWebdriver(false);
    let fail!: () => void;
    stubFetch(() => new Promise<Response>((resolve) => (fail = () => resolve(new Response('down', { status: 503 })))));
    const el = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs"></visitor-counter>`);
    // Before any answer: the remembered number, worded as a total, not as this visit's number.
    expect(el.getAttribute('state')).to.equal('total');
    expect(text(el)).to.equal('已有 4,321 位访客');
    await waitUntil(() => calls.length === 2);
    fail();
    await waitUntil(() => warnings.length === 1);
    expect(warnings[0]).to.equal(`visitor-counter: no number from ${endpoint} (HTTP 503)`);
    expect(el.getAttribute('state')).to.equal('total');
    expect(text(el)).to.equal('已有 4,321 位访客');
    expect(el.hasAttribute('aria-hidden')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('hides the sentence on a network error or a malformed answer', async () => {
    const endpoint = freshEndpoint();
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const el = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs"></visitor-counter>`);
    await settled(el, 'hidden');
    const other = freshEndpoint();
    stubFetch(() => json({ site: 'fs', visits: 'many' }));
    const bad = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${other} site="fs"></visitor-counter>`);
    await settled(bad, 'hidden');
    expect(text(bad)).to.equal('');
    expect(warnings).to.deep.equal([
      `visitor-counter: no number from ${endpoint} (network error)`,
      `visitor-counter: no number from ${other} (the answer has no visits count)`,
    ]);
  });

  it('tells the webmaster when the service does not allow the origin of the page', async () => {
    const endpoint = freshEndpoint();
    stubFetch(() =>
      json({ error: { code: 'origin-not-allowed', message: `origin ${location.origin} is not allowed for site "fs"` } }, 403),
    );
    const el = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs"></visitor-counter>`);
    await settled(el, 'hidden');
    expect(warnings).to.deep.equal([
      `visitor-counter: no number from ${endpoint} (HTTP 403: this page's origin ${location.origin} is not allowed for site "fs"; add it to the site's origins on the service)`,
    ]);
    await expect(el).to.be.accessible();
  });

  it('warns before trying an http endpoint from an https page (the browser blocks it as mixed content)', async () => {
    Object.defineProperty(document, 'URL', { configurable: true, get: () => 'https://www.court.example/art/1.html' });
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    try {
      const el = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint="http://counter.court.example/counter" site="fs"></visitor-counter>`);
      await settled(el, 'hidden');
      // A loopback endpoint is allowed by browsers: no warning for it.
      const local = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint="http://127.0.0.1:9/counter" site="fs"></visitor-counter>`);
      await settled(local, 'hidden');
    } finally {
      delete (document as { URL?: string }).URL;
    }
    expect(warnings).to.deep.equal([
      'visitor-counter: endpoint "http://counter.court.example/counter" is http on an https page; browsers block it as mixed content: use an https endpoint',
      'visitor-counter: no number from http://counter.court.example/counter (network error)',
      'visitor-counter: no number from http://127.0.0.1:9/counter (network error)',
    ]);
  });

  it('counts at most once per page load when storage is blocked', async () => {
    const endpoint = freshEndpoint();
    const proto = Storage.prototype;
    const { getItem, setItem } = proto;
    proto.getItem = () => {
      throw new DOMException('blocked', 'SecurityError');
    };
    proto.setItem = () => {
      throw new DOMException('blocked', 'SecurityError');
    };
    try {
      stubFetch(() => json({ site: 'fs', visits: 77 }));
      const a = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs"></visitor-counter>`);
      const b = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs"></visitor-counter>`);
      await settled(a, 'counted');
      await settled(b, 'counted');
      expect(calls.filter((c) => c.init.method === 'POST')).to.have.length(1);
      expect(text(a)).to.equal('您是第 77 位访客');
      expect(text(b)).to.equal('您是第 77 位访客');
    } finally {
      proto.getItem = getItem;
      proto.setItem = setItem;
    }
  });

  it('draws each digit in its own box with the digits attribute', async () => {
    const endpoint = freshEndpoint();
    stubFetch(() => json({ site: 'fs', visits: 1234567 }));
    const el = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${endpoint} site="fs" digits></visitor-counter>`);
    await settled(el, 'counted');
    expect(part(el, 'digit').map((d) => d.textContent)).to.deep.equal(['1', '2', '3', '4', '5', '6', '7']);
    expect(part(el, 'separator').map((d) => d.textContent)).to.deep.equal([',', ',']);
    expect(el.shadowRoot!.querySelector('.visually-hidden')!.textContent).to.equal('1,234,567');
    await expect(el).to.be.accessible();
  });

  it('has a reflected `care` property (关怀模式): black text and a dark red number on white, its own look back when off', async () => {
    stubFetch(() => json({ site: 'fs', visits: 1234567 }));
    const el = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${freshEndpoint()} site="fs"></visitor-counter>`);
    await settled(el, 'counted');
    const number = part(el, 'number')[0]!;
    const normal = [getComputedStyle(el).color, getComputedStyle(number).color];
    expect(el.care).to.equal(false);
    el.setAttribute('care', '');
    await el.updateComplete;
    expect(el.care).to.equal(true);
    expect([getComputedStyle(el).color, getComputedStyle(number).color, getComputedStyle(el).backgroundColor]).to.deep.equal([
      'rgb(0, 0, 0)',
      'rgb(140, 10, 14)',
      'rgb(255, 255, 255)',
    ]);
    await expect(el).to.be.accessible();
    el.care = false;
    await el.updateComplete;
    expect(el.hasAttribute('care')).to.equal(false);
    expect([getComputedStyle(el).color, getComputedStyle(number).color]).to.deep.equal(normal);
  });

  it('hides itself and names the attribute at fault for bad attributes', async () => {
    stubFetch(() => json({ site: 'fs', visits: 1 }));
    const noSite = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint=${freshEndpoint()}></visitor-counter>`);
    await settled(noSite, 'hidden');
    const script = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint="javascript:alert(1)" site="fs"></visitor-counter>`);
    await settled(script, 'hidden');
    const kind = await fixture<VisitorCounterElement>(html`<visitor-counter endpoint="/c" site="fs" kind="likes"></visitor-counter>`);
    await settled(kind, 'hidden');
    expect(calls).to.have.length(0);
    expect(warnings).to.deep.equal([
      'visitor-counter: the site attribute is missing; the counter is hidden',
      'visitor-counter: endpoint "javascript:alert(1)" must be an http, https or relative URL; the counter is hidden',
      'visitor-counter: kind "likes" must be visits or page-views; the counter is hidden',
    ]);
    await expect(noSite).to.be.accessible();
  });
});
