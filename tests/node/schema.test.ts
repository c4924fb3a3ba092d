import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { BCP47, LIMITS, parseArticle, parseOffsetDateTime, parseSite } from '../../src/model/index.js';
import type { ParseResult } from '../../src/model/index.js';

const ARTICLE_SCHEMA = JSON.parse(readFileSync(new URL('../../src/model/court-article.schema.json', import.meta.url), 'utf8'));
const SITE_SCHEMA = JSON.parse(readFileSync(new URL('../../src/model/court-site.schema.json', import.meta.url), 'utf8'));
const SEED_ARTICLE = JSON.parse(readFileSync(new URL('../../demo/data/seed-article.json', import.meta.url), 'utf8'));
const SEED_SITE = JSON.parse(readFileSync(new URL('../../demo/data/site.json', import.meta.url), 'utf8'));
const DEMO_NOTICE = JSON.parse(readFileSync(new URL('../../demo/data/notice-article.json', import.meta.url), 'utf8'));

function compile(schema: object): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  return ajv.compile(schema);
}

const validateArticle = compile(ARTICLE_SCHEMA);
const validateSite = compile(SITE_SCHEMA);

const PUBLISHED = '2024-02-28T20:54:53+08:00';
const base = { version: 1, title: '标题', publishedAt: PUBLISHED, body: [] as unknown[] };
const siteBase = { version: 1, name: '辽宁省抚顺市中级人民法院' };

/** `valid`: schema-valid, parsed without warnings. `invalid`: schema-invalid, not parsed.
 * `repaired`: schema-invalid, parsed with warnings. `warned`: schema-valid, parsed with warnings. */
type Kind = 'valid' | 'invalid' | 'repaired' | 'warned';

const ARTICLES: Array<[string, Kind, unknown]> = [
  ['the seed article', 'valid', SEED_ARTICLE],
  ['the demo notice (a video and a 落款)', 'valid', DEMO_NOTICE],
  ['a minimal article', 'valid', base],
  ['an article with every field', 'valid', {
    ...base,
    id: 'a', lang: 'en-GB', url: 'https://court.example.cn/a', kicker: '引题', subtitle: '副题', author: '作者', source: '来源', editor: '编辑',
    breadcrumb: [{ label: '首页', href: '/' }, { label: '当前' }],
    body: [
      { type: 'paragraph', text: 't' },
      { type: 'paragraph', html: '<b>h</b>' },
      { type: 'heading', text: 'h', level: 3 },
      { type: 'image', src: 'a.jpg', alt: 'a', caption: 'c', width: 1, height: 2, srcset: 'a.jpg 1x', sizes: '100vw' },
      { type: 'html', html: '<ul><li>x</li></ul>' },
    ],
    attachments: [{ title: 'a.pdf', href: 'a.pdf', bytes: 0 }],
    prev: { title: 'p', href: '/p' },
    next: { title: 'n', href: 'mailto:a@b.cn' },
  }],
  ['empty optional strings', 'valid', { ...base, kicker: '', source: '', url: '' }],
  ['extension fields', 'valid', { ...base, cms: { channel: 3 }, body: [{ type: 'paragraph', text: 'x', style: 'y' }] }],
  ['a leap day', 'valid', { ...base, publishedAt: '2024-02-29T00:00:00Z' }],
  ['a date without seconds', 'valid', { ...base, publishedAt: '2024-02-28T20:54-05:30' }],

  ['an unknown block type', 'warned', { ...base, body: [{ type: 'audio', src: 'a.mp3' }] }],
  ['an unsafe image src', 'warned', { ...base, body: [{ type: 'image', src: 'javascript:alert(1)' }] }],
  ['an unsafe url', 'warned', { ...base, url: 'data:text/html,x' }],
  ['an unsafe breadcrumb href', 'warned', { ...base, breadcrumb: [{ label: 'a', href: 'vbscript:x' }] }],
  ['an unsafe srcset', 'warned', { ...base, body: [{ type: 'image', src: 'a.jpg', srcset: 'javascript:x 1x' }] }],
  ['an unsafe prev href', 'warned', { ...base, prev: { title: 'p', href: 'javascript:x' } }],

  ['a 落款 and a centred line', 'valid', { ...base, body: [{ type: 'paragraph', text: '抚顺市中级人民法院', align: 'end' }, { type: 'paragraph', html: '<b>完</b>', align: 'center' }, { type: 'paragraph', text: 'x', align: 'start' }] }],
  ['a paragraph align that is no value of the format', 'repaired', { ...base, body: [{ type: 'paragraph', text: 'x', align: 'right' }] }],
  ['a video', 'valid', { ...base, body: [{ type: 'video', src: 'media/v.mp4', poster: 'v.jpg', caption: '庭审回放', width: 1280, height: 720 }] }],
  ['a video without src', 'invalid', { ...base, body: [{ type: 'video', poster: 'v.jpg' }] }],
  ['a video with a zero width', 'repaired', { ...base, body: [{ type: 'video', src: 'v.mp4', width: 0 }] }],
  ['a heading level out of range', 'repaired', { ...base, body: [{ type: 'heading', text: 'h', level: 7 }] }],
  ['a heading level as a string', 'repaired', { ...base, body: [{ type: 'heading', text: 'h', level: '3' }] }],
  ['a blank heading', 'repaired', { ...base, body: [{ type: 'heading', text: ' ' }] }],
  ['a paragraph with text and html', 'repaired', { ...base, body: [{ type: 'paragraph', text: 'a', html: 'b' }] }],
  ['a lang that is no tag', 'repaired', { ...base, lang: 'Chinese' }],
  ['a zero width', 'repaired', { ...base, body: [{ type: 'image', src: 'a.jpg', width: 0 }] }],
  ['a fractional height', 'repaired', { ...base, body: [{ type: 'image', src: 'a.jpg', height: 1.5 }] }],
  ['a negative attachment size', 'repaired', { ...base, attachments: [{ title: 'a', href: 'a.pdf', bytes: -1 }] }],
  ['a blank image src', 'repaired', { ...base, body: [{ type: 'image', src: '' }] }],
  ['a blank attachment title', 'repaired', { ...base, attachments: [{ title: '', href: 'a.pdf' }] }],
  ['a blank breadcrumb label', 'repaired', { ...base, breadcrumb: [{ label: '' }] }],
  ['a blank next href', 'repaired', { ...base, next: { title: 'n', href: ' ' } }],

  ['an array', 'invalid', []],
  ['null', 'invalid', null],
  ['a string value', 'invalid', 'article'],
  ['no version', 'invalid', { title: 't', publishedAt: PUBLISHED, body: [] }],
  ['version 2', 'invalid', { ...base, version: 2 }],
  ['version as a string', 'invalid', { ...base, version: '1' }],
  ['no title', 'invalid', { version: 1, publishedAt: PUBLISHED, body: [] }],
  ['a blank title', 'invalid', { ...base, title: '  ' }],
  ['a numeric title', 'invalid', { ...base, title: 1 }],
  ['no publishedAt', 'invalid', { version: 1, title: 't', body: [] }],
  ['a date without offset', 'invalid', { ...base, publishedAt: '2024-02-28T20:54:53' }],
  ['an impossible date', 'invalid', { ...base, publishedAt: '2024-02-30T20:54:53+08:00' }],
  ['February 29 of a common year', 'invalid', { ...base, publishedAt: '2100-02-29T20:54:53+08:00' }],
  ['a date with a space', 'invalid', { ...base, publishedAt: '2024-02-28 20:54:53+08:00' }],
  ['no body', 'invalid', { version: 1, title: 't', publishedAt: PUBLISHED }],
  ['an object body', 'invalid', { ...base, body: {} }],
  ['a string block', 'invalid', { ...base, body: ['text'] }],
  ['a block without type', 'invalid', { ...base, body: [{ text: 'x' }] }],
  ['a numeric block type', 'invalid', { ...base, body: [{ type: 1 }] }],
  ['an empty paragraph', 'invalid', { ...base, body: [{ type: 'paragraph' }] }],
  ['a numeric paragraph text', 'invalid', { ...base, body: [{ type: 'paragraph', text: 1 }] }],
  ['a heading without text', 'invalid', { ...base, body: [{ type: 'heading' }] }],
  ['an image without src', 'invalid', { ...base, body: [{ type: 'image', alt: 'a' }] }],
  ['an image with numeric alt', 'invalid', { ...base, body: [{ type: 'image', src: 'a.jpg', alt: 1 }] }],
  ['an html block without html', 'invalid', { ...base, body: [{ type: 'html' }] }],
  ['a numeric subtitle', 'invalid', { ...base, subtitle: 1 }],
  ['a numeric url', 'invalid', { ...base, url: 1 }],
  ['an object breadcrumb', 'invalid', { ...base, breadcrumb: { label: 'a' } }],
  ['a breadcrumb item without label', 'invalid', { ...base, breadcrumb: [{ href: '/' }] }],
  ['an attachment without href', 'invalid', { ...base, attachments: [{ title: 'a' }] }],
  ['a string prev', 'invalid', { ...base, prev: '/p' }],
  ['next without title', 'invalid', { ...base, next: { href: '/n' } }],
  ['too many blocks', 'invalid', { ...base, body: Array.from({ length: LIMITS.maxBlocks + 1 }, () => ({ type: 'paragraph', text: 'x' })) }],
  ['too long html', 'invalid', { ...base, body: [{ type: 'html', html: 'x'.repeat(LIMITS.maxHtmlLength + 1) }] }],
  ['too long text', 'invalid', { ...base, author: 'x'.repeat(LIMITS.maxTextLength + 1) }],
  ['too long src', 'invalid', { ...base, body: [{ type: 'image', src: 'x'.repeat(LIMITS.maxUrlLength + 1) }] }],
  ['too many breadcrumb items', 'invalid', { ...base, breadcrumb: Array.from({ length: LIMITS.maxBreadcrumb + 1 }, () => ({ label: 'a' })) }],
  ['too many attachments', 'invalid', { ...base, attachments: Array.from({ length: LIMITS.maxAttachments + 1 }, () => ({ title: 'a', href: 'a' })) }],
];

const SITES: Array<[string, Kind, unknown]> = [
  ['the demo site', 'valid', SEED_SITE],
  ['a minimal site', 'valid', siteBase],
  ['a site with icp numbers', 'valid', { ...siteBase, icp: '辽ICP备00000000号', publicSecurity: '辽公网安备00000000000000号' }],
  ['an unsafe link', 'warned', { ...siteBase, links: [{ label: 'a', href: 'javascript:x' }] }],
  ['an unsafe report site', 'warned', { ...siteBase, reportSite: { label: '举报网站', href: 'data:,x' } }],
  ['a phone without digits', 'repaired', { ...siteBase, phones: [{ label: 'a', number: '无' }] }],
  ['a blank link label', 'repaired', { ...siteBase, links: [{ label: ' ', href: '/' }] }],
  ['no version', 'invalid', { name: 'n' }],
  ['version 0', 'invalid', { ...siteBase, version: 0 }],
  ['no name', 'invalid', { version: 1 }],
  ['a blank name', 'invalid', { version: 1, name: '' }],
  ['a numeric postcode', 'invalid', { ...siteBase, postcode: 113006 }],
  ['a link without href', 'invalid', { ...siteBase, links: [{ label: 'a' }] }],
  ['a phone without number', 'invalid', { ...siteBase, phones: [{ label: 'a' }] }],
  ['a report site as a string', 'invalid', { ...siteBase, reportSite: 'http://jubao.court.gov.cn' }],
  ['too many links', 'invalid', { ...siteBase, links: Array.from({ length: LIMITS.maxLinks + 1 }, () => ({ label: 'a', href: '/' })) }],
  ['too many phones', 'invalid', { ...siteBase, phones: Array.from({ length: LIMITS.maxLinks + 1 }, () => ({ label: 'a', number: '1' })) }],
];

function classify(valid: boolean, result: ParseResult<unknown>): Kind {
  if (!result.ok) return valid ? ('schema-valid but not parsed' as Kind) : 'invalid';
  if (result.warnings.length === 0) return valid ? 'valid' : ('schema-invalid but parsed cleanly' as Kind);
  return valid ? 'warned' : 'repaired';
}

function errorsOf(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('; ');
}

describe('JSON Schemas', () => {
  test('both schemas are draft 2020-12 and compile in strict mode', () => {
    assert.equal(ARTICLE_SCHEMA.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(SITE_SCHEMA.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(typeof validateArticle, 'function');
    assert.equal(typeof validateSite, 'function');
  });

  test('every property of the contract has a description', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      const properties = schema['properties'] as Record<string, Record<string, unknown>> | undefined;
      for (const [key, sub] of Object.entries(properties ?? {})) {
        if (key !== 'type' && typeof sub['description'] !== 'string') missing.push(`${path}.${key}`);
      }
      for (const [key, sub] of Object.entries((schema['$defs'] as Record<string, unknown>) ?? {})) walk(sub, `${path}/$defs/${key}`);
      for (const sub of Object.values(properties ?? {})) walk(sub, path);
    };
    walk(ARTICLE_SCHEMA, 'article');
    walk(SITE_SCHEMA, 'site');
    assert.deepEqual(missing, []);
  });

  test('the size limits in the schemas are those of LIMITS', () => {
    const p = ARTICLE_SCHEMA.properties;
    const d = ARTICLE_SCHEMA.$defs;
    assert.equal(p.body.maxItems, LIMITS.maxBlocks);
    assert.equal(p.breadcrumb.maxItems, LIMITS.maxBreadcrumb);
    assert.equal(p.attachments.maxItems, LIMITS.maxAttachments);
    for (const key of ['id', 'kicker', 'title', 'subtitle', 'author', 'source', 'editor']) assert.equal(p[key].maxLength, LIMITS.maxTextLength, key);
    assert.equal(p.url.maxLength, LIMITS.maxUrlLength);
    assert.equal(d.paragraph.properties.text.maxLength, LIMITS.maxTextLength);
    assert.equal(d.paragraph.properties.html.maxLength, LIMITS.maxHtmlLength);
    assert.equal(d.html.properties.html.maxLength, LIMITS.maxHtmlLength);
    assert.equal(d.heading.properties.text.maxLength, LIMITS.maxTextLength);
    for (const key of ['alt', 'caption', 'sizes']) assert.equal(d.image.properties[key].maxLength, LIMITS.maxTextLength, key);
    for (const key of ['src', 'srcset']) assert.equal(d.image.properties[key].maxLength, LIMITS.maxUrlLength, key);
    assert.equal(d.breadcrumbItem.properties.href.maxLength, LIMITS.maxUrlLength);
    assert.equal(d.attachment.properties.href.maxLength, LIMITS.maxUrlLength);
    assert.equal(d.articleRef.properties.href.maxLength, LIMITS.maxUrlLength);
    assert.equal(SITE_SCHEMA.properties.links.maxItems, LIMITS.maxLinks);
    assert.equal(SITE_SCHEMA.properties.phones.maxItems, LIMITS.maxLinks);
    assert.equal(SITE_SCHEMA.$defs.link.properties.href.maxLength, LIMITS.maxUrlLength);
  });

  test('the lang pattern is the parser’s BCP 47 pattern', () => {
    assert.equal(ARTICLE_SCHEMA.properties.lang.pattern, BCP47.source);
  });

  test('the publishedAt pattern accepts exactly what parseOffsetDateTime accepts', () => {
    const pattern = new RegExp(ARTICLE_SCHEMA.properties.publishedAt.pattern, 'u');
    const samples: string[] = [];
    for (const year of ['0000', '0004', '1900', '1999', '2000', '2023', '2024', '2100', '2400', '9999']) {
      for (let month = 0; month <= 13; month++) {
        for (const day of [0, 1, 28, 29, 30, 31, 32]) {
          const mm = String(month).padStart(2, '0');
          const dd = String(day).padStart(2, '0');
          samples.push(`${year}-${mm}-${dd}T12:00:00+08:00`);
        }
      }
    }
    for (const time of ['00:00', '23:59', '24:00', '12:60', '12:00:59', '12:00:60', '12:00:00.5', '12:00:00.1234567890', '12:00:00.']) {
      for (const zone of ['Z', 'z', '+08:00', '-05:30', '+23:59', '+24:00', '+08:60', '-00:00', '+0800', '+08', '']) {
        samples.push(`2024-02-28T${time}${zone}`);
      }
    }
    samples.push('2024-02-28 12:00:00Z', '2024-02-28t12:00:00Z', ' 2024-02-28T12:00:00Z', '2024-2-28T12:00:00Z', '');
    const disagreements = samples.filter((s) => pattern.test(s) !== (parseOffsetDateTime(s) !== undefined));
    assert.deepEqual(disagreements, []);
    assert.ok(samples.filter((s) => pattern.test(s)).length > 100, 'the sample has many accepted dates');
  });
});

const SPEC_URL = new URL('../../../shared/spec/article-format.md', import.meta.url);

describe('the contract document', () => {
  const skip = existsSync(SPEC_URL) ? false : `spec not found at ${SPEC_URL.pathname} (shared/ must sit beside the repository)`;

  test('its article and site examples are valid and parse without warnings', { skip }, () => {
    const spec = readFileSync(SPEC_URL, 'utf8');
    const examples = [...spec.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!));
    assert.equal(examples.length, 2);
    const [article, site] = examples;
    assert.ok(validateArticle(article), errorsOf(validateArticle));
    assert.deepEqual(parseArticle(article).warnings, []);
    assert.equal(parseArticle(article).ok, true);
    assert.ok(validateSite(site), errorsOf(validateSite));
    assert.equal(parseSite(site).ok, true);
    assert.deepEqual(parseSite(site).warnings, []);
  });

  test('every field of its tables is a property of the article schema', { skip }, () => {
    const spec = readFileSync(SPEC_URL, 'utf8');
    const fields = new Set<string>();
    for (const row of spec.matchAll(/^\| ([a-zA-Z, ]+) \| (?:yes|no) \|/gm)) {
      for (const name of row[1]!.split(',')) fields.add(name.trim());
    }
    assert.ok(fields.size >= 15, `fields found: ${[...fields].join(', ')}`);
    for (const field of fields) assert.ok(field in ARTICLE_SCHEMA.properties, field);
    const required = [...spec.matchAll(/^\| ([a-zA-Z]+) \| yes \|/gm)].map((m) => m[1]);
    assert.deepEqual([...required].sort(), [...ARTICLE_SCHEMA.required].sort());
  });
});

describe('schemas and parsers agree', () => {
  for (const [label, kind, doc] of ARTICLES) {
    test(`article: ${label} is ${kind}`, () => {
      const valid = validateArticle(doc);
      const result = parseArticle(doc);
      assert.equal(classify(valid, result), kind, `schema: ${valid ? 'valid' : errorsOf(validateArticle)}; parse: ${JSON.stringify(result.ok ? result.warnings : result.problems)}`);
    });
  }

  for (const [label, kind, doc] of SITES) {
    test(`site: ${label} is ${kind}`, () => {
      const valid = validateSite(doc);
      const result = parseSite(doc);
      assert.equal(classify(valid, result), kind, `schema: ${valid ? 'valid' : errorsOf(validateSite)}; parse: ${JSON.stringify(result.ok ? result.warnings : result.problems)}`);
    });
  }

  test('every parsed value is valid against its schema and parses again to itself without warnings', () => {
    for (const [label, , doc] of ARTICLES) {
      const result = parseArticle(doc);
      if (!result.ok) continue;
      assert.ok(validateArticle(result.value), `${label}: ${errorsOf(validateArticle)}`);
      const again = parseArticle(result.value);
      assert.deepEqual(again, { ok: true, value: result.value, warnings: [] }, label);
    }
    for (const [label, , doc] of SITES) {
      const result = parseSite(doc);
      if (!result.ok) continue;
      assert.ok(validateSite(result.value), `${label}: ${errorsOf(validateSite)}`);
      assert.deepEqual(parseSite(result.value), { ok: true, value: result.value, warnings: [] }, label);
    }
  });

  test('the corpus covers every kind of article and every problem code', () => {
    const kinds = new Set(ARTICLES.map(([, kind]) => kind));
    assert.deepEqual([...kinds].sort(), ['invalid', 'repaired', 'valid', 'warned']);
    const codes = new Set<string>();
    for (const [, , doc] of ARTICLES) {
      const result = parseArticle(doc);
      for (const p of result.ok ? result.warnings : [...result.problems, ...result.warnings]) codes.add(p.code);
    }
    assert.deepEqual([...codes].sort(), ['date', 'json', 'limit', 'missing', 'type', 'unknown-block', 'url', 'value', 'version']);
  });
});
