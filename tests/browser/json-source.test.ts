import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import '../../src/define/court-article.js';
import '../../src/define/court-footer.js';
import { JsonSource } from '../../src/internal/json-source.js';
import type { JsonSourceFailure } from '../../src/internal/json-source.js';
import { loadFailureText, moreProblemsText, problemText } from '../../src/internal/problem-text.js';
import { LIMITS } from '../../src/model/limits.js';
import type { ParseResult, Problem } from '../../src/model/types.js';

interface Doc {
  name: string;
}

let parseCalls = 0;

/** A small parser of its own: the controller is generic over what it validates. */
function parseDoc(input: unknown): ParseResult<Doc> {
  parseCalls++;
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch {
      return { ok: false, problems: [{ path: '', code: 'json', message: 'not JSON' }], warnings: [] };
    }
  }
  const name = value && typeof value === 'object' ? (value as { name?: unknown }).name : undefined;
  if (typeof name === 'string') return { ok: true, value: { name }, warnings: [] };
  return { ok: false, problems: [{ path: 'name', code: 'missing', message: 'name: missing' }], warnings: [] };
}

class JsonSourceProbe extends LitElement {
  static override properties = { src: { attribute: 'src' }, data: { attribute: false } };
  static timeout = 20_000;
  src = '';
  data: unknown = undefined;
  loaded: Doc[] = [];
  failed: JsonSourceFailure[] = [];
  source = new JsonSource<Doc>(this, parseDoc, {
    timeout: JsonSourceProbe.timeout,
    onLoaded: (value) => this.loaded.push(value),
    onFailed: (failure) => this.failed.push(failure),
  });

  protected override willUpdate(): void {
    this.source.setValue(this.data);
    this.source.setSrc(this.src);
  }

  protected override render() {
    return html`<output>${this.source.status}:${this.source.value?.name ?? ''}</output>`;
  }
}
customElements.define('json-source-probe', JsonSourceProbe);

const realFetch = window.fetch.bind(window);

afterEach(() => {
  window.fetch = realFetch;
  JsonSourceProbe.timeout = 20_000;
});

type Call = { url: string; init: RequestInit };

function stubFetch(impl: (call: Call) => Promise<Response>): Call[] {
  const calls: Call[] = [];
  window.fetch = ((input: RequestInfo | URL, init: RequestInit = {}) => {
    const call = { url: String(input), init };
    calls.push(call);
    return impl(call);
  }) as typeof window.fetch;
  return calls;
}

/** A fetch that answers only when told to, and rejects like the browser when aborted. */
function pendingFetch(): { calls: Call[]; answer: (index: number, response: Response) => void } {
  const resolvers: ((response: Response) => void)[] = [];
  const calls = stubFetch(
    ({ init }) =>
      new Promise<Response>((resolve, reject) => {
        resolvers.push(resolve);
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      }),
  );
  return { calls, answer: (index, response) => resolvers[index]!(response) };
}

function json(value: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(value), { status: 200, headers: { 'content-type': 'application/json' }, ...init });
}

function shown(el: JsonSourceProbe): string {
  return el.shadowRoot!.querySelector('output')!.textContent!;
}

async function until(el: JsonSourceProbe, status: string): Promise<void> {
  await waitUntil(() => el.source.status === status, `status never became ${status} (is ${el.source.status})`);
  await el.updateComplete;
}

describe('JsonSource', () => {
  it('takes a value set by code first, then the inline child, then the URL', async () => {
    const calls = stubFetch(() => Promise.resolve(json({ name: 'from src' })));
    const el = await fixture<JsonSourceProbe>(
      `<json-source-probe src="/data.json"><script type="application/json">{"name":"from inline"}</script></json-source-probe>`,
    );
    expect(shown(el)).to.equal('loaded:from inline');
    expect(el.source.origin).to.equal('inline');
    expect(calls).to.have.length(0);

    el.data = { name: 'from code' };
    await el.updateComplete;
    expect(shown(el)).to.equal('loaded:from code');
    expect(el.source.origin).to.equal('property');

    el.data = undefined;
    await el.updateComplete;
    expect(shown(el)).to.equal('loaded:from inline');

    el.querySelector('script')!.remove();
    await until(el, 'loaded');
    await waitUntil(() => el.source.origin === 'src');
    await el.updateComplete;
    expect(shown(el)).to.equal('loaded:from src');
    expect(calls).to.have.length(1);
    expect(el.loaded.map((d) => d.name)).to.deep.equal(['from inline', 'from code', 'from inline', 'from src']);
  });

  it('re-reads the inline child only when its text changes', async () => {
    const el = await fixture<JsonSourceProbe>(
      `<json-source-probe><script type="application/json">{"name":"one"}</script><p>旧版内容</p></json-source-probe>`,
    );
    expect(shown(el)).to.equal('loaded:one');
    const before = parseCalls;
    el.querySelector('p')!.textContent = '改动了旧版内容';
    el.appendChild(document.createElement('span'));
    await new Promise((resolve) => setTimeout(resolve));
    await el.updateComplete;
    expect(parseCalls).to.equal(before);

    el.querySelector('script')!.textContent = '{"name":"two"}';
    await waitUntil(() => shown(el) === 'loaded:two', 'the new inline text was not read');
    expect(parseCalls).to.equal(before + 1);
  });

  it('waits for the page to be parsed before judging an incomplete inline child', async () => {
    // As when the element is defined by a classic script in <head> and the HTML parser is
    // still writing the JSON text into the script element.
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'loading' });
    try {
      const el = await fixture<JsonSourceProbe>(
        `<json-source-probe><script type="application/json">{"name": "half</script></json-source-probe>`,
      );
      expect(shown(el)).to.equal('idle:');
      expect(el.failed).to.deep.equal([]);
      el.querySelector('script')!.textContent = '{"name": "whole"}';
      await waitUntil(() => shown(el) === 'loaded:whole', 'the completed inline text was not read');
      expect(el.failed).to.deep.equal([]);

      const broken = await fixture<JsonSourceProbe>(
        `<json-source-probe><script type="application/json">{"name": </script></json-source-probe>`,
      );
      expect(shown(broken)).to.equal('idle:');
      delete (document as { readyState?: unknown }).readyState;
      document.dispatchEvent(new Event('DOMContentLoaded'));
      await waitUntil(() => shown(broken) === 'error:', 'the broken inline text was not reported');
      expect(broken.failed).to.have.length(1);
    } finally {
      delete (document as { readyState?: unknown }).readyState;
    }
    expect(document.readyState).to.equal('complete');
  });

  it('fetches same-origin with an abort signal and reports loading', async () => {
    const { calls, answer } = pendingFetch();
    const el = await fixture<JsonSourceProbe>(html`<json-source-probe src="/doc.json"></json-source-probe>`);
    expect(shown(el)).to.equal('loading:');
    expect(calls).to.have.length(1);
    expect(calls[0]!.url).to.equal('/doc.json');
    expect(calls[0]!.init.credentials).to.equal('same-origin');
    expect(calls[0]!.init.signal).to.be.instanceOf(AbortSignal);
    answer(0, json({ name: 'doc' }));
    await until(el, 'loaded');
    expect(shown(el)).to.equal('loaded:doc');
  });

  it('cancels the request when src changes and ignores its late answer', async () => {
    const { calls, answer } = pendingFetch();
    const el = await fixture<JsonSourceProbe>(html`<json-source-probe src="/first.json"></json-source-probe>`);
    el.src = '/second.json';
    await el.updateComplete;
    expect(calls.map((c) => c.url)).to.deep.equal(['/first.json', '/second.json']);
    expect(calls[0]!.init.signal!.aborted).to.equal(true);
    expect(calls[1]!.init.signal!.aborted).to.equal(false);
    answer(1, json({ name: 'second' }));
    await until(el, 'loaded');
    expect(shown(el)).to.equal('loaded:second');
    expect(el.failed).to.deep.equal([]);
  });

  it('cancels on disconnect and loads again on reconnect', async () => {
    const { calls, answer } = pendingFetch();
    const el = await fixture<JsonSourceProbe>(html`<json-source-probe src="/doc.json"></json-source-probe>`);
    const parent = el.parentElement!;
    el.remove();
    expect(calls[0]!.init.signal!.aborted).to.equal(true);
    parent.appendChild(el);
    await el.updateComplete;
    expect(calls).to.have.length(2);
    answer(1, json({ name: 'again' }));
    await until(el, 'loaded');
    expect(shown(el)).to.equal('loaded:again');
    expect(el.failed).to.deep.equal([]);
  });

  it('reports the URL and status of an HTTP error, and retry() loads again', async () => {
    let attempt = 0;
    stubFetch(() => Promise.resolve(++attempt === 1 ? new Response('oops', { status: 503 }) : json({ name: 'back' })));
    const el = await fixture<JsonSourceProbe>(html`<json-source-probe src="/flaky.json"></json-source-probe>`);
    await until(el, 'error');
    expect(el.source.failure).to.deep.equal({ kind: 'load', url: '/flaky.json', reason: 'http', status: 503 });
    expect(el.failed).to.have.length(1);
    el.source.retry();
    await until(el, 'loaded');
    expect(shown(el)).to.equal('loaded:back');
    expect(attempt).to.equal(2);
  });

  it('reports a network error', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const el = await fixture<JsonSourceProbe>(html`<json-source-probe src="/down.json"></json-source-probe>`);
    await until(el, 'error');
    expect(el.source.failure).to.deep.equal({ kind: 'load', url: '/down.json', reason: 'network' });
  });

  it('gives up after the timeout', async () => {
    JsonSourceProbe.timeout = 30;
    const { calls } = pendingFetch();
    const el = await fixture<JsonSourceProbe>(html`<json-source-probe src="/never.json"></json-source-probe>`);
    await until(el, 'error');
    expect(el.source.failure).to.deep.equal({ kind: 'load', url: '/never.json', reason: 'timeout' });
    expect(calls[0]!.init.signal!.aborted).to.equal(true);
  });

  it('refuses a response whose declared size is over the limit without parsing it', async () => {
    const before = parseCalls;
    stubFetch(() =>
      Promise.resolve(new Response('{"name":"x"}', { status: 200, headers: { 'content-length': String(LIMITS.maxJsonLength * 3 + 1) } })),
    );
    const el = await fixture<JsonSourceProbe>(html`<json-source-probe src="/huge.json"></json-source-probe>`);
    await until(el, 'error');
    const failure = el.source.failure as Extract<JsonSourceFailure, { kind: 'invalid' }>;
    expect(failure.kind).to.equal('invalid');
    expect(failure.problems[0]!.code).to.equal('limit');
    expect(failure.problems[0]!.limit).to.equal(LIMITS.maxJsonLength);
    expect(parseCalls).to.equal(before);
  });

  it('stops reading a streamed response once it passes the limit', async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    let pulled = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    });
    stubFetch(() => Promise.resolve(new Response(body, { status: 200 })));
    const el = await fixture<JsonSourceProbe>(html`<json-source-probe src="/endless.json"></json-source-probe>`);
    await until(el, 'error');
    const failure = el.source.failure as Extract<JsonSourceFailure, { kind: 'invalid' }>;
    expect(failure.problems[0]!.code).to.equal('limit');
    expect(cancelled).to.equal(true);
    expect(pulled).to.be.at.most(LIMITS.maxJsonLength * 3 + 4 * chunk.byteLength);
  });

  it('passes invalid data to the parser and reports its problems once', async () => {
    stubFetch(() => Promise.resolve(new Response('{"name": ', { status: 200 })));
    const el = await fixture<JsonSourceProbe>(html`<json-source-probe src="/broken.json"></json-source-probe>`);
    await until(el, 'error');
    expect(el.source.failure).to.deep.equal({
      kind: 'invalid',
      origin: 'src',
      problems: [{ path: '', code: 'json', message: 'not JSON' }],
    });
    el.requestUpdate();
    await el.updateComplete;
    expect(el.failed).to.have.length(1);
  });

  it('goes back to idle when every source is removed', async () => {
    const el = await fixture<JsonSourceProbe>(html`<json-source-probe></json-source-probe>`);
    expect(shown(el)).to.equal('idle:');
    el.data = { name: 'x' };
    await el.updateComplete;
    expect(shown(el)).to.equal('loaded:x');
    el.data = undefined;
    await el.updateComplete;
    expect(shown(el)).to.equal('idle:');
  });
});

describe('problem text', () => {
  const problem = (p: Partial<Problem> & Pick<Problem, 'code'>): Problem => ({ path: 'title', message: '', ...p });

  it('names the field at fault in a short sentence', () => {
    expect(problemText(problem({ code: 'missing' }))).to.equal('文章数据有误:缺少 title');
    expect(problemText(problem({ code: 'missing', path: 'name' }), 'site')).to.equal('网站数据有误:缺少 name');
    expect(problemText(problem({ code: 'type', path: 'body', expected: 'array' }))).to.equal('文章数据有误:body 应为数组');
    expect(problemText(problem({ code: 'version', path: 'version' }))).to.contain('version');
    expect(problemText(problem({ code: 'url', path: 'body[3].src' }))).to.contain('body[3].src');
    expect(problemText(problem({ code: 'date', path: 'publishedAt' }))).to.contain('publishedAt');
    expect(problemText(problem({ code: 'value', path: 'body[2].level' }))).to.contain('body[2].level');
    expect(problemText(problem({ code: 'limit', path: 'body', limit: 2000 }))).to.equal('文章数据有误:body 超过上限(2000)');
    expect(problemText(problem({ code: 'json', path: '' }))).to.equal('文章数据有误:不是有效的 JSON');
    expect(problemText(problem({ code: 'unknown-block', path: 'body[1].type' }))).to.contain('body[1].type');
    expect(moreProblemsText(2)).to.contain('2');
  });

  it('names the URL and the reason of a failed request', () => {
    expect(loadFailureText({ url: '/a.json', reason: 'http', status: 404 })).to.equal('无法加载文章数据:/a.json(HTTP 404)');
    expect(loadFailureText({ url: '/s.json', reason: 'http', status: 500 }, 'site')).to.equal('无法加载网站数据:/s.json(HTTP 500)');
    expect(loadFailureText({ url: '/a.json', reason: 'network' })).to.equal('无法加载文章数据:/a.json(网络错误)');
    expect(loadFailureText({ url: '/a.json', reason: 'timeout' })).to.equal('无法加载文章数据:/a.json(超时)');
  });
});

/** The elements that read JSON through the same source, with data each one accepts. */
const READERS = [
  {
    tag: 'court-article',
    data: { version: 1, title: '内联文章标题', publishedAt: '2024-03-01T09:00:00+08:00', body: [{ type: 'paragraph', text: '正文。' }] },
    other: { version: 1, title: '第二份数据', publishedAt: '2024-03-01T09:00:00+08:00', body: [] },
    shownText: '内联文章标题',
    lead: '文章数据',
  },
  {
    tag: 'court-footer',
    data: { version: 1, name: '内联数据法院' },
    other: { version: 1, name: '第二份数据法院' },
    shownText: '内联数据法院',
    lead: '网站数据',
  },
] as const;

/** Records console.warn and console.error (silenced) for the duration of `fn`. */
async function watchingConsole<T>(fn: () => Promise<T>): Promise<{ result: T; warnings: unknown[][]; errors: unknown[][] }> {
  const { warn, error } = console;
  const warnings: unknown[][] = [];
  const errors: unknown[][] = [];
  console.warn = (...args: unknown[]) => void warnings.push(args);
  console.error = (...args: unknown[]) => void errors.push(args);
  try {
    return { result: await fn(), warnings, errors };
  } finally {
    console.warn = warn;
    console.error = error;
  }
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function errorBox(el: Element): HTMLElement | null {
  return el.shadowRoot?.querySelector<HTMLElement>('[part~="error"]') ?? null;
}

async function shownError(el: Element): Promise<HTMLElement> {
  await waitUntil(() => errorBox(el), 'no error was shown');
  await (el as LitElement).updateComplete;
  return errorBox(el)!;
}

/** The strings of a console call, including those inside plain objects and arrays it logged. */
function joined(args: unknown[]): string {
  const strings: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && Object.getPrototypeOf(value) === Object.prototype) Object.values(value).forEach(visit);
  };
  args.forEach(visit);
  return strings.join(' ');
}

describe('the src address of court-article and court-footer', () => {
  const REFUSED = [
    'javascript:alert(1)',
    ' JaVa\tScRiPt:alert(1)',
    'file:///etc/passwd',
    'data:application/json,{"version":1}',
    'mailto:xuanjiao@court.example.cn',
    'tel:12368',
    'vbscript:msgbox(1)',
    'ftp://court.example.cn/site.json',
  ];

  for (const reader of READERS) {
    it(`<${reader.tag}> refuses a src that is not http, https or relative before any request, naming src`, async () => {
      const calls = stubFetch(() => Promise.resolve(json(reader.data)));
      for (const url of REFUSED) {
        const { result: el, warnings, errors } = await watchingConsole(async () => {
          const el = await fixture<LitElement>(`<${reader.tag} src="${attr(url)}"><p class="old">旧版内容</p></${reader.tag}>`);
          await shownError(el);
          return el;
        });
        const text = errorBox(el)!.textContent!.replace(/\s+/g, ' ').trim();
        expect(text, url).to.contain('src');
        expect(text, url).to.contain(url.trim().replace(/\s+/g, ' ').slice(0, 12));
        expect(text, url).to.contain('只能是 http、https 或相对地址');
        expect(text, url).not.to.contain('网络错误');
        expect(text, url).to.match(new RegExp(`^${reader.lead}地址`));
        expect(el.shadowRoot!.querySelector('button'), `${url}: nothing to retry`).to.equal(null);
        expect(el.querySelector('.old'), url).to.exist;
        expect(errors, url).to.deep.equal([]);
        expect(warnings, url).to.have.length(1);
        expect(joined(warnings[0]!), url).to.contain(url.trim());
        await expect(el).to.be.accessible();
      }
      expect(calls.map((c) => c.url)).to.deep.equal([]);
    });

    it(`<${reader.tag}> still fetches http, https, relative and blob: addresses`, async () => {
      const calls = stubFetch(() => Promise.resolve(json(reader.data)));
      const blob = URL.createObjectURL(new Blob(['{}'], { type: 'application/json' }));
      const urls = ['/data/site.json', 'data/x.json', '//127.0.0.1/x.json', 'HTTPS://127.0.0.1/x.json', 'http://127.0.0.1/x.json', blob];
      for (const url of urls) {
        const el = await fixture<LitElement>(`<${reader.tag} src="${attr(url)}"></${reader.tag}>`);
        await waitUntil(() => el.shadowRoot!.textContent!.includes(reader.shownText), `${url} was not loaded`);
      }
      URL.revokeObjectURL(blob);
      expect(calls.map((c) => c.url)).to.deep.equal(urls);
    });

    it(`<${reader.tag}> shows a long src shortened, keeps it whole in the console, and the error box fits`, async () => {
      stubFetch(() => Promise.resolve(new Response('gone', { status: 404 })));
      const long = `/dyn/status?code=404&x=${'a'.repeat(3000)}&end=tail`;
      for (const url of [long, `javascript:${'b'.repeat(3000)}`]) {
        const { result: box, warnings } = await watchingConsole(async () => {
          const wrapper = await fixture<HTMLDivElement>(
            `<div style="width: 500px"><${reader.tag} src="${attr(url)}"></${reader.tag}></div>`,
          );
          return shownError(wrapper.firstElementChild!);
        });
        const text = box.textContent!;
        expect(text).not.to.contain(url);
        expect(text).to.contain(url.slice(0, 20));
        expect(text).to.contain(url.slice(-4));
        expect(text).to.contain('…');
        expect(text.length).to.be.below(200);
        expect(box.getBoundingClientRect().height).to.be.below(250);
        expect(box.scrollWidth).to.be.at.most(box.clientWidth);
        if (reader.tag === 'court-footer' || url.startsWith('javascript:')) {
          expect(warnings.some((w) => joined(w).includes(url)), 'the whole URL is in the console').to.equal(true);
        }
      }
    });

    it(`<${reader.tag}> translates the refusal of src`, async () => {
      const { warnings } = await watchingConsole(async () => {
        const en = await fixture<LitElement>(`<${reader.tag} lang="en" src="javascript:alert(1)"></${reader.tag}>`);
        await waitUntil(() => errorBox(en)?.textContent?.includes('src attribute'), 'no English text');
        expect(errorBox(en)!.textContent).to.contain('javascript:alert(1)');
        const ug = await fixture<LitElement>(`<${reader.tag} lang="ug" src="javascript:alert(1)"></${reader.tag}>`);
        await waitUntil(() => /\p{Script=Arabic}/u.test(errorBox(ug)?.textContent ?? ''), 'no Uyghur text');
        expect(errorBox(ug)!.textContent).to.contain('src');
        expect(errorBox(ug)!.textContent).to.contain('javascript:alert(1)');
        const hant = await fixture<LitElement>(`<${reader.tag} lang="zh-Hant" src="javascript:alert(1)"></${reader.tag}>`);
        await waitUntil(() => /址/.test(errorBox(hant)?.textContent ?? '') && /資料/.test(errorBox(hant)!.textContent!), 'no zh-Hant text');
        expect(errorBox(hant)!.textContent).to.contain('src');
      });
      expect(warnings).to.have.length(3);
    });
  }
});

describe('where the elements look for inline JSON', () => {
  for (const reader of READERS) {
    const json1 = JSON.stringify(reader.data);
    const json2 = JSON.stringify(reader.other);

    it(`<${reader.tag}> reads a JSON script whose type has parameters`, async () => {
      for (const type of ['application/json; charset=utf-8', 'Application/JSON;charset=UTF-8', ' application/json ']) {
        const { result: el, warnings } = await watchingConsole(() =>
          fixture<LitElement>(`<${reader.tag}><script type="${type}">${json1}</script></${reader.tag}>`),
        );
        await waitUntil(() => el.shadowRoot!.textContent!.includes(reader.shownText), `type="${type}" was not read`);
        expect(warnings, type).to.deep.equal([]);
      }
      for (const type of ['application/ld+json', 'application/jsonp', 'text/json']) {
        const el = await fixture<LitElement>(`<${reader.tag}><script type="${type}">${json1}</script><p class="old">旧版</p></${reader.tag}>`);
        await el.updateComplete;
        expect(el.shadowRoot!.textContent, type).not.to.contain(reader.shownText);
      }
    });

    it(`<${reader.tag}> warns once about a JSON script that is not a direct child, and keeps the fallback`, async () => {
      const { result: el, warnings } = await watchingConsole(async () => {
        const el = await fixture<LitElement>(
          `<${reader.tag}><div><script type="application/json">${json1}</script></div><p class="old">旧版内容</p></${reader.tag}>`,
        );
        el.querySelector('.old')!.append('(更新)');
        el.append(document.createElement('span'));
        await new Promise((resolve) => setTimeout(resolve));
        await el.updateComplete;
        return el;
      });
      expect(el.shadowRoot!.textContent).not.to.contain(reader.shownText);
      expect(el.shadowRoot!.querySelector('slot')).to.exist;
      expect(warnings).to.have.length(1);
      const text = joined(warnings[0]!);
      expect(text).to.contain(`<${reader.tag}>`);
      expect(text).to.contain('direct child <script type="application/json">');
      expect(text).to.match(/no direct child/i);
    });

    it(`<${reader.tag}> reads the first of several JSON children and warns once which one it used`, async () => {
      const { result: el, warnings } = await watchingConsole(async () => {
        const el = await fixture<LitElement>(
          `<${reader.tag}><script type="application/json">${json1}</script><script type="application/json">${json2}</script></${reader.tag}>`,
        );
        await waitUntil(() => el.shadowRoot!.textContent!.includes(reader.shownText), 'the first script was not read');
        el.append(document.createElement('span'));
        await new Promise((resolve) => setTimeout(resolve));
        return el;
      });
      expect(el.shadowRoot!.textContent).not.to.contain(reader.data === READERS[0].data ? '第二份数据' : '第二份数据法院');
      expect(warnings).to.have.length(1);
      const text = joined(warnings[0]!);
      expect(text).to.contain('2 <script type="application/json"> children');
      expect(text).to.contain('the first');
      expect(text).to.contain('direct child <script type="application/json">');
    });

    it(`<${reader.tag}> does not warn about one direct JSON child or a script that belongs to another element`, async () => {
      const { warnings } = await watchingConsole(async () => {
        const el = await fixture<LitElement>(
          `<${reader.tag}><script type="application/json">${json1}</script><other-widget><script type="application/json">{}</script><div><script type="application/json">{}</script></div></other-widget></${reader.tag}>`,
        );
        await waitUntil(() => el.shadowRoot!.textContent!.includes(reader.shownText));
      });
      expect(warnings).to.deep.equal([]);
    });
  }
});

describe('shortened addresses in messages', () => {
  it('keeps a short URL whole and shortens a long one to its start and end', () => {
    const short = 'https://court.example.cn/news/2024/0228-001.json';
    expect(loadFailureText({ url: short, reason: 'network' })).to.equal(`无法加载文章数据:${short}(网络错误)`);
    const long = `https://court.example.cn/dyn/status?code=404&x=${'a'.repeat(3000)}&end=tail`;
    const text = loadFailureText({ url: long, reason: 'http', status: 404 }, 'site');
    expect(text.length).to.be.below(120);
    expect(text.startsWith('无法加载网站数据:https://court.example.cn/dyn/'), text).to.equal(true);
    expect(text.endsWith('&end=tail(HTTP 404)'), text).to.equal(true);
    expect(text).to.contain(' … ');
  });

  it('never cuts a character in two', () => {
    const url = `/新闻/${'𠀀'.repeat(200)}.json`;
    const text = loadFailureText({ url, reason: 'network' });
    expect(text).not.to.match(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(text).to.contain('…');
  });
});
