#!/usr/bin/env node
/**
 * `court-widgets`: pre-render court articles to HTML (Lit SSR) and import old court pages
 * into court news JSON. Argument parsing only; the work is in ssr/ and import/.
 */
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { importCommand, UsageError } from '../import/batch.js';
import { outputPathProblem } from '../ssr/files.js';

const HELP = `court-widgets <command> [options]

Commands:
  render <article.json|folder>   Pre-render articles to HTML pages (readable without JavaScript)
      --site <site.json>         Site data: footer and SiteName meta tag
      --site-id-code <code>      网站标识码 for the SiteIDCode meta tag
      --out <file|folder>        Output .html file, or folder for a folder (default: stdout)
      --fragment                 Only the elements, for pasting into a CMS template
      --bundle <url>             URL of court-widgets.min.js, so the elements hydrate (the page
                                 loads it after its first paint, through
                                 court-widgets.after-paint.js from the same folder)
      --locale <tag>             Language of the labels (打印, 作者:…): zh-CN, zh-Hant, en or ug
                                 (default: each article's lang); give the page's language
                                 when fragments go into pages of another one
      --csp                      Print the script-src and style-src hashes a strict
                                 Content-Security-Policy needs

  import <page.html|folder>      Import old court article pages into court news JSON
      --out <file|folder>        Output .json file, or folder (default: stdout for one page)
      --report <report.json>     Write a JSON report of what could not be mapped
      --base-url <url>           Resolve relative links and images against this URL
      --charset <label>          Decode with this charset instead of detecting it

  --help, -h                     Show this help
  --version, -v                  Show the version

Exit codes: 0 success; 1 some files failed (the others were written); 2 usage error.
`;

function version(): string {
  for (const candidate of ['../../package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'court-widgets' && pkg.version) return pkg.version;
    } catch {
      // try the next location (source tree or dist/)
    }
  }
  return 'unknown';
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  try {
    if (command === 'render') {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          site: { type: 'string' },
          'site-id-code': { type: 'string' },
          out: { type: 'string', short: 'o' },
          fragment: { type: 'boolean', default: false },
          bundle: { type: 'string' },
          locale: { type: 'string' },
          csp: { type: 'boolean', default: false },
          help: { type: 'boolean', short: 'h' },
        },
      });
      if (values.help) {
        process.stdout.write(HELP);
        return 0;
      }
      if (positionals.length !== 1) throw new UsageError('render takes one article file or folder');
      // Loaded on demand: rendering pulls in Lit SSR, jsdom and the elements.
      const { renderCommand } = await import('../ssr/batch.js');
      return await renderCommand({
        input: positionals[0]!,
        ...(values.out ? { out: values.out } : {}),
        ...(values.site ? { site: values.site } : {}),
        ...(values['site-id-code'] ? { siteIdCode: values['site-id-code'] } : {}),
        ...(values.bundle !== undefined ? { bundle: values.bundle } : {}),
        ...(values.locale !== undefined ? { locale: values.locale } : {}),
        fragment: values.fragment ?? false,
        csp: values.csp ?? false,
        stdout: process.stdout,
        stderr: process.stderr,
      });
    }
    if (command === 'import') {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          out: { type: 'string', short: 'o' },
          report: { type: 'string' },
          'base-url': { type: 'string' },
          charset: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      });
      if (values.help) {
        process.stdout.write(HELP);
        return 0;
      }
      if (positionals.length !== 1) throw new UsageError('import takes one page or folder');
      const baseUrl = values['base-url'];
      if (baseUrl !== undefined && !/^https?:\/\/[^/]/i.test(baseUrl)) throw new UsageError('--base-url must be an absolute http or https URL');
      // Output paths of the wrong kind are one usage error here, not one error per page.
      const inputIsDir = (await stat(positionals[0]!).catch(() => undefined))?.isDirectory() ?? false;
      const pathProblem =
        (values.out && (await outputPathProblem('--out', values.out, !inputIsDir && extname(values.out).toLowerCase() === '.json' ? 'file' : 'folder'))) ||
        (values.report && (await outputPathProblem('--report', values.report, 'file')));
      if (pathProblem) throw new UsageError(pathProblem);
      return await importCommand({
        input: positionals[0]!,
        ...(values.out ? { out: values.out } : {}),
        ...(values.report ? { report: values.report } : {}),
        ...(baseUrl ? { baseUrl } : {}),
        ...(values.charset ? { charset: values.charset } : {}),
        stdout: process.stdout,
        stderr: process.stderr,
      });
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    const usage = error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`court-widgets: ${(error as Error).message}\n`);
    if (usage) {
      process.stderr.write('Run "court-widgets --help" for usage.\n');
      return 2;
    }
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`court-widgets: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
