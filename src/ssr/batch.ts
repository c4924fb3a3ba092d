/**
 * `court-widgets render`: one article JSON file or a folder of them to HTML pages.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { parseArticle, parseSite } from '../model/parse.js';
import type { Problem, Site } from '../model/types.js';
import { listFiles, UsageError } from '../import/batch.js';
import { fileErrorReason, NotUtf8Error, outputPathProblem, readUtf8, writeFileAtomic } from './files.js';
import { createProgress, type ProgressStream } from './progress.js';
import { htmlDepthProblems, renderArticlePage, scriptHashes, styleHashes } from './render-page.js';

export interface RenderCommandOptions {
  /** An article JSON file or a folder of them (searched recursively). */
  input: string;
  /** Output: an .html file for one article (stdout without it), a folder for a folder. */
  out?: string;
  /** Site JSON file: footer and SiteName. */
  site?: string;
  /** 网站标识码 (overrides a `siteIdCode` field in the site file). */
  siteIdCode?: string;
  fragment?: boolean;
  bundle?: string;
  /** Print the `script-src` and `style-src` a strict Content-Security-Policy needs for these pages. */
  csp?: boolean;
  stdout: ProgressStream;
  stderr: ProgressStream;
}

export interface RenderFailure {
  file: string;
  problems: Problem[];
}

function problemsOf(file: string, problems: Problem[]): string {
  return problems.map((p) => `${file}: ${p.message}`).join('\n');
}

async function readSite(path: string, idCode: string | undefined): Promise<{ site: Site; siteIdCode?: string }> {
  let text: string;
  try {
    text = await readUtf8(path);
  } catch (error) {
    throw new UsageError(`${path}: ${error instanceof NotUtf8Error ? error.message : `cannot read the site file (${fileErrorReason(error)})`}`);
  }
  const parsed = parseSite(text);
  if (!parsed.ok) throw new UsageError(problemsOf(path, parsed.problems));
  // `siteIdCode` (网站标识码) is an extension field of the site file; the contract parser
  // keeps only contract fields, so it is read from the raw JSON.
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    raw = undefined;
  }
  const fromFile = raw && typeof raw === 'object' && typeof (raw as Record<string, unknown>)['siteIdCode'] === 'string'
    ? ((raw as Record<string, unknown>)['siteIdCode'] as string).trim()
    : undefined;
  const code = idCode?.trim() || fromFile;
  return { site: parsed.value, ...(code ? { siteIdCode: code } : {}) };
}

/** Renders one article file; returns the HTML or the problems that stop it. */
export async function renderFile(
  path: string,
  options: { site?: Site; siteIdCode?: string; fragment?: boolean; bundle?: string },
): Promise<{ html: string; warnings: Problem[]; host?: string } | { problems: Problem[] }> {
  let text: string;
  try {
    text = await readUtf8(path);
  } catch (error) {
    const message = error instanceof NotUtf8Error ? error.message : `cannot be read: ${fileErrorReason(error)}`;
    return { problems: [{ path: '', code: 'json', message }] };
  }
  const parsed = parseArticle(text);
  if (!parsed.ok) return { problems: parsed.problems };
  let html: string;
  try {
    html = renderArticlePage(parsed.value, {
      ...(options.site ? { site: options.site } : {}),
      ...(options.siteIdCode ? { siteIdCode: options.siteIdCode } : {}),
      ...(options.fragment ? { fragment: true } : {}),
      ...(options.bundle ? { bundle: options.bundle } : {}),
    });
  } catch (error) {
    // renderArticlePage checks the nesting of html fields itself; the problems, with their
    // fields, are listed again only for an article it refused.
    const tooDeep = error instanceof RangeError ? htmlDepthProblems(parsed.value) : [];
    if (tooDeep.length) return { problems: tooDeep };
    throw error;
  }
  const host = hostOf(parsed.value.url);
  return { html, warnings: parsed.warnings, ...(host ? { host } : {}) };
}

/** The host of an absolute http(s) address (`//host/…` too), else undefined. */
function hostOf(url: string | undefined): string | undefined {
  if (!url || !/^(?:https?:)?\/\//i.test(url)) return undefined;
  try {
    return new URL(url, 'http://relative.invalid').host.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * A warning when `--bundle` is an address on another host than every article's `url`: the
 * pages would then run a script from a third party (a public CDN), which a court site must not
 * depend on, and which a server inside China may not reach. Undefined for a path on the
 * site itself (`/js/…`) or a host the articles share.
 */
export function foreignBundleWarning(bundle: string | undefined, articleHosts: ReadonlySet<string>): string | undefined {
  const host = hostOf(bundle);
  if (!host || articleHosts.has(host)) return undefined;
  const own = [...articleHosts].sort().slice(0, 3).join(', ');
  return (
    `warning: --bundle ${bundle} loads the script from ${host}, ` +
    `${own ? `not from the articles' own site (${own})` : 'and the articles give no url of their own site'}: ` +
    `copy court-widgets.min.js and its files to your own server and give its path (--bundle /js/court-widgets.min.js)`
  );
}

/** Runs the render command; resolves to the exit code (0 all rendered, 1 some failed). */
export async function renderCommand(options: RenderCommandOptions): Promise<number> {
  const info = await stat(options.input).catch(() => undefined);
  if (!info) throw new UsageError(`${options.input}: no such file or folder`);
  const isDir = info.isDirectory();
  if (isDir && !options.out) throw new UsageError('rendering a folder needs --out <folder>');
  const outIsFile = !isDir && !!options.out && extname(options.out).toLowerCase().startsWith('.htm');
  const outProblem = options.out && (await outputPathProblem('--out', options.out, outIsFile ? 'file' : 'folder'));
  if (outProblem) throw new UsageError(outProblem);
  const siteInfo = options.site ? await readSite(options.site, options.siteIdCode) : undefined;
  const siteIdCode = siteInfo?.siteIdCode ?? options.siteIdCode;
  const common = {
    ...(siteInfo ? { site: siteInfo.site } : {}),
    ...(siteIdCode ? { siteIdCode } : {}),
    ...(options.fragment ? { fragment: true } : {}),
    ...(options.bundle ? { bundle: options.bundle } : {}),
  };

  const files = isDir ? await listFiles(options.input, ['.json']) : [basename(options.input)];
  const root = isDir ? options.input : dirname(options.input);
  if (!files.length) throw new UsageError(`${options.input}: no .json files found`);
  const ext = options.fragment ? '.fragment.html' : '.html';
  const outFor = (rel: string): string | undefined => {
    if (!options.out) return undefined;
    if (outIsFile) return options.out;
    return join(options.out, dirname(rel), `${basename(rel, extname(rel))}${ext}`);
  };

  const progress = createProgress(files.length, 'Rendering', options.stderr, options.out ? options.stdout : options.stderr);
  const failures: RenderFailure[] = [];
  const warningLines: string[] = [];
  let rendered = 0;
  let warnings = 0;
  const hashes = new Set<string>();
  const scripts = new Set<string>();
  const articleHosts = new Set<string>();
  for (const rel of files) {
    const path = join(root, rel);
    const outFile = outFor(rel);
    const result = await renderFile(path, common).catch((error: Error) => ({
      problems: [{ path: '', code: 'json' as const, message: `could not be rendered: ${error.message}` }],
    }));
    if ('problems' in result) {
      failures.push({ file: path, problems: result.problems });
      progress.tick(path, `failed   ${path}`);
      continue;
    }
    warnings += result.warnings.length;
    if (result.host) articleHosts.add(result.host);
    if (options.csp) {
      for (const hash of styleHashes(result.html)) hashes.add(hash);
      for (const hash of scriptHashes(result.html)) scripts.add(hash);
    }
    for (const w of result.warnings) warningLines.push(`${path}: warning: ${w.message}\n`);
    if (outFile) {
      try {
        await writeFileAtomic(outFile, result.html);
      } catch (error) {
        // This article only: the others are still rendered, and the summary says how many failed.
        failures.push({ file: path, problems: [{ path: '', code: 'json', message: `cannot write ${outFile}: ${fileErrorReason(error)}` }] });
        progress.tick(path, `failed   ${path}`);
        continue;
      }
    } else {
      options.stdout.write(result.html);
    }
    rendered++;
    progress.tick(path, outFile ? `rendered ${path} -> ${outFile}` : undefined);
  }
  progress.stop();

  // Printed once the progress bar is gone.
  for (const line of warningLines) options.stderr.write(line);
  for (const failure of failures) options.stderr.write(`${problemsOf(failure.file, failure.problems)}\n`);
  const foreign = rendered ? foreignBundleWarning(options.bundle, articleHosts) : undefined;
  if (foreign) options.stderr.write(`${foreign}\n`);
  const total = files.length;
  const line =
    `Rendered ${rendered} of ${total} article${total === 1 ? '' : 's'}` +
    `${options.out ? ` into ${options.out}` : ''}` +
    `${failures.length ? `, ${failures.length} failed` : ''}` +
    `${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`;
  (options.out ? options.stdout : options.stderr).write(`${line}\n`);
  if (options.csp && hashes.size) {
    const sources = (set: Set<string>) => ["'self'", ...[...set].sort()].join(' ');
    (options.out ? options.stdout : options.stderr).write(
      `${scripts.size ? 'script-src and ' : ''}style-src for a Content-Security-Policy without 'unsafe-inline' (the same for every page of this version):\n` +
        `${scripts.size ? `script-src ${sources(scripts)}\n` : ''}` +
        `style-src ${sources(hashes)}\n`,
    );
  }
  return failures.length ? 1 : 0;
}
