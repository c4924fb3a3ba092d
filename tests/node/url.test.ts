import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSafeSrcset, isSafeUrl, safeSrcset, safeUrl, srcsetUrls, urlScheme } from '../../src/internal/url.js';

const KEPT = [
  'https://court.example.cn/article/001.shtml',
  'http://jubao.court.gov.cn',
  'HTTPS://COURT.EXAMPLE.CN/',
  'mailto:xuanjiao@court.example.cn',
  'tel:12368',
  'TEL:024-57719303',
  '/news/photo/',
  'img/001.jpg',
  './files/plan.pdf',
  '../index.html',
  '?page=2&amp;lang=en',
  '#top',
  '',
  '//evil.example/path',
  '\\\\evil.example',
  '/\\evil.example',
  'article/detail:2024.shtml',
  'javascript%3Aalert(1)',
  '%6Aavascript:alert(1)',
  'ｊavascript:alert(1)',
];

const DROPPED = [
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  'JAVASCRIPT:alert(1)',
  '  javascript:alert(1)',
  '\u0000javascript:alert(1)',
  '\u0001\u0002\u001fjavascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'java\rscript:alert(1)',
  'javascript\t:alert(1)',
  '&#x6a;avascript:alert(1)',
  '&#106;avascript:alert(1)',
  '&#106avascript:alert(1)',
  '&#0000106;avascript:alert(1)',
  'javascript&colon;alert(1)',
  'java&Tab;script:alert(1)',
  'java&NewLine;script:alert(1)',
  'vbscript:msgbox(1)',
  'VBScript:msgbox(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  ' DATA:image/svg+xml,<svg onload=alert(1)>',
  'blob:https://court.example.cn/550e8400-e29b-41d4-a716-446655440000',
  'file:///etc/passwd',
  'ftp://court.example.cn/',
  'chrome://settings',
  'view-source:https://court.example.cn/',
  'intent://scan/#Intent;scheme=zxing;end',
];

// Invisible characters that a browser keeps (so it reads a relative path) but that hide a
// scheme from a human reviewer: dropped on purpose, the check errs on the side of dropping.
const DROPPED_BY_CAUTION = ['jav\u00adascript:alert(1)', 'java\u200bscript:alert(1)', '\ufeffjavascript:alert(1)', 'java script:alert(1)', '\u00a0javascript:alert(1)', '\u3000javascript:alert(1)'];

test('keeps http, https, mailto, tel and relative forms', () => {
  for (const url of KEPT) assert.equal(isSafeUrl(url), true, JSON.stringify(url));
});

test('drops javascript: in every disguise and every other scheme', () => {
  for (const url of DROPPED) assert.equal(isSafeUrl(url), false, JSON.stringify(url));
});

test('drops URLs whose scheme is hidden by invisible characters', () => {
  for (const url of DROPPED_BY_CAUTION) assert.equal(isSafeUrl(url), false, JSON.stringify(url));
});

test('each dropped URL is one a browser would resolve to a scheme other than http(s), or an HTML-decoded form of one', () => {
  const base = 'https://court.example.cn/news/';
  for (const url of DROPPED.filter((u) => !u.includes('&'))) {
    assert.notEqual(new URL(url, base).protocol.replace(':', '').startsWith('http'), true, JSON.stringify(url) + ' resolves to http(s)');
  }
  for (const url of KEPT.filter((u) => u !== '' && !u.startsWith('mailto') && !/^tel/i.test(u))) {
    assert.match(new URL(url, base).protocol, /^https?:$/, JSON.stringify(url));
  }
});

test('urlScheme reports the scheme a browser would see, lower-cased', () => {
  assert.equal(urlScheme('HTTPS://x'), 'https');
  assert.equal(urlScheme(' \tJaVa\nScRiPt:alert(1)'), 'javascript');
  assert.equal(urlScheme('/path:with-colon'), '');
  assert.equal(urlScheme('&#x6a;avascript:alert(1)'), '');
});

test('isSafeUrl rejects values that are not strings', () => {
  assert.equal(isSafeUrl(undefined as unknown as string), false);
  assert.equal(isSafeUrl(42 as unknown as string), false);
});

test('safeUrl trims safe URLs and returns undefined for unsafe, empty or missing ones', () => {
  assert.equal(safeUrl('  https://court.example.cn/  '), 'https://court.example.cn/');
  assert.equal(safeUrl('\njavascript:alert(1)'), undefined);
  assert.equal(safeUrl('   '), undefined);
  assert.equal(safeUrl(null), undefined);
  assert.equal(safeUrl(undefined), undefined);
});

test('srcsetUrls splits candidates like the HTML srcset parser', () => {
  assert.deepEqual(srcsetUrls('a.jpg 1x, b.jpg 2x'), ['a.jpg', 'b.jpg']);
  assert.deepEqual(srcsetUrls('a.jpg,b.jpg 640w'), ['a.jpg,b.jpg']);
  assert.deepEqual(srcsetUrls('a.jpg, b.jpg'), ['a.jpg', 'b.jpg']);
  assert.deepEqual(srcsetUrls('  img/s.jpg 320w,\n img/l.jpg 1280w  '), ['img/s.jpg', 'img/l.jpg']);
  assert.deepEqual(srcsetUrls('a.jpg 1x (x, y), b.jpg'), ['a.jpg', 'b.jpg']);
  assert.deepEqual(srcsetUrls(''), []);
});

test('a srcset is kept only when every candidate URL is safe', () => {
  assert.equal(isSafeSrcset('img/001-640.jpg 640w, img/001.jpg 1280w'), true);
  assert.equal(isSafeSrcset('https://court.example.cn/a.jpg 1x, //cdn.court.example.cn/b.jpg 2x'), true);
  assert.equal(isSafeSrcset('img/a.jpg 1x, javascript:alert(1) 2x'), false);
  assert.equal(isSafeSrcset('data:image/png;base64,iVBORw0KGgo= 1x'), false);
  assert.equal(isSafeSrcset('img/a.jpg 1x,data:image/svg+xml,<svg> 2x'), false);
  assert.equal(isSafeSrcset('img/a.jpg 1x, java\tscript:alert(1) 2x'), true, 'a tab splits the candidate: "java" plus descriptors');
  assert.equal(isSafeSrcset('img/a.jpg 1x, &#x6a;avascript:alert(1) 2x'), false);
  assert.equal(isSafeSrcset(' , '), false);
  assert.equal(safeSrcset(' a.jpg 1x '), 'a.jpg 1x');
  assert.equal(safeSrcset('vbscript:x 1x'), undefined);
  assert.equal(safeSrcset(undefined), undefined);
});
