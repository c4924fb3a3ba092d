#!/usr/bin/env node
// Turns an XLIFF 1.2 translation of court-widgets' messages into a file a site can load next
// to the package, without forking it or running lit-localize:
//
//   node node_modules/court-widgets/scripts/xliff-to-module.mjs kk.xlf --code kk-Arab --format script --out court-widgets.kk.js
//
// Formats:
//   module  (default) ES module: `export const code, dir, templates` and a default export.
//           Use with `registerLocale(code, templates, { dir })` from court-widgets.
//   script  Classic script that registers itself with the page's court-widgets, whichever of
//           the two loads first: add <script src="court-widgets.kk.js"></script> beside the
//           bundle's script tag.
//   json    `{ "code", "dir", "templates" }` for a site that fetches and registers it.
//
// Start from xliff/en.xlf (or any shipped file) as the list of messages: copy it, set
// `target-language`, write a <target> for each <trans-unit>. Untranslated messages fall back
// to the Chinese source. Placeholders (<x id="0" equiv-text="${path}"/> or <ph id="0">) may
// move within the target. Messages whose source holds markup are not supported here and are
// skipped with a note (court-widgets' own messages have none).
//
// Exit status: 0 on success, 1 on a bad file or option, 2 with --strict when any message
// was left untranslated.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { JSDOM } from 'jsdom';

const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ku', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);
const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Syrc', 'Thaa', 'Nkoo', 'Adlm', 'Rohg']);

/** `rtl` for languages and scripts written right to left. */
export function defaultDirection(code) {
  const locale = new Intl.Locale(code);
  if (locale.script) return RTL_SCRIPTS.has(locale.script) ? 'rtl' : 'ltr';
  return RTL_LANGUAGES.has(locale.language) ? 'rtl' : 'ltr';
}

/** A placeholder that stands for exactly one source value: `${expr}`. */
function isValuePlaceholder(text) {
  return /^\$\{[\s\S]*\}$/.test(text.trim()) && !/[<>]/.test(text);
}

/**
 * Reads an XLIFF 1.2 document. Returns `{ code, templates, missing, skipped }` where
 * `templates` maps message ids to a string, or to an array alternating text and the index of
 * the source value (`["Visitor no. ", 0]`).
 */
export function readXliff(xml) {
  const { window } = new JSDOM('');
  const doc = new window.DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) throw new Error('not well-formed XML');
  const file = doc.getElementsByTagName('file')[0];
  if (!file) throw new Error('no <file> element: not an XLIFF 1.2 document');
  const code = file.getAttribute('target-language') ?? '';
  const templates = {};
  const missing = [];
  const skipped = [];
  for (const unit of [...doc.getElementsByTagName('trans-unit')]) {
    const id = unit.getAttribute('id');
    if (!id) throw new Error('a <trans-unit> has no id');
    const source = unit.getElementsByTagName('source')[0];
    const target = unit.getElementsByTagName('target')[0];
    const placeholders = source ? [...source.children].filter((c) => c.localName === 'x' || c.localName === 'ph') : [];
    if (placeholders.some((p) => !isValuePlaceholder(p.getAttribute('equiv-text') ?? p.textContent ?? ''))) {
      skipped.push(id);
      continue;
    }
    const targetHasPlaceholder = target ? [...target.children].some((c) => c.localName === 'x' || c.localName === 'ph') : false;
    if (!target || ((target.textContent ?? '').trim() === '' && !targetHasPlaceholder)) {
      missing.push(id);
      continue;
    }
    const parts = [];
    for (const node of [...target.childNodes]) {
      if (node.nodeType === 3 || node.nodeType === 4) {
        parts.push(node.nodeValue ?? '');
      } else if (node.nodeType === 1 && (node.localName === 'x' || node.localName === 'ph')) {
        const index = Number(node.getAttribute('id'));
        if (!Number.isInteger(index) || index < 0 || index >= placeholders.length) {
          throw new Error(`message ${id}: placeholder id "${node.getAttribute('id')}" is not one of the source's`);
        }
        parts.push(index);
      } else if (node.nodeType === 1) {
        throw new Error(`message ${id}: <${node.localName}> is not allowed in a target (text and placeholders only)`);
      }
    }
    // Merge adjacent text; a message without placeholders is a plain string.
    const merged = [];
    for (const part of parts) {
      if (typeof part === 'string' && typeof merged[merged.length - 1] === 'string') merged[merged.length - 1] += part;
      else merged.push(part);
    }
    templates[id] = merged.every((p) => typeof p === 'string') ? merged.join('') : merged;
  }
  return { code, templates, missing, skipped };
}

/** JSON that is also safe inside HTML and old JavaScript engines. */
function literal(value) {
  return JSON.stringify(value, null, 2)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The text of the output file. */
export function render({ code, dir, templates, format, from }) {
  const header = `// Generated by court-widgets scripts/xliff-to-module.mjs from ${from}.\n// Do not edit: edit the XLIFF file and run the script again.\n`;
  const data = { code, dir, templates };
  if (format === 'json') return `${literal(data)}\n`;
  if (format === 'script') {
    return `${header}(function (g) {
  var queue = (g.courtWidgetsLocales = g.courtWidgetsLocales || []);
  queue.push(${literal(data).replace(/\n/g, '\n  ')});
  if (typeof g.dispatchEvent === 'function' && typeof CustomEvent === 'function') {
    g.dispatchEvent(new CustomEvent('court-widgets-locale'));
  }
})(typeof globalThis !== 'undefined' ? globalThis : self);
`;
  }
  return `${header}export const code = ${literal(code)};
export const dir = ${literal(dir)};
export const templates = ${literal(templates)};
export default { code, dir, templates };
`;
}

function usage(message) {
  if (message) console.error(`xliff-to-module: ${message}`);
  console.error('usage: node scripts/xliff-to-module.mjs <file.xlf> [--code <bcp47>] [--dir ltr|rtl] [--format module|script|json] [--out <file>] [--strict]');
  process.exit(1);
}

function main(argv) {
  const options = { format: 'module', strict: false };
  const files = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--strict') options.strict = true;
    else if (arg === '--help' || arg === '-h') usage();
    else if (['--code', '--dir', '--format', '--out'].includes(arg)) {
      const value = argv[++i];
      if (value === undefined) usage(`${arg} needs a value`);
      options[arg.slice(2)] = value;
    } else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length !== 1) usage('give exactly one .xlf file');
  if (!['module', 'script', 'json'].includes(options.format)) usage(`unknown format "${options.format}"`);
  if (options.dir !== undefined && options.dir !== 'ltr' && options.dir !== 'rtl') usage('--dir is ltr or rtl');

  let parsed;
  try {
    parsed = readXliff(readFileSync(files[0], 'utf8'));
  } catch (error) {
    console.error(`xliff-to-module: ${files[0]}: ${error.message}`);
    process.exit(1);
  }
  let code;
  try {
    code = Intl.getCanonicalLocales(options.code ?? parsed.code)[0];
  } catch {
    code = undefined;
  }
  if (!code) usage(`no valid language code: set target-language in the file or pass --code`);
  const dir = options.dir ?? defaultDirection(code);
  const text = render({ code, dir, templates: parsed.templates, format: options.format, from: basename(files[0]) });
  if (options.out) writeFileSync(options.out, text);
  else process.stdout.write(text);

  const count = Object.keys(parsed.templates).length;
  console.error(`xliff-to-module: ${code} (${dir}): ${count} messages${options.out ? ` -> ${options.out}` : ''}`);
  if (parsed.skipped.length) console.error(`xliff-to-module: skipped (markup in the source): ${parsed.skipped.join(', ')}`);
  if (parsed.missing.length) {
    console.error(`xliff-to-module: untranslated, the Chinese source will show: ${parsed.missing.join(', ')}`);
    if (options.strict) process.exit(2);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.slice(2));
