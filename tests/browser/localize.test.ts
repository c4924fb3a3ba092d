import { fixture, html, expect, waitUntil, nextFrame } from '@open-wc/testing';
import { LitElement } from 'lit';
import '../../src/define.js';
import { msg, localized as upstreamLocalized } from '@lit/localize';
import {
  normalizeLocale,
  localized,
  currentLocale,
  currentDir,
  resolveLocale,
  setCourtLocale,
  registerLocale,
  getCourtLocale,
  LOCALE_QUEUE,
  LOCALE_QUEUED_EVENT,
} from '../../src/internal/localize.js';


/** A minimal element of the package's kind: two messages of the footer, its locale and dir. */
@localized()
class LocProbeElement extends LitElement {
  renders = 0;
  /** The locale msg() saw in willUpdate, to show the whole update runs in the element's locale. */
  willUpdateLocale = '';
  protected override willUpdate(): void {
    this.willUpdateLocale = currentLocale();
  }
  override render() {
    this.renders++;
    return html`<p dir=${currentDir()}>${msg('重试', { id: 'court-footer.retry' })}</p><span>${currentLocale()}</span>`;
  }
}
customElements.define('loc-probe', LocProbeElement);

/** An element that uses @lit/localize's own decorator: it follows the page locale. */
@upstreamLocalized()
class UpstreamProbeElement extends LitElement {
  override render() {
    return html`<p>${msg('重试', { id: 'court-footer.retry' })}</p>`;
  }
}
customElements.define('upstream-probe', UpstreamProbeElement);

/** A court-like element that marks content it renders with the content's language. */
@localized()
class ContentBoxElement extends LitElement {
  override render() {
    return html`<article lang="zh-CN"><loc-probe></loc-probe><loc-probe lang="ug"></loc-probe></article>`;
  }
}
customElements.define('content-box', ContentBoxElement);

/** A host page component with its own shadow root, to check that lang crosses shadow roots. */
class ShadowBoxElement extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML = '<div id="inner"><loc-probe></loc-probe></div>';
  }
}
customElements.define('shadow-box', ShadowBoxElement);

function said(el: Element): string {
  return el.shadowRoot!.querySelector('p')!.textContent!;
}

async function settle(...els: LitElement[]): Promise<void> {
  // Mutation observer records are delivered in a microtask; the update follows.
  await nextFrame();
  await Promise.all(els.map((e) => e.updateComplete));
}

const RETRY: Record<string, string> = { 'zh-CN': '重试', 'zh-Hant': '重試', en: 'Retry', ug: 'قايتا سىناش' };

describe('locale of an element', () => {
  afterEach(async () => {
    await setCourtLocale(null);
    document.documentElement.setAttribute('lang', 'zh-CN');
    document.documentElement.removeAttribute('dir');
  });

  it('follows <html lang> when nothing closer says otherwise', async () => {
    document.documentElement.lang = 'en-US';
    const el = await fixture<LocProbeElement>(html`<loc-probe></loc-probe>`);
    expect(said(el)).to.equal(RETRY.en);
    expect(resolveLocale(el)).to.equal('en');
  });

  it('prefers the nearest ancestor lang over <html lang>', async () => {
    document.documentElement.lang = 'en';
    const box = await fixture(html`<div lang="zh-TW"><section><loc-probe></loc-probe></section></div>`);
    const el = box.querySelector<LocProbeElement>('loc-probe')!;
    await el.updateComplete;
    expect(said(el)).to.equal(RETRY['zh-Hant']);
  });

  it('prefers its own lang over an ancestor and <html lang>', async () => {
    document.documentElement.lang = 'en';
    const box = await fixture(html`<div lang="zh-HK"><loc-probe lang="ug-CN"></loc-probe></div>`);
    const el = box.querySelector<LocProbeElement>('loc-probe')!;
    await el.updateComplete;
    expect(said(el)).to.equal(RETRY.ug);
    expect(el.willUpdateLocale).to.equal('ug');
  });

  it('finds the lang of an ancestor outside a shadow root', async () => {
    const wrapper = await fixture(html`<div lang="ug"><shadow-box></shadow-box></div>`);
    const el = wrapper.querySelector('shadow-box')!.shadowRoot!.querySelector('loc-probe') as LocProbeElement;
    await el.updateComplete;
    expect(said(el)).to.equal(RETRY.ug);
  });

  it('takes the locale of the court element it is nested in, not the content lang inside it', async () => {
    const outer = await fixture<ContentBoxElement>(html`<content-box lang="en"></content-box>`);
    await outer.updateComplete;
    const inner = outer.shadowRoot!.querySelector<LocProbeElement>('loc-probe')!;
    await inner.updateComplete;
    expect(said(inner), 'follows the UI locale of its host').to.equal(RETRY.en);
    const own = outer.shadowRoot!.querySelector<LocProbeElement>('loc-probe[lang]')!;
    await own.updateComplete;
    expect(said(own), 'an own lang still wins').to.equal(RETRY.ug);
    outer.lang = 'zh-TW';
    await settle(outer, inner);
    expect(said(inner)).to.equal(RETRY['zh-Hant']);
  });

  it('renders two locales side by side on one page', async () => {
    const box = await fixture(html`<div>
      <loc-probe lang="zh-CN"></loc-probe><loc-probe lang="zh-Hant"></loc-probe><loc-probe lang="en"></loc-probe><loc-probe lang="ug"></loc-probe>
    </div>`);
    const els = [...box.querySelectorAll<LocProbeElement>('loc-probe')];
    await Promise.all(els.map((e) => e.updateComplete));
    expect(els.map(said)).to.deep.equal([RETRY['zh-CN'], RETRY['zh-Hant'], RETRY.en, RETRY.ug]);
  });

  it('treats unknown and empty lang values as the next level up', async () => {
    document.documentElement.lang = 'en';
    const box = await fixture(html`<div lang="zh-Hant"><loc-probe lang=""></loc-probe><loc-probe lang="fr"></loc-probe></div>`);
    const [empty, unknown] = [...box.querySelectorAll<LocProbeElement>('loc-probe')];
    await empty!.updateComplete;
    await unknown!.updateComplete;
    expect(said(empty!)).to.equal(RETRY['zh-Hant']);
    expect(said(unknown!), 'an unsupported language reads as zh-CN').to.equal(RETRY['zh-CN']);
  });
});

describe('changing the language at runtime', () => {
  afterEach(async () => {
    await setCourtLocale(null);
    document.documentElement.setAttribute('lang', 'zh-CN');
  });

  it('re-renders every element when <html lang> changes', async () => {
    const box = await fixture(html`<div><loc-probe></loc-probe><upstream-probe></upstream-probe></div>`);
    const mine = box.querySelector<LocProbeElement>('loc-probe')!;
    const theirs = box.querySelector<UpstreamProbeElement>('upstream-probe')!;
    await settle(mine, theirs);
    expect([said(mine), said(theirs)]).to.deep.equal([RETRY['zh-CN'], RETRY['zh-CN']]);
    for (const lang of ['en', 'ug', 'zh-TW', 'zh']) {
      document.documentElement.lang = lang;
      await settle(mine, theirs);
      const expected = RETRY[lang === 'zh-TW' ? 'zh-Hant' : lang === 'zh' ? 'zh-CN' : lang]!;
      expect([said(mine), said(theirs)], lang).to.deep.equal([expected, expected]);
    }
  });

  it('re-renders when an ancestor or its own lang changes, and only the elements affected', async () => {
    const box = await fixture(html`<div><div id="a"><loc-probe></loc-probe></div><div id="b"><loc-probe></loc-probe></div></div>`);
    const [a, b] = [...box.querySelectorAll<LocProbeElement>('loc-probe')] as [LocProbeElement, LocProbeElement];
    await settle(a, b);
    const before = b.renders;
    box.querySelector('#a')!.setAttribute('lang', 'en');
    await settle(a, b);
    expect(said(a)).to.equal(RETRY.en);
    expect(said(b)).to.equal(RETRY['zh-CN']);
    expect(b.renders, 'the untouched element did not re-render').to.equal(before);
    a.setAttribute('lang', 'ug');
    await settle(a);
    expect(said(a)).to.equal(RETRY.ug);
    a.removeAttribute('lang');
    await settle(a);
    expect(said(a)).to.equal(RETRY.en);
  });

  it('re-renders inside a shadow root when the lang outside it changes', async () => {
    const wrapper = await fixture(html`<div><shadow-box></shadow-box></div>`);
    const el = wrapper.querySelector('shadow-box')!.shadowRoot!.querySelector('loc-probe') as LocProbeElement;
    await el.updateComplete;
    expect(said(el)).to.equal(RETRY['zh-CN']);
    wrapper.setAttribute('lang', 'en');
    await settle(el);
    expect(said(el)).to.equal(RETRY.en);
    wrapper.querySelector('shadow-box')!.shadowRoot!.querySelector('#inner')!.setAttribute('lang', 'zh-MO');
    await settle(el);
    expect(said(el)).to.equal(RETRY['zh-Hant']);
  });

  it('re-renders an element moved to a container in another language', async () => {
    const box = await fixture(html`<div><div id="zh"><loc-probe></loc-probe></div><div id="en" lang="en"></div></div>`);
    const el = box.querySelector<LocProbeElement>('loc-probe')!;
    await el.updateComplete;
    box.querySelector('#en')!.append(el);
    await settle(el);
    expect(said(el)).to.equal(RETRY.en);
  });

  it('setCourtLocale sets the page locale in place of <html lang>, null returns to it', async () => {
    document.documentElement.lang = 'en';
    const box = await fixture(html`<div><loc-probe></loc-probe><loc-probe lang="zh-Hant"></loc-probe><upstream-probe></upstream-probe></div>`);
    const [page, own] = [...box.querySelectorAll<LocProbeElement>('loc-probe')] as [LocProbeElement, LocProbeElement];
    const theirs = box.querySelector<UpstreamProbeElement>('upstream-probe')!;
    await settle(page, own, theirs);
    await setCourtLocale('ug');
    await theirs.updateComplete;
    expect(getCourtLocale()).to.equal('ug');
    expect([said(page), said(own), said(theirs)]).to.deep.equal([RETRY.ug, RETRY['zh-Hant'], RETRY.ug]);
    expect(document.documentElement.lang, 'the page’s own lang is left alone').to.equal('en');
    await setCourtLocale(null);
    await theirs.updateComplete;
    expect([said(page), said(own), said(theirs)]).to.deep.equal([RETRY.en, RETRY['zh-Hant'], RETRY.en]);
  });
});

describe('direction', () => {
  afterEach(() => {
    document.documentElement.setAttribute('lang', 'zh-CN');
  });

  it('gives a Uyghur element dir="rtl" even when the page set only lang', async () => {
    const box = await fixture(html`<div lang="ug"><loc-probe></loc-probe></div>`);
    const el = box.querySelector<LocProbeElement>('loc-probe')!;
    await el.updateComplete;
    expect(el.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(el.shadowRoot!.querySelector('p')!).direction).to.equal('rtl');
    box.setAttribute('lang', 'en');
    await settle(el);
    expect(el.getAttribute('dir')).to.equal('ltr');
  });

  it('keeps a dir the page wrote on the element', async () => {
    const el = await fixture<LocProbeElement>(html`<loc-probe lang="ug" dir="ltr"></loc-probe>`);
    expect(el.getAttribute('dir')).to.equal('ltr');
  });
});

describe('locales added by a site', () => {
  it('registerLocale adds a language that elements pick up at once', async () => {
    const el = await fixture<LocProbeElement>(html`<loc-probe lang="kk-Arab-CN"></loc-probe>`);
    expect(said(el), 'unknown before registration').to.equal(RETRY['zh-CN']);
    registerLocale('kk-Arab', { 'court-footer.retry': 'قايتا سىناۋ' });
    await settle(el);
    expect(said(el)).to.equal('قايتا سىناۋ');
    expect(el.getAttribute('dir')).to.equal('rtl');
  });

  it('a locale script queued before or after the bundle registers itself', async () => {
    const scope = window as unknown as Record<string, unknown>;
    const el = await fixture<LocProbeElement>(html`<loc-probe lang="mn-Mong"></loc-probe>`);
    // What `xliff-to-module.mjs --format script` writes (see tests/node/localize.test.ts).
    const queue = (scope[LOCALE_QUEUE] ??= []) as unknown[];
    queue.push({ code: 'mn-Mong', dir: 'ltr', templates: { 'court-footer.retry': 'ᠳᠠᠬᠢᠨ ᠳᠤᠷᠰᠢᠬᠤ' } });
    window.dispatchEvent(new CustomEvent(LOCALE_QUEUED_EVENT));
    await settle(el);
    expect(said(el)).to.equal('ᠳᠠᠬᠢᠨ ᠳᠤᠷᠰᠢᠬᠤ');
    expect(queue).to.have.length(0);
  });

  it('a corrected string for a shipped locale replaces it', async () => {
    const el = await fixture<LocProbeElement>(html`<loc-probe lang="en-GB"></loc-probe>`);
    registerLocale('en', { 'court-footer.retry': 'Try again' });
    await waitUntil(() => said(el) === 'Try again', 'corrected string shown');
    registerLocale('en', { 'court-footer.retry': RETRY.en! });
    await waitUntil(() => said(el) === RETRY.en);
  });
});

/* ------------------------------------------------------------------------------------------ */
/* Every element in every locale                                                               */
/* ------------------------------------------------------------------------------------------ */

const HAN = /\p{Script=Han}/u;
/** Characters written only in Simplified Chinese (their Traditional forms differ). */
const SIMPLIFIED_ONLY =
  '这们个时间门问题网页电话编号关闭图显览数据无载错误码访权务热线举报车设计维护术读声语暂继续体适标发责辑当导试对类应为围处详见浏过络区带块进选视频将开启复讯实际还尔轮滚动询联诉讼办纪检监邮备证营业执许递归档传输历边栏链书签么赖条达级纸张宽隐样认尽请态缩换键删择产单资节闻长';
const UI_ATTRIBUTES = ['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'alt', 'placeholder'];
const TARGET_LOCALES = ['zh-Hant', 'en', 'ug'] as const;
const COUNTER_ENDPOINT = '/counter-for-locale-tests';
const COUNTER_SITE = 'loc';

let seedArticle: Record<string, unknown>;
let seedSite: Record<string, unknown>;

async function loadSeed(): Promise<void> {
  seedArticle ??= (await (await fetch('/demo/data/seed-article.json')).json()) as Record<string, unknown>;
  seedSite ??= (await (await fetch('/demo/data/site.json')).json()) as Record<string, unknown>;
}

/**
 * The Chinese text of every message in the source, cut at placeholders and punctuation into
 * runs of two or more Han characters, for the messages whose translation into `locale`
 * differs from the source (from the shipped XLIFF file, which lists every message).
 */
async function sourceFragments(locale: string): Promise<Array<[fragment: string, id: string]>> {
  const xml = await (await fetch(`/xliff/${locale}.xlf`)).text();
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const fragments: Array<[string, string]> = [];
  for (const unit of doc.querySelectorAll('trans-unit')) {
    const textOf = (el: Element | null): string =>
      el ? [...el.childNodes].map((n) => (n.nodeType === Node.TEXT_NODE ? n.nodeValue : '\u0000')).join('') : '';
    const source = textOf(unit.querySelector('source'));
    const target = textOf(unit.querySelector('target'));
    if (source === target) continue; // the same in both scripts (e.g. 附件)
    for (const run of source.split(/[\u0000\s:：,，、。()（）…!！?？\d]+/)) {
      // A run the translation keeps as it is (您是第 in 您是第 N 位訪客) says nothing.
      if ([...run].filter((ch) => HAN.test(ch)).length >= 2 && !target.includes(run)) fragments.push([run, unit.getAttribute('id')!]);
    }
  }
  return fragments;
}

/** The language a node is marked as for assistive technology: the nearest lang, across shadow roots. */
function markedLocale(el: Element): string {
  let current: Element | null = el;
  while (current) {
    const hit: Element | null = current.closest('[lang]:not([lang=""])');
    if (hit) return normalizeLocale(hit.getAttribute('lang'));
    const root = current.getRootNode();
    current = root instanceof ShadowRoot ? root.host : null;
  }
  return 'zh-CN';
}

interface Shown {
  text: string;
  /** The locale the text is marked as (its own or inherited lang, as assistive technology reads it). */
  locale: string;
  where: string;
}

function where(el: Element): string {
  const host = (el.getRootNode() as ShadowRoot).host;
  return `${host ? `${host.localName} > ` : ''}${el.localName}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}`;
}

/** Every text and UI attribute rendered inside `root`, through every shadow root. */
function rendered(root: Node): Shown[] {
  const out: Shown[] = [];
  const visit = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      const parent = node.parentElement;
      const text = (node.nodeValue ?? '').trim();
      if (parent && text && !['STYLE', 'SCRIPT'].includes(parent.tagName)) {
        out.push({ text, locale: markedLocale(parent), where: where(parent) });
      }
      return;
    }
    if (node instanceof Element) {
      for (const name of UI_ATTRIBUTES) {
        const value = node.getAttribute(name);
        if (value && value.trim()) out.push({ text: value, locale: markedLocale(node), where: `${where(node)}[${name}]` });
      }
      if (node.shadowRoot) visit(node.shadowRoot);
    }
    for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return out;
}

/** Problems with the UI text of a page rendered in `locale`; empty when all is translated. */
async function untranslated(root: Node, locale: string): Promise<string[]> {
  const fragments = await sourceFragments(locale);
  const data = JSON.stringify([seedArticle, seedSite]);
  const problems: string[] = [];
  for (const shown of rendered(root)) {
    // Text marked as another language is content (the article, the site data), not UI.
    if (shown.locale === locale) {
      if ((locale === 'en' || locale === 'ug') && HAN.test(shown.text)) problems.push(`Chinese in ${locale} UI at ${shown.where}: ${shown.text}`);
      if (locale === 'zh-Hant') {
        const simplified = [...shown.text].filter((ch) => SIMPLIFIED_ONLY.includes(ch));
        if (simplified.length) problems.push(`Simplified ${simplified.join('')} in zh-Hant UI at ${shown.where}: ${shown.text}`);
      }
    }
    // Anywhere, whatever it is marked as: the source text of a message is a missing translation.
    for (const [fragment, id] of fragments) {
      if (shown.text.includes(fragment) && !data.includes(fragment)) problems.push(`source text of ${id} at ${shown.where}: ${shown.text}`);
    }
  }
  return problems;
}

/** Silences console.warn (invalid data and failed requests warn once each) while `fn` runs. */
async function quietly<T>(fn: (warnings: string[]) => Promise<T>): Promise<{ result: T; warnings: string[] }> {
  const original = console.warn;
  const warnings: string[] = [];
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  try {
    return { result: await fn(warnings), warnings };
  } finally {
    console.warn = original;
  }
}

/** Every element in its states (loaded, invalid data, failed request, broken image, counted). */
async function everyElement(lang?: string): Promise<HTMLElement> {
  await loadSeed();
  // This visit was counted already, as number 5,464,445 (the entry <visitor-counter> keeps).
  localStorage.setItem(`court-widgets:${location.host}:visitor-counter-visit:${COUNTER_ENDPOINT}|${COUNTER_SITE}|visit`, `5464445|${Date.now()}`);
  // Numbers this browser saw before: shown as totals while the (absent) service is asked.
  localStorage.setItem(`court-widgets:${location.host}:visitor-counter:${COUNTER_ENDPOINT}|total|visit`, '777');
  localStorage.setItem(`court-widgets:${location.host}:visitor-counter:${COUNTER_ENDPOINT}|${COUNTER_SITE}|page:/a/1.html`, '1234');
  const { result } = await quietly(async (warnings) => {
    const page = await fixture<HTMLElement>(html`<div lang=${lang ?? ''} style="width: 1000px">
      <photo-caption id="photo" src="/demo/img/photo-1.svg" caption="IMG 001" width="640" height="427"></photo-caption>
      <photo-caption id="broken" src="/tests/fixtures/no-such-image-for-locale-tests.jpg" caption="IMG 002"></photo-caption>
      <court-article id="loaded" .article=${seedArticle}><print-controls slot="controls"></print-controls></court-article>
      <court-article id="invalid" .article=${{ version: 1 } as never}></court-article>
      <court-article id="failed" src="/no-such-article-for-locale-tests.json"></court-article>
      <court-footer id="footer" .site=${seedSite as never}>
        <visitor-counter slot="counter" endpoint=${COUNTER_ENDPOINT} site=${COUNTER_SITE}></visitor-counter>
      </court-footer>
      <visitor-counter id="total" endpoint=${COUNTER_ENDPOINT} site="total"></visitor-counter>
      <visitor-counter id="views" kind="page-views" page="/a/1.html" endpoint=${COUNTER_ENDPOINT} site=${COUNTER_SITE}></visitor-counter>
      <court-footer id="footer-invalid" .site=${{ version: 1 } as never}></court-footer>
      <court-footer id="footer-failed" src="/no-such-site-for-locale-tests.json"></court-footer>
    </div>`);
    const q = (sel: string): Element => page.querySelector(sel)!;
    await waitUntil(() => q('#failed').shadowRoot?.querySelector('[part~="error"]'), 'article request failed');
    await waitUntil(() => q('#footer-failed').shadowRoot?.querySelector('[part~="error"]'), 'footer request failed');
    await waitUntil(() => q('#broken').shadowRoot?.querySelector('[part~="placeholder"]'), 'broken image box');
    await waitUntil(() => q('visitor-counter').getAttribute('state') === 'counted', 'counter shows the number');
    await waitUntil(() => q('#total').getAttribute('state') === 'total' && q('#views').getAttribute('state') === 'total', 'remembered totals');
    await waitUntil(() => warnings.filter((w) => w.startsWith('visitor-counter: no number')).length === 2, 'both counter requests failed');
    await Promise.all([...page.querySelectorAll<LitElement>('*')].map((e) => (e as LitElement).updateComplete));
    return page;
  });
  return result;
}

describe('every element in every locale', () => {
  afterEach(async () => {
    await setCourtLocale(null);
    document.documentElement.setAttribute('lang', 'zh-CN');
    document.documentElement.removeAttribute('dir');
  });

  it('the check finds untranslated text (it is not vacuous)', async () => {
    const page = await everyElement('zh-CN');
    // The zh-CN page shows the source text: judged as English, it must be reported.
    const problems = await untranslated(page, 'en');
    expect(problems.length).to.be.greaterThan(10);
    // Every element and state of the fixture shows source text somewhere.
    for (const id of [
      'court-article.published',
      'court-article.retry',
      'problem.article',
      'photo-caption.broken',
      'photo-caption.close',
      'print-controls.print',
      'visitor-counter.visitor-number',
      'visitor-counter.visits-total',
      'visitor-counter.page-views',
      'court-footer.links',
      'court-footer.retry',
      'problem.site',
    ]) {
      expect(problems.some((p) => p.includes(`source text of ${id} `)), id).to.equal(true);
    }
  });

  for (const locale of TARGET_LOCALES) {
    it(`${locale} from <html lang>: no source-language UI text`, async () => {
      document.documentElement.lang = locale;
      const page = await everyElement();
      expect(await untranslated(page, locale)).to.deep.equal([]);
    });

    it(`${locale} from a container's lang on a zh-CN page: no source-language UI text`, async () => {
      const page = await everyElement(locale);
      expect(await untranslated(page, locale)).to.deep.equal([]);
    });

    it(`${locale}: loading states are translated`, async () => {
      await loadSeed();
      const url = URL.createObjectURL(new Blob([JSON.stringify(seedArticle)], { type: 'application/json' }));
      const siteUrl = URL.createObjectURL(new Blob([JSON.stringify(seedSite)], { type: 'application/json' }));
      const page = await fixture<HTMLElement>(html`<div lang=${locale}><court-article></court-article><court-footer></court-footer></div>`);
      const article = page.querySelector('court-article')!;
      const footer = page.querySelector('court-footer')!;
      article.src = url;
      footer.src = siteUrl;
      await article.updateComplete;
      await footer.updateComplete;
      expect(article.shadowRoot!.querySelector('[part~="status"]'), 'article loading').to.exist;
      expect(footer.shadowRoot!.querySelector('[part~="status"]'), 'footer loading').to.exist;
      expect(await untranslated(page, locale)).to.deep.equal([]);
      await waitUntil(() => footer.shadowRoot!.querySelector('[part="name"]'));
      URL.revokeObjectURL(url);
      URL.revokeObjectURL(siteUrl);
    });

    it(`${locale}: passes an accessibility audit`, async () => {
      const page = await everyElement(locale);
      await expect(page).to.be.accessible();
    });
  }

  it('switching <html lang> at runtime re-renders every element', async () => {
    const page = await everyElement();
    const footerText = (): string => page.querySelector('#footer')!.shadowRoot!.querySelector('[part="hotline"] .hotline-label')!.textContent!;
    const articleLabel = (): string => page.querySelector('#loaded')!.shadowRoot!.querySelector('[part~="byline"]')!.textContent!;
    const printLabel = (): string => page.querySelector('print-controls')!.shadowRoot!.querySelector('[part~="print-button"]')!.textContent!.trim();
    expect(footerText()).to.equal('诉讼服务热线');
    expect(printLabel()).to.equal('打印');
    for (const [lang, hotline, print] of [
      ['en', 'Litigation service hotline', 'Print'],
      ['ug', 'دەۋا مۇلازىمىتى قىزىق لىنىيىسى', 'بېسىش'],
      ['zh-HK', '訴訟服務熱線', '列印'],
    ] as const) {
      document.documentElement.lang = lang;
      await nextFrame();
      await Promise.all([...page.querySelectorAll<LitElement>('*')].map((e) => (e as LitElement).updateComplete));
      await waitUntil(() => footerText() === hotline, `footer in ${lang}`);
      expect(printLabel(), lang).to.equal(print);
      expect(await untranslated(page, normalizeForTest(lang)), lang).to.deep.equal([]);
    }
    expect(articleLabel()).to.contain('發布時間');
  });
});

function normalizeForTest(lang: string): string {
  return lang === 'zh-HK' ? 'zh-Hant' : lang;
}

describe('dates and numbers per locale', () => {
  const expected: Record<string, string> = {
    'zh-CN': '2024-02-28 20:54:53',
    'zh-Hant': '2024-02-28 20:54:53',
    en: '28 Feb 2024, 20:54',
    ug: '28-فېۋرال، 2024، 20:54',
  };
  for (const [locale, shown] of Object.entries(expected)) {
    it(`${locale}: the publication time reads ${shown}, in the article's own offset`, async () => {
      await loadSeed();
      const page = await fixture<HTMLElement>(html`<div lang=${locale}><court-article .article=${seedArticle}></court-article></div>`);
      const article = page.querySelector('court-article')!;
      await article.updateComplete;
      const time = article.shadowRoot!.querySelector('time')!;
      expect(time.textContent!.trim()).to.equal(shown);
      expect(time.getAttribute('datetime')).to.equal('2024-02-28T20:54:53+08:00');
    });
  }

  it('the visitor number is grouped and reads left to right inside Uyghur text', async () => {
    const page = await everyElement('ug');
    const counter = page.querySelector('visitor-counter')!;
    const number = counter.shadowRoot!.querySelector<HTMLElement>('[part~="number"]')!;
    expect(number.textContent!.replace(/[\u2068\u2069]/g, '').trim()).to.equal('5,464,445');
    const text = counter.shadowRoot!.querySelector<HTMLElement>('[part~="text"]')!;
    // "سىز" comes first in reading order, so in right-to-left it stands to the right of the number.
    const range = document.createRange();
    const first = [...text.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && /سىز/.test(n.nodeValue ?? ''))!;
    range.selectNodeContents(first);
    const words = [...range.getClientRects()].filter((r) => r.width > 0);
    const numberBox = number.getBoundingClientRect();
    expect(Math.max(...words.map((r) => r.right))).to.be.greaterThan(numberBox.right);
    // The digits themselves stay in order: the first digit is the leftmost.
    const walker = document.createTreeWalker(number, NodeFilter.SHOW_TEXT, (n) => (/\d/.test(n.nodeValue ?? '') ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP));
    const digitsNode = walker.nextNode()!;
    const at = digitsNode.nodeValue!.search(/\d/);
    const digits = document.createRange();
    digits.setStart(digitsNode, at);
    digits.setEnd(digitsNode, at + 1);
    expect(Math.abs(digits.getBoundingClientRect().left - numberBox.left)).to.be.below(2);
  });
});

describe('right-to-left layout in Uyghur', () => {
  it('every element lays out right to left', async () => {
    const page = await everyElement('ug');
    for (const sel of ['#loaded', 'print-controls', '#photo', '#footer', 'visitor-counter', '#invalid', '#footer-failed']) {
      const host = page.querySelector(sel)!;
      expect(getComputedStyle(host).direction, sel).to.equal('rtl');
    }
  });

  it('inline start is on the right: footer labels, print controls, error box', async () => {
    const page = await everyElement('ug');
    const footer = page.querySelector('#footer')!.shadowRoot!;
    const contact = footer.querySelector('[part="contact"]')!.getBoundingClientRect();
    const label = footer.querySelector('dt')!.getBoundingClientRect();
    expect(Math.abs(label.right - contact.right), 'label starts at the right edge').to.be.below(2);
    const buttons = [...page.querySelector('print-controls')!.shadowRoot!.querySelectorAll<HTMLElement>('button')].filter((b) => b.offsetParent);
    expect(buttons.length).to.be.greaterThan(1);
    expect(buttons[0]!.getBoundingClientRect().left, 'first control is rightmost').to.be.greaterThan(buttons[1]!.getBoundingClientRect().left);
    const error = page.querySelector('#footer-invalid')!.shadowRoot!.querySelector<HTMLElement>('[part="error"]')!;
    expect(getComputedStyle(error).borderRightWidth, 'accent rule on the inline-start (right) side').to.equal('4px');
    expect(getComputedStyle(error).borderLeftWidth).to.equal('0px');
  });

  it('Chinese runs inside Uyghur text are isolated', async () => {
    const page = await everyElement('ug');
    const footer = page.querySelector('#footer')!.shadowRoot!;
    for (const run of footer.querySelectorAll('bdi')) {
      expect(getComputedStyle(run).unicodeBidi).to.equal('isolate');
    }
    // Values inside translated sentences are wrapped in FSI … PDI.
    const error = page.querySelector('#footer-invalid')!.shadowRoot!.querySelector('[part="error"]')!.textContent!;
    expect(error).to.match(/\u2068name\u2069/);
  });
});

describe('a hostile page', () => {
  it('a broken locale queue neither throws nor stops registration; bad entries warn once each', async () => {
    const scope = window as unknown as Record<string, unknown>;
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
    try {
      scope[LOCALE_QUEUE] = [null, { code: 'not a tag!', templates: {} }, { code: 'eo', templates: { 'court-footer.retry': 'Reprovi' } }];
      window.dispatchEvent(new CustomEvent(LOCALE_QUEUED_EVENT));
      Object.defineProperty(window, LOCALE_QUEUE, {
        configurable: true,
        get() {
          throw new Error('hostile getter');
        },
      });
      expect(() => window.dispatchEvent(new CustomEvent(LOCALE_QUEUED_EVENT))).not.to.throw();
    } finally {
      console.warn = original;
      delete scope[LOCALE_QUEUE];
    }
    expect(warnings).to.have.length(2);
    const el = await fixture<LocProbeElement>(html`<loc-probe lang="eo"></loc-probe>`);
    expect(said(el)).to.equal('Reprovi');
  });
});
