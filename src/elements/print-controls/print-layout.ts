/**
 * Printing one article out of a crowded host page.
 *
 * Court sites put the article deep inside table layouts, floats, fixed headers and sidebars.
 * Instead of copying the article into a new window (which loses its styles and images), this
 * module marks the article ("target") and each of its ancestors up to `<html>` with data
 * attributes, and one document-level style sheet, injected once, does the rest in
 * `@media print` only:
 *
 * - every sibling of a marked ancestor is `display: none` (menus, sidebars, footers, fixed
 *   headers), and loose text beside the article is made invisible;
 * - the ancestors lose their layout (tables, floats, fixed positions, widths, margins) so the
 *   article takes the full page width;
 * - a header line with the page address and the print date is placed just before the article;
 * - `<print-controls>` are hidden, figures and images are never split across pages.
 *
 * The marks are set on `beforeprint`, when `matchMedia('print')` starts matching (browsers and
 * tools that switch to print media without the events), and by `printArticle()` before it calls
 * `window.print()`; they are removed on `afterprint` and when print media stops matching. So the
 * browser's own Print command (Ctrl+P / ⌘P, the menu) gives the same result as the 打印 button
 * on any page with one article. With several registered articles, the browser's Print keeps all
 * of them and the 打印 button of one article keeps only that one.
 *
 * The style sheet is a constructed `CSSStyleSheet` adopted by the document (allowed under a
 * Content-Security-Policy without `'unsafe-inline'` for styles), or a `<style id>` element in
 * browsers without constructable style sheets.
 */

/** Attribute on the article being printed. */
export const PRINT_TARGET_ATTR = 'data-court-print-target';
/** Attribute on each ancestor of the article being printed. */
export const PRINT_PATH_ATTR = 'data-court-print-path';
/** Attribute on the header line (address and date) inserted before the article. */
export const PRINT_HEADER_ATTR = 'data-court-print-header';
/** Id of the document-level style sheet when it has to be a `<style>` element. */
export const PRINT_STYLE_ID = 'court-widgets-print-style';

/** An article that can be printed, as registered by its controls. */
export interface PrintSource {
  /** The element to print, or `null` when it is not in the page. */
  printTarget(): Element | null;
  /** The texts of the header line, e.g. the address and the print date. */
  printHeader(): string[];
}

const T = `[${PRINT_TARGET_ATTR}]`;
const P = `[${PRINT_PATH_ATTR}]`;
const H = `[${PRINT_HEADER_ATTR}]`;

/** The document-level print rules. Everything is inside `@media print` but the header's hiding. */
export const printCss = `
@media screen {
  ${H} { display: none !important; }
}
@media print {
  ${P} > :not(${P}, ${T}, ${H}) { display: none !important; }
  ${P} {
    display: block !important; position: static !important; float: none !important;
    inset: auto !important; transform: none !important; filter: none !important;
    width: auto !important; min-width: 0 !important; max-width: none !important;
    height: auto !important; min-height: 0 !important; max-height: none !important;
    margin: 0 !important; padding: 0 !important; border: 0 !important;
    overflow: visible !important; columns: auto !important; box-shadow: none !important;
    background: none !important; visibility: hidden !important;
  }
  ${T} {
    display: block !important; position: static !important; float: none !important;
    inset: auto !important; transform: none !important;
    width: auto !important; min-width: 0 !important; max-width: none !important;
    height: auto !important; max-height: none !important; margin: 0 !important;
    overflow: visible !important; box-shadow: none !important; visibility: visible !important;
  }
  ${H} {
    display: flex !important; flex-wrap: wrap; justify-content: space-between; gap: 0 2em;
    visibility: visible !important; position: static !important;
    margin: 0 0 12pt !important; padding: 0 0 4pt !important;
    border-bottom: 0.75pt solid #000; color: #000 !important; background: none !important;
    font: 9pt/1.5 system-ui, 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif;
    overflow-wrap: anywhere; text-align: start;
  }
  print-controls { display: none !important; }
  ${T} img, ${T} svg, ${T} video { max-width: 100% !important; height: auto; }
  figure, photo-caption, picture, img, svg, video {
    break-inside: avoid !important; page-break-inside: avoid !important;
  }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
}
`;

const injected = new WeakMap<Document | ShadowRoot, Map<string, CSSStyleSheet>>();

function constructable(): boolean {
  try {
    return (
      typeof CSSStyleSheet === 'function' &&
      'replaceSync' in CSSStyleSheet.prototype &&
      typeof Document !== 'undefined' &&
      'adoptedStyleSheets' in Document.prototype
    );
  } catch {
    return false;
  }
}

/**
 * Adds `cssText` to `root` (a document or shadow root) once: as an adopted constructed style
 * sheet where supported (set `useStyleElement` to force the fallback), otherwise as a
 * `<style id>` element. Calling it again re-adds the sheet if the page removed it.
 */
export function injectStyles(
  root: Document | ShadowRoot,
  id: string,
  cssText: string,
  { useStyleElement = false }: { useStyleElement?: boolean } = {},
): void {
  try {
    if (!useStyleElement && constructable()) {
      let sheets = injected.get(root);
      if (!sheets) injected.set(root, (sheets = new Map()));
      let sheet = sheets.get(id);
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(cssText);
        sheets.set(id, sheet);
      }
      if (!root.adoptedStyleSheets.includes(sheet)) {
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      }
      return;
    }
    const doc = root instanceof Document ? root : root.ownerDocument;
    const existing =
      root instanceof Document ? root.getElementById(id) : root.querySelector(`style#${id}`);
    if (existing) return;
    const style = doc.createElement('style');
    style.id = id;
    // The page's nonce for <style> elements, the one Lit uses too (see docs/security.md).
    const nonce = (globalThis as { litNonce?: unknown }).litNonce;
    if (typeof nonce === 'string' && nonce !== '') style.setAttribute('nonce', nonce);
    style.textContent = cssText;
    const parent = root instanceof Document ? (root.head ?? root.documentElement) : root;
    parent.appendChild(style);
  } catch {
    // A page that forbids styles still prints; it prints everything.
  }
}

/** Removes what `injectStyles` added to a shadow root (documents keep theirs). */
function removeStyles(root: ShadowRoot, id: string): void {
  try {
    const sheet = injected.get(root)?.get(id);
    if (sheet) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
    root.querySelector(`style#${id}`)?.remove();
  } catch {
    // Nothing to undo.
  }
}

const sources = new Set<PrintSource>();
let exclusive: PrintSource | null = null;
let marked: Element[] = [];
let headers: Element[] = [];
let shadowRoots: ShadowRoot[] = [];
let printQuery: MediaQueryList | null = null;

function parentAcrossShadow(node: Element): { parent: Element | null; shadow: ShadowRoot | null } {
  if (node.parentElement) return { parent: node.parentElement, shadow: null };
  const root = node.parentNode;
  if (root && typeof ShadowRoot !== 'undefined' && root instanceof ShadowRoot) {
    return { parent: root.host, shadow: root };
  }
  return { parent: null, shadow: null };
}

function mark(target: Element, lines: string[]): void {
  const doc = target.ownerDocument;
  injectStyles(doc, PRINT_STYLE_ID, printCss);
  target.setAttribute(PRINT_TARGET_ATTR, '');
  marked.push(target);
  // Figures inside the article's own shadow tree keep together too.
  const own = (target as HTMLElement).shadowRoot;
  if (own && !shadowRoots.includes(own)) {
    injectStyles(own, PRINT_STYLE_ID, printCss);
    shadowRoots.push(own);
  }
  if (lines.length > 0 && target.parentNode) {
    const header = doc.createElement('div');
    header.setAttribute(PRINT_HEADER_ATTR, '');
    header.setAttribute('aria-hidden', 'true');
    for (const line of lines) {
      const span = doc.createElement('span');
      span.textContent = line;
      header.append(span);
    }
    target.parentNode.insertBefore(header, target);
    headers.push(header);
  }
  let node: Element = target;
  for (;;) {
    const { parent, shadow } = parentAcrossShadow(node);
    if (shadow && !shadowRoots.includes(shadow)) {
      injectStyles(shadow, PRINT_STYLE_ID, printCss);
      shadowRoots.push(shadow);
    }
    if (!parent) break;
    if (!parent.hasAttribute(PRINT_PATH_ATTR)) {
      parent.setAttribute(PRINT_PATH_ATTR, '');
      marked.push(parent);
    }
    node = parent;
  }
}

/**
 * Marks the registered articles (or only `only`) for printing. Idempotent: marks from an
 * earlier call are replaced, and the header line shows the current date.
 */
export function preparePrintLayout(only: PrintSource | null = exclusive): void {
  restoreMarks();
  const chosen = only ? [only] : [...sources];
  for (const source of chosen) {
    try {
      const target = source.printTarget();
      if (target && target.isConnected) mark(target, source.printHeader());
    } catch {
      // One broken source does not stop the others from printing.
    }
  }
}

function restoreMarks(): void {
  for (const el of marked) {
    el.removeAttribute(PRINT_TARGET_ATTR);
    el.removeAttribute(PRINT_PATH_ATTR);
  }
  for (const header of headers) header.remove();
  for (const root of shadowRoots) removeStyles(root, PRINT_STYLE_ID);
  marked = [];
  headers = [];
  shadowRoots = [];
}

/** Removes every mark and the header lines: the page is as before printing. */
export function restorePrintLayout(): void {
  exclusive = null;
  restoreMarks();
}

/** Whether the page is laid out for printing now. */
export function isPrintLayoutActive(): boolean {
  return marked.length > 0;
}

/**
 * Prints `source`'s article alone: marks it, then calls `window.print()`. Call it only from a
 * user's click (browsers ignore or block programmatic printing otherwise). The layout is undone
 * on `afterprint`.
 */
export function printArticle(source: PrintSource): void {
  exclusive = source;
  preparePrintLayout(source);
  try {
    window.print();
  } catch {
    restorePrintLayout();
  }
}

function handleBeforePrint(): void {
  preparePrintLayout();
}

function handleAfterPrint(): void {
  restorePrintLayout();
}

function handleMediaChange(): void {
  // Read the query now rather than the event: change events can arrive after printing ended.
  if (printQuery?.matches) preparePrintLayout();
  else restorePrintLayout();
}

/**
 * Registers an article so that the browser's own Print command prints it alone (see the module
 * comment). Returns a function that unregisters it. Listeners are added with the first source
 * and removed with the last.
 */
export function registerPrintSource(source: PrintSource): () => void {
  if (typeof window === 'undefined') return () => {};
  if (sources.size === 0) {
    window.addEventListener('beforeprint', handleBeforePrint);
    window.addEventListener('afterprint', handleAfterPrint);
    try {
      printQuery = window.matchMedia?.('print') ?? null;
      printQuery?.addEventListener?.('change', handleMediaChange);
    } catch {
      printQuery = null;
    }
  }
  sources.add(source);
  return () => {
    if (!sources.delete(source)) return;
    if (exclusive === source) exclusive = null;
    if (marked.length > 0) preparePrintLayout();
    if (sources.size === 0) {
      restorePrintLayout();
      window.removeEventListener('beforeprint', handleBeforePrint);
      window.removeEventListener('afterprint', handleAfterPrint);
      printQuery?.removeEventListener?.('change', handleMediaChange);
      printQuery = null;
    }
  };
}
