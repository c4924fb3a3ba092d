// Counter benchmark: requests/s and p99 latency of POST /api/v1/hits for the counter service
// and for a bare node:http server that only increments the same store, on SQLite and on Redis,
// in one run, 50 connections for 10 s each on loopback (autocannon).
//
//   node bench/counter.mjs [--duration 10] [--connections 50] [--warmup 2] [--rounds 2] [--only sqlite|redis]
//                          [--rate-burst 1000000] [--rate-per-second 1000000]
//
// Each server runs in its own child process (TypeScript through tsx); autocannon runs here.
// The machine may be shared, so each store's floor and service are measured in alternating
// order (floor, service, service, floor, ...) for --rounds rounds and averaged.
// The rate limit is set high enough not to throttle the load generator, which is one client.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createConnection, createServer as createNetServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const ORIGIN = 'http://127.0.0.1:8080';

const { values: args } = parseArgs({
  options: {
    serve: { type: 'string' },
    port: { type: 'string' },
    db: { type: 'string' },
    'redis-url': { type: 'string' },
    prefix: { type: 'string' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '2' },
    only: { type: 'string' },
    'rate-burst': { type: 'string', default: '1000000' },
    'rate-per-second': { type: 'string', default: '1000000' },
  },
});

/* ---------------------------------------------------------------------------------------- */
/* Child: one server                                                                         */
/* ---------------------------------------------------------------------------------------- */

async function serveChild() {
  const server = await import('../src/server/index.ts');
  const [mode, storeKind] = args.serve.split('-'); // service-sqlite, floor-redis, ...
  const port = Number(args.port);
  const store =
    storeKind === 'redis'
      ? await server.RedisStore.open({ url: args['redis-url'], prefix: args.prefix })
      : new server.SqliteStore({ file: args.db });
  let close;
  if (mode === 'service') {
    const service = server.createCounterService({
      config: {
        port,
        sites: [{ id: 'bench', origins: [ORIGIN] }],
        rateLimit: { burst: Number(args['rate-burst']), perSecond: Number(args['rate-per-second']) },
      },
      store,
    });
    await service.listen();
    close = () => service.close();
  } else {
    // The floor: read the body, increment the same store, answer with the number.
    const http = createServer((req, res) => {
      req.on('data', () => {});
      req.on('end', () => {
        store.hit('bench', 'visit').then(
          (counts) => {
            const text = JSON.stringify({ site: 'bench', visits: counts.visits });
            res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
            res.end(text);
          },
          () => {
            res.writeHead(503);
            res.end();
          },
        );
      });
    });
    await new Promise((resolve) => http.listen(port, '127.0.0.1', resolve));
    close = async () => {
      await new Promise((resolve) => http.close(resolve));
      await store.close();
    };
  }
  // The parent asks for this process's CPU time around each measured run.
  process.on('message', (message) => {
    if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  });
  process.send?.({ ready: true });
  process.on('SIGTERM', () => close().then(() => process.exit(0)));
}

/* ---------------------------------------------------------------------------------------- */
/* Parent: the measurements                                                                  */
/* ---------------------------------------------------------------------------------------- */

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function redisPing(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.setTimeout(500, () => (socket.destroy(), resolve(false)));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => (socket.end(), resolve(String(d).startsWith('+PONG'))));
    socket.on('error', () => resolve(false));
  });
}

async function startRedis(dir) {
  if (spawnSync('redis-server', ['--version']).error) return undefined;
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always',
      '--dir', dir, '--maxmemory-policy', 'noeviction', '--loglevel', 'warning'],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 200 && !(await redisPing(port)); i++) await new Promise((r) => setTimeout(r, 50));
  return { url: `redis://127.0.0.1:${port}`, stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))) };
}

async function startTarget(name, extra) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', name, '--port', String(port),
      '--rate-burst', args['rate-burst'], '--rate-per-second', args['rate-per-second'], ...extra],
    { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], cwd: join(here, '..') },
  );
  await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready`)));
  });
  return {
    url: `http://127.0.0.1:${port}/api/v1/hits`,
    /** CPU microseconds (user + system) the server process has used so far. */
    cpu: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve(m.cpu.user + m.cpu.system));
        child.send('cpu');
      }),
    stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))),
  };
}

async function measure(autocannon, url, duration) {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: Number(args.connections),
    duration,
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ site: 'bench', kind: 'visit' }),
  });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

async function parent() {
  const { default: autocannon } = await import('autocannon');
  const duration = Number(args.duration);
  const warmup = Number(args.warmup);
  const dir = mkdtempSync(join(tmpdir(), 'court-counter-bench-'));
  const rows = [];
  const stores = args.only ? [args.only] : ['sqlite', 'redis'];
  console.log(
    `counter benchmark: ${args.connections} connections, ${duration} s per run (after ${warmup} s warm-up), ` +
      `${args.rounds} runs per server, loopback, ` +
      `node ${process.version}, ${cpus().length} CPU (${cpus()[0]?.model ?? '?'})`,
  );
  try {
    for (const storeKind of stores) {
      let redis;
      if (storeKind === 'redis') {
        mkdirSync(join(dir, 'redis'), { recursive: true });
        redis = await startRedis(join(dir, 'redis'));
        if (!redis) {
          console.log('redis-server is not installed (apt-get install redis-server): Redis rows skipped');
          continue;
        }
      }
      const order = [];
      for (let round = 0; round < Number(args.rounds); round++) {
        order.push(...(round % 2 === 0 ? ['floor', 'service'] : ['service', 'floor']));
      }
      const runs = { floor: [], service: [] };
      for (const mode of order) {
        const name = `${mode}-${storeKind}`;
        const extra =
          storeKind === 'redis'
            ? ['--redis-url', redis.url, '--prefix', `${name}-${runs[mode].length}:`]
            : ['--db', join(dir, `${name}-${runs[mode].length}.sqlite`)];
        const target = await startTarget(name, extra);
        if (warmup > 0) await measure(autocannon, target.url, warmup);
        const cpuBefore = await target.cpu();
        const figures = await measure(autocannon, target.url, duration);
        const cpuAfter = await target.cpu();
        // Server CPU per answered request: less sensitive to a busy machine than req/s.
        figures.cpuPerRequest = (cpuAfter - cpuBefore) / Math.max(1, figures.ok + figures.non2xx);
        await target.stop();
        runs[mode].push(figures);
        console.log(
          `  ${pad(name, 16)} run ${runs[mode].length}: ${figures.rps.toFixed(0)} req/s, p99 ${figures.p99.toFixed(1)} ms, ` +
            `server CPU ${figures.cpuPerRequest.toFixed(1)} µs/request`,
        );
      }
      for (const mode of ['floor', 'service']) {
        const list = runs[mode];
        const mean = (key) => list.reduce((sum, f) => sum + f[key], 0) / list.length;
        const total = (key) => list.reduce((sum, f) => sum + f[key], 0);
        rows.push({
          store: storeKind,
          mode,
          rps: mean('rps'),
          p99: mean('p99'),
          cpuPerRequest: mean('cpuPerRequest'),
          ok: total('ok'),
          non2xx: total('non2xx'),
          errors: total('errors'),
          runs: list,
        });
      }
      await redis?.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  console.log('');
  console.log(
    `${pad('store', 8)}${pad('server (mean of runs)', 24)}${lpad('req/s', 9)}${lpad('p99 ms', 9)}${lpad('CPU µs/req', 12)}` +
      `${lpad('2xx', 10)}${lpad('non-2xx', 9)}${lpad('errors', 8)}`,
  );
  for (const r of rows) {
    const label = r.mode === 'floor' ? 'bare node:http + store' : 'counter service';
    console.log(
      `${pad(r.store, 8)}${pad(label, 24)}${lpad(r.rps.toFixed(0), 9)}${lpad(r.p99.toFixed(1), 9)}${lpad(r.cpuPerRequest.toFixed(1), 12)}` +
        `${lpad(r.ok, 10)}${lpad(r.non2xx, 9)}${lpad(r.errors, 8)}`,
    );
  }
  console.log('');
  console.log('ratios service / floor (target: req/s >= 0.70x, p99 <= 2.00x):');
  for (const storeKind of stores) {
    const floor = rows.find((r) => r.store === storeKind && r.mode === 'floor');
    const service = rows.find((r) => r.store === storeKind && r.mode === 'service');
    if (!floor || !service) continue;
    const rps = service.rps / floor.rps;
    const p99 = service.p99 / Math.max(floor.p99, 0.001);
    const cpu = service.cpuPerRequest / Math.max(floor.cpuPerRequest, 0.001);
    const verdict = rps >= 0.7 && p99 <= 2 ? 'meets the target' : 'MISSES the target';
    console.log(`  ${pad(storeKind, 8)}req/s ${rps.toFixed(2)}x   p99 ${p99.toFixed(2)}x   ${verdict}   (server CPU per request ${cpu.toFixed(2)}x)`);
  }
  const resultsDir = join(here, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `counter-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, duration, connections: Number(args.connections), rounds: Number(args.rounds), rows }, null, 2)}\n`);
  console.log(`\nfigures saved to ${file}`);
}

if (args.serve) await serveChild();
else await parent();
