// One suite, two stores: SQLite on a temp file and a real redis-server started here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { PageLimitError, RedisStore, SqliteStore, type CounterStore } from '../../src/server/index.js';
import { WriteHealth } from '../../src/server/stores/store.js';
import { createClient } from 'redis';
import { startRedis, tempDir, type RedisServer } from './counter-helpers.js';

interface Backend {
  name: 'sqlite' | 'redis';
  setUp(): Promise<void>;
  open(): Promise<CounterStore>;
  tearDown(): Promise<void>;
}

function sqliteBackend(): Backend & { file: string } {
  const dir = tempDir();
  const file = `${dir.path}/counter.sqlite`;
  return {
    name: 'sqlite',
    file,
    async setUp() {},
    async open() {
      return new SqliteStore({ file });
    },
    async tearDown() {
      dir.remove();
    },
  };
}

function redisBackend(): Backend {
  const dir = tempDir();
  let redis: RedisServer | undefined;
  const prefix = `test-${process.pid}:`;
  return {
    name: 'redis',
    async setUp() {
      redis = await startRedis(dir.path);
    },
    async open() {
      return RedisStore.open({ url: redis!.url, prefix });
    },
    async tearDown() {
      await redis?.stop();
      dir.remove();
    },
  };
}

function storeSuite(backend: Backend): void {
  describe(`${backend.name} store`, () => {
    let store: CounterStore;
    before(async () => {
      await backend.setUp();
      store = await backend.open();
    });
    after(async () => {
      await store.close();
      await backend.tearDown();
    });

    test('reads zero for a site and page never counted', async () => {
      assert.deepEqual(await store.counts('never'), { visits: 0 });
      assert.deepEqual(await store.counts('never', '/a'), { visits: 0, pageViews: 0 });
    });

    test('a visit adds one and returns the new total', async () => {
      assert.deepEqual(await store.hit('s1', 'visit'), { visits: 1 });
      assert.deepEqual(await store.hit('s1', 'visit'), { visits: 2 });
      assert.deepEqual(await store.counts('s1'), { visits: 2 });
    });

    test('a page view counts the page only; a visit naming a page reads its views', async () => {
      assert.deepEqual(await store.hit('s2', 'visit'), { visits: 1 });
      assert.deepEqual(await store.hit('s2', 'page-view', '/news/1.html'), { visits: 1, pageViews: 1 });
      assert.deepEqual(await store.hit('s2', 'page-view', '/news/1.html'), { visits: 1, pageViews: 2 });
      assert.deepEqual(await store.hit('s2', 'page-view', '/news/2.html'), { visits: 1, pageViews: 1 });
      assert.deepEqual(await store.hit('s2', 'visit', '/news/1.html'), { visits: 2, pageViews: 2 });
      assert.deepEqual(await store.counts('s2', '/news/1.html'), { visits: 2, pageViews: 2 });
    });

    test('sites are counted apart, even for the same page id', async () => {
      await store.hit('s3a', 'page-view', '/same');
      await store.hit('s3a', 'page-view', '/same');
      await store.hit('s3b', 'page-view', '/same');
      assert.equal((await store.counts('s3a', '/same')).pageViews, 2);
      assert.equal((await store.counts('s3b', '/same')).pageViews, 1);
    });

    test('200 concurrent hits each get their own number and none is lost', async () => {
      const replies = await Promise.all(Array.from({ length: 200 }, () => store.hit('s4', 'visit')));
      const numbers = replies.map((r) => r.visits).sort((a, b) => a - b);
      assert.deepEqual(numbers, Array.from({ length: 200 }, (_, i) => i + 1));
      assert.equal((await store.counts('s4')).visits, 200);
    });

    test('a starting count carried over from an old counter is continued', async () => {
      await store.set('s5', 123456);
      assert.deepEqual(await store.hit('s5', 'visit'), { visits: 123457 });
      await store.set('s5', 40, '/old/page');
      assert.equal((await store.hit('s5', 'page-view', '/old/page')).pageViews, 41);
    });

    test('a site at its page limit refuses new pages and writes nothing, old pages still count', async () => {
      await store.hit('s6', 'page-view', '/p1', 2);
      await store.hit('s6', 'page-view', '/p2', 2);
      await assert.rejects(store.hit('s6', 'page-view', '/p3', 2), PageLimitError);
      assert.equal((await store.counts('s6', '/p3')).pageViews, 0);
      assert.equal((await store.hit('s6', 'page-view', '/p1', 2)).pageViews, 2);
      assert.equal((await store.exportRows()).filter((r) => r.site === 's6').length, 2);
    });

    test('page ids keep any Unicode text', async () => {
      const page = '/新闻/审判动态/2024 "案件"';
      await store.hit('s7', 'page-view', page);
      assert.equal((await store.counts('s7', page)).pageViews, 1);
    });

    test('export lists every site first, then its pages in order', async () => {
      await store.set('s8', 7);
      await store.set('s8', 3, '/b');
      await store.set('s8', 2, '/a');
      const rows = (await store.exportRows()).filter((r) => r.site === 's8');
      assert.deepEqual(rows, [
        { site: 's8', page: null, count: 7 },
        { site: 's8', page: '/a', count: 2 },
        { site: 's8', page: '/b', count: 3 },
      ]);
    });

    test('counts survive closing and reopening the store', async () => {
      await store.set('s9', 99);
      await store.hit('s9', 'page-view', '/kept');
      await store.close();
      store = await backend.open();
      assert.deepEqual(await store.counts('s9', '/kept'), { visits: 99, pageViews: 1 });
    });

    test('health is ok while open and not ok once closed', async () => {
      assert.deepEqual(await store.health(), { ok: true });
      const other = await backend.open();
      await other.close();
      assert.equal((await other.health()).ok, false);
      await assert.rejects(other.hit('s10', 'visit'));
    });
  });
}

storeSuite(sqliteBackend());
storeSuite(redisBackend());

describe('write health', () => {
  test('reports the latest failed write until a write succeeds or the window passes', () => {
    let now = 1_000;
    const writes = new WriteHealth(60_000, () => now);
    assert.equal(writes.failure, undefined);
    writes.failed(new Error('database or disk is full'));
    assert.equal(writes.failure, 'writes are failing: database or disk is full');
    now += 60_000;
    assert.equal(writes.failure, 'writes are failing: database or disk is full', 'still inside the window');
    now += 1;
    assert.equal(writes.failure, undefined, 'the window has passed');
    writes.failed('MISCONF');
    assert.equal(writes.failure, 'writes are failing: MISCONF');
    writes.succeeded();
    assert.equal(writes.failure, undefined);
  });

  test('the window is timed with the monotonic clock: a wall clock stepped back an hour does not stretch it', async () => {
    const realNow = Date.now;
    let offset = 0;
    Date.now = () => realNow() + offset;
    try {
      const writes = new WriteHealth(30);
      writes.failed(new Error('The client is offline'));
      const failedAt = performance.now();
      // An NTP step back right after the failure.
      offset = -3_600_000;
      while (performance.now() - failedAt <= 60) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(writes.failure, undefined, 'the window has passed on the monotonic clock');
    } finally {
      Date.now = realNow;
    }
  });

  test('redis: a server that refuses writes makes health fail; the next accepted write clears it', async () => {
    const dir = tempDir();
    const redis = await startRedis(dir.path);
    const admin = createClient({ url: redis.url });
    await admin.connect();
    const store = await RedisStore.open({ url: redis.url, prefix: `wh-${process.pid}:` });
    try {
      assert.deepEqual(await store.hit('fs', 'visit'), { visits: 1 });
      assert.deepEqual(await store.health(), { ok: true });
      // A primary that must have a replica to write refuses every write, as after a failed save.
      await admin.configSet('min-replicas-to-write', '1');
      await assert.rejects(store.hit('fs', 'visit'), /NOREPLICAS/);
      const health = await store.health();
      assert.equal(health.ok, false);
      assert.match(health.error ?? '', /^writes are failing: .*NOREPLICAS/);
      assert.deepEqual(await store.counts('fs'), { visits: 1 }, 'reads still work');
      await admin.configSet('min-replicas-to-write', '0');
      assert.deepEqual(await store.hit('fs', 'visit'), { visits: 2 });
      assert.deepEqual(await store.health(), { ok: true });
    } finally {
      await store.close();
      await admin.close();
      await redis.stop();
      dir.remove();
    }
  });
});

describe('sqlite store file', () => {
  test('uses the WAL journal and keeps counts in the named file', async () => {
    const dir = tempDir();
    const file = `${dir.path}/nested/dir/c.sqlite`;
    const store = new SqliteStore({ file });
    await store.hit('fs', 'visit');
    await store.close();
    const db = new Database(file, { readonly: true });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.deepEqual(db.prepare('SELECT site, visits FROM site_visits').all(), [{ site: 'fs', visits: 1 }]);
    db.close();
    dir.remove();
  });
});

describe('sqlite store on a read-only file', () => {
  test('refuses to open, naming the file, instead of failing at the first hit', async () => {
    const dir = tempDir();
    const file = `${dir.path}/ro.sqlite`;
    const first = new SqliteStore({ file });
    await first.set('fs', 5);
    await first.close();
    chmodSync(file, 0o444);
    chmodSync(dir.path, 0o777);
    // Root writes read-only files anyway: open the store as an ordinary user then.
    const code = `import { SqliteStore } from './src/server/index.ts';
      try { new SqliteStore({ file: ${JSON.stringify(file)} }); console.log('opened'); } catch (e) { console.log(e.message); }`;
    const asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'nobody', '--'] : [];
    const run = spawnSync(asUser[0] ?? process.execPath, [...asUser.slice(1), ...(asUser.length ? [process.execPath] : []), '--import', 'tsx', '--input-type=module', '-e', code], {
      encoding: 'utf8',
      env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.json', HOME: dir.path },
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^cannot open the SQLite file .*ro\.sqlite: attempt to write a readonly database/);
    chmodSync(file, 0o644);
    const again = new SqliteStore({ file });
    assert.deepEqual(await again.exportRows(), [{ site: 'fs', page: null, count: 5 }], 'the probe wrote nothing');
    await again.close();
    dir.remove();
  });
});

describe('sqlite store opened read-only', () => {
  test('a missing file is refused, naming it, and nothing is created', () => {
    const dir = tempDir();
    const file = `${dir.path}/typo/deep.sqlite`;
    assert.throws(() => new SqliteStore({ file, readOnly: true }), (error: Error) => {
      assert.equal(error.message, `no counter database at ${file}: the file does not exist`);
      return true;
    });
    assert.equal(existsSync(`${dir.path}/typo`), false, 'no folder was created');
    dir.remove();
  });

  test('reads the counts of a running writer and refuses to write', async () => {
    const dir = tempDir();
    const file = `${dir.path}/c.sqlite`;
    const writer = new SqliteStore({ file });
    await writer.set('fs', 41);
    await writer.hit('fs', 'page-view', '/p');
    const reader = new SqliteStore({ file, readOnly: true });
    assert.deepEqual(await reader.counts('fs', '/p'), { visits: 41, pageViews: 1 });
    await writer.hit('fs', 'visit');
    assert.deepEqual(await reader.exportRows(), [{ site: 'fs', page: null, count: 42 }, { site: 'fs', page: '/p', count: 1 }]);
    await assert.rejects(reader.set('fs', 0), /readonly/);
    await reader.close();
    await writer.close();
    const again = new SqliteStore({ file, readOnly: true });
    assert.deepEqual(await again.counts('fs'), { visits: 42 }, 'a closed database reads the same');
    await again.close();
    dir.remove();
  });

  test('a file that is not a counter database is named as such', () => {
    const dir = tempDir();
    const text = `${dir.path}/counter.json`;
    writeFileSync(text, '{"sites": []}');
    assert.throws(() => new SqliteStore({ file: text, readOnly: true }), /^Error: cannot open the SQLite file .*counter\.json: file is not a database \(SQLITE_NOTADB\)$/);
    const other = `${dir.path}/other.sqlite`;
    const db = new Database(other);
    db.exec('CREATE TABLE t (x)');
    db.close();
    assert.throws(() => new SqliteStore({ file: other, readOnly: true }), /^Error: .*other\.sqlite is not a counter database \(no site_visits table\)$/);
    dir.remove();
  });
});

describe('sqlite store commits before it answers', () => {
  test('every number a hit resolves with is already committed, seen from another connection', async () => {
    const dir = tempDir();
    const file = `${dir.path}/commit.sqlite`;
    const store = new SqliteStore({ file });
    await store.hit('fs', 'visit');
    await store.hit('fs', 'page-view', '/p');
    // A second connection sees only committed transactions (WAL readers).
    const reader = new Database(file, { readonly: true });
    const visits = reader.prepare<[], { visits: number }>("SELECT visits FROM site_visits WHERE site = 'fs'");
    const views = reader.prepare<[], { views: number }>("SELECT views FROM page_views WHERE site = 'fs' AND page = '/p'");
    const seen: Array<[reply: number, committed: number]> = [];
    await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        (i % 2 === 0 ? store.hit('fs', 'visit') : store.hit('fs', 'page-view', '/p')).then((reply) => {
          // Read synchronously, before anything else can run.
          if (i % 2 === 0) seen.push([reply.visits, visits.get()!.visits]);
          else seen.push([reply.pageViews!, views.get()!.views]);
        }),
      ),
    );
    assert.equal(seen.length, 120);
    for (const [reply, committed] of seen) assert.ok(committed >= reply, `answered ${reply} while ${committed} was committed`);
    reader.close();
    await store.close();
    dir.remove();
  });

  test('a commit that fails rejects every hit of its batch and writes none of them', async () => {
    const dir = tempDir();
    const file = `${dir.path}/locked.sqlite`;
    const store = new SqliteStore({ file });
    await store.hit('fs', 'visit');
    // Another connection holds the write lock; the store's busy timeout (250 ms) then gives up.
    const other = new Database(file);
    other.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    const results = await Promise.allSettled([store.hit('fs', 'visit'), store.hit('fs', 'page-view', '/p')]);
    other.exec('ROLLBACK');
    other.close();
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
    assert.match(String((results[0] as PromiseRejectedResult).reason), /locked|busy/i);
    assert.deepEqual(await store.exportRows(), [{ site: 'fs', page: null, count: 1 }]);
    assert.deepEqual(await store.hit('fs', 'visit'), { visits: 2 }, 'the store works again once the lock is gone');
    await store.close();
    dir.remove();
  });
});

describe('redis store connection', () => {
  test('data flushed from Redis stays refused: a read-only open (export, sites) does not write the marker back', async () => {
    const dir = tempDir();
    const redis = await startRedis(dir.path);
    const admin = createClient({ url: redis.url });
    await admin.connect();
    const prefix = `lost-${process.pid}:`;
    const store = await RedisStore.open({ url: redis.url, prefix });
    try {
      assert.equal(store.markerCreated, true);
      assert.deepEqual(await store.hit('fs', 'visit'), { visits: 1 });
      await admin.flushAll();
      await assert.rejects(store.hit('fs', 'visit'), /counter data is gone/);
      const reader = await RedisStore.open({ url: redis.url, prefix, readOnly: true });
      await assert.rejects(reader.counts('fs'), /counter data is gone/);
      await reader.close();
      await assert.rejects(store.hit('fs', 'visit'), /counter data is gone/, 'still refused after the read-only open');
      assert.equal(await admin.exists(`${prefix}visits`), 0, 'nothing was counted from scratch');
    } finally {
      await store.close();
      await admin.close();
      await redis.stop();
      dir.remove();
    }
  });

  test('names the URL when Redis cannot be reached', async () => {
    await assert.rejects(RedisStore.open({ url: 'redis://127.0.0.1:1', connectTimeout: 1000 }), /cannot connect to Redis at redis:\/\/127\.0\.0\.1:1/);
  });
});
