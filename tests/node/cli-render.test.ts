// `court-widgets render`: court news JSON to HTML pages with Lit SSR.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArticle, parseSite } from '../../src/model/index.js';
import type { Article, Site } from '../../src/model/types.js';
import { renderArticleElement, renderArticlePage, renderFallbackArticle, scriptHashes, styleHashes } from '../../src/ssr/render-page.js';
import { renderCommand } from '../../src/ssr/batch.js';
import { parseFragment } from 'parse5';
import { attr, isElement, parse, root, runCli, shadowText, squash, textRuns, walk } from './cli-helpers.js';
import type { Element } from './cli-helpers.js';
import { templates as en } from '../../src/locales/en.js';
import { templates as ug } from '../../src/locales/ug.js';

const seedPath = join(root, 'demo', 'data', 'seed-article.json');
const sitePath = join(root, 'demo', 'data', 'site.json');
const seedJson = JSON.parse(readFileSync(seedPath, 'utf8')) as Article;

function valid(input: unknown): Article {
  const result = parseArticle(input);
  assert.ok(result.ok, 'fixture article is valid');
  // As ordinary objects, for comparison with JSON parsed back from the page.
  return structuredClone(result.value);
}

const seed = valid(seedJson);
const siteResult = parseSite(JSON.parse(readFileSync(sitePath, 'utf8')));
assert.ok(siteResult.ok);
const site: Site = siteResult.value;

function elements(html: string, predicate: (el: Element) => boolean, intoTemplates = false): Element[] {
  return [...walk(parse(html), intoTemplates)].filter((n): n is Element => isElement(n) && predicate(n));
}

function metaContent(html: string, key: string): string | undefined {
  const el = elements(html, (e) => e.tagName === 'meta' && (attr(e, 'name') === key || attr(e, 'property') === key))[0];
  return el ? attr(el, 'content') : undefined;
}

function scriptText(el: Element): string {
  return el.childNodes.map((c) => (c as { value?: string }).value ?? '').join('');
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'cw-render-'));
}

describe('a rendered article page', () => {
  const page = renderArticlePage(seed, { site, siteIdCode: '2104000001', bundle: '/js/court-widgets.min.js' });

  test('the element is server-rendered with declarative shadow DOM, showing every paragraph', () => {
    const hosts = elements(page, (e) => e.tagName === 'court-article');
    assert.equal(hosts.length, 1);
    const template = hosts[0]!.childNodes.find((c): c is Element => isElement(c) && c.tagName === 'template');
    assert.equal(template && attr(template, 'shadowrootmode'), 'open');
    const shown = squash(shadowText(page));
    for (const block of seed.body) {
      const text = block.type === 'paragraph' ? block.text : block.type === 'heading' ? block.text : block.type === 'image' ? block.caption : undefined;
      if (text) assert.ok(shown.includes(squash(text)), `in the shadow DOM: ${text.slice(0, 20)}`);
    }
    assert.ok(shown.includes(squash(seed.title)));
    assert.ok(shown.includes(squash('2024-02-28 20:54:53')), 'the time in the article’s own offset');
    const shadowHtml = page.slice(page.indexOf('<template shadowroot'), page.indexOf('</template>'));
    assert.match(shadowHtml, /<style>/, 'the element styles travel with the shadow DOM');
    assert.equal(elements(page, (e) => e.tagName === 'photo-caption', true).length, 4, 'the photos are server-rendered photo-captions');
  });

  test('the data is inline JSON the element reads in the browser, escaped against </script>', () => {
    const host = elements(page, (e) => e.tagName === 'court-article')[0]!;
    const script = host.childNodes.find((c): c is Element => isElement(c) && c.tagName === 'script' && attr(c, 'type') === 'application/json');
    assert.ok(script);
    assert.deepEqual(JSON.parse(scriptText(script)), seed);
  });

  test('a light-DOM copy for browsers without declarative shadow DOM or custom elements', () => {
    const fallback = elements(page, (e) => (attr(e, 'class') ?? '').includes('court-widgets-fallback') && e.tagName === 'article')[0];
    assert.ok(fallback, 'plain <article> in the light DOM');
    const text = squash(textRuns(fallback).join(''));
    for (const block of seed.body) {
      if (block.type === 'paragraph' && block.text) assert.ok(text.includes(squash(block.text)));
    }
    assert.equal(elements(page, (e) => e.tagName === 'h1').length, 1, 'one h1 outside the shadow DOM');
    const figures = elements(page, (e) => e.tagName === 'figure' && !!e.parentNode && (attr(e.parentNode as Element, 'class') ?? '').includes('court-widgets-fallback'));
    assert.equal(figures.length, 4);
    assert.ok(text.includes('上一篇:') && text.includes(squash(seed.prev!.title)));
    assert.ok(text.includes(squash(`附件${seed.attachments![0]!.title}`)));
  });

  test('head: title, description, canonical, government-site tags, Open Graph, JSON-LD', () => {
    const title = elements(page, (e) => e.tagName === 'title')[0]!;
    assert.equal(textRuns(title).join(''), `${seed.title}_${site.name}`);
    const first = (seed.body.find((b) => b.type === 'paragraph') as { text: string }).text;
    const description = metaContent(page, 'description')!;
    assert.ok(description.length > 40 && description.length <= 120, `a description of the first paragraph (${description.length} characters)`);
    assert.ok(first.startsWith(description.replace(/…$/, '')));
    assert.equal(attr(elements(page, (e) => e.tagName === 'link' && attr(e, 'rel') === 'canonical')[0]!, 'href'), seed.url);
    assert.equal(metaContent(page, 'ArticleTitle'), seed.title);
    assert.equal(metaContent(page, 'PubDate'), '2024-02-28 20:54');
    assert.equal(metaContent(page, 'ColumnName'), '图片新闻');
    assert.equal(metaContent(page, 'SiteName'), site.name);
    assert.equal(metaContent(page, 'SiteIDCode'), '2104000001');
    assert.equal(metaContent(page, 'ContentSource'), site.name, 'no source in the article: the site');
    assert.equal(metaContent(page, 'og:type'), 'article');
    assert.equal(metaContent(page, 'og:title'), seed.title);
    assert.equal(metaContent(page, 'og:url'), seed.url);
    assert.equal(metaContent(page, 'og:image'), new URL('img/photo-1.svg', seed.url).href);
    assert.equal(metaContent(page, 'article:published_time'), seed.publishedAt);
    const ld = JSON.parse(scriptText(elements(page, (e) => e.tagName === 'script' && attr(e, 'type') === 'application/ld+json')[0]!));
    assert.equal(ld['@type'], 'NewsArticle');
    assert.equal(ld.headline, seed.title);
    assert.equal(ld.datePublished, seed.publishedAt);
    assert.equal(ld.publisher.name, site.name);
    assert.equal(ld.image.length, 4);
    // The author is an organization when the name ends as one does, in either script (宣教科, 新聞處).
    assert.deepEqual(ld.author, { '@type': 'Organization', name: seed.author });
    for (const [author, type] of [['新聞處', 'Organization'], ['審判委員會', 'Organization'], ['王芳', 'Person']] as const) {
      const other = renderArticlePage({ ...seed, author });
      const otherLd = JSON.parse(scriptText(elements(other, (e) => e.tagName === 'script' && attr(e, 'type') === 'application/ld+json')[0]!));
      assert.equal(otherLd.author['@type'], type, author);
    }
    const module = elements(page, (e) => e.tagName === 'script' && attr(e, 'type') === 'module')[0]!;
    assert.equal(attr(module, 'src'), '/js/court-widgets.after-paint.js', 'the loader beside the bundle, which imports it after the first paint');
    assert.equal(/(?:src|href)="(?:https?:)?\/\/(?!court\.example\.cn|www\.court\.gov\.cn|www\.chinacourt\.org|jubao\.court\.gov\.cn)/.test(page), false, 'nothing loads from another host');
  });

  test('the footer is server-rendered too, with its data and fallback', () => {
    const footer = elements(page, (e) => e.tagName === 'court-footer')[0]!;
    assert.ok(footer);
    assert.ok(squash(shadowText(page, 'court-footer')).includes('024-57719303'));
    const json = footer.childNodes.find((c): c is Element => isElement(c) && c.tagName === 'script' && attr(c, 'type') === 'application/json')!;
    assert.equal(JSON.parse(scriptText(json)).name, site.name);
  });

  test('SiteIDCode from the site file, and no SiteIDCode or footer without site data', () => {
    const bare = renderArticlePage(seed);
    assert.equal(metaContent(bare, 'SiteIDCode'), undefined);
    assert.equal(metaContent(bare, 'SiteName'), undefined);
    assert.equal(elements(bare, (e) => e.tagName === 'court-footer').length, 0);
    assert.equal(elements(bare, (e) => e.tagName === 'script' && attr(e, 'type') === 'module').length, 0, 'no bundle unless asked');
  });

  test('fragment mode: only the elements, for a CMS template', () => {
    const fragment = renderArticlePage(seed, { fragment: true });
    // Valid to paste into a <div> of a template: the only parse errors are Lit's own <?>
    // markers (bogus comments by the HTML spec), and nothing is left open.
    const errors: string[] = [];
    const tree = parseFragment(fragment, { onParseError: (e) => errors.push(`${e.code}:${fragment.slice(e.startOffset - 1, e.startOffset + 2)}`) });
    assert.ok(errors.length > 0, 'the check sees parse errors');
    assert.deepEqual([...new Set(errors)], ['unexpected-question-mark-instead-of-tag-name:<?>']);
    const top = tree.childNodes.filter(isElement).map((e) => e.tagName);
    assert.deepEqual(top, ['court-article']);
    const withSite = parseFragment(renderArticlePage(seed, { fragment: true, site, bundle: '/js/court-widgets.min.js' }));
    assert.deepEqual(withSite.childNodes.filter(isElement).map((e) => e.tagName), ['court-article', 'court-footer', 'script']);
    assert.equal(/<(?:html|head|title|meta|body)[\s>]/i.test(fragment), false);
    assert.match(fragment, /<court-article[^>]*><template shadowroot(?:mode)?="open"/);
    assert.ok(squash(shadowText(fragment)).includes(squash(seed.title)));
  });
});

describe('the language of the interface text', () => {
  const localized = ['court-article', 'print-controls', 'court-footer', 'photo-caption'];
  const marks = (html: string) =>
    elements(html, (e) => localized.includes(e.tagName), true).map((e) => `${e.tagName}:${attr(e, 'ssr-locale') ?? ''}`);
  const options = { site, bundle: '/court-widgets.min.js' };

  for (const [lang, table] of [['en', en], ['ug', ug]] as const) {
    test(`a page in ${lang} (its <html lang>) has its interface in ${lang}, and every element says so`, () => {
      const page = renderArticlePage(valid({ ...seedJson, lang }), options);
      assert.match(page, new RegExp(`<html lang="${lang}"`));
      const article = squash(shadowText(page));
      assert.ok(article.includes(squash(table['court-article.author'])), `byline label in ${lang}`);
      assert.equal(article.includes('作者:'), false, 'no Chinese byline label');
      assert.ok(squash(shadowText(page, 'print-controls')).includes(squash(table['print-controls.print'])), `print button in ${lang}`);
      assert.ok(squash(shadowText(page, 'court-footer')).includes(squash(table['court-footer.hotline'])), `footer in ${lang}`);
      assert.deepEqual(
        [...new Set(marks(page))].sort(),
        localized.map((tag) => `${tag}:${lang}`).sort(),
        'each element carries the locale it was rendered in',
      );
    });
  }

  test('a page and a fragment are in their article\u2019s language; `locale` (--locale) chooses another', () => {
    for (const html of [renderArticlePage(seed, options), renderArticlePage(seed, { ...options, fragment: true })]) {
      assert.ok(squash(shadowText(html, 'print-controls')).includes('打印'));
      assert.deepEqual([...new Set(marks(html))].sort(), localized.map((tag) => `${tag}:zh-CN`).sort());
    }
    // An English article's fragment most likely goes into an English page.
    const enFragment = renderArticlePage(valid({ ...seedJson, lang: 'en' }), { ...options, fragment: true });
    assert.deepEqual([...new Set(marks(enFragment))].sort(), localized.map((tag) => `${tag}:en`).sort());
    assert.deepEqual(
      [...new Set(marks(renderArticlePage(valid({ ...seedJson, lang: 'en' }), { ...options, fragment: true, locale: 'zh-CN' })))].sort(),
      localized.map((tag) => `${tag}:zh-CN`).sort(),
    );
    const english = renderArticlePage(seed, { ...options, fragment: true, locale: 'en-GB' });
    assert.ok(squash(shadowText(english, 'print-controls')).includes(squash(en['print-controls.print'])));
    assert.deepEqual([...new Set(marks(english))].sort(), localized.map((tag) => `${tag}:en`).sort());
    // The article's own language stays on its content.
    const content = elements(english, (e) => e.tagName === 'article' && (attr(e, 'class') ?? '').split(' ').includes('article'), true)[0];
    assert.equal(content && attr(content, 'lang'), 'zh-CN');
  });

  test('the light-DOM copies (no declarative shadow DOM) have their labels in the same language, marked as such', () => {
    const fallbackOf = (html: string, tag: string) =>
      elements(html, (e) => e.tagName === tag && (attr(e, 'class') ?? '').includes('court-widgets-fallback'))[0]!;
    const withAttachment = { ...seedJson, attachments: [{ title: 'a.pdf', href: '/a.pdf', bytes: 2048 }] };
    for (const [lang, table] of [['en', en], ['ug', ug]] as const) {
      const page = renderArticlePage(valid({ ...withAttachment, lang }), options);
      const article = squash(textRuns(fallbackOf(page, 'article')).join(''));
      for (const id of ['court-article.author', 'court-article.published', 'court-article.editor', 'court-article.attachments', 'court-article.breadcrumb-lead', 'court-article.next'] as const) {
        assert.ok(article.includes(squash(table[id])), `${lang}: ${id} "${table[id]}"`);
      }
      for (const chinese of ['作者:', '发布时间:', '责任编辑:', '附件', '当前位置', '下一篇']) assert.equal(article.includes(chinese), false, `${lang}: no ${chinese}`);
      const footer = squash(textRuns(fallbackOf(page, 'footer')).join(''));
      assert.ok(footer.includes(squash(table['court-footer.address'])), `${lang}: footer address label`);
      assert.equal(footer.includes('地址:'), false);
      // The footer's data is Chinese: its labels carry the page's language.
      assert.match(page, new RegExp(`<span lang="${lang}">${table['court-footer.address'].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</span>`));
    }
    // A zh-CN fragment on its own: Chinese labels, unmarked in the Chinese article.
    const zh = renderArticlePage(valid(withAttachment), { ...options, fragment: true });
    const text = squash(textRuns(fallbackOf(zh, 'article')).join(''));
    assert.ok(text.includes('作者:') && text.includes('附件') && text.includes('下一篇:'), text.slice(0, 80));
    assert.doesNotMatch(zh, /<span lang="zh-CN">作者/);
    // English labels on a Chinese article (a fragment for an English page) are marked English.
    const mixed = renderArticlePage(seed, { ...options, fragment: true, locale: 'en' });
    assert.match(mixed, new RegExp(`<span lang="en">${en['court-article.author']}</span>`));
  });

  test('the light-DOM copy of a right-to-left article runs right to left; its navigation names are marked with their language', () => {
    const fallbackOf = (html: string) =>
      elements(html, (e) => e.tagName === 'article' && (attr(e, 'class') ?? '').includes('court-widgets-fallback'))[0]!;
    const ug = renderArticlePage(valid({ ...seedJson, lang: 'ug' }), { ...options, fragment: true });
    assert.equal(attr(fallbackOf(ug), 'dir'), 'rtl');
    assert.equal(attr(fallbackOf(ug), 'lang'), 'ug');
    assert.equal(attr(fallbackOf(renderArticlePage(seed, options)), 'dir'), undefined, 'a Chinese article keeps the page direction');
    // A Chinese article with an English interface: the breadcrumb's and the pager's names are
    // English, the links in them Chinese.
    const mixed = renderArticlePage(seed, { ...options, fragment: true, locale: 'en' });
    const navs = elements(mixed, (e) => e.tagName === 'nav' && !!attr(e, 'aria-label') && !!e.parentNode && (attr(e.parentNode as never, 'class') ?? '').includes('court-widgets-fallback'));
    assert.equal(navs.length, 2);
    for (const nav of navs) {
      assert.equal(attr(nav, 'lang'), 'en', attr(nav, 'aria-label'));
      assert.ok([en['court-article.breadcrumb'], en['court-article.pager']].includes(attr(nav, 'aria-label')!), attr(nav, 'aria-label'));
    }
    assert.match(mixed, /<span lang="zh-CN"><a href="\/">首页<\/a>/);
    // In Uyghur around a Chinese article, the names also run right to left and the links left to right.
    const ugUi = renderArticlePage(seed, { ...options, fragment: true, locale: 'ug' });
    assert.match(ugUi, /<nav aria-label="[^"]+" lang="ug" dir="rtl">/);
    assert.match(ugUi, /<span lang="zh-CN" dir="ltr"><a href="\/">首页<\/a>/);
  });

  test('--locale: the labels in the given language; an unknown one is a usage error', () => {
    const dir = tempDir();
    try {
      const input = join(dir, 'a.json');
      writeFileSync(input, JSON.stringify(seedJson));
      const run = runCli(['render', input, '--fragment', '--locale', 'en', '--bundle', '/js/court-widgets.min.js']);
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual([...new Set(marks(run.stdout))].sort(), ['court-article:en', 'photo-caption:en', 'print-controls:en']);
      for (const bad of ['fr', 'xx-YY', '']) {
        const refused = runCli(['render', input, '--locale', bad]);
        assert.equal(refused.status, 2, `${bad}: ${refused.stderr}`);
        assert.match(refused.stderr, /--locale .*: the interface is available in zh-CN, zh-Hant, en, ug/);
      }
      assert.equal(runCli(['render', input, '--locale', 'zh-TW']).status, 0, 'zh-TW is zh-Hant');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the footer's light-DOM copy names the court", () => {
    const page = renderArticlePage(seed, { site: { ...site, address: '抚顺市新抚区' } });
    const fallback = elements(page, (e) => e.tagName === 'footer' && (attr(e, 'class') ?? '').includes('court-widgets-fallback'))[0];
    assert.ok(fallback);
    const text = textRuns(fallback);
    assert.equal(text[0], site.name, 'the name comes first');
  });
});

describe('hostile data stays inert', () => {
  const evil = valid({
    ...seedJson,
    title: '标题</title><script>alert(0)</script></script><script>alert(1)</script><!--',
    subtitle: '<img src=x onerror=alert(2)>',
    author: '"><svg onload=alert(3)></script><script>alert(10)</script>',
    source: '\u2028</SCRIPT ><!--<script>',
    url: 'https://court.example.cn/a?x="><script>alert(4)</script>',
    breadcrumb: [{ label: '</title><script>alert(5)</script>', href: '/' }],
    body: [
      { type: 'paragraph', html: '正文<img src=x onerror=alert(6)><script>alert(7)</script><a href="javascript:alert(8)">链接</a>' },
      { type: 'html', html: '<table><tr><td onclick="alert(9)">格</td></tr></table><iframe src="https://evil.example/"></iframe><style>body{display:none}</style>' },
      { type: 'paragraph', text: '\u2028</script>\u2029' },
    ],
  });
  const page = renderArticlePage(evil, { site });

  test('no script, handler, frame or javascript: URL gets into the page', () => {
    const scripts = elements(page, (e) => e.tagName === 'script', true);
    assert.deepEqual(scripts.map((s) => attr(s, 'type')).sort(), ['application/json', 'application/json', 'application/ld+json']);
    const all = elements(page, () => true, true);
    for (const el of all) {
      for (const a of el.attrs) {
        assert.equal(/^on/i.test(a.name), false, `no ${a.name} on <${el.tagName}>`);
        assert.equal(/^\s*javascript:/i.test(a.value), false, `no javascript: in ${a.name}`);
      }
      assert.notEqual(el.tagName, 'iframe');
      assert.notEqual(el.tagName, 'svg');
    }
    assert.equal(elements(page, (e) => e.tagName === 'style', true).every((s) => !scriptText(s).includes('display:none}')), true);
  });

  test('the head holds one title and no element made from the data', () => {
    const head = elements(page, (e) => e.tagName === 'head')[0]!;
    const tags = head.childNodes.filter(isElement).map((e) => e.tagName);
    assert.deepEqual(tags.filter((t) => t === 'title'), ['title']);
    assert.deepEqual(new Set(tags), new Set(['meta', 'title', 'link', 'script', 'style']));
    assert.equal(metaContent(page, 'ArticleTitle'), evil.title);
    assert.equal(metaContent(page, 'ContentSource'), evil.source);
    assert.equal(metaContent(page, 'og:title'), evil.title);
  });

  test('JSON-LD cannot be broken out of: one element, the data round-trips', () => {
    const lds = elements(page, (e) => e.tagName === 'script' && attr(e, 'type') === 'application/ld+json');
    assert.equal(lds.length, 1);
    const text = scriptText(lds[0]!);
    assert.equal(/<\/|<!--|\u2028/i.test(text), false);
    const ld = JSON.parse(text);
    assert.equal(ld.headline, evil.title);
    assert.equal(ld.author.name, evil.author);
  });

  test('text fields show literally, and the JSON in <script> elements parses back to the data', () => {
    const title = elements(page, (e) => e.tagName === 'title')[0]!;
    assert.equal(textRuns(title).join(''), `${evil.title}_${site.name}`);
    assert.ok(shadowText(page).includes(evil.title));
    assert.ok(shadowText(page).includes(evil.subtitle!));
    const ld = elements(page, (e) => e.tagName === 'script' && attr(e, 'type') === 'application/ld+json')[0]!;
    assert.equal(scriptText(ld).includes('</'), false);
    assert.equal(JSON.parse(scriptText(ld)).headline, evil.title);
    const json = elements(page, (e) => e.tagName === 'script' && attr(e, 'type') === 'application/json')[0]!;
    assert.deepEqual(JSON.parse(scriptText(json)), evil);
  });
});

describe('the render command', () => {
  test('one article to stdout, or to --out, with site data and SiteIDCode from the site file', () => {
    const dir = tempDir();
    try {
      const run = runCli(['render', seedPath]);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /^<!doctype html>/);
      assert.ok(run.stdout.includes(seed.title));
      writeFileSync(join(dir, 'site.json'), JSON.stringify({ ...JSON.parse(readFileSync(sitePath, 'utf8')), siteIdCode: '2104000099' }));
      const out = runCli(['render', seedPath, '--site', join(dir, 'site.json'), '--out', join(dir, 'page.html'), '--bundle', '/court-widgets.min.js']);
      assert.equal(out.status, 0, out.stderr);
      const page = readFileSync(join(dir, 'page.html'), 'utf8');
      assert.equal(metaContent(page, 'SiteIDCode'), '2104000099');
      assert.ok(page.includes('<script type="module" src="/court-widgets.after-paint.js"></script>'));
      assert.match(out.stdout, /Rendered 1 of 1 article into /);
      const fragment = runCli(['render', seedPath, '--fragment']);
      assert.match(fragment.stdout, /^<!--lit-part[^>]*-->(?:<!--lit-node 0-->)?<court-article/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--bundle on another host than the articles\u2019 own site is rendered with one warning that says to serve it from the site', () => {
    const dir = tempDir();
    try {
      mkdirSync(join(dir, 'articles'), { recursive: true });
      writeFileSync(join(dir, 'articles', 'a.json'), JSON.stringify(seedJson));
      writeFileSync(join(dir, 'articles', 'b.json'), JSON.stringify({ ...seedJson, title: '第二篇' }));
      const render = (bundle: string, out: string) => runCli(['render', join(dir, 'articles'), '--out', join(dir, out), '--bundle', bundle]);
      const cdn = render('https://cdn.example.com/npm/court-widgets.min.js', 'cdn');
      assert.equal(cdn.status, 0, cdn.stderr);
      const lines = cdn.stderr.split('\n').filter((l) => l.includes('cdn.example.com'));
      assert.equal(lines.length, 1, cdn.stderr);
      assert.match(lines[0]!, /^warning: --bundle https:\/\/cdn\.example\.com\/npm\/court-widgets\.min\.js loads the script from cdn\.example\.com, not from the articles' own site \(court\.example\.cn\)/);
      assert.ok(readFileSync(join(dir, 'cdn', 'a.html'), 'utf8').includes('https://cdn.example.com/npm/court-widgets.after-paint.js'), 'the pages are written as asked');
      for (const [bundle, out] of [['https://court.example.cn/js/court-widgets.min.js', 'own'], ['//court.example.cn/js/court-widgets.min.js', 'own2'], ['/js/court-widgets.min.js', 'path']]) {
        const run = render(bundle!, out!);
        assert.equal(run.status, 0, run.stderr);
        assert.doesNotMatch(run.stderr, /warning/, bundle);
      }
      // A path with spaces around it is trimmed, as a browser would; other schemes are refused.
      const spaced = render(' /js/court-widgets.min.js ', 'spaced');
      assert.equal(spaced.status, 0, spaced.stderr);
      assert.ok(readFileSync(join(dir, 'spaced', 'a.html'), 'utf8').includes('<script type="module" src="/js/court-widgets.after-paint.js"></script>'));
      const leadingSpace = render(' https://cdn.example.com/court-widgets.min.js', 'lead');
      assert.match(leadingSpace.stderr, /loads the script from cdn\.example\.com/);
      for (const bad of ['javascript:alert(1)', 'data:text/javascript,alert(1)', ' ']) {
        const refused = render(bad, 'bad');
        assert.equal(refused.status, 2, `${bad}: ${refused.stderr}`);
        assert.match(refused.stderr, /--bundle/);
      }
      // http: for https: articles is refused by browsers as mixed content.
      const http = render('http://court.example.cn/js/court-widgets.min.js', 'http');
      assert.equal(http.status, 0);
      assert.match(http.stderr, /is an http: address and the articles are served over https/);
      assert.doesNotMatch(http.stderr, /loads the script from/, 'the same host: not a third party');
      const noUrl: Record<string, unknown> = { ...seedJson };
      delete noUrl.url;
      writeFileSync(join(dir, 'articles', 'a.json'), JSON.stringify(noUrl));
      writeFileSync(join(dir, 'articles', 'b.json'), JSON.stringify(noUrl));
      const unknown = render('https://cdn.example.com/court-widgets.min.js', 'unknown');
      assert.match(unknown.stderr, /cdn\.example\.com, and the articles give no url of their own site/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--csp prints the script-src and style-src that a strict Content-Security-Policy needs for the pages', () => {
    const dir = tempDir();
    try {
      mkdirSync(join(dir, 'articles'), { recursive: true });
      writeFileSync(join(dir, 'articles', 'a.json'), JSON.stringify(seedJson));
      writeFileSync(join(dir, 'articles', 'b.json'), JSON.stringify({ ...seedJson, title: '第二篇', body: seedJson.body.slice(0, 2) }));
      const run = runCli(['render', join(dir, 'articles'), '--out', join(dir, 'site'), '--site', sitePath, '--csp']);
      assert.equal(run.status, 0, run.stderr);
      const line = run.stdout.split('\n').find((l) => l.startsWith("style-src 'self' "));
      assert.ok(line, run.stdout);
      const expected = new Set([
        ...styleHashes(readFileSync(join(dir, 'site', 'a.html'), 'utf8')),
        ...styleHashes(readFileSync(join(dir, 'site', 'b.html'), 'utf8')),
      ]);
      assert.deepEqual(line.split(' ').slice(2), [...expected].sort());
      assert.ok(!run.stdout.includes('script-src'), 'no inline script runs on a page without --bundle');
      const withBundle = runCli(['render', join(dir, 'articles'), '--out', join(dir, 'site3'), '--site', sitePath, '--bundle', '/js/court-widgets.min.js', '--csp']);
      assert.equal(withBundle.status, 0, withBundle.stderr);
      const scriptLine = withBundle.stdout.split('\n').find((l) => l.startsWith("script-src 'self' "));
      assert.ok(scriptLine, withBundle.stdout);
      const page = readFileSync(join(dir, 'site3', 'a.html'), 'utf8');
      assert.deepEqual(scriptLine.split(' ').slice(2), scriptHashes(page), 'the hash of the settings script');
      assert.equal(scriptHashes(page).length, 1);
      assert.deepEqual(scriptHashes(readFileSync(join(dir, 'site3', 'b.html'), 'utf8')), scriptHashes(page), 'the same on every page');
      const without = runCli(['render', join(dir, 'articles'), '--out', join(dir, 'site2'), '--site', sitePath]);
      assert.doesNotMatch(without.stdout, /style-src/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a folder: the valid articles render, an invalid one is reported with file and field, exit code 1', () => {
    const dir = tempDir();
    try {
      mkdirSync(join(dir, 'articles', '2024'), { recursive: true });
      writeFileSync(join(dir, 'articles', 'a.json'), JSON.stringify(seedJson));
      writeFileSync(join(dir, 'articles', '2024', 'b.json'), JSON.stringify({ ...seedJson, title: '第二篇' }));
      writeFileSync(join(dir, 'articles', 'bad.json'), JSON.stringify({ ...seedJson, publishedAt: '昨天' }));
      writeFileSync(join(dir, 'articles', 'broken.json'), '{"version": 1,');
      writeFileSync(join(dir, 'articles', 'notes.txt'), 'not an article');
      const run = runCli(['render', join(dir, 'articles'), '--out', join(dir, 'site'), '--site', sitePath]);
      assert.equal(run.status, 1);
      assert.deepEqual(readdirSync(join(dir, 'site')).sort(), ['2024', 'a.html']);
      assert.deepEqual(readdirSync(join(dir, 'site', '2024')), ['b.html']);
      assert.match(run.stderr, /articles\/bad\.json: publishedAt/);
      assert.match(run.stderr, /articles\/broken\.json: /);
      assert.match(run.stdout, /rendered .*a\.json -> .*a\.html/);
      assert.match(run.stdout, /failed +.*bad\.json/);
      assert.match(run.stdout, /Rendered 2 of 4 articles into .*site, 2 failed/);
      assert.equal(run.stdout.includes('\u001b['), false, 'plain lines without a TTY');
      assert.ok(readFileSync(join(dir, 'site', '2024', 'b.html'), 'utf8').includes('第二篇'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an html field nested thousands deep is refused with its field (formatting nested that deep is repaired); the other articles render', async () => {
    const dir = tempDir();
    try {
      mkdirSync(join(dir, 'in'));
      writeFileSync(join(dir, 'in', 'deep.json'), JSON.stringify({ ...seedJson, body: [seedJson.body[0], { type: 'paragraph', html: `${'<b>'.repeat(5000)}深${'</b>'.repeat(5000)}` }] }));
      writeFileSync(join(dir, 'in', 'divs.json'), JSON.stringify({ ...seedJson, body: [{ type: 'html', html: '<div>'.repeat(30000) }] }));
      writeFileSync(join(dir, 'in', 'ok.json'), JSON.stringify({ ...seedJson, body: [{ type: 'paragraph', html: `${'<b>'.repeat(100)}深${'</b>'.repeat(100)}` }] }));
      let out = '';
      let err = '';
      const code = await renderCommand({
        input: join(dir, 'in'), out: join(dir, 'out'),
        stdout: { write: (s: string) => ((out += s), true) }, stderr: { write: (s: string) => ((err += s), true) },
      });
      assert.equal(code, 1);
      // 5,000 nested <b> keep more than 100 formatting elements open: the model removes those tags.
      assert.match(err, /deep\.json: warning: body\[1\]\.html: keeps more than 100 formatting tags/);
      assert.match(err, /divs\.json: body\[0\]\.html: elements nested 30000 deep/);
      assert.deepEqual(readdirSync(join(dir, 'out')).sort(), ['deep.html', 'ok.html']);
      assert.match(readFileSync(join(dir, 'out', 'deep.html'), 'utf8'), />深</);
      assert.match(out, /Rendered 2 of 3 articles into .*, 1 failed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the light-DOM copy: a caption written with its own ▲ shows one; a video has its player, still and download link', () => {
    const parsed = parseArticle({
      ...seedJson,
      body: [
        { type: 'image', src: 'a.jpg', caption: '▲ 庭审现场' },
        { type: 'video', src: 'v.mp4', poster: 'v.jpg', caption: '△庭审回放', width: 640, height: 360 },
      ],
    });
    assert.ok(parsed.ok);
    const copy = renderFallbackArticle(parsed.value);
    assert.match(copy, /<figcaption>▲庭审现场<\/figcaption>/);
    assert.match(copy, /alt="庭审现场"/);
    assert.match(copy, /<figure><video controls preload="none" src="v\.mp4" poster="v\.jpg" width="640" height="360"><a href="v\.mp4">下载视频<\/a><\/video><figcaption>▲庭审回放<\/figcaption><\/figure>/);
    assert.equal(copy.includes('▲▲') || copy.includes('▲△'), false);
  });

  test('renderArticlePage and its parts refuse html nested too deep when called directly, naming the field', () => {
    const deep = parseArticle({ ...seedJson, body: [seedJson.body[0], { type: 'html', html: '<div>'.repeat(20000) }] });
    assert.ok(deep.ok);
    for (const render of [
      () => renderArticlePage(deep.value),
      () => renderArticlePage(deep.value, { fragment: true }),
      () => renderArticleElement(deep.value),
      () => renderFallbackArticle(deep.value),
    ]) {
      assert.throws(render, (error: Error) => error instanceof RangeError && /^body\[1\]\.html: elements nested 20000 deep, more than 256/.test(error.message));
    }
    const shallow = parseArticle({ ...seedJson, body: [{ type: 'html', html: `${'<div>'.repeat(200)}浅${'</div>'.repeat(200)}` }] });
    assert.ok(shallow.ok);
    assert.match(renderArticlePage(shallow.value), /浅/);
  });

  test('on a terminal, a progress bar instead of lines', async () => {
    const dir = tempDir();
    try {
      mkdirSync(join(dir, 'in'));
      for (const n of [1, 2, 3]) writeFileSync(join(dir, 'in', `${n}.json`), JSON.stringify({ ...seedJson, title: `第${n}篇` }));
      let err = '';
      let out = '';
      const tty = { isTTY: true, columns: 100, write: (s: string) => ((err += s), true), cursorTo: () => true, clearLine: () => true, moveCursor: () => true, on: () => tty, removeListener: () => tty };
      const code = await renderCommand({ input: join(dir, 'in'), out: join(dir, 'out'), stdout: { write: (s: string) => ((out += s), true) }, stderr: tty });
      assert.equal(code, 0);
      assert.match(err, /Rendering \[[█░]+\] \d\/3/);
      assert.equal(out.includes('rendered '), false, 'no per-file lines under the bar');
      assert.match(out, /Rendered 3 of 3 articles/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('warnings (an unknown block type) are printed with the file; the article still renders', async () => {
    const dir = tempDir();
    try {
      writeFileSync(join(dir, 'a.json'), JSON.stringify({ ...seedJson, lang: 'ug', body: [{ type: 'audio', src: 'a.mp3' }, ...seedJson.body] }));
      let out = '';
      let err = '';
      const code = await renderCommand({
        input: join(dir, 'a.json'), out: join(dir, 'a.html'),
        stdout: { write: (s: string) => ((out += s), true) }, stderr: { write: (s: string) => ((err += s), true) },
      });
      assert.equal(code, 0);
      assert.match(err, /a\.json: warning: body\[0\]/);
      assert.match(out, /Rendered 1 of 1 article into .*a\.html, 1 warning/);
      const page = readFileSync(join(dir, 'a.html'), 'utf8');
      assert.match(page, /<html lang="ug" dir="rtl">/, 'Uyghur articles are right to left');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('help, version and usage errors', () => {
    const help = runCli(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /court-widgets <command>/);
    assert.match(help.stdout, /render <article\.json\|folder>/);
    const version = runCli(['--version']);
    assert.equal(version.stdout.trim(), JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
    assert.equal(runCli([]).status, 2);
    assert.equal(runCli(['publish']).status, 2);
    assert.equal(runCli(['render']).status, 2);
    assert.equal(runCli(['render', join(root, 'demo', 'data')]).status, 2, 'a folder needs --out');
    const badSite = runCli(['render', seedPath, '--site', seedPath]);
    assert.equal(badSite.status, 2);
    assert.match(badSite.stderr, /seed-article\.json: name/);
  });
});
