/**
 * Localization under Node: language tags, the translation tables, the XLIFF files against the
 * messages in the source, the generated modules against the XLIFF files, and the XLIFF to
 * module script. The completeness checks here fail as soon as a message lacks a translation.
 */
// Lit's server renderer first: it installs the DOM shim the element classes need under Node.
import { render } from '@lit-labs/ssr';
import { collectResultSync } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { msg, str } from '@lit/localize';
import { readConfigFileAndWriteSchema } from '@lit/localize-tools/lib/config.js';
import { RuntimeLitLocalizer } from '@lit/localize-tools/lib/modes/runtime.js';
import type { Config } from '@lit/localize-tools/lib/config.js';
import {
  normalizeLocale,
  localeDirection,
  registerLocale,
  withLocale,
  currentLocale,
  getCourtLocale,
  setCourtLocale,
  availableLocales,
  builtInLocales,
  loadLocale,
  LOCALE_QUEUE,
} from '../../src/internal/localize.js';

import '../../src/define/court-footer.js';
import '../../src/define/photo-caption.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TARGETS = ['zh-Hant', 'en', 'ug'] as const;
const HAN = /\p{Script=Han}/u;
/** Characters written only in Simplified Chinese (their Traditional forms differ). */
const SIMPLIFIED_ONLY =
  '这们个时间门问题网页电话编号关闭图显览数据无载错误码访权务热线举报车设计维护术读声语暂继续体适标发责辑当导试对类应为围处详见浏过络区带块进选视频将开启复讯实际还尔轮滚动询联诉讼办纪检监邮备证营业执许递归档传输历边栏链书签么赖条达页级纸张宽窄隐样认尽请态缩换键删择产单';

type Content = string | { untranslatable: string; index?: number };
interface Message {
  name: string;
  contents: Content[];
  desc?: string;
  tag?: 'html' | 'str';
}

function loadConfig(): Config {
  return readConfigFileAndWriteSchema(join(ROOT, 'lit-localize.json'));
}

function localizer(config: Config = loadConfig()): RuntimeLitLocalizer {
  return new RuntimeLitLocalizer(config as ConstructorParameters<typeof RuntimeLitLocalizer>[0]);
}

function textOf(contents: Content[]): string {
  return contents.map((c) => (typeof c === 'string' ? c : '')).join('');
}

describe('normalizeLocale', () => {
  const cases: Array<[string | null | undefined, string]> = [
    ['zh', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh-cn', 'zh-CN'],
    ['zh_CN', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-TW', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['zh-MO', 'zh-Hant'],
    ['zh-Hant', 'zh-Hant'],
    ['zh-hant-tw', 'zh-Hant'],
    ['ZH_tw', 'zh-Hant'],
    ['yue', 'zh-Hant'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['EN-au', 'en'],
    ['ug', 'ug'],
    ['ug-CN', 'ug'],
    ['ug-Arab', 'ug'],
    ['ug-Arab-CN', 'ug'],
    ['fr', 'zh-CN'],
    ['ja-JP', 'zh-CN'],
    ['', 'zh-CN'],
    ['  ', 'zh-CN'],
    ['zh-', 'zh-CN'],
    ['<script>', 'zh-CN'],
    ['x'.repeat(200), 'zh-CN'],
    [null, 'zh-CN'],
    [undefined, 'zh-CN'],
  ];
  for (const [tag, expected] of cases) {
    test(`${JSON.stringify(tag)?.slice(0, 20)} -> ${expected}`, () => {
      assert.equal(normalizeLocale(tag), expected);
    });
  }

  test('direction: ug is right to left, the others left to right', () => {
    assert.equal(localeDirection('ug'), 'rtl');
    assert.equal(localeDirection('ug-Arab-CN'), 'rtl');
    assert.equal(localeDirection('zh-CN'), 'ltr');
    assert.equal(localeDirection('zh-Hant'), 'ltr');
    assert.equal(localeDirection('en'), 'ltr');
  });
});

describe('rendering messages in a locale (no DOM)', () => {
  test('built-in translations load on first use, once; zh-CN and unknown tags need none', async () => {
    const retry = (): string => msg('重试', { id: 'court-footer.retry' });
    assert.equal(withLocale('en', retry), '重试', 'not loaded yet: the source text');
    const first = loadLocale('en-US');
    assert.equal(loadLocale('en'), first, 'one load per locale');
    assert.equal(await first, true);
    assert.equal(withLocale('en', retry), 'Retry');
    assert.equal(await loadLocale('zh-CN'), true);
    assert.equal(await loadLocale('fr'), true);
    assert.deepEqual(await Promise.all(builtInLocales.map((code) => loadLocale(code))), [true, true, true, true]);
    assert.equal(withLocale('ug', retry), 'قايتا سىناش');
  });

  test('the page locale is zh-CN under Node until set', async () => {
    assert.equal(getCourtLocale(), 'zh-CN');
    assert.equal(currentLocale(), 'zh-CN');
    await setCourtLocale('en-GB');
    assert.equal(getCourtLocale(), 'en');
    assert.equal(msg('重试', { id: 'court-footer.retry' }), 'Retry');
    await setCourtLocale(null);
    assert.equal(msg('重试', { id: 'court-footer.retry' }), '重试');
  });

  test('withLocale renders shipped translations synchronously, and nests', () => {
    const retry = (): string => msg('重试', { id: 'court-footer.retry' });
    assert.equal(withLocale('en', retry), 'Retry');
    assert.equal(withLocale('zh-TW', retry), '重試');
    assert.equal(withLocale('ug', retry), 'قايتا سىناش');
    assert.equal(
      withLocale('en', () => `${retry()}/${withLocale('zh-Hant', retry)}/${retry()}`),
      'Retry/重試/Retry',
    );
    assert.equal(retry(), '重试');
  });

  test('registerLocale: strings, reordered values, merging, fallback to the source', () => {
    const code = registerLocale('fr', {
      'test.plain': 'Bonjour',
      'test.values': ['B=', 1, ', A=', 0],
      'court-footer.retry': 'Réessayer',
    });
    assert.equal(code, 'fr');
    assert.ok(availableLocales().includes('fr'));
    assert.equal(normalizeLocale('fr-CA'), 'fr');
    const a = 'x';
    const b = 'y';
    withLocale('fr-CA', () => {
      assert.equal(msg('你好', { id: 'test.plain' }), 'Bonjour');
      assert.equal(msg(str`A=${a}, B=${b}`, { id: 'test.values' }), 'B=y, A=x');
      assert.equal(msg('重试', { id: 'court-footer.retry' }), 'Réessayer');
      // Not translated: the Chinese source.
      assert.equal(msg('正在加载网站信息…', { id: 'court-footer.loading' }), '正在加载网站信息…');
    });
    registerLocale('fr', { 'test.plain': 'Salut' });
    assert.equal(withLocale('fr', () => msg('你好', { id: 'test.plain' })), 'Salut');
    assert.equal(withLocale('fr', () => msg('重试', { id: 'court-footer.retry' })), 'Réessayer');
    assert.equal(localeDirection('fr'), 'ltr');
    registerLocale('ar', { 'test.plain': 'مرحبا' });
    assert.equal(localeDirection('ar-EG'), 'rtl');
    registerLocale('kk-Arab', { 'test.plain': 'سالەم' });
    assert.equal(normalizeLocale('kk-Arab-CN'), 'kk-Arab');
    assert.equal(localeDirection('kk-Arab'), 'rtl');
  });

  test('registerLocale can correct a string of the source language itself', () => {
    registerLocale('zh-CN', { 'court-footer.retry': '再试一次' });
    try {
      assert.equal(withLocale('zh', () => msg('重试', { id: 'court-footer.retry' })), '再试一次');
      assert.equal(withLocale('en', () => msg('重试', { id: 'court-footer.retry' })), 'Retry');
    } finally {
      registerLocale('zh-CN', { 'court-footer.retry': '重试' });
    }
  });

  test('registerLocale rejects malformed codes and tables, ignores unusable entries', () => {
    assert.throws(() => registerLocale('not a tag!', {}), TypeError);
    assert.throws(() => registerLocale('de', [] as unknown as Record<string, string>), TypeError);
    registerLocale('de', {
      ok: 'Gut',
      bad: { html: '<img onerror=1>' } as unknown as string,
      worse: [1.5],
      forged: { strTag: true, strings: ['a', 'b'], values: ['constructor'] } as unknown as string,
    });
    assert.equal(withLocale('de', () => msg('伪造', { id: 'forged' })), '伪造');
    assert.equal(withLocale('de', () => msg('好', { id: 'ok' })), 'Gut');
    assert.equal(withLocale('de', () => msg('坏', { id: 'bad' })), '坏');
    assert.equal(withLocale('de', () => msg('更坏', { id: 'worse' })), '更坏');
  });
});

describe('server rendering', () => {
  const site = JSON.parse(readFileSync(join(ROOT, 'demo/data/site.json'), 'utf8')) as Record<string, unknown>;
  const renderFooters = (): string =>
    collectResultSync(render(html`<court-footer lang="ug-CN" .site=${site}></court-footer><court-footer .site=${site}></court-footer>`));

  test('an element renders in its own lang, others in the page locale', async () => {
    const zh = renderFooters();
    assert.match(zh, /<section class="footer" part="base" lang="ug" dir="rtl" aria-label="تور بېكەت ئۇچۇرى">/);
    assert.match(zh, /<section class="footer" part="base" lang="zh-CN" dir="ltr" aria-label="网站信息">/);
    assert.match(zh, />دەۋا مۇلازىمىتى قىزىق لىنىيىسى</);
    await setCourtLocale('en');
    try {
      const en = renderFooters();
      assert.match(en, /aria-label="تور بېكەت ئۇچۇرى"/);
      assert.match(en, /<section class="footer" part="base" lang="en" dir="ltr" aria-label="Site information">/);
      assert.match(en, />Litigation service hotline</);
      assert.doesNotMatch(en, /诉讼服务热线/);
    } finally {
      await setCourtLocale(null);
    }
  });
});

describe('server rendering of photo-caption', () => {
  const renderPhotos = (): string =>
    collectResultSync(
      render(html`<photo-caption src="/img/1.jpg" caption="于长春院长考察上马法庭"></photo-caption><photo-caption src="/img/2.jpg" alt="会议室全景"></photo-caption><photo-caption src="/img/3.jpg"></photo-caption>`),
    );
  /** The open buttons' start tags and the elements their aria-labelledby / aria-describedby name. */
  const buttons = (markup: string) =>
    [...markup.matchAll(/<button class="open"[^>]*>/g)].map(([tag]) => ({
      tag,
      labelledby: /aria-labelledby="([^"]*)"/.exec(tag)?.[1],
      describedby: /aria-describedby="([^"]*)"/.exec(tag)?.[1],
    }));
  /** The text of the element with `id` in the first shadow root after `from` (lit-part comments removed). */
  const textOf = (markup: string, id: string, from: number): string | undefined => {
    const root = markup.slice(from, markup.indexOf('</template>', from));
    const hit = new RegExp(`<(\\w+) id="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(root);
    return hit?.[2]!.replace(/<!--[\s\S]*?-->/g, '').replace(/<span class="marker"[^>]*>▲<\/span>/, '');
  };
  /** What one id of an aria-labelledby gives: an image's alt, else the element's text. */
  const referenced = (markup: string, id: string, from: number): string | undefined => {
    const root = markup.slice(from, markup.indexOf('</template>', from));
    const img = new RegExp(`<img id="${id}"[^>]*\\salt="([^"]*)"`).exec(root);
    return img ? img[1] : textOf(markup, id, from);
  };
  const described = (markup: string) => {
    const starts = [...markup.matchAll(/<template shadowroot(mode)?="open"/g)].map((m) => m.index!);
    return buttons(markup).map((b, i) => ({
      aria: b.tag.includes('aria-label=') ? 'aria-label' : 'references',
      name: b.labelledby?.split(/\s+/).map((id) => referenced(markup, id, starts[i]!)).join(' '),
      description: b.describedby && textOf(markup, b.describedby, starts[i]!),
    }));
  };

  /** The interface text of each photo's hidden name span (the button's name once hydrated). */
  const openNames = (markup: string) => {
    const starts = [...markup.matchAll(/<template shadowroot(mode)?="open"/g)].map((m) => m.index!);
    return starts.map((from) => textOf(markup, 'open-name', from));
  };

  test('on the server the open button is the picture only: disabled, presentational, unnamed; its name waits in a span with a fixed id', () => {
    const zh = renderPhotos();
    assert.equal(renderPhotos(), zh, 'the same markup, ids included, on every render');
    assert.deepEqual(described(zh), [
      { aria: 'references', name: undefined, description: undefined },
      { aria: 'references', name: undefined, description: undefined },
      { aria: 'references', name: undefined, description: undefined },
    ]);
    for (const { tag } of buttons(zh)) {
      assert.match(tag, /\srole="none"/, tag);
      assert.match(tag, /\sdisabled/, tag);
      assert.doesNotMatch(tag, /aria-haspopup/, tag);
    }
    assert.deepEqual(openNames(zh), ['查看大图', '查看大图', '查看大图']);
    assert.match(zh, /<img id="image"[^>]*\salt="会议室全景"/);
    assert.match(zh, /<figcaption id="caption" part="caption">/);
    assert.doesNotMatch(zh, /查看大图:/);
  });

  test('in the page locale: the interface words are translated, the alt and caption are not', async () => {
    assert.equal(await loadLocale('en'), true);
    await setCourtLocale('en');
    try {
      const en = renderPhotos();
      assert.deepEqual(openNames(en), ['View full image', 'View full image', 'View full image']);
      assert.match(en, /<img id="image"[^>]*\salt="会议室全景"/);
      assert.match(en, /于长春院长考察上马法庭/);
      assert.doesNotMatch(en, /查看大图/);
    } finally {
      await setCourtLocale(null);
    }
  });
});

describe('translations are complete and current', () => {
  const loc = localizer();
  const { messages } = loc.extractSourceMessages() as unknown as { messages: Message[] };
  const { translations } = loc.readTranslationsSync() as unknown as { translations: Map<string, Message[]> };
  const sourceIds = messages.map((m) => m.name).sort();

  test('the source has messages with unique, stable ids', () => {
    assert.ok(sourceIds.length >= 40, `only ${sourceIds.length} messages extracted`);
    for (const m of messages) assert.match(m.name, /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/, `id "${m.name}" is not <element>.<name>`);
  });

  test('every message explains itself to translators and holds no markup', () => {
    for (const m of messages) {
      assert.ok(m.desc && m.desc.trim().length >= 10, `${m.name} has no desc for translators`);
      // Markup inside messages could not be carried by site locales (scripts/xliff-to-module.mjs).
      assert.notEqual(m.tag, 'html', `${m.name} is an html template`);
    }
  });

  for (const locale of TARGETS) {
    test(`${locale}: every source message has a translation`, () => {
      const translated = new Map((translations.get(locale) ?? []).map((m) => [m.name, m]));
      const missing = sourceIds.filter((id) => !translated.has(id) || translated.get(id)!.contents.length === 0);
      assert.deepEqual(missing, [], `${locale} lacks translations; run npm run localize:extract and translate xliff/${locale}.xlf`);
    });

    test(`${locale}: translations keep every placeholder of the source`, () => {
      const translated = new Map((translations.get(locale) ?? []).map((m) => [m.name, m]));
      for (const m of messages) {
        const t = translated.get(m.name);
        if (!t) continue;
        const count = (c: Content[]): string[] => c.filter((p) => typeof p !== 'string').map((p) => (p as { untranslatable: string }).untranslatable).sort();
        assert.deepEqual(count(t.contents), count(m.contents), `${locale} ${m.name}`);
      }
    });
  }

  for (const locale of ['en', 'ug'] as const) {
    test(`${locale}: no Chinese characters in any translation`, () => {
      for (const m of translations.get(locale) ?? []) {
        assert.doesNotMatch(textOf(m.contents), HAN, `${locale} ${m.name}: ${textOf(m.contents)}`);
      }
    });
  }

  test('ug: every translation is in Arabic script', () => {
    for (const m of translations.get('ug') ?? []) {
      const text = textOf(m.contents);
      if (/\p{L}/u.test(text.replace(/HTTP|JSON|ICP|URL|http|https/g, ''))) assert.match(text, /\p{Script=Arabic}/u, `ug ${m.name}: ${text}`);
    }
  });

  test('zh-Hant: no simplified-only characters', () => {
    for (const m of translations.get('zh-Hant') ?? []) {
      const text = textOf(m.contents);
      const found = [...text].filter((ch) => SIMPLIFIED_ONLY.includes(ch));
      assert.deepEqual(found, [], `zh-Hant ${m.name}: ${text}`);
    }
  });

  test('src/locales is what lit-localize build makes from the XLIFF files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'court-locales-'));
    try {
      const config = loadConfig();
      const fresh = localizer({
        ...config,
        output: { mode: 'runtime', language: 'ts', outputDir: out },
      } as Config);
      await fresh.build();
      for (const locale of TARGETS) {
        const built = readFileSync(join(out, `${locale}.ts`), 'utf8');
        const committed = readFileSync(join(ROOT, 'src/locales', `${locale}.ts`), 'utf8');
        assert.equal(committed, built, `src/locales/${locale}.ts is out of date: run npm run localize:build`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('the generated tables hold every source id', async () => {
    for (const locale of TARGETS) {
      const mod = (await import(pathToFileURL(join(ROOT, 'src/locales', `${locale}.ts`)).href)) as { templates: Record<string, unknown> };
      assert.deepEqual(Object.keys(mod.templates).sort(), sourceIds, locale);
    }
  });
});

describe('scripts/xliff-to-module.mjs', () => {
  const script = join(ROOT, 'scripts/xliff-to-module.mjs');
  const xlf = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file target-language="kk-Arab" source-language="zh-CN" original="lit-localize-inputs" datatype="plaintext">
<body>
<trans-unit id="court-footer.retry">
  <source>重试</source>
  <target>قايتا سىناۋ</target>
</trans-unit>
<trans-unit id="problem.missing">
  <source>缺少 <x id="0" equiv-text="\${path}"/></source>
  <target><x id="0" equiv-text="\${path}"/> جوق &lt;b&gt;</target>
</trans-unit>
<trans-unit id="load.site">
  <source>无法加载网站数据:<x id="0" equiv-text="\${url}"/>(<x id="1" equiv-text="\${why}"/>)</source>
  <target>(<x id="1" equiv-text="\${why}"/>) <x id="0" equiv-text="\${url}"/></target>
</trans-unit>
<trans-unit id="court-footer.loading">
  <source>正在加载网站信息…</source>
</trans-unit>
</body>
</file>
</xliff>
`;

  function run(args: string[], input = xlf): { status: number | null; stdout: string; stderr: string; dir: string } {
    const dir = mkdtempSync(join(tmpdir(), 'xliff-'));
    writeFileSync(join(dir, 'kk.xlf'), input);
    const result = spawnSync(process.execPath, [script, join(dir, 'kk.xlf'), ...args], { encoding: 'utf8', cwd: dir });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, dir };
  }

  test('writes an ES module that registerLocale accepts', async () => {
    const { status, stderr, dir } = run(['--out', 'kk.mjs']);
    try {
      assert.equal(status, 0, stderr);
      assert.match(stderr, /kk-Arab \(rtl\): 3 messages/);
      assert.match(stderr, /untranslated.*court-footer\.loading/);
      const mod = (await import(pathToFileURL(join(dir, 'kk.mjs')).href)) as {
        code: string;
        dir: 'rtl';
        templates: Record<string, string | Array<string | number>>;
      };
      assert.equal(mod.code, 'kk-Arab');
      assert.equal(mod.dir, 'rtl');
      assert.deepEqual(mod.templates['load.site'], ['(', 1, ') ', 0]);
      registerLocale(mod.code, mod.templates, { dir: mod.dir });
      const url = '/site.json';
      const why = 'HTTP 404';
      const path = 'name';
      withLocale('kk-Arab-CN', () => {
        assert.equal(msg('重试', { id: 'court-footer.retry' }), 'قايتا سىناۋ');
        assert.equal(msg(str`缺少 ${path}`, { id: 'problem.missing' }), 'name جوق <b>');
        assert.equal(msg(str`无法加载网站数据:${url}(${why})`, { id: 'load.site' }), '(HTTP 404) /site.json');
        assert.equal(msg('正在加载网站信息…', { id: 'court-footer.loading' }), '正在加载网站信息…');
      });
      assert.equal(localeDirection('kk-Arab'), 'rtl');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('writes a classic script that queues the locale for the page', () => {
    const { status, stdout, dir } = run(['--format', 'script', '--code', 'kk-Arab-CN']);
    rmSync(dir, { recursive: true, force: true });
    assert.equal(status, 0);
    assert.doesNotMatch(stdout, /<b>/, 'markup is escaped inside the script');
    const events: string[] = [];
    const context = vm.createContext({
      CustomEvent: class {
        constructor(readonly type: string) {}
      },
      dispatchEvent: (e: { type: string }) => events.push(e.type),
    });
    vm.runInContext(stdout, context);
    const queue = (context as Record<string, unknown>)[LOCALE_QUEUE] as Array<{ code: string; dir: string; templates: Record<string, unknown> }>;
    assert.equal(queue.length, 1);
    assert.equal(queue[0]!.code, 'kk-Arab-CN');
    assert.equal(queue[0]!.dir, 'rtl');
    assert.equal(queue[0]!.templates['court-footer.retry'], 'قايتا سىناۋ');
    assert.deepEqual(events, ['court-widgets-locale']);
  });

  test('writes JSON, honours --dir, and fails with --strict when a message is untranslated', () => {
    const json = run(['--format', 'json', '--dir', 'ltr']);
    rmSync(json.dir, { recursive: true, force: true });
    assert.equal(json.status, 0);
    const data = JSON.parse(json.stdout) as { code: string; dir: string; templates: Record<string, unknown> };
    assert.equal(data.dir, 'ltr');
    assert.equal(Object.keys(data.templates).length, 3);
    const strict = run(['--strict']);
    rmSync(strict.dir, { recursive: true, force: true });
    assert.equal(strict.status, 2);
  });

  test('rejects broken files and targets with markup or unknown placeholders', () => {
    for (const bad of [
      'not xml <',
      xlf.replace('<target>قايتا سىناۋ</target>', '<target><b>x</b></target>'),
      xlf.replace('<target>(<x id="1"', '<target>(<x id="7"'),
      xlf.replace('target-language="kk-Arab"', 'target-language=""'),
    ]) {
      const result = run([], bad);
      rmSync(result.dir, { recursive: true, force: true });
      assert.equal(result.status, 1, bad.slice(0, 60));
      assert.match(result.stderr, /xliff-to-module: /);
    }
  });

  test('every shipped XLIFF file converts completely', () => {
    for (const locale of TARGETS) {
      const result = spawnSync(process.execPath, [script, join(ROOT, 'xliff', `${locale}.xlf`), '--strict', '--format', 'json'], {
        encoding: 'utf8',
      });
      assert.equal(result.status, 0, `${locale}: ${result.stderr}`);
      const data = JSON.parse(result.stdout) as { code: string };
      assert.equal(normalizeLocale(data.code), locale);
    }
    assert.deepEqual(readdirSync(join(ROOT, 'xliff')).sort(), TARGETS.map((l) => `${l}.xlf`).sort());
  });
});
