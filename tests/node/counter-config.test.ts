// Configuration, page-id normalization, client addresses and the token bucket of the counter.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { after, describe, test } from 'node:test';
import { ConfigError, RateLimiter, clientAddress, loadConfig, normalizePage } from '../../src/server/index.js';
import { tempDir } from './counter-helpers.js';

const dir = tempDir();
after(() => dir.remove());

function configFile(name: string, content: unknown): string {
  const file = `${dir.path}/${name}`;
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('counter configuration', () => {
  test('defaults bind to loopback on 8787 with SQLite', () => {
    const config = loadConfig({ env: {} });
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 8787);
    assert.equal(config.store, 'sqlite');
    assert.equal(config.sqliteSynchronous, 'full');
    assert.equal(config.trustProxy, 0);
    assert.deepEqual(config.sites, []);
  });

  test('file, then environment, then flags', () => {
    const file = configFile('layers.json', { port: 9000, host: '127.0.0.2', db: 'from-file.sqlite', sites: [{ id: 'fs', origins: ['https://A.example/'] }] });
    const env = { COURT_COUNTER_CONFIG: file, COURT_COUNTER_PORT: '9100', COURT_COUNTER_STORE: 'redis', COURT_COUNTER_REDIS_URL: 'redis://10.0.0.1:6379' };
    const fromEnv = loadConfig({ env });
    assert.equal(fromEnv.port, 9100);
    assert.equal(fromEnv.host, '127.0.0.2');
    assert.equal(fromEnv.store, 'redis');
    assert.equal(fromEnv.redisUrl, 'redis://10.0.0.1:6379');
    assert.equal(fromEnv.db, 'from-file.sqlite');
    assert.deepEqual(fromEnv.sites, [{ id: 'fs', origins: ['https://a.example'], maxPages: 100000 }]);
    const fromFlags = loadConfig({ env: { ...env, COURT_COUNTER_HOST: '0.0.0.0', COURT_COUNTER_DB: 'env.sqlite' }, overrides: { port: '9200', db: undefined } });
    assert.equal(fromFlags.port, 9200);
    assert.equal(fromFlags.host, '0.0.0.0');
    assert.equal(fromFlags.db, 'env.sqlite');
  });

  const bad: Array<[string, unknown, RegExp]> = [
    ['wildcard origin', { sites: [{ id: 'fs', origins: ['*'] }] }, /sites\[0\]\.origins\[0\]: "\*" is not allowed/],
    ['origin with a path', { sites: [{ id: 'fs', origins: ['https://a.example/news'] }] }, /must be an origin only/],
    ['origin not http', { sites: [{ id: 'fs', origins: ['ftp://a.example'] }] }, /must be an http or https origin/],
    ['bad site id', { sites: [{ id: 'a b', origins: [] }] }, /sites\[0\]\.id: "a b" may use only/],
    ['site twice', { sites: [{ id: 'fs', origins: [] }, { id: 'fs', origins: [] }] }, /sites\[1\]\.id: "fs" is listed twice/],
    ['unknown setting', { prot: 80 }, /prot: unknown setting/],
    ['bad store', { store: 'mysql' }, /store: expected one of sqlite, redis/],
    ['bad port', { port: 70000 }, /port: expected a whole number from 0 to 65535/],
    ['bad rate limit', { rateLimit: { burst: 0 } }, /rateLimit\.burst: expected a number of at least 1/],
  ];
  for (const [name, content, message] of bad) {
    test(`refuses ${name}, naming the file and the setting`, () => {
      const file = configFile(`${name.replace(/\W/g, '-')}.json`, content);
      assert.throws(() => loadConfig({ file, env: {} }), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, message);
        assert.ok(error.message.startsWith(file));
        return true;
      });
    });
  }

  test('refuses a file that is not JSON', () => {
    const file = configFile('broken.json', '{ "port": ');
    assert.throws(() => loadConfig({ file, env: {} }), /broken\.json: not valid JSON/);
  });
});

describe('page ids', () => {
  const cases: Array<[string, string]> = [
    ['/art/1.html', '/art/1.html'],
    ['/art/1.html?from=home#top', '/art/1.html'],
    ['https://www.example.gov.cn/art/1.html?x=1', '/art/1.html'],
    ['/%E6%96%B0%E9%97%BB', '/新闻'],
    ['  /a  ', '/a'],
    ['/cafe\u0301', '/caf\u00e9'],
    ['article-1234', 'article-1234'],
  ];
  for (const [input, expected] of cases) {
    test(`${JSON.stringify(input)} -> ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(normalizePage(input, 512), { ok: true, page: expected });
    });
  }
  test('refuses what cannot be a page id', () => {
    assert.equal((normalizePage('/a%ZZ', 512) as { code: string }).code, 'invalid-page');
    assert.equal((normalizePage('/a\nb', 512) as { code: string }).code, 'invalid-page');
    assert.equal((normalizePage('#only', 512) as { code: string }).code, 'invalid-page');
    assert.equal((normalizePage('/\ud800', 512) as { code: string }).code, 'invalid-page');
    assert.equal((normalizePage(['/a'], 512) as { code: string }).code, 'invalid-page');
    assert.deepEqual(normalizePage('/abcd', 4), { ok: false, code: 'page-too-long', message: 'page is 5 characters long; at most 4 are accepted' });
    assert.deepEqual(normalizePage('/新闻页', 4), { ok: true, page: '/新闻页' });
  });
});

describe('client address', () => {
  const req = (xff?: string) =>
    ({ socket: { remoteAddress: '127.0.0.1' }, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }) as unknown as IncomingMessage;
  test('ignores X-Forwarded-For without a trusted proxy', () => {
    assert.equal(clientAddress(req('203.0.113.1'), 0), '127.0.0.1');
  });
  test('takes the entry added by the trusted proxies', () => {
    assert.equal(clientAddress(req('198.51.100.9, 203.0.113.1'), 1), '203.0.113.1');
    assert.equal(clientAddress(req('198.51.100.9, 203.0.113.1, 10.0.0.2'), 2), '203.0.113.1');
    assert.equal(clientAddress(req('203.0.113.1'), 2), '203.0.113.1');
    assert.equal(clientAddress(req(), 1), '127.0.0.1');
  });
});

describe('rate limiter', () => {
  test('allows the burst, refuses the next, refills over time', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 2, perSecond: 1, maxClients: 10 }, () => now);
    assert.deepEqual(limiter.take('a'), { ok: true });
    assert.deepEqual(limiter.take('a'), { ok: true });
    assert.deepEqual(limiter.take('a'), { ok: false, retryAfterSeconds: 1 });
    assert.deepEqual(limiter.take('b'), { ok: true }, 'another client has its own bucket');
    now = 1000;
    assert.deepEqual(limiter.take('a'), { ok: true });
    assert.equal(limiter.take('a').ok, false);
    limiter.stop();
  });
  test('remembers at most maxClients and forgets full buckets', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 1, perSecond: 1, maxClients: 2 }, () => now);
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    assert.equal(limiter.size, 2);
    assert.deepEqual(limiter.take('a'), { ok: true }, 'the oldest client was forgotten');
    now = 5000;
    limiter.sweep();
    assert.equal(limiter.size, 0);
    limiter.stop();
  });
});
