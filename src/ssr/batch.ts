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
import { builtInLocales, normalizeLocale } from '../internal/localize.js';

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
  /** Language of the interface text (a language tag); by default each article's `lang`. */
  locale?: string;
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
  options: { site?: Site; siteIdCode?: string; fragment?: boolean; bundle?: string; locale?: string },
): Promise<{ html: string; warnings: Problem[]; url?: URL } | { problems: Problem[] }> {
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
      ...(options.locale ? { locale: options.locale } : {}),
    });
  } catch (error) {
    // renderArticlePage checks the nesting of html fields itself; the problems, with their
    // fields, are listed again only for an article it refused.
    const tooDeep = error instanceof RangeError ? htmlDepthProblems(parsed.value) : [];
    if (tooDeep.length) return { problems: tooDeep };
    throw error;
  }
  const url = absoluteHttpUrl(parsed.value.url);
  return { html, warnings: parsed.warnings, ...(url ? { url } : {}) };
}

/** An absolute http(s) address (`//host/…` too, taken as https), else undefined. */
function absoluteHttpUrl(address: string | undefined): URL | undefined {
  if (!address || !/^(?:https?:)?\/\//i.test(address)) return undefined;
  try {
    return new URL(address, 'https://relative.invalid');
  } catch {
    return undefined;
  }
}

/**
 * `--bundle` as pages can use it: trimmed (a browser trims the address of a script too), and
 * refused with a usage error unless it is a path or an http(s) address.
 */
export function checkBundleOption(bundle: string): string {
  const value = bundle.trim();
  if (!value) throw new UsageError('--bundle needs the URL of court-widgets.min.js, e.g. --bundle /js/court-widgets.min.js');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'http' && scheme !== 'https') {
    throw new UsageError(`--bundle ${value}: give a path on your site (/js/court-widgets.min.js) or an http or https address, not a ${scheme}: URL`);
  }
  return value;
}

/** The languages `--locale` accepts (as `<html lang>` would give them). */
export function checkLocaleOption(locale: string): string {
  const value = locale.trim();
  const code = normalizeLocale(value);
  const known = (builtInLocales as readonly string[]).includes(code);
  // normalizeLocale turns anything unknown into zh-CN; only a Chinese tag may mean that.
  if (!value || !known || (code === 'zh-CN' && !/^(?:zh|cmn)(?:[-_]|$)/i.test(value))) {
    throw new UsageError(`--locale ${locale}: the interface is available in ${builtInLocales.join(', ')}`);
  }
  return value;
}

/**
 * Warnings about a `--bundle` address that the pages could not, or should not, load: on
 * another host than every article's `url` (a public CDN: the pages would run a script from a
 * third party, which a court site must not depend on and a server inside China may not
 * reach), or `http:` for `https:` articles (browsers refuse it as mixed content, and the
 * pages never hydrate). None for a path on the site itself (`/js/…`).
 */
export function bundleWarnings(bundle: string | undefined, articleUrls: readonly URL[]): string[] {
  const url = absoluteHttpUrl(bundle);
  if (!url) return [];
  const warnings: string[] = [];
  const hosts = [...new Set(articleUrls.map((u) => u.host.toLowerCase()))].sort();
  if (!hosts.includes(url.host.toLowerCase())) {
    warnings.push(
      `warning: --bundle ${bundle} loads the script from ${url.host}, ` +
        `${hosts.length ? `not from the articles' own site (${hosts.slice(0, 3).join(', ')})` : 'and the articles give no url of their own site'}: ` +
        `copy court-widgets.min.js and its files to your own server and give its path (--bundle /js/court-widgets.min.js)`,
    );
  }
  if (url.protocol === 'http:' && articleUrls.some((u) => u.protocol === 'https:')) {
    warnings.push(
      `warning: --bundle ${bundle} is an http: address and the articles are served over https: ` +
        `browsers refuse such a script (mixed content) and the pages would not hydrate; give an https address or a path`,
    );
  }
  return warnings;
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
    ...(options.bundle !== undefined ? { bundle: checkBundleOption(options.bundle) } : {}),
    ...(options.locale !== undefined ? { locale: checkLocaleOption(options.locale) } : {}),
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
  const articleUrls: URL[] = [];
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
    if (result.url) articleUrls.push(result.url);
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
  if (rendered) for (const warning of bundleWarnings(common.bundle, articleUrls)) options.stderr.write(`${warning}\n`);
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
      `For a Content-Security-Policy without 'unsafe-inline' (the same for every page of this version):\n` +
        `${scripts.size ? `script-src ${sources(scripts)}\n` : ''}` +
        `style-src ${sources(hashes)}\n`,
    );
  }
  return failures.length ? 1 : 0;
}
