// Shared by the court-widgets CLI tests: run the command as a user does, read pages as a
// reader sees them.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliPath = join(root, 'src', 'cli', 'court-widgets.ts');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function spawn(file: string, args: string[], cwd: string): CliRun {
  const result = spawnSync(file, args, { cwd, encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Shanghai', NODE_OPTIONS: '' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `court-widgets …` from the source tree (through tsx), as a child process without a TTY. */
export function runCli(args: string[], cwd = root): CliRun {
  return spawn(process.execPath, ['--import', 'tsx', cliPath, ...args], cwd);
}

/**
 * Runs `court-widgets …` as `runCli` does, under a file-size limit of `kb` kibibytes
 * (`ulimit -f`): a write past it fails with EFBIG, as on a full disk.
 */
export function runCliWithFileSizeLimit(kb: number, args: string[], cwd = root): CliRun {
  return spawn('bash', ['-c', `ulimit -f ${kb} && exec "$0" "$@"`, process.execPath, '--import', 'tsx', cliPath, ...args], cwd);
}

/** Removes every kind of whitespace (comparisons that must not depend on layout). */
export const squash = (text: string) => text.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '');

export function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

export function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

export function* walk(node: Node, intoTemplates = true): Generator<Node> {
  yield node;
  if ('childNodes' in node) for (const child of node.childNodes) yield* walk(child, intoTemplates);
  if (intoTemplates && isElement(node) && node.tagName === 'template') yield* walk((node as DefaultTreeAdapterMap['template']).content, intoTemplates);
}

/** The first element with `className` among its class tokens. */
export function byClass(node: Node, className: string): Element | undefined {
  for (const n of walk(node)) {
    if (isElement(n) && (attr(n, 'class') ?? '').split(/\s+/).includes(className)) return n;
  }
  return undefined;
}

/** Text nodes under `node`, trimmed and non-empty, skipping scripts and styles. */
export function textRuns(node: Node, intoTemplates = false): string[] {
  const out: string[] = [];
  const visit = (n: Node) => {
    if (n.nodeName === '#text') {
      const value = (n as DefaultTreeAdapterMap['textNode']).value.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
      if (value) out.push(value);
      return;
    }
    if (isElement(n) && ['script', 'style', 'noscript'].includes(n.tagName)) return;
    if (isElement(n) && n.tagName === 'template') {
      if (intoTemplates) visit((n as DefaultTreeAdapterMap['template']).content);
      return;
    }
    if ('childNodes' in n) n.childNodes.forEach(visit);
  };
  visit(node);
  return out;
}

/** Text of an HTML fragment. */
export function htmlText(html: string): string {
  return textRuns(parse(`<body>${html}</body>`)).join(' ');
}

/**
 * What a browser with declarative shadow DOM shows of a rendered `<court-article>`: the text
 * of its server-rendered shadow root (and the nested `<photo-caption>` shadow roots), not
 * the light-DOM copy.
 */
export function shadowText(html: string, tag = 'court-article'): string {
  const doc = parse(html);
  for (const n of walk(doc)) {
    if (isElement(n) && n.tagName === tag) {
      const template = n.childNodes.find((c): c is Element => isElement(c) && c.tagName === 'template' && attr(c, 'shadowrootmode') === 'open');
      if (!template) return '';
      return textRuns((template as DefaultTreeAdapterMap['template']).content, true).join(' ');
    }
  }
  return '';
}

export { parse };
export type { Element, Node };
