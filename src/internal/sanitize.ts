/**
 * The one place where HTML from data is cleaned. Everything rendered with `unsafeHTML`
 * comes from here, typed as `SafeHtml`, which no other module can make.
 *
 * Two allow-lists, both enforced by DOMPurify plus this module's hooks:
 *
 * - `sanitizeInline` (paragraph `html`): `a strong b em i u br span sub sup`, attributes
 *   `href title lang dir` only. Everything else is removed; the text inside removed tags stays.
 * - `sanitizeFragment` (html block): the inline set plus paragraphs, headings, lists, tables,
 *   quotes, `img` (`src srcset sizes alt width height loading decoding`) and links that may
 *   open a new window (`target="_blank"` gets `rel="noopener noreferrer"`). Never scripts,
 *   event handlers, frames, forms, `<style>` or `style=""`, `<base>`, `<meta>`, `<link>`,
 *   `<object>`/`<embed>`, `<template>`, SVG or MathML.
 *
 * In both: URLs (`href`, `src` and every `srcset` candidate) must pass `isSafeUrl` (http,
 * https, mailto, tel or relative); a `srcset` with one bad candidate is dropped whole. `id` and
 * `name` are dropped, so sanitized markup cannot clobber `document` or form properties by name.
 * `data-*` and `aria-*` attributes are dropped. Input longer than `LIMITS.maxHtmlLength` is not
 * parsed at all and yields empty `SafeHtml` (the model reports it as an error before this).
 * Markup that keeps more than a hundred formatting elements open at once loses those
 * elements' tags before it is parsed (`open-formatting.ts`), so that it cannot hold the parser.
 *
 * ## Cost
 *
 * Input without a `<` cannot make an element, an attribute or a comment: it is returned as it
 * is, without parsing, which is exactly what DOMPurify returns for it (entities such as
 * `&lt;` stay entities and are shown as text). Most paragraphs of real articles are like that.
 * Other input is parsed and cleaned by one of two DOMPurify instances, one per allow-list,
 * each configured once (`setConfig`) rather than on every call; the fragment instance is
 * made on first use.
 *
 * ## Server-side rendering
 *
 * In a browser the global `window` is used. Under Node, call
 * `useSanitizerWindow(new JSDOM('').window)` once before rendering; without either, the
 * sanitize functions throw an `Error` that says so.
 *
 * ## Trusted Types
 *
 * Lit's `unsafeHTML` (Lit 3) accepts only a string: it throws on a `TrustedHTML` object and
 * passes the string to the DOM through Lit's own `lit-html` policy. So `SafeHtml` stays a
 * branded string and DOMPurify's `RETURN_TRUSTED_TYPE` is not used.
 *
 * DOMPurify itself writes the dirty input into an inert `DOMParser` document, which is a
 * Trusted Types sink. When `window.trustedTypes` exists, this module creates (once, on the
 * first sanitize call) a policy named `court-widgets` and hands it to DOMPurify as
 * `TRUSTED_TYPES_POLICY`, so DOMPurify does not create its own `dompurify` policy. The policy
 * object never leaves this module: its `createHTML` is reachable only through DOMPurify, and its
 * `createScriptURL` refuses every value.
 *
 * A page that sends `require-trusted-types-for 'script'` therefore lists these policy names:
 *
 *     trusted-types court-widgets lit-html
 *
 * (add `'allow-duplicates'` if two copies of the library, or of Lit, load on one page). If the
 * page's policy does not allow `court-widgets`, DOMPurify falls back to creating `dompurify`;
 * if that is refused too, sanitizing yields empty output rather than unsanitized markup.
 */
import DOMPurify from 'dompurify';
import type { Config, DOMPurify as Purifier, WindowLike } from 'dompurify';
import { LIMITS } from '../model/limits.js';
import { tameFormatting } from './open-formatting.js';
import { isSafeSrcset, isSafeUrl } from './url.js';

declare const safeHtmlBrand: unique symbol;
/** HTML that went through this module's sanitizer. */
export type SafeHtml = string & { readonly [safeHtmlBrand]: true };

/** Name of the Trusted Types policy this module creates. */
export const TRUSTED_TYPES_POLICY_NAME = 'court-widgets';

/**
 * Every Trusted Types policy name the library needs in a `trusted-types` CSP directive:
 * this module's policy and Lit's.
 */
export const TRUSTED_TYPES_POLICY_NAMES: readonly string[] = Object.freeze([TRUSTED_TYPES_POLICY_NAME, 'lit-html']);

/** A window the sanitizer can work with: a browser window or a jsdom window. */
export type SanitizerWindow = WindowLike;

type Policy = NonNullable<Config['TRUSTED_TYPES_POLICY']>;

const INLINE_TAGS = ['a', 'strong', 'b', 'em', 'i', 'u', 'br', 'span', 'sub', 'sup'];
const INLINE_ATTRS = ['href', 'title', 'lang', 'dir'];

const FRAGMENT_TAGS = [
  ...INLINE_TAGS,
  'p', 'div', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'colgroup', 'col',
  'img', 'figure', 'figcaption', 'blockquote', 'hr', 'small', 'mark', 'abbr', 'cite', 'q', 'code', 'pre',
];
const FRAGMENT_ATTRS = [
  ...INLINE_ATTRS,
  'src', 'srcset', 'sizes', 'alt', 'width', 'height', 'loading', 'decoding',
  'colspan', 'rowspan', 'scope', 'span', 'align', 'valign', 'start', 'reversed', 'target',
];

// Never allowed, whatever the allow-lists above say; listed so that a later edit of the
// allow-lists cannot let them in by accident.
const FORBID_TAGS = [
  'script', 'style', 'link', 'meta', 'base', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'form', 'input', 'button', 'select', 'option', 'textarea', 'svg', 'math', 'template', 'noscript',
  'noembed', 'noframes', 'xmp', 'plaintext', 'title', 'portal', 'slot', 'dialog',
];
const FORBID_ATTR = [
  'style', 'id', 'name', 'srcdoc', 'action', 'formaction', 'form', 'xmlns', 'is', 'slot', 'part',
  'exportparts', 'nonce', 'background', 'popover', 'popovertarget', 'ping',
];

// http, https, mailto, tel or no scheme at all; DOMPurify checks every attribute value with it.
const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto|tel):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

// Attributes whose value is a URL; checked with `isSafeUrl` whatever the allow-lists say.
const URL_ATTRS = new Set([
  'href', 'src', 'cite', 'action', 'formaction', 'poster', 'background', 'longdesc', 'lowsrc', 'dynsrc',
  'xlink:href', 'data', 'codebase', 'ping', 'manifest', 'itemtype', 'itemid',
]);
const ALLOWED_TARGETS = new Set(['_blank', '_self']);

const BASE_CONFIG = {
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOW_SELF_CLOSE_IN_ATTR: false,
  SAFE_FOR_TEMPLATES: false,
  SAFE_FOR_XML: true,
  SANITIZE_DOM: true,
  KEEP_CONTENT: true,
  WHOLE_DOCUMENT: false,
  RETURN_DOM: false,
  RETURN_DOM_FRAGMENT: false,
  RETURN_TRUSTED_TYPE: false,
  FORBID_TAGS,
  FORBID_ATTR,
  ALLOWED_URI_REGEXP,
} as const satisfies Config;

const INLINE_CONFIG: Config = { ...BASE_CONFIG, ALLOWED_TAGS: INLINE_TAGS, ALLOWED_ATTR: INLINE_ATTRS };
const FRAGMENT_CONFIG: Config = { ...BASE_CONFIG, ALLOWED_TAGS: FRAGMENT_TAGS, ALLOWED_ATTR: FRAGMENT_ATTRS };

interface Sanitizer {
  win: SanitizerWindow;
  /** `court-widgets`, or `undefined` when Trusted Types are absent or the page refused the name. */
  policy: Policy | undefined;
  /** One configured DOMPurify instance per allow-list, made on first use. */
  purifiers: Map<Config, Purifier>;
}

let providedWindow: SanitizerWindow | undefined;
let sanitizer: Sanitizer | undefined;
// One policy per window, created at most once: a second `createPolicy` with the same name
// fails on pages whose `trusted-types` directive lacks 'allow-duplicates'.
const policies = new WeakMap<object, Policy | undefined>();

/**
 * Gives the sanitizer a DOM to work with where there is no browser `window`: server-side
 * rendering calls it once with a jsdom window (`useSanitizerWindow(new JSDOM('').window)`).
 * In a browser it is not needed. Calling it again with another window switches to that one.
 */
export function useSanitizerWindow(win: (Window & typeof globalThis) | SanitizerWindow): void {
  if (!win || typeof win !== 'object' || !win.document || typeof win.DOMParser !== 'function') {
    throw new TypeError('court-widgets: useSanitizerWindow() needs a window with a document, such as new JSDOM("").window');
  }
  if (providedWindow === win) return;
  providedWindow = win;
  sanitizer = undefined;
}

function currentWindow(): SanitizerWindow {
  if (providedWindow) return providedWindow;
  if (typeof window !== 'undefined' && window?.document) return window;
  throw new Error(
    'court-widgets: sanitizing HTML needs a DOM window. In a browser the page window is used; ' +
      'under Node call useSanitizerWindow(new JSDOM("").window) before rendering.',
  );
}

/** The `court-widgets` policy of `win`, created on first use and never twice. */
function policyFor(win: SanitizerWindow): Policy | undefined {
  if (!policies.has(win)) policies.set(win, createPolicy(win));
  return policies.get(win);
}

/** Creates the `court-widgets` policy, or `undefined` when Trusted Types are absent or the name is refused. */
function createPolicy(win: SanitizerWindow): Policy | undefined {
  const factory = win.trustedTypes;
  if (!factory || typeof factory.createPolicy !== 'function') return undefined;
  try {
    return factory.createPolicy(TRUSTED_TYPES_POLICY_NAME, {
      // Only DOMPurify calls this: for the dirty input it parses into an inert document.
      createHTML: (input: string) => input,
      createScriptURL: (): string => {
        throw new TypeError('court-widgets creates no script URLs');
      },
    }) as unknown as Policy;
  } catch {
    // The page's `trusted-types` directive does not allow the name (or it exists already).
    return undefined;
  }
}

function addHooks(purifier: Purifier): void {
  purifier.addHook('uponSanitizeAttribute', (_node, data) => {
    const name = data.attrName;
    if (URL_ATTRS.has(name)) {
      if (!isSafeUrl(data.attrValue)) data.keepAttr = false;
    } else if (name === 'srcset') {
      if (!isSafeSrcset(data.attrValue)) data.keepAttr = false;
    } else if (name === 'target') {
      if (!ALLOWED_TARGETS.has(data.attrValue.toLowerCase())) data.keepAttr = false;
    } else if (name.startsWith('on')) {
      data.keepAttr = false;
    }
  });
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A' && node.getAttribute('target')?.toLowerCase() === '_blank') {
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
}

function getSanitizer(): Sanitizer {
  const win = currentWindow();
  if (sanitizer && sanitizer.win === win) return sanitizer;
  sanitizer = { win, policy: policyFor(win), purifiers: new Map() };
  return sanitizer;
}

/** The DOMPurify instance of one allow-list, with the hooks and the configuration set once. */
function purifierFor(current: Sanitizer, config: Config): Purifier {
  let purifier = current.purifiers.get(config);
  if (purifier) return purifier;
  purifier = DOMPurify(current.win);
  if (!purifier.isSupported) {
    throw new Error(
      'court-widgets: this window cannot run the HTML sanitizer (DOMPurify reports it unsupported); ' +
        'under Node call useSanitizerWindow(new JSDOM("").window) before rendering.',
    );
  }
  addHooks(purifier);
  purifier.setConfig(current.policy ? { ...config, TRUSTED_TYPES_POLICY: current.policy } : config);
  current.purifiers.set(config, purifier);
  return purifier;
}

function run(html: string, config: Config): SafeHtml {
  if (typeof html !== 'string' || html.length > LIMITS.maxHtmlLength) return '' as SafeHtml;
  const current = getSanitizer();
  // No `<`: no element, attribute or comment can come of it. DOMPurify itself returns such
  // input unchanged; here it is not even handed over.
  if (html.indexOf('<') === -1) return html as SafeHtml;
  // Markup that keeps very many formatting elements open would hold the parser for minutes.
  const out: unknown = purifierFor(current, config).sanitize(tameFormatting(html));
  return (typeof out === 'string' ? out : String(out)) as SafeHtml;
}

/** Paragraph markup: inline elements only (a, strong, b, em, i, u, br, span, sub, sup). */
export function sanitizeInline(html: string): SafeHtml {
  return run(html, INLINE_CONFIG);
}

/** A CMS fragment: lists, tables, links and images; never scripts, handlers, frames, forms or styles. */
export function sanitizeFragment(html: string): SafeHtml {
  return run(html, FRAGMENT_CONFIG);
}
