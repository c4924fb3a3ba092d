// Quick language changes while a translation is still on its way. Each test opens a page of its
// own in an iframe, with its own copy of the source modules, so that no translation has been
// loaded yet; the page's translation loaders are held until the test lets them through, like
// files on a slow link.
import { expect, nextFrame, waitUntil } from '@open-wc/testing';
import { templates as en } from '../../src/locales/en.js';
import { templates as ug } from '../../src/locales/ug.js';
import { formatPublished } from '../../src/internal/date.js';

interface Article {
  publishedAt: string;
}

interface Updatable extends HTMLElement {
  updateComplete: Promise<boolean>;
}

interface RacePage {
  win: Window &
    typeof globalThis & { builtInLoaders: Record<string, () => Promise<unknown>>; setCourtLocale(locale: string | null): Promise<void> };
  doc: Document;
  article: Updatable;
  controls: Updatable;
  /** The locales whose translation was asked for, in order. */
  requested: string[];
  /** What the page wrote with console.warn since it was loaded. */
  warnings: string[];
  /** Lets the held translation of `locale` (by default every one) through, and later requests at once. */
  release(locale?: string): void;
}

const EXPECTED = {
  en: { print: en['print-controls.print'], published: en['court-article.published'], open: en['photo-caption.open-plain'], dir: 'ltr' },
  ug: { print: ug['print-controls.print'], published: ug['court-article.published'], open: ug['photo-caption.open-plain'], dir: 'rtl' },
} as const;

let seedCache: Article | undefined;
async function seed(): Promise<Article> {
  seedCache ??= (await (await fetch('/demo/data/seed-article.json')).json()) as Article;
  return seedCache;
}

/** A zh-CN page with an article (inline JSON) and its print controls, rendered in zh-CN. */
async function racePage(): Promise<RacePage> {
  const data = await seed();
  const iframe = document.createElement('iframe');
  iframe.style.cssText = 'width:1024px;height:768px;border:0';
  iframe.srcdoc = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>language switch</title>
<base href="/demo/">
<script type="module">
  import { builtInLoaders } from '/src/internal/locale-loaders.ts';
  import { setCourtLocale } from '/src/internal/localize.ts';
  import '/src/define.ts';
  window.builtInLoaders = builtInLoaders;
  window.setCourtLocale = setCourtLocale;
</script>
</head><body>
<div id="area"><court-article id="a"><script type="application/json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script><print-controls slot="controls"></print-controls></court-article></div>
</body></html>`;
  const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  document.body.append(iframe);
  await loaded;
  const win = iframe.contentWindow as RacePage['win'];
  const doc = iframe.contentDocument!;
  await waitUntil(() => win.builtInLoaders, 'the page did not load the elements', { timeout: 10_000 });
  const warnings: string[] = [];
  win.console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  const requested: string[] = [];
  const gates = new Map<string, () => void>();
  for (const [locale, load] of Object.entries(win.builtInLoaders)) {
    const released = new Promise<void>((resolve) => gates.set(locale, resolve));
    win.builtInLoaders[locale] = () => {
      requested.push(locale);
      return released.then(load);
    };
  }
  const release = (locale?: string): void => {
    for (const [code, open] of gates) if (locale === undefined || code === locale) open();
  };
  const article = doc.getElementById('a') as Updatable;
  const controls = doc.querySelector('print-controls') as Updatable;
  await waitUntil(() => article.shadowRoot?.querySelector('time') && controls.shadowRoot?.querySelector('[part~="print-button"]'), 'the zh-CN page did not render', {
    timeout: 10_000,
  });
  await settled(article, controls, ...captions(article));
  return { win, doc, article, controls, requested, warnings, release };
}

function captions(article: Element): Updatable[] {
  return [...article.shadowRoot!.querySelectorAll<Updatable>('photo-caption')];
}

/** Waits until the language change has been seen and the elements have no update pending. */
async function settled(...els: Updatable[]): Promise<void> {
  await nextFrame();
  for (const el of els) while (!(await el.updateComplete));
}

function shown(page: RacePage) {
  const time = page.article.shadowRoot!.querySelector('time')!;
  return {
    print: page.controls.shadowRoot!.querySelector('[part~="print-button"]')!.textContent!.trim(),
    published: time.parentElement!.querySelector('.label')!.textContent!.trim(),
    date: time.textContent!.trim(),
    articleDir: page.article.getAttribute('dir'),
    controlsDir: page.controls.getAttribute('dir'),
    captions: captions(page.article).map((c) => [c.shadowRoot!.querySelector('#open-name')!.textContent!.trim(), c.getAttribute('dir')]),
  };
}

/** Lets the translation of `locale` (by default every one) through and checks that every element is wholly in `locale`. */
async function expectWhollyIn(page: RacePage, locale: 'en' | 'ug', only = false): Promise<void> {
  page.release(only ? locale : undefined);
  await settled(page.article, page.controls, ...captions(page.article));
  const want = EXPECTED[locale];
  const captionCount = captions(page.article).length;
  expect(captionCount, 'the seed article has photos').to.be.greaterThan(0);
  expect(shown(page)).to.deep.equal({
    print: want.print,
    published: want.published,
    date: formatPublished((await seed()).publishedAt, locale),
    articleDir: want.dir,
    controlsDir: want.dir,
    captions: Array.from({ length: captionCount }, () => [want.open, want.dir]),
  });
  expect(page.warnings).to.deep.equal([]);
}

const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The ways a page changes the elements' language; the article's print controls and photos follow each. */
const SWITCHES: Array<[how: string, set: (page: RacePage, locale: string) => void]> = [
  ['<html lang>', (page, locale) => void (page.doc.documentElement.lang = locale)],
  ['an ancestor’s lang', (page, locale) => void (page.doc.getElementById('area')!.lang = locale)],
  ['setCourtLocale', (page, locale) => void page.win.setCourtLocale(locale)],
  ['the article’s own lang', (page, locale) => void (page.article.lang = locale)],
];

describe('quick language changes before the translations have loaded', () => {
  afterEach(() => {
    document.querySelectorAll('iframe').forEach((f) => f.remove());
  });

  it('one change renders each element once, in the new language', async () => {
    const page = await racePage();
    const proto = page.win.customElements.get('court-article')!.prototype as { render(): unknown };
    const render = proto.render;
    let renders = 0;
    proto.render = function (this: unknown) {
      renders++;
      return render.call(this);
    };
    page.doc.documentElement.lang = 'en';
    await nextFrame();
    expect(shown(page).print, 'nothing is redrawn while the translation is held').to.equal('打印');
    expect(page.requested).to.deep.equal(['en']);
    await expectWhollyIn(page, 'en');
    expect(renders).to.equal(1);
  });

  for (const [how, set] of SWITCHES) {
    it(`${how} en, then ug a task later: every element ends wholly in Uyghur`, async () => {
      const page = await racePage();
      set(page, 'en');
      await macrotask();
      set(page, 'ug');
      await expectWhollyIn(page, 'ug');
    });
  }

  it('<html lang> en, ug, en a microtask apart: every element ends wholly in English', async () => {
    const page = await racePage();
    const root = page.doc.documentElement;
    root.lang = 'en';
    await null;
    root.lang = 'ug';
    await null;
    root.lang = 'en';
    await expectWhollyIn(page, 'en');
  });

  it('the wait follows the language: a translation no longer needed does not hold back the last one', async () => {
    const page = await racePage();
    const root = page.doc.documentElement;
    root.lang = 'en';
    await macrotask();
    root.lang = 'ug';
    await nextFrame();
    expect(page.requested, 'Uyghur is asked for while English is still on its way').to.deep.equal(['en', 'ug']);
    await expectWhollyIn(page, 'ug', true);
  });
});
