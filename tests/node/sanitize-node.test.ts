import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { LIMITS } from '../../src/model/limits.js';
import { sanitizeFragment, sanitizeInline, useSanitizerWindow } from '../../src/internal/sanitize.js';

/**
 * Inputs and the exact output Chromium gives for them (tests/browser/sanitize.test.ts checks
 * the same pairs in the browser): server-rendered and client-rendered markup must agree.
 */
const SAME_AS_BROWSER: Array<[kind: 'inline' | 'fragment', input: string, output: string]> = [
  ['inline', '要提高政治站位,<strong>扛牢主体责任</strong><img src=x onerror=__pwned()>', '要提高政治站位,<strong>扛牢主体责任</strong>'],
  ['inline', '<a href="javascript:__pwned()" onclick="__pwned()">链接</a> <a href="/news/" title="新闻中心" id="cookie">新闻</a>', '<a>链接</a> <a href="/news/" title="新闻中心">新闻</a>'],
  ['inline', '<a href="&#x6a;avascript:__pwned()">甲</a><a href="java\tscript:__pwned()">乙</a><span lang="ug" dir="rtl" style="color:red">ئۇيغۇر</span>', '<a>甲</a><a>乙</a><span lang="ug" dir="rtl">ئۇيغۇر</span>'],
  ['fragment', '<table id="t" border="1"><tr><th scope="col" style="color:red">案号</th></tr><tr><td colspan="2">1</td></tr></table>', '<table><tbody><tr><th scope="col">案号</th></tr><tr><td colspan="2">1</td></tr></tbody></table>'],
  ['fragment', '<a href="https://court.example.cn/" target="_blank">法院</a><a href="x.html" target="evil">另</a>', '<a href="https://court.example.cn/" target="_blank" rel="noopener noreferrer">法院</a><a href="x.html">另</a>'],
  ['fragment', '<img src="img/a.jpg" srcset="img/a.jpg 1x, javascript:__pwned() 2x" alt="甲"><img src="data:image/svg+xml,<svg onload=__pwned()>" alt="乙"><img src="img/b.jpg" srcset="img/b-640.jpg 640w, img/b.jpg 1280w" sizes="100vw" alt="丙" width="1280" height="853" loading="lazy">', '<img src="img/a.jpg" alt="甲"><img alt="乙"><img src="img/b.jpg" srcset="img/b-640.jpg 640w, img/b.jpg 1280w" sizes="100vw" alt="丙" width="1280" height="853" loading="lazy">'],
  ['fragment', '<svg><script>__pwned()</script></svg><math><mtext><table><mglyph><style><img src=x onerror=__pwned()>', ''],
  ['fragment', '<form id="f" action="javascript:__pwned()"><input name="x"><button>提交</button></form><p>正文</p>', '提交<p>正文</p>'],
  ['fragment', '<noscript><p title="</noscript><img src=x onerror=__pwned()>">', '<p></p>'],
  ['fragment', '<base href="//evil.example/"><meta http-equiv="refresh" content="0;url=javascript:__pwned()"><link rel="stylesheet" href="x.css"><style>*{width:expression(__pwned())}</style><p>正文</p>', '<p>正文</p>'],
  ['fragment', '<ul><li>一</li><li>二 <!-- 注释 --></li></ul><ol start="3" reversed><li>三</li></ol>', '<ul><li>一</li><li>二 </li></ul><ol start="3" reversed=""><li>三</li></ol>'],
];

test('without a browser window or a provided one, sanitizing throws a clear Error', () => {
  // A fresh process: this one gets a window in the next test.
  const moduleUrl = new URL('../../src/internal/sanitize.ts', import.meta.url).href;
  const script = `
    const { sanitizeInline, sanitizeFragment } = await import(${JSON.stringify(moduleUrl)});
    const messages = [];
    for (const fn of [sanitizeInline, sanitizeFragment]) {
      try { fn('<b>x</b>'); messages.push('no error'); } catch (e) { messages.push(e instanceof Error ? e.message : 'not an Error'); }
    }
    process.stdout.write(JSON.stringify(messages));
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    encoding: 'utf8',
  });
  assert.equal(child.status, 0, child.stderr);
  const messages = JSON.parse(child.stdout) as string[];
  assert.equal(messages.length, 2);
  for (const message of messages) assert.match(message, /useSanitizerWindow\(new JSDOM\(""\)\.window\)/);
});

test('useSanitizerWindow refuses something that is not a window', () => {
  assert.throws(() => useSanitizerWindow({} as unknown as Window & typeof globalThis), TypeError);
  assert.throws(() => useSanitizerWindow(undefined as unknown as Window & typeof globalThis), TypeError);
});

test('under jsdom the sanitizer gives the same output as in Chromium', () => {
  useSanitizerWindow(new JSDOM('').window);
  for (const [kind, input, output] of SAME_AS_BROWSER) {
    const result = kind === 'inline' ? sanitizeInline(input) : sanitizeFragment(input);
    assert.equal(result, output, input);
  }
});

test('under jsdom no handler, script or dangerous URL survives', () => {
  useSanitizerWindow(new JSDOM('').window);
  const dom = new JSDOM('<!doctype html><body></body>');
  const hostile = [
    '<img src=x onerror=__pwned()><svg onload=__pwned()><a href="JaVaScRiPt:__pwned()">a</a>',
    '<iframe srcdoc="<script>__pwned()</script>"></iframe><object data="javascript:__pwned()"></object><embed src="x">',
    '<a href="data:text/html,<script>__pwned()</script>">d</a><a href="vbscript:x">v</a><img src="file:///etc/passwd">',
    '<math><mi xlink:href="javascript:__pwned()">m</mi></math><template><img src=x onerror=__pwned()></template>',
    '<img name="cookie"><form id="clobber"><input name="attributes"></form><p style="background:url(javascript:__pwned())">p</p>',
  ];
  for (const input of hostile) {
    for (const out of [sanitizeFragment(input), sanitizeInline(input)]) {
      const box = dom.window.document.createElement('div');
      box.innerHTML = out;
      for (const el of box.querySelectorAll('*')) {
        for (const attr of Array.from(el.attributes)) {
          assert.doesNotMatch(attr.name, /^(on|style$|id$|name$|srcdoc$|action$|xlink)/, `${attr.name} in ${out}`);
          assert.doesNotMatch(attr.value, /javascript|vbscript|data:|file:/i, `${attr.name}=${attr.value}`);
        }
        assert.doesNotMatch(el.localName, /^(script|iframe|object|embed|svg|math|template|form|input|style)$/, out);
      }
    }
  }
});

test('html longer than the documented limit yields empty output without being parsed', () => {
  useSanitizerWindow(new JSDOM('').window);
  const atLimit = '<b>x</b>' + 'x'.repeat(LIMITS.maxHtmlLength - 8);
  assert.equal(sanitizeInline(atLimit).length, LIMITS.maxHtmlLength);
  assert.equal(sanitizeInline(atLimit + 'x'), '');
  assert.equal(sanitizeFragment(atLimit + 'x'), '');
  assert.equal(sanitizeFragment(42 as unknown as string), '');
});

test('plain text passes through, with markup characters escaped', () => {
  useSanitizerWindow(new JSDOM('').window);
  assert.equal(sanitizeInline('2024年伊始,最高人民法院在全国法院部署开展'), '2024年伊始,最高人民法院在全国法院部署开展');
  assert.equal(sanitizeInline('a &lt;b&gt; &amp; c'), 'a &lt;b&gt; &amp; c');
  assert.equal(sanitizeInline(''), '');
});
