// The court-counter bin, run from source against a temp SQLite file.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createCounterService, SqliteStore } from '../../src/server/index.js';
import { collect, exited, freePort, startRedis, tempDir, track, waitFor } from './counter-helpers.js';

const dir = tempDir();
after(() => dir.remove());

const configFile = `${dir.path}/counter.json`;
writeFileSync(
  configFile,
  JSON.stringify({ sites: [{ id: 'fs', name: '佛山中院', origins: ['https://www.fscourt.example'] }, { id: 'nh', origins: ['https://nh.example'] }] }),
);

function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/court-counter.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    // A command that should have stopped at a bad setting but serves instead is ended here.
    timeout: 20_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dbSeq = 0;

/** A new database holding the given counts, written through the store itself. */
async function seeded(rows: Array<[site: string, count: number, page?: string]>): Promise<string> {
  dbSeq += 1;
  const file = `${dir.path}/seeded-${dbSeq}.sqlite`;
  const store = new SqliteStore({ file });
  for (const [site, count, page] of rows) await store.set(site, count, page);
  await store.close();
  return file;
}

async function read(file: string, site: string, page?: string) {
  const store = new SqliteStore({ file });
  try {
    return await store.counts(site, page);
  } finally {
    await store.close();
  }
}

describe('court-counter set / export / sites', () => {
  test('set carries over a starting count and prints it', async () => {
    const db = await seeded([['fs', 17]]);
    const r = cli(['set', '--config', configFile, '--db', db, '--site', 'fs', '--count', '123456']);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'fs: visits = 123456\n');
    const page = cli(['set', '--config', configFile, '--db', db, '--site', 'fs', '--page', '/news/1.html?x=1', '--count', '42']);
    assert.equal(page.code, 0);
    assert.equal(page.stdout, 'fs: page "/news/1.html" views = 42\n');
    assert.deepEqual(await read(db, 'fs', '/news/1.html'), { visits: 123456, pageViews: 42 });
  });

  test('export writes JSON', async () => {
    const db = await seeded([['fs', 123456], ['fs', 42, '/news/1.html'], ['nh', 5]]);
    const r = cli(['export', '--format', 'json', '--db', db]);
    assert.equal(r.code, 0);
    const data = JSON.parse(r.stdout);
    assert.match(data.exportedAt, /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(data.sites, [
      { site: 'fs', visits: 123456, pages: [{ page: '/news/1.html', pageViews: 42 }] },
      { site: 'nh', visits: 5, pages: [] },
    ]);
  });

  test('export writes CSV, quoting commas and defusing formulas', async () => {
    const db = await seeded([['fs', 123456], ['fs', 42, '/news/1.html'], ['fs', 3, '=HYPERLINK("x"),1']]);
    const r = cli(['export', '--format', 'csv', '--db', db]);
    assert.equal(r.code, 0);
    assert.equal(
      r.stdout,
      'site,page,kind,count\r\nfs,,visits,123456\r\nfs,/news/1.html,page-views,42\r\nfs,"\'=HYPERLINK(""x""),1",page-views,3\r\n',
    );
  });

  test('the database can come from COURT_COUNTER_DB', async () => {
    const db = await seeded([['fs', 9]]);
    const r = cli(['export', '--format', 'csv'], { COURT_COUNTER_DB: db });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'site,page,kind,count\r\nfs,,visits,9\r\n');
  });

  test('sites lists the configured sites with their visits', async () => {
    const db = await seeded([['fs', 123456]]);
    const r = cli(['sites', '--config', configFile, '--db', db]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'fs\t123456\t佛山中院\thttps://www.fscourt.example\nnh\t0\t\thttps://nh.example\n');
    const json = JSON.parse(cli(['sites', '--format', 'json', '--config', configFile, '--db', db]).stdout);
    assert.deepEqual(json[0], { id: 'fs', name: '佛山中院', origins: ['https://www.fscourt.example'], visits: 123456 });
  });
});

describe('court-counter bad arguments', () => {
  const db = `${dir.path}/bad.sqlite`;
  const cases: Array<[string, string[], RegExp]> = [
    ['no command', [], /Usage:/],
    ['unknown command', ['frob'], /unknown command "frob"/],
    ['unknown option', ['export', '--colour'], /Unknown option '--colour'/],
    ['option of another command', ['export', '--site', 'fs'], /--site is not an option of "export"/],
    ['set without count', ['set', '--db', db, '--site', 'fs'], /set needs --count/],
    ['count not a number', ['set', '--db', db, '--site', 'fs', '--count', '12k'], /--count "12k" must be a whole number/],
    ['site not configured', ['set', '--config', configFile, '--db', db, '--site', 'zz', '--count', '1'], /"zz" is not in the configuration/],
    ['bad site id', ['set', '--db', db, '--site', 'a b', '--count', '1'], /--site "a b" may use only/],
    ['bad page', ['set', '--db', db, '--site', 'fs', '--count', '1', '--page', '%E0%A4%A'], /--page: page has malformed percent-encoding/],
    ['bad format', ['export', '--db', db, '--format', 'xml'], /--format "xml" must be json or csv/],
    ['bad store', ['export', '--store', 'mongo'], /store: expected one of sqlite, redis, got "mongo"/],
    ['missing config file', ['sites', '--config', `${dir.path}/nope.json`], /config file .*nope\.json: cannot be read \(ENOENT\)/],
    ['serve without sites', ['serve', '--db', db, '--port', '0'], /no sites are configured/],
    ['serve with a bad port', ['serve', '--config', configFile, '--port', '99999'], /port: expected a whole number from 0 to 65535/],
    ['serve with Redis down', ['serve', '--config', configFile, '--port', '0', '--store', 'redis', '--redis-url', 'redis://127.0.0.1:1'], /cannot connect to Redis at redis:\/\/127\.0\.0\.1:1/],
    ['export with Redis down', ['export', '--store', 'redis', '--redis-url', 'redis://127.0.0.1:1'], /cannot connect to Redis at redis:\/\/127\.0\.0\.1:1/],
    ['serve with an unopenable database', ['serve', '--config', configFile, '--port', '0', '--db', `${configFile}/c.sqlite`], /cannot open the SQLite file .*counter\.json\/c\.sqlite/],
  ];
  for (const [name, args, message] of cases) {
    test(`${name}: non-zero exit and a clear message`, () => {
      const r = cli(args);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, message);
      assert.match(r.stderr, /^court-counter: |^Usage:/);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(r.stdout, '');
    });
  }
  test('a bad config file names the file and the setting', () => {
    const bad = `${dir.path}/bad.json`;
    writeFileSync(bad, JSON.stringify({ sites: [{ id: 'fs', origins: ['*'] }] }));
    const r = cli(['sites', '--config', bad]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bad\.json: sites\[0\]\.origins\[0\]: "\*" is not allowed/);
  });
});

describe('court-counter names the source of a wrong setting', () => {
  const cases: Array<[name: string, args: string[], env: Record<string, string>, code: number, message: RegExp]> = [
    ['a bad --port', ['serve', '--config', configFile, '--port', '99999'], {}, 2, /^court-counter: --port: expected a whole number from 0 to 65535, got "99999"\n/],
    ['a bad COURT_COUNTER_PORT with a config file', ['serve', '--config', configFile], { COURT_COUNTER_PORT: 'abc' }, 1, /^court-counter: COURT_COUNTER_PORT: expected a whole number from 0 to 65535, got "abc"\n/],
    ['a bad COURT_COUNTER_PORT alone', ['serve'], { COURT_COUNTER_PORT: 'abc' }, 1, /^court-counter: COURT_COUNTER_PORT: expected a whole number/],
    ['a bad --store', ['export', '--store', 'mongo'], {}, 2, /^court-counter: --store: expected one of sqlite, redis, got "mongo"\n/],
    ['an --redis-url that is not Redis', ['serve', '--config', configFile, '--redis-url', 'http://x'], {}, 2, /^court-counter: --redis-url: "http:\/\/x" is not a Redis URL: the scheme must be redis: or rediss:/],
    ['an --redis-url with a malformed password', ['serve', '--config', configFile, '--redis-url', 'redis://:a%b@h:1'], {}, 2, /^court-counter: --redis-url: "redis:\/\/:\*\*\*@h:1" is not a Redis URL: the password has a malformed percent-escape/],
    ['a bad COURT_COUNTER_REDIS_URL', ['export', '--store', 'redis'], { COURT_COUNTER_REDIS_URL: 'redis//127.0.0.1' }, 1, /^court-counter: COURT_COUNTER_REDIS_URL: "redis\/\/127\.0\.0\.1" is not a Redis URL/],
  ];
  for (const [name, args, env, code, message] of cases) {
    test(`${name}: exit ${code}, naming it and its value`, () => {
      const r = cli(args, { COURT_COUNTER_CONFIG: '', COURT_COUNTER_PORT: '', COURT_COUNTER_REDIS_URL: '', ...env });
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /counter\.json/, 'the config file is not blamed');
      assert.equal(r.code, code);
      assert.equal(r.stdout, '');
    });
  }

  test('a host in the config file that cannot be resolved names the file and the setting', () => {
    const file = `${dir.path}/bad-host.json`;
    writeFileSync(file, JSON.stringify({ host: 'not a host', port: 0, sites: [{ id: 'fs', origins: ['https://www.fscourt.example'] }] }));
    const r = cli(['serve', '--config', file, '--db', `${dir.path}/bad-host.sqlite`]);
    assert.equal(r.stderr, `court-counter: ${file}: host: "not a host" cannot be resolved to an address of this machine (ENOTFOUND)\n`);
    assert.equal(r.code, 1);
    const flag = cli(['serve', '--config', file, '--db', `${dir.path}/bad-host.sqlite`, '--host', 'nohost.invalid']);
    assert.match(flag.stderr, /^court-counter: --host: "nohost\.invalid" cannot be resolved/);
  });
});

describe('court-counter read-only commands never create a database', () => {
  test('export and sites refuse a --db that does not exist, and create nothing', () => {
    const missing = `${dir.path}/typo/deep.sqlite`;
    for (const args of [['export'], ['export', '--format', 'csv'], ['sites', '--config', configFile]]) {
      const r = cli([...args, '--db', missing]);
      assert.equal(r.stderr, `court-counter: --db: no counter database at ${missing}: the file does not exist\n`);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
    }
    assert.equal(existsSync(`${dir.path}/typo`), false, 'no folder or file was created');
  });

  test('a missing COURT_COUNTER_DB is named as the variable', () => {
    const missing = `${dir.path}/nightly/counter.sqlite`;
    const r = cli(['export'], { COURT_COUNTER_DB: missing });
    assert.equal(r.stderr, `court-counter: COURT_COUNTER_DB: no counter database at ${missing}: the file does not exist\n`);
    assert.equal(r.code, 1);
    assert.equal(existsSync(`${dir.path}/nightly`), false);
  });

  test('set still creates the database it is pointed at (carrying over a count before the first serve)', async () => {
    const fresh = `${dir.path}/fresh/counter.sqlite`;
    const r = cli(['set', '--db', fresh, '--site', 'fs', '--count', '7']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(cli(['export', '--format', 'csv', '--db', fresh]).stdout, 'site,page,kind,count\r\nfs,,visits,7\r\n');
    const wrong = cli(['export', '--db', configFile]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /^court-counter: --db: cannot open the SQLite file .*counter\.json: file is not a database \(SQLITE_NOTADB\)\n$/);
  });
});

describe('court-counter on Redis', () => {
  test('set, export and sites work on a real redis-server', async () => {
    const redisDir = tempDir();
    const redis = await startRedis(redisDir.path);
    try {
      const env = { COURT_COUNTER_STORE: 'redis', COURT_COUNTER_REDIS_URL: redis.url };
      assert.equal(cli(['set', '--config', configFile, '--site', 'fs', '--count', '123456'], env).stdout, 'fs: visits = 123456\n');
      assert.equal(cli(['set', '--config', configFile, '--site', 'fs', '--page', '/news/1.html', '--count', '42'], env).code, 0);
      assert.equal(
        cli(['export', '--format', 'csv'], env).stdout,
        'site,page,kind,count\r\nfs,,visits,123456\r\nfs,/news/1.html,page-views,42\r\n',
      );
      assert.deepEqual(JSON.parse(cli(['export'], env).stdout).sites, [{ site: 'fs', visits: 123456, pages: [{ page: '/news/1.html', pageViews: 42 }] }]);
      assert.equal(cli(['sites', '--config', configFile], env).stdout, 'fs\t123456\t佛山中院\thttps://www.fscourt.example\nnh\t0\t\thttps://nh.example\n');
      // Connected to Redis, then the host cannot be bound: the command ends instead of hanging on the open connection.
      const bad = cli(['serve', '--config', configFile, '--port', '0', '--host', 'nohost.invalid'], env);
      assert.equal(bad.stderr, 'court-counter: --host: "nohost.invalid" cannot be resolved to an address of this machine (ENOTFOUND)\n');
      assert.equal(bad.code, 1);
    } finally {
      await redis.stop();
      redisDir.remove();
    }
  });
});

describe('maxPages holds with set', () => {
  const smallConfig = `${dir.path}/small.json`;
  writeFileSync(smallConfig, JSON.stringify({ sites: [{ id: 'small', origins: ['https://small.example'], maxPages: 3 }] }));
  const page = (url: string, path: string) =>
    fetch(`${url}/api/v1/hits`, { method: 'POST', body: JSON.stringify({ site: 'small', kind: 'page-view', page: path }) }).then((r) => r.status);

  test('SQLite: a page added by set while the service runs counts toward the limit, and set refuses a page past it', async () => {
    const db = `${dir.path}/small.sqlite`;
    const service = createCounterService({
      config: { port: 0, db, logLevel: 'silent', sites: [{ id: 'small', origins: ['https://small.example'], maxPages: 3 }] as never },
    });
    const url = await service.listen();
    try {
      assert.equal(await page(url, '/s/a'), 200);
      assert.equal(await page(url, '/s/b'), 200);
      const added = cli(['set', '--config', smallConfig, '--db', db, '--site', 'small', '--page', '/s/from-cli', '--count', '7']);
      assert.equal(added.code, 0, added.stderr);
      assert.equal(await page(url, '/s/c'), 409, 'the service sees the page set added');
      const past = cli(['set', '--config', smallConfig, '--db', db, '--site', 'small', '--page', '/s/more', '--count', '1']);
      assert.equal(past.code, 1);
      assert.equal(past.stderr, 'court-counter: --page: site "small" already keeps its limit of 3 pages (sites[].maxPages); a new page cannot be added\n');
      const existing = cli(['set', '--config', smallConfig, '--db', db, '--site', 'small', '--page', '/s/a', '--count', '9']);
      assert.equal(existing.code, 0, 'a page already kept can be set');
    } finally {
      await service.close();
    }
    const pages = cli(['export', '--format', 'csv', '--db', db]).stdout.split('\r\n').filter((l) => l.includes('page-views'));
    assert.deepEqual(pages, ['small,/s/a,page-views,9', 'small,/s/b,page-views,1', 'small,/s/from-cli,page-views,7']);
  });

  test('Redis: set refuses a page past the limit', async () => {
    const redisDir = tempDir();
    const redis = await startRedis(redisDir.path);
    try {
      const env = { COURT_COUNTER_STORE: 'redis', COURT_COUNTER_REDIS_URL: redis.url };
      for (const path of ['/s/1', '/s/2', '/s/3']) {
        assert.equal(cli(['set', '--config', smallConfig, '--site', 'small', '--page', path, '--count', '1'], env).code, 0);
      }
      const past = cli(['set', '--config', smallConfig, '--site', 'small', '--page', '/s/4', '--count', '1'], env);
      assert.equal(past.code, 1);
      assert.match(past.stderr, /limit of 3 pages/);
      assert.equal(cli(['export', '--format', 'csv'], env).stdout.split('\r\n').filter((l) => l.includes('page-views')).length, 3);
    } finally {
      await redis.stop();
      redisDir.remove();
    }
  });
});

describe('court-counter serve', () => {
  test('serves the API with flags over env and stops gracefully on SIGTERM', async () => {
    const port = await freePort();
    const db = `${dir.path}/serve.sqlite`;
    const child = track(
      spawn(process.execPath, ['--import', 'tsx', 'src/cli/court-counter.ts', 'serve', '--config', configFile, '--db', db, '--port', String(port)], {
        env: { ...process.env, COURT_COUNTER_PORT: '1', COURT_COUNTER_HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    const output = collect(child);
    const url = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${url}/healthz`).catch(() => null))?.ok === true, `court-counter serve (${output()})`);
    const res = await fetch(`${url}/api/v1/hits`, { method: 'POST', body: JSON.stringify({ site: 'nh', kind: 'visit' }) });
    assert.deepEqual(await res.json(), { site: 'nh', visits: 1 });
    child.kill('SIGTERM');
    await exited(child);
    assert.equal(child.exitCode, 0, output());
    const lines = output().trim().split('\n').map((l) => JSON.parse(l) as { msg: string });
    assert.deepEqual(lines.map((l) => l.msg), ['counter listening', 'counter shutting down', 'counter stopped']);
    assert.equal(cli(['export', '--format', 'csv', '--db', db]).stdout, 'site,page,kind,count\r\nnh,,visits,1\r\n');
  });
});

describe('court-counter export by a user who may not write the database folder', () => {
  // Reading a WAL database needs its -shm file, which SQLite creates in the folder. As root,
  // file modes do not stop writes, so there the command runs as nobody (uid 65534), for whom a
  // folder of root's with mode 755 is read-only; any other user makes the folder 555.
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? { uid: 65534, gid: 65534 } : {};

  /** A folder of its own holding `counter.sqlite`, made read-only for the user by `lock()`. */
  function folder() {
    const path = mkdtempSync(join(tmpdir(), 'court-counter-ro-'));
    return {
      path,
      db: join(path, 'counter.sqlite'),
      lock: () => chmodSync(path, asRoot ? 0o755 : 0o555),
      remove: () => {
        chmodSync(path, 0o755);
        rmSync(path, { recursive: true, force: true });
      },
    };
  }

  function exportAs(db: string) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/court-counter.ts', 'export', '--format', 'csv', '--db', db], {
      encoding: 'utf8',
      timeout: 20_000,
      ...user,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  /** Whether the user the command runs as can create a file in the folder: these tests need it not. */
  function canCreateIn(path: string): boolean {
    return spawnSync(process.execPath, ['-e', `require('node:fs').writeFileSync(${JSON.stringify(join(path, 'probe'))}, '')`], user).status === 0;
  }

  /** Offsets 18 and 19 of the SQLite header are 2 in WAL mode. */
  const isWal = (db: string) => [...readFileSync(db).subarray(18, 20)].join() === '2,2';

  test('a database the service closed (no -wal file, or an empty one) is exported, and nothing is created beside it', async () => {
    for (const wal of ['none', 'empty']) {
      const f = folder();
      try {
        const store = new SqliteStore({ file: f.db });
        await store.set('fs', 123456);
        await store.set('fs', 42, '/news/1.html');
        await store.close();
        if (wal === 'empty') writeFileSync(`${f.db}-wal`, '');
        const files = readdirSync(f.path);
        assert.ok(isWal(f.db));
        f.lock();
        assert.equal(canCreateIn(f.path), false, 'the folder is read-only for the user');
        const r = exportAs(f.db);
        assert.equal(r.stderr, '', wal);
        assert.equal(r.code, 0);
        assert.equal(r.stdout, 'site,page,kind,count\r\nfs,,visits,123456\r\nfs,/news/1.html,page-views,42\r\n', wal);
        assert.deepEqual(readdirSync(f.path), files, 'no -shm or -wal file was created');
      } finally {
        f.remove();
      }
    }
  });

  test('a database the service has open (its -wal and -shm files there) is exported with the counts still in the -wal file', async () => {
    const f = folder();
    const store = new SqliteStore({ file: f.db });
    try {
      await store.set('fs', 7);
      await store.hit('fs', 'visit');
      assert.ok(statSync(`${f.db}-wal`).size > 0 && existsSync(`${f.db}-shm`));
      f.lock();
      assert.equal(canCreateIn(f.path), false, 'the folder is read-only for the user');
      const r = exportAs(f.db);
      assert.equal(r.stderr, '');
      assert.equal(r.stdout, 'site,page,kind,count\r\nfs,,visits,8\r\n');
    } finally {
      await store.close();
      f.remove();
    }
  });

  test('a -wal file with counts not yet in the database and no -shm file: an error naming the file, the folder and the missing permission', async () => {
    // A copy taken while the service ran: the database file and its -wal file, without the -shm file.
    const live = `${dir.path}/live-copy.sqlite`;
    const store = new SqliteStore({ file: live });
    const f = folder();
    try {
      await store.set('fs', 99);
      copyFileSync(live, f.db);
      copyFileSync(`${live}-wal`, `${f.db}-wal`);
      assert.ok(statSync(`${f.db}-wal`).size > 0);
      f.lock();
      assert.equal(canCreateIn(f.path), false, 'the folder is read-only for the user');
      const r = exportAs(f.db);
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.startsWith(`court-counter: --db: cannot read the SQLite file ${f.db}: it uses the WAL journal, and counter.sqlite-wal beside it holds counts not yet in the file; `), r.stderr);
      assert.ok(r.stderr.includes(`needs write permission on the folder ${f.path}, where SQLite would create counter.sqlite-shm`), r.stderr);
      assert.match(r.stderr, asRoot ? /this user \(nobody\) does not have/ : /this user \(.+\) does not have/);
      assert.deepEqual(readdirSync(f.path).sort(), ['counter.sqlite', 'counter.sqlite-wal']);
    } finally {
      await store.close();
      f.remove();
    }
  });
});
