// Kill the service (and Redis) with SIGKILL under load, restart on the same data, and find
// every acknowledged increment.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { SqliteStore } from '../../src/server/index.js';
import { collect, exited, freePort, startRedis, tempDir, track, waitFor } from './counter-helpers.js';

const dir = tempDir();
after(() => dir.remove());

const WORKERS = 24;
const KILL_AFTER = 400;

interface Service {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Runs `court-counter serve`; `fileSizeKb` limits the size of any file it writes (ulimit -f), like a full disk. */
async function serve(config: Record<string, unknown>, fileSizeKb?: number, stdout: 'pipe' | number = 'pipe'): Promise<Service> {
  const port = await freePort();
  const file = `${dir.path}/config-${port}.json`;
  writeFileSync(
    file,
    JSON.stringify({
      port,
      logLevel: 'warn',
      rateLimit: { burst: 1_000_000, perSecond: 1_000_000 },
      sites: [{ id: 'fs', origins: ['http://localhost:8080'] }],
      ...config,
    }),
  );
  const command = [process.execPath, '--import', 'tsx', 'src/cli/court-counter.ts', 'serve', '--config', file];
  const child = track(
    fileSizeKb === undefined
      ? spawn(command[0]!, command.slice(1), { stdio: ['ignore', stdout, 'pipe'] })
      : spawn('bash', ['-c', `ulimit -f ${fileSizeKb} && exec "$@"`, 'bash', ...command], { stdio: ['ignore', stdout, 'pipe'] }),
  );
  const output = collect(child);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/healthz`).catch(() => null))?.ok === true, `the counter service (${output()})`);
  return { child, url, output };
}

interface Load {
  sent: { visit: number; 'page-view': number };
  acked: { visit: number; 'page-view': number };
  /** Highest number any acknowledged reply reported. */
  highest: { visit: number; 'page-view': number };
}

/** Fires hits from many workers until `kill` has run and every worker has seen its connection fail. */
async function loadAndKill(url: string, kill: () => Promise<void>): Promise<Load> {
  const load: Load = { sent: { visit: 0, 'page-view': 0 }, acked: { visit: 0, 'page-view': 0 }, highest: { visit: 0, 'page-view': 0 } };
  let killed = false;
  let reachedThreshold!: () => void;
  const threshold = new Promise<void>((resolve) => (reachedThreshold = resolve));
  async function worker(n: number): Promise<void> {
    for (let i = 0; ; i++) {
      const kind = (n + i) % 2 === 0 ? 'visit' : 'page-view';
      load.sent[kind] += 1;
      let reply: { visits: number; pageViews?: number };
      try {
        const res = await fetch(`${url}/api/v1/hits`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(kind === 'visit' ? { site: 'fs', kind } : { site: 'fs', kind, page: '/durable' }),
        });
        if (res.status !== 200) throw new Error(`status ${res.status}`);
        reply = (await res.json()) as typeof reply;
      } catch {
        if (killed) return;
        throw new Error('a hit failed before the service was killed');
      }
      load.acked[kind] += 1;
      const number = kind === 'visit' ? reply.visits : reply.pageViews!;
      load.highest[kind] = Math.max(load.highest[kind], number);
      if (load.acked.visit + load.acked['page-view'] >= KILL_AFTER) reachedThreshold();
    }
  }
  const workers = Array.from({ length: WORKERS }, (_, n) => worker(n));
  await threshold;
  killed = true;
  await kill();
  await Promise.all(workers);
  return load;
}

async function countsAfterRestart(url: string): Promise<{ visits: number; pageViews: number }> {
  const res = await fetch(`${url}/api/v1/counts?site=fs&page=/durable`);
  assert.equal(res.status, 200);
  return (await res.json()) as { visits: number; pageViews: number };
}

function assertDurable(load: Load, counts: { visits: number; pageViews: number }): void {
  // Every acknowledged increment is there, and nothing was counted that was never sent.
  assert.ok(load.acked.visit > 0 && load.acked['page-view'] > 0);
  assert.ok(counts.visits >= load.acked.visit, `visits ${counts.visits} < acknowledged ${load.acked.visit}`);
  assert.ok(counts.visits >= load.highest.visit, `visits ${counts.visits} < highest acknowledged number ${load.highest.visit}`);
  assert.ok(counts.visits <= load.sent.visit, `visits ${counts.visits} > sent ${load.sent.visit}`);
  assert.ok(counts.pageViews >= load.acked['page-view'], `page views ${counts.pageViews} < acknowledged ${load.acked['page-view']}`);
  assert.ok(counts.pageViews >= load.highest['page-view']);
  assert.ok(counts.pageViews <= load.sent['page-view'], `page views ${counts.pageViews} > sent ${load.sent['page-view']}`);
}

describe('durability under SIGKILL', () => {
  test('SQLite: every acknowledged hit survives a SIGKILL of the service', async () => {
    const db = `${dir.path}/durable.sqlite`;
    const first = await serve({ store: 'sqlite', db });
    const load = await loadAndKill(first.url, async () => {
      first.child.kill('SIGKILL');
      await exited(first.child);
    });
    assert.equal(first.child.signalCode, 'SIGKILL');
    const second = await serve({ store: 'sqlite', db });
    const counts = await countsAfterRestart(second.url);
    second.child.kill('SIGTERM');
    await exited(second.child);
    assertDurable(load, counts);
  });

  test('Redis (appendfsync always): every acknowledged hit survives a SIGKILL of the service and of redis-server', async () => {
    const redisDir = tempDir();
    const redis = await startRedis(redisDir.path);
    try {
      const config = { store: 'redis', redisUrl: redis.url, redisPrefix: 'durable:' };
      const first = await serve(config);
      const load = await loadAndKill(first.url, async () => {
        await redis.kill();
        first.child.kill('SIGKILL');
        await exited(first.child);
      });
      await redis.start();
      const second = await serve(config);
      const counts = await countsAfterRestart(second.url);
      second.child.kill('SIGTERM');
      await exited(second.child);
      assertDurable(load, counts);
    } finally {
      await redis.stop();
      redisDir.remove();
    }
  });
});

describe('a full disk', () => {
  test('SQLite: writes that do not fit get 503, the service keeps running and reading, acknowledged hits are kept', async () => {
    const db = `${dir.path}/full.sqlite`;
    // Every file the service writes is limited to 512 KiB: the WAL soon cannot grow.
    const first = await serve({ store: 'sqlite', db }, 512);
    const ackedPages: string[] = [];
    let ackedVisits = 0;
    let refused: { status: number; body: { error?: { code: string } } } | undefined;
    for (let i = 0; i < 20_000 && !refused; i++) {
      const page = `/full/${i}/${'x'.repeat(400)}`;
      const body = i % 2 === 0 ? { site: 'fs', kind: 'visit' } : { site: 'fs', kind: 'page-view', page };
      const res = await fetch(`${first.url}/api/v1/hits`, { method: 'POST', body: JSON.stringify(body) });
      const answer = (await res.json()) as { visits: number; error?: { code: string } };
      if (res.status !== 200) refused = { status: res.status, body: answer };
      else if (body.kind === 'visit') ackedVisits = Math.max(ackedVisits, answer.visits);
      else ackedPages.push(page);
    }
    assert.ok(refused, `the store never filled up (${first.output()})`);
    assert.equal(refused.status, 503);
    assert.equal(refused.body.error?.code, 'store-unavailable');
    assert.ok(ackedVisits > 0 && ackedPages.length > 0);
    // Still up: reads work and the process did not exit; health says writes are failing.
    const read = await fetch(`${first.url}/api/v1/counts?site=fs`);
    assert.equal(read.status, 200);
    const health = await fetch(`${first.url}/healthz`);
    assert.equal(health.status, 503);
    const state = (await health.json()) as { status: string; store: { ok: boolean; error?: string } };
    assert.equal(state.status, 'unavailable');
    assert.match(state.store.error ?? '', /^writes are failing: /);
    assert.equal(first.child.exitCode, null);
    assert.match(first.output(), /store request failed/);
    first.child.kill('SIGTERM');
    await exited(first.child);

    const second = await serve({ store: 'sqlite', db });
    const counts = (await (await fetch(`${second.url}/api/v1/counts?site=fs`)).json()) as { visits: number };
    assert.ok(counts.visits >= ackedVisits, `visits ${counts.visits} < acknowledged ${ackedVisits}`);
    second.child.kill('SIGTERM');
    await exited(second.child);
    const store = new SqliteStore({ file: db });
    const stored = new Set((await store.exportRows()).filter((r) => r.page !== null && r.count === 1).map((r) => r.page));
    await store.close();
    const lost = ackedPages.filter((page) => !stored.has(page));
    assert.deepEqual(lost.map((p) => p.slice(0, 12)), [], `${lost.length} of ${ackedPages.length} acknowledged pages were lost`);
  });

  test('a log destination that is full too (ENOSPC) does not stop the service', async () => {
    const db = `${dir.path}/full-log.sqlite`;
    // stdout on /dev/full: every log line fails to be written, as on a disk that is full.
    const full = openSync('/dev/full', 'w');
    let first: Service;
    try {
      first = await serve({ store: 'sqlite', db, logLevel: 'info' }, 512, full);
    } finally {
      closeSync(full);
    }
    let refused = 0;
    for (let i = 0; i < 20_000 && refused < 50; i++) {
      const page = `/full/${i}/${'x'.repeat(400)}`;
      const res = await fetch(`${first.url}/api/v1/hits`, { method: 'POST', body: JSON.stringify({ site: 'fs', kind: 'page-view', page }) });
      await res.arrayBuffer();
      if (res.status === 503) refused += 1;
      else assert.equal(res.status, 200);
    }
    assert.equal(refused, 50, `the store never filled up (${first.output()})`);
    assert.equal(first.child.exitCode, null, first.output());
    const read = await fetch(`${first.url}/api/v1/counts?site=fs`);
    assert.equal(read.status, 200);
    assert.equal((await fetch(`${first.url}/healthz`)).status, 503);
    first.child.kill('SIGTERM');
    await exited(first.child);
  });
});
