// Configuration, page-id normalization, client addresses and the token bucket of the counter.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { after, describe, test } from 'node:test';
import { ConfigError, ENV, RateLimiter, clientAddress, defaults, loadConfig, normalizePage, rateKey } from '../../src/server/index.js';
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
    ['bad rate limit', { rateLimit: { burst: 0 } }, /rateLimit\.burst: expected a number from 1 to 10000000, got 0/],
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

  const badRateLimits: Array<[string, unknown, RegExp]> = [
    ['perSecond 0', { perSecond: 0 }, /rateLimit\.perSecond: expected a number greater than 0 and at most 10000000 \(with 0 a client's bucket never refills\), got 0$/],
    ['perSecond beyond the bound', { perSecond: 1e12 }, /rateLimit\.perSecond: .*at most 10000000/],
    ['perSecond too small to refill', { perSecond: 0.0001 }, /rateLimit\.perSecond: expected a number from 0\.001 to 10000000 \(at least one request regained every 1000 s\), got 0\.0001/],
    ['burst below 1', { burst: 0.5 }, /rateLimit\.burst: expected a number from 1 to 10000000, got 0\.5/],
    ['burst beyond the bound', { burst: 1e9 }, /rateLimit\.burst: .*got 1000000000/],
    ['unknown rate-limit key', { perSecnd: 1 }, /rateLimit\.perSecnd: unknown setting \(known: burst, perSecond, maxClients\)/],
  ];
  for (const [name, rateLimit, message] of badRateLimits) {
    test(`refuses a rate limit with ${name}, naming the file and the key`, () => {
      const file = configFile(`rate-${name.replace(/\W/g, '-')}.json`, { rateLimit });
      assert.throws(() => loadConfig({ file, env: {} }), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, message);
        assert.ok(error.message.startsWith(`${file}: rateLimit.`), error.message);
        return true;
      });
    });
  }

  test('a rate limit that never refills is refused; slow and fast ones within the bounds are kept', () => {
    const never = configFile('rate-never.json', { rateLimit: { burst: 120, perSecond: 0 } });
    assert.throws(() => loadConfig({ file: never, env: {} }), /rate-never\.json: rateLimit\.perSecond: expected a number greater than 0/);
    const slow = loadConfig({ env: {}, file: configFile('rate-slow.json', { rateLimit: { burst: 1, perSecond: 0.01 } }) });
    assert.deepEqual(slow.rateLimit, { burst: 1, perSecond: 0.01, maxClients: 100_000 });
    const fast = loadConfig({ env: {}, file: configFile('rate-fast.json', { rateLimit: { burst: 1_000_000, perSecond: 1_000_000 } }) });
    assert.equal(fast.rateLimit.perSecond, 1_000_000);
  });

  test('an environment variable that is wrong is named, not the config file', () => {
    const file = configFile('env-blame.json', { port: 9000 });
    assert.throws(
      () => loadConfig({ file, env: { COURT_COUNTER_PORT: 'abc' } }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.message, 'COURT_COUNTER_PORT: expected a whole number from 0 to 65535, got "abc"');
        return true;
      },
    );
    assert.throws(() => loadConfig({ env: { COURT_COUNTER_STORE: 'mongo' } }), /^ConfigError: COURT_COUNTER_STORE: expected one of sqlite, redis, got "mongo"$/);
  });

  test('a flag that is wrong is named by its flag, with the value', () => {
    const file = configFile('flag-blame.json', { port: 9000 });
    assert.throws(
      () => loadConfig({ file, env: { COURT_COUNTER_PORT: '9100' }, overrides: { port: '99999' }, overrideNames: { port: '--port' } }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.message, '--port: expected a whole number from 0 to 65535, got "99999"');
        assert.equal(error.source, 'flag');
        return true;
      },
    );
  });

  const badRedisUrls: Array<[string, RegExp]> = [
    ['http://x', /"http:\/\/x" is not a Redis URL: the scheme must be redis: or rediss:/],
    ['redis://:a%b@h:1', /"redis:\/\/:\*\*\*@h:1" is not a Redis URL: the password has a malformed percent-escape/],
    ['redis://us%zz@h:1', /the user name has a malformed percent-escape/],
    ['127.0.0.1:6379', /"127\.0\.0\.1:6379" is not a Redis URL/],
    ['redis:///0', /is not a Redis URL: it names no host/],
    ['redis://h:1/x', /is not a Redis URL: the database after the host must be a number/],
    ['redis://h:1/0?db=2', /is not a Redis URL: a query or fragment is not read/],
  ];
  for (const [url, message] of badRedisUrls) {
    test(`refuses the Redis URL ${url} from the file, the environment or a flag`, () => {
      const file = configFile('redis-url.json', { redisUrl: url });
      assert.throws(() => loadConfig({ file, env: {} }), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.ok(error.message.startsWith(`${file}: redisUrl: `), error.message);
        assert.match(error.message, message);
        return true;
      });
      assert.throws(() => loadConfig({ env: { COURT_COUNTER_REDIS_URL: url } }), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.ok(error.message.startsWith('COURT_COUNTER_REDIS_URL: '), error.message);
        assert.match(error.message, message);
        return true;
      });
      assert.throws(() => loadConfig({ env: {}, overrides: { redisUrl: url }, overrideNames: { redisUrl: '--redis-url' } }), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.ok(error.message.startsWith('--redis-url: '), error.message);
        return true;
      });
    });
  }

  test('Redis URLs are checked at start-up; TLS, credentials, IPv6 and a database number are accepted', () => {
    assert.throws(() => loadConfig({ env: { COURT_COUNTER_REDIS_URL: 'http://x' } }), /^ConfigError: COURT_COUNTER_REDIS_URL: /);
    for (const url of ['redis://127.0.0.1:6379', 'rediss://user:p%40ss@redis.example:6380/2', 'redis://[::1]:6379/0', 'redis://h']) {
      assert.equal(loadConfig({ env: { COURT_COUNTER_REDIS_URL: url } }).redisUrl, url);
    }
  });

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
    // Percent-encoding is decoded once; what it hid is then treated like the plain text.
    ['/%2561', '/%61'],
    ['/a.html%3Fref=1', '/a.html'],
    ['/a.html%23top', '/a.html'],
    ['https%3A%2F%2Fevil.example%2Fa.html', '/a.html'],
    ['HTTPS://www.example.gov.cn', '/'],
    // A query in another encoding (GBK search words) is dropped before decoding.
    ['/search.html?q=%C9%F3%C5%D0', '/search.html'],
    // Paths of older sites, percent-encoded in GBK / GB18030: the same page as in UTF-8.
    ['/%D0%C2%CE%C5/%C9%F3%C5%D0.html', '/新闻/审判.html'],
    ['/新闻/%C9%F3%C5%D0.html', '/新闻/审判.html'],
    ['/%E6%96%B0%E9%97%BB/%C9%F3%C5%D0', '/新闻/审判'],
    ['/%95%32%82%36', '/\u{20000}'],
    // Session ids that JSP and other CMSs put in links when cookies are off: one article, one page id.
    ['/art/2024/1.html;jsessionid=8F3A1B2C?x=1', '/art/2024/1.html'],
    ['/art/2024/1.html;JSESSIONID=99AA77BB.node1', '/art/2024/1.html'],
    ['/art;jsessionid=1/2024/1.html', '/art/2024/1.html'],
    ['/art/1.html;phpsessid=abc;sid=9', '/art/1.html'],
    ['/art/1.html%3Bjsessionid%3D8F3A', '/art/1.html'],
    ['https://www.example.gov.cn/art/1.html;jsessionid=8F3A#top', '/art/1.html'],
    ['/art/1.html;version=2', '/art/1.html;version=2'],
  ];
  for (const [input, expected] of cases) {
    test(`${JSON.stringify(input)} -> ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(normalizePage(input, 512), { ok: true, page: expected });
    });
  }
  test('a run that mixes UTF-8 and GBK keeps its UTF-8 characters; a UTF-8 character cut at the end is dropped', () => {
    const xinwen = '%E6%96%B0%E9%97%BB';
    assert.deepEqual(normalizePage(`/${xinwen}%D0%C2/1.html`, 512), { ok: true, page: '/新闻新/1.html' });
    assert.deepEqual(normalizePage(`/%D0%C2${xinwen}/1.html`, 512), { ok: true, page: '/新新闻/1.html' });
    // A GBK run whose pairs are also UTF-8 here and there stays GBK: 法院 is B7A8 D4BA.
    assert.deepEqual(normalizePage('/%B7%A8%D4%BA/1.html', 512), { ok: true, page: '/法院/1.html' });
    // Cut after two bytes of 新 by an older page: the whole characters are kept, the half one dropped.
    assert.deepEqual(normalizePage(`/${xinwen.repeat(3)}%E6%96`, 512), { ok: true, page: '/新闻新闻新闻' });
    // Two articles under one long path never become one mojibake page.
    const one = normalizePage(`/${xinwen.repeat(60)}/1.html`, 512);
    const two = normalizePage(`/${xinwen.repeat(60)}/2.html`, 512);
    assert.deepEqual(one, { ok: true, page: `/${'新闻'.repeat(60)}/1.html` });
    assert.deepEqual(two, { ok: true, page: `/${'新闻'.repeat(60)}/2.html` });
  });
  test('refuses what cannot be a page id', () => {
    assert.equal((normalizePage('/a%ZZ', 512) as { code: string }).code, 'invalid-page');
    assert.equal((normalizePage('/a%4', 512) as { code: string }).code, 'invalid-page');
    assert.equal((normalizePage('/a%FF', 512) as { code: string }).code, 'invalid-page', 'neither UTF-8 nor GB18030');
    assert.equal((normalizePage('/a%81', 512) as { code: string }).code, 'invalid-page', 'a GBK lead byte alone');
    assert.equal((normalizePage('/a\nb', 512) as { code: string }).code, 'invalid-page');
    assert.equal((normalizePage('#only', 512) as { code: string }).code, 'invalid-page');
    assert.equal((normalizePage('/\ud800', 512) as { code: string }).code, 'invalid-page');
    assert.equal((normalizePage('/a%00b', 512) as { code: string }).code, 'invalid-page', 'an encoded control character');
    assert.equal((normalizePage('/a%0D%0ASet-Cookie:x', 512) as { code: string }).code, 'invalid-page');
    assert.equal((normalizePage('%3Fonly', 512) as { code: string }).code, 'invalid-page', 'an encoded query alone');
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

describe('rate-limit keys', () => {
  const cases: Array<[string, string]> = [
    ['203.0.113.1', '203.0.113.1'],
    ['::ffff:203.0.113.1', '203.0.113.1'],
    ['::ffff:cb00:7101', '203.0.113.1'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:DB8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
  ];
  for (const [address, key] of cases) {
    test(`${address} -> ${key}`, () => assert.equal(rateKey(address), key));
  }
  test('one IPv6 /64 is one client, the next /64 another', () => {
    assert.equal(rateKey('2001:db8:1:2::1'), rateKey('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    assert.notEqual(rateKey('2001:db8:1:2::1'), rateKey('2001:db8:1:3::1'));
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
  test('memory stays bounded under many addresses', () => {
    const limiter = new RateLimiter({ burst: 5, perSecond: 1, maxClients: 1000 }, () => 0);
    for (let i = 0; i < 50_000; i++) limiter.take(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    assert.equal(limiter.size, 1000);
    limiter.stop();
    assert.equal(limiter.size, 0);
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

describe('documentation of the configuration', () => {
  const doc = readFileSync(new URL('../../docs/counter.md', import.meta.url), 'utf8');
  test('docs/counter.md names every setting and environment variable', () => {
    const settings = [...Object.keys(defaults).filter((k) => k !== 'rateLimit'), ...Object.keys(defaults.rateLimit).map((k) => `rateLimit.${k}`)];
    for (const key of settings) assert.ok(doc.includes(`| \`${key}\` |`), `setting ${key} is not in the configuration table`);
    for (const name of Object.values(ENV)) assert.ok(doc.includes(name), `${name} is not documented`);
  });
  test('docs/counter.md states the Redis fsync setting and its risk', () => {
    assert.match(doc, /appendfsync always/);
    assert.match(doc, /appendfsync everysec[\s\S]{0,300}lose/);
    assert.match(doc, /maxmemory-policy noeviction/);
  });
});
