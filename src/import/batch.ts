/**
 * `court-widgets import`: pages or folders of pages in, contract JSON files and a report out.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { fileErrorReason, writeFileAtomic } from '../ssr/files.js';
import { createProgress, type ProgressStream } from '../ssr/progress.js';
import { charsetOptionProblem } from './charset.js';
import type { ImportIssue } from './extract.js';
import { importPage } from './import-page.js';

export const PAGE_EXTENSIONS = ['.html', '.htm', '.shtml', '.xhtml'];

export interface ImportCommandOptions {
  /** A page or a folder of pages (searched recursively). */
  input: string;
  /** Output: a folder, or a `.json` file for a single page. Without it a single page's JSON goes to stdout. */
  out?: string;
  /** Where to write the JSON report. */
  report?: string;
  baseUrl?: string;
  charset?: string;
  stdout: ProgressStream;
  stderr: ProgressStream;
}

export interface ImportFileReport {
  file: string;
  output?: string;
  charset: string;
  charsetSource: string;
  declaredCharset?: string;
  ok: boolean;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  notes: ImportIssue[];
}

export interface ImportReport {
  input: string;
  out?: string;
  pages: number;
  imported: number;
  failed: number;
  warnings: number;
  files: ImportFileReport[];
}

export class UsageError extends Error {}

/** Page files under `dir`, sorted, as paths relative to it. */
export async function listFiles(dir: string, extensions: string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (sub: string) => {
    const entries = await readdir(join(dir, sub), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = sub ? join(sub, entry.name) : entry.name;
      if (entry.isDirectory()) await walk(rel);
      else if (extensions.includes(extname(entry.name).toLowerCase())) out.push(rel);
    }
  };
  await walk('');
  return out;
}

const idFor = (file: string) => basename(file, extname(file)).replace(/[^\w.-]+/g, '-');

/** Imports one file and reports on it; writes the JSON when `outFile` is given. */
export async function importFile(path: string, outFile: string | undefined, options: Pick<ImportCommandOptions, 'baseUrl' | 'charset'>): Promise<ImportFileReport & { json?: string }> {
  const bytes = await readFile(path);
  const result = importPage(bytes, {
    id: idFor(path),
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.charset ? { charset: options.charset } : {}),
  });
  const report: ImportFileReport & { json?: string } = {
    file: path,
    charset: result.charset,
    charsetSource: result.charsetSource,
    ...(result.declaredCharset ? { declaredCharset: result.declaredCharset } : {}),
    ok: !!result.article,
    errors: result.issues.filter((i) => i.severity === 'error'),
    warnings: result.issues.filter((i) => i.severity === 'warning'),
    notes: result.issues.filter((i) => i.severity === 'info'),
  };
  if (result.article) {
    report.json = `${JSON.stringify(result.article, null, 2)}\n`;
    if (outFile) {
      try {
        await writeFileAtomic(outFile, report.json);
      } catch (error) {
        throw new Error(`cannot write ${outFile}: ${fileErrorReason(error)}`);
      }
      report.output = outFile;
    }
  }
  return report;
}

/** Runs the import command; resolves to the exit code (0 all imported, 1 some failed). */
export async function importCommand(options: ImportCommandOptions): Promise<number> {
  const info = await stat(options.input).catch(() => undefined);
  if (!info) throw new UsageError(`${options.input}: no such file or folder`);
  const isDir = info.isDirectory();
  if (isDir && !options.out) throw new UsageError('importing a folder needs --out <folder>');
  const charsetProblem = options.charset === undefined ? undefined : charsetOptionProblem(options.charset);
  if (charsetProblem) throw new UsageError(`--charset: ${charsetProblem}`);

  const files = isDir ? await listFiles(options.input, PAGE_EXTENSIONS) : [basename(options.input)];
  const root = isDir ? options.input : dirname(options.input);
  if (!files.length) throw new UsageError(`${options.input}: no .html, .htm, .shtml or .xhtml pages found`);

  const single = !isDir;
  const outFileFor = (rel: string): string | undefined => {
    if (!options.out) return undefined;
    if (single && extname(options.out).toLowerCase() === '.json') return options.out;
    return join(options.out, dirname(rel), `${basename(rel, extname(rel))}.json`);
  };

  const progress = createProgress(files.length, 'Importing', options.stderr, single && !options.out ? options.stderr : options.stdout);
  const reports: ImportFileReport[] = [];
  for (const rel of files) {
    const path = join(root, rel);
    const outFile = outFileFor(rel);
    let report: ImportFileReport & { json?: string };
    try {
      report = await importFile(path, outFile, options);
    } catch (error) {
      report = {
        file: path, charset: '', charsetSource: '', ok: false, warnings: [], notes: [],
        errors: [{ code: 'invalid-article', severity: 'error', message: (error as Error).message }],
      };
    }
    if (single && !options.out && report.json) options.stdout.write(report.json);
    const { json: _json, ...plain } = report;
    reports.push(plain);
    progress.tick(path, report.ok
      ? `imported ${path}${report.output ? ` -> ${report.output}` : ''}${report.warnings.length ? ` (${report.warnings.length} warning${report.warnings.length > 1 ? 's' : ''})` : ''}`
      : `failed   ${path}`);
  }
  progress.stop();

  const summary: ImportReport = {
    input: options.input,
    ...(options.out ? { out: options.out } : {}),
    pages: reports.length,
    imported: reports.filter((r) => r.ok).length,
    failed: reports.filter((r) => !r.ok).length,
    warnings: reports.reduce((n, r) => n + r.warnings.length, 0),
    files: reports,
  };
  let reportProblem: string | undefined;
  if (options.report) {
    try {
      await writeFileAtomic(options.report, `${JSON.stringify(summary, null, 2)}\n`);
    } catch (error) {
      reportProblem = `${options.report}: cannot write the report: ${fileErrorReason(error)}`;
    }
  }

  // Problems go to stderr so that a single page's JSON on stdout stays clean.
  for (const r of reports) {
    for (const e of r.errors) options.stderr.write(`${r.file}: error: ${e.message}\n`);
    for (const w of r.warnings) options.stderr.write(`${r.file}: warning: ${w.message}\n`);
  }
  const line =
    `Imported ${summary.imported} of ${summary.pages} page${summary.pages === 1 ? '' : 's'}` +
    `${options.out ? ` into ${options.out}` : ''}` +
    `${summary.failed ? `, ${summary.failed} failed` : ''}` +
    `, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}` +
    `${options.report ? `; report: ${options.report}` : ''}`;
  (single && !options.out ? options.stderr : options.stdout).write(`${line}\n`);
  if (reportProblem) options.stderr.write(`${reportProblem}\n`);
  return summary.failed || reportProblem ? 1 : 0;
}
