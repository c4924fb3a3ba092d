// The built script-tag files, as a webmaster uses them: one <script> in a plain HTML page.
// Run after `npm run build` (`npm test` builds first). Each test writes its own page into an
// iframe and reads what a reader would see.
import { expect, waitUntil } from '@open-wc/testing';

const TAGS = ['court-article', 'photo-caption', 'print-controls', 'visitor-counter', 'court-footer'];

/**
 * Globals the bundle may add, all Lit's own: version lists it keeps to detect two copies of
 * Lit on one page, and the hook that makes server-rendered elements hydrate. Documented in
 * the README ("What the bundle adds to the page").
 */
const DOCUMENTED_GLOBALS = [
  'litHtmlVersions',
  'reactiveElementVersions',
  'litElementVersions',
  'litElementHydrateSupport',
  'litPropertyMetadata',
];
/** Globals this test's own page script creates. */
const TEST_GLOBALS = ['testErrors', 'testWarnings', 'globalsBefore', 'defineCalls', 'define'];

interface Article {
  title: string;
  subtitle?: string;
  kicker?: string;
  editor?: string;
  body: { type: string; text?: string; html?: string; caption?: string }[];
}

interface TestWindow extends Window {
  testErrors: string[];
  testWarnings: string[];
  globalsBefore: string[];
  defineCalls: number;
  define?: ((...args: unknown[]) => void) & { amd?: object };
}

const normalize = (text: string) => text.replace(/\s+/g, '').trim();

let seedCache: Article | undefined;
async function seed(): Promise<Article> {
  if (!seedCache) {
    const response = await fetch('/demo/data/seed-article.json');
    expect(response.ok, 'demo/data/seed-article.json').to.equal(true);
    seedCache = (await response.json()) as Article;
  }
  return seedCache;
}

/** The article's texts in reading order, as a reader should find them. */
function expectedTexts(article: Article): string[] {
  const textOf = (html: string) => new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';
  const texts = [article.kicker, article.title, article.subtitle, article.editor];
  for (const block of article.body) {
    if (block.type === 'paragraph') texts.push(block.text ?? textOf(block.html ?? ''));
    if (block.type === 'heading') texts.push(block.text);
    if (block.type === 'image') texts.push(block.caption);
  }
  return texts.filter((t): t is string => Boolean(t && t.trim()));
}

/**
 * Text rendered in an element, through every shadow root, without scripts and styles. The
 * nodes live in the iframe's realm, so they are told apart by nodeType, not instanceof.
 */
function deepText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) return '';
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : undefined;
  if (el && ['script', 'style', 'template'].includes(el.localName)) return '';
  if (el?.localName === 'slot') {
    return (el as HTMLSlotElement).assignedNodes({ flatten: true }).map(deepText).join('');
  }
  // Light-DOM children of a host are only seen through its slots.
  if (el?.shadowRoot) return deepText(el.shadowRoot);
  return [...node.childNodes].map(deepText).join('');
}

/** Safe embedding of JSON in an inline script. */
const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

interface PageOptions {
  /** The script tag(s) that load the bundle. */
  scripts: string;
  /** Script run before the bundle (e.g. an AMD loader's global). */
  before?: string;
  article: string;
  /** The page's language. */
  lang?: string;
}

/** Writes a plain page into an iframe and waits for its load event. */
async function loadPage({ scripts, before = '', article, lang = 'zh-CN' }: PageOptions) {
  const iframe = document.createElement('iframe');
  iframe.style.cssText = 'width:1024px;height:768px;border:0';
  iframe.srcdoc = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>bundle test</title>
<base href="/demo/">
<script>
  window.testErrors = [];
  window.testWarnings = [];
  console.warn = function () { window.testWarnings.push([].map.call(arguments, String).join(' ')); };
  window.addEventListener('error', function (e) { window.testErrors.push(String(e.message)); });
  window.addEventListener('unhandledrejection', function (e) { window.testErrors.push(String(e.reason)); });
  ${before}
  window.globalsBefore = Object.getOwnPropertyNames(window);
</script>
${scripts}
</head><body>
<h1 id="host-title">Host page</h1>
${article}
</body></html>`;
  const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
  document.body.append(iframe);
  await loaded;
  const win = iframe.contentWindow as unknown as TestWindow & typeof globalThis;
  return { iframe, win, doc: iframe.contentDocument as Document };
}

async function articlePage(scripts: string, before = '', lang?: string) {
  const data = await seed();
  return loadPage({
    scripts,
    before,
    lang,
    article: `<court-article id="a"><script type="application/json">${inlineJson(data)}</script><p>fallback</p></court-article>`,
  });
}

async function expectSeedRendered(doc: Document) {
  const data = await seed();
  const el = doc.getElementById('a') as HTMLElement & { updateComplete?: Promise<unknown> };
  await waitUntil(() => el.shadowRoot && normalize(deepText(el)).includes(normalize(data.title)), 'the article did not render its title', {
    timeout: 10_000,
  });
  await el.updateComplete;
  // Images render through <photo-caption>, which renders on its own schedule.
  await waitUntil(() => [...el.shadowRoot!.querySelectorAll('photo-caption')].every((p) => p.shadowRoot), 'photo-caption did not render', {
    timeout: 10_000,
  });
  await Promise.all(
    [...el.shadowRoot!.querySelectorAll('photo-caption')].map((p) => (p as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete),
  );
  const shown = normalize(deepText(el));
  for (const text of expectedTexts(data)) {
    expect(shown, `rendered article lacks: ${text.slice(0, 40)}`).to.include(normalize(text));
  }
  expect(shown, 'the light-DOM fallback is still shown').not.to.include('fallback');
}

const IIFE = '<script src="/dist/court-widgets.iife.min.js"></script>';
const ESM = '<script type="module" src="/dist/court-widgets.min.js"></script>';

/** Module scripts run after the page is parsed: wait until the bundle has registered every tag. */
async function moduleScriptsDone(win: TestWindow & typeof globalThis) {
  await waitUntil(() => TAGS.every((tag) => win.customElements.get(tag)), 'the ES module bundle did not register every element', {
    timeout: 10_000,
  });
}

describe('script-tag bundles (dist/)', () => {
  afterEach(() => {
    document.querySelectorAll('iframe').forEach((f) => f.remove());
  });

  it('the classic file renders the seed article from a plain <script src>', async () => {
    const { win, doc } = await articlePage(IIFE);
    for (const tag of TAGS) expect(win.customElements.get(tag), `<${tag}> registered`).to.be.a('function');
    await expectSeedRendered(doc);
    expect(win.testErrors).to.deep.equal([]);
    expect(doc.getElementById('host-title')!.textContent).to.equal('Host page');
  });

  it('the ES module file renders the seed article from <script type="module" src>', async () => {
    const { win, doc } = await articlePage(ESM);
    await moduleScriptsDone(win);
    await expectSeedRendered(doc);
    expect(win.testErrors).to.deep.equal([]);
  });

  it('the ES module file renders an article fetched with src', async () => {
    const data = await seed();
    const { win, doc } = await loadPage({
      scripts: ESM,
      article: '<court-article id="a" src="/demo/data/seed-article.json"></court-article>',
    });
    await moduleScriptsDone(win);
    await waitUntil(() => normalize(deepText(doc.getElementById('a')!)).includes(normalize(data.title)), 'the fetched article did not render', {
      timeout: 10_000,
    });
    expect(win.testErrors).to.deep.equal([]);
  });

  it('the classic file registers every element beside an AMD define and never calls it', async () => {
    const { win, doc } = await articlePage(
      IIFE,
      'window.defineCalls = 0; window.define = function () { window.defineCalls++; }; window.define.amd = {};',
    );
    for (const tag of TAGS) expect(win.customElements.get(tag), `<${tag}> registered`).to.be.a('function');
    expect(win.defineCalls).to.equal(0);
    expect(win.define!.amd).to.deep.equal({});
    await expectSeedRendered(doc);
    expect(win.testErrors).to.deep.equal([]);
  });

  it('the ES module file leaves an AMD define alone too', async () => {
    const { win, doc } = await articlePage(
      ESM,
      'window.defineCalls = 0; window.define = function () { window.defineCalls++; }; window.define.amd = {};',
    );
    await moduleScriptsDone(win);
    expect(win.defineCalls).to.equal(0);
    await expectSeedRendered(doc);
  });

  for (const [name, scripts] of [
    ['classic', IIFE],
    ['ES module', ESM],
  ] as const) {
    it(`the ${name} file adds no global except Lit's documented ones`, async () => {
      const { win } = await articlePage(scripts);
      await moduleScriptsDone(win);
      const before = new Set(win.globalsBefore);
      const added = Object.getOwnPropertyNames(win).filter((name) => !before.has(name));
      expect(added.filter((g) => !DOCUMENTED_GLOBALS.includes(g) && !TEST_GLOBALS.includes(g))).to.deep.equal([]);
    });
  }

  it('keeps a host library global named like a dependency', async () => {
    const { win, doc } = await articlePage(
      IIFE,
      'window.DOMPurify = { host: true }; window.lit = { host: true }; window.msg = "host";',
    );
    await expectSeedRendered(doc);
    const w = win as unknown as Record<string, unknown>;
    expect(w.DOMPurify).to.deep.equal({ host: true });
    expect(w.lit).to.deep.equal({ host: true });
    expect(w.msg).to.equal('host');
  });

  it('both files on one page: the first registers, the second leaves it, nothing throws', async () => {
    const { win, doc } = await articlePage(`${IIFE}\n${ESM}`);
    await moduleScriptsDone(win);
    await expectSeedRendered(doc);
    expect(win.testErrors).to.deep.equal([]);
  });

  /** The translation files the page requested. */
  const translationRequests = (win: Window) =>
    win.performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => /court-widgets\.(en|ug|zh-Hant)\.js$/.test(path));

  for (const [name, scripts] of [
    ['classic', IIFE],
    ['ES module', ESM],
  ] as const) {
    it(`the ${name} file loads a translation from its own folder, despite <base href>, only when needed`, async () => {
      const zh = await articlePage(scripts);
      await moduleScriptsDone(zh.win);
      await expectSeedRendered(zh.doc);
      expect(translationRequests(zh.win), 'a zh-CN page').to.deep.equal([]);

      const en = await articlePage(scripts, '', 'en');
      await moduleScriptsDone(en.win);
      await expectSeedRendered(en.doc);
      const shown = deepText(en.doc.getElementById('a')!);
      expect(shown).to.include('Editor in charge:');
      expect(shown).not.to.include('责任编辑');
      expect(translationRequests(en.win)).to.deep.equal(['/dist/court-widgets.en.js']);
      expect(en.win.testErrors).to.deep.equal([]);
      expect(en.win.testWarnings).to.deep.equal([]);
    });

    it(`the ${name} file loaded with a query string (?v=7) loads its translation with the same one`, async () => {
      const page = await articlePage(scripts.replace('.min.js"', '.min.js?v=7"'), '', 'en');
      await moduleScriptsDone(page.win);
      await expectSeedRendered(page.doc);
      expect(deepText(page.doc.getElementById('a')!)).to.include('Editor in charge:');
      const requested = page.win.performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name))
        .filter((url) => /court-widgets\.(en|ug|zh-Hant)\.js$/.test(url.pathname))
        .map((url) => `${url.pathname}${url.search}`);
      expect(requested).to.deep.equal(['/dist/court-widgets.en.js?v=7']);
      expect(page.win.testErrors).to.deep.equal([]);
    });

    it(`the ${name} file without its translation files renders in zh-CN and says why, once`, async () => {
      // Loaded from a blob: address, the bundle has no folder to load translations from.
      const source = await (await fetch(scripts === IIFE ? '/dist/court-widgets.iife.min.js' : '/dist/court-widgets.min.js')).text();
      const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      const tag = scripts === IIFE ? `<script src="${url}"></script>` : `<script type="module" src="${url}"></script>`;
      const page = await articlePage(tag, '', 'ug');
      await moduleScriptsDone(page.win);
      await expectSeedRendered(page.doc);
      await waitUntil(() => page.win.testWarnings.length > 0, 'no warning about the missing translation', { timeout: 10_000 });
      expect(deepText(page.doc.getElementById('a')!)).to.include('责任编辑');
      expect(page.win.testWarnings).to.have.length(1);
      expect(page.win.testWarnings[0]).to.include('ug translation could not be loaded');
      expect(page.win.testErrors).to.deep.equal([]);
      URL.revokeObjectURL(url);
    });
  }

  it('a translation that is slow to arrive: zh-CN after the wait, then the translation, never a half-drawn article', async () => {
    // /slow-translations/ (web-test-runner.config.mjs) holds court-widgets.ug.js for 5 s; an
    // element waits at most LOCALE_LOAD_WAIT (3 s) for it.
    const page = await articlePage('<script type="module" src="/slow-translations/court-widgets.min.js"></script>', '', 'ug');
    await moduleScriptsDone(page.win);
    const el = page.doc.getElementById('a')!;
    const shown = () => (el.shadowRoot ? deepText(el) : '');
    expect(shown(), 'nothing drawn while the translation is awaited').to.equal('');
    expect(el.querySelector('p')!.textContent, 'the fallback stays').to.equal('fallback');
    await waitUntil(() => shown().includes('责任编辑'), 'no zh-CN render after the wait', { timeout: 10_000 });
    expect(translationRequests(page.win), 'the translation has not arrived yet').to.deep.equal([]);
    await waitUntil(() => !shown().includes('责任编辑'), 'the Uyghur translation never replaced zh-CN', { timeout: 10_000 });
    expect(translationRequests(page.win)).to.deep.equal(['/slow-translations/court-widgets.ug.js']);
    expect(el.getAttribute('dir')).to.equal('rtl');
    expect(page.win.testWarnings).to.deep.equal([]);
    expect(page.win.testErrors).to.deep.equal([]);
  });
});

