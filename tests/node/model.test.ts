import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import {
  LIMITS,
  formatLocalDate,
  formatLocalDateTime,
  formatOffset,
  formatProblems,
  parseArticle,
  parseOffsetDateTime,
  parseSite,
} from '../../src/model/index.js';
import type { Article, ParseResult, Problem, Site } from '../../src/model/index.js';
import { jsonErrorPosition } from '../../src/model/parse.js';

const SEED_URL = new URL('../../../shared/seed/000_2cc7b547cb4c963b.txt', import.meta.url);
const DEMO_ARTICLE = new URL('../../demo/data/seed-article.json', import.meta.url);
const DEMO_SITE = new URL('../../demo/data/site.json', import.meta.url);
const DEMO_IMG = new URL('../../demo/img/', import.meta.url);

const PUBLISHED = '2024-02-28T20:54:53+08:00';

function minimal(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { version: 1, title: '于长春在抚顺县人民法院调研时强调', publishedAt: PUBLISHED, body: [], ...extra };
}

function withBlocks(...blocks: unknown[]): Record<string, unknown> {
  return minimal({ body: blocks });
}

/**
 * The parsed value as ordinary objects, for comparison with literals: the parser returns
 * objects without a prototype (see the prototype-pollution tests).
 */
function valueOf<T>(result: ParseResult<T>): T {
  if (!result.ok) assert.fail(`expected ok, got ${formatProblems(result.problems)}`);
  return structuredClone(result.value);
}

function problemsOf<T>(result: ParseResult<T>): Problem[] {
  if (result.ok) assert.fail('expected problems, got an ok result');
  return result.problems;
}

function brief(list: Problem[]): Array<[string, string]> {
  return list.map((p) => [p.path, p.code]);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** The spec's article example, with every field. */
function specArticle(): Record<string, unknown> {
  return {
    version: 1,
    id: 'fs-2024-02-28-001',
    lang: 'zh-CN',
    url: 'https://court.example.cn/article/detail/2024/02/id/001.shtml',
    breadcrumb: [
      { label: '首页', href: '/' },
      { label: '新闻中心', href: '/news/' },
      { label: '图片新闻', href: '/news/photo/' },
    ],
    kicker: '',
    title: '于长春在抚顺县人民法院调研时强调',
    subtitle: '聚焦“人”,强班子强队伍 聚焦“案”,促公正提效率',
    author: '抚顺中院 宣教科',
    source: '',
    publishedAt: PUBLISHED,
    editor: '宣教科',
    body: [
      { type: 'paragraph', text: '2024年伊始,最高人民法院在全国法院部署开展……' },
      {
        type: 'image',
        src: 'img/001.jpg',
        width: 1280,
        height: 853,
        alt: '于长春院长在办公楼南侧空地',
        caption: '于长春院长考察抚顺县人民法院办公楼南侧空地',
      },
      { type: 'heading', level: 2, text: '要解开“薄弱即是落后”的心结' },
      { type: 'paragraph', html: '要提高政治站位,<strong>扛牢主体责任</strong>……' },
      { type: 'html', html: '<table>…</table>' },
    ],
    attachments: [{ title: '工作方案.pdf', href: 'files/plan.pdf', bytes: 183412 }],
    prev: { title: '上一篇的标题', href: '/article/000.shtml' },
    next: { title: '下一篇的标题', href: '/article/002.shtml' },
  };
}

/** The spec's site example. */
function specSite(): Record<string, unknown> {
  return {
    version: 1,
    name: '辽宁省抚顺市中级人民法院',
    links: [
      { label: '最高人民法院', href: 'https://www.court.gov.cn/' },
      { label: '中国法院网', href: 'https://www.chinacourt.org/' },
    ],
    address: '辽宁省抚顺市中级人民法院',
    postcode: '113006',
    phones: [
      { label: '办公电话', number: '024-57719303' },
      { label: '诉讼服务热线(查询案件、联系法官)', number: '12368' },
      { label: '纪检监察举报电话', number: '024-57719329' },
    ],
    reportSite: { label: '举报网站', href: 'http://jubao.court.gov.cn' },
    transport: '乘808、33、19、605路到将军商场下车即可',
    copyright: '辽宁省抚顺市中级人民法院版权所有,未经协议授权禁止下载使用或建立镜像',
    credits: '中国法院网负责网站设计制作 网络安全和技术维护',
    icp: '',
    publicSecurity: '',
  };
}

describe('parseArticle: whole documents', () => {
  test('the spec example parses into a normalized article with every field', () => {
    const result = parseArticle(specArticle());
    const article = valueOf(result);
    assert.deepEqual(result.warnings, []);
    const expected: Article = {
      version: 1,
      id: 'fs-2024-02-28-001',
      lang: 'zh-CN',
      url: 'https://court.example.cn/article/detail/2024/02/id/001.shtml',
      breadcrumb: [
        { label: '首页', href: '/' },
        { label: '新闻中心', href: '/news/' },
        { label: '图片新闻', href: '/news/photo/' },
      ],
      title: '于长春在抚顺县人民法院调研时强调',
      subtitle: '聚焦“人”,强班子强队伍 聚焦“案”,促公正提效率',
      author: '抚顺中院 宣教科',
      publishedAt: PUBLISHED,
      editor: '宣教科',
      body: [
        { type: 'paragraph', text: '2024年伊始,最高人民法院在全国法院部署开展……' },
        {
          type: 'image',
          src: 'img/001.jpg',
          alt: '于长春院长在办公楼南侧空地',
          caption: '于长春院长考察抚顺县人民法院办公楼南侧空地',
          width: 1280,
          height: 853,
        },
        { type: 'heading', text: '要解开“薄弱即是落后”的心结', level: 2 },
        { type: 'paragraph', html: '要提高政治站位,<strong>扛牢主体责任</strong>……' },
        { type: 'html', html: '<table>…</table>' },
      ],
      attachments: [{ title: '工作方案.pdf', href: 'files/plan.pdf', bytes: 183412 }],
      prev: { title: '上一篇的标题', href: '/article/000.shtml' },
      next: { title: '下一篇的标题', href: '/article/002.shtml' },
    };
    assert.deepEqual(article, expected);
    assert.equal('kicker' in article, false, 'an empty kicker is omitted');
    assert.equal('source' in article, false, 'an empty source is omitted');
  });

  test('a minimal article gets the default language and an empty body', () => {
    const result = parseArticle(minimal());
    assert.deepEqual(valueOf(result), {
      version: 1,
      lang: 'zh-CN',
      title: '于长春在抚顺县人民法院调研时强调',
      publishedAt: PUBLISHED,
      body: [],
    });
    assert.deepEqual(result.warnings, []);
  });

  test('unknown fields are dropped everywhere; the image sizes extension is kept with srcset', () => {
    const article = valueOf(
      parseArticle({
        ...minimal(),
        cms: { channel: 12 },
        body: [
          { type: 'paragraph', text: 'a', style: 'color:red', onclick: 'x()' },
          { type: 'image', src: 'a.jpg', srcset: 'a.jpg 1x, b.jpg 2x', sizes: '100vw', extra: 1 },
        ],
        breadcrumb: [{ label: '首页', href: '/', target: '_blank' }],
        prev: { title: 'p', href: '/p', id: 7 },
      }),
    );
    assert.equal('cms' in article, false);
    assert.deepEqual(article.body[0], { type: 'paragraph', text: 'a' });
    assert.deepEqual(article.body[1], { type: 'image', src: 'a.jpg', srcset: 'a.jpg 1x, b.jpg 2x', sizes: '100vw' });
    assert.deepEqual(article.breadcrumb, [{ label: '首页', href: '/' }]);
    assert.deepEqual(article.prev, { title: 'p', href: '/p' });
  });

  test('content is kept exactly: no trimming of text, markup in plain text stays literal', () => {
    const article = valueOf(
      parseArticle(
        minimal({
          title: '  <b>标题</b> &lt;i&gt; ',
          subtitle: ' 副题 ',
          body: [{ type: 'paragraph', text: '  决心 。\n' }],
        }),
      ),
    );
    assert.equal(article.title, '  <b>标题</b> &lt;i&gt; ');
    assert.equal(article.subtitle, ' 副题 ');
    assert.deepEqual(article.body, [{ type: 'paragraph', text: '  决心 。\n' }]);
  });

  test('optional plain-text fields that are blank are omitted', () => {
    const article = valueOf(
      parseArticle(minimal({ id: '', kicker: ' ', subtitle: '\u3000', author: '\n', source: '', editor: '\t', url: '' })),
    );
    for (const key of ['id', 'kicker', 'subtitle', 'author', 'source', 'editor', 'url']) {
      assert.equal(key in article, false, key);
    }
  });

  test('an undefined property counts as absent', () => {
    const result = parseArticle({ ...minimal(), subtitle: undefined, prev: undefined });
    assert.deepEqual(Object.keys(valueOf(result)).sort(), ['body', 'lang', 'publishedAt', 'title', 'version']);
  });

  test('the result is a new value; the input is neither mutated nor shared', () => {
    const input = deepFreeze(specArticle());
    const before = structuredClone(input);
    const article = valueOf(parseArticle(input));
    assert.deepEqual(input, before);
    assert.notEqual(article, input);
    assert.notEqual(article.body, input['body']);
    assert.notEqual(article.body[0], (input['body'] as unknown[])[0]);
    assert.notEqual(article.breadcrumb, input['breadcrumb']);
    assert.notEqual(article.prev, input['prev']);
    assert.notEqual(article.attachments![0], (input['attachments'] as unknown[])[0]);
    article.body.push({ type: 'paragraph', text: 'later' });
    assert.equal((input['body'] as unknown[]).length, 5);
  });

  test('a getter is read once and its value is used', () => {
    let reads = 0;
    const input = minimal();
    Object.defineProperty(input, 'title', {
      enumerable: true,
      get() {
        reads++;
        return reads === 1 ? '标题' : 42;
      },
    });
    assert.equal(valueOf(parseArticle(input)).title, '标题');
    assert.equal(reads, 1);
  });

  test('an input whose getter throws gives a problem, not an exception', () => {
    const input = minimal();
    Object.defineProperty(input, 'body', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const problems = problemsOf(parseArticle(input));
    assert.deepEqual(brief(problems), [['body', 'type']]);
    assert.equal(problems[0]!.message, 'body: could not be read (a getter or proxy threw)');
    assert.equal(problems[0]!.expected, undefined, 'no expected type: the value is of the right kind, it just cannot be read');
    const deep = minimal({ body: [{ type: 'paragraph', text: 'a' }, {}] });
    Object.defineProperty((deep['body'] as object[])[1], 'text', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    assert.deepEqual(brief(problemsOf(parseArticle(deep))), [['body[1].text', 'type']]);
    // The same path on a page where Prototype 1.6 replaced Array.prototype.reduce.
    const native = Array.prototype.reduce;
    Object.defineProperty(Array.prototype, 'reduce', {
      configurable: true,
      writable: true,
      value: function (this: unknown[]) {
        return this.length > 1 ? this : this[0];
      },
    });
    try {
      assert.deepEqual(brief(problemsOf(parseArticle(deep))), [['body[1].text', 'type']]);
    } finally {
      Object.defineProperty(Array.prototype, 'reduce', { configurable: true, writable: true, value: native });
    }
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    assert.deepEqual(brief(problemsOf(parseArticle(hostile))), [['', 'type']]);
    assert.match(problemsOf(parseArticle(hostile))[0]!.message, /^document: could not be read/);
  });
});

describe('parseArticle: inputs that are not article objects', () => {
  for (const [label, input, got] of [
    ['null', null, 'null'],
    ['an array', [], 'array'],
    ['a number', 42, 'number'],
    ['a boolean', true, 'boolean'],
    ['undefined', undefined, 'nothing'],
    ['a function', () => 1, 'function'],
    ['a Map', new Map(), 'Map object'],
    ['a Date', new Date(0), 'Date object'],
    ['JSON text of an array', '[1,2]', 'array'],
    ['JSON text of null', 'null', 'null'],
    ['JSON text of a string', '"x"', 'string'],
  ] as const) {
    test(`${label} gives a type problem for the document`, () => {
      const problems = problemsOf(parseArticle(input));
      assert.equal(problems.length, 1);
      assert.equal(problems[0]!.path, '');
      assert.equal(problems[0]!.code, 'type');
      assert.equal(problems[0]!.expected, 'object');
      assert.equal(problems[0]!.message, `document: must be an object, got ${got}`);
    });
  }
});

describe('parseArticle: JSON text', () => {
  test('valid JSON text parses like the object', () => {
    const text = JSON.stringify(specArticle());
    assert.deepEqual(parseArticle(text), parseArticle(specArticle()));
  });

  test('a leading byte-order mark is ignored', () => {
    assert.equal(parseArticle('\ufeff' + JSON.stringify(minimal())).ok, true);
  });

  test('invalid JSON gives a json problem with the position of the error', () => {
    const text = '{"version": 1, "title" "x"}';
    const problems = problemsOf(parseArticle(text));
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.code, 'json');
    assert.equal(problems[0]!.path, '');
    assert.equal(problems[0]!.position, 23);
    assert.match(problems[0]!.message, /^document: not valid JSON at position 23 \(/);
  });

  test('truncated JSON points at its end; an empty string is invalid JSON', () => {
    const text = '{"version": 1, "title": "x"';
    const truncated = problemsOf(parseArticle(text));
    assert.equal(truncated[0]!.code, 'json');
    assert.equal(truncated[0]!.position, text.length);
    assert.equal(problemsOf(parseArticle(''))[0]!.code, 'json');
    assert.equal(problemsOf(parseArticle('   '))[0]!.code, 'json');
  });

  test('an unexpected token is a json problem; a reported position is a character offset', () => {
    // Engines differ: some give "at position N", some "line L column C", some neither.
    const text = '{\n  "version": 1,\n  "title": x\n}';
    const problems = problemsOf(parseArticle(text));
    assert.deepEqual(brief(problems), [['', 'json']]);
    assert.match(problems[0]!.message, /^document: not valid JSON/);
    if (problems[0]!.position !== undefined) assert.equal(problems[0]!.position, text.indexOf('x'));
  });
});

describe('jsonErrorPosition', () => {
  const text = '{\n  "version": 1,\n  "title": x\n}';
  test('reads the position from each engine\'s wording', () => {
    assert.equal(jsonErrorPosition('Unexpected token x in JSON at position 29', text), 29);
    assert.equal(jsonErrorPosition(`Unexpected token 'x', "..." is not valid JSON (line 3 column 12)`, text), 29);
    assert.equal(jsonErrorPosition('JSON.parse: unexpected character at line 3 column 12 of the JSON data', text), 29);
    assert.equal(jsonErrorPosition('JSON.parse: unexpected character at line 1 column 1 of the JSON data', text), 0);
    assert.equal(jsonErrorPosition('Unexpected end of JSON input', text), text.length);
    assert.equal(jsonErrorPosition('JSON.parse: unexpected end of data at line 4 column 2 of the JSON data', text), text.length);
    assert.equal(jsonErrorPosition('JSON Parse error: Unexpected identifier "x"', text), undefined);
  });
});

describe('parseArticle: required fields', () => {
  for (const key of ['version', 'title', 'publishedAt', 'body']) {
    test(`missing ${key} is a problem`, () => {
      const input = minimal();
      delete input[key];
      const problems = problemsOf(parseArticle(input));
      assert.deepEqual(brief(problems), [[key, 'missing']]);
      assert.equal(problems[0]!.message, `${key}: required field is missing`);
    });
  }

  for (const [key, value, expected] of [
    ['version', '1', 'number'],
    ['title', 42, 'string'],
    ['title', ['标题'], 'string'],
    ['publishedAt', 1709124893000, 'string'],
    ['publishedAt', new Date(0), 'string'],
    ['body', {}, 'array'],
    ['body', '正文', 'array'],
    ['body', null, 'array'],
  ] as const) {
    test(`${key} of the wrong type (${Array.isArray(value) ? 'array' : typeof value}) is a type problem`, () => {
      const problems = problemsOf(parseArticle(minimal({ [key]: value })));
      assert.deepEqual(brief(problems), [[key, 'type']]);
      assert.equal(problems[0]!.expected, expected);
      assert.match(problems[0]!.message, new RegExp(`^${key}: must be an? ${expected}, got `));
    });
  }

  test('version other than 1 is a version problem', () => {
    for (const version of [0, 2, 1.5, -1]) {
      const problems = problemsOf(parseArticle(minimal({ version })));
      assert.deepEqual(brief(problems), [['version', 'version']]);
      assert.equal(problems[0]!.message, `version: must be 1, got ${version}`);
    }
  });

  test('a blank title is missing', () => {
    for (const title of ['', '  ', '\u3000\n']) {
      assert.deepEqual(brief(problemsOf(parseArticle(minimal({ title })))), [['title', 'missing']]);
    }
  });

  test('every problem of a document is reported, in field order, and nothing half-way is returned', () => {
    const result = parseArticle({
      version: 3,
      title: 5,
      publishedAt: '2024-02-28 20:54:53',
      body: [{ type: 'paragraph' }, { type: 'heading', text: '小标题' }, { type: 'image', src: 7 }],
    });
    assert.equal(result.ok, false);
    assert.equal('value' in result, false);
    assert.deepEqual(brief(problemsOf(result)), [
      ['version', 'version'],
      ['title', 'type'],
      ['publishedAt', 'date'],
      ['body[0].text', 'missing'],
      ['body[2].src', 'type'],
    ]);
  });

  test('warnings are still returned next to problems', () => {
    const result = parseArticle(minimal({ title: 1, body: [{ type: 'audio' }] }));
    assert.deepEqual(brief(problemsOf(result)), [['title', 'type']]);
    assert.deepEqual(brief(result.warnings), [['body[0].type', 'unknown-block']]);
  });
});

describe('parseArticle: publishedAt', () => {
  for (const value of [
    '2024-02-28T20:54:53+08:00',
    '2024-02-28T12:54:53Z',
    '2024-02-28T20:54+08:00',
    '2024-02-28T20:54:53.123+08:00',
    '2024-02-28T07:24:53-05:30',
    '2024-02-29T00:00:00+08:00',
    '2000-02-29T00:00:00-00:00',
  ]) {
    test(`accepts ${value} and keeps it as written`, () => {
      assert.equal(valueOf(parseArticle(minimal({ publishedAt: value }))).publishedAt, value);
    });
  }

  for (const value of [
    '2024-02-28T20:54:53',
    '2024-02-28 20:54:53+08:00',
    '2024-02-28',
    '2024-02-30T10:00:00+08:00',
    '2023-02-29T10:00:00+08:00',
    '1900-02-29T10:00:00+08:00',
    '2024-13-01T10:00:00+08:00',
    '2024-04-31T10:00:00+08:00',
    '2024-02-28T24:00:00+08:00',
    '2024-02-28T20:60:00+08:00',
    '2024-02-28T20:54:60+08:00',
    '2024-02-28T20:54:53+0800',
    '2024-02-28T20:54:53+24:00',
    '2024-02-28T20:54:53+08',
    '2024-02-28t20:54:53z',
    '28/02/2024 20:54',
    '',
  ]) {
    test(`rejects ${JSON.stringify(value)} with a date problem`, () => {
      const problems = problemsOf(parseArticle(minimal({ publishedAt: value })));
      assert.deepEqual(brief(problems), [['publishedAt', 'date']]);
      assert.match(problems[0]!.message, /^publishedAt: must be an ISO 8601 date-time with an offset/);
    });
  }
});

describe('parseArticle: paragraph blocks', () => {
  test('text and html paragraphs are kept', () => {
    const article = valueOf(parseArticle(withBlocks({ type: 'paragraph', text: '正文' }, { type: 'paragraph', html: '<b>粗</b>' })));
    assert.deepEqual(article.body, [
      { type: 'paragraph', text: '正文' },
      { type: 'paragraph', html: '<b>粗</b>' },
    ]);
  });

  test('an empty text paragraph is kept (it is present)', () => {
    assert.deepEqual(valueOf(parseArticle(withBlocks({ type: 'paragraph', text: '' }))).body, [{ type: 'paragraph', text: '' }]);
  });

  test('a paragraph with both text and html keeps html, with a value warning', () => {
    const result = parseArticle(withBlocks({ type: 'paragraph', text: 'plain', html: '<i>rich</i>' }));
    assert.deepEqual(valueOf(result).body, [{ type: 'paragraph', html: '<i>rich</i>' }]);
    assert.deepEqual(brief(result.warnings), [['body[0].text', 'value']]);
  });

  test('a paragraph without text or html is a problem', () => {
    const problems = problemsOf(parseArticle(withBlocks({ type: 'paragraph', text: 'ok' }, { type: 'paragraph' })));
    assert.deepEqual(brief(problems), [['body[1].text', 'missing']]);
    assert.equal(problems[0]!.message, 'body[1].text: a paragraph needs text or html');
  });

  test('text or html of the wrong type is a problem', () => {
    assert.deepEqual(brief(problemsOf(parseArticle(withBlocks({ type: 'paragraph', text: 12 })))), [['body[0].text', 'type']]);
    assert.deepEqual(brief(problemsOf(parseArticle(withBlocks({ type: 'paragraph', html: { a: 1 } })))), [['body[0].html', 'type']]);
  });

  test('align: center and end are kept on text and html paragraphs; start is the same as none', () => {
    const result = parseArticle(
      withBlocks(
        { type: 'paragraph', text: '抚顺市中级人民法院', align: 'end' },
        { type: 'paragraph', html: '<b>（完）</b>', align: 'center' },
        { type: 'paragraph', text: '正文', align: 'start' },
      ),
    );
    assert.deepEqual(valueOf(result).body, [
      { type: 'paragraph', text: '抚顺市中级人民法院', align: 'end' },
      { type: 'paragraph', html: '<b>（完）</b>', align: 'center' },
      { type: 'paragraph', text: '正文' },
    ]);
    assert.deepEqual(result.warnings, []);
  });

  test('align of another value or type is dropped with a value warning that names it; the paragraph stays', () => {
    const result = parseArticle(
      withBlocks(
        { type: 'paragraph', text: 'a', align: 'right' },
        { type: 'paragraph', text: 'b', align: 2 },
        { type: 'paragraph', text: 'c', align: null },
      ),
    );
    assert.deepEqual(valueOf(result).body, [
      { type: 'paragraph', text: 'a' },
      { type: 'paragraph', text: 'b' },
      { type: 'paragraph', text: 'c' },
    ]);
    assert.deepEqual(brief(result.warnings), [['body[0].align', 'value'], ['body[1].align', 'value'], ['body[2].align', 'value']]);
    assert.equal(result.warnings[0]!.message, 'body[0].align: must be "start", "center" or "end", got "right"; the paragraph is aligned to the start');
    assert.equal(result.warnings[1]!.message, 'body[1].align: must be "start", "center" or "end", got number; the paragraph is aligned to the start');
  });
});

describe('parseArticle: heading blocks', () => {
  test('level defaults to 2 and 2–4 are kept', () => {
    const article = valueOf(
      parseArticle(
        withBlocks({ type: 'heading', text: 'a' }, { type: 'heading', text: 'b', level: 3 }, { type: 'heading', text: 'c', level: 4 }),
      ),
    );
    assert.deepEqual(
      article.body.map((b) => (b.type === 'heading' ? b.level : 0)),
      [2, 3, 4],
    );
  });

  for (const [level, used] of [
    [1, 2],
    [0, 2],
    [-3, 2],
    [5, 4],
    [6, 4],
    [2.5, 2],
    ['3', 2],
    [Number.NaN, 2],
  ] as const) {
    test(`level ${String(level)} becomes ${used} with a value warning`, () => {
      const result = parseArticle(withBlocks({ type: 'heading', text: '小标题', level }));
      assert.deepEqual(valueOf(result).body, [{ type: 'heading', text: '小标题', level: used }]);
      assert.deepEqual(brief(result.warnings), [['body[0].level', 'value']]);
      assert.match(result.warnings[0]!.message, new RegExp(`^body\\[0\\]\\.level: must be 2, 3 or 4, got .*; ${used} is used$`));
    });
  }

  test('a heading without text is a problem; a blank heading is skipped with a warning', () => {
    assert.deepEqual(brief(problemsOf(parseArticle(withBlocks({ type: 'heading', level: 2 })))), [['body[0].text', 'missing']]);
    assert.deepEqual(brief(problemsOf(parseArticle(withBlocks({ type: 'heading', text: 2 })))), [['body[0].text', 'type']]);
    const blank = parseArticle(withBlocks({ type: 'heading', text: '  ' }, { type: 'paragraph', text: 'x' }));
    assert.deepEqual(valueOf(blank).body, [{ type: 'paragraph', text: 'x' }]);
    assert.deepEqual(brief(blank.warnings), [['body[0].text', 'value']]);
  });
});

describe('parseArticle: image blocks', () => {
  test('every image field is kept', () => {
    const block = {
      type: 'image',
      src: 'img/photo-1.svg',
      alt: '替代文字',
      caption: '图片说明',
      width: 1280,
      height: 853,
      srcset: 'img/a-640.jpg 640w, img/a-1280.jpg 1280w',
      sizes: '(max-width: 640px) 100vw, 640px',
    };
    assert.deepEqual(valueOf(parseArticle(withBlocks(block))).body, [block]);
  });

  test('a src with surrounding whitespace is trimmed', () => {
    assert.deepEqual(valueOf(parseArticle(withBlocks({ type: 'image', src: '  https://a.cn/x.jpg \n' }))).body, [
      { type: 'image', src: 'https://a.cn/x.jpg' },
    ]);
  });

  for (const src of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:image/svg+xml,<svg onload=alert(1)>', 'vbscript:x', 'javascript&colon;alert(1)']) {
    test(`an image with src ${JSON.stringify(src)} is skipped with a url warning`, () => {
      const result = parseArticle(withBlocks({ type: 'paragraph', text: 'a' }, { type: 'paragraph', text: 'b' }, { type: 'paragraph', text: 'c' }, { type: 'image', src }));
      assert.equal(valueOf(result).body.length, 3);
      assert.deepEqual(brief(result.warnings), [['body[3].src', 'url']]);
      assert.equal(
        result.warnings[0]!.message,
        'body[3].src: only http, https, mailto, tel or relative URLs; the image block is skipped',
      );
    });
  }

  test('an image without src is a problem; a blank src skips the block with a warning', () => {
    assert.deepEqual(brief(problemsOf(parseArticle(withBlocks({ type: 'image', alt: 'x' })))), [['body[0].src', 'missing']]);
    const blank = parseArticle(withBlocks({ type: 'image', src: ' ' }));
    assert.deepEqual(valueOf(blank).body, []);
    assert.deepEqual(brief(blank.warnings), [['body[0].src', 'value']]);
  });

  test('alt, caption, srcset and sizes of the wrong type are problems', () => {
    const problems = problemsOf(parseArticle(withBlocks({ type: 'image', src: 'a.jpg', alt: 1, caption: [], srcset: {}, sizes: false })));
    assert.deepEqual(brief(problems), [
      ['body[0].alt', 'type'],
      ['body[0].caption', 'type'],
      ['body[0].srcset', 'type'],
      ['body[0].sizes', 'type'],
    ]);
  });

  for (const value of [0, -1, 1.5, '1280', null, Number.POSITIVE_INFINITY]) {
    test(`width and height ${String(value)} are dropped with value warnings`, () => {
      const result = parseArticle(withBlocks({ type: 'image', src: 'a.jpg', width: value, height: value }));
      assert.deepEqual(valueOf(result).body, [{ type: 'image', src: 'a.jpg' }]);
      assert.deepEqual(brief(result.warnings), [
        ['body[0].width', 'value'],
        ['body[0].height', 'value'],
      ]);
    });
  }

  test('a srcset with an unsafe candidate is dropped whole, with sizes, and a url warning', () => {
    const result = parseArticle(
      withBlocks({ type: 'image', src: 'a.jpg', srcset: 'a.jpg 1x, javascript:alert(1) 2x', sizes: '100vw' }),
    );
    assert.deepEqual(valueOf(result).body, [{ type: 'image', src: 'a.jpg' }]);
    assert.deepEqual(brief(result.warnings), [['body[0].srcset', 'url']]);
  });

  test('sizes without srcset is dropped', () => {
    assert.deepEqual(valueOf(parseArticle(withBlocks({ type: 'image', src: 'a.jpg', sizes: '100vw' }))).body, [
      { type: 'image', src: 'a.jpg' },
    ]);
  });
});

describe('parseArticle: video blocks', () => {
  test('a video keeps src, poster, caption, width and height, in that order', () => {
    const result = parseArticle(
      withBlocks({ type: 'video', height: 720, width: 1280, caption: '庭审直播回放', poster: ' img/v.jpg ', src: ' media/v.mp4 ', extra: 1 }, { type: 'video', src: '/v.webm' }),
    );
    assert.deepEqual(valueOf(result).body, [
      { type: 'video', src: 'media/v.mp4', poster: 'img/v.jpg', caption: '庭审直播回放', width: 1280, height: 720 },
      { type: 'video', src: '/v.webm' },
    ]);
    assert.deepEqual(result.warnings, []);
  });

  test('an unsafe or blank src skips the video; an unsafe poster is dropped alone; sizes are repaired as for photos', () => {
    const result = parseArticle(
      withBlocks(
        { type: 'video', src: 'javascript:alert(1)' },
        { type: 'video', src: '  ' },
        { type: 'video', src: 'v.mp4', poster: 'data:image/png;base64,AAAA', width: 0, height: 2 },
        { type: 'video', src: 'w.mp4', width: 1, height: 1000 },
      ),
    );
    assert.deepEqual(valueOf(result).body, [
      { type: 'video', src: 'v.mp4', height: 2 },
      { type: 'video', src: 'w.mp4' },
    ]);
    assert.deepEqual(brief(result.warnings), [
      ['body[0].src', 'url'],
      ['body[1].src', 'value'],
      ['body[2].poster', 'url'],
      ['body[2].width', 'value'],
      ['body[3].height', 'value'],
    ]);
    assert.match(result.warnings[0]!.message, /the video block is skipped$/);
    assert.match(result.warnings[2]!.message, /the video has no still$/);
    assert.match(result.warnings[4]!.message, /which no video is; both are ignored$/);
  });

  test('mailto: and tel: are links, not files: such a src skips the video, such a poster is dropped', () => {
    const result = parseArticle(
      withBlocks({ type: 'video', src: 'mailto:a@court.cn' }, { type: 'video', src: ' TEL:12368' }, { type: 'video', src: 'v.mp4', poster: 'tel:12368' }),
    );
    assert.deepEqual(valueOf(result).body, [{ type: 'video', src: 'v.mp4' }]);
    assert.deepEqual(brief(result.warnings), [['body[0].src', 'url'], ['body[1].src', 'url'], ['body[2].poster', 'url']]);
    assert.equal(result.warnings[0]!.message, 'body[0].src: only http, https or relative URLs for a file; the video block is skipped');
  });

  test('a video without src, or with fields of the wrong type, is a problem', () => {
    assert.deepEqual(brief(problemsOf(parseArticle(withBlocks({ type: 'video', poster: 'p.jpg' })))), [['body[0].src', 'missing']]);
    assert.deepEqual(brief(problemsOf(parseArticle(withBlocks({ type: 'video', src: 'v.mp4', caption: 5 })))), [['body[0].caption', 'type']]);
    assert.deepEqual(brief(problemsOf(parseArticle(withBlocks({ type: 'video', src: 'v.mp4', poster: [] })))), [['body[0].poster', 'type']]);
  });
});

describe('parseArticle: html blocks and block structure', () => {
  test('an html block keeps its markup for the sanitizer', () => {
    const html = '<ul><li>一</li></ul><script>alert(1)</script>';
    assert.deepEqual(valueOf(parseArticle(withBlocks({ type: 'html', html }))).body, [{ type: 'html', html }]);
  });

  test('an html block without html is a problem', () => {
    assert.deepEqual(brief(problemsOf(parseArticle(withBlocks({ type: 'html' })))), [['body[0].html', 'missing']]);
    assert.deepEqual(brief(problemsOf(parseArticle(withBlocks({ type: 'html', html: 5 })))), [['body[0].html', 'type']]);
  });

  test('an unknown block type is skipped with a warning; the rest is kept in order', () => {
    const result = parseArticle(
      withBlocks({ type: 'paragraph', text: '一' }, { type: 'audio', src: 'a.mp3' }, { type: 'Paragraph', text: '?' }, { type: 'paragraph', text: '二' }),
    );
    assert.deepEqual(valueOf(result).body, [
      { type: 'paragraph', text: '一' },
      { type: 'paragraph', text: '二' },
    ]);
    assert.deepEqual(brief(result.warnings), [
      ['body[1].type', 'unknown-block'],
      ['body[2].type', 'unknown-block'],
    ]);
    assert.equal(result.warnings[0]!.message, 'body[1].type: unknown block type "audio"; the block is skipped');
  });

  test('a block that is not an object, or has no string type, is a problem', () => {
    const problems = problemsOf(parseArticle(withBlocks('正文', null, [], {}, { type: 3 })));
    assert.deepEqual(brief(problems), [
      ['body[0]', 'type'],
      ['body[1]', 'type'],
      ['body[2]', 'type'],
      ['body[3].type', 'missing'],
      ['body[4].type', 'type'],
    ]);
  });
});

describe('parseArticle: optional fields', () => {
  test('null in an optional field counts as absent, with a value warning naming the field', () => {
    const result = parseArticle(
      minimal({
        id: null,
        lang: null,
        breadcrumb: null,
        kicker: null,
        author: null,
        attachments: null,
        prev: null,
        next: null,
        body: [
          { type: 'paragraph', text: '正文', html: null },
          { type: 'heading', text: '小标题', level: null },
          { type: 'image', src: 'a.jpg', alt: null, width: null, height: 853 },
        ],
      }),
    );
    const article = valueOf(result);
    assert.deepEqual(
      article.body.map((b) => ({ ...b })),
      [
        { type: 'paragraph', text: '正文' },
        { type: 'heading', text: '小标题', level: 2 },
        { type: 'image', src: 'a.jpg', height: 853 },
      ],
    );
    assert.equal(article.lang, 'zh-CN');
    for (const key of ['id', 'breadcrumb', 'kicker', 'author', 'attachments', 'prev', 'next']) {
      assert.equal(key in article, false, key);
    }
    assert.deepEqual(
      brief(result.warnings).sort(),
      [
        ['id', 'value'],
        ['lang', 'value'],
        ['breadcrumb', 'value'],
        ['kicker', 'value'],
        ['author', 'value'],
        ['attachments', 'value'],
        ['prev', 'value'],
        ['next', 'value'],
        ['body[0].html', 'value'],
        ['body[1].level', 'value'],
        ['body[2].alt', 'value'],
        ['body[2].width', 'value'],
      ].sort(),
    );
    assert.ok(result.warnings.every((w) => w.message.endsWith(': is null; it is ignored')));
  });

  test('null in a required field is still a problem', () => {
    assert.deepEqual(brief(problemsOf(parseArticle(minimal({ title: null })))), [['title', 'type']]);
    assert.deepEqual(brief(problemsOf(parseArticle(withBlocks({ type: 'image', src: null })))), [['body[0].src', 'type']]);
    assert.deepEqual(brief(problemsOf(parseArticle(withBlocks(null)))), [['body[0]', 'type']]);
  });

  for (const key of ['id', 'url', 'kicker', 'subtitle', 'author', 'source', 'editor']) {
    test(`${key} of the wrong type is a problem`, () => {
      const problems = problemsOf(parseArticle(minimal({ [key]: 12 })));
      assert.deepEqual(brief(problems), [[key, 'type']]);
      assert.equal(problems[0]!.expected, 'string');
    });
  }

  for (const key of ['breadcrumb', 'attachments']) {
    test(`${key} that is not an array is a problem`, () => {
      assert.deepEqual(brief(problemsOf(parseArticle(minimal({ [key]: { label: 'x' } })))), [[key, 'type']]);
    });
  }

  test('lang accepts BCP 47 tags', () => {
    for (const lang of ['zh-CN', 'zh-Hant', 'zh-Hant-TW', 'en', 'en-GB', 'ug', 'ug-Arab-CN', 'yue-HK', 'de-CH-1996', 'x-court']) {
      const result = parseArticle(minimal({ lang }));
      assert.equal(valueOf(result).lang, lang);
      assert.deepEqual(result.warnings, []);
    }
  });

  test('lang that is not a language tag becomes zh-CN with a value warning', () => {
    for (const lang of ['', 'Chinese', 'english', 'chinese simplified', 'zh_CN', 'z', '中文', 'zh--CN', 42, null]) {
      const result = parseArticle(minimal({ lang }));
      assert.equal(valueOf(result).lang, 'zh-CN', String(lang));
      assert.deepEqual(brief(result.warnings), [['lang', 'value']]);
    }
  });

  test('url: safe forms are kept trimmed, unsafe ones dropped with a url warning', () => {
    for (const url of ['https://a.cn/x', 'http://a.cn', '/a/b.shtml', 'a.html', '//a.cn/x', 'mailto:a@b.cn', 'tel:12368']) {
      const result = parseArticle(minimal({ url: ` ${url} ` }));
      assert.equal(valueOf(result).url, url);
      assert.deepEqual(result.warnings, []);
    }
    for (const url of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'ftp://a.cn']) {
      const result = parseArticle(minimal({ url }));
      assert.equal('url' in valueOf(result), false);
      assert.deepEqual(brief(result.warnings), [['url', 'url']]);
    }
  });

  test('breadcrumb: an unsafe or blank href leaves the label without a link', () => {
    const result = parseArticle(
      minimal({
        breadcrumb: [
          { label: '首页', href: '/' },
          { label: '新闻中心', href: 'javascript:void(0)' },
          { label: '图片新闻', href: '' },
          { label: '当前' },
        ],
      }),
    );
    assert.deepEqual(valueOf(result).breadcrumb, [{ label: '首页', href: '/' }, { label: '新闻中心' }, { label: '图片新闻' }, { label: '当前' }]);
    assert.deepEqual(brief(result.warnings), [['breadcrumb[1].href', 'url']]);
  });

  test('breadcrumb: a blank label drops the item; a missing label or a non-object item is a problem', () => {
    const blank = parseArticle(minimal({ breadcrumb: [{ label: ' ', href: '/' }, { label: '首页' }] }));
    assert.deepEqual(valueOf(blank).breadcrumb, [{ label: '首页' }]);
    assert.deepEqual(brief(blank.warnings), [['breadcrumb[0].label', 'value']]);
    assert.deepEqual(brief(problemsOf(parseArticle(minimal({ breadcrumb: [{ href: '/' }, '首页', { label: 'x', href: 1 }] })))), [
      ['breadcrumb[0].label', 'missing'],
      ['breadcrumb[1]', 'type'],
      ['breadcrumb[2].href', 'type'],
    ]);
  });

  test('attachments: kept with bytes; bad bytes dropped; unsafe href drops the attachment', () => {
    const result = parseArticle(
      minimal({
        attachments: [
          { title: '工作方案.pdf', href: 'files/plan.pdf', bytes: 183412 },
          { title: '空文件.txt', href: 'files/empty.txt', bytes: 0 },
          { title: '大小不明.doc', href: 'files/a.doc', bytes: -5 },
          { title: '木马.exe', href: 'javascript:alert(1)', bytes: 1 },
          { title: ' ', href: 'files/b.pdf' },
          { title: '无链接', href: '' },
        ],
      }),
    );
    assert.deepEqual(valueOf(result).attachments, [
      { title: '工作方案.pdf', href: 'files/plan.pdf', bytes: 183412 },
      { title: '空文件.txt', href: 'files/empty.txt', bytes: 0 },
      { title: '大小不明.doc', href: 'files/a.doc' },
    ]);
    assert.deepEqual(brief(result.warnings), [
      ['attachments[2].bytes', 'value'],
      ['attachments[3].href', 'url'],
      ['attachments[4].title', 'value'],
      ['attachments[5].href', 'value'],
    ]);
  });

  test('attachments: missing title or href is a problem', () => {
    assert.deepEqual(brief(problemsOf(parseArticle(minimal({ attachments: [{ href: 'a.pdf' }, { title: 'a' }, 3] })))), [
      ['attachments[0].title', 'missing'],
      ['attachments[1].href', 'missing'],
      ['attachments[2]', 'type'],
    ]);
  });

  test('prev and next: kept; unsafe href drops the link with a url warning; wrong shapes are problems', () => {
    const result = parseArticle(minimal({ prev: { title: '上一篇', href: '/a.shtml' }, next: { title: '下一篇', href: 'javascript:x' } }));
    const article = valueOf(result);
    assert.deepEqual(article.prev, { title: '上一篇', href: '/a.shtml' });
    assert.equal('next' in article, false);
    assert.deepEqual(brief(result.warnings), [['next.href', 'url']]);
    assert.deepEqual(brief(problemsOf(parseArticle(minimal({ prev: '上一篇', next: { href: '/b' } })))), [
      ['prev', 'type'],
      ['next.title', 'missing'],
    ]);
  });
});

describe('parseArticle: limits', () => {
  test('LIMITS is frozen', () => {
    assert.ok(Object.isFrozen(LIMITS));
    assert.throws(() => {
      (LIMITS as { maxBlocks: number }).maxBlocks = 1e9;
    }, TypeError);
    assert.equal(LIMITS.maxBlocks, 2_000);
  });

  test(`${LIMITS.maxBlocks} blocks are accepted, one more is a limit problem`, () => {
    const blocks = Array.from({ length: LIMITS.maxBlocks }, (_, i) => ({ type: 'paragraph', text: String(i) }));
    assert.equal(valueOf(parseArticle(withBlocks(...blocks))).body.length, LIMITS.maxBlocks);
    const problems = problemsOf(parseArticle(withBlocks(...blocks, { type: 'paragraph', text: 'x' })));
    assert.deepEqual(problems, [
      { path: 'body', code: 'limit', message: `body: more than ${LIMITS.maxBlocks} blocks`, limit: LIMITS.maxBlocks },
    ]);
  });

  test('an html field over the limit is a limit problem, before any sanitizing', () => {
    const html = '<b>'.padEnd(LIMITS.maxHtmlLength, 'x');
    assert.equal(parseArticle(withBlocks({ type: 'html', html })).ok, true);
    for (const block of [
      { type: 'html', html: html + 'x' },
      { type: 'paragraph', html: html + 'x' },
    ]) {
      const problems = problemsOf(parseArticle(withBlocks(block)));
      assert.deepEqual(brief(problems), [['body[0].html', 'limit']]);
      assert.equal(problems[0]!.limit, LIMITS.maxHtmlLength);
    }
  });

  test('a plain-text field over the limit is a limit problem', () => {
    const text = '字'.repeat(LIMITS.maxTextLength);
    assert.equal(parseArticle(minimal({ title: text })).ok, true);
    for (const [input, path] of [
      [minimal({ title: text + '字' }), 'title'],
      [minimal({ editor: text + '字' }), 'editor'],
      [withBlocks({ type: 'paragraph', text: text + '字' }), 'body[0].text'],
      [withBlocks({ type: 'image', src: 'a.jpg', caption: text + '字' }), 'body[0].caption'],
    ] as const) {
      const problems = problemsOf(parseArticle(input));
      assert.deepEqual(brief(problems), [[path, 'limit']]);
      assert.equal(problems[0]!.limit, LIMITS.maxTextLength);
    }
  });

  test('a URL over the limit is a limit problem', () => {
    const src = 'a'.repeat(LIMITS.maxUrlLength + 1);
    const problems = problemsOf(parseArticle(withBlocks({ type: 'image', src })));
    assert.deepEqual(brief(problems), [['body[0].src', 'limit']]);
    assert.equal(problems[0]!.limit, LIMITS.maxUrlLength);
  });

  test('breadcrumb and attachments over their limits are limit problems', () => {
    const crumbs = Array.from({ length: LIMITS.maxBreadcrumb + 1 }, () => ({ label: 'x' }));
    assert.deepEqual(brief(problemsOf(parseArticle(minimal({ breadcrumb: crumbs })))), [['breadcrumb', 'limit']]);
    assert.equal(parseArticle(minimal({ breadcrumb: crumbs.slice(1) })).ok, true);
    const files = Array.from({ length: LIMITS.maxAttachments + 1 }, () => ({ title: 'a', href: 'a.pdf' }));
    assert.deepEqual(brief(problemsOf(parseArticle(minimal({ attachments: files })))), [['attachments', 'limit']]);
    assert.equal(parseArticle(minimal({ attachments: files.slice(1) })).ok, true);
  });

  test('JSON text over the length limit is refused before parsing', () => {
    const text = JSON.stringify(minimal({ padding: 'x'.repeat(LIMITS.maxJsonLength) }));
    const problems = problemsOf(parseArticle(text));
    assert.deepEqual(brief(problems), [['', 'limit']]);
    assert.equal(problems[0]!.limit, LIMITS.maxJsonLength);
  });

  test('a 100,000-deep nested array in JSON text is a limit problem', () => {
    const text = '['.repeat(100_000) + ']'.repeat(100_000);
    const problems = problemsOf(parseArticle(text));
    assert.deepEqual(brief(problems), [['', 'limit']]);
    assert.equal(problems[0]!.limit, LIMITS.maxDepth);
    // The position of the first bracket too deep, found by scanning the text.
    assert.equal(problems[0]!.message, `document: nested deeper than ${LIMITS.maxDepth} levels (at position ${LIMITS.maxDepth})`);
    const inField = `{"version":1,"title":"t","publishedAt":"${PUBLISHED}","body":[],"x":${text}}`;
    assert.deepEqual(brief(problemsOf(parseArticle(inField))), [['', 'limit']]);
  });

  test('nesting too deep is reported before a syntax error, with its position', () => {
    const text = `{"version":1,"x":${'['.repeat(100)}oops`;
    const problems = problemsOf(parseArticle(text));
    assert.deepEqual(brief(problems), [['', 'limit']]);
    assert.equal(problems[0]!.message, `document: nested deeper than ${LIMITS.maxDepth} levels (at position ${text.indexOf('[') + LIMITS.maxDepth - 1})`);
  });

  test('nesting too deep is reported before the value limit, with its position', () => {
    // Well-formed text whose many values come before its deep part.
    const many = new Array(LIMITS.maxValues).fill(0).join(',');
    const deep = '['.repeat(LIMITS.maxDepth) + ']'.repeat(LIMITS.maxDepth);
    const text = `{"version":1,"a":[${many}],"b":${deep}}`;
    const problems = problemsOf(parseArticle(text));
    assert.deepEqual(brief(problems), [['', 'limit']]);
    assert.equal(problems[0]!.limit, LIMITS.maxDepth);
    assert.equal(problems[0]!.message, `document: nested deeper than ${LIMITS.maxDepth} levels (at position ${text.indexOf('"b":') + 4 + LIMITS.maxDepth - 1})`);
    // Without the deep part, the value limit is what stops it.
    const shallow = problemsOf(parseArticle(`{"version":1,"a":[${many}]}`));
    assert.deepEqual(brief(shallow), [['', 'limit']]);
    assert.equal(shallow[0]!.limit, LIMITS.maxValues);
  });

  test('brackets inside JSON strings do not count as nesting', () => {
    const text = JSON.stringify(minimal({ title: '['.repeat(1000) + '{"\\'.repeat(100) }));
    assert.equal(parseArticle(text).ok, true);
  });

  test('a 100,000-deep nested object or array given as a value is a limit problem', () => {
    let nested: unknown = [];
    for (let i = 0; i < 100_000; i++) nested = [nested];
    assert.deepEqual(brief(problemsOf(parseArticle(nested))), [['', 'limit']]);
    let deepObject: Record<string, unknown> = {};
    for (let i = 0; i < 100_000; i++) deepObject = { child: deepObject };
    assert.deepEqual(brief(problemsOf(parseArticle(minimal({ meta: deepObject })))), [['', 'limit']]);
  });

  test(`nesting of ${LIMITS.maxDepth} levels is accepted, one more is refused`, () => {
    let nested: unknown = 0;
    for (let i = 0; i < LIMITS.maxDepth - 1; i++) nested = [nested];
    assert.equal(parseArticle(minimal({ meta: nested })).ok, true);
    assert.equal(parseArticle(JSON.stringify(minimal({ meta: nested }))).ok, true);
    assert.deepEqual(brief(problemsOf(parseArticle(minimal({ meta: [nested] })))), [['', 'limit']]);
    assert.deepEqual(brief(problemsOf(parseArticle(JSON.stringify(minimal({ meta: [nested] }))))), [['', 'limit']]);
  });

  test('a cyclic object is a limit problem, not a hang', () => {
    const input = minimal();
    input['self'] = input;
    assert.deepEqual(brief(problemsOf(parseArticle(input))), [['', 'limit']]);
  });

  test('an object graph sharing sub-objects exponentially is stopped by the value limit', () => {
    let shared: unknown = { type: 'paragraph', text: 'x' };
    for (let i = 0; i < 30; i++) shared = [shared, shared];
    const problems = problemsOf(parseArticle(minimal({ meta: shared })));
    assert.deepEqual(brief(problems), [['', 'limit']]);
    assert.equal(problems[0]!.limit, LIMITS.maxValues);
  });

  test('many fields each under their own limit are stopped by the total string length limit', () => {
    const html = 'x'.repeat(LIMITS.maxHtmlLength);
    const count = Math.ceil(LIMITS.maxTotalStringLength / LIMITS.maxHtmlLength) + 1;
    const blocks = Array.from({ length: count }, () => ({ type: 'html', html }));
    const problems = problemsOf(parseArticle(withBlocks(...blocks)));
    assert.deepEqual(brief(problems), [['', 'limit']]);
    assert.equal(problems[0]!.limit, LIMITS.maxTotalStringLength);
    assert.equal(parseArticle(withBlocks(...blocks.slice(0, count - 3))).ok, true);
    const longKeys = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [String(i).padEnd(LIMITS.maxTextLength * 4, 'k'), 0]));
    assert.deepEqual(brief(problemsOf(parseArticle(minimal({ meta: longKeys })))), [['', 'limit']]);
  });

  test('a huge array in an unknown field is stopped by the value limit', () => {
    const problems = problemsOf(parseArticle(minimal({ meta: new Array(LIMITS.maxValues + 1).fill(0) })));
    assert.deepEqual(brief(problems), [['', 'limit']]);
    const sparse: unknown[] = [];
    sparse.length = 2 ** 32 - 1;
    assert.deepEqual(brief(problemsOf(parseArticle(minimal({ meta: sparse })))), [['', 'limit']]);
  });
});

describe('parseArticle: prototype pollution', () => {
  test('__proto__, constructor and prototype keys in JSON text pollute nothing', () => {
    const text = `{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}},
      "version": 1, "title": "t", "publishedAt": "${PUBLISHED}",
      "body": [{"type": "paragraph", "text": "a", "__proto__": {"polluted": "yes"}}],
      "breadcrumb": [{"label": "x", "__proto__": {"href": "javascript:alert(1)"}}],
      "prev": {"__proto__": {"title": "t", "href": "/p"}}}`;
    const result = parseArticle(text);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.equal((Object.prototype as unknown as Record<string, unknown>)['polluted'], undefined);
    assert.deepEqual(brief(problemsOf(result)), [
      ['prev.title', 'missing'],
      ['prev.href', 'missing'],
    ]);
  });

  test('the normalized value has no inherited data: objects without a prototype, plain arrays', () => {
    const text = `{"__proto__": {"subtitle": "inherited"}, "version": 1, "title": "t", "publishedAt": "${PUBLISHED}",
      "body": [{"type": "image", "src": "a.jpg", "__proto__": {"alt": "inherited"}}],
      "breadcrumb": [{"label": "x", "__proto__": {"href": "javascript:alert(1)"}}]}`;
    const result = parseArticle(text);
    assert.ok(result.ok);
    assert.equal(Object.getPrototypeOf(result.value), null);
    assert.equal(Object.getPrototypeOf(result.value.body), Array.prototype);
    assert.equal(Object.getPrototypeOf(result.value.body[0]), null);
    const article = valueOf(result);
    assert.equal(article.subtitle, undefined);
    assert.equal(Object.hasOwn(article, '__proto__'), false);
    assert.deepEqual(article.body, [{ type: 'image', src: 'a.jpg' }]);
    assert.equal((article.body[0] as { alt?: string }).alt, undefined);
    assert.deepEqual(article.breadcrumb, [{ label: 'x' }]);
    assert.equal(article.breadcrumb![0]!.href, undefined);
  });

  test('a polluted Object.prototype does not show through absent optional fields', () => {
    const proto = Object.prototype as unknown as Record<string, unknown>;
    const junk = { html: '<b>injected</b>', kicker: 'injected', next: { title: 'x', href: 'https://attacker.example/' } };
    Object.assign(proto, junk);
    try {
      const result = parseArticle(minimal({ body: [{ type: 'paragraph', text: 'own text' }] }));
      assert.ok(result.ok);
      const article = result.value as unknown as Record<string, unknown>;
      const paragraph = result.value.body[0] as unknown as Record<string, unknown>;
      assert.equal(article['kicker'], undefined);
      assert.equal(article['next'], undefined);
      assert.equal(paragraph['html'], undefined);
      assert.equal(paragraph['text'], 'own text');
      const site = parseSite({ version: 1, name: 'n' });
      assert.ok(site.ok);
      assert.equal((site.value as unknown as Record<string, unknown>)['html'], undefined);
    } finally {
      for (const key of Object.keys(junk)) delete proto[key];
    }
  });

  test('values inherited from a polluted-looking input prototype are not read', () => {
    const proto = { title: 'from prototype', body: [] };
    const input = Object.create(proto) as Record<string, unknown>;
    input['version'] = 1;
    input['publishedAt'] = PUBLISHED;
    assert.deepEqual(brief(problemsOf(parseArticle(input))), [
      ['title', 'missing'],
      ['body', 'missing'],
    ]);
  });

  test('an own __proto__ property on an object input is ignored and changes no prototype', () => {
    const input = minimal();
    Object.defineProperty(input, '__proto__', { value: { polluted: 'yes' }, enumerable: true });
    const article = valueOf(parseArticle(input));
    assert.equal(Object.getPrototypeOf(article), Object.prototype);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });
});

describe('parseSite', () => {
  test('null in an optional field counts as absent, with a value warning', () => {
    const result = parseSite({ ...specSite(), links: null, phones: null, reportSite: null, icp: null, transport: null });
    const site = valueOf(result);
    for (const key of ['links', 'phones', 'reportSite', 'icp', 'transport']) assert.equal(key in site, false, key);
    assert.deepEqual(brief(result.warnings).map(([path]) => path).sort(), ['icp', 'links', 'phones', 'reportSite', 'transport']);
  });

  test('the spec example parses; empty icp and publicSecurity are omitted', () => {
    const result = parseSite(specSite());
    const expected: Site = {
      version: 1,
      name: '辽宁省抚顺市中级人民法院',
      links: [
        { label: '最高人民法院', href: 'https://www.court.gov.cn/' },
        { label: '中国法院网', href: 'https://www.chinacourt.org/' },
      ],
      address: '辽宁省抚顺市中级人民法院',
      postcode: '113006',
      phones: [
        { label: '办公电话', number: '024-57719303' },
        { label: '诉讼服务热线(查询案件、联系法官)', number: '12368' },
        { label: '纪检监察举报电话', number: '024-57719329' },
      ],
      reportSite: { label: '举报网站', href: 'http://jubao.court.gov.cn' },
      transport: '乘808、33、19、605路到将军商场下车即可',
      copyright: '辽宁省抚顺市中级人民法院版权所有,未经协议授权禁止下载使用或建立镜像',
      credits: '中国法院网负责网站设计制作 网络安全和技术维护',
    };
    assert.deepEqual(valueOf(result), expected);
    assert.deepEqual(result.warnings, []);
  });

  test('icp and publicSecurity are kept when present', () => {
    const site = valueOf(parseSite({ ...specSite(), icp: '辽ICP备00000000号', publicSecurity: '辽公网安备 00000000000000号' }));
    assert.equal(site.icp, '辽ICP备00000000号');
    assert.equal(site.publicSecurity, '辽公网安备 00000000000000号');
  });

  test('version and a non-blank name are required', () => {
    assert.deepEqual(brief(problemsOf(parseSite({ name: '法院' }))), [['version', 'missing']]);
    assert.deepEqual(brief(problemsOf(parseSite({ version: 2, name: '法院' }))), [['version', 'version']]);
    assert.deepEqual(brief(problemsOf(parseSite({ version: 1 }))), [['name', 'missing']]);
    assert.deepEqual(brief(problemsOf(parseSite({ version: 1, name: ' ' }))), [['name', 'missing']]);
    assert.deepEqual(brief(problemsOf(parseSite({ version: 1, name: 1 }))), [['name', 'type']]);
    assert.deepEqual(brief(problemsOf(parseSite('[]'))), [['', 'type']]);
    assert.deepEqual(brief(problemsOf(parseSite('{'))), [['', 'json']]);
  });

  test('unsafe links and reportSite are dropped with url warnings', () => {
    const result = parseSite({
      ...specSite(),
      links: [
        { label: '最高人民法院', href: 'https://www.court.gov.cn/' },
        { label: '恶意', href: 'javascript:alert(1)' },
      ],
      reportSite: { label: '举报网站', href: 'data:text/html,x' },
    });
    const site = valueOf(result);
    assert.deepEqual(site.links, [{ label: '最高人民法院', href: 'https://www.court.gov.cn/' }]);
    assert.equal('reportSite' in site, false);
    assert.deepEqual(brief(result.warnings), [
      ['links[1].href', 'url'],
      ['reportSite.href', 'url'],
    ]);
  });

  test('links need label and href; blank ones are dropped with warnings', () => {
    assert.deepEqual(brief(problemsOf(parseSite({ version: 1, name: 'n', links: [{ label: 'a' }, { href: '/' }, 'x'], reportSite: [] }))), [
      ['links[0].href', 'missing'],
      ['links[1].label', 'missing'],
      ['links[2]', 'type'],
      ['reportSite', 'type'],
    ]);
    const blank = parseSite({ version: 1, name: 'n', links: [{ label: ' ', href: '/' }, { label: 'a', href: ' ' }] });
    assert.deepEqual(valueOf(blank).links, []);
    assert.deepEqual(brief(blank.warnings), [
      ['links[0].label', 'value'],
      ['links[1].href', 'value'],
    ]);
  });

  test('phones need label and number; a number without a digit is dropped', () => {
    const result = parseSite({ version: 1, name: 'n', phones: [{ label: '热线', number: '12368' }, { label: '坏', number: '无' }] });
    assert.deepEqual(valueOf(result).phones, [{ label: '热线', number: '12368' }]);
    assert.deepEqual(brief(result.warnings), [['phones[1].number', 'value']]);
    assert.deepEqual(brief(problemsOf(parseSite({ version: 1, name: 'n', phones: [{ label: 'a' }, { number: 1 }] }))), [
      ['phones[0].number', 'missing'],
      ['phones[1].label', 'missing'],
      ['phones[1].number', 'type'],
    ]);
  });

  test('text fields of the wrong type are problems; blank ones are omitted', () => {
    for (const key of ['address', 'postcode', 'transport', 'copyright', 'credits', 'icp', 'publicSecurity']) {
      assert.deepEqual(brief(problemsOf(parseSite({ version: 1, name: 'n', [key]: 113006 }))), [[key, 'type']]);
      assert.equal(key in valueOf(parseSite({ version: 1, name: 'n', [key]: ' ' })), false);
    }
  });

  test('links and phones over their limit are limit problems', () => {
    const links = Array.from({ length: LIMITS.maxLinks + 1 }, () => ({ label: 'a', href: '/' }));
    assert.deepEqual(brief(problemsOf(parseSite({ version: 1, name: 'n', links }))), [['links', 'limit']]);
    const phones = Array.from({ length: LIMITS.maxLinks + 1 }, () => ({ label: 'a', number: '1' }));
    assert.deepEqual(brief(problemsOf(parseSite({ version: 1, name: 'n', phones }))), [['phones', 'limit']]);
  });

  test('the input is not mutated and __proto__ keys pollute nothing', () => {
    const input = deepFreeze(specSite());
    const before = structuredClone(input);
    valueOf(parseSite(input));
    assert.deepEqual(input, before);
    const text = '{"version":1,"name":"n","__proto__":{"polluted":1},"links":[{"label":"a","href":"/","__proto__":{"x":1}}]}';
    assert.equal(parseSite(text).ok, true);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.equal(({} as Record<string, unknown>)['x'], undefined);
  });
});

describe('problems', () => {
  test('every message starts with the path of the field, or "document", and formatProblems joins them', () => {
    const inputs: unknown[] = [
      { version: 1, title: '', publishedAt: 'x', body: [{ type: 'image', src: 1 }], lang: 'no tag', breadcrumb: [{ label: 'a', href: 'javascript:x' }] },
      withBlocks({ type: 'heading', text: 'h', level: 9 }, { type: 'audio' }, { type: 'html', html: 'x'.repeat(LIMITS.maxHtmlLength + 1) }),
      '{"version":',
      null,
      '['.repeat(LIMITS.maxDepth + 1),
    ];
    let seen = 0;
    for (const input of inputs) {
      const result = parseArticle(input);
      for (const problem of [...(result.ok ? [] : result.problems), ...result.warnings]) {
        assert.ok(problem.message.startsWith(`${problem.path || 'document'}: `), problem.message);
        seen++;
      }
    }
    assert.ok(seen >= 8);
    const problems = problemsOf(parseArticle(inputs[0]));
    assert.equal(formatProblems(problems), problems.map((p) => p.message).join('; '));
  });
});

describe('parseOffsetDateTime', () => {
  test('the seed time keeps its wall clock and offset', () => {
    assert.deepEqual(parseOffsetDateTime('2024-02-28T20:54:53+08:00'), {
      epochMs: Date.UTC(2024, 1, 28, 12, 54, 53),
      offsetMinutes: 480,
      local: { year: 2024, month: 2, day: 28, hour: 20, minute: 54, second: 53 },
    });
  });

  test('Z, negative and half-hour offsets, -00:00, missing seconds and fractions', () => {
    assert.deepEqual(parseOffsetDateTime('2024-02-28T12:54:53Z'), {
      epochMs: Date.UTC(2024, 1, 28, 12, 54, 53),
      offsetMinutes: 0,
      local: { year: 2024, month: 2, day: 28, hour: 12, minute: 54, second: 53 },
    });
    const minus = parseOffsetDateTime('2024-02-28T07:24:53-05:30')!;
    assert.equal(minus.offsetMinutes, -330);
    assert.equal(minus.epochMs, Date.UTC(2024, 1, 28, 12, 54, 53));
    assert.equal(parseOffsetDateTime('2024-01-01T00:00:00-00:00')!.offsetMinutes, 0);
    assert.deepEqual(parseOffsetDateTime('2024-02-28T20:54+08:00')!.local, {
      year: 2024,
      month: 2,
      day: 28,
      hour: 20,
      minute: 54,
      second: 0,
    });
    assert.equal(parseOffsetDateTime('2024-02-28T20:54:53.25+08:00')!.epochMs, Date.UTC(2024, 1, 28, 12, 54, 53, 250));
    assert.equal(parseOffsetDateTime('2024-02-28T20:54:53.123456789+08:00')!.epochMs, Date.UTC(2024, 1, 28, 12, 54, 53, 123));
  });

  test('the day crosses with the offset but the local fields stay as written', () => {
    const early = parseOffsetDateTime('2024-03-01T01:00:00+08:00')!;
    assert.equal(new Date(early.epochMs).toISOString(), '2024-02-29T17:00:00.000Z');
    assert.deepEqual(early.local, { year: 2024, month: 3, day: 1, hour: 1, minute: 0, second: 0 });
  });

  test('leap years follow the Gregorian rule; years below 100 are not shifted', () => {
    assert.ok(parseOffsetDateTime('2000-02-29T00:00:00Z'));
    assert.ok(parseOffsetDateTime('2024-02-29T00:00:00Z'));
    assert.equal(parseOffsetDateTime('1900-02-29T00:00:00Z'), undefined);
    assert.equal(parseOffsetDateTime('2023-02-29T00:00:00Z'), undefined);
    assert.equal(parseOffsetDateTime('2100-02-29T00:00:00Z'), undefined);
    assert.equal(new Date(parseOffsetDateTime('0050-06-01T00:00:00Z')!.epochMs).getUTCFullYear(), 50);
  });

  test('rejects anything that is not a full date-time with an offset', () => {
    for (const value of [
      '2024-02-28T20:54:53',
      '2024-02-28',
      '2024-02-28T20:54:53+8:00',
      '2024-02-28T20:54:53 +08:00',
      '2024-02-28T20:54:53+08:00 ',
      '2024-2-28T20:54:53+08:00',
      '2024-00-10T20:54:53+08:00',
      '2024-06-00T20:54:53+08:00',
      '2024-06-31T20:54:53+08:00',
      '2024-02-28T20:54:53+08:60',
      '2024-02-28T20:54:53.+08:00',
      '２０２４-02-28T20:54:53+08:00',
      'now',
      '',
    ]) {
      assert.equal(parseOffsetDateTime(value), undefined, value);
    }
    assert.equal(parseOffsetDateTime(20240228 as unknown as string), undefined);
  });

  test('formatting helpers print the wall clock of the given offset', () => {
    const seed = parseOffsetDateTime('2024-02-28T20:54:53+08:00')!;
    assert.equal(formatLocalDateTime(seed), '2024-02-28 20:54:53');
    assert.equal(formatLocalDate(seed), '2024-02-28');
    assert.equal(formatLocalDateTime(parseOffsetDateTime('0999-01-02T03:04+05:45')!), '0999-01-02 03:04:00');
    assert.equal(formatOffset(480), '+08:00');
    assert.equal(formatOffset(-330), '-05:30');
    assert.equal(formatOffset(0), 'Z');
  });
});

describe('demo data', () => {
  const seedPresent = existsSync(SEED_URL);
  const skipSeed = seedPresent ? false : `seed text not found at ${SEED_URL.pathname} (shared/ must sit beside the repository)`;

  test('the seed article parses with no problems and no warnings', () => {
    const result = parseArticle(readFileSync(DEMO_ARTICLE, 'utf8'));
    const article = valueOf(result);
    assert.deepEqual(result.warnings, []);
    assert.equal(article.title, '于长春在抚顺县人民法院调研时强调');
    assert.equal(article.subtitle, '聚焦“人”,强班子强队伍 聚焦“案”,促公正提效率');
    assert.equal(article.author, '抚顺中院 宣教科');
    assert.equal(article.publishedAt, '2024-02-28T20:54:53+08:00');
    assert.equal(article.editor, '宣教科');
    assert.equal(article.lang, 'zh-CN');
    assert.ok(article.id && article.url && article.prev && article.next);
    assert.deepEqual(article.breadcrumb!.map((b) => b.label), ['首页', '新闻中心', '图片新闻']);
    assert.equal(article.attachments!.length, 1);
  });

  test('the seed article has every paragraph, heading and photo of the seed text, verbatim and in order', { skip: skipSeed }, () => {
    const seed = readFileSync(SEED_URL, 'utf8').split('\n');
    const start = seed.findIndex((line) => line.startsWith('作者:'));
    const end = seed.findIndex((line) => line.startsWith('责任编辑'));
    assert.ok(start > 0 && end > start, 'seed markers found');
    const lines = seed.slice(start + 1, end).filter((line) => /\S/.test(line));
    assert.equal(lines.length, 20);

    const article = valueOf(parseArticle(readFileSync(DEMO_ARTICLE, 'utf8')));
    const shown = article.body.map((block) => {
      if (block.type === 'image') return `▲${block.caption}`;
      if (block.type === 'paragraph') return block.text;
      if (block.type === 'heading') return block.text;
      return block.type === 'html' ? block.html : block.src;
    });
    assert.deepEqual(shown, lines);

    const headings = article.body.filter((b) => b.type === 'heading').map((b) => (b.type === 'heading' ? b.text : ''));
    assert.deepEqual(headings, [
      '要解开“薄弱即是落后”的心结',
      '要秉持“奋楫争先勇向前”的决心',
      '要发扬“一以贯之抓落实”的作风',
      '要绘就“法院高质量发展”的蓝图',
    ]);
    const requirement = article.body.find((b) => b.type === 'paragraph' && b.text!.endsWith('提出四点要求—'));
    assert.ok(requirement, 'the 四点要求 line stays a paragraph');

    const [headline, byline] = [seed[1]!, seed[2]!];
    assert.equal(headline, `${article.title}: ${article.subtitle}`);
    assert.ok(byline.startsWith(`作者:${article.author}\u00a0`), byline);
    assert.ok(byline.includes(`发布时间:${formatLocalDateTime(parseOffsetDateTime(article.publishedAt)!)}`));
    assert.equal(seed[end], `责任编辑:${article.editor}`);
    assert.ok(seed[0]!.endsWith(article.breadcrumb!.map((b) => b.label).join(' > ')));
  });

  test('the seed photos point at the four demo illustrations with their proportions and alt text', () => {
    const article = valueOf(parseArticle(readFileSync(DEMO_ARTICLE, 'utf8')));
    const images = article.body.filter((b) => b.type === 'image');
    assert.deepEqual(
      images.map((b) => (b.type === 'image' ? [b.src, b.width, b.height, b.caption] : [])),
      [
        ['img/photo-1.svg', 1280, 853, '于长春院长考察抚顺县人民法院办公楼南侧空地'],
        ['img/photo-2.svg', 1280, 853, '于长春院长考察上马法庭'],
        ['img/photo-3.svg', 1280, 853, '于长春院长考察石文法庭'],
        ['img/photo-4.svg', 1280, 853, '在抚顺县人民法院召开座谈会'],
      ],
    );
    for (const image of images) {
      if (image.type !== 'image') continue;
      assert.ok(image.alt && /\S/.test(image.alt), `${image.src} has alt text`);
      assert.ok(!image.caption!.includes('▲'));
    }
  });

  test('the demo illustrations are small, self-contained SVGs of the photo proportions', () => {
    const svgs = new Set<string>();
    for (let i = 1; i <= 4; i++) {
      const url = new URL(`photo-${i}.svg`, DEMO_IMG);
      const svg = readFileSync(url, 'utf8');
      assert.ok(statSync(url).size < 2048, `photo-${i}.svg is under 2 KB`);
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* viewBox="0 0 1280 853"/);
      assert.match(svg, /<title>[^<]+<\/title>/);
      assert.doesNotMatch(svg.replace('xmlns="http://www.w3.org/2000/svg"', ''), /https?:|href|url\((?!#)|<script|<image|<text|<foreignObject|\bon\w+=/i);
      svgs.add(svg);
    }
    assert.equal(svgs.size, 4, 'the four illustrations differ');
  });

  test('the attachment points at a file that exists and gives its real size', () => {
    const article = valueOf(parseArticle(readFileSync(DEMO_ARTICLE, 'utf8')));
    const attachment = article.attachments![0]!;
    const file = new URL(`../../demo/${attachment.href}`, import.meta.url);
    assert.ok(existsSync(file), attachment.href);
    assert.equal(attachment.bytes, statSync(file).size);
  });

  test('the demo site data parses with no warnings and matches the seed footer', { skip: skipSeed }, () => {
    const result = parseSite(readFileSync(DEMO_SITE, 'utf8'));
    const site = valueOf(result);
    assert.deepEqual(result.warnings, []);
    const seed = readFileSync(SEED_URL, 'utf8');
    const footer = seed.slice(seed.indexOf('责任编辑'));
    for (const text of [site.address!, site.postcode!, site.transport!, site.copyright!, site.credits!, site.reportSite!.href]) {
      assert.ok(footer.includes(text), text);
    }
    assert.equal(site.postcode, '113006');
    for (const phone of site.phones!) assert.ok(footer.includes(`${phone.label}:${phone.number}`), phone.label);
    assert.ok(site.phones!.some((p) => p.number === '12368'));
    for (const link of site.links!) assert.ok(footer.includes(`[${link.label}]`), link.label);
    assert.equal(site.name, '辽宁省抚顺市中级人民法院');
  });
});

describe('model module graph', () => {
  test('the model and what it imports use no DOM, no Lit and no other package', () => {
    const seen = new Set<string>();
    const queue = readdirSync(new URL('../../src/model/', import.meta.url))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => new URL(`../../src/model/${name}`, import.meta.url).href);
    while (queue.length > 0) {
      const href = queue.pop()!;
      if (seen.has(href)) continue;
      seen.add(href);
      const source = readFileSync(new URL(href), 'utf8');
      const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      for (const [, specifier] of code.matchAll(/\bfrom\s+'([^']+)'/g)) {
        assert.ok(specifier!.startsWith('.'), `${href} imports ${specifier}`);
        queue.push(new URL(specifier!.replace(/\.js$/, '.ts'), href).href);
      }
      assert.doesNotMatch(code, /\b(?:document|window|self|globalThis)\s*[.[]|\b(?:customElements|HTMLElement|DOMParser|navigator)\b/, href);
    }
    assert.ok([...seen].some((href) => href.endsWith('/model/parse.ts')));
    assert.ok([...seen].some((href) => href.endsWith('/internal/url.ts')), 'follows imports out of model/');
  });
});
