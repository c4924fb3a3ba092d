// The counter service over real HTTP on an ephemeral port, against real stores.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, createServer } from 'node:net';
import { Writable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { pino } from 'pino';
import { createCounterService, SqliteStore, type CounterService, type CounterStore, type Counts } from '../../src/server/index.js';
import { startRedis, tempDir, waitFor, type RedisServer } from './counter-helpers.js';

const SITE_ORIGIN = 'https://www.fscourt.example';
const OTHER_ORIGIN = 'https://other.example';

type Backend = 'sqlite' | 'redis';

interface Started {
  service: CounterService;
  url: string;
  logs: string[];
  store: CounterStore;
  /** The SQLite file (unused on Redis). */
  db: string;
}

let redis: RedisServer | undefined;
let redisSeq = 0;

/** One real redis-server for this file, started on first use. */
async function redisConfig(): Promise<Record<string, unknown>> {
  if (!redis) {
    const dir = tempDir();
    redis = await startRedis(dir.path);
    const started = redis;
    cleanups.unshift(async () => {
      await started.stop();
      dir.remove();
    });
  }
  redisSeq += 1;
  return { store: 'redis', redisUrl: redis.url, redisPrefix: `svc-${process.pid}-${redisSeq}:` };
}

const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function start(config: Record<string, unknown> = {}, store?: CounterStore, backend: Backend = 'sqlite'): Promise<Started> {
  const dir = tempDir();
  const db = `${dir.path}/c.sqlite`;
  const storeConfig = backend === 'redis' ? await redisConfig() : {};
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const service = createCounterService({
    config: {
      port: 0,
      db,
      ...storeConfig,
      sites: [
        { id: 'fs', origins: [SITE_ORIGIN, 'http://localhost:8080'] },
        { id: 'other', origins: [OTHER_ORIGIN] },
      ] as never,
      ...config,
    },
    logger,
    ...(store ? { store } : {}),
  });
  const url = await service.listen();
  cleanups.push(async () => {
    await service.close();
    dir.remove();
  });
  return { service, url, logs, store: service.store!, db };
}

function hit(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/api/v1/hits`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function expectError(response: Response, status: number, code: string, message?: RegExp): Promise<void> {
  assert.equal(response.status, status);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const body = (await response.json()) as { error: { code: string; message: string } };
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
  if (message) assert.match(body.error.message, message);
}

for (const backend of ['sqlite', 'redis'] as const) {
  describe(`counter service on ${backend}: counting`, () => {
    test('counts visits and answers with the new total', async () => {
      const { url } = await start({}, undefined, backend);
      let res = await hit(url, { site: 'fs', kind: 'visit' });
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { site: 'fs', visits: 1 });
      res = await hit(url, { site: 'fs', kind: 'visit' });
      assert.deepEqual(await res.json(), { site: 'fs', visits: 2 });
      res = await fetch(`${url}/api/v1/counts?site=fs`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.deepEqual(await res.json(), { site: 'fs', visits: 2 });
    });

    test('counts page views under the page id without query or fragment', async () => {
      const { url } = await start({}, undefined, backend);
      await hit(url, { site: 'fs', kind: 'page-view', page: '/art/2024/02/1.html?from=home#top' });
      const res = await hit(url, { site: 'fs', kind: 'page-view', page: 'https://www.fscourt.example/art/2024/02/1.html' });
      assert.deepEqual(await res.json(), { site: 'fs', visits: 0, page: '/art/2024/02/1.html', pageViews: 2 });
      const counts = await fetch(`${url}/api/v1/counts?site=fs&page=${encodeURIComponent('/art/2024/02/1.html')}`);
      assert.deepEqual(await counts.json(), { site: 'fs', visits: 0, page: '/art/2024/02/1.html', pageViews: 2 });
    });

    test('decodes percent-encoded page ids once', async () => {
      const { url } = await start({}, undefined, backend);
      const res = await hit(url, { site: 'fs', kind: 'page-view', page: '/%E6%96%B0%E9%97%BB/1.html' });
      assert.equal(((await res.json()) as { page: string }).page, '/新闻/1.html');
      const twice = await hit(url, { site: 'fs', kind: 'page-view', page: '/%25E6/1.html' });
      assert.equal(((await twice.json()) as { page: string }).page, '/%E6/1.html', 'decoded once, not twice');
    });

    test('an encoded query, fragment or host does not make a new page', async () => {
      const { url, store } = await start({}, undefined, backend);
      for (const page of ['/a.html', '/a.html%3Fref=1', '/a.html%23top', 'https%3A%2F%2Fevil.example%2Fa.html', '/a.html?q=%C9%F3%C5%D0']) {
        const res = await hit(url, { site: 'fs', kind: 'page-view', page });
        assert.equal(res.status, 200, page);
      }
      assert.deepEqual(
        (await store.exportRows()).filter((r) => r.page !== null),
        [{ site: 'fs', page: '/a.html', count: 5 }],
      );
    });
  });

  describe(`counter service on ${backend}: CORS`, () => {
    test('answers an allowed origin with that origin, never a wildcard or credentials', async () => {
      const { url } = await start({}, undefined, backend);
      const res = await hit(url, { site: 'fs', kind: 'visit' }, { origin: SITE_ORIGIN });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), SITE_ORIGIN);
      assert.match(res.headers.get('vary') ?? '', /Origin/);
      assert.equal(res.headers.get('access-control-allow-credentials'), null);
    });

    test('refuses an origin not configured for the site and counts nothing', async () => {
      const { url } = await start({}, undefined, backend);
      await expectError(await hit(url, { site: 'fs', kind: 'visit' }, { origin: 'https://evil.example' }), 403, 'origin-not-allowed', /evil\.example/);
      // The refusal itself may be read by that page (so the element can tell its webmaster why),
      // never with credentials; it carries no count.
      const denied = await hit(url, { site: 'fs', kind: 'visit' }, { origin: 'http://www.fscourt.example' });
      assert.equal(denied.headers.get('access-control-allow-origin'), 'http://www.fscourt.example');
      assert.equal(denied.headers.get('access-control-allow-credentials'), null);
      assert.match(denied.headers.get('vary') ?? '', /Origin/);
      assert.deepEqual(await denied.json(), {
        error: { code: 'origin-not-allowed', message: 'origin http://www.fscourt.example is not allowed for site "fs"' },
      });
      // An origin of another configured site may not count this one either.
      await expectError(await hit(url, { site: 'fs', kind: 'visit' }, { origin: OTHER_ORIGIN }), 403, 'origin-not-allowed');
      await expectError(await fetch(`${url}/api/v1/counts?site=fs`, { headers: { origin: 'https://evil.example' } }), 403, 'origin-not-allowed');
      const counts = await fetch(`${url}/api/v1/counts?site=fs`);
      assert.equal(((await counts.json()) as Counts).visits, 0);
    });

    test('answers a preflight from a configured origin', async () => {
      const { url } = await start({}, undefined, backend);
      const res = await fetch(`${url}/api/v1/hits`, {
        method: 'OPTIONS',
        headers: { origin: SITE_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      assert.equal(res.status, 204);
      assert.equal(res.headers.get('access-control-allow-origin'), SITE_ORIGIN);
      assert.equal(res.headers.get('access-control-allow-methods'), 'POST');
      assert.equal(res.headers.get('access-control-allow-headers'), 'content-type');
      // Browsers cache the answer for ten minutes, per origin and requested method.
      assert.equal(res.headers.get('access-control-max-age'), '600');
      assert.match(res.headers.get('vary') ?? '', /Origin/);
      assert.match(res.headers.get('vary') ?? '', /Access-Control-Request-Method/);
    });

    test('refuses a preflight from an unknown origin or for another method', async () => {
      const { url, store } = await start({}, undefined, backend);
      const res = await fetch(`${url}/api/v1/hits`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      await expectError(res, 403, 'origin-not-allowed');
      await expectError(
        await fetch(`${url}/api/v1/hits`, { method: 'OPTIONS', headers: { origin: SITE_ORIGIN, 'access-control-request-method': 'DELETE' } }),
        405,
        'method-not-allowed',
      );
      assert.deepEqual(await store.exportRows(), []);
    });
  });

  describe(`counter service on ${backend}: bad requests write nothing`, () => {
    test('unknown site is a 404 naming the site', async () => {
      const { url, store } = await start({}, undefined, backend);
      await expectError(await hit(url, { site: 'nosuch', kind: 'visit' }), 404, 'unknown-site', /nosuch/);
      await expectError(await fetch(`${url}/api/v1/counts?site=nosuch`), 404, 'unknown-site');
      assert.deepEqual(await store.exportRows(), []);
    });

    test('malformed bodies name the problem', async () => {
      const { url, store } = await start({}, undefined, backend);
      await expectError(await hit(url, '{"site": "fs",'), 400, 'invalid-json');
      await expectError(await hit(url, '[1,2]'), 400, 'invalid-body');
      await expectError(await hit(url, { site: 'fs', kind: 'visit', ip: '1.2.3.4' }), 400, 'invalid-body', /"ip"/);
      await expectError(await hit(url, { kind: 'visit' }), 400, 'invalid-site', /site is required/);
      await expectError(await hit(url, { site: '../etc', kind: 'visit' }), 400, 'invalid-site');
      await expectError(await hit(url, { site: 'fs', kind: 'click' }), 400, 'invalid-kind', /"visit" or "page-view"/);
      await expectError(await hit(url, { site: 'fs', kind: 'page-view' }), 400, 'invalid-page', /required/);
      await expectError(
        await fetch(`${url}/api/v1/hits`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<hit/>' }),
        415,
        'unsupported-media-type',
      );
      assert.deepEqual(await store.exportRows(), []);
    });

    test('bad page ids are refused: too long, malformed encoding, control characters, empty', async () => {
      const { url, store } = await start({}, undefined, backend);
      await expectError(await hit(url, { site: 'fs', kind: 'page-view', page: `/${'a'.repeat(512)}` }), 400, 'page-too-long', /513/);
      await expectError(await hit(url, { site: 'fs', kind: 'page-view', page: '/bad%E0%A4%A' }), 400, 'invalid-page', /percent-encoding/);
      await expectError(await hit(url, { site: 'fs', kind: 'page-view', page: '/a\u0000b' }), 400, 'invalid-page', /control/);
      await expectError(await hit(url, { site: 'fs', kind: 'page-view', page: '?only=query' }), 400, 'invalid-page', /empty/);
      await expectError(await hit(url, { site: 'fs', kind: 'page-view', page: 42 }), 400, 'invalid-page');
      await expectError(await fetch(`${url}/api/v1/counts?site=fs&page=%ZZ`), 400, 'invalid-page');
      const ok = await hit(url, { site: 'fs', kind: 'page-view', page: `/${'页'.repeat(511)}` });
      assert.equal(ok.status, 200, 'a page id of exactly 512 characters is accepted');
      assert.equal((await store.exportRows()).filter((r) => r.page !== null).length, 1);
    });

    test('a body that is not valid UTF-8 is a 400 and counts nothing', async () => {
      const { url, store } = await start({}, undefined, backend);
      const bytes = (head: string, raw: number[], tail: string) =>
        Buffer.concat([Buffer.from(head), Buffer.from(raw), Buffer.from(tail)]);
      const bodies = [
        bytes('{"site":"fs","kind":"page-view","page":"/', [0xff, 0xfe], '"}'),
        bytes('{"site":"fs","kind":"page-view","page":"/', [0xc3], '"}'),
        bytes('{"site":"fs","kind":"page-view","page":"/', [0xed, 0xa0, 0x80], '"}'),
        bytes('{"site":"fs","kind":"visit","page":"/a', [0x80], '"}'),
      ];
      for (const body of bodies) {
        for (const type of ['text/plain', 'application/json']) {
          const response = await fetch(`${url}/api/v1/hits`, { method: 'POST', headers: { 'content-type': type, origin: SITE_ORIGIN }, body });
          await expectError(response, 400, 'invalid-json', /not valid UTF-8/);
          assert.equal(response.headers.get('access-control-allow-origin'), SITE_ORIGIN, 'the page can read the error');
        }
      }
      assert.deepEqual(await store.exportRows(), []);
      const ok = await hit(url, { site: 'fs', kind: 'page-view', page: '/新闻/\u{20000}.html' });
      assert.deepEqual(await ok.json(), { site: 'fs', visits: 0, page: '/新闻/\u{20000}.html', pageViews: 1 });
    });

    test('an oversized body is a 413, declared or streamed', async () => {
      const { url, store } = await start({ maxBodyBytes: 4096 }, undefined, backend);
      const big = JSON.stringify({ site: 'fs', kind: 'visit', page: `/${'x'.repeat(5000)}` });
      await expectError(await hit(url, big), 413, 'body-too-large', /4096/);
      const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(`${url}/api/v1/hits`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        });
        req.on('error', reject);
        req.write(big.slice(0, 3000));
        req.end(big.slice(3000));
      });
      assert.equal(streamed.status, 413);
      assert.equal(JSON.parse(streamed.body).error.code, 'body-too-large');
      assert.deepEqual(await store.exportRows(), []);
    });

    test('unknown paths and wrong methods get JSON errors', async () => {
      const { url, store } = await start({}, undefined, backend);
      await expectError(await fetch(`${url}/api/v2/hits`), 404, 'not-found');
      const res = await fetch(`${url}/api/v1/hits`);
      assert.equal(res.headers.get('allow'), 'POST, OPTIONS');
      await expectError(res, 405, 'method-not-allowed');
      await expectError(await fetch(`${url}/api/v1/counts`, { method: 'DELETE' }), 405, 'method-not-allowed');
      await expectError(await fetch(`${url}/api/v1/hits`, { method: 'PUT', body: '{"site":"fs","kind":"visit"}' }), 405, 'method-not-allowed');
      await expectError(await fetch(`${url}/api/v2/hits`, { method: 'POST', body: '{"site":"fs","kind":"visit"}' }), 404, 'not-found');
      assert.deepEqual(await store.exportRows(), []);
    });

    test('a site at its page limit gets a 409 for a new page', async () => {
      const { url, store } = await start({ sites: [{ id: 'fs', origins: [SITE_ORIGIN], maxPages: 1 }] }, undefined, backend);
      assert.equal((await hit(url, { site: 'fs', kind: 'page-view', page: '/one' })).status, 200);
      await expectError(await hit(url, { site: 'fs', kind: 'page-view', page: '/two' }), 409, 'page-limit-reached');
      assert.equal((await hit(url, { site: 'fs', kind: 'page-view', page: '/one' })).status, 200);
      assert.deepEqual(await store.exportRows(), [{ site: 'fs', page: '/one', count: 2 }]);
    });
  });

  describe(`counter service on ${backend}: rate limit`, () => {
    test('a client over its burst gets 429 with Retry-After and is not counted', async () => {
      const { url, store } = await start({ rateLimit: { burst: 3, perSecond: 0.01 } }, undefined, backend);
      for (let i = 0; i < 3; i++) assert.equal((await hit(url, { site: 'fs', kind: 'visit' })).status, 200);
      const limited = await hit(url, { site: 'fs', kind: 'visit' });
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
      await expectError(limited, 429, 'rate-limited');
      await expectError(await fetch(`${url}/api/v1/counts?site=fs`), 429, 'rate-limited');
      assert.deepEqual(await store.counts('fs'), { visits: 3 }, 'the refused hit was not counted');
    });

    test('X-Forwarded-For is ignored unless a trusted proxy is configured', async () => {
      const direct = await start({ rateLimit: { burst: 1, perSecond: 0.01 } }, undefined, backend);
      assert.equal((await hit(direct.url, { site: 'fs', kind: 'visit' }, { 'x-forwarded-for': '198.51.100.1' })).status, 200);
      assert.equal((await hit(direct.url, { site: 'fs', kind: 'visit' }, { 'x-forwarded-for': '198.51.100.2' })).status, 429);
      assert.deepEqual(await direct.store.counts('fs'), { visits: 1 });

      const proxied = await start({ rateLimit: { burst: 1, perSecond: 0.01 }, trustProxy: 1 }, undefined, backend);
      assert.equal((await hit(proxied.url, { site: 'fs', kind: 'visit' }, { 'x-forwarded-for': '198.51.100.1' })).status, 200);
      assert.equal((await hit(proxied.url, { site: 'fs', kind: 'visit' }, { 'x-forwarded-for': '198.51.100.2' })).status, 200);
      // A client-forged first entry does not escape: the proxy's own entry (the last) is used.
      assert.equal((await hit(proxied.url, { site: 'fs', kind: 'visit' }, { 'x-forwarded-for': '203.0.113.7, 198.51.100.2' })).status, 429);
      // Addresses of one IPv6 /64 share a bucket: rotating the low bits does not escape.
      assert.equal((await hit(proxied.url, { site: 'fs', kind: 'visit' }, { 'x-forwarded-for': '2001:db8:1:2::1' })).status, 200);
      assert.equal((await hit(proxied.url, { site: 'fs', kind: 'visit' }, { 'x-forwarded-for': '2001:db8:1:2:ffff::9' })).status, 429);
      assert.deepEqual(await proxied.store.counts('fs'), { visits: 3 });
    });
  });
}

describe('counter service: health, logs, shutdown', () => {
  test('healthz reports the store', async () => {
    const { url, store } = await start();
    let res = await fetch(`${url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok', api: 'v1', store: { kind: 'sqlite', ok: true } });
    const head = await fetch(`${url}/healthz`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
    await expectError(await fetch(`${url}/healthz`, { method: 'POST' }), 405, 'method-not-allowed');
    await store.close();
    res = await fetch(`${url}/healthz`);
    assert.equal(res.status, 503);
    assert.deepEqual(await res.json(), { status: 'unavailable', api: 'v1', store: { kind: 'sqlite', ok: false, error: 'closed' } });
    await expectError(await hit(url, { site: 'fs', kind: 'visit' }), 503, 'store-unavailable');
  });

  test('logs are JSON lines and never contain client addresses', async () => {
    const { url, logs, db, store } = await start({ trustProxy: 1 });
    assert.equal((await hit(url, { site: 'fs', kind: 'visit' }, { 'x-forwarded-for': '203.0.113.77' })).status, 200);
    await hit(url, { site: 'nosuch', kind: 'visit' }, { 'x-forwarded-for': '203.0.113.77' });
    // Nor do the files of the store.
    assert.deepEqual(await store.counts('fs'), { visits: 1 });
    const files = [db, `${db}-wal`].filter((f) => existsSync(f));
    assert.ok(files.length > 0);
    for (const file of files) assert.ok(!readFileSync(file).includes('203.0.113.77'), `${file} holds a client address`);
    const entries = logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.ok(entries.some((e) => e.msg === 'request' && e.status === 404), 'requests are logged at debug level');
    assert.ok(!logs.join('\n').includes('203.0.113.77'));
    assert.ok(entries.every((e) => !('remoteAddress' in e) && !('ip' in e)));
  });

  test('a flood of refused hits logs the first failure and then a count, not one line per request', async () => {
    const { service, url, logs, store } = await start({ logLevel: 'info' });
    await store.close();
    for (let i = 0; i < 30; i++) await expectError(await hit(url, { site: 'fs', kind: 'visit' }), 503, 'store-unavailable');
    const failed = () => logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((e) => e.msg === 'store request failed');
    assert.equal(failed().length, 1, logs.join('\n'));
    assert.equal(failed()[0]!.level, 50);
    // What was held back is told when the service stops (or once a minute while it goes on).
    await service.close();
    assert.deepEqual(failed().map((e) => e.repeated), [undefined, 29]);
  });

  test('X-Forwarded-For with trustProxy 0 is warned about once; refusals by the rate limit are logged, without addresses', async () => {
    const direct = await start({ rateLimit: { burst: 2, perSecond: 0.01 } });
    const entries = () => direct.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (let i = 1; i <= 5; i++) await hit(direct.url, { site: 'fs', kind: 'visit' }, { 'x-forwarded-for': `198.51.100.${i}` });
    const proxyWarnings = entries().filter((e) => e.msg === 'X-Forwarded-For ignored: trustProxy is 0');
    assert.equal(proxyWarnings.length, 1, direct.logs.join('\n'));
    assert.equal(proxyWarnings[0]!.level, 40);
    assert.match(String(proxyWarnings[0]!.hint), /set "trustProxy": 1/);
    const limited = () => entries().filter((e) => e.msg === 'requests refused by the rate limit');
    assert.equal(limited().length, 1);
    await direct.service.close();
    assert.deepEqual(limited().map((e) => e.repeated), [undefined, 2]);
    assert.ok(!direct.logs.join('\n').includes('198.51.100'), 'no client address in the log');

    const proxied = await start({ trustProxy: 1 });
    await hit(proxied.url, { site: 'fs', kind: 'visit' }, { 'x-forwarded-for': '198.51.100.1' });
    assert.ok(!proxied.logs.some((line) => line.includes('X-Forwarded-For')), 'no warning with a trusted proxy');
  });

  test('close() finishes the request in flight, refuses new ones and closes the store', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const real = new SqliteStore({ file: `${dir.path}/slow.sqlite` });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    // The real store, with the first hit held until the test lets it go.
    const held: CounterStore = Object.assign(Object.create(real) as CounterStore, {
      kind: 'sqlite' as const,
      async hit(...args: Parameters<CounterStore['hit']>) {
        entered();
        await gate;
        return real.hit(...args);
      },
      counts: real.counts.bind(real),
      set: real.set.bind(real),
      exportRows: real.exportRows.bind(real),
      health: real.health.bind(real),
      close: real.close.bind(real),
    });
    const { service, url } = await start({}, held);
    const inFlight = hit(url, { site: 'fs', kind: 'visit' });
    await inside;
    const closed = service.close();
    await assert.rejects(fetch(`${url}/healthz`), 'new connections are refused while closing');
    release();
    const res = await inFlight;
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { site: 'fs', visits: 1 });
    await closed;
    assert.deepEqual(await real.health(), { ok: false, error: 'closed' });
  });
});

describe('counter service: slow clients and start-up failures', () => {
  test('sets header, request and keep-alive timeouts', async () => {
    const { service } = await start();
    assert.equal(service.server.headersTimeout, 10_000);
    assert.equal(service.server.requestTimeout, 15_000);
    assert.equal(service.server.keepAliveTimeout, 5000);
  });

  test('a client that sends its headers or body too slowly gets a 408 and is disconnected', { timeout: 20_000 }, async () => {
    const { service, url, store } = await start();
    // Shortened for the test; checked by the server every second.
    service.server.headersTimeout = 300;
    service.server.requestTimeout = 600;
    const { port } = new URL(url);
    const slow = (text: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.write(text));
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk));
        socket.on('close', () => resolve(answer));
        socket.on('error', reject);
      });
    const headers = await slow('POST /api/v1/hits HTTP/1.1\r\nHost: counter\r\nContent-Type: application/json\r\n');
    assert.match(headers, /^HTTP\/1\.1 408 /);
    const body = await slow('POST /api/v1/hits HTTP/1.1\r\nHost: counter\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{"site":"fs",');
    assert.match(body, /^HTTP\/1\.1 408 /);
    assert.deepEqual(await store.exportRows(), []);
  });

  test('Redis down at start-up: listen() rejects naming the URL and nothing listens', async () => {
    const service = createCounterService({
      config: { port: 0, store: 'redis', redisUrl: 'redis://127.0.0.1:1', sites: [{ id: 'fs', origins: [SITE_ORIGIN] }] as never, logLevel: 'silent' },
    });
    await assert.rejects(service.listen(), /cannot connect to Redis at redis:\/\/127\.0\.0\.1:1/);
    assert.equal(service.server.listening, false);
    await service.close();
  });

  test('a host that cannot be resolved: listen() rejects naming the setting, and the store is closed', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const service = createCounterService({
      config: { host: 'not a host', port: 0, db: `${dir.path}/c.sqlite`, sites: [{ id: 'fs', origins: [SITE_ORIGIN] }] as never, logLevel: 'silent' },
    });
    await assert.rejects(service.listen(), (error: Error & { setting?: string }) => {
      assert.equal(error.message, 'host: "not a host" cannot be resolved to an address of this machine (ENOTFOUND)');
      assert.equal(error.setting, 'host');
      return true;
    });
    assert.equal(service.server.listening, false);
    assert.deepEqual((await service.store!.health()), { ok: false, error: 'closed' }, 'the store opened for it is closed again');
    await service.close();
  });

  test('a port already taken: listen() rejects naming the port setting', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const first = await start();
    const port = Number(new URL(first.url).port);
    const service = createCounterService({
      config: { port, db: `${dir.path}/c.sqlite`, sites: [{ id: 'fs', origins: [SITE_ORIGIN] }] as never, logLevel: 'silent' },
    });
    await assert.rejects(service.listen(), (error: Error & { setting?: string }) => {
      assert.equal(error.message, `port: 127.0.0.1:${port} is already in use (EADDRINUSE)`);
      assert.equal(error.setting, 'port');
      return true;
    });
    await service.close();
  });

  test('a SQLite file that cannot be opened: listen() rejects naming the file', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    writeFileSync(`${dir.path}/not-a-dir`, 'x');
    const service = createCounterService({
      config: { port: 0, db: `${dir.path}/not-a-dir/c.sqlite`, sites: [{ id: 'fs', origins: [SITE_ORIGIN] }] as never, logLevel: 'silent' },
    });
    await assert.rejects(service.listen(), /cannot open the SQLite file .*not-a-dir\/c\.sqlite: .*(EEXIST|ENOTDIR)/);
    assert.equal(service.server.listening, false);
    await service.close();
  });
});

/** A redis-server of the test's own, stopped after the file. */
async function ownRedis(): Promise<{ redis: RedisServer; dir: { path: string } }> {
  const dir = tempDir();
  const redis = await startRedis(dir.path);
  cleanups.push(async () => {
    await redis.stop();
    dir.remove();
  });
  return { redis, dir };
}

describe('counter service on redis', () => {
  test('counts through redis-server and reports it unavailable when it stops', async () => {
    const { redis } = await ownRedis();
    const { url } = await start({ store: 'redis', redisUrl: redis.url, redisPrefix: `svc-${process.pid}:` });
    assert.deepEqual(await (await hit(url, { site: 'fs', kind: 'visit' })).json(), { site: 'fs', visits: 1 });
    assert.deepEqual(await (await fetch(`${url}/healthz`)).json(), { status: 'ok', api: 'v1', store: { kind: 'redis', ok: true } });
    await redis.kill();
    await expectError(await hit(url, { site: 'fs', kind: 'visit' }), 503, 'store-unavailable');
    assert.equal((await fetch(`${url}/healthz`)).status, 503);
  });

  test('Redis down for a while: its reconnection attempts are logged once per reason, then counted', async () => {
    const { redis } = await ownRedis();
    const { service, logs } = await start({ store: 'redis', redisUrl: redis.url, redisPrefix: `down-${process.pid}:` });
    await redis.kill();
    // In Redis's place, a server that drops every connection: each reconnection attempt fails the same way.
    let attempts = 0;
    const dropper = createServer((socket) => {
      attempts += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => dropper.listen(redis.port, '127.0.0.1', resolve));
    try {
      await waitFor(async () => attempts >= 5, 'five reconnection attempts');
    } finally {
      await new Promise((resolve) => dropper.close(resolve));
    }
    const problems = () => logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((e) => e.msg === 'redis connection problem');
    const first = problems();
    await service.close();
    const reasons = new Set(first.map((e) => (e.err as { message: string }).message));
    assert.equal(first.length, reasons.size, `each reason once while reconnecting: ${logs.join('\n')}`);
    assert.ok(problems().some((e) => typeof e.repeated === 'number' && e.repeated >= 3), logs.join('\n'));
    await redis.start();
  });

  test('Redis restarted without its data: hits and reads get 503 instead of counting from 1, /healthz and the log say why', async () => {
    const { redis, dir } = await ownRedis();
    const { url, logs, store } = await start({ store: 'redis', redisUrl: redis.url, redisPrefix: 'lost:', logLevel: 'info' });
    await store.set('fs', 5464445);
    assert.deepEqual(await (await hit(url, { site: 'fs', kind: 'visit' })).json(), { site: 'fs', visits: 5464446 });
    // Restarted empty: its append-only file gone, as with a wrong --dir or appendonly no.
    await redis.stop();
    rmSync(dir.path, { recursive: true, force: true });
    mkdirSync(dir.path);
    await redis.start();
    await waitFor(async () => (await hit(url, { site: 'fs', kind: 'visit' })).status === 503, 'the reconnected store');
    await expectError(await hit(url, { site: 'fs', kind: 'visit' }), 503, 'store-unavailable');
    await expectError(await fetch(`${url}/api/v1/counts?site=fs`), 503, 'store-unavailable');
    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 503);
    const state = (await health.json()) as { store: { error?: string } };
    assert.match(state.store.error ?? '', /counter data is gone.*lost:created/);
    assert.ok(logs.some((line) => /store request failed/.test(line) && /counter data is gone/.test(line)), logs.join('\n'));
    // Counts restored with `court-counter set` bring the counter back.
    await store.set('fs', 5464446);
    assert.deepEqual(await (await hit(url, { site: 'fs', kind: 'visit' })).json(), { site: 'fs', visits: 5464447 });
    assert.equal((await fetch(`${url}/healthz`)).status, 200);
  });
});
