// The counter service's log destination on a log file that stops taking lines (a file size
// limit, as on a full disk) and takes them again: the lines in between are dropped and counted,
// and one warning gives their number once lines get through.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, truncateSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { after, test } from 'node:test';
import { collect, exited, tempDir, track } from './counter-helpers.js';

const dir = tempDir('court-counter-log-');
after(() => dir.remove());

const hasPrlimit = spawnSync('prlimit', ['--version']).status === 0;

/** Logs `n` lines with pino through `logDestination`, for each number read from stdin, and answers `done`. */
const LOGGER = `
import { openSync } from 'node:fs';
import { createInterface } from 'node:readline';
import pino from 'pino';
import { logDestination } from './src/server/log.ts';
const logger = pino({ base: { service: 'court-counter' } }, logDestination(openSync(process.argv[1], 'a')));
let n = 0;
for await (const count of createInterface({ input: process.stdin })) {
  for (let i = 0; i < Number(count); i++) logger.info({ n: n++, pad: 'x'.repeat(40) }, 'hit');
  process.stdout.write('done\\n');
}
`;

interface Line {
  msg: string;
  level: number;
  n?: number;
  lost?: number;
  reason?: string;
}

/** The whole lines of a log text, parsed; a line that is no JSON is kept as text. */
function lines(text: string): Array<Line | string> {
  return text.split('\n').slice(0, -1).map((l) => {
    try {
      return JSON.parse(l) as Line;
    } catch {
      return l;
    }
  });
}

/** How many `hit` lines numbered `from` and up stand whole in the log text. */
function hitsSince(text: string, from: number): number {
  return lines(text).filter((l) => typeof l === 'object' && l.msg === 'hit' && l.n! >= from).length;
}

test('lines a full log file refuses are counted, and one warning gives their number and reason once lines get through; the count starts again after it', { skip: hasPrlimit ? false : 'needs prlimit (util-linux) to change the file size limit of a running process' }, async () => {
  const file = `${dir.path}/counter.log`;
  // Every file the logger writes may grow to 1 KiB (soft limit, which prlimit raises later):
  // writes beyond it fail with EFBIG, as writes to a full disk fail with ENOSPC.
  const child = track(
    spawn('bash', ['-c', 'ulimit -S -f 1 && exec "$@"', 'bash', process.execPath, '--import', 'tsx', '--input-type=module', '-e', LOGGER, file], {
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  );
  try {
    const output = collect(child);
    const answers = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const log = async (count: number) => {
      child.stdin!.write(`${count}\n`);
      const answer = await answers.next();
      assert.equal(answer.value, 'done', output());
      return readFileSync(file, 'utf8');
    };
    const fileSizeLimit = (limit: string) => {
      const run = spawnSync('prlimit', ['--pid', String(child.pid), `--fsize=${limit}:`], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
    };

    // The file fills up: the first lines are written, the rest are not.
    const full = await log(20);
    const written = hitsSince(full, 0);
    assert.ok(written > 0 && written < 20, full);
    assert.ok(full.length <= 1024);
    // Room again (the disk has space once more): the warning comes first, as a line of its own.
    fileSizeLimit('unlimited');
    const text = await log(3);
    const freed = text.slice(full.length);
    const warnings = lines(text).filter((l) => typeof l === 'object' && l.msg === 'log lines lost');
    assert.deepEqual(warnings.map((w) => typeof w === 'object' && [w.level, w.lost, w.reason]), [[40, 20 - written, 'EFBIG']], freed);
    assert.equal(hitsSince(freed, 20), 3, freed);
    // A line cut where the file was full stays cut, but on its own line: every line after it is whole.
    const cut = lines(text).slice(written).filter((l) => typeof l === 'string');
    assert.ok(cut.length <= 1 && full.endsWith(`${cut[0] ?? ''}`), text);
    // The next lines come without a warning: the count was reset.
    const calm = (await log(2)).slice(text.length);
    assert.deepEqual(lines(calm).map((l) => typeof l === 'object' && l.msg), ['hit', 'hit'], calm);

    // Full again, then the file is emptied (logrotate's copytruncate): the warning counts only the new losses.
    fileSizeLimit('1024');
    const before = readFileSync(file, 'utf8');
    assert.equal((await log(4)).length, before.length);
    truncateSync(file, 0);
    const rotated = await log(1);
    assert.deepEqual(
      lines(rotated).map((l) => (typeof l === 'object' ? [l.msg, l.lost ?? l.n, l.reason ?? ''] : l)),
      [['log lines lost', 4, 'EFBIG'], ['hit', 29, '']],
      rotated,
    );

    child.stdin!.end();
    await exited(child);
    assert.equal(child.exitCode, 0, output());
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});
