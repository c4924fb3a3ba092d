// Markup that keeps very many formatting elements open (src/internal/open-formatting.ts), and
// what the model does with it and with absurd image proportions (src/model/parse.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_OPEN_FORMATTING, tameFormatting } from '../../src/internal/open-formatting.js';
import { parseArticle } from '../../src/model/index.js';
import type { Article, Block } from '../../src/model/index.js';

const PUBLISHED = '2024-02-28T20:54:53+08:00';

/** What an old CMS export makes of a long article: one unclosed <font> per paragraph, each a little different. */
const sloppyCms = (paragraphs: number) =>
  Array.from({ length: paragraphs }, (_, i) => `<p><font size="${i}">第${i}段文字</p>`).join('') + '<p><a href="/x">链接</a></p>';

const textOf = (html: string) => html.replace(/<[^>]*>/g, '');

function article(body: unknown[]): ReturnType<typeof parseArticle> {
  return parseArticle({ version: 1, title: '标题', publishedAt: PUBLISHED, body });
}

function blocks(result: ReturnType<typeof article>): Block[] {
  assert.equal(result.ok, true, JSON.stringify(result));
  return (result as { value: Article }).value.body;
}

describe('tameFormatting', () => {
  test('leaves markup alone while no more than the bound are open at once', () => {
    const nested = '<b>'.repeat(MAX_OPEN_FORMATTING) + '深' + '</b>'.repeat(MAX_OPEN_FORMATTING);
    assert.equal(tameFormatting(nested), nested);
    const closedPairs = '<p><strong>要点</strong>,<a href="/a">链接</a>。</p>'.repeat(5000);
    assert.equal(tameFormatting(closedPairs), closedPairs);
    const sloppyButFew = sloppyCms(MAX_OPEN_FORMATTING - 1);
    assert.equal(tameFormatting(sloppyButFew), sloppyButFew);
    assert.equal(tameFormatting('没有标签 a < b'), '没有标签 a < b');
  });

  test('removes the tags of the elements left open, keeps other tags and all text', () => {
    const input = sloppyCms(1000);
    const out = tameFormatting(input);
    assert.doesNotMatch(out, /<\/?font/i);
    assert.equal(out.match(/<p>/g)!.length, 1001, 'the paragraphs stay');
    assert.match(out, /<a href="\/x">链接<\/a>/, 'a closed link stays');
    assert.equal(textOf(out), textOf(input));
  });

  test('removes every formatting tag when the ones left open are not the only cause', () => {
    const input = '<b><i><u>'.repeat(20000) + '文字' + '</b>'.repeat(20000);
    const out = tameFormatting(input);
    assert.equal(out, '文字');
  });

  test('counts tags case-insensitively, with attributes and without a closing >', () => {
    const input = Array.from({ length: 200 }, (_, i) => `<FONT color="#${i}">字`).join('') + '<font';
    assert.equal(tameFormatting(input), '字'.repeat(200));
  });
});

describe('the model repairs such markup in html fields', () => {
  test('a paragraph and an html block, with a warning each', () => {
    const result = article([
      { type: 'paragraph', html: '<b><i>'.repeat(200) + '段落' },
      { type: 'html', html: sloppyCms(500) },
      { type: 'paragraph', html: '<strong>正常</strong>的段落' },
    ]);
    const body = blocks(result);
    assert.deepEqual({ ...body[0] }, { type: 'paragraph', html: '段落' });
    assert.doesNotMatch((body[1] as { html: string }).html, /<font/);
    assert.match((body[1] as { html: string }).html, /^<p>第0段文字<\/p>/);
    assert.deepEqual({ ...body[2] }, { type: 'paragraph', html: '<strong>正常</strong>的段落' });
    assert.deepEqual(
      result.warnings.map((w) => [w.path, w.code]),
      [
        ['body[0].html', 'value'],
        ['body[1].html', 'value'],
      ],
    );
    assert.match(result.warnings[0]!.message, /^body\[0\]\.html: keeps more than 100 formatting tags/);
  });
});

describe('image proportions', () => {
  test('width and height more than 50 times apart are both ignored, with a warning', () => {
    const result = article([
      { type: 'image', src: '/a.jpg', width: 1, height: 1_000_000_000 },
      { type: 'image', src: '/b.jpg', width: 100_000, height: 1999 },
      { type: 'image', src: '/c.jpg', width: 750, height: 15000 },
      { type: 'image', src: '/d.jpg', width: 853, height: 1280 },
    ]);
    const body = blocks(result);
    assert.deepEqual({ ...body[0] }, { type: 'image', src: '/a.jpg' });
    assert.deepEqual({ ...body[1] }, { type: 'image', src: '/b.jpg' });
    assert.deepEqual({ ...body[2] }, { type: 'image', src: '/c.jpg', width: 750, height: 15000 }, 'a long image (1:20) keeps its size');
    assert.deepEqual({ ...body[3] }, { type: 'image', src: '/d.jpg', width: 853, height: 1280 });
    assert.deepEqual(
      result.warnings.map((w) => [w.path, w.code]),
      [
        ['body[0].height', 'value'],
        ['body[1].height', 'value'],
      ],
    );
  });
});
