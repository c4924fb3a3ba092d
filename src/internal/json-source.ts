/**
 * Where an element's JSON data comes from, as a Lit reactive controller.
 *
 * Three sources, first one present wins:
 * 1. a value set by code ({@link JsonSource.setValue}, e.g. from an `article` property);
 * 2. an inline `<script type="application/json">` child of the host (CMS templates: no extra
 *    request), read when the host connects and again when that script changes. Only a direct
 *    child counts, the first one when there are several; its type may carry parameters
 *    (`application/json; charset=utf-8`, any case). A JSON script nested deeper, or a second
 *    one, is not read, and the console gets one warning saying so;
 * 3. a URL ({@link JsonSource.setSrc}, from a `src` attribute): fetched with
 *    `credentials: 'same-origin'`, cancelled when the URL changes or the host disconnects,
 *    given up after a timeout, the response cut off once it is larger than
 *    `LIMITS.maxJsonLength` allows. Only http, https and relative addresses are fetched (and
 *    `blob:` addresses, which only the page's own code can make); any other (`javascript:`,
 *    `file:`, `data:`, `mailto:`, `tel:` …) is refused before any request, as an `invalid`
 *    failure whose one problem is at path `src` (see `refusedSrcProblem`).
 *
 * Every input goes through the `parse` function given to the constructor (the model's
 * `parseArticle`, `parseSite`), so the host only ever sees a validated value or a list of
 * problems. Nothing here throws.
 *
 * ```ts
 * private source = new JsonSource<Article>(this, parseArticle, {
 *   onLoaded: (article) => …, onFailed: (failure) => …,
 * });
 * ```
 */
import { isServer } from 'lit';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LIMITS } from '../model/limits.js';
import type { ParseResult, Problem } from '../model/types.js';
import { refusedSrcProblem } from './problem-text.js';
import type { LoadFailure } from './problem-text.js';
import { isSafeUrl, urlScheme } from './url.js';

export type { LoadFailure } from './problem-text.js';

/** `idle`: no data given; `loading`: a request is under way; `loaded`: valid data; `error`: see `failure`. */
export type JsonSourceStatus = 'idle' | 'loading' | 'loaded' | 'error';

/** Where the current data came from. */
export type JsonSourceOrigin = 'property' | 'inline' | 'src';

/** Why there is no value: invalid data, or a request that failed. */
export type JsonSourceFailure =
  | { kind: 'invalid'; origin: JsonSourceOrigin; problems: Problem[] }
  | ({ kind: 'load' } & LoadFailure);

export interface JsonSourceOptions<T> {
  /** Milliseconds before a request is given up. Default 20,000. */
  timeout?: number;
  /** Called once per new valid value, with the non-fatal problems the parser reported. */
  onLoaded?: (value: T, warnings: Problem[], origin: JsonSourceOrigin) => void;
  /** Called once per failure. */
  onFailed?: (failure: JsonSourceFailure) => void;
}

/** The host: a Lit element (or any reactive host that is an element). */
export type JsonSourceHost = ReactiveControllerHost & HTMLElement;

/** Upper bound of the UTF-8 size of `LIMITS.maxJsonLength` UTF-16 code units. */
const MAX_RESPONSE_BYTES = LIMITS.maxJsonLength * 3;

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/** `application/json`, with or without parameters, in any case (the essence of the MIME type). */
const JSON_TYPE = /^[\t\n\f\r ]*application\/json[\t\n\f\r ]*(?:;|$)/i;

/**
 * Whether a `src` address is fetched: the data's URL rule (`isSafeUrl`: http, https or
 * relative), without `mailto:` and `tel:` (no data behind them), plus `blob:` (an address
 * only the page's own script can make, for JSON it built itself). `data:` is refused as it is
 * everywhere in the data: inline JSON goes in a `<script type="application/json">` child.
 */
function isFetchable(url: string): boolean {
  const scheme = urlScheme(url);
  if (scheme === 'blob') return true;
  return isSafeUrl(url) && (scheme === '' || scheme === 'http' || scheme === 'https');
}

function isJsonScript(element: Element): boolean {
  return (
    element.localName === 'script' &&
    element.namespaceURI === HTML_NAMESPACE &&
    JSON_TYPE.test(element.getAttribute('type') ?? '')
  );
}

/**
 * `<script type="application/json">` elements below `host` that are not its direct children,
 * leaving out those inside another custom element (that element's own data).
 */
function nestedJsonScripts(host: Element): Element[] {
  const found: Element[] = [];
  for (const script of Array.from(host.querySelectorAll('script'))) {
    if (script.parentElement === host || !isJsonScript(script)) continue;
    let owner = script.parentElement;
    while (owner && owner !== host && !owner.localName.includes('-')) owner = owner.parentElement;
    if (owner === host) found.push(script);
  }
  return found;
}

function limitProblem(): Problem {
  return {
    path: '',
    code: 'limit',
    limit: LIMITS.maxJsonLength,
    message: `the JSON text is longer than ${LIMITS.maxJsonLength} characters`,
  };
}

/** Thrown inside `fetchText` only, and caught there. */
class TooLarge extends Error {}

export class JsonSource<T> implements ReactiveController {
  /** Current state; the host re-renders whenever it changes. */
  status: JsonSourceStatus = 'idle';
  /** The validated value when `status` is `loaded`. */
  value: T | undefined = undefined;
  /** Non-fatal problems of the current value (e.g. unknown block types that were skipped). */
  warnings: Problem[] = [];
  /** Why there is no value when `status` is `error`. */
  failure: JsonSourceFailure | undefined = undefined;
  /** Where the current value or failure came from. */
  origin: JsonSourceOrigin | undefined = undefined;

  private readonly host: JsonSourceHost;
  private readonly parse: (input: unknown) => ParseResult<T>;
  private readonly options: JsonSourceOptions<T>;

  private property: unknown = undefined;
  private src = '';
  private inlineText: string | undefined = undefined;
  /** The shape of the inline JSON last warned about (`direct/nested` counts), `''` when fine. */
  private inlineShape = '';
  private connected = false;
  private observer: MutationObserver | undefined;
  private request: AbortController | undefined;
  private generation = 0;
  /** The input the current state was derived from, to skip work when nothing changed. */
  private resolvedKey: unknown = undefined;
  private dirty = true;

  constructor(host: JsonSourceHost, parse: (input: unknown) => ParseResult<T>, options: JsonSourceOptions<T> = {}) {
    this.host = host;
    this.parse = parse;
    this.options = options;
    host.addController(this);
  }

  /** Data set by code; `undefined` or `null` hands over to the inline child or the URL. */
  setValue(input: unknown): void {
    const next = input === null ? undefined : input;
    if (next === this.property) return;
    this.property = next;
    this.invalidate();
  }

  /** The URL to fetch when there is neither a value set by code nor an inline child. */
  setSrc(src: string | null | undefined): void {
    const next = (src ?? '').trim();
    if (next === this.src) return;
    this.src = next;
    this.invalidate();
  }

  /** Reads the inline child and fetches the URL again (after a failure, or to refresh). */
  retry(): void {
    this.resolvedKey = undefined;
    this.readInline();
    this.invalidate();
  }

  /** The sources are resolved in the host's update, after its `willUpdate` passed them on. */
  private invalidate(): void {
    this.dirty = true;
    if (isServer) {
      // Server rendering calls `willUpdate` but not the controllers' `hostUpdate`.
      this.hostUpdate();
      return;
    }
    this.host.requestUpdate();
  }

  hostUpdate(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.resolve();
  }

  hostConnected(): void {
    this.connected = true;
    if (isServer) return;
    if (typeof MutationObserver !== 'undefined') {
      this.observer = new MutationObserver(() => {
        if (this.readInline()) this.invalidate();
      });
      this.observer.observe(this.host, { childList: true, subtree: true, characterData: true });
    }
    this.readInline();
    // A request cut off by an earlier disconnect starts again.
    if (this.status === 'loading') this.resolvedKey = undefined;
    this.invalidate();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.observer?.disconnect();
    this.observer = undefined;
    this.cancel();
  }

  /** Reads the inline JSON child; `true` when its text changed. */
  private readInline(): boolean {
    let text: string | undefined;
    try {
      const direct = Array.from(this.host.children ?? []).filter(isJsonScript);
      text = direct[0] ? (direct[0].textContent ?? '') : undefined;
      this.checkInlineShape(direct);
    } catch {
      text = undefined;
    }
    if (text === this.inlineText) return false;
    this.inlineText = text;
    return true;
  }

  /**
   * Warns once per new shape when JSON scripts are not where the host reads them: several
   * direct children (the first is read) or scripts nested inside other elements (not read).
   */
  private checkInlineShape(direct: Element[]): void {
    const nested = nestedJsonScripts(this.host);
    const shape = direct.length > 1 || nested.length > 0 ? `${direct.length}/${nested.length}` : '';
    if (shape === this.inlineShape) return;
    this.inlineShape = shape;
    if (shape === '') return;
    const tag = `<${this.host.localName}>`;
    const parts: string[] = [];
    if (direct.length > 1) {
      parts.push(`${direct.length} <script type="application/json"> children: only the first is read, the others are ignored.`);
    }
    if (nested.length > 0) {
      // Spread, not Array.from: a page may have replaced that (Prototype's gives [] for a Set).
      const where = [...new Set(nested.map((script) => `<${script.parentElement?.localName ?? '?'}>`))].join(', ');
      parts.push(
        nested.length === 1
          ? `1 <script type="application/json"> inside ${where} ignored: it is not a direct child.`
          : `${nested.length} <script type="application/json"> inside ${where} ignored: they are not direct children.`,
      );
    }
    const used =
      direct.length > 0
        ? 'It used the first direct child.'
        : 'There is no direct child, so no inline JSON was read (the content inside the element stays).';
    console.warn(
      `${tag}: ${parts.join(' ')} The element reads its JSON only from its first direct child <script type="application/json">. ${used}`,
      { used: direct[0] ?? null, ignored: [...direct.slice(1), ...nested] },
    );
  }

  private cancel(): void {
    this.generation++;
    this.request?.abort();
    this.request = undefined;
  }

  /** Works out the state from the sources, first one present wins. */
  private resolve(): void {
    if (this.property !== undefined) {
      if (this.resolvedKey === this.property && this.origin === 'property') return;
      this.cancel();
      this.resolvedKey = this.property;
      this.accept(this.property, 'property');
      return;
    }
    if (this.inlineText !== undefined) {
      const key = `inline:${this.inlineText}`;
      if (this.resolvedKey === key) return;
      const result = this.run(this.inlineText, this.inlineText.length > LIMITS.maxJsonLength);
      if (!result.ok && this.documentLoading()) {
        // When the script defining the element runs before the page is parsed, the HTML
        // parser may still be writing the inline JSON: judge it once the document is parsed.
        this.whenDocumentParsed();
        return;
      }
      this.cancel();
      this.resolvedKey = key;
      this.apply(result, 'inline');
      return;
    }
    if (this.src) {
      const key = `src:${this.src}`;
      if (this.resolvedKey === key) return;
      if (!isFetchable(this.src)) {
        // A configuration error, reported as such before any request is made.
        this.cancel();
        this.resolvedKey = key;
        this.apply({ ok: false, problems: [refusedSrcProblem(this.src)], warnings: [] }, 'src');
        return;
      }
      if (!this.connected || isServer) return;
      this.cancel();
      this.resolvedKey = key;
      void this.load(this.src);
      return;
    }
    if (this.status !== 'idle' || this.resolvedKey !== undefined) {
      this.cancel();
      this.resolvedKey = undefined;
      this.set('idle', undefined, [], undefined, undefined);
    }
  }

  private documentLoading(): boolean {
    return !isServer && typeof document !== 'undefined' && document.readyState === 'loading';
  }

  private waitingForDocument = false;

  private whenDocumentParsed(): void {
    if (this.waitingForDocument) return;
    this.waitingForDocument = true;
    document.addEventListener(
      'DOMContentLoaded',
      () => {
        this.waitingForDocument = false;
        this.readInline();
        this.invalidate();
      },
      { once: true },
    );
  }

  /** The parser's verdict on `input`; never throws. */
  private run(input: unknown, tooLarge = false): ParseResult<T> {
    if (tooLarge) return { ok: false, problems: [limitProblem()], warnings: [] };
    try {
      return this.parse(input);
    } catch (error) {
      // The parser is meant to be total; an exception still must not escape to the page.
      return {
        ok: false,
        problems: [{ path: '', code: 'json', message: error instanceof Error ? error.message : String(error) }],
        warnings: [],
      };
    }
  }

  /** Parses `input` and moves to `loaded` or `error`. */
  private accept(input: unknown, origin: JsonSourceOrigin, tooLarge = false): void {
    this.apply(this.run(input, tooLarge), origin);
  }

  /** Moves to `loaded` or `error` with a parse result. */
  private apply(result: ParseResult<T>, origin: JsonSourceOrigin): void {
    if (result.ok) {
      this.set('loaded', result.value, result.warnings, undefined, origin);
      this.options.onLoaded?.(result.value, result.warnings, origin);
    } else {
      const failure: JsonSourceFailure = { kind: 'invalid', origin, problems: result.problems };
      this.set('error', undefined, result.warnings, failure, origin);
      this.options.onFailed?.(failure);
    }
  }

  private set(
    status: JsonSourceStatus,
    value: T | undefined,
    warnings: Problem[],
    failure: JsonSourceFailure | undefined,
    origin: JsonSourceOrigin | undefined,
  ): void {
    this.status = status;
    this.value = value;
    this.warnings = warnings;
    this.failure = failure;
    this.origin = origin;
    this.host.requestUpdate();
  }

  private async load(url: string): Promise<void> {
    const generation = this.generation;
    const controller = new AbortController();
    this.request = controller;
    this.set('loading', undefined, [], undefined, 'src');
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeout ?? 20_000);

    let outcome: { text: string } | { tooLarge: true } | { failure: LoadFailure };
    try {
      const response = await fetch(url, {
        credentials: 'same-origin',
        signal: controller.signal,
        headers: { Accept: 'application/json' },
      });
      if (!response.ok) {
        outcome = { failure: { url, reason: 'http', status: response.status } };
      } else {
        const declared = Number(response.headers.get('content-length'));
        if (Number.isFinite(declared) && declared > MAX_RESPONSE_BYTES) {
          controller.abort();
          outcome = { tooLarge: true };
        } else {
          outcome = { text: await this.readText(response) };
        }
      }
    } catch (error) {
      if (error instanceof TooLarge) {
        controller.abort();
        outcome = { tooLarge: true };
      } else {
        outcome = { failure: { url, reason: timedOut ? 'timeout' : 'network' } };
      }
    } finally {
      clearTimeout(timer);
    }

    // A newer request, a disconnect or another source took over meanwhile.
    if (generation !== this.generation) return;
    this.request = undefined;
    if ('failure' in outcome) {
      const failure: JsonSourceFailure = { kind: 'load', ...outcome.failure };
      this.set('error', undefined, [], failure, 'src');
      this.options.onFailed?.(failure);
    } else if ('tooLarge' in outcome) {
      this.accept(undefined, 'src', true);
    } else {
      this.accept(outcome.text, 'src', outcome.text.length > LIMITS.maxJsonLength);
    }
  }

  /** The body as text, stopping as soon as it is larger than the limit allows. */
  private async readText(response: Response): Promise<string> {
    if (!response.body) {
      const text = await response.text();
      if (text.length > LIMITS.maxJsonLength) throw new TooLarge();
      return text;
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder('utf-8');
    let received = 0;
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > MAX_RESPONSE_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw new TooLarge();
      }
      text += decoder.decode(value, { stream: true });
    }
    return text + decoder.decode();
  }
}
