import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { userInfo } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { PageLimitError, WriteHealth, type CountRow, type CounterStore, type Counts, type HitKind, type StoreHealth } from './store.js';

export interface SqliteStoreOptions {
  /** Database file; its directory is created when missing. */
  file: string;
  /**
   * `full` (default): every commit is fsynced before the reply, so acknowledged counts
   * survive a power cut. `normal`: in WAL mode a commit survives a crash of the service
   * but the last commits may be lost if the machine itself loses power.
   */
  synchronous?: 'full' | 'normal';
  /**
   * How long a write waits for another connection's write lock before it fails, in ms
   * (default 250). SQLite waits synchronously, and the service with it (reads and `/healthz`
   * included), so this is kept short: a hit that cannot get the lock in time gets a 503 and
   * the element keeps its last number.
   */
  busyTimeout?: number;
  /**
   * Opens an existing database for reading only (`export`, `sites`): nothing is created,
   * a missing file is an error naming it, and every write is refused. It also works for a
   * user who may not write the database's folder (see `openReadOnly`).
   */
  readOnly?: boolean;
}

interface PendingHit {
  site: string;
  kind: HitKind;
  page: string | undefined;
  maxPages: number;
  resolve: (counts: Counts) => void;
  reject: (error: unknown) => void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS site_visits (
  site TEXT PRIMARY KEY,
  visits INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS page_views (
  site TEXT NOT NULL,
  page TEXT NOT NULL,
  views INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site, page)
) WITHOUT ROWID;
`;

const ROLLED_BACK = Symbol('rolled back');

/** An SQLite file without the counter's tables, opened read-only. */
class NotCounterDatabase extends Error {}

/** A database this user cannot read, with the reason and what to do (the message says it all). */
class UnreadableDatabase extends Error {}

let driver: typeof Database | undefined;

/**
 * better-sqlite3, loaded when a SQLite store is first opened. It is an optional dependency:
 * it compiles on install, which needs a C++ toolchain, and sites that count with Redis (or
 * only use the elements) can do without it.
 */
function sqliteDriver(): typeof Database {
  if (driver) return driver;
  try {
    driver = createRequire(import.meta.url)('better-sqlite3') as typeof Database;
    return driver;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error(
      'the SQLite store needs the better-sqlite3 package, which is not installed (it is an optional dependency ' +
        'that compiles on install, with Python, make and a C++ compiler): run `npm install better-sqlite3`, or count with Redis (store: redis)',
    );
  }
}

/**
 * A read-only file or folder opens and reads fine and fails only at the first write: write a
 * row in a transaction that is always rolled back, so the problem shows at start-up.
 */
function probeWrite(db: Database.Database): void {
  const insert = db.prepare("INSERT INTO site_visits (site, visits) VALUES ('', 0) ON CONFLICT (site) DO NOTHING");
  try {
    db.transaction(() => {
      insert.run();
      throw ROLLED_BACK;
    })();
  } catch (error) {
    if (error !== ROLLED_BACK) throw error;
  }
}

/** Whether this process may do `mode` (`constants.R_OK`, `W_OK`) on a path. */
function may(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

/** Bytes in a file, 0 when there is none. */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function thisUser(): string {
  try {
    return userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? '?'}`;
  }
}

/** Whether a file is an SQLite database in WAL mode: its header's format versions (offsets 18 and 19) are 2. */
function isWalDatabase(file: string): boolean {
  const header = Buffer.alloc(20);
  const fd = openSync(file, 'r');
  try {
    return readSync(fd, header, 0, 20, 0) === 20 && header.toString('latin1', 0, 16) === 'SQLite format 3\0' && header[18] === 2 && header[19] === 2;
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens an existing database for reading only. Reading a database in WAL mode needs its `-shm`
 * file, which SQLite creates beside the database when it is not there (the service removes it
 * when it stops): a user who may not write the folder (`export` run by another user than the
 * service, a backup account) cannot read the database then. When its `-wal` file is absent or
 * empty too, every committed count is in the database file itself, so it is read from a copy in
 * memory instead, marked as a rollback-journal database (header offsets 18 and 19 set to 1,
 * nothing else changes). When the `-wal` file holds counts not yet in the database, or the file
 * cannot be read, the error names the file, the folder and the permission that is missing.
 */
function openReadOnly(file: string): Database.Database {
  const Driver = sqliteDriver();
  if (!may(file, constants.R_OK)) {
    throw new UnreadableDatabase(`cannot read the SQLite file ${file}: this user (${thisUser()}) has no read permission on it`);
  }
  let db: Database.Database | undefined;
  try {
    db = new Driver(file, { readonly: true, fileMustExist: true });
    // SQLite opens the -wal and -shm files at the first read, and fails there if it cannot.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return db;
  } catch (error) {
    db?.close();
    if (!isWalDatabase(file)) throw error;
    const folder = dirname(file);
    const wal = `${file}-wal`;
    const shm = `${file}-shm`;
    if (sizeOf(wal) === 0) {
      const bytes = readFileSync(file);
      // The service started and wrote while the file was read: the copy may be torn, and the
      // -shm file needed to read it properly exists now.
      if (sizeOf(wal) !== 0) return openReadOnly(file);
      bytes[18] = 1;
      bytes[19] = 1;
      return new Driver(bytes, { readonly: true });
    }
    const missing = existsSync(shm)
      ? may(shm, constants.R_OK)
        ? undefined
        : `read permission on ${shm}`
      : may(folder, constants.W_OK)
        ? undefined
        : `write permission on the folder ${folder}, where SQLite would create ${basename(shm)} to read it`;
    if (!missing) throw error;
    throw new UnreadableDatabase(
      `cannot read the SQLite file ${file}: it uses the WAL journal, and ${basename(wal)} beside it holds counts not yet in the file; ` +
        `reading them needs ${missing}, which this user (${thisUser()}) does not have: run the command as the user that runs the service, ` +
        `or as one that may write ${folder}`,
    );
  }
}

/**
 * Counts in one SQLite file (WAL journal). Hits that arrive while the event loop is busy
 * are grouped into one transaction ("group commit"); each caller's promise resolves only
 * after that transaction has committed, so no reply ever reports an uncommitted count.
 */
export class SqliteStore implements CounterStore {
  readonly kind = 'sqlite' as const;
  readonly file: string;
  #db: Database.Database;
  #queue: PendingHit[] = [];
  #flushScheduled = false;
  #pageTotals = new Map<string, number>();
  #closed = false;
  #writes = new WriteHealth();
  /** SQLite's count of commits by other connections (`court-counter set`), seen at the last batch. */
  #dataVersion = -1;
  #stmts;
  #commitBatch;
  #setPage;

  constructor(options: SqliteStoreOptions) {
    this.file = resolve(options.file);
    if (options.readOnly && !existsSync(this.file)) {
      throw new Error(`no counter database at ${this.file}: the file does not exist`);
    }
    let db: Database.Database | undefined;
    try {
      if (options.readOnly) {
        db = openReadOnly(this.file);
        db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeout ?? 250))}`);
        const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'").all().map((t) => t.name);
        for (const table of ['site_visits', 'page_views']) {
          if (!tables.includes(table)) throw new NotCounterDatabase(`${this.file} is not a counter database (no ${table} table)`);
        }
      } else {
        mkdirSync(dirname(this.file), { recursive: true });
        db = new (sqliteDriver())(this.file);
        db.pragma('journal_mode = WAL');
        db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
        db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeout ?? 250))}`);
        db.exec(SCHEMA);
        probeWrite(db);
      }
    } catch (error) {
      db?.close();
      if (error instanceof NotCounterDatabase || error instanceof UnreadableDatabase) throw new Error(error.message);
      const reason = (error as NodeJS.ErrnoException).code ?? '';
      throw new Error(`cannot open the SQLite file ${this.file}: ${(error as Error).message}${reason && !(error as Error).message.includes(reason) ? ` (${reason})` : ''}`);
    }
    this.#db = db;
    this.#stmts = {
      addVisit: db.prepare<[string], { visits: number }>(
        'INSERT INTO site_visits (site, visits) VALUES (?, 1) ON CONFLICT (site) DO UPDATE SET visits = visits + 1 RETURNING visits',
      ),
      addView: db.prepare<[string, string], { views: number }>(
        'UPDATE page_views SET views = views + 1 WHERE site = ? AND page = ? RETURNING views',
      ),
      newPage: db.prepare<[string, string], { views: number }>(
        'INSERT INTO page_views (site, page, views) VALUES (?, ?, 1) RETURNING views',
      ),
      countPages: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM page_views WHERE site = ?'),
      visits: db.prepare<[string], { visits: number }>('SELECT visits FROM site_visits WHERE site = ?'),
      views: db.prepare<[string, string], { views: number }>('SELECT views FROM page_views WHERE site = ? AND page = ?'),
      setVisits: db.prepare<[string, number]>(
        'INSERT INTO site_visits (site, visits) VALUES (?, ?) ON CONFLICT (site) DO UPDATE SET visits = excluded.visits',
      ),
      setViews: db.prepare<[string, string, number]>(
        'INSERT INTO page_views (site, page, views) VALUES (?, ?, ?) ON CONFLICT (site, page) DO UPDATE SET views = excluded.views',
      ),
      allVisits: db.prepare<[], { site: string; visits: number }>('SELECT site, visits FROM site_visits ORDER BY site'),
      allViews: db.prepare<[], { site: string; page: string; views: number }>(
        'SELECT site, page, views FROM page_views ORDER BY site, page',
      ),
    };
    // One transaction for a whole batch; results are handed out only after it returns (commit).
    this.#commitBatch = db.transaction((batch: PendingHit[]) => {
      const results: Array<Counts | Error> = [];
      for (const hit of batch) {
        try {
          results.push(this.#apply(hit));
        } catch (error) {
          if (!(error instanceof PageLimitError)) throw error;
          results.push(error);
        }
      }
      return results;
    });
    this.#setPage = db.transaction((site: string, page: string, count: number, maxPages: number) => {
      if (this.#stmts.views.get(site, page) === undefined && this.#stmts.countPages.get(site)!.n >= maxPages) {
        throw new PageLimitError(site, maxPages);
      }
      this.#stmts.setViews.run(site, page, count);
    });
  }

  /** Forgets the page totals when another connection (`court-counter set`) has committed since. */
  #checkOthers(): void {
    const version = this.#db.pragma('data_version', { simple: true }) as number;
    if (version !== this.#dataVersion) {
      this.#pageTotals.clear();
      this.#dataVersion = version;
    }
  }

  #pagesOf(site: string): number {
    let total = this.#pageTotals.get(site);
    if (total === undefined) {
      total = this.#stmts.countPages.get(site)?.n ?? 0;
      this.#pageTotals.set(site, total);
    }
    return total;
  }

  #apply(hit: PendingHit): Counts {
    const { site, kind, page } = hit;
    if (kind === 'visit') {
      const visits = this.#stmts.addVisit.get(site)!.visits;
      return page === undefined ? { visits } : { visits, pageViews: this.#stmts.views.get(site, page)?.views ?? 0 };
    }
    if (page === undefined) throw new TypeError('a page-view needs a page');
    let views = this.#stmts.addView.get(site, page)?.views;
    if (views === undefined) {
      const pages = this.#pagesOf(site);
      if (pages >= hit.maxPages) throw new PageLimitError(site, hit.maxPages);
      views = this.#stmts.newPage.get(site, page)!.views;
      this.#pageTotals.set(site, pages + 1);
    }
    return { visits: this.#stmts.visits.get(site)?.visits ?? 0, pageViews: views };
  }

  #flush = (): void => {
    this.#flushScheduled = false;
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length === 0) return;
    let results: Array<Counts | Error>;
    try {
      this.#checkOthers();
      results = this.#commitBatch(batch);
    } catch (error) {
      // Nothing of the batch was committed; the page totals may be ahead of the table.
      this.#pageTotals.clear();
      this.#writes.failed(error);
      for (const hit of batch) hit.reject(error);
      return;
    }
    this.#writes.succeeded();
    batch.forEach((hit, i) => {
      const result = results[i]!;
      if (result instanceof Error) hit.reject(result);
      else hit.resolve(result);
    });
  };

  hit(site: string, kind: HitKind, page?: string, maxPages = Number.POSITIVE_INFINITY): Promise<Counts> {
    if (this.#closed) return Promise.reject(new Error('the SQLite store is closed'));
    return new Promise<Counts>((resolve, reject) => {
      this.#queue.push({ site, kind, page, maxPages, resolve, reject });
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        setImmediate(this.#flush);
      }
    });
  }

  async counts(site: string, page?: string): Promise<Counts> {
    if (this.#closed) throw new Error('the SQLite store is closed');
    const visits = this.#stmts.visits.get(site)?.visits ?? 0;
    return page === undefined ? { visits } : { visits, pageViews: this.#stmts.views.get(site, page)?.views ?? 0 };
  }

  async set(site: string, count: number, page?: string, maxPages = Number.POSITIVE_INFINITY): Promise<void> {
    if (this.#closed) throw new Error('the SQLite store is closed');
    if (page === undefined) this.#stmts.setVisits.run(site, count);
    else {
      this.#setPage(site, page, count, maxPages);
      this.#pageTotals.delete(site);
    }
  }

  async exportRows(): Promise<CountRow[]> {
    const rows: CountRow[] = this.#stmts.allVisits.all().map((r) => ({ site: r.site, page: null, count: r.visits }));
    for (const r of this.#stmts.allViews.all()) rows.push({ site: r.site, page: r.page, count: r.views });
    return sortRows(rows);
  }

  async health(): Promise<StoreHealth> {
    if (this.#closed) return { ok: false, error: 'closed' };
    const failure = this.#writes.failure;
    if (failure) return { ok: false, error: failure };
    try {
      this.#db.prepare('SELECT 1').get();
      return { ok: true };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    if (this.#queue.length) this.#flush();
    this.#closed = true;
    this.#db.close();
  }
}

/** Sorts export rows: by site, the site's visit row first, then pages in code-point order. */
export function sortRows(rows: CountRow[]): CountRow[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return rows.sort((a, b) => cmp(a.site, b.site) || (a.page === null ? -1 : b.page === null ? 1 : cmp(a.page, b.page)));
}
