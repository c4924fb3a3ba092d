import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';
import { LIMITS } from '../../src/model/limits.js';
import { sanitizeFragment, sanitizeInline, useSanitizerWindow } from '../../src/internal/sanitize.js';
import { SANITIZER_PAIRS } from '../fixtures/sanitizer-pairs.js';


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
  for (const [kind, input, output] of SANITIZER_PAIRS) {
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
