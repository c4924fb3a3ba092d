/**
 * Localization of court-widgets: how a locale is chosen for each element, where the
 * translations come from, and how elements re-render when a language changes.
 *
 * Strings are written with `msg()` from `@lit/localize` (source language zh-CN). This module
 * is the one place that configures `@lit/localize`, once, in its re-entrant mode: every
 * `msg()` call asks {@link currentLocale} which language it is rendering in, and the answer is
 * synchronous. That is what lets two elements on one page render in two languages:
 *
 * 1. An element decorated with {@link localized} (this module's decorator, a drop-in for the
 *    one in `@lit/localize`) renders in the locale of its own `lang`, else of the nearest
 *    ancestor with a `lang` (crossing shadow roots), else of the page: the locale given to
 *    {@link setCourtLocale}, else `<html lang>`, else zh-CN.
 * 2. Every other `msg()` call (an element decorated with `@lit/localize`'s own `localized()`,
 *    or code outside an element) renders in the page locale.
 *
 * Language tags are normalised to the locales the package ships (zh-CN, zh-Hant, en, ug) or
 * that a site registered with {@link registerLocale}; anything unknown reads as zh-CN.
 *
 * Translations of the built-in locales are loaded on first use ({@link loadLocale}), so a
 * zh-CN page never downloads them. An element whose locale is still loading holds its
 * update (its light-DOM fallback, if any, stays visible) and renders once the translation
 * has arrived, so no frame shows the wrong language; if the translation cannot be loaded
 * within {@link LOCALE_LOAD_WAIT} ms, it renders in zh-CN and switches when it arrives, and
 * a failed load is reported once on the console and leaves zh-CN in place. When the locale
 * changes again during the wait (`en`, then `ug` before English has arrived), the update
 * waits for the new locale's translation instead, so it renders wholly in the last locale.
 *
 * A `MutationObserver` watches `lang` attributes: changing `<html lang>`, an ancestor's
 * `lang` or an element's own `lang` re-renders the elements it affects. Whenever the page
 * locale changes, the `lit-localize-status` event (`status: 'ready'`) is dispatched on
 * `window`, which also re-renders elements that use `@lit/localize`'s own decorator.
 *
 * Nothing here touches the DOM at module load outside a browser: under server rendering
 * the page locale is whatever {@link setCourtLocale} set (zh-CN by default).
 */
import { isServer } from 'lit';
import type { ReactiveController, ReactiveControllerHost, ReactiveElement, TemplateResult } from 'lit';
import { LOCALE_STATUS_EVENT } from '@lit/localize';
import type { LocaleModule, TemplateLike, TemplateMap } from '@lit/localize';
import { configureReentrantLocalization } from '@lit/localize/init/reentrant.js';
import { builtInLoaders } from './locale-loaders.js';
import { RTL_LANGUAGES } from './direction.js';

/** The language the source strings are written in. */
export const sourceLocale = 'zh-CN';

/** The locales the package ships: the source and its translations. */
export const builtInLocales = ['zh-CN', 'zh-Hant', 'en', 'ug'] as const;

/** Text direction of a locale. */
export type TextDirection = 'ltr' | 'rtl';

/**
 * A translation as {@link registerLocale} accepts it: what `lit-localize build` generates
 * (strings, `str` results, `html` results), or the portable JSON form written by
 * `scripts/xliff-to-module.mjs`, where a message with values is an array alternating text
 * and the index of the source value, e.g. `["Visitor no. ", 0]`.
 */
export type PortableTemplate = TemplateLike | ReadonlyArray<string | number>;

/** Options of {@link registerLocale}. */
export interface RegisterLocaleOptions {
  /** Text direction; by default from the language (`rtl` for ar, fa, he, ug, ur, …). */
  dir?: TextDirection;
}

interface LocaleEntry {
  templates: TemplateMap;
  dir: TextDirection;
}

// Scripts written right to left (ISO 15924), for tags that name one (ku-Arab, az-Arab).
const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Syrc', 'Thaa', 'Nkoo', 'Adlm', 'Rohg']);

// Built-in translations start empty and are filled in by loadLocale().
const registry = new Map<string, LocaleEntry>([
  [sourceLocale, { templates: {}, dir: 'ltr' }],
  ['zh-Hant', { templates: {}, dir: 'ltr' }],
  ['en', { templates: {}, dir: 'ltr' }],
  ['ug', { templates: {}, dir: 'rtl' }],
]);

/* ------------------------------------------------------------------------------------------ */
/* Language tags                                                                               */
/* ------------------------------------------------------------------------------------------ */

/** Subtags of a language tag, lower-cased language, title-cased script, upper-cased region. */
function subtags(tag: string): { language: string; script: string; region: string } | undefined {
  const cleaned = tag.trim().replace(/_/g, '-');
  if (cleaned === '' || cleaned.length > 64 || !/^[A-Za-z0-9-]+$/.test(cleaned)) return undefined;
  let canonical = cleaned;
  try {
    canonical = Intl.getCanonicalLocales(cleaned)[0] ?? cleaned;
  } catch {
    // Not well-formed BCP 47 (e.g. `zh-`): read what can be read.
  }
  const parts = canonical.split('-');
  const language = (parts[0] ?? '').toLowerCase();
  let script = '';
  let region = '';
  for (const part of parts.slice(1)) {
    if (/^[A-Za-z]{4}$/.test(part) && !script && !region) script = part[0]!.toUpperCase() + part.slice(1).toLowerCase();
    else if (/^([A-Za-z]{2}|\d{3})$/.test(part) && !region) region = part.toUpperCase();
    else if (part.length === 1) break; // extensions and private use: stop
  }
  return { language, script, region };
}

/** A registered locale code matching `tag` exactly, ignoring case, or `undefined`. */
function registeredCode(tag: string): string | undefined {
  const lower = tag.toLowerCase();
  for (const code of registry.keys()) if (code.toLowerCase() === lower) return code;
  return undefined;
}

/**
 * The locale the package renders for a BCP 47 language tag.
 *
 * - `zh`, `zh-CN`, `zh-SG`, `zh-Hans`, `zh-Hans-*` → `zh-CN`
 * - `zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant`, `zh-Hant-*`, `yue` → `zh-Hant`
 * - `en`, `en-*` → `en`
 * - `ug`, `ug-CN`, `ug-Arab`, `ug-*` → `ug`
 * - a code registered with {@link registerLocale}, exactly or by its language (`fr-CA` → `fr`)
 * - anything else, including empty or malformed tags → `zh-CN`
 *
 * Case and `_` separators are tolerated (`ZH_tw` → `zh-Hant`).
 */
export function normalizeLocale(tag: string | null | undefined): string {
  if (typeof tag !== 'string') return sourceLocale;
  const exact = registeredCode(tag.trim().replace(/_/g, '-'));
  if (exact) return exact;
  const parsed = subtags(tag);
  if (!parsed) return sourceLocale;
  const { language, script, region } = parsed;
  if (language === 'zh' || language === 'yue' || language === 'cmn') {
    if (script === 'Hant') return 'zh-Hant';
    if (script === 'Hans') return 'zh-CN';
    if (region === 'TW' || region === 'HK' || region === 'MO') return 'zh-Hant';
    return language === 'yue' ? 'zh-Hant' : 'zh-CN';
  }
  if (language === 'en') return 'en';
  if (language === 'ug') return 'ug';
  // Sites' own locales: language + script, then language alone.
  if (script) {
    const withScript = registeredCode(`${language}-${script}`);
    if (withScript) return withScript;
  }
  if (region) {
    const withRegion = registeredCode(`${language}-${region}`);
    if (withRegion) return withRegion;
  }
  return registeredCode(language) ?? sourceLocale;
}

/** Text direction of a locale the package renders (`ug` → `rtl`). */
export function localeDirection(locale: string): TextDirection {
  const entry = registry.get(normalizeLocale(locale));
  if (entry) return entry.dir;
  return 'ltr';
}

function defaultDirection(code: string): TextDirection {
  const parsed = subtags(code);
  if (!parsed) return 'ltr';
  if (parsed.script) return RTL_SCRIPTS.has(parsed.script) ? 'rtl' : 'ltr';
  return RTL_LANGUAGES.has(parsed.language) ? 'rtl' : 'ltr';
}

/** The codes of every locale that can be rendered: the built-in ones and registered ones. */
export function availableLocales(): string[] {
  return [...registry.keys()];
}

/* ------------------------------------------------------------------------------------------ */
/* Registering translations                                                                    */
/* ------------------------------------------------------------------------------------------ */

const MAX_TEMPLATES = 10_000;
const MAX_TEXT = 10_000;

function isTemplateResult(value: unknown): value is TemplateResult {
  return typeof value === 'object' && value !== null && '_$litType$' in value && 'strings' in value;
}

/** One portable translation turned into what `msg()` understands, or `undefined` if unusable. */
function toTemplate(value: unknown): TemplateLike | undefined {
  if (typeof value === 'string') return value.length <= MAX_TEXT ? value : undefined;
  if (Array.isArray(value)) {
    // ["text", 0, "text", 1, "text"]: text runs and source value indexes, in reading order.
    const strings: string[] = [''];
    const values: number[] = [];
    for (const part of value) {
      if (typeof part === 'string') strings[strings.length - 1] += part;
      else if (typeof part === 'number' && Number.isInteger(part) && part >= 0 && part < 100) {
        values.push(part);
        strings.push('');
      } else return undefined;
    }
    if (strings.join('').length > MAX_TEXT) return undefined;
    if (values.length === 0) return strings[0];
    return { strTag: true, strings, values } as unknown as TemplateLike;
  }
  if (typeof value === 'object' && value !== null) {
    // A `str` result from a generated module, or an `html` result (only a real lit template
    // passes Lit's own check, so data cannot smuggle markup in).
    if ('strTag' in value) {
      const { strings, values } = value as { strings?: unknown; values?: unknown };
      const wellFormed =
        Array.isArray(strings) &&
        strings.every((part) => typeof part === 'string') &&
        Array.isArray(values) &&
        values.length === strings.length - 1 &&
        values.every((index) => Number.isInteger(index) && index >= 0 && index < 100);
      return wellFormed ? (value as TemplateLike) : undefined;
    }
    if (isTemplateResult(value)) return value;
  }
  return undefined;
}

/**
 * Adds a locale, or adds to one, from translations keyed by message id.
 *
 * `templates` is the `templates` export of a module that `lit-localize build` generated, or
 * the portable form that `scripts/xliff-to-module.mjs` writes from an XLIFF file. Messages
 * the locale lacks fall back to the zh-CN source. Registering a code that exists merges the
 * new translations over the old ones (a site may correct one string). Every element
 * re-renders.
 *
 * ```js
 * import { registerLocale } from 'court-widgets';
 * import { code, dir, templates } from './court-widgets.kk.js'; // from xliff-to-module.mjs
 * registerLocale(code, templates, { dir }); // <html lang="kk-Arab-CN"> now renders in Kazakh
 * ```
 *
 * Returns the canonical code, or throws a `TypeError` for a malformed code or table.
 */
export function registerLocale(
  code: string,
  templates: Readonly<Record<string, PortableTemplate>> | LocaleModule,
  options: RegisterLocaleOptions = {},
): string {
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(String(code).replace(/_/g, '-'))[0] ?? '';
  } catch {
    canonical = '';
  }
  if (!canonical) throw new TypeError(`registerLocale: "${String(code)}" is not a BCP 47 language tag`);
  const table =
    templates && typeof templates === 'object' && 'templates' in templates && typeof templates.templates === 'object'
      ? (templates as LocaleModule).templates
      : (templates as Readonly<Record<string, PortableTemplate>>);
  if (!table || typeof table !== 'object' || Array.isArray(table)) {
    throw new TypeError('registerLocale: templates must be an object keyed by message id');
  }
  const entries = Object.entries(table);
  if (entries.length > MAX_TEMPLATES) throw new TypeError(`registerLocale: more than ${MAX_TEMPLATES} messages`);
  const converted: TemplateMap = {};
  for (const [id, value] of entries) {
    const template = toTemplate(value);
    if (template !== undefined) converted[id] = template;
  }
  const existingCode = registeredCode(canonical) ?? canonical;
  if (existingCode === sourceLocale) {
    // The source locale has no table: its text is in the code. Corrections go to zh-CN
    // as a table of its own, consulted like a translation.
    sourceOverrides = { ...sourceOverrides, ...converted };
  } else {
    const previous = registry.get(existingCode);
    registry.set(existingCode, {
      templates: { ...(previous?.templates ?? {}), ...converted },
      dir: options.dir ?? previous?.dir ?? defaultDirection(existingCode),
    });
  }
  ensureLocalization();
  refreshAll(true);
  return existingCode;
}

let sourceOverrides: TemplateMap = {};

/* ------------------------------------------------------------------------------------------ */
/* Loading the built-in translations                                                           */
/* ------------------------------------------------------------------------------------------ */

/** How long an element waits for its translation before rendering in zh-CN meanwhile, in ms. */
export const LOCALE_LOAD_WAIT = 3000;

/** The loader of a built-in translation, `undefined` for any other locale. */
function loaderOf(locale: string): (() => Promise<LocaleModule>) | undefined {
  return Object.prototype.hasOwnProperty.call(builtInLoaders, locale) ? builtInLoaders[locale] : undefined;
}

/** Built-in locales being loaded (a promise) or loaded / given up on (`true` / `false`). */
const loads = new Map<string, Promise<boolean> | boolean>();

/**
 * Loads the translations of a built-in locale (zh-Hant, en, ug), once; resolves `true` when
 * they are in place (every element re-renders), `false` if they could not be loaded (the
 * locale then renders in zh-CN; the reason is reported once on the console). zh-CN and
 * locales added with {@link registerLocale} need no loading and resolve `true` at once.
 *
 * Elements call this themselves. Call it ahead of time to have a language ready before an
 * element needs it, e.g. before server rendering or before a language switch.
 */
export function loadLocale(tag: string): Promise<boolean> {
  const locale = normalizeLocale(tag);
  const state = loads.get(locale);
  if (state !== undefined) return typeof state === 'boolean' ? Promise.resolve(state) : state;
  const loader = loaderOf(locale);
  if (!loader) return Promise.resolve(true);
  const promise = Promise.resolve()
    .then(loader)
    .then(
      (module) => {
        const entry = registry.get(locale)!;
        // Translations a site registered before these arrived stay on top.
        registry.set(locale, { ...entry, templates: { ...(module.templates as TemplateMap), ...entry.templates } });
        loads.set(locale, true);
        refreshAll(true);
        return true;
      },
      (error: unknown) => {
        loads.set(locale, false);
        console.warn(`court-widgets: the ${locale} translation could not be loaded; showing zh-CN text instead.`, error);
        refreshAll(true);
        return false;
      },
    );
  loads.set(locale, promise);
  return promise;
}

/**
 * What an element in `locale` must wait for before it renders: the translation being loaded
 * (at most {@link LOCALE_LOAD_WAIT} ms), or nothing when it is there or was given up on.
 */
function translationPending(locale: string): Promise<unknown> | undefined {
  if (loads.get(locale) === undefined && !loaderOf(locale)) return undefined;
  const state = loads.get(locale) ?? loadLocale(locale);
  if (typeof state === 'boolean' || waitedOut.has(locale)) return undefined;
  return Promise.race([
    state,
    new Promise<void>((resolve) =>
      setTimeout(() => {
        waitedOut.add(locale);
        resolve();
      }, LOCALE_LOAD_WAIT),
    ),
  ]);
}

/** Locales whose translation took longer than the wait: later updates no longer wait for it. */
const waitedOut = new Set<string>();

/* ------------------------------------------------------------------------------------------ */
/* Which locale is rendering                                                                   */
/* ------------------------------------------------------------------------------------------ */

let explicitPageLocale: string | undefined;
let contextLocale: string | undefined;

function htmlLang(): string | undefined {
  if (typeof document === 'undefined' || !document.documentElement) return undefined;
  const lang = document.documentElement.getAttribute('lang');
  return lang && lang.trim() ? lang : undefined;
}

/**
 * The page locale: the one given to {@link setCourtLocale}, else `<html lang>`, else zh-CN.
 * Elements without a `lang` of their own or on an ancestor render in it.
 */
export function getCourtLocale(): string {
  if (explicitPageLocale !== undefined) return explicitPageLocale;
  return normalizeLocale(htmlLang());
}

/**
 * The locale `msg()` is rendering in right now: inside the update of a {@link localized}
 * element, that element's locale; elsewhere the page locale. Elements use it in `render()`
 * for `Intl` formatting and for `lang`/`dir` on their root container.
 */
export function currentLocale(): string {
  return contextLocale ?? getCourtLocale();
}

/** The text direction of {@link currentLocale}. */
export function currentDir(): TextDirection {
  return localeDirection(currentLocale());
}

/**
 * Runs `fn` with `msg()` rendering in `locale` (normalised), synchronously, and returns its
 * result. Used around each element update; also useful to render one template in a given
 * language (tests, server rendering of a fragment).
 */
export function withLocale<T>(locale: string, fn: () => T): T {
  ensureLocalization();
  const previous = contextLocale;
  contextLocale = normalizeLocale(locale);
  try {
    return fn();
  } finally {
    contextLocale = previous;
  }
}

const LANG_SELECTOR = '[lang]:not([lang=""])';

/**
 * The raw language tag that chooses the locale of `el`: its own `lang`, else the nearest
 * ancestor's, crossing shadow roots to their hosts; `<html lang>` is not included (see
 * {@link resolveLocale}). `undefined` when none applies.
 *
 * One exception keeps the interface in the reader's language: inside the shadow root of a
 * localized court element, `lang` attributes mark content (a Chinese article on an English
 * page is `<article lang="zh-CN">`), so an element nested there (the article's
 * `<photo-caption>`) takes its host's locale, unless it has a `lang` of its own.
 */
export function inheritedLang(el: Element): string | undefined {
  let current: Element | null = el;
  while (current) {
    const own = current.getAttribute('lang');
    if (own && own.trim()) return current === current.ownerDocument?.documentElement ? undefined : own;
    const root = current.getRootNode();
    const host: Element | null = root && (root as ShadowRoot).host instanceof Element ? (root as ShadowRoot).host : null;
    if (!host || !controllerOf.has(host)) {
      const hit: Element | null = current.parentElement ? current.parentElement.closest(LANG_SELECTOR) : null;
      if (hit) return hit === hit.ownerDocument?.documentElement ? undefined : (hit.getAttribute('lang') ?? undefined);
    }
    current = host;
  }
  return undefined;
}

/**
 * The locale `el` renders in: from its own `lang`, else the nearest ancestor's (crossing
 * shadow roots), else the page locale ({@link setCourtLocale}, else `<html lang>`, else zh-CN),
 * normalised by {@link normalizeLocale}.
 */
export function resolveLocale(el: Element): string {
  const lang = inheritedLang(el);
  return lang !== undefined ? normalizeLocale(lang) : getCourtLocale();
}

/* ------------------------------------------------------------------------------------------ */
/* The one configuration of @lit/localize                                                      */
/* ------------------------------------------------------------------------------------------ */

// @lit/localize's re-entrant mode looks a locale up in a set fixed at configuration time;
// locales registered later would be missed. So msg() is told a single stand-in code for
// "translated", and the table is chosen here from the real current locale.
const TRANSLATED = 'x-court-translated';
let configured = false;

function templatesFor(locale: string): LocaleModule | undefined {
  if (locale === sourceLocale) return { templates: sourceOverrides };
  const entry = registry.get(locale);
  return entry ? { templates: entry.templates } : undefined;
}

/**
 * The one setup of `@lit/localize` for the package. Idempotent: the first call configures,
 * later calls do nothing. Called on import of this module and by every localized element,
 * so a page never needs to call it. When the page has configured `@lit/localize` itself
 * (one shared copy), court-widgets keeps that configuration and renders in its locale.
 */
export function ensureLocalization(): void {
  if (configured) return;
  configured = true;
  try {
    configureReentrantLocalization({
      sourceLocale,
      targetLocales: [TRANSLATED],
      getLocale: () => TRANSLATED,
      loadLocaleSync: () => templatesFor(currentLocale()),
    });
  } catch (error) {
    console.warn('court-widgets: @lit/localize was configured by the page; its locale applies to every element.', error);
  }
  drainQueuedLocales();
  startObserving();
}

/* ------------------------------------------------------------------------------------------ */
/* Re-rendering                                                                                */
/* ------------------------------------------------------------------------------------------ */

type LocalizedHost = ReactiveControllerHost & ReactiveElement;

const controllers = new Set<LocaleController>();
const controllerOf = new WeakMap<object, LocaleController>();
/** The `dir` each host was given here, to tell it from one the page wrote. */
const dirSetByUs = new WeakMap<Element, string>();
let observer: MutationObserver | undefined;
const observedRoots = new WeakSet<Node>();
let lastPageLocale: string | undefined;

function observe(node: Node, subtree: boolean): void {
  if (!observer || observedRoots.has(node)) return;
  observedRoots.add(node);
  observer.observe(node, { attributes: true, attributeFilter: ['lang'], subtree });
}

function startObserving(): void {
  if (observer || typeof MutationObserver !== 'function' || typeof document === 'undefined') return;
  observer = new MutationObserver(() => refreshAll());
  observe(document, true);
  lastPageLocale = getCourtLocale();
}

function dispatchReady(locale: string): void {
  if (typeof window === 'undefined' || typeof window.dispatchEvent !== 'function') return;
  window.dispatchEvent(new CustomEvent(LOCALE_STATUS_EVENT, { detail: { status: 'ready', readyLocale: locale } }));
}

/** Re-renders every element whose locale changed; announces a new page locale. */
function refreshAll(force = false): void {
  for (const controller of controllers) controller.refresh(force);
  const page = getCourtLocale();
  if (force || page !== lastPageLocale) {
    lastPageLocale = page;
    dispatchReady(page);
  }
}

/**
 * Sets the page locale, which takes the place of `<html lang>` for every element without a
 * `lang` of its own or on an ancestor; `null` returns to `<html lang>`. Every element
 * re-renders; the promise resolves when the localized elements have.
 *
 * The page's own `<html lang>` is not changed: use this for a language switch inside a
 * widget area, or under server rendering; set `<html lang>` when the whole page changes.
 */
export function setCourtLocale(locale: string | null): Promise<void> {
  ensureLocalization();
  explicitPageLocale = locale === null || locale === undefined ? undefined : normalizeLocale(locale);
  refreshAll();
  return Promise.all([...controllers].map((c) => c.host.updateComplete)).then(() => undefined);
}

/**
 * Keeps one element in its locale: renders each update in {@link resolveLocale} of the host
 * and requests an update when that changes (a `lang` attribute changed, the element moved,
 * the page locale changed, a locale was registered). Added by {@link localized}; use it
 * directly with `new LocaleController(this)` in a constructor when decorators are not an
 * option, call `wrapUpdate` from `performUpdate`, and have `scheduleUpdate` wait for
 * `translationReady()` when it returns a promise.
 */
export class LocaleController implements ReactiveController {
  readonly host: LocalizedHost;
  /** The locale of the last (or current) render. */
  locale: string = sourceLocale;

  /**
   * The locale the server rendered this element's shadow tree in ({@link SSR_LOCALE_ATTR}),
   * while the element has not yet hydrated it; `undefined` otherwise.
   */
  private serverLocale: string | undefined;

  constructor(host: LocalizedHost) {
    this.host = host;
    controllerOf.set(host, this);
    host.addController(this);
    // An element upgraded with a declarative shadow root hydrates it on its first update.
    const element = host as unknown as Element;
    if (!isServer && element.shadowRoot && typeof element.getAttribute === 'function') {
      const marked = element.getAttribute(SSR_LOCALE_ATTR);
      if (marked && marked.trim()) this.serverLocale = normalizeLocale(marked);
    }
  }

  /** The text direction of {@link LocaleController.locale}. */
  get dir(): TextDirection {
    return localeDirection(this.locale);
  }

  hostConnected(): void {
    ensureLocalization();
    controllers.add(this);
    // Watch lang attributes on every tree between the element and the document: its own
    // attribute and those of ancestors inside other components' shadow roots.
    let node: Node | null = this.host;
    while (node) {
      const root: Node = node.getRootNode();
      if (root === node) break;
      observe(root, true);
      node = (root as ShadowRoot).host ?? null;
    }
    observe(this.host, false);
    if (this.host.renderRoot && this.host.renderRoot !== this.host) observe(this.host.renderRoot, true);
    this.refresh(false);
  }

  hostDisconnected(): void {
    controllers.delete(this);
  }

  /** The locale whose translation the host's next update is waiting for, if any. */
  private awaited: string | undefined;
  /** Ends that wait early, when the host's locale has changed meanwhile. */
  private wake: (() => void) | undefined;

  /**
   * Requests an update when the host's locale changed since its last render, or when forced.
   * An update waiting for the translation of a locale the host is no longer in stops waiting
   * for it ({@link LocaleController.translationReady}).
   */
  refresh(force: boolean): void {
    if (this.wake && (this.serverLocale ?? resolveLocale(this.host)) !== this.awaited) this.wake();
    if (force || (this.host.hasUpdated && resolveLocale(this.host) !== this.locale)) this.host.requestUpdate();
  }

  /**
   * What the host's next update waits for: the translation of the locale the host is in
   * (at most {@link LOCALE_LOAD_WAIT} ms, see {@link loadLocale}), or nothing when it is there
   * or was given up on. The locale is read again whenever a wait ends, and a wait ends as
   * soon as the locale changes, so after quick changes (`en`, then `ug` before English has
   * arrived) the update waits for the last locale's translation and renders in that locale,
   * not in a locale whose translation nothing asked for.
   */
  translationReady(): Promise<void> | undefined {
    // The hydrating update renders in the server's locale: load the page's own meanwhile.
    if (this.serverLocale !== undefined) void loadLocale(resolveLocale(this.host));
    const locale = this.serverLocale ?? resolveLocale(this.host);
    const pending = translationPending(locale);
    if (!pending) return undefined;
    this.awaited = locale;
    const changed = new Promise<void>((resolve) => (this.wake = resolve));
    return Promise.race([pending, changed]).then(() => {
      this.awaited = this.wake = undefined;
      return this.translationReady();
    });
  }

  /**
   * Runs one update of the host (`willUpdate`, `render`, `updated`…) in the host's locale,
   * and gives the host the locale's direction: `dir="rtl"` in Uyghur, `dir="ltr"` otherwise,
   * so that the shadow tree mirrors (logical properties, `:host(:dir(rtl))`) even on a page
   * that set `lang` without `dir`. A `dir` the page wrote on the element itself is kept.
   */
  wrapUpdate<T>(update: () => T): T {
    const resolved = resolveLocale(this.host);
    const server = this.serverLocale;
    if (server === undefined) {
      this.locale = resolved;
      this.applyDir();
      return withLocale(this.locale, update);
    }
    // Hydration keeps the server's DOM and takes it to hold what this update renders: so
    // it renders in the locale the server did, and an update in the host's own locale
    // follows, which changes the strings that differ.
    this.serverLocale = undefined;
    const host = this.host as unknown as Element;
    host.removeAttribute(SSR_LOCALE_ATTR);
    this.locale = server;
    this.applyDir();
    const result = withLocale(server, update);
    if (resolved !== server) this.host.requestUpdate();
    return result;
  }

  private applyDir(): void {
    const host = this.host as unknown as Element;
    if (typeof host.getAttribute !== 'function') return;
    const current = host.getAttribute('dir');
    const ours = dirSetByUs.get(host);
    if (current !== null && current !== ours) return; // the page's own choice
    const dir = localeDirection(this.locale);
    if (current !== dir) {
      host.setAttribute('dir', dir);
    }
    dirSetByUs.set(host, dir);
  }
}

const wrappedPrototypes = new WeakSet<object>();

/**
 * The attribute server rendering writes on every localized element it renders: the locale
 * of the strings in its declarative shadow root. The element's first update in the browser,
 * which hydrates that shadow root, renders in this locale, then the element re-renders in
 * its own locale if that differs (a zh-CN fragment on an English page); the attribute is
 * removed when the element has hydrated.
 */
export const SSR_LOCALE_ATTR = 'ssr-locale';

/** The locale an element renders in on the server: its own `lang`, else {@link currentLocale}. */
function serverRenderLocale(element: ReactiveElement): string {
  const own = typeof element.getAttribute === 'function' ? element.getAttribute('lang') : null;
  return own && own.trim() ? normalizeLocale(own) : currentLocale();
}

/**
 * Class decorator, a drop-in for `localized()` of `@lit/localize`: the element renders in
 * its own locale ({@link resolveLocale}) and re-renders when that changes.
 *
 * ```ts
 * import { msg } from '@lit/localize';
 * import { localized } from '../../internal/localize.js';
 *
 * @localized()
 * export class PrintControlsElement extends LitElement { … }
 * ```
 */
export function localized() {
  return <C extends abstract new (...args: never[]) => ReactiveElement>(clazz: C, _context?: unknown): C => {
    ensureLocalization();
    const ctor = clazz as unknown as typeof ReactiveElement;
    ctor.addInitializer((element) => {
      if (!controllerOf.has(element)) new LocaleController(element);
    });
    const proto = ctor.prototype as ReactiveElement & { performUpdate(): void | Promise<unknown>; render?: () => unknown };
    if (!wrappedPrototypes.has(proto)) {
      wrappedPrototypes.add(proto);
      const original = proto.performUpdate;
      proto.performUpdate = function (this: ReactiveElement) {
        const controller = controllerOf.get(this);
        return controller ? controller.wrapUpdate(() => original.call(this)) : original.call(this);
      };
      // An update in a locale whose translation is still loading waits for it; the locale is
      // the one the update renders in, read when the wait ends (translationReady).
      const schedule = (proto as unknown as { scheduleUpdate(): void | Promise<unknown> }).scheduleUpdate;
      (proto as unknown as { scheduleUpdate(): void | Promise<unknown> }).scheduleUpdate = function (
        this: ReactiveElement,
      ) {
        const ready = controllerOf.get(this)?.translationReady();
        return ready ? ready.then(() => schedule.call(this)) : schedule.call(this);
      };
      if (isServer && typeof proto.render === 'function') {
        // Server rendering calls willUpdate() and render() without performUpdate() and has no
        // tree to walk: the element's own lang applies, else the locale being rendered in
        // (withLocale around the whole render, else setCourtLocale). The host is marked with
        // that locale (SSR_LOCALE_ATTR), written out with its other attributes before its
        // shadow root, so that the browser hydrates in the same locale.
        const render = proto.render;
        const willUpdate = (proto as unknown as { willUpdate(changed: unknown): void }).willUpdate;
        (proto as unknown as { willUpdate(changed: unknown): void }).willUpdate = function (
          this: ReactiveElement,
          changed: unknown,
        ) {
          const locale = serverRenderLocale(this);
          if (typeof this.setAttribute === 'function') this.setAttribute(SSR_LOCALE_ATTR, locale);
          return withLocale(locale, () => willUpdate.call(this, changed));
        };
        proto.render = function (this: ReactiveElement) {
          return withLocale(serverRenderLocale(this), () => render.call(this));
        };
      }
    }
    return clazz;
  };
}

/* ------------------------------------------------------------------------------------------ */
/* Locales added by a classic script                                                           */
/* ------------------------------------------------------------------------------------------ */

/** What a locale script made by `scripts/xliff-to-module.mjs --format script` queues. */
export interface QueuedLocale {
  code: string;
  templates: Record<string, PortableTemplate>;
  dir?: TextDirection;
}

/** The global array that locale scripts push to, so that load order does not matter. */
export const LOCALE_QUEUE = 'courtWidgetsLocales';
/** The event a locale script dispatches on `window` after queueing. */
export const LOCALE_QUEUED_EVENT = 'court-widgets-locale';

function drainQueuedLocales(): void {
  let items: unknown[] = [];
  try {
    // Whatever a page put under this name (a getter that throws, a frozen array) must not
    // stop the package from loading.
    const queue = (globalThis as unknown as Record<string, unknown>)[LOCALE_QUEUE];
    if (Array.isArray(queue)) items = queue.splice(0, queue.length) as unknown[];
  } catch {
    items = [];
  }
  for (const item of items) {
    try {
      const { code, templates, dir } = item as QueuedLocale;
      registerLocale(code, templates, dir === 'rtl' || dir === 'ltr' ? { dir } : {});
    } catch (error) {
      console.warn('court-widgets: a queued locale was not registered.', error);
    }
  }
  if (!queueListening && typeof window !== 'undefined' && typeof window.addEventListener === 'function') {
    queueListening = true;
    window.addEventListener(LOCALE_QUEUED_EVENT, () => drainQueuedLocales());
  }
}
let queueListening = false;

ensureLocalization();
