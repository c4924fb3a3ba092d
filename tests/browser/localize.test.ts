import { fixture, html, expect, waitUntil, nextFrame } from '@open-wc/testing';
import { LitElement } from 'lit';
import { msg, localized as upstreamLocalized } from '@lit/localize';
import {
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
