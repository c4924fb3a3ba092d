import { fstatSync, writeSync } from 'node:fs';
import type { Logger } from 'pino';

type Level = 'error' | 'warn' | 'info';

interface Held {
  level: Level;
  msg: string;
  fields: Record<string, unknown>;
  count: number;
}

/**
 * Log lines that a flood of requests would repeat (a store that refuses every hit, clients
 * refused by the rate limit): the first one of each message and reason is logged at once, the
 * next ones within `interval` ms are counted and logged as one line with `repeated: N` when
 * the interval ends, or on {@link RepeatedLog.stop}. So a failing store writes a few lines a
 * minute, not one per request, and cannot fill the disk the log is on, while a new reason
 * (Redis back but without its data) is logged at once. Timed with the monotonic clock.
 */
export class RepeatedLog {
  #logger: Logger;
  #now: () => number;
  #lastLogged = new Map<string, number>();
  #held = new Map<string, Held>();
  #timer: NodeJS.Timeout;

  constructor(logger: Logger, readonly interval = 60_000, now: () => number = () => performance.now()) {
    this.#logger = logger;
    this.#now = now;
    this.#timer = setInterval(() => this.flush(), interval);
    this.#timer.unref();
  }

  /** Logs `msg` now, or counts it when the same `msg` and `reason` was logged within the interval. */
  log(level: Level, fields: Record<string, unknown>, msg: string, reason = ''): void {
    const key = `${msg}\n${reason.slice(0, 200)}`;
    const now = this.#now();
    const last = this.#lastLogged.get(key);
    const held = this.#held.get(key);
    if (held === undefined && (last === undefined || now - last >= this.interval)) {
      // Bounded: reasons that keep changing are forgotten rather than piling up.
      if (this.#lastLogged.size >= 1000) this.#lastLogged.clear();
      this.#lastLogged.set(key, now);
      this.#logger[level](fields, msg);
      return;
    }
    if (held) {
      held.count += 1;
      held.fields = fields;
    } else this.#held.set(key, { level, msg, fields, count: 1 });
  }

  /** Logs what was held back, one line per message and reason with `repeated` (how many were not logged). */
  flush(): void {
    const now = this.#now();
    for (const [key, held] of this.#held) {
      this.#lastLogged.set(key, now);
      this.#logger[held.level]({ ...held.fields, repeated: held.count }, held.msg);
    }
    this.#held.clear();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.flush();
  }
}

/**
 * pino's destination for the service's log: JSON lines written synchronously to `fd` (so none
 * is lost or reordered when the process exits). A line the destination refuses (ENOSPC or
 * EFBIG on a full disk, a closed pipe) is dropped and counted instead of stopping the
 * service; once lines get through again, a warning says how many were lost. A line the
 * destination took only in part (a file that filled up in the middle of it) is ended before the
 * warning, so that the warning and every line after it stay whole JSON lines.
 */
export function logDestination(fd = 1): { write(line: string): void } {
  let lost = 0;
  let reason = '';
  /** Part of a line was written: the text written next must start on a new line. */
  let cut = false;
  const writeAll = (text: string) => {
    const bytes = Buffer.from(text);
    let written = 0;
    let waits = 0;
    while (written < bytes.length) {
      try {
        written += writeSync(fd, bytes, written);
      } catch (error) {
        // A non-blocking pipe that is full for now: wait a little, as pino's own destination does.
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN' || ++waits > 100) {
          if (written > 0) cut = true;
          throw error;
        }
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      }
    }
  };
  /** Whether a cut line is still there to end: not when its file has been emptied since (logrotate's copytruncate). */
  const cutLineRemains = () => {
    try {
      const stat = fstatSync(fd);
      return !stat.isFile() || stat.size > 0;
    } catch {
      return true;
    }
  };
  return {
    write(line: string) {
      try {
        if (lost > 0) {
          const start = cut && cutLineRemains() ? '\n' : '';
          writeAll(`${start}${JSON.stringify({ level: 40, time: Date.now(), service: 'court-counter', lost, reason, msg: 'log lines lost' })}\n`);
          lost = 0;
          cut = false;
        }
        writeAll(line);
      } catch (error) {
        lost += 1;
        reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      }
    },
  };
}
