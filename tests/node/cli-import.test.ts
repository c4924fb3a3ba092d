// `court-widgets import`: old court pages (fixtures in the styles of real court CMS
// templates, in GB2312, GBK, GB18030 and UTF-8) into court news JSON.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { parseArticle } from '../../src/model/index.js';
import type { Article } from '../../src/model/types.js';
import { charsetLabels, decodeHtml, declaredCharset, whatwgEncoding } from '../../src/import/charset.js';
import { stripSiteSuffix } from '../../src/import/extract.js';
import { bothScripts } from '../../src/internal/traditional.js';
import { parseCourtDate } from '../../src/import/date.js';
import { importPage } from '../../src/import/import-page.js';
import { importCommand } from '../../src/import/batch.js';
import type { ImportIssue } from '../../src/import/extract.js';
import { renderArticlePage } from '../../src/ssr/render-page.js';
import { byClass, htmlText, parse, root, runCli, shadowText, squash, textRuns } from './cli-helpers.js';

const pages = join(root, 'tests', 'fixtures', 'import', 'pages');

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

interface Fixture {
  file: string;
  /** How the bytes are really encoded (the test decodes with this, independently of the importer). */
  encoding: string;
  charset: string;
  charsetSource: string;
  /** Class of the element that holds the article body in this template. */
  bodyClass: string;
  /** How many pieces of page furniture the page's body holds (left out with a note); 2 when not given. */
  furniture?: number;
  expect: Partial<Article> & { headings?: string[]; captions?: string[]; breadcrumbLabels?: string[] };
}

const FIXTURES: Fixture[] = [
  {
    file: '01-chinacourt-detail.html', encoding: 'utf-8', charset: 'utf-8', charsetSource: 'meta', bodyClass: 'detail_txt',
    expect: {
      title: '于长春在抚顺县人民法院调研时强调',
      subtitle: '聚焦“人”,强班子强队伍 聚焦“案”,促公正提效率',
      author: '抚顺中院 宣教科',
      editor: '宣教科',
      publishedAt: '2024-02-28T20:54:53+08:00',
      breadcrumbLabels: ['首页', '新闻中心', '图片新闻'],
      headings: ['要解开“薄弱即是落后”的心结', '要秉持“奋楫争先勇向前”的决心', '要发扬“一以贯之抓落实”的作风', '要绘就“法院高质量发展”的蓝图'],
      captions: ['于长春院长考察抚顺县人民法院办公楼南侧空地', '于长春院长考察上马法庭', '于长春院长考察石文法庭', '在抚顺县人民法院召开座谈会'],
    },
  },
  {
    file: '02-table-layout-gb2312.html', encoding: 'gbk', charset: 'gb18030', charsetSource: 'meta', bodyClass: 'content',
    expect: {
      title: '清河县人民法院开展“送法进校园”活动',
      author: '刘镕',
      source: '本院',
      editor: '王芳',
      publishedAt: '2019-05-20T10:30:00+08:00',
      breadcrumbLabels: ['首页', '法院动态', '正文'],
    },
  },
  {
    file: '03-gbk-captions-attachments.html', encoding: 'gbk', charset: 'gb18030', charsetSource: 'meta', bodyClass: 'TRS_Editor',
    expect: {
      title: '江城中院召开2023年度执行工作推进会',
      source: '江城市中级人民法院',
      editor: '李晓梅',
      publishedAt: '2023-11-02T09:15:00+08:00',
      breadcrumbLabels: ['首页', '工作动态'],
      headings: ['一、前三季度执行工作成效明显', '二、第四季度重点任务'],
      captions: ['图为会议现场', '图为陈志远院长讲话', '“冬季攻坚”专项执行行动部署现场'],
      attachments: [
        { title: '1.江城市法院“冬季攻坚”专项执行行动工作方案.pdf', href: '/upload/2023/11/02/fangan.pdf', bytes: 183 * 1024 },
        { title: '2.执行案件统计表.xlsx', href: '/upload/2023/11/02/tongji.xlsx', bytes: Math.round(1.2 * 1024 * 1024) },
      ],
    },
  },
  {
    file: '04-gb18030-nested-divs.html', encoding: 'gb18030', charset: 'gb18030', charsetSource: 'meta', bodyClass: 'art-body',
    expect: {
      kicker: '践行新时代“枫桥经验”',
      title: '南岭区法院打造诉源治理新样板',
      subtitle: '一年化解矛盾纠纷三千余件',
      author: '王㛃 赵晨',
      source: '南岭区人民法院',
      publishedAt: '2024-03-15T00:00:00+08:00',
      breadcrumbLabels: ['首页', '法院动态', '特色工作'],
      headings: ['多元解纷 力量下沉', '数字赋能 便民高效'],
    },
  },
  {
    file: '05-utf8-bom-prevnext.html', encoding: 'utf-8', charset: 'utf-8', charsetSource: 'bom', bodyClass: 'news-text',
    expect: {
      title: '一起民间借贷纠纷案的调解始末',
      author: '张静',
      source: '北川县人民法院',
      url: 'https://bcxfy.example.cn/news/2022/0618/1042.html',
      publishedAt: '2022-06-18T16:20:05+08:00',
      prev: { title: '北川法院召开“六一”未成年人保护新闻发布会', href: '/news/2022/0615/1038.html' },
      next: { title: '北川法院开展端午节前廉政教育', href: '/news/2022/0620/1051.html' },
    },
  },
  {
    file: '06-trs-word-nocharset.html', encoding: 'utf-8', charset: 'utf-8', charsetSource: 'utf8-check', bodyClass: 'TRS_Editor',
    expect: {
      title: '关于2024年春节期间诉讼服务安排的公告',
      source: '东湖区人民法院办公室',
      publishedAt: '2024-02-05T11:00:00+08:00',
      breadcrumbLabels: ['首页', '法院公告'],
      headings: ['一、休假时间', '二、服务安排'],
    },
  },
  {
    // Table layout of the 2000s: the title only in <title> (with a site suffix) and in a
    // <font><b> of a cell, the body a <td><font> with &nbsp; indents and <br><br> breaks.
    file: '07-title-only-br-table.html', encoding: 'utf-8', charset: 'utf-8', charsetSource: 'meta', bodyClass: 'content14',
    expect: {
      title: '白河县人民法院巡回审判进山村 法官田间地头化纠纷',
      publishedAt: '2024-02-28T00:00:00+08:00',
      breadcrumbLabels: ['首页', '法院新闻'],
      headings: [],
      captions: ['巡回审判现场'],
    },
  },
  {
    // TRS: <span id="zoom"><div class="TRS_Editor">, photos without ▲ and a centred caption
    // line under each, an attachment link with a data: URL.
    file: '08-zoom-trs-center-caption.html', encoding: 'utf-8', charset: 'utf-8', charsetSource: 'meta', bodyClass: 'TRS_Editor',
    expect: {
      title: '青山区法院发出首份人身安全保护令',
      source: '青山区人民法院',
      publishedAt: '2024-02-28T20:54:00+08:00',
      breadcrumbLabels: ['首页', '新闻中心', '审判动态'],
      headings: ['法官说法'],
      captions: ['法官向当事人送达人身安全保护令', '青山区人民法院反家暴宣传活动现场'],
      attachments: [{ title: '人身安全保护令申请书.doc', href: '/upload/2024/sqs.doc' }],
    },
  },
  {
    // GBK, its meta charset after 1,024 bytes of comments; 来源 / 发布时间 / 作者 in one
    // <div class="info"> with &nbsp; separators; the body in nested <div>s; 下一篇：没有了.
    file: '09-gbk-late-meta-info.html', encoding: 'gbk', charset: 'gb18030', charsetSource: 'meta', bodyClass: 'd_content',
    expect: {
      title: '东岭市中级人民法院召开新闻发布会通报涉民营企业审判工作情况',
      author: '刘 洋',
      source: '东岭市中级人民法院',
      editor: '孙丽',
      publishedAt: '2024-02-28T20:54:53+08:00',
      breadcrumbLabels: ['首页', '法院新闻', '正文'],
      prev: { title: '东岭中院开展廉政教育', href: '/news/2024/0227/101.html' },
      next: undefined,
    },
  },
  {
    // A saved mp.weixin.qq.com page: #js_content hidden until WeChat's script runs, an empty
    // em#publish_time (the time is in var ct), a follow banner, QR code and 往期推荐 list.
    file: '10-wechat-saved-mp-page.html', encoding: 'utf-8', charset: 'utf-8', charsetSource: 'meta', bodyClass: 'rich_media_content', furniture: 9,
    expect: {
      title: '临江中院召开全市法院执行工作推进会',
      author: '执行局 周晓',
      source: '临江中院执行局',
      editor: '孙悦',
      publishedAt: '2024-03-05T13:30:00+08:00',
      headings: ['一、聚焦执行质效', '二、强化协同联动'],
      captions: ['会议现场', '陈立新院长讲话'],
    },
  },
  {
    // A TRS page whose body is WeChat markup pasted in: data-src photos on mmbiz.qpic.cn,
    // <section>s, grey centred captions, a follow banner, a QR code, 推荐阅读, 阅读原文.
    file: '11-trs-pasted-wechat.html', encoding: 'utf-8', charset: 'utf-8', charsetSource: 'meta', bodyClass: 'TRS_Editor', furniture: 4,
    expect: {
      title: '白沙县法院巡回法庭走进田间地头化解土地纠纷',
      source: '白沙县人民法院',
      editor: '赵敏',
      publishedAt: '2024-04-02T16:00:00+08:00',
      breadcrumbLabels: ['首页', '法院动态'],
      headings: ['三、以案释法 普法于民'],
      captions: ['图为巡回法庭在田间开庭', '法官向村民讲解民法典'],
    },
  },
  {
    // A saved WeChat page with two video frames (mpvideo and v.qq.com) and create_time.
    file: '12-wechat-video-article.html', encoding: 'utf-8', charset: 'utf-8', charsetSource: 'meta', bodyClass: 'rich_media_content',
    expect: {
      title: '法官说法｜电动自行车“飞线充电”引发火灾谁担责？',
      source: '东湖区人民法院',
      publishedAt: '2024-04-02T16:00:00+08:00',
      url: 'https://mp.weixin.qq.com/s/Qm7vR2kLx0',
      headings: [],
      captions: [],
    },
  },
];

function imported(fixture: Fixture) {
  const result = importPage(readFileSync(join(pages, fixture.file)), { id: fixture.file.replace(/\.html$/, '') });
  assert.ok(result.article, `${fixture.file} imported: ${result.issues.filter((i) => i.severity === 'error').map((i) => i.message).join('; ')}`);
  return { ...result, article: result.article };
}

/** Every text the article holds, html fields as their text. */
function articleTexts(a: Article): string[] {
  const out = [a.kicker, a.title, a.subtitle, a.author, a.source, a.editor, a.prev?.title, a.next?.title];
  for (const c of a.breadcrumb ?? []) out.push(c.label);
  for (const b of a.body) {
    if (b.type === 'paragraph') out.push(b.text ?? htmlText(b.html ?? ''));
    if (b.type === 'heading') out.push(b.text);
    if (b.type === 'image') out.push(b.caption, b.alt);
    if (b.type === 'html') out.push(htmlText(b.html));
  }
  for (const at of a.attachments ?? []) out.push(at.title);
  return out.filter((t): t is string => !!t);
}

/** The source page's body, decoded by the test itself. */
function sourceBody(fixture: Fixture) {
  const text = iconv.decode(readFileSync(join(pages, fixture.file)), fixture.encoding);
  const body = byClass(parse(text), fixture.bodyClass);
  assert.ok(body, `${fixture.file} has .${fixture.bodyClass}`);
  return body;
}

describe('charset detection', () => {
  test('the committed GBK, GB18030 and UTF-8-BOM fixtures are what make-gbk.mjs writes from their sources', () => {
    const targets: [string, string, boolean][] = [
      ['02-table-layout-gb2312.html', 'gbk', false],
      ['03-gbk-captions-attachments.html', 'gbk', false],
      ['04-gb18030-nested-divs.html', 'gb18030', false],
      ['05-utf8-bom-prevnext.html', 'utf-8', true],
      ['09-gbk-late-meta-info.html', 'gbk', false],
    ];
    for (const [name, encoding, bom] of targets) {
      const source = readFileSync(join(root, 'tests', 'fixtures', 'import', 'encoded-src', name), 'utf8');
      assert.ok(iconv.encode(source, encoding, { addBOM: bom }).equals(readFileSync(join(pages, name))), name);
    }
  });

  for (const fixture of FIXTURES) {
    test(`${fixture.file}: ${fixture.charsetSource} -> ${fixture.charset}`, () => {
      const decoded = decodeHtml(readFileSync(join(pages, fixture.file)));
      assert.equal(decoded.charset, fixture.charset);
      assert.equal(decoded.source, fixture.charsetSource);
      assert.equal(decoded.text.charCodeAt(0) === 0xfeff, false, 'no BOM left in the text');
      assert.ok(decoded.text.includes(fixture.expect.title!), 'the title decodes');
    });
  }

  test('a page labelled gb2312 with GBK-only characters decodes them (GB18030 is the superset)', () => {
    const decoded = decodeHtml(readFileSync(join(pages, '02-table-layout-gb2312.html')));
    assert.equal(decoded.declared, 'gb2312');
    assert.ok(decoded.text.includes('朱镕'), '镕 (U+9555) is not in GB2312');
  });

  test('a GB18030 four-byte character decodes', () => {
    const bytes = readFileSync(join(pages, '04-gb18030-nested-divs.html'));
    assert.ok(bytes.includes(Buffer.from([0x82, 0x30, 0xb7, 0x31])), 'the fixture holds 㛃 as four bytes');
    assert.ok(decodeHtml(bytes).text.includes('王㛃'));
  });

  test('a GBK meta tag after more than 1,024 bytes of comments is still found', () => {
    const bytes = readFileSync(join(pages, '09-gbk-late-meta-info.html'));
    assert.ok(bytes.indexOf(Buffer.from('<meta')) > 1024, 'the fixture declares its charset late');
    assert.equal(isValidUtf8(bytes), false, 'so a UTF-8 check could not have decoded it');
    const decoded = decodeHtml(bytes);
    assert.deepEqual([decoded.source, decoded.declared, decoded.charset], ['meta', 'gbk', 'gb18030']);
    assert.ok(decoded.text.includes('东岭市中级人民法院召开新闻发布会'));
  });

  test('a page that says gb2312 but was saved as UTF-8 is read as UTF-8, with a warning', () => {
    const page = '<html><head><meta charset="gb2312"><title>诉前调解化纠纷</title></head><body><div class="main_title">诉前调解化纠纷 邻里和睦暖人心</div><div class="main_info"><span>作者：陈明</span><span>来源：某某县人民法院</span><span>发布时间：2024-2-8 9:5:3</span></div><div class="main_content">3月5日，某某县人民法院成功调解一起邻里纠纷。<br>双方当事人因排水问题发生争执，多次协商未果。<br><br>承办法官实地查看后，组织双方调解，最终达成协议。</div></body></html>';
    const result = importPage(Buffer.from(page));
    assert.deepEqual([result.charset, result.charsetSource, result.declaredCharset], ['utf-8', 'meta-contradicted', 'gb2312']);
    assert.ok(result.issues.some((i) => i.code === 'charset-guessed' && i.severity === 'warning' && i.message.includes('"gb2312" but its bytes are UTF-8')));
    const a = result.article!;
    assert.equal(a.title, '诉前调解化纠纷 邻里和睦暖人心');
    // 作者 / 来源 / 发布时间 in adjacent <span>s with no space between them.
    assert.deepEqual([a.author, a.source, a.publishedAt], ['陈明', '某某县人民法院', '2024-02-08T09:05:03+08:00']);
    assert.deepEqual(a.body.map((b) => (b as { text: string }).text), [
      '3月5日，某某县人民法院成功调解一起邻里纠纷。',
      '双方当事人因排水问题发生争执，多次协商未果。',
      '承办法官实地查看后，组织双方调解，最终达成协议。',
    ]);
    const gbk = importPage(iconv.encode(page, 'gbk'));
    assert.deepEqual([gbk.charsetSource, gbk.article?.title], ['meta', '诉前调解化纠纷 邻里和睦暖人心'], 'the same page really in GBK');
  });

  test('BOM wins over the meta tag; UTF-16 BOMs decode', () => {
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<meta charset="gbk"><p>法院</p>')]);
    assert.deepEqual([decodeHtml(utf8).charset, decodeHtml(utf8).source], ['utf-8', 'bom']);
    assert.ok(decodeHtml(utf8).text.includes('法院'));
    const utf16 = iconv.encode('<p>人民法院</p>', 'utf-16le', { addBOM: true });
    assert.equal(decodeHtml(utf16).charset, 'utf-16le');
    assert.ok(decodeHtml(utf16).text.includes('人民法院'));
  });

  test('meta charset forms: http-equiv with quotes, upper case, charset attribute', () => {
    assert.equal(declaredCharset(Buffer.from(`<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset='GBK'">`)), 'GBK');
    assert.equal(declaredCharset(Buffer.from('<meta http-equiv=content-type content="text/html;charset=gb2312">')), 'gb2312');
    assert.equal(declaredCharset(Buffer.from('<meta charset=gb18030>')), 'gb18030');
    assert.equal(declaredCharset(Buffer.from('<meta name="description" content="charset=gbk">')), undefined);
  });

  test('only the first 4096 bytes are sniffed; without a declaration, UTF-8 is checked, then GB18030', () => {
    const late = Buffer.concat([Buffer.from(`<!-- ${'x'.repeat(5000)} -->`), iconv.encode('<meta charset="gbk"><p>人民法院</p>', 'gbk')]);
    const decoded = decodeHtml(late);
    assert.equal(decoded.source, 'fallback', 'not valid UTF-8, no declaration seen');
    assert.equal(decoded.charset, 'gb18030');
    assert.ok(decoded.text.includes('人民法院'));
  });

  test('--charset overrides detection; an unknown label is an error, not a guess', () => {
    const bytes = iconv.encode('<meta charset="utf-8"><title>法院</title>', 'gbk');
    assert.ok(decodeHtml(bytes, 'gbk').text.includes('法院'));
    const result = importPage(bytes, { charset: 'no-such-charset' });
    assert.equal(result.article, undefined);
    assert.equal(result.issues[0]?.code, 'charset-unknown');
  });
});

describe('dates', () => {
  test('court page dates become ISO 8601 with +08:00 when no offset is given', () => {
    assert.equal(parseCourtDate('2024-02-28 20:54:53')?.iso, '2024-02-28T20:54:53+08:00');
    assert.equal(parseCourtDate('发布时间：2024年2月8日 9:05')?.iso, '2024-02-08T09:05:00+08:00');
    assert.equal(parseCourtDate('2024/2/8')?.iso, '2024-02-08T00:00:00+08:00');
    assert.equal(parseCourtDate('2024年2月28日 20:54')?.iso, '2024-02-28T20:54:00+08:00');
    assert.equal(parseCourtDate('发布时间：2024/2/28')?.iso, '2024-02-28T00:00:00+08:00');
    assert.equal(parseCourtDate('2024-02-28T20:54:53+09:00')?.iso, '2024-02-28T20:54:53+09:00');
    assert.equal(parseCourtDate('2024-02-28T20:54:53+09:00')?.offsetAssumed, false);
    assert.equal(parseCourtDate('2024-02-30'), undefined);
  });

  test('the assumed offset is reported; an explicit one is kept', () => {
    const page = (pubDate: string) => Buffer.from(`<meta charset="utf-8"><meta name="PubDate" content="${pubDate}"><h1>标题文字测试</h1><div><p>这是一段足够长的正文内容，用来测试导入。</p></div>`);
    const assumed = importPage(page('2024-01-02 10:00'));
    assert.equal(assumed.article?.publishedAt, '2024-01-02T10:00:00+08:00');
    assert.ok(assumed.issues.some((i) => i.code === 'offset-assumed' && i.path === 'publishedAt'));
    const explicit = importPage(page('2024-01-02T10:00:00+09:00'));
    assert.equal(explicit.article?.publishedAt, '2024-01-02T10:00:00+09:00');
    assert.equal(explicit.issues.some((i) => i.code === 'offset-assumed'), false);
  });
});

describe('mapping court pages to the contract', () => {
  for (const fixture of FIXTURES) {
    test(`${fixture.file}: fields, blocks, and valid contract JSON`, () => {
      const { article } = imported(fixture);
      const checked = parseArticle(JSON.parse(JSON.stringify(article)));
      assert.ok(checked.ok, 'parseArticle accepts the output');
      const { headings, captions, breadcrumbLabels, ...fields } = fixture.expect;
      for (const [key, value] of Object.entries(fields)) {
        assert.deepEqual(article[key as keyof Article], value, key);
      }
      if (breadcrumbLabels) assert.deepEqual(article.breadcrumb?.map((c) => c.label), breadcrumbLabels);
      if (headings) {
        assert.deepEqual(article.body.filter((b) => b.type === 'heading').map((b) => (b as { text: string }).text), headings);
      }
      if (captions) {
        assert.deepEqual(article.body.filter((b) => b.type === 'image').map((b) => (b as { caption?: string }).caption), captions);
      }
      for (const b of article.body) {
        if (b.type === 'image') assert.ok(!/^[▲△]/.test(b.caption ?? ''), 'the ▲ marker is left to the element');
      }
    });
  }

  test('the chinacourt page gives the seed article: every paragraph, in order', () => {
    const { article } = imported(FIXTURES[0]!);
    const seed = JSON.parse(readFileSync(join(root, 'demo', 'data', 'seed-article.json'), 'utf8')) as Article;
    const texts = (a: Article) => a.body.map((b) => (b.type === 'image' ? `image:${b.caption}` : b.type === 'paragraph' ? b.text ?? htmlText(b.html ?? '') : b.type === 'heading' ? `h:${b.text}` : 'html'));
    assert.deepEqual(texts(article), texts(seed));
  });

  test('a data table is kept as an html block; layout tables are walked through', () => {
    const { article } = imported(FIXTURES[1]!);
    const tables = article.body.filter((b) => b.type === 'html');
    assert.equal(tables.length, 1);
    assert.match((tables[0] as { html: string }).html, /^<table>.*<th>年份<\/th>.*<td>14200<\/td>.*<\/table>$/);
    const word = imported(FIXTURES[5]!).article.body.filter((b) => b.type === 'html');
    assert.equal(word.length, 1, 'the Word table is a data table');
    assert.doesNotMatch((word[0] as { html: string }).html, /style|class|Mso/);
  });

  test('a side box with a "title" class does not win over the article title', () => {
    const html = `<!doctype html><meta charset="utf-8"><title>某某法院审结一起劳动争议案_法院动态_某某人民法院</title>
      <div class="left"><div class="title">法院动态</div><ul><li><a href="/1.html">某某法院召开党组会议</a></li></ul></div>
      <div class="right">
        <div class="title">某某法院审结一起劳动争议案</div>
        <div class="info">发布时间：2024-04-01 09:00</div>
        <div class="content"><p>近日，某某法院审结一起劳动争议案件，依法支持了劳动者追索劳动报酬的诉讼请求。</p>
        <p>法官提示，用人单位应依法足额支付劳动报酬，劳动者也应注意保留工作证据。</p></div>
      </div>`;
    const result = importPage(Buffer.from(html));
    assert.equal(result.article?.title, '某某法院审结一起劳动争议案');
    assert.equal(result.article?.body.length, 2);
  });

  test('sentences that look like labels stay article text (开庭公告, a mention of 上篇)', () => {
    const html = `<meta charset="utf-8"><h1>某某法院开庭公告</h1><div class="info">发布时间：2024-02-20 08:00</div>
      <div class="text">
        <p>本院定于下列时间公开开庭审理原告张某与被告李某民间借贷纠纷一案。</p>
        <p>时间：2024年3月1日上午9时 地点：本院第一法庭</p>
        <p>上篇文章介绍了立案流程，本篇介绍开庭须知，欢迎旁听。</p>
      </div>`;
    const result = importPage(Buffer.from(html));
    assert.equal(result.article?.publishedAt, '2024-02-20T08:00:00+08:00');
    assert.deepEqual(result.article?.body.map((b) => (b as { text?: string }).text), [
      '本院定于下列时间公开开庭审理原告张某与被告李某民间借贷纠纷一案。',
      '时间：2024年3月1日上午9时 地点：本院第一法庭',
      '上篇文章介绍了立案流程，本篇介绍开庭须知，欢迎旁听。',
    ]);
    assert.equal(result.article?.prev, undefined);
  });

  test('--base-url resolves relative links and images', () => {
    const html = '<meta charset="utf-8"><h1>某某法院开展普法宣传活动</h1><div>发布时间：2024-04-01</div><div class="text"><p>某某法院开展普法宣传活动，发放宣传资料三百余份，<a href="../rules.html">详见</a>。</p><p><img src="img/1.jpg"></p><p>图为活动现场</p></div>';
    const result = importPage(Buffer.from(html), { baseUrl: 'https://court.example.cn/news/2024/a.html' });
    const body = result.article!.body;
    assert.ok(body.some((b) => b.type === 'paragraph' && b.html?.includes('href="https://court.example.cn/news/rules.html"')));
    assert.deepEqual(body.find((b) => b.type === 'image'), { type: 'image', src: 'https://court.example.cn/news/2024/img/1.jpg', caption: '图为活动现场', alt: '图为活动现场' });
  });

  test('inline markup survives as paragraph html; unsafe links are dropped and reported', () => {
    const result = imported(FIXTURES[4]!);
    const paragraphs = result.article.body.filter((b) => b.type === 'paragraph');
    assert.ok(paragraphs.some((p) => p.html?.includes('<strong>诉讼服务中心</strong>')));
    assert.ok(paragraphs.some((p) => p.html?.includes('<a href="/case/2022/rules.html">本院调解规程</a>')));
    assert.equal(JSON.stringify(result.article).includes('javascript'), false);
    assert.ok(result.issues.some((i) => i.code === 'unsafe-url' && i.severity === 'warning' && i.message.includes('javascript:alert(1)')));
    assert.ok(paragraphs.some((p) => (p.html ?? p.text ?? '').includes('耐心释法')), 'the link text stays');
  });
});

describe('messy pages of real templates', () => {
  const fixture = (name: string) => FIXTURES.find((f) => f.file === name)!;
  const texts = (a: Article) => a.body.map((b) => (b.type === 'paragraph' ? b.text ?? htmlText(b.html ?? '') : b.type === 'heading' ? b.text : ''));

  test('a title printed only in a <font><b> cell is the title, once: not a heading or a paragraph too', () => {
    const { article, issues } = imported(fixture('07-title-only-br-table.html'));
    assert.equal(texts(article).filter((t) => squash(t) === squash(article.title)).length, 0);
    assert.ok(issues.some((i) => i.code === 'title-from-head' && i.message.includes('<b>')));
    assert.equal(texts(article).some((t) => t.includes('首页')), false, 'the 当前位置 trail without a label (class "weizhi") is the breadcrumb, not body');
  });

  test('&nbsp; indents and <br><br> breaks in a table cell become separate paragraphs, print links are no text', () => {
    const { article } = imported(fixture('07-title-only-br-table.html'));
    const paragraphs = article.body.filter((b) => b.type === 'paragraph').map((b) => (b as { text: string }).text);
    assert.equal(paragraphs.length, 4);
    assert.ok(paragraphs[0]!.startsWith('2月26日，白河县人民法院'), 'no leading &nbsp; left');
    assert.ok(paragraphs[3]!.startsWith('庭审结束后'));
    assert.deepEqual(article.body.map((b) => b.type), ['paragraph', 'paragraph', 'paragraph', 'image', 'paragraph']);
    assert.equal(JSON.stringify(article).includes('打印本页'), false);
    assert.equal(JSON.stringify(article).includes('版权所有'), false);
  });

  test('<title> site suffixes are cut, dashes inside a title are kept', () => {
    assert.equal(stripSiteSuffix('白河县法院巡回审判进山村_法院新闻_白河县人民法院网'), '白河县法院巡回审判进山村');
    assert.equal(stripSiteSuffix('青山区法院发出首份人身安全保护令 - 青山区人民法院'), '青山区法院发出首份人身安全保护令');
    assert.equal(stripSiteSuffix('青山区法院发出首份人身安全保护令-青山区人民法院'), '青山区法院发出首份人身安全保护令');
    assert.equal(stripSiteSuffix('执行攻坚——某某法院在行动'), '执行攻坚——某某法院在行动');
    assert.equal(stripSiteSuffix('执行攻坚——聚焦执行难_某某法院网'), '执行攻坚——聚焦执行难');
    const page = '<meta charset="utf-8"><title>某某法院开展送法进社区活动-某某人民法院</title><div class="date">发布日期：2024-03-01</div><div class="text"><p>3月1日，某某法院干警走进社区开展普法宣传，发放资料二百余份。</p></div>';
    const result = importPage(Buffer.from(page));
    assert.equal(result.article?.title, '某某法院开展送法进社区活动');
    assert.ok(result.issues.some((i) => i.code === 'title-from-head' && i.severity === 'info'));
  });

  test('a centred line under a photo is its caption; a centred line elsewhere, or a sentence, stays a paragraph', () => {
    const { article, issues } = imported(fixture('08-zoom-trs-center-caption.html'));
    assert.equal(texts(article).some((t) => t.includes('法官向当事人送达')), false, 'not a paragraph too');
    assert.equal(issues.filter((i) => i.code === 'caption-inferred').length, 2);
    const page = (inner: string) => Buffer.from(`<meta charset="utf-8"><h1>某某法院召开院务会议</h1><div class="info">发布时间：2024-03-01 09:00</div><div class="text">${inner}</div>`);
    const notAfterImage = importPage(page('<p>会议由院长主持，全体院领导参加，研究部署了下一阶段工作。</p><p style="text-align:center">某某法院办公室</p>'));
    assert.deepEqual(notAfterImage.article?.body.at(-1), { type: 'paragraph', text: '某某法院办公室', align: 'center' });
    const sentence = importPage(page('<p><img src="/a.jpg"></p><p align="center">会议由院长主持，全体院领导参加。</p>'));
    assert.deepEqual(sentence.article?.body.map((b) => b.type), ['image', 'paragraph']);
    const center = importPage(page('<p><img src="/a.jpg"></p><center>会议现场</center><p>会议由院长主持，全体院领导参加，研究部署了下一阶段工作。</p>'));
    assert.deepEqual(center.article?.body[0], { type: 'image', src: '/a.jpg', caption: '会议现场', alt: '会议现场' });
    // Photo and caption in one centred <p>, split by <br>; a centred <div> passes its alignment on.
    const samePara = importPage(page('<p align="center"><img src="/a.jpg"><br>法官向当事人释法说理</p><div style="text-align:center"><p><img src="/b.jpg"></p><p>庭审现场</p></div><p>会议由院长主持，全体院领导参加，研究部署了下一阶段工作。</p>'));
    assert.deepEqual(samePara.article?.body.slice(0, 2).map((b) => (b as { caption?: string }).caption), ['法官向当事人释法说理', '庭审现场']);
    assert.equal(samePara.article?.body.length, 3);
  });

  test('a right-aligned 落款 and a short centred line keep their alignment; long lines and a centred page layout do not', () => {
    const page = (inner: string, htmlAttrs = '') => Buffer.from(`<html${htmlAttrs}><meta charset="utf-8"><h1>某某法院公告</h1><div class="info">发布时间：2024-03-01 09:00</div><div class="text">${inner}</div></html>`);
    const notice = '<p>　　本院定于2024年3月15日上午9时在第一法庭公开开庭审理原告某公司与被告某某买卖合同纠纷一案。</p><p>　　特此公告。</p>';
    const aligned = (body: readonly { type: string; align?: string; text?: string; html?: string }[] | undefined) =>
      (body ?? []).map((b) => `${b.align ?? '-'}:${b.text ?? squash(htmlText(b.html ?? ''))}`);
    // <p align="right"> with a <br>, and a style in a Word paste; a <center> line; <p align="left"> is ordinary.
    const signed = importPage(page(`${notice}<p align="right">某某市中级人民法院<br>二〇二四年三月一日</p><p style="TEXT-ALIGN: right"><span>（联系电话：<b>024-57719303</b>）</span></p><center>（完）</center><p align="left">附：开庭地点见法院公告栏。</p>`));
    assert.deepEqual(aligned(signed.article?.body), [
      '-:本院定于2024年3月15日上午9时在第一法庭公开开庭审理原告某公司与被告某某买卖合同纠纷一案。',
      '-:特此公告。',
      'end:某某市中级人民法院',
      'end:二〇二四年三月一日',
      'end:（联系电话：024-57719303）',
      'center:（完）',
      '-:附：开庭地点见法院公告栏。',
    ]);
    assert.equal(parseArticle(signed.article).ok, true);
    // A long right-aligned or centred line is text set oddly, not a line set apart.
    const long = '经审理查明，被告未按约定期限支付货款，原告多次催要未果，遂诉至本院，请求判令被告支付货款及利息，本院依法适用普通程序审理。';
    const longLines = importPage(page(`${notice}<p align="right">${long}</p><p style="text-align:center">${long}</p>`));
    assert.deepEqual(aligned(longLines.article?.body).slice(2), [`-:${long}`, `-:${long}`]);
    // A whole article in a centred box (<div align="center"> / <td align="center"> around it) is the page's layout.
    const lines = ['第一段短句。', '第二段短句。', '第三段短句。', '第四段短句。', '第五段短句。'];
    const centredLayout = importPage(page(`<div align="center">${lines.map((l) => `<p>${l}</p>`).join('')}<p align="right">某某法院</p></div>`));
    assert.deepEqual(aligned(centredLayout.article?.body), [...lines.map((l) => `-:${l}`), 'end:某某法院']);
    // Right to left (Uyghur): the 落款 ends on the left; align="right" is where its lines start.
    const rtl = importPage(page('<p>بۇ سوت ئېلانى، ھەممە كىشىلەرگە ئۇقتۇرۇش قىلىنىدۇ ۋە بۇ يەردە ئوقۇلىدۇ.</p><p align="left">فۇشۇن شەھەرلىك سوت</p><p align="right">ئادەتتىكى قۇر</p>', ' lang="ug" dir="rtl"'));
    assert.deepEqual(aligned(rtl.article?.body).map((t) => t.split(':')[0]), ['-', 'end', '-']);
  });

  test('a 落款 of three lines or more and the signature block of a 公告送达裁定书 keep their alignment; long lines aligned alike are the page layout', () => {
    const aligned = (body: readonly { type: string; align?: string; text?: string; html?: string }[] | undefined) =>
      (body ?? []).map((b) => `${b.align ?? '-'}:${b.text ?? squash(htmlText(b.html ?? ''))}`);
    const hearing = '本院定于2024年3月15日上午9时，在本院第一审判法庭公开开庭审理原告某商贸有限公司与被告某建材有限公司买卖合同纠纷一案，并通过中国庭审公开网全程直播，欢迎社会各界人士旁听。';
    // A TRS page in upper-case markup: court, date and 联系人 to the right under a short notice.
    const upper = importPage(Buffer.from(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" /><title>开庭公告三_抚顺市中级人民法院</title></head><body><div class="main"><h1 class="title">开庭公告三</h1><div class="info">发布时间：2024-02-28 10:30:00　来源：抚顺中院　作者：宣教科</div><div class="TRS_Editor"><P style="TEXT-INDENT: 2em">${hearing}</P><P style="TEXT-INDENT: 2em">特此公告。</P><P style="TEXT-ALIGN: right">抚顺市中级人民法院</P><P style="TEXT-ALIGN: right">二〇二四年二月二十八日</P><P ALIGN=RIGHT>（联系人：王法官）</P></div></div></body></html>`));
    assert.deepEqual(aligned(upper.article?.body), [`-:${hearing}`, '-:特此公告。', 'end:抚顺市中级人民法院', 'end:二〇二四年二月二十八日', 'end:（联系人：王法官）']);
    // 公告送达裁定书: centred heads, the 案号 and a five-line signature block to the right; the running text is not aligned.
    const songda = importPage(Buffer.from(`<html><head><meta charset="utf-8"><title>公告送达裁定书</title></head><body><div class="content"><h1>公告送达裁定书</h1><p>发布时间：2024-02-28 10:30</p><p style="text-align:center">辽宁省抚顺市中级人民法院</p><p style="text-align:center">民事裁定书</p><p style="text-align:right">（2024）辽04民初12号</p><p style="text-indent:2em">${hearing}</p><p style="text-indent:2em">${hearing}</p><p style="text-indent:2em">依照《中华人民共和国民事诉讼法》第一百五十七条规定，裁定如下：准许原告撤回起诉。</p><p style="text-align:right">审　判　长　　张　三</p><p style="text-align:right">审　判　员　　李　四</p><p style="text-align:right">审　判　员　　王　五</p><p style="text-align:right">二〇二四年二月二十八日</p><p style="text-align:right">书　记　员　　赵　六</p></div></body></html>`));
    assert.deepEqual(aligned(songda.article?.body).map((t) => t.split(':')[0]), ['center', 'center', 'end', '-', '-', '-', 'end', 'end', 'end', 'end', 'end']);
    assert.equal(parseArticle(songda.article).ok, true);
    // Running text centred by a box around the article is the page's layout: its short lines are not set apart, the 落款 still is.
    const centred = importPage(Buffer.from(`<html><meta charset="utf-8"><h1>某某法院公告</h1><div class="info">发布时间：2024-03-01 09:00</div><div class="text"><div align="center"><p>${hearing}</p><p>${hearing}</p><p>特此公告。</p><p align="right">某某市中级人民法院</p><p align="right">二〇二四年三月一日</p><p align="right">（联系人：王法官）</p></div></div></html>`));
    assert.deepEqual(aligned(centred.article?.body), [`-:${hearing}`, `-:${hearing}`, '-:特此公告。', 'end:某某市中级人民法院', 'end:二〇二四年三月一日', 'end:（联系人：王法官）']);
  });

  test('a bold 落款 set to the right stays a paragraph aligned to the end, not a section heading', () => {
    const hearing = '本院定于2024年3月15日上午9时，在本院第一审判法庭公开开庭审理原告某商贸有限公司与被告某建材有限公司买卖合同纠纷一案，并通过中国庭审公开网全程直播，欢迎社会各界人士旁听。';
    const result = importPage(Buffer.from(`<html><head><meta charset="utf-8"><title>开庭公告九</title></head><body><div class="content"><h1>开庭公告九</h1><p>发布时间：2024-02-28 10:30</p><p>${hearing}</p><p>${hearing}</p><p>特此公告。</p><p align="right"><b>抚顺市中级人民法院</b></p><p align="right"><strong>二〇二四年二月二十八日</strong></p><p><b>二、其他事项</b></p></div></body></html>`));
    assert.deepEqual(result.article?.body.slice(3), [
      { type: 'paragraph', html: '<b>抚顺市中级人民法院</b>', align: 'end' },
      { type: 'paragraph', html: '<strong>二〇二四年二月二十八日</strong>', align: 'end' },
      { type: 'heading', level: 2, text: '二、其他事项' },
    ]);
    assert.deepEqual(result.issues.filter((i) => i.code === 'heading-inferred').map((i) => i.text), ['二、其他事项']);
  });

  test('a short 落款 line pushed to the right by a long run of full-width spaces or &nbsp; is aligned to the end; an indent or the source\'s own line breaks are not', () => {
    const hearing = '本院定于2024年3月15日上午9时，在本院第一审判法庭公开开庭审理原告某商贸有限公司与被告某建材有限公司买卖合同纠纷一案，并通过中国庭审公开网全程直播，欢迎社会各界人士旁听。';
    const result = importPage(Buffer.from(`<html><head><meta charset="utf-8"><title>开庭公告八_抚顺市中级人民法院</title></head><body><div class="main"><h1 class="title">开庭公告八</h1><div class="info">发布时间：2024-02-28 10:30:00</div><div class="content"><p>　　${hearing}</p><p>　　特此公告。</p><p>${'　'.repeat(20)}抚顺市中级人民法院</p><p>${'&nbsp;'.repeat(32)}二〇二四年二月二十八日</p><p>${'&nbsp; '.repeat(8)}（联系人：王法官）</p><p>\n${' '.repeat(40)}附：开庭地点见法院公告栏。</p><p>${'　'.repeat(7)}短行</p></div></div></body></html>`));
    assert.deepEqual(result.article?.body.map((b) => `${(b as { align?: string }).align ?? '-'}:${(b as { text?: string }).text}`), [
      `-:${hearing}`,
      '-:特此公告。',
      'end:抚顺市中级人民法院',
      'end:二〇二四年二月二十八日',
      'end:（联系人：王法官）',
      '-:附：开庭地点见法院公告栏。',
      '-:短行',
    ]);
  });

  test('a Uyghur page whose template says lang="zh-CN" (or nothing) is read as ug, right to left, with a note; a Chinese page quoting Uyghur stays Chinese', () => {
    const body = `<h1>ئوچۇق سوت ئېچىش ئۇقتۇرۇشى</h1><div class="info">发布时间：2024-02-28</div><div class="content">
      <p style="text-align:right">بۇ مەھكىمە 2024-يىلى 3-ئاينىڭ 15-كۈنى سائەت 9 دا بىرىنچى سوت زالىدا ئوچۇق سوت ئاچىدۇ، ئاممىنىڭ ئاڭلىشىنى قارشى ئالىمىز.</p>
      <p>بۇ ئۇقتۇرۇش.</p>
      <p style="text-align:left">فۇشۇن شەھەرلىك ئوتتۇرا خەلق سوت مەھكىمىسى</p>
      <p align="left">2024-يىلى 2-ئاينىڭ 28-كۈنى</p></div>`;
    for (const htmlAttrs of [' lang="zh-CN"', '']) {
      const result = importPage(Buffer.from(`<html${htmlAttrs}><head><meta charset="utf-8"><title>ئۇقتۇرۇش</title></head><body>${body}</body></html>`));
      assert.ok(result.article, JSON.stringify(result.issues));
      assert.equal(result.article.lang, 'ug', htmlAttrs);
      // Right to left: the long body line set right is where its lines start; the 落款 set left ends them.
      assert.deepEqual(result.article.body.map((b) => (b as { align?: string }).align ?? '-'), ['-', '-', 'end', 'end'], htmlAttrs);
      const note = result.issues.find((i) => i.code === 'lang-inferred');
      assert.equal(note?.severity, 'info');
      assert.match(note?.message ?? '', htmlAttrs ? /says "zh-CN" but its text is in Arabic script \(\d+% of the letters\): read as Uyghur \(ug\)/ : /names no language/);
    }
    const chinese = importPage(Buffer.from(`<html lang="zh-CN"><meta charset="utf-8"><h1>双语法庭开庭</h1><div class="info">发布时间：2024-02-28</div><div class="text"><p>本院以国家通用语言和维吾尔语（ئۇيغۇر تىلى）双语公开开庭审理一起民事案件，当事人对判决结果表示满意，当庭表示不上诉。</p></div></html>`));
    assert.equal(chinese.article?.lang, 'zh-CN');
    assert.equal(chinese.issues.some((i) => i.code === 'lang-inferred'), false);
  });

  test('aligned paragraphs come back from a rendered page with their alignment, left to right and right to left', () => {
    for (const lang of ['zh-CN', 'ug']) {
      const article: Article = {
        version: 1, lang, title: '某某法院公告', publishedAt: '2024-03-01T09:00:00+08:00',
        body: [
          { type: 'paragraph', text: '本院定于2024年3月15日上午9时在第一法庭公开开庭审理原告某公司与被告某某买卖合同纠纷一案。' },
          { type: 'paragraph', text: '某某市中级人民法院', align: 'end' },
          { type: 'paragraph', html: '二〇二四年<b>三月一日</b>', align: 'end' },
          { type: 'paragraph', text: '（完）', align: 'center' },
        ],
      };
      const page = renderArticlePage(article);
      assert.match(page, lang === 'ug' ? /<p align="left">某某市中级人民法院<\/p>/ : /<p align="right">某某市中级人民法院<\/p>/);
      assert.match(page, /<p data-readable data-align="end">/);
      const back = importPage(Buffer.from(page)).article;
      assert.deepEqual(back?.body.map((b) => (b as { align?: string }).align ?? '-'), ['-', 'end', 'end', 'center'], lang);
    }
  });

  test('an attachment with a data: URL is reported with its name and dropped; the safe one is kept', () => {
    const { article, issues } = imported(fixture('08-zoom-trs-center-caption.html'));
    assert.equal(JSON.stringify(article).includes('data:'), false);
    const dropped = issues.find((i) => i.code === 'unsafe-url' && i.path === 'attachments[0].href');
    assert.ok(dropped);
    assert.equal(dropped.severity, 'warning');
    assert.equal(dropped.text, '申请书模板.pdf');
    assert.match(dropped.message, /申请书模板\.pdf.*data:application\/pdf/);
  });

  test('a 情况通报 in <div id="zoom">: centred bold title, 文章来源 / 发布日期 line, （图为…） caption, signature kept', () => {
    const html = `<html><head><meta charset="utf-8"><title>关于某某案件的情况通报--某某市中级人民法院</title></head><body>
      <div class="dqwz">您所在的位置：<a href="/">首页</a> → <a href="/tzgg/">通知公告</a></div>
      <table width="100%"><tr><td><div id="zoom">
      <p align="center"><strong><span style="font-size:22px">关于某某案件的情况通报</span></strong></p>
      <p align="center">文章来源：某某市中级人民法院　　发布日期：2024年02月08日　　浏览次数：<span>12</span></p>
      <p>　　近日，网络上出现有关某某案件的不实信息，引发社会关注。现将有关情况通报如下：</p>
      <p>　　<b>一、案件基本情况</b></p>
      <p>　　2023年5月，原告某公司诉至本院。<br/>　　经审理查明，被告未按约支付货款。</p>
      <p><img src="/upload/1.jpg"/></p>
      <p>（图为庭审现场）</p>
      <p align="right">某某市中级人民法院<br/>2024年2月8日</p>
      </div></td></tr></table></body></html>`;
    const result = importPage(Buffer.from(html));
    assert.ok(result.article);
    const a = result.article;
    assert.deepEqual([a.title, a.source, a.publishedAt], ['关于某某案件的情况通报', '某某市中级人民法院', '2024-02-08T00:00:00+08:00']);
    assert.deepEqual(a.breadcrumb?.map((c) => c.label), ['首页', '通知公告']);
    assert.deepEqual(a.body.map((b) => (b.type === 'image' ? `image:${b.caption}` : b.type === 'heading' ? `h:${b.text}` : b.type === 'paragraph' ? b.text : b.type)), [
      '近日，网络上出现有关某某案件的不实信息，引发社会关注。现将有关情况通报如下：',
      'h:一、案件基本情况',
      '2023年5月，原告某公司诉至本院。',
      '经审理查明，被告未按约支付货款。',
      'image:图为庭审现场',
      '某某市中级人民法院',
      '2024年2月8日',
    ]);
  });

  test('an unlabelled date line in a "sub" box is the byline, not a 副题 or a paragraph; a 上一篇 / 下一篇 list is no html block', () => {
    const html = `<html><head><meta charset="utf-8"><title>某某法院召开廉政警示教育大会_某某法院</title></head><body>
      <div class="article">
       <div class="tit"><h1>某某法院召开廉政警示教育大会</h1></div>
       <div class="sub"><span>2024-02-28</span><span>某某法院政治部</span></div>
       <div class="con"><p>2月28日，某某法院召开廉政警示教育大会，全体干警参加会议。</p>
        <p>会议通报了近期查处的典型案例，要求全院干警引以为戒，筑牢拒腐防变思想防线。</p></div>
       <ul class="pn"><li>上一篇：<a href="/x/1.html" title="某某法院开展执行攻坚行动动员部署会议">某某法院开展执行攻坚…</a></li><li>下一篇：<a href="/x/3.html">某某法院举办青年干警读书分享会</a></li></ul>
      </div></body></html>`;
    const result = importPage(Buffer.from(html));
    const a = result.article!;
    assert.equal(a.subtitle, undefined);
    assert.equal(a.publishedAt, '2024-02-28T00:00:00+08:00');
    assert.deepEqual(a.body.map((b) => b.type), ['paragraph', 'paragraph']);
    assert.equal(a.prev?.title, '某某法院开展执行攻坚行动动员部署会议');
    assert.equal(a.next?.href, '/x/3.html');
    const line = result.issues.find((i) => i.code === 'byline-read' && i.path === 'publishedAt');
    assert.equal(line?.text, '2024-02-28 某某法院政治部', 'the unlabelled 来源 is quoted in the report');
  });

  test('a title in an "article-header" box is the title; the site name in a header <h1> is not', () => {
    const page = (title: string) => Buffer.from(`<!doctype html><html lang="zh-cn"><head><meta charset="utf-8"><title>${title}</title></head><body>
      <div class="header"><h1>某某市中级人民法院</h1><div class="logo"><img src="/logo.png" alt="某某法院"></div></div>
      <main><article><div class="article-header"><h1>少年法庭开展模拟法庭进校园活动</h1>
      <p class="meta">发布时间：2024年3月5日&nbsp;&nbsp;来源：少年审判庭</p></div>
      <section class="article-body"><p>3月5日，某某法院少年法庭走进某某中学，开展“模拟法庭”进校园活动。</p>
      <figure><img src="/i/1.jpg" alt=""><figcaption>学生们扮演法官、公诉人和辩护人</figcaption></figure>
      <p>活动中，法官结合案例向同学们讲解了未成年人保护法的相关规定。</p></section></article></main>
      <footer>版权所有 某某市中级人民法院</footer></body></html>`);
    for (const title of ['某某法院网', '少年法庭开展模拟法庭进校园活动_某某市中级人民法院']) {
      const result = importPage(page(title));
      assert.equal(result.article?.title, '少年法庭开展模拟法庭进校园活动', `<title>${title}</title>`);
      assert.equal(result.article?.source, '少年审判庭');
      assert.deepEqual(result.article?.body.map((b) => b.type), ['paragraph', 'image', 'paragraph']);
    }
  });

  test('来源 / 发布时间 / 作者 in one <div class="info"> with &nbsp; separators; 下一篇：没有了 is no link', () => {
    const { article, issues } = imported(fixture('09-gbk-late-meta-info.html'));
    const byline = issues.find((i) => i.code === 'byline-read' && i.path === 'author, source, publishedAt');
    assert.ok(byline, 'one byline gives three fields');
    assert.match(byline.message, /"浏览次数： ?356" is not article data/);
    assert.equal(JSON.stringify(article).includes('浏览次数'), false);
    assert.equal(JSON.stringify(article).includes('没有了'), false);
  });
});

describe('hostile pages', () => {
  const head = '<meta charset="utf-8"><h1>某某法院健壮性测试标题</h1><div class="info">发布时间：2024-01-02 10:00</div>';
  const para = (n: number) => `<p>第${n}段：这是一段足够长的正文内容，用来测试导入器，不能丢失。</p>`;

  test('100,000 nested <div>s: an error for that page, not a stack overflow or a stall', () => {
    const html = `${head}<div class="text">${'<div>'.repeat(100_000)}${para(1)}</div>`;
    const result = importPage(Buffer.from(html));
    assert.equal(result.article, undefined);
    assert.equal(result.issues[0]?.code, 'page-too-deep');
    assert.equal(result.issues[0]?.severity, 'error');
    assert.match(result.issues[0]!.message, /100001 deep/, "the 100,000 and the body <div>");
  });

  test('3,000 nested <div>s or 100,000 nested <span>s: the text is kept in order and the flattening reported', () => {
    for (const [tag, depth] of [['div', 3000], ['span', 100_000], ['font', 20_000]] as const) {
      const html = `${head}<div class="text">${para(1)}${`<${tag}>`.repeat(depth)}${para(2)}${`</${tag}>`.repeat(depth)}${para(3)}</div>`;
      const result = importPage(Buffer.from(html));
      assert.ok(result.article, `${tag} × ${depth}: ${result.issues.map((i) => i.message).join('; ')}`);
      assert.deepEqual(texts(result.article).map((t) => t.slice(0, 3)), ['第1段', '第2段', '第3段'], `${tag} × ${depth}`);
      assert.ok(result.issues.some((i) => i.code === 'nesting-flattened' && i.severity === 'warning'), `${tag} × ${depth} reported`);
    }
  });

  test('a page with 50,000 paragraphs is refused naming the body limit, without an exception', () => {
    const html = `${head}<div class="text">${Array.from({ length: 50_000 }, (_, i) => para(i)).join('')}</div>`;
    const result = importPage(Buffer.from(html));
    assert.equal(result.article, undefined);
    assert.ok(result.issues.some((i) => i.severity === 'error' && i.path === 'body' && /2000 blocks/.test(i.message)));
  });

  test('script, noscript and style text never become paragraphs, even when they hold <p> markup', () => {
    const html = `${head}<div class="text">${para(1)}<script>document.write("<p>脚本写出的文字不是正文内容</p>")</script><noscript><p>请启用脚本以浏览本页的全部内容</p></noscript><style>p{color:red}/*<p>样式里的文字也不是正文内容</p>*/</style>${para(2)}</div>`;
    const result = importPage(Buffer.from(html));
    assert.ok(result.article);
    assert.deepEqual(texts(result.article).map((t) => t.slice(0, 3)), ['第1段', '第2段']);
    for (const text of ['脚本写出', '请启用脚本', '样式里', 'color']) assert.equal(JSON.stringify(result.article).includes(text), false, text);
  });

  test('javascript: links in any spelling are dropped and reported; their text stays', () => {
    const html = `${head}<div class="text"><p>详情请<a href=" JaVaScRiPt:alert(1)">点击这里查看</a>，或拨打12368热线电话咨询。</p><p><a href="java&#x09;script:alert(2)">另一个链接的文字内容</a>也要保留。</p></div>`;
    const result = importPage(Buffer.from(html));
    assert.ok(result.article);
    assert.equal(/javascript|alert/i.test(JSON.stringify(result.article)), false);
    assert.ok(texts(result.article)[0]!.includes('点击这里查看'));
    assert.ok(texts(result.article)[1]!.includes('另一个链接的文字内容'));
    assert.equal(result.issues.filter((i) => i.code === 'unsafe-url').length, 2);
  });

  function texts(a: Article): string[] {
    return a.body.map((b) => (b.type === 'paragraph' ? b.text ?? htmlText(b.html ?? '') : b.type === 'heading' ? b.text : ''));
  }
});

describe('no body text is dropped silently', () => {
  for (const fixture of FIXTURES) {
    test(`${fixture.file}: every text run of the source body is in the JSON or the report`, () => {
      const result = imported(fixture);
      const corpus = squash([...articleTexts(result.article), ...result.issues.map((i) => i.text ?? '')].join('\n')).replace(/[▲△]/g, '');
      const runs = textRuns(sourceBody(fixture));
      assert.ok(runs.length > 3);
      for (const run of runs) {
        const needle = squash(run).replace(/[▲△]/g, '');
        assert.ok(corpus.includes(needle), `"${run}" is in the article or the report`);
      }
    });
  }

  test('text the importer cannot place (form controls, hidden elements) is listed in the report', () => {
    const html = `<!doctype html><meta charset="utf-8"><title>t</title>
      <div class="title">某某法院召开审判委员会会议</div>
      <div class="info">发布时间：2024-05-06 08:00</div>
      <div class="article_content">
        <p>5月6日，某某法院召开审判委员会会议，讨论重大疑难案件三件，并就类案裁判标准统一问题进行了研究。</p>
        <form><label>满意度评价：</label><select><option>非常满意</option></select></form>
        <p style="display:none">这一段文字被模板隐藏了</p>
        <p>会议强调，要进一步发挥审判委员会总结审判经验、统一法律适用的职能作用，确保案件质量。</p>
        <script>var hits = 1;</script>
      </div>`;
    const result = importPage(Buffer.from(html));
    assert.ok(result.article);
    const unmapped = result.issues.filter((i) => i.code === 'unmapped-text').map((i) => i.text);
    assert.deepEqual(unmapped.sort(), ['满意度评价：', '这一段文字被模板隐藏了', '非常满意'].sort());
    assert.ok(result.issues.filter((i) => i.code === 'unmapped-text').every((i) => i.severity === 'warning'));
    assert.equal(JSON.stringify(result.article).includes('hits'), false, 'script text is not article text');
    assert.equal(result.article.body.length, 2);
  });

  test('a page without a date or a title is an error naming the field, not a half article', () => {
    const noDate = importPage(Buffer.from('<meta charset="utf-8"><h1>某某法院工作动态一则</h1><div><p>正文内容正文内容正文内容正文内容。</p></div>'));
    assert.equal(noDate.article, undefined);
    assert.ok(noDate.issues.some((i) => i.severity === 'error' && i.path === 'publishedAt'));
    const noTitle = importPage(Buffer.from('<meta charset="utf-8"><div>发布时间：2024-01-01</div><div><p>正文内容正文内容正文内容正文内容。</p></div>'));
    assert.equal(noTitle.article, undefined);
    assert.ok(noTitle.issues.some((i) => i.severity === 'error' && i.path === 'title'));
  });
});

describe('round trip: import, then render', () => {
  for (const fixture of FIXTURES) {
    test(`${fixture.file}: the rendered page shows every paragraph of the source page`, () => {
      const result = imported(fixture);
      const shown = squash(shadowText(renderArticlePage(result.article))).replace(/[▲△]/g, '');
      const dropped = new Set(result.issues.filter((i) => i.code === 'label-dropped' || i.code === 'chrome-dropped').map((i) => squash(i.text ?? '')));
      assert.equal(dropped.size <= (fixture.furniture ?? 2), true, 'little is dropped');
      const body = sourceBody(fixture);
      // Paragraphs: the text of each block element and <br>-separated line of the source body.
      const paragraphs: string[] = [];
      let line = '';
      const visit = (n: import('./cli-helpers.js').Node) => {
        if (n.nodeName === '#text') {
          line += (n as { value: string }).value;
          return;
        }
        if (!('tagName' in n)) return;
        if (['script', 'style'].includes(n.tagName)) return;
        const block = n.tagName === 'br' || /^(p|div|h[1-6]|li|td|th|tr|table|ul|ol)$/.test(n.tagName);
        if (block && squash(line)) paragraphs.push(line);
        if (block) line = '';
        n.childNodes.forEach(visit);
        if (block && squash(line)) paragraphs.push(line);
        if (block) line = '';
      };
      visit(body);
      if (squash(line)) paragraphs.push(line);
      assert.ok(paragraphs.length >= 4);
      for (const paragraph of paragraphs) {
        const text = squash(paragraph).replace(/[▲△]/g, '');
        // A note on furniture of several lines (a 往期推荐 list) quotes them all.
        if ([...dropped].some((d) => d.includes(text))) continue;
        // 责任编辑 / 编辑 / 来源 lines become fields: their value is what the page shows.
        const labelled = /^[（(【]?(?:责任编辑|编辑|来源|作者)[:：](.+?)[）)】]?$/.exec(text);
        // An attachment line shows its title; the size is shown in the element's own format.
        const needle = labelled ? labelled[1]! : text.replace(/[（(]\d+(?:\.\d+)?[KMG]?B[）)]$/i, '');
        assert.ok(shown.includes(needle), `${fixture.file}: "${paragraph.trim().slice(0, 30)}" is on the rendered page`);
      }
    });
  }
});

describe('round trip: render, then import', () => {
  // The labels (作者:, 上一篇:, 当前位置…) in each interface language the package renders.
  for (const locale of ['zh-CN', 'zh-Hant', 'en', 'ug']) test(`a page rendered by court-widgets render with ${locale} labels imports back to the same article`, () => {
    const parsed = parseArticle(JSON.parse(readFileSync(join(root, 'demo', 'data', 'seed-article.json'), 'utf8')));
    assert.ok(parsed.ok);
    // As ordinary objects, for comparison with what import writes.
    const seed = { value: structuredClone(parsed.value) };
    const site = JSON.parse(readFileSync(join(root, 'demo', 'data', 'site.json'), 'utf8'));
    const page = renderArticlePage(seed.value, { site, locale });
    const result = importPage(Buffer.from(page));
    assert.ok(result.article);
    const back = result.article;
    assert.deepEqual(back.body, seed.value.body, 'the same blocks, footer left out');
    for (const key of ['title', 'subtitle', 'author', 'editor', 'publishedAt', 'url', 'breadcrumb', 'prev', 'next'] as const) {
      assert.deepEqual(back[key], seed.value[key], key);
    }
    assert.deepEqual(back.attachments?.map((a) => [a.title, a.href]), seed.value.attachments?.map((a) => [a.title, a.href]));
    assert.equal(result.issues.some((i) => i.code === 'offset-assumed'), false, 'the offset comes from <time datetime>');
    assert.equal(result.issues.some((i) => i.severity === 'warning'), false);
  });
});

describe('round trip: rendered pages with plain-text breadcrumbs', () => {
  test('a rendered article whose breadcrumb items have no href, or only some, imports back to the same article', () => {
    const body: Article['body'] = [
      { type: 'paragraph', text: '根据工作安排，本院于2月7日召开全院干警大会，总结去年工作，部署今年重点任务，院长作了讲话。' },
      { type: 'paragraph', text: '会议要求，全院干警要坚定信心、真抓实干，推动各项工作取得新成效。' },
    ];
    const trails: Array<NonNullable<Article['breadcrumb']>> = [
      [{ label: '首页' }, { label: '新闻' }],
      [{ label: '首页' }, { label: '新闻中心' }, { label: '法院要闻' }],
      [{ label: '首页', href: '/' }, { label: '新闻' }, { label: '正文' }],
    ];
    for (const breadcrumb of trails) {
      const article: Article = { version: 1, lang: 'zh-CN', breadcrumb, title: '全院干警大会召开', author: '政治部', publishedAt: '2024-02-08T10:00:00+08:00', body };
      const result = importPage(Buffer.from(renderArticlePage(article)));
      assert.deepEqual(result.article, article, JSON.stringify(breadcrumb));
      assert.equal(result.issues.some((i) => i.severity === 'warning'), false, result.issues.map((i) => i.message).join('; '));
    }
  });
});

describe('the import command', () => {
  test('a folder: one JSON file per page, plain progress lines without a TTY, a summary and a report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-import-'));
    try {
      const run = runCli(['import', pages, '--out', join(dir, 'articles'), '--report', join(dir, 'report.json')]);
      assert.equal(run.status, 0, run.stderr);
      const written = readdirSync(join(dir, 'articles')).sort();
      assert.deepEqual(written, FIXTURES.map((f) => f.file.replace(/\.html$/, '.json')));
      for (const file of written) {
        assert.ok(parseArticle(readFileSync(join(dir, 'articles', file), 'utf8')).ok, `${file} is valid`);
      }
      assert.equal(run.stdout.includes('\u001b['), false, 'no terminal control codes');
      for (const f of FIXTURES) assert.match(run.stdout, new RegExp(`imported .*${f.file} -> `));
      assert.match(run.stdout, /Imported 12 of 12 pages into .*articles, 7 warnings; report: /);
      assert.match(run.stderr, /05-utf8-bom-prevnext\.html: warning: body\[3\]: link "javascript:alert\(1\)"/);
      assert.match(run.stderr, /06-trs-word-nocharset\.html: warning: charset: the page declares no charset/);
      assert.match(run.stderr, /08-zoom-trs-center-caption\.html: warning: attachments\[0\]: the attachment "申请书模板\.pdf" links to "data:/);
      const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
        pages: number; imported: number; failed: number; warnings: number;
        files: { file: string; ok: boolean; charset: string; warnings: ImportIssue[]; notes: ImportIssue[] }[];
      };
      assert.match(run.stderr, /10-wechat-saved-mp-page\.html: warning: body: 2 photos are on mmbiz\.qpic\.cn/);
      assert.match(run.stderr, /12-wechat-video-article\.html: warning: body\[1\]: the frame <iframe> of "https:\/\/mp\.weixin\.qq\.com\/mp\/readtemplate/);
      assert.deepEqual([report.pages, report.imported, report.failed, report.warnings], [12, 12, 0, 7]);
      const gbk = report.files.find((f) => f.file.endsWith('03-gbk-captions-attachments.html'))!;
      assert.equal(gbk.charset, 'gb18030');
      assert.ok(gbk.notes.some((n) => n.code === 'offset-assumed'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('on a terminal, a progress bar over the folder instead of per-file lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-import-'));
    try {
      let err = '';
      let out = '';
      const tty = { isTTY: true, columns: 100, write: (s: string) => ((err += s), true), cursorTo: () => true, clearLine: () => true, moveCursor: () => true, on: () => tty, removeListener: () => tty };
      const code = await importCommand({ input: pages, out: join(dir, 'out'), stdout: { write: (s: string) => ((out += s), true) }, stderr: tty });
      assert.equal(code, 0);
      assert.match(err, new RegExp(`Importing \\[[█░]+\\] \\d+/${FIXTURES.length}`));
      assert.equal(out.includes('imported '), false, 'no per-file lines under the bar');
      assert.match(out, new RegExp(`Imported ${FIXTURES.length} of ${FIXTURES.length} pages`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a failed page is reported with its file and field; the others are written; exit code 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-import-'));
    try {
      mkdirSync(join(dir, 'in', 'sub'), { recursive: true });
      writeFileSync(join(dir, 'in', 'good.html'), readFileSync(join(pages, '01-chinacourt-detail.html')));
      writeFileSync(join(dir, 'in', 'sub', 'nodate.htm'), '<meta charset="utf-8"><h1>没有日期的页面标题</h1><div><p>正文内容正文内容正文内容正文内容。</p></div>');
      const run = runCli(['import', join(dir, 'in'), '--out', join(dir, 'out')]);
      assert.equal(run.status, 1);
      assert.deepEqual(readdirSync(join(dir, 'out')), ['good.json']);
      assert.match(run.stderr, /sub\/nodate\.htm: error: publishedAt: no 发布时间/);
      assert.match(run.stdout, /failed +.*nodate\.htm/);
      assert.match(run.stdout, /Imported 1 of 2 pages into .*out, 1 failed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('one page without --out prints its JSON; usage errors exit 2', () => {
    const run = runCli(['import', join(pages, '04-gb18030-nested-divs.html')]);
    assert.equal(run.status, 0, run.stderr);
    const article = JSON.parse(run.stdout) as Article;
    assert.equal(article.title, '南岭区法院打造诉源治理新样板');
    assert.match(run.stderr, /Imported 1 of 1 page/);
    assert.equal(runCli(['import', pages]).status, 2, 'a folder needs --out');
    assert.equal(runCli(['import', join(pages, 'missing.html')]).status, 2);
    const bad = runCli(['import', pages, '--no-such-option']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /no-such-option/);
  });

  test('an unknown --charset is a usage error, said once before any page is read (exit 2)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-import-'));
    try {
      const run = runCli(['import', pages, '--out', join(dir, 'articles'), '--charset', 'cp936']);
      assert.equal(run.status, 2);
      assert.equal(run.stderr.match(/unknown charset "cp936"/g)?.length, 1, run.stderr);
      assert.doesNotMatch(run.stdout + run.stderr, /Imported|failed/);
      assert.deepEqual(readdirSync(dir), [], 'nothing is written');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('charset labels, as browsers read them', () => {
  /** An article page in the style of the audit's reproductions, with its own meta tag. */
  const page = (meta: string, text = '本院于二月二十八日召开座谈会，全体干警参加会议。') =>
    `<html><head>${meta}<title>法院召开座谈会_法院</title></head><body><h1 class="title">法院召开座谈会</h1><div>发布时间：2024-02-28 20:54</div><div class="content"><p>${text}</p></div></body></html>`;
  const warnings = (issues: ImportIssue[]) => issues.filter((i) => i.severity === 'warning');
  const hasReplacement = (value: unknown) => JSON.stringify(value).includes('\uFFFD');

  test('a GBK page that declares utf-8 (meta charset or http-equiv) is read as GB18030, with a warning naming both', () => {
    for (const meta of ['<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">']) {
      const bytes = iconv.encode(page(meta), 'gbk');
      assert.equal(isValidUtf8(bytes), false, 'the fixture is really not UTF-8');
      const result = importPage(bytes);
      assert.deepEqual([result.charset, result.charsetSource, result.declaredCharset?.toLowerCase()], ['gb18030', 'meta-contradicted', 'utf-8'], meta);
      assert.equal(result.article?.title, '法院召开座谈会');
      assert.deepEqual(result.article?.body, [{ type: 'paragraph', text: '本院于二月二十八日召开座谈会，全体干警参加会议。' }]);
      assert.equal(hasReplacement(result.article), false);
      const warning = warnings(result.issues).find((i) => i.code === 'charset-guessed');
      assert.ok(warning, meta);
      assert.match(warning.message, /declares "utf-8" but its bytes are not UTF-8.*decoded as GB18030/i);
    }
  });

  test('a Big5 page that declares utf-8 (a zh-Hant template) is read as Big5, not as GB18030, with a warning naming Big5', () => {
    const paragraphs = [
      '臺灣高等法院臺中分院審理終結一起詐欺案件，判處被告有期徒刑一年六個月。',
      '香港特別行政區高等法院原訟法庭今日就一宗涉及土地糾紛的民事訴訟作出判決，法官裁定原告勝訴。',
    ];
    const hant = (meta: string) =>
      `<html lang="zh-Hant"><head>${meta}<title>法院審理詐欺案件_臺灣高等法院</title></head><body><h1 class="title">法院審理詐欺案件</h1><div>日期：2024-02-28 20:54</div><div class="content">${paragraphs.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`;
    for (const meta of ['<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">']) {
      const bytes = iconv.encode(hant(meta), 'big5');
      assert.equal(isValidUtf8(bytes), false, 'the fixture is really not UTF-8');
      assert.equal(hasReplacement(iconv.decode(bytes, 'gb18030')), false, 'GB18030 reads the same bytes without an error, as mojibake');
      const result = importPage(bytes);
      assert.deepEqual([result.charset, result.charsetSource, result.declaredCharset?.toLowerCase()], ['big5', 'meta-contradicted', 'utf-8'], meta);
      assert.equal(result.article?.title, '法院審理詐欺案件');
      assert.deepEqual(result.article?.body, paragraphs.map((text) => ({ type: 'paragraph', text })));
      assert.equal(hasReplacement(result.article), false);
      const warning = warnings(result.issues).find((i) => i.code === 'charset-guessed');
      assert.ok(warning, meta);
      assert.match(warning.message, /declares "utf-8" but its bytes are not UTF-8.*decoded as BIG5/i);
    }
    // Without a declaration the bytes decide the same way.
    const undeclared = decodeHtml(iconv.encode(hant(''), 'big5'));
    assert.deepEqual([undeclared.charset, undeclared.source, undeclared.invalidSequences], ['big5', 'fallback', 0]);
    assert.ok(undeclared.text.includes(paragraphs[1]!));
  });

  test('bothScripts: each Simplified character of a label pattern also matches its Traditional forms, inside classes and after escapes too', () => {
    assert.ok(bothScripts(/^发布\s*时间$/).test('發佈 時間'));
    assert.ok(bothScripts(/^发布\s*时间$/).test('发布时间'));
    assert.ok(bothScripts(/^[初复终]\s*审$/).test('複審') && bothScripts(/^[初复终]\s*审$/).test('終审'));
    assert.ok(bothScripts(/^\[图\]$/).test('[圖]'));
    assert.equal(bothScripts(/^[^图]$/).test('圖'), false, 'a negated class excludes both forms');
    assert.equal(bothScripts(/发布/y).flags, 'y');
    assert.equal(bothScripts(/^责任编辑$/).test('責任編輯'), true);
    assert.equal(bothScripts(/^责任编辑$/).test('责任编'), false);
  });

  test('a page in Traditional characters: 發佈時間, 來源, 責任編輯, 當前位置, 上一篇 / 下一篇, 列印 / 關閉, 圖為 and 附件 are read as their Simplified forms are', () => {
    const html = `<html lang="zh-Hant"><head><meta charset="big5"><title>法院舉辦開放日活動-臺中地方法院</title></head><body>
      <div class="dqwz">當前位置：<a href="/">首頁</a> &gt; <a href="/news/">法院新聞</a></div>
      <h1>法院舉辦開放日活動</h1>
      <div class="info">發佈時間：2024年02月28日 星期三　來源：臺中地方法院　瀏覽次數：128　【列印】【關閉視窗】</div>
      <div class="content">
        <p>二月二十八日，本院舉辦司法開放日活動，邀請社區民眾走進法院，參觀審判法庭與訴訟服務中心。</p>
        <p><img src="/upload/1.jpg" width="800" height="600"></p>
        <p>（圖為民眾參觀審判法庭）</p>
        <p>活動中，法官向民眾介紹了訴訟流程與線上立案服務，並解答了民眾關心的問題。</p>
        <p>相關附件：<a href="/files/guide.pdf">參觀須知.pdf</a></p>
        <p>【責任編輯：陳明】</p>
      </div>
      <div class="page">上一篇：<a href="/news/1.html">法院召開年度工作會議</a>　下一篇：沒有了</div>
      <div class="footer">臺中地方法院 版權所有</div>
      </body></html>`;
    const result = importPage(iconv.encode(html, 'big5'), { baseUrl: 'https://court.example.tw/news/2.html' });
    assert.ok(result.article, JSON.stringify(result.issues));
    const a = result.article;
    assert.equal(a.title, '法院舉辦開放日活動');
    assert.equal(a.publishedAt, '2024-02-28T00:00:00+08:00');
    assert.equal(a.source, '臺中地方法院');
    assert.equal(a.editor, '陳明');
    assert.deepEqual(a.breadcrumb?.map((c) => c.label), ['首頁', '法院新聞']);
    assert.deepEqual(a.prev, { title: '法院召開年度工作會議', href: 'https://court.example.tw/news/1.html' });
    assert.equal(a.next, undefined, '沒有了 is no article');
    assert.deepEqual(a.attachments, [{ title: '參觀須知.pdf', href: 'https://court.example.tw/files/guide.pdf' }]);
    assert.deepEqual(a.body.map((b) => (b.type === 'image' ? `image:${b.caption}` : b.type === 'paragraph' ? b.text : b.type)), [
      '二月二十八日，本院舉辦司法開放日活動，邀請社區民眾走進法院，參觀審判法庭與訴訟服務中心。',
      'image:圖為民眾參觀審判法庭',
      '活動中，法官向民眾介紹了訴訟流程與線上立案服務，並解答了民眾關心的問題。',
    ]);
    const text = JSON.stringify(a);
    for (const chrome of ['列印', '關閉', '瀏覽', '版權所有']) assert.equal(text.includes(chrome), false, chrome);
  });

  test('dates of the Republic (民國 years + 1911), dates in Chinese numerals (二〇二四年二月二十八日, 香港時間十七時三十分) and times after 上午 / 下午 or a weekday are read; numbers that are no date are not', () => {
    const read: Array<[string, string]> = [
      ['中華民國113年02月28日', '2024-02-28T00:00:00+08:00'],
      ['民國99年1月5日', '2010-01-05T00:00:00+08:00'],
      ['發布日期：113年2月28日 14:30', '2024-02-28T14:30:00+08:00'],
      ['發布日期：113/02/28', '2024-02-28T00:00:00+08:00'],
      ['113-2-28', '2024-02-28T00:00:00+08:00'],
      ['113.02.28', '2024-02-28T00:00:00+08:00'],
      ['二〇二四年二月二十八日（星期三）', '2024-02-28T00:00:00+08:00'],
      ['二〇二三年十二月三十一日', '2023-12-31T00:00:00+08:00'],
      ['二〇二四年二月二十八日（星期三）\n香港時間十時〇五分', '2024-02-28T10:05:00+08:00'],
      // The earliest date of a text wins, whatever its form; a Gregorian date is not read as a 民國 one.
      ['於113年2月27日宣判，2024-01-01 公告', '2024-02-27T00:00:00+08:00'],
      ['2024年2月28日', '2024-02-28T00:00:00+08:00'],
      ['2024-02-28 20:54:53', '2024-02-28T20:54:53+08:00'],
      // A time after 上午 / 下午, a weekday or a 香港時間 label.
      ['2024/2/28 下午 03:30:00', '2024-02-28T15:30:00+08:00'],
      ['2024/2/28 上午 12:10', '2024-02-28T00:10:00+08:00'],
      ['2024-02-28 PM 11:00', '2024-02-28T23:00:00+08:00'],
      ['2024年2月28日（星期三）\n香港時間18時05分', '2024-02-28T18:05:00+08:00'],
      ['二〇二四年二月二十八日 下午三時十分', '2024-02-28T15:10:00+08:00'],
      // A weekday between a date in Chinese numerals and its time, as after a date in digits.
      ['二〇二四年二月二十八日 周三 十七時三十分', '2024-02-28T17:30:00+08:00'],
      ['二〇二四年二月二十八日（三） 十时五分', '2024-02-28T10:05:00+08:00'],
      ['2024-02-28（星期三）10:30', '2024-02-28T10:30:00+08:00'],
      // 民國 years in Chinese numerals; day first as Hong Kong and Macao pages write it (month first when the day is above 12).
      ['中華民國一一三年二月二十八日', '2024-02-28T00:00:00+08:00'],
      ['中華民國一百一十三年二月二十八日', '2024-02-28T00:00:00+08:00'],
      ['民國一百零五年十月一日', '2016-10-01T00:00:00+08:00'],
      ['發佈日期：28/02/2024', '2024-02-28T00:00:00+08:00'],
      ['28.2.2024 15:30', '2024-02-28T15:30:00+08:00'],
      ['05/03/2024', '2024-03-05T00:00:00+08:00'],
      ['02/28/2024', '2024-02-28T00:00:00+08:00'],
    ];
    for (const [text, want] of read) assert.equal(parseCourtDate(text)?.iso, want, text);
    assert.equal(parseCourtDate('二〇二四年二月二十八日（星期三） 香港時間十七時三十分')?.timeMissing, false);
    assert.equal(parseCourtDate('2024年2月28日（星期三）')?.timeMissing, true);
    for (const text of ['判處有期徒刑1年6月', '電話：02-2311-1234', '版本 1.113.2.28', '113年2月30日', '1.28.2.2024', '12/31/99']) assert.equal(parseCourtDate(text), undefined, text);
  });

  test('a Taiwan court press release (新聞稿): 發布日期 in 民國 years, 資料來源, 新聞稿編號 and 瀏覽人次 in a list, 列印本頁 / 回上頁 / 分享, 圖說, 上一則 / 下一則, 相關附件 of .pdf and .odt', () => {
    const html = `<!DOCTYPE html><html lang="zh-Hant-TW"><head><meta charset="utf-8"><title>臺灣臺北地方法院新聞稿-司法院</title></head><body>
      <div id="header"><a href="/">司法院全球資訊網</a> <a href="/sitemap">網站導覽</a></div>
      <div class="breadcrumb">現在位置：<a href="/">首頁</a> &gt; <a href="/news">最新消息</a> &gt; <a href="/news/press">新聞稿</a></div>
      <div class="cp">
        <h2 class="title">臺灣臺北地方法院新聞稿</h2>
        <ul class="info"><li>發布日期：113年2月28日</li><li>資料來源：臺灣臺北地方法院</li><li>新聞稿編號：113-015</li><li>瀏覽人次：1234</li></ul>
        <div class="function"><a href="javascript:window.print()">列印本頁</a> <a href="javascript:history.back()">回上頁</a> <a href="#">分享</a></div>
        <div class="essay">
          <p>本院審理被告王某詐欺案件，於中華民國113年2月27日宣判，判處有期徒刑一年六月。</p>
          <p>本件判決理由略以：被告以投資為名，誘使被害人匯款，犯罪情節重大，應予非難。</p>
          <p><img src="/upload/p1.jpg" alt=""></p>
          <p>圖說：本院外觀</p>
          <p>本件仍得上訴，當事人如不服，應於判決送達後二十日內提出上訴狀。</p>
        </div>
        <div class="file"><h3>相關附件</h3><ul><li><a href="/files/113-015.pdf">新聞稿全文.pdf</a></li><li><a href="/files/113-015.odt">新聞稿全文.odt</a></li></ul></div>
        <div class="pager"><a href="/news/press/14">上一則</a> <a href="/news/press/16">下一則</a></div>
        <div class="back"><a href="javascript:history.back()">回上頁</a></div>
      </div>
      <div id="footer">司法院 版權所有 地址：臺北市中正區重慶南路一段124號</div>
      </body></html>`;
    const result = importPage(Buffer.from(html), { baseUrl: 'https://court.example.tw/news/press/15' });
    assert.ok(result.article, JSON.stringify(result.issues));
    const a = result.article;
    assert.equal(a.title, '臺灣臺北地方法院新聞稿');
    assert.equal(a.publishedAt, '2024-02-28T00:00:00+08:00');
    assert.equal(a.source, '臺灣臺北地方法院');
    assert.deepEqual(a.breadcrumb?.map((c) => c.label), ['首頁', '最新消息', '新聞稿']);
    assert.deepEqual(a.attachments?.map((f) => f.title), ['新聞稿全文.pdf', '新聞稿全文.odt']);
    assert.deepEqual(a.body.map((b) => (b.type === 'image' ? `image:${b.caption}` : b.type === 'paragraph' ? b.text : b.type)), [
      '本院審理被告王某詐欺案件，於中華民國113年2月27日宣判，判處有期徒刑一年六月。',
      '本件判決理由略以：被告以投資為名，誘使被害人匯款，犯罪情節重大，應予非難。',
      'image:本院外觀',
      '本件仍得上訴，當事人如不服，應於判決送達後二十日內提出上訴狀。',
    ]);
    const text = JSON.stringify(a);
    for (const chrome of ['列印', '回上頁', '分享', '瀏覽', '編號', '上一則', '下一則', '圖說']) assert.equal(text.includes(chrome), false, chrome);
    assert.deepEqual(warnings(result.issues), []);
  });

  /** Imports a Big5 page dated 民國113年2月28日 and checks its title and paragraphs, without warnings; returns the issues. */
  const importTaiwanPage = (html: string, title: string, paragraphs: string[]): ImportIssue[] => {
    const result = importPage(iconv.encode(html, 'big5'));
    assert.ok(result.article, JSON.stringify(result.issues));
    assert.deepEqual([result.article.title, result.article.publishedAt], [title, '2024-02-28T00:00:00+08:00']);
    assert.deepEqual(result.article.body.map((b) => (b.type === 'paragraph' ? b.text : b.type)), paragraphs);
    assert.deepEqual(warnings(result.issues), []);
    return result.issues;
  };

  test('a Big5 press release whose only date is 中華民國113年02月28日, in the table row under the title, is imported', () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"><title>新聞稿</title></head><body>
      <table><tr><td class="title">臺灣高等法院臺中分院新聞稿</td></tr>
      <tr><td>中華民國113年02月28日</td></tr>
      <tr><td class="content"><p>本院審理之上訴人李某違反毒品危害防制條例案件，業於本日宣判，駁回上訴。</p>
      <p>本案判決仍得上訴於最高法院，上訴期間為判決送達後二十日內。</p></td></tr>
      <tr><td>【列印本頁】【關閉視窗】</td></tr></table></body></html>`;
    importTaiwanPage(html, '臺灣高等法院臺中分院新聞稿', [
      '本院審理之上訴人李某違反毒品危害防制條例案件，業於本日宣判，駁回上訴。',
      '本案判決仍得上訴於最高法院，上訴期間為判決送達後二十日內。',
    ]);
  });

  test('a zh-Hant template: a byline with 瀏覽人次 and [列印本頁] [關閉視窗] [分享], 上一則 / 下一則, a 圖片說明 caption and 回上頁 are read, none of it body text', () => {
    const html = `<html lang="zh-Hant"><head><meta charset="utf-8"><title>市中級人民法院召開黨組會議_法院動態_某某市中級人民法院</title></head><body>
      <div class="position">當前位置：<a href="/">首頁</a> &gt; <a href="/fydt">法院動態</a></div>
      <div class="article"><h1>市中級人民法院召開黨組會議</h1>
      <div class="byline">發佈時間：2024-02-28 10:30:00　作者：張三　來源：辦公室　瀏覽人次：356　<a href="javascript:window.print()">[列印本頁]</a> <a href="javascript:window.close()">[關閉視窗]</a> <a href="#">[分享]</a></div>
      <div class="content"><p>2月28日上午，市中級人民法院召開黨組會議，傳達學習有關會議精神。</p>
      <p>會議強調，要堅持公正司法，切實提升審判質效，為經濟社會發展提供有力司法服務。</p>
      <p style="text-align:center"><img src="/u/1.jpg"></p><p style="text-align:center">圖片說明：會議現場</p>
      <figure><img src="/u/2.jpg"><figcaption>圖片說明：法院大樓</figcaption></figure>
      <p>責任編輯：李四</p></div>
      <div class="prevnext"><p>上一則：<a href="/a/1.html">法院開展普法宣傳活動</a></p><p>下一則：<a href="/a/3.html">法院召開執行工作推進會</a></p></div>
      <div>【<a href="javascript:print()">列印本頁</a>】【<a href="javascript:window.close()">關閉視窗</a>】【<a href="javascript:history.back()">回上頁</a>】</div>
      </div></body></html>`;
    const result = importPage(Buffer.from(html), { baseUrl: 'https://court.example.cn/a/2.html' });
    assert.ok(result.article, JSON.stringify(result.issues));
    const a = result.article;
    assert.deepEqual([a.author, a.source, a.editor, a.publishedAt], ['張三', '辦公室', '李四', '2024-02-28T10:30:00+08:00']);
    assert.deepEqual(a.prev, { title: '法院開展普法宣傳活動', href: 'https://court.example.cn/a/1.html' });
    assert.deepEqual(a.next, { title: '法院召開執行工作推進會', href: 'https://court.example.cn/a/3.html' });
    assert.deepEqual(a.body.map((b) => (b.type === 'image' ? `image:${b.caption}` : b.type === 'paragraph' ? b.text : b.type)), [
      '2月28日上午，市中級人民法院召開黨組會議，傳達學習有關會議精神。',
      '會議強調，要堅持公正司法，切實提升審判質效，為經濟社會發展提供有力司法服務。',
      'image:會議現場',
      'image:法院大樓',
    ]);
    const text = JSON.stringify(a.body);
    for (const chrome of ['列印', '視窗', '回上頁', '分享', '瀏覽', '上一則', '說明']) assert.equal(text.includes(chrome), false, chrome);
    assert.deepEqual(warnings(result.issues), []);
  });

  test('a Hong Kong press release in Big5-HKSCS dated at its end (二〇二四年二月二十八日（星期三） 香港時間十七時三十分) takes that date and time', () => {
    const html = `<html><head><meta charset="big5-hkscs"><title>新聞公報：終審法院首席法官出席法律年度開啓典禮</title></head><body>
      <div id="nav">司法機構 主頁 新聞公報</div>
      <h1>終審法院首席法官出席法律年度開啓典禮</h1>
      <div class="content">
        <p>以下為終審法院首席法官今日（二月二十八日）於法律年度開啓典禮上的致辭全文：</p>
        <p>本人謹代表司法機構歡迎各位出席今年的法律年度開啓典禮。司法獨立是香港法治的基石。</p>
        <p>完</p>
        <p>二〇二四年二月二十八日（星期三）<br>香港時間十七時三十分</p>
      </div>
      <div class="tools"><a href="javascript:print()">列印</a> | <a href="javascript:window.close()">關閉視窗</a></div>
      </body></html>`;
    const result = importPage(iconv.encode(html, 'big5-hkscs'));
    assert.ok(result.article, JSON.stringify(result.issues));
    assert.equal(result.article.publishedAt, '2024-02-28T17:30:00+08:00');
    assert.equal(JSON.stringify(result.article.body).includes('香港時間'), false);
  });

  test('attachment links that print only the file type (ODT, PDF, 下載) are named by their table row or title attribute', () => {
    const html = `<html lang="zh-TW"><head><meta charset="utf-8"><title>法律講座公告</title></head><body>
      <h3 class="title">本院舉辦法律講座公告</h3><div class="info">發布日期：113-02-28</div>
      <div class="content"><p>本院訂於三月十五日下午假本院第一法庭舉辦法律講座，歡迎民眾參加。</p></div>
      <table class="attach"><tr><th>附件名稱</th><th>下載</th></tr>
        <tr><td>報名表</td><td><a href="/f/form.odt">ODT</a> <a href="/f/form.pdf">PDF</a></td></tr>
        <tr><td colspan="2"><a href="/f/map.pdf" title="交通資訊(另開新視窗)">下載</a></td></tr></table>
      </body></html>`;
    const result = importPage(Buffer.from(html), { baseUrl: 'https://court.example.tw/n/10' });
    assert.ok(result.article, JSON.stringify(result.issues));
    assert.deepEqual(result.article.attachments?.map((f) => f.title), ['報名表（ODT）', '報名表（PDF）', '交通資訊']);
  });

  test('a 上圖： caption loses its label; an attachment size after its type, （PDF，350KB）, is read and the line is the attachment', () => {
    const html = `<html lang="zh-Hant"><head><meta charset="utf-8"><title>高等法院舉辦研習會</title></head><body>
      <h1>高等法院舉辦研習會</h1><div class="info">發布日期：2024-02-28</div>
      <div class="content"><p>臺灣高等法院今日舉辦刑事審判實務研習會，邀請學者擔任講座，法官踴躍參加。</p>
      <p><img src="/a.jpg"></p><p>上圖：院長致詞</p>
      <p>附件：<a href="/f/a.pdf">研習會議程</a>（PDF，350KB）</p></div></body></html>`;
    const result = importPage(Buffer.from(html), { baseUrl: 'https://court.example.tw/n/5' });
    assert.ok(result.article, JSON.stringify(result.issues));
    assert.deepEqual(result.article.attachments, [{ title: '研習會議程', href: 'https://court.example.tw/f/a.pdf', bytes: 350 * 1024 }]);
    assert.deepEqual(result.article.body.map((b) => (b.type === 'image' ? `image:${b.caption}` : b.type === 'paragraph' ? b.text ?? b.html : b.type)), [
      '臺灣高等法院今日舉辦刑事審判實務研習會，邀請學者擔任講座，法官踴躍參加。',
      'image:院長致詞',
    ]);
    assert.deepEqual(warnings(result.issues), []);
  });

  test('a byline with a short weekday (113-02-28(三)), 撰稿人 and 字型大小, and 回列表 / 返回列表 controls', () => {
    const html = `<html lang="zh-Hant-TW"><head><meta charset="utf-8"><title>司法院新聞稿</title></head><body>
      <h2 class="title">司法院公布司法統計年報</h2>
      <div class="info">發布日期：113-02-28(三)　撰稿人：王小明　資料來源：司法院統計處　字型大小：<a href="#">小</a> <a href="#">中</a> <a href="#">大</a></div>
      <div class="content"><p>司法院今日公布112年司法統計年報，各級法院終結案件數較上年增加。</p>
      <p>統計年報全文已刊登於司法院網站，歡迎各界參閱運用。</p>
      <p><a href="/list">回列表</a>　<a href="javascript:print()">列印</a></p></div>
      <div class="bottom"><a href="/list">返回列表</a></div></body></html>`;
    const result = importPage(Buffer.from(html));
    assert.ok(result.article, JSON.stringify(result.issues));
    const a = result.article;
    assert.deepEqual([a.publishedAt, a.author, a.source], ['2024-02-28T00:00:00+08:00', '王小明', '司法院統計處']);
    assert.deepEqual(a.body.map((b) => (b.type === 'paragraph' ? b.text : b.type)), [
      '司法院今日公布112年司法統計年報，各級法院終結案件數較上年增加。',
      '統計年報全文已刊登於司法院網站，歡迎各界參閱運用。',
    ]);
    assert.equal(JSON.stringify(a).includes('列表'), false);
    assert.deepEqual(warnings(result.issues), []);
  });

  test('a Taiwan template with ::: access-key anchors, (另開新視窗) in link titles, file-type icons in attachment links and 友善列印 / 回上一頁 / 瀏覽人次 on one line', () => {
    const html = `<html lang="zh-Hant-TW"><head><meta charset="utf-8"><title>本院辦理法治教育宣導-臺灣臺中地方法院</title></head><body>
      <div class="path"><a href="#C" accesskey="C" title="中央內容區塊" class="acc">:::</a>現在位置：<a href="/">首頁</a>&gt;<a href="/news">新聞稿</a></div>
      <div class="cont"><a href="#C" accesskey="C" name="C" title="中央內容區塊">:::</a>
        <h3 class="h3">本院辦理法治教育宣導</h3>
        <p class="date">發布日期：113-02-28　發布單位：臺灣臺中地方法院</p>
        <div class="text">
          <p>本院於113年2月26日前往轄區國民中學辦理法治教育宣導，由法官講解少年事件處理程序。</p>
          <p><a href="/upload/a.jpg" title="活動照片(另開新視窗)" target="_blank"><img src="/upload/a_s.jpg" alt="法官講解少年事件處理程序"></a></p>
          <p>圖說：法官講解少年事件處理程序</p>
        </div>
        <div class="file">相關附件：<a href="/f/1.pdf" title="宣導簡報.pdf(另開新視窗)" target="_blank"><img src="/images/pdf.gif" alt="PDF檔案">宣導簡報</a>
          <a href="/f/2.odt" title="宣導簡報.odt（另開新視窗）"><img src="/images/odt.gif" alt="ODT檔案"></a></div>
        <div class="np">上一則：<a href="/n/1" title="本院舉辦親子活動(另開新視窗)">本院舉辦親子...</a><br>下一則：<a href="/n/3">本院新春團拜</a></div>
        <div class="fn"><a href="javascript:window.print();" title="友善列印(另開新視窗)">友善列印</a> <a href="javascript:history.back();">回上一頁</a> 瀏覽人次：<span>345</span></div>
      </div></body></html>`;
    const result = importPage(Buffer.from(html), { baseUrl: 'https://court.example.tw/n/2' });
    assert.ok(result.article, JSON.stringify(result.issues));
    const a = result.article;
    assert.deepEqual(a.breadcrumb?.map((c) => c.label), ['首頁', '新聞稿']);
    assert.deepEqual(a.attachments, [
      { title: '宣導簡報', href: 'https://court.example.tw/f/1.pdf' },
      { title: '宣導簡報.odt', href: 'https://court.example.tw/f/2.odt' },
    ]);
    assert.deepEqual(a.prev, { title: '本院舉辦親子活動', href: 'https://court.example.tw/n/1' });
    assert.deepEqual(a.body.map((b) => (b.type === 'image' ? `image:${b.src}:${b.caption}` : b.type === 'paragraph' ? b.text : b.type)), [
      '本院於113年2月26日前往轄區國民中學辦理法治教育宣導，由法官講解少年事件處理程序。',
      'image:https://court.example.tw/upload/a_s.jpg:法官講解少年事件處理程序',
    ]);
    assert.equal(JSON.stringify(a).includes('視窗'), false);
    assert.deepEqual(warnings(result.issues), []);
  });

  test('a notice whose title names an event date and whose 落款 is 中華民國一一三年二月二十八日 is dated by the 落款; a press release by the date and 香港時間 lines under it', () => {
    const notice = `<html lang="zh-TW"><head><meta charset="big5"><title>公告</title></head><body>
      <h3 class="title">本院訂於113年3月15日舉辦法律講座公告</h3>
      <div class="content"><p>一、本院訂於113年3月15日（星期五）下午2時假本院第一法庭舉辦法律講座，歡迎民眾參加。</p>
      <p>二、報名方式：請於113年3月10日前以電話報名。</p>
      <p style="text-align:right">臺灣新竹地方法院</p>
      <p style="text-align:right">中華民國一一三年二月二十八日</p></div>
      <div>上一筆：<a href="/n/9">本院春節期間服務公告</a>　下一筆：<a href="/n/11">本院辦理調解委員遴選</a></div>
      </body></html>`;
    const result = importPage(iconv.encode(notice, 'big5'), { baseUrl: 'https://court.example.tw/n/10' });
    assert.ok(result.article, JSON.stringify(result.issues));
    assert.equal(result.article.publishedAt, '2024-02-28T00:00:00+08:00');
    assert.deepEqual(result.article.body.at(-1), { type: 'paragraph', text: '中華民國一一三年二月二十八日', align: 'end' });
    assert.deepEqual([result.article.prev?.title, result.article.next?.title], ['本院春節期間服務公告', '本院辦理調解委員遴選']);
    const release = `<html><head><meta charset="big5"><title>新聞公報</title></head><body>
      <h1>司法人員推薦委員會公布任命</h1><div class="content">
      <p>司法人員推薦委員會今日（二月二十八日）宣布，行政長官已接納委員會的推薦，任命兩名區域法院法官。</p>
      <p>完</p><p>2024年2月28日（星期三）</p><p>香港時間15時00分</p></div></body></html>`;
    const hk = importPage(iconv.encode(release, 'big5-hkscs'));
    assert.ok(hk.article, JSON.stringify(hk.issues));
    assert.equal(hk.article.publishedAt, '2024-02-28T15:00:00+08:00');
    assert.match(hk.issues.find((i) => i.code === 'byline-read')?.message ?? '', /read from "2024年2月28日（星期三） 香港時間15時00分", a line of the body that is only a date/);
  });

  test('a page in Traditional characters under no lang, "zh" or "zh-CN" is read as zh-Hant, with a note; zh-TW, zh-HK and a Simplified page keep theirs', () => {
    const traditional = '<h1>終審法院首席法官出席法律年度開啓典禮</h1><div class="info">發佈時間：2024-02-28</div><div class="content"><p>本人謹代表司法機構歡迎各位出席今年的法律年度開啓典禮。司法獨立是香港法治的基石，法院會繼續依法獨立審判。</p></div>';
    const simplified = '<h1>法院召开座谈会</h1><div class="info">发布时间：2024-02-28</div><div class="content"><p>本院于二月二十八日召开座谈会，全体干警参加会议。会议通报了前两个月的审判执行工作情况，对台湾同胞来访作出安排。</p></div>';
    const lang = (htmlAttrs: string, body: string) => {
      const result = importPage(Buffer.from(`<html${htmlAttrs}><head><meta charset="utf-8"><title>新聞</title></head><body>${body}</body></html>`));
      assert.ok(result.article, JSON.stringify(result.issues));
      return [result.article.lang, result.issues.find((i) => i.code === 'lang-inferred')?.message ?? ''] as const;
    };
    for (const htmlAttrs of ['', ' lang="zh"', ' lang="zh-CN"']) {
      const [read, note] = lang(htmlAttrs, traditional);
      assert.equal(read, 'zh-Hant', htmlAttrs);
      assert.match(note, /its text is in Traditional characters \(\d+ characters written only so, 0 only in Simplified\): read as zh-Hant/, htmlAttrs);
    }
    assert.deepEqual(lang(' lang="zh-TW"', traditional), ['zh-TW', '']);
    assert.deepEqual(lang(' lang="zh-HK"', traditional), ['zh-HK', '']);
    assert.deepEqual(lang('', simplified), ['zh-CN', '']);
    assert.deepEqual(lang(' lang="zh-CN"', simplified), ['zh-CN', '']);
  });

  test('a 司法院-style page: the title last in <title> (司法院-新聞稿-標題) printed in a plain <h2>, a <dl> byline with 發布單位 and 點閱次數, 字級 / 友善列印 / 分享至, 回上一頁, an .ods attachment', () => {
    const html = `<!DOCTYPE html><html lang="zh-Hant"><head><meta charset="utf-8"><title>司法院-新聞稿-憲法法庭113年憲判字第1號判決</title></head><body>
      <div class="header"><a href="#U" accesskey="U" title="上方功能區塊">:::</a><a href="/">首頁</a> <a href="/sitemap">網站導覽</a></div>
      <div class="path"><a href="/">首頁</a> &gt; <a href="/news">最新消息</a> &gt; 新聞稿</div>
      <div class="main"><a href="#C" accesskey="C" title="中央內容區塊">:::</a>
        <h2>憲法法庭113年憲判字第1號判決</h2>
        <div class="tool">字級：<a href="#">小</a><a href="#">中</a><a href="#">大</a> <a href="javascript:window.print()">友善列印</a> 分享至：<a href="#">Facebook</a><a href="#">LINE</a></div>
        <dl class="data"><dt>發布日期：</dt><dd>2024/2/28 下午 03:30:00</dd><dt>發布單位：</dt><dd>憲法法庭書記廳</dd><dt>點閱次數：</dt><dd>2345</dd></dl>
        <div class="article_content">
          <p>憲法法庭於中華民國113年2月28日宣示113年憲判字第1號判決，主文如下：</p>
          <p>一、系爭規定與憲法保障人民訴訟權之意旨不符，應自本判決宣示之日起失其效力。</p>
        </div>
        <div class="attach"><span>附件下載：</span><ul><li><a href="/dl/1.pdf">113年憲判字第1號判決.pdf(520KB)</a></li><li><a href="/dl/2.ods">統計表.ods</a></li></ul></div>
        <div class="btn"><a href="javascript:history.go(-1)">回上一頁</a> <a href="#top">回頁首</a></div>
      </div>
      <div class="footer">司法院 地址：10048臺北市中正區重慶南路1段124號</div></body></html>`;
    const result = importPage(Buffer.from(html), { baseUrl: 'https://judicial.example.tw/news/1' });
    assert.ok(result.article, JSON.stringify(result.issues));
    const a = result.article;
    assert.deepEqual([a.title, a.source, a.publishedAt], ['憲法法庭113年憲判字第1號判決', '憲法法庭書記廳', '2024-02-28T15:30:00+08:00']);
    assert.deepEqual(a.attachments?.map((f) => f.title), ['113年憲判字第1號判決.pdf', '統計表.ods']);
    assert.deepEqual(a.body.map((b) => (b.type === 'paragraph' ? b.text : b.type)), [
      '憲法法庭於中華民國113年2月28日宣示113年憲判字第1號判決，主文如下：',
      '一、系爭規定與憲法保障人民訴訟權之意旨不符，應自本判決宣示之日起失其效力。',
    ]);
    const text = JSON.stringify(a);
    for (const chrome of ['字級', '列印', '分享', '點閱', '回上一頁', ':::']) assert.equal(text.includes(chrome), false, chrome);
    assert.deepEqual(warnings(result.issues), []);
  });

  test('a line of a counter and page controls (瀏覽人次：532　列印　回上頁) at the end of the body is dropped as page controls', () => {
    const html = `<html><head><meta charset="big5"><title>臺灣高雄地方法院</title></head><body>
      <table width="100%"><tr><td><font size="5"><b>高雄地院舉辦調解委員講習</b></font></td></tr>
      <tr><td align="right">發布日期：113.02.28</td></tr>
      <tr><td>本院於113年2月27日舉辦調解委員講習，邀請學者專家講授調解技巧，共計八十餘名調解委員參加。<br>
      院長致詞時感謝調解委員長期以來對於司法的協助與付出。<br>
      瀏覽人次：532　<a href="javascript:print()">列印</a>　<a href="javascript:history.back()">回上頁</a></td></tr></table>
      </body></html>`;
    const issues = importTaiwanPage(html, '高雄地院舉辦調解委員講習', [
      '本院於113年2月27日舉辦調解委員講習，邀請學者專家講授調解技巧，共計八十餘名調解委員參加。',
      '院長致詞時感謝調解委員長期以來對於司法的協助與付出。',
    ]);
    assert.ok(issues.some((i) => i.code === 'chrome-dropped' && i.text === '瀏覽人次：532 列印 回上頁'), JSON.stringify(issues));
  });

  test('GBK bytes that declare utf-8 stay GB18030 when Big5 could read them too: Simplified text, Traditional text in GBK, a short ambiguous text', () => {
    const simplified = '本院于二月二十八日召开座谈会，全体干警参加会议。会议通报了前两个月的审判执行工作情况。';
    const traditional = '臺灣高等法院臺中分院審理終結一起詐欺案件，判處被告有期徒刑一年六個月。';
    for (const text of [simplified, traditional]) {
      const bytes = iconv.encode(page('<meta charset="utf-8">', text), 'gbk');
      assert.equal(isValidUtf8(bytes), false);
      const result = importPage(bytes);
      assert.deepEqual([result.charset, result.charsetSource, result.article?.body], ['gb18030', 'meta-contradicted', [{ type: 'paragraph', text }]], text);
      assert.match(warnings(result.issues).find((i) => i.code === 'charset-guessed')?.message ?? '', /decoded as GB18030/);
    }
    // One character, which both charsets read as a common character without an error: GB18030, as before.
    const one = iconv.encode('法', 'gbk');
    const asBig5 = iconv.decode(one, 'big5');
    assert.ok(/^[\u4e00-\u9fff]$/.test(asBig5) && asBig5 !== '法', `Big5 reads it as another character (${asBig5})`);
    const short = decodeHtml(Buffer.concat([Buffer.from('<meta charset="utf-8"><p>'), one, Buffer.from('</p>')]));
    assert.deepEqual([short.charset, short.source, short.text], ['gb18030', 'meta-contradicted', '<meta charset="utf-8"><p>法</p>']);
  });

  test('a UTF-8 template around a GBK article (a new header included into old pages): each part in its own charset, with a warning', () => {
    const head = '<html><head><meta charset="utf-8"><title>法院召开座谈会_某某法院</title></head><body><div class="header">某某市中级人民法院 审判执行 诉讼服务 司法公开 法院文化</div>';
    const article = '<h1 class="title">法院召开座谈会</h1><div class="info">来源：本院办公室　发布时间：2024-02-28 20:54</div><div class="content"><p>本院于二月二十八日召开座谈会，全体干警参加会议。</p><p>会议通报了前两个月的审判执行工作情况，部署了下一阶段的重点工作。</p></div>';
    const foot = '<div class="footer">地址：某某市人民路一号　邮编：110000</div></body></html>';
    const bytes = Buffer.concat([Buffer.from(head), iconv.encode(article, 'gbk'), Buffer.from(foot)]);
    const result = importPage(bytes);
    assert.deepEqual([result.charset, result.charsetSource, result.declaredCharset], ['utf-8+gb18030', 'meta-contradicted', 'utf-8']);
    const a = result.article!;
    assert.deepEqual([a.title, a.source], ['法院召开座谈会', '本院办公室']);
    assert.deepEqual(a.body.map((b) => (b as { text: string }).text), ['本院于二月二十八日召开座谈会，全体干警参加会议。', '会议通报了前两个月的审判执行工作情况，部署了下一阶段的重点工作。']);
    assert.equal(hasReplacement(a), false);
    const warning = warnings(result.issues).find((i) => i.code === 'charset-guessed');
    assert.match(warning?.message ?? '', /declares "utf-8" but \d+ parts? of it .* GBK and \d+ parts? UTF-8/);
  });

  test('a UTF-8 page with one broken byte stays UTF-8; the replacement character is reported, not published silently', () => {
    const text = '本院于二月二十八日召开座谈会，全体干警参加会议。会议通报了前两个月的审判执行工作情况。';
    const utf8 = Buffer.from(page('<meta charset="utf-8">', text));
    // Cut one character of the body in half: its first two bytes stay.
    const at = utf8.indexOf(Buffer.from('全体'));
    const broken = Buffer.concat([utf8.subarray(0, at + 2), utf8.subarray(at + 3)]);
    const result = importPage(broken);
    assert.deepEqual([result.charset, result.charsetSource], ['utf-8', 'meta']);
    assert.equal(result.article?.title, '法院召开座谈会');
    assert.ok(hasReplacement(result.article), 'the broken character is a U+FFFD');
    const warning = warnings(result.issues).find((i) => i.code === 'invalid-bytes');
    assert.ok(warning, 'a warning says so');
    assert.match(warning.message, /1 byte sequence .*not valid UTF-8/);
    assert.match(warning.message, /1 in the article/);
  });

  test('--charset utf-8 on a GBK page decodes as told, and the replacement characters are a warning', () => {
    const result = importPage(iconv.encode(page('<meta charset="gbk">'), 'gbk'), { charset: 'utf-8' });
    assert.equal(result.charset, 'utf-8');
    assert.ok(hasReplacement(result.article));
    assert.ok(warnings(result.issues).some((i) => i.code === 'invalid-bytes' && /not valid UTF-8/.test(i.message)));
    const clean = importPage(Buffer.from(page('<meta charset="utf-8">')));
    assert.equal(clean.issues.some((i) => i.code === 'invalid-bytes'), false, 'none on a clean page');
  });

  test('a page labelled utf-7 is not decoded as UTF-7 (browsers do not know the label): UTF-8 or GB18030 by its bytes, with a warning', () => {
    const utf8 = importPage(Buffer.from(page('<meta charset="utf-7">')));
    assert.deepEqual([utf8.charset, utf8.charsetSource, utf8.declaredCharset], ['utf-8', 'utf8-check', 'utf-7']);
    assert.equal(utf8.article?.title, '法院召开座谈会');
    assert.equal(hasReplacement(utf8.article), false);
    const warning = warnings(utf8.issues).find((i) => i.code === 'charset-guessed');
    assert.ok(warning);
    assert.match(warning.message, /"utf-7" is not a charset label browsers recognise.*decoded as UTF-8/);
    const gbk = importPage(iconv.encode(page('<meta http-equiv="Content-Type" content="text/html; charset=UTF-7">'), 'gbk'));
    assert.deepEqual([gbk.charset, gbk.article?.title], ['gb18030', '法院召开座谈会']);
    assert.ok(warnings(gbk.issues).some((i) => i.code === 'charset-guessed' && i.message.includes('"UTF-7"')));
    assert.equal(importPage(Buffer.from(page('')), { charset: 'utf-7' }).issues[0]?.code, 'charset-unknown', '--charset utf-7 is refused');
  });

  test('labels map to encodings as in the WHATWG Encoding Standard (checked against the platform TextDecoder)', () => {
    const labels = charsetLabels();
    // Every label the standard lists for the encodings court pages use.
    for (const label of ['gb2312', 'gbk', 'x-gbk', 'chinese', 'csgb2312', 'csiso58gb231280', 'gb_2312', 'gb_2312-80', 'iso-ir-58', 'gb18030', 'big5', 'big5-hkscs', 'cn-big5', 'csbig5', 'x-x-big5', 'utf-8', 'utf8', 'unicode-1-1-utf-8', 'latin1', 'iso-8859-1', 'us-ascii', 'shift_jis', 'euc-kr', 'utf-16']) {
      assert.ok(labels.includes(label), label);
    }
    assert.ok(labels.length > 200, `the whole list (${labels.length} labels)`);
    for (const label of labels) {
      const encoding = whatwgEncoding(label);
      assert.ok(encoding, label);
      // Node's TextDecoder implements the same table; for the few encodings it cannot decode
      // (iso-8859-16, replacement, x-user-defined) its error names the encoding the label means.
      let platform: string;
      try {
        platform = new TextDecoder(label).encoding;
      } catch (error) {
        assert.equal((error as { code?: string }).code, 'ERR_ENCODING_NOT_SUPPORTED', label);
        platform = /"([^"]+)" encoding is not supported/.exec((error as Error).message)?.[1] ?? '';
      }
      assert.equal(encoding, platform, label);
    }
    assert.equal(whatwgEncoding('  GB2312 '), 'gbk', 'case and spaces do not matter');
    // Labels iconv-lite or other tools know but browsers do not: ignored.
    for (const label of ['utf-7', 'unicode-1-1-utf-7', 'cp936', 'euc-cn', 'windows-936', 'gb2312-80', 'x-unknown', '']) {
      assert.equal(whatwgEncoding(label), undefined, label);
      if (label) assert.throws(() => new TextDecoder(label), RangeError, label);
    }
  });

  test('GBK labels decode GBK bytes; big5 decodes Big5; an unknown label falls back to detection with a warning', () => {
    const gbText = '人民法院报道：朱镕基同志';
    for (const label of ['x-gbk', 'GB2312', 'gb_2312-80', 'chinese']) {
      const result = importPage(iconv.encode(page(`<meta charset="${label}">`, gbText), 'gbk'));
      assert.deepEqual([result.charset, result.charsetSource, result.article?.body], ['gb18030', 'meta', [{ type: 'paragraph', text: gbText }]], label);
      assert.equal(warnings(result.issues).length, 0, label);
    }
    const big5Text = '臺灣高等法院審理終結';
    const big5 = importPage(iconv.encode(page('<meta charset="big5">', big5Text), 'big5'));
    assert.deepEqual([big5.charset, big5.article?.body], ['big5', [{ type: 'paragraph', text: big5Text }]]);
    const cp936 = importPage(iconv.encode(page('<meta charset="cp936">', gbText), 'gbk'));
    assert.deepEqual([cp936.charset, cp936.charsetSource, cp936.article?.body], ['gb18030', 'fallback', [{ type: 'paragraph', text: gbText }]]);
    assert.ok(warnings(cp936.issues).some((i) => i.code === 'charset-guessed' && i.message.includes('"cp936" is not a charset label browsers recognise')));
  });

  test('a page that declares latin1 or big5 but is saved as UTF-8 is read as UTF-8, with a warning', () => {
    for (const label of ['iso-8859-1', 'big5']) {
      const result = importPage(Buffer.from(page(`<meta charset="${label}">`)));
      assert.deepEqual([result.charset, result.charsetSource, result.article?.title], ['utf-8', 'meta-contradicted', '法院召开座谈会'], label);
      assert.ok(warnings(result.issues).some((i) => i.code === 'charset-guessed' && i.message.includes(`"${label}" but its bytes are UTF-8`)), label);
    }
  });

  test('court-widgets import of a GBK page labelled utf-8: correct text, the warning on stderr and in --report, exit 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-import-'));
    try {
      writeFileSync(join(dir, 'p.html'), iconv.encode(page('<meta charset="utf-8">'), 'gbk'));
      const run = runCli(['import', join(dir, 'p.html'), '--report', join(dir, 'report.json')]);
      assert.equal(run.status, 0, run.stderr);
      const article = JSON.parse(run.stdout) as Article;
      assert.equal(article.title, '法院召开座谈会');
      assert.equal(run.stdout.includes('\uFFFD'), false);
      assert.match(run.stderr, /p\.html: warning: charset: the page declares "utf-8" but its bytes are not UTF-8/);
      assert.match(run.stderr, /Imported 1 of 1 page, 1 warning/);
      const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { files: { charset: string; declaredCharset: string; warnings: ImportIssue[] }[] };
      assert.deepEqual([report.files[0]!.charset, report.files[0]!.declaredCharset], ['gb18030', 'utf-8']);
      assert.equal(report.files[0]!.warnings[0]?.code, 'charset-guessed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('photo news pages (图片新闻): photos and captions only', () => {
  const head = '<html><head><meta charset="utf-8"><title>图片新闻_某某法院</title></head><body><div class="header"><img src="/logo.png" width="300" height="80" alt="某某法院"></div><h1 class="title">图片新闻</h1><div class="info">发布时间：2024-02-28 10:00</div>';

  test('one photo and its ▲ caption become an image block with its caption', () => {
    const result = importPage(Buffer.from(`${head}<div class="content"><p><img src="/a.jpg" width="600" height="400"></p><p>▲座谈会现场</p></div></body></html>`));
    assert.deepEqual(result.article?.body, [{ type: 'image', src: '/a.jpg', width: 600, height: 400, caption: '座谈会现场', alt: '座谈会现场' }]);
    assert.equal(result.issues.some((i) => i.code === 'body-empty'), false);
  });

  test('several photos with short captions, each in its own box with its caption below, in order; the site logo and a print icon are not among them', () => {
    const photo = (n: number, caption: string) => `<div class="pic"><img src="/p/${n}.jpg" alt=""></div><div class="txt">▲${caption}</div>`;
    const result = importPage(Buffer.from(`${head}<div class="article"><div class="photos">${photo(1, '法官释法说理')}${photo(2, '庭审现场')}${photo(3, '握手言和')}</div></div><div class="tool"><img src="/images/print.gif" width="16" height="16"></div><div class="footer">版权所有 某某法院</div></body></html>`));
    assert.ok(result.article);
    assert.deepEqual(result.article.body.map((b) => (b.type === 'image' ? [b.src, b.caption] : b.type)), [
      ['/p/1.jpg', '法官释法说理'],
      ['/p/2.jpg', '庭审现场'],
      ['/p/3.jpg', '握手言和'],
    ]);
    assert.equal(result.issues.some((i) => i.severity === 'warning'), false, result.issues.map((i) => i.message).join('; '));
  });

  test('court-widgets import: the photo page gives image blocks; a page with neither text nor photos says so on stderr and in --report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-import-'));
    try {
      writeFileSync(join(dir, 'photos.html'), `${head}<div class="content"><p><img src="/a.jpg" width="600" height="400"></p><p>▲座谈会现场</p></div></body></html>`);
      const run = runCli(['import', join(dir, 'photos.html')]);
      assert.equal(run.status, 0, run.stderr);
      const article = JSON.parse(run.stdout) as Article;
      assert.deepEqual(article.body, [{ type: 'image', src: '/a.jpg', width: 600, height: 400, caption: '座谈会现场', alt: '座谈会现场' }]);
      assert.match(run.stderr, /Imported 1 of 1 page, 0 warnings/);

      writeFileSync(join(dir, 'empty.html'), `${head}<div class="content"><p>&nbsp;</p></div></body></html>`);
      const empty = runCli(['import', join(dir, 'empty.html'), '--out', join(dir, 'empty.json'), '--report', join(dir, 'report.json')]);
      assert.match(empty.stderr, /empty\.html: warning: body: no article text or photos were found in the page; the article has an empty body/);
      const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { warnings: number; files: { warnings: ImportIssue[] }[] };
      assert.equal(report.warnings, 1);
      assert.deepEqual(report.files[0]!.warnings.map((w) => [w.code, w.path]), [['body-empty', 'body']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('byline lines in plain boxes', () => {
  /** A page whose byline is the line `byline` in a box the byline search has no name for. */
  const page = (byline: string) => `<!doctype html><html><head><meta charset="utf-8"><title>南溪区法院开展巡回审判_法院动态_南溪区人民法院</title></head><body>
    <div class="art"><h1>南溪区法院开展巡回审判</h1>${byline}
    <div class="con"><p>　　1月15日，南溪区人民法院在大观镇开展巡回审判，就地审理一起赡养纠纷案件，百余名群众旁听。</p>
    <p>　　庭审结束后，法官结合案情向旁听群众讲解了赡养义务的相关法律规定。</p></div></div></body></html>`;

  test('every labelled field of a byline in a <p> or <div> is read: a date without a label, a weekday, 摄影, a counter', () => {
    const cases: Array<[string, Partial<Article>]> = [
      ['<p class="meta">2024-01-15 10:30:00 | 来源：南溪区人民法院 | 作者：宣传科</p>', { author: '宣传科', source: '南溪区人民法院', publishedAt: '2024-01-15T10:30:00+08:00' }],
      ['<div class="article_author">发布日期：2019年03月07日 星期四&nbsp;&nbsp;作者：赵文博&nbsp;&nbsp;来源：本站原创&nbsp;&nbsp;点击：<font color=red>365</font></div>', { author: '赵文博', source: '本站原创', publishedAt: '2019-03-07T00:00:00+08:00' }],
      ['<div class="info">发布时间：2024-02-05&nbsp;&nbsp;&nbsp;来源：政治部&nbsp;&nbsp;&nbsp;摄影：韩冬</div>', { author: '摄影 韩冬', source: '政治部', publishedAt: '2024-02-05T00:00:00+08:00' }],
      ['<div class="con_info"><span>[2024-01-10]</span> <span>来源：北原省高级人民法院</span> <span>作者：研究室</span> <span>阅读：<script>document.write(1)</script>次</span></div>', { author: '研究室', source: '北原省高级人民法院', publishedAt: '2024-01-10T00:00:00+08:00' }],
    ];
    for (const [line, expected] of cases) {
      const result = importPage(Buffer.from(page(line)));
      assert.ok(result.article, line);
      for (const [key, value] of Object.entries(expected)) assert.equal(result.article[key as keyof Article], value, `${key} of ${line}`);
      assert.equal(result.article.body.length, 2, line);
      assert.equal(result.issues.some((i) => i.severity === 'warning'), false, result.issues.map((i) => i.message).join('; '));
    }
  });

  test('a byline that gives the day only takes the time of day from a PubDate meta tag of the same day', () => {
    const withMeta = (meta: string) => page('<div class="con_info"><span>发布时间：2024-03-01</span><span>来源：政治部</span></div>').replace('<title>', `<meta name="PubDate" content="${meta}"><title>`);
    assert.equal(importPage(Buffer.from(withMeta('2024-03-01 15:00'))).article?.publishedAt, '2024-03-01T15:00:00+08:00');
    assert.equal(importPage(Buffer.from(withMeta('2024-02-28 15:00'))).article?.publishedAt, '2024-03-01T00:00:00+08:00', 'another day: the printed date wins');
  });

  test('a labelled value that has no room in the article is a warning quoting it', () => {
    const result = importPage(Buffer.from(page('<div class="info">发布时间：2024-01-15&nbsp;&nbsp;作者：王明&nbsp;&nbsp;记者：李华</div>')));
    assert.equal(result.article?.author, '王明');
    const warning = result.issues.find((i) => i.severity === 'warning');
    assert.equal(warning?.code, 'byline-dropped');
    assert.match(warning.message, /记者：李华/);
  });
});

describe('上一篇 / 下一篇', () => {
  const page = (pager: string) => `<!doctype html><html><head><meta charset="gb18030"><title>浅谈民间借贷纠纷中的举证责任分配</title></head><body>
    <div id="article"><div class="article_title">浅谈民间借贷纠纷中的举证责任分配</div><div class="article_author">发布日期：2019-03-07</div>
    <div class="article_content"><p>　　民间借贷纠纷是基层法院受理数量最多的案件类型之一，举证责任的合理分配直接关系到案件的公正处理。</p></div>
    ${pager}</div></body></html>`;

  test('"上一篇：没有了　下一篇：<a>" on one line: the link is the next article, there is no previous one', () => {
    const result = importPage(Buffer.from(page('<div class="prenext">上一篇：没有了　　下一篇：<a href="/llyj/2019/03/123.html">论刑事附带民事诉讼的赔偿范围</a></div>')));
    assert.equal(result.article?.prev, undefined);
    assert.deepEqual(result.article?.next, { title: '论刑事附带民事诉讼的赔偿范围', href: '/llyj/2019/03/123.html' });
  });

  test('"上一篇：<a>　下一篇：没有了" the other way round, and both links on one line', () => {
    const one = importPage(Buffer.from(page('<p>上一篇：<a href="/a/1.html">审判委员会召开会议</a>　　下一篇：没有了</p>')));
    assert.deepEqual(one.article?.prev, { title: '审判委员会召开会议', href: '/a/1.html' });
    assert.equal(one.article?.next, undefined);
    const both = importPage(Buffer.from(page('<p>上一篇：<a href="/a/1.html">审判委员会召开会议</a>　下一篇：<a href="/a/3.html">执行局开展集中行动</a></p>')));
    assert.deepEqual([both.article?.prev?.href, both.article?.next?.href], ['/a/1.html', '/a/3.html']);
  });
});

describe('short paragraphs and deep tables', () => {
  const head = '<!doctype html><html><head><meta charset="utf-8"><title>嵌套表格</title></head><body><div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/news/">新闻</a></div><h1 class="title">某某法院召开全院干警大会</h1><div class="info">发布时间：2024-02-08 10:00:00</div>';

  test('5,000 nested tables: the short paragraphs before and after them are kept, in order', () => {
    const nested = `${'<table><tr><td>'.repeat(5000)}<p>深层表格里的正文段落，法院工作报告。</p>${'</td></tr></table>'.repeat(5000)}`;
    const result = importPage(Buffer.from(`${head}<div class="content"><p>　　第一段正文。</p>${nested}<p>　　最后一段正文。</p></div></body></html>`));
    assert.ok(result.article, result.issues.map((i) => i.message).join('; '));
    assert.deepEqual(result.article.body.map((b) => (b as { text?: string }).text), ['第一段正文。', '深层表格里的正文段落，法院工作报告。', '最后一段正文。']);
    assert.ok(result.issues.some((i) => i.code === 'nesting-flattened'));
  });

  test('a body of one short paragraph, or of two, is a body, not an empty one', () => {
    for (const paragraphs of [['正文一段。'], ['第一段正文。', '第二段正文。']]) {
      const result = importPage(Buffer.from(`${head}<div class="content">${paragraphs.map((p) => `<p>${p}</p>`).join('')}</div><div class="footer">版权所有 某某法院</div></body></html>`));
      assert.deepEqual(result.article?.body, paragraphs.map((text) => ({ type: 'paragraph', text })));
      assert.equal(result.issues.some((i) => i.code === 'body-empty'), false);
    }
  });
});

describe('articles split over several pages (分页)', () => {
  const page = (pager: string) => `<!doctype html><html><head><meta charset="utf-8"><title>2023年法院工作报告_法院工作报告_北原市中级人民法院</title></head><body>
    <div class="position">当前位置：<a href="../../">首页</a> &gt; <a href="../">法院工作报告</a></div>
    <div class="detail"><h1>2023年法院工作报告</h1><div class="info">发布时间：2024-01-18 09:00</div>
    <div class="TRS_Editor"><p>　　2023年，全市法院在市委坚强领导下，共受理各类案件12.5万件，审执结11.9万件。</p>
    <p>　　一、坚持服务大局，为经济社会发展提供有力司法保障。</p>${pager}</div></div></body></html>`;

  test('a pager of page numbers: a warning names the other pages, and the pager is not in the body', () => {
    const result = importPage(Buffer.from(page('<div class="page"><span class="current">1</span> <a href="/a/7654321_2.shtml">2</a> <a href="/a/7654321_3.shtml">3</a> <a href="/a/7654321_2.shtml">下一页</a> <a href="/a/7654321_3.shtml">尾页</a></div>')), { baseUrl: 'https://court.example.cn/a/7654321.shtml' });
    assert.ok(result.article);
    assert.equal(result.article.body.length, 2);
    assert.doesNotMatch(JSON.stringify(result.article), /下一页|尾页/);
    const warning = result.issues.find((i) => i.code === 'article-paged');
    assert.equal(warning?.severity, 'warning');
    assert.match(warning.message, /continues on 2 other pages.*https:\/\/court\.example\.cn\/a\/7654321_2\.shtml, https:\/\/court\.example\.cn\/a\/7654321_3\.shtml$/);
  });

  test('a TRS pager (createPageHTML script, 共3页 第1页 下一页 末页): the pages it writes are named, the pager text is left out', () => {
    const trs = `<div id="page_div"></div><script>createPageHTML(3, 0, "t20240118_512345", "html");</script>
      <div class="page">共3页&nbsp;&nbsp;第1页&nbsp;&nbsp;<a href="t20240118_512345_1.html">下一页</a>&nbsp;&nbsp;<a href="t20240118_512345_2.html">末页</a></div>`;
    const result = importPage(Buffer.from(page(trs)));
    assert.ok(result.article);
    assert.equal(result.article.body.length, 2);
    assert.doesNotMatch(JSON.stringify(result.article), /共3页|下一页|末页/);
    const warnings = result.issues.filter((i) => i.severity === 'warning');
    assert.deepEqual(warnings.map((w) => w.code), ['article-paged']);
    assert.match(warnings[0]!.message, /共3页.*: t20240118_512345_1\.html, t20240118_512345_2\.html$/);
  });

  test('a pager that turns pages by script still says the article continues; a slide show\'s 1 2 3 is no pager', () => {
    const scripted = importPage(Buffer.from(page('<div class="page">共2页 <a href="javascript:goPage(2)">下一页</a></div>')));
    assert.match(scripted.issues.find((i) => i.code === 'article-paged')?.message ?? '', /continues on 1 other page \(共2页\).*the pager gives no addresses/);
    assert.doesNotMatch(JSON.stringify(scripted.article), /下一页/);
    const slides = importPage(Buffer.from(page('<div class="slides"><a href="#">1</a> <a href="#">2</a> <a href="#">3</a></div>')));
    assert.equal(slides.issues.some((i) => i.code === 'article-paged'), false);
  });
});

describe('hand-made pages whose <title> is the site name', () => {
  const page = (title: string) => `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>${title}</title></head>
    <body><center><table width="760"><tr><td><img src="images/top.gif" width="760" height="120"></td></tr>
    <tr><td><font size="2"><a href="index.htm">首页</a> | <a href="xwdt.htm">新闻动态</a></font></td></tr>
    <tr><td><table width="100%">
      <tr><td align="center"><font size="5" color="#CC0000" face="黑体"><b>石门县法院巡回法庭进山村 调解一起土地纠纷</b></font></td></tr>
      <tr><td align="center"><font size="2">作者：田光明　　时间：2009年6月12日　　来源：石门县人民法院</font></td></tr>
      <tr><td><font size="3">　　6月10日，石门县人民法院巡回法庭的法官们冒雨来到壶瓶山镇南坪村，就地开庭审理了一起土地承包经营权纠纷案件。<br>
        <b>调解结果</b><br>　　经过两个多小时的调解，双方终于握手言和，当场达成调解协议。</font></td></tr>
    </table></td></tr></table></center></body></html>`;

  test('the big bold line above the byline is the title, not a section heading', () => {
    for (const title of ['石门县人民法院', '石门县人民法院欢迎您', '']) {
      const result = importPage(Buffer.from(page(title)));
      assert.equal(result.article?.title, '石门县法院巡回法庭进山村 调解一起土地纠纷', `<title>${title}</title>`);
      assert.deepEqual(result.article.body.map((b) => b.type), ['paragraph', 'heading', 'paragraph']);
      assert.equal(result.article.author, '田光明');
    }
  });

  test('a <title> that names the article still wins', () => {
    const result = importPage(Buffer.from(page('石门县法院开展巡回审判')));
    assert.equal(result.article?.title, '石门县法院开展巡回审判');
  });
});

describe('审核 and other sign-off credits', () => {
  const page = (line: string) => `<!doctype html><html><head><meta charset="utf-8"><title>本院召开年度工作会议_法院新闻</title></head><body>
    <div class="title">本院召开年度工作会议</div><div class="info">发布时间：2024-01-30 17:45&nbsp;&nbsp;作者：办公室&nbsp;&nbsp;审核：周平</div>
    <div class="content"><p>　　1月30日，本院召开年度工作会议，总结2023年工作，部署2024年重点任务。</p>${line}</div></body></html>`;

  test('编辑 next to 审核 gives the editor alone; the 审核 credit is left out with a note, from the byline or a line of the body', () => {
    for (const line of ['<p>编辑：韩雪&nbsp;&nbsp;&nbsp;审核：周平</p>', '<p>（审核：周平　编辑：韩雪）</p>']) {
      const result = importPage(Buffer.from(page(line)));
      assert.ok(result.article, line);
      assert.equal(result.article.editor, '韩雪', line);
      assert.equal(result.article.author, '办公室', line);
      assert.equal(result.article.body.length, 1, line);
      assert.doesNotMatch(JSON.stringify(result.article), /审核|周平/);
      assert.equal(result.issues.filter((i) => i.code === 'byline-read' && /"审核：周平" is not article data/.test(i.message)).length, 2, line);
    }
  });
});

describe('trails and footers without the usual names', () => {
  const page = (trail: string) => `<!doctype html><html><head><meta charset="utf-8"><title>河阳中院：诉源治理让矛盾化解在基层 - 河阳市中级人民法院</title></head><body>
    ${trail}<div class="wrap"><div class="art-title">河阳中院：诉源治理让矛盾化解在基层</div><div class="art-time">发布时间：2024-01-22 10:02:00</div>
    <p>　　记者近日从河阳市中级人民法院获悉，2023年全市法院诉前调解成功纠纷1.8万件，同比增长32%。</p>
    <p>　　下一步，该院将继续深化诉源治理，推动更多矛盾纠纷在诉前得到化解。</p>
    <div class="bottom">河阳市中级人民法院 版权所有 | <a href="/sitemap.html">网站地图</a> | <a href="/lxwm.html">联系我们</a></div></div></body></html>`;

  test('a plain-text trail (首页 >> 媒体聚焦) in div.bread or a box without a name is the breadcrumb, not the first paragraph', () => {
    for (const trail of ['<div class="bread">首页 &gt;&gt; 媒体聚焦</div>', '<div class="top2">首页 → 媒体聚焦</div>']) {
      const result = importPage(Buffer.from(page(trail)));
      assert.deepEqual(result.article?.breadcrumb, [{ label: '首页' }, { label: '媒体聚焦' }], trail);
      assert.equal(result.article.body.length, 2, trail);
    }
  });

  test('the site footer inside the article box is one note, not a warning for each of its lines', () => {
    const result = importPage(Buffer.from(page('')));
    assert.ok(result.article);
    assert.equal(result.issues.some((i) => i.severity === 'warning'), false, result.issues.map((i) => i.message).join('; '));
    const footer = result.issues.filter((i) => i.code === 'chrome-dropped');
    assert.deepEqual(footer.map((i) => i.text), ['河阳市中级人民法院 版权所有 | 网站地图 | 联系我们']);
  });
});

describe('attachment sizes', () => {
  test('a size printed inside the link text is read into bytes and not kept in the title, so it is not shown twice', () => {
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>关于选聘人民陪审员的公告</title></head><body>
      <h1>关于选聘人民陪审员的公告</h1><div class="info">发布时间：2024-03-01</div>
      <div class="content"><p>　　根据工作需要，本院决定选聘人民陪审员二十名，现将有关事项公告如下，请符合条件的公民踊跃报名。</p>
      <p>　　附件：</p>
      <p>　　<a href="/files/gonggao.pdf">1.人民陪审员选聘公告（183KB）</a></p>
      <p>　　<a href="/files/fenpei.xls">2.各乡镇名额分配表</a>（1.2MB）</p></div></body></html>`;
    const result = importPage(Buffer.from(html));
    assert.deepEqual(result.article?.attachments, [
      { title: '1.人民陪审员选聘公告', href: '/files/gonggao.pdf', bytes: 183 * 1024 },
      { title: '2.各乡镇名额分配表', href: '/files/fenpei.xls', bytes: Math.round(1.2 * 1024 * 1024) },
    ]);
    assert.equal(result.article.body.length, 1);
    const shown = shadowText(renderArticlePage(result.article));
    assert.equal(shown.match(/183/g)?.length, 1, 'the size is shown once');
    assert.equal(result.issues.some((i) => i.severity === 'warning'), false, result.issues.map((i) => i.message).join('; '));
  });
});

describe('where warnings point', () => {
  test('a link warning names the block its line became; the javascript: links of 【打印本页】【关闭窗口】 are no security warning', () => {
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>本院召开年度工作会议</title></head><body>
      <h1>本院召开年度工作会议</h1><div class="info">发布时间：2024-01-30</div>
      <div class="content"><p>　　1月30日，本院召开年度工作会议，总结2023年工作，部署2024年重点任务。</p>
      <p><img src="/a.jpg" width="600" height="400"></p><p>▲会议现场，<a href="javascript:void(0)">点击查看</a>大图</p>
      <p>　　会议强调，要进一步提高审判质效，<a href="javascript:show()">更好满足</a>人民群众司法需求。</p>
      <p align="right">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</p></div></body></html>`;
    const result = importPage(Buffer.from(html));
    assert.ok(result.article);
    assert.equal(result.article.body.length, 3);
    const unsafe = result.issues.filter((i) => i.code === 'unsafe-url');
    assert.deepEqual(unsafe.map((i) => [i.path, i.message.slice(0, i.message.indexOf(' is '))]), [
      ['body[1].caption', 'body[1].caption: link "javascript:void(0)"'],
      ['body[2]', 'body[2]: link "javascript:show()"'],
    ]);
    const controls = result.issues.find((i) => i.code === 'chrome-dropped');
    assert.deepEqual([controls?.severity, controls?.path, controls?.text], ['info', 'body', '【打印本页】【关闭窗口】']);
  });
});

describe('a Western charset label over GBK bytes', () => {
  const page = (charset: string, byline: string) => `<html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}"><title>石门县人民法院</title></head>
    <body><h1>石门县法院巡回法庭进山村调解一起土地纠纷</h1><div>${byline}</div>
    <div class="text"><p>　　6月10日，石门县人民法院巡回法庭的法官们冒雨来到壶瓶山镇南坪村，就地开庭审理了一起土地承包经营权纠纷案件。</p></div></body></html>`;

  test('decoded as declared, as browsers do, with a warning and, when no date is found, an error that suggest --charset gbk', () => {
    const misread = importPage(iconv.encode(page('iso-8859-1', '时间：2009年6月12日'), 'gbk'));
    assert.equal(misread.charset, 'windows-1252');
    const missing = misread.issues.find((i) => i.code === 'date-missing');
    assert.match(missing?.message ?? '', /no 发布时间 .* try --charset gbk\)$/);
    const warning = misread.issues.find((i) => i.code === 'charset-guessed');
    assert.match(warning?.message ?? '', /declares "iso-8859-1" .* read as GBK, making \d+ Chinese characters; .* --charset gbk$/);
    const fixed = importPage(iconv.encode(page('iso-8859-1', '时间：2009年6月12日'), 'gbk'), { charset: 'gbk' });
    assert.equal(fixed.article?.publishedAt, '2009-06-12T00:00:00+08:00');
  });

  test('a real Western page in windows-1252 gets no such hint', () => {
    const latin = `<html><head><meta charset="windows-1252"><title>Cour</title></head><body><h1>La cour d'appel à Genève</h1><div>Date : 2009-06-12</div><p>Le café, la résumé, l'élève, à côté de la forêt : voilà ce qu'a jugé la cour, très précisément, après délibéré.</p></body></html>`;
    const result = importPage(iconv.encode(latin, 'windows-1252'));
    assert.equal(result.charset, 'windows-1252');
    assert.equal(result.issues.some((i) => /gbk/i.test(i.message)), false, result.issues.map((i) => i.message).join('; '));
  });
});

describe('hostile pages: visible text is kept or reported', () => {
  test('MathML text is kept; a 上一篇 whose link is javascript: and a text field\'s value are reported', () => {
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>法院开展反诈宣传活动</title></head><body>
      <div class="detail"><div class="title">法院开展反诈宣传活动</div><div class="info">发布时间：2024-02-08 10:00:00</div>
      <div class="content"><p>第一段：法院干警走进社区开展反诈宣传，发放宣传资料三百余份。</p>
      <p><math><mi xlink:href="javascript:alert(18)">数学</mi></math>第七段，公式之后的正文内容。</p>
      <p>第四段：<form action="/x"><input name="q" value="搜索框里的字"><input type="hidden" name="t" value="隐藏值"><button>提交</button></form></p></div>
      <p>上一篇：<a href="javascript:alert(19)">恶意上一篇</a></p></div></body></html>`;
    const result = importPage(Buffer.from(html));
    assert.ok(result.article);
    assert.equal(result.article.body.some((b) => b.type === 'paragraph' && b.text === '数学第七段，公式之后的正文内容。'), true, JSON.stringify(result.article.body));
    assert.equal(result.article.prev, undefined);
    assert.doesNotMatch(JSON.stringify(result.article), /javascript|alert/);
    const prev = result.issues.find((i) => i.path === 'prev.href');
    assert.equal(prev?.code, 'unsafe-url');
    assert.match(prev.message, /上一篇 "恶意上一篇" "javascript:alert\(19\)"/);
    const unmapped = result.issues.filter((i) => i.code === 'unmapped-text').map((i) => i.text);
    assert.deepEqual(unmapped.sort(), ['搜索框里的字', '提交'].sort());
  });
});

describe('video news pages (视频新闻): videos become video blocks', () => {
  const lead = '2月28日，某某法院公开开庭审理一起民间借贷纠纷案，并通过视频向社会公开庭审过程。';
  const leadBlock: Article['body'][number] = { type: 'paragraph', text: lead };
  const page = (inner: string) => Buffer.from(`<html><head><meta charset="utf-8"><title>视频新闻_某某法院</title></head><body><h1 class="title">某某法院公开审理一起民间借贷纠纷案</h1><div class="info">发布时间：2024-02-28 10:00</div><div class="content"><p>${lead}</p>${inner}</div></body></html>`);
  const videos = (body: Article['body'] | undefined) => (body ?? []).filter((b) => b.type === 'video');
  const warned = (issues: ImportIssue[], code: string) => issues.filter((i) => i.code === code && i.severity === 'warning');

  test('<video controls poster src> and the ▲ line under it give a video block with its caption, in body order; a centred line or a figcaption captions a video too', () => {
    const result = importPage(page('<p><video controls width="1280" height="720" poster="/media/2024/1.jpg" src="/media/2024/1.mp4">您的浏览器不支持视频播放</video></p><p>▲庭审现场</p><p>庭审结束后，法官对双方当事人进行了释法说理。</p><p><video controls src="/media/2024/2.mp4"></video></p><p style="text-align:center">法官释法说理</p><figure><video controls src="/media/2024/3.mp4"></video><figcaption>▲双方当事人握手言和</figcaption></figure>'));
    assert.ok(result.article);
    assert.deepEqual(result.article.body, [
      leadBlock,
      { type: 'video', src: '/media/2024/1.mp4', poster: '/media/2024/1.jpg', width: 1280, height: 720, caption: '庭审现场' },
      { type: 'paragraph', text: '庭审结束后，法官对双方当事人进行了释法说理。' },
      { type: 'video', src: '/media/2024/2.mp4', caption: '法官释法说理' },
      { type: 'video', src: '/media/2024/3.mp4', caption: '双方当事人握手言和' },
    ]);
    assert.match(result.issues.find((i) => i.code === 'caption-inferred')?.message ?? '', /^body\[3\]: the centred line "法官释法说理" under the video is read as its caption$/);
    assert.deepEqual(result.issues.filter((i) => i.severity !== 'info'), []);
    assert.equal(parseArticle(JSON.parse(JSON.stringify(result.article))).ok, true);
  });

  test('a page of a video and its short caption only, without running text, is found by its video; the site logo is not taken', () => {
    const head = '<html><head><meta charset="utf-8"><title>视频新闻_某某法院</title></head><body><div class="header"><img src="/logo.png" width="300" height="80" alt="某某法院"></div><h1 class="title">视频新闻</h1><div class="info">发布时间：2024-02-28 10:00</div>';
    const result = importPage(Buffer.from(`${head}<div class="content"><div class="player"><video controls src="/media/a.mp4" width="640" height="360"></video></div><div class="txt">▲庭审</div></div><div class="footer">版权所有 某某法院</div></body></html>`));
    assert.deepEqual(result.article?.body, [{ type: 'video', src: '/media/a.mp4', width: 640, height: 360, caption: '庭审' }]);
    assert.equal(result.issues.some((i) => i.severity === 'warning'), false, result.issues.map((i) => i.message).join('; '));
  });

  test('a <video> with a WebM and an MP4 <source>: the MP4 is taken; a javascript: source is passed over; the size may come from the style', () => {
    const result = importPage(page('<video controls style="width:640px; height:360px" poster="/media/p.jpg"><source src="javascript:alert(1)" type="video/mp4"><source src="/media/clip.webm" type="video/webm"><source src="/media/clip.mp4" type="video/mp4; codecs=&quot;avc1.42E01E&quot;"></video><p>▲调解现场</p>'));
    assert.deepEqual(videos(result.article?.body), [{ type: 'video', src: '/media/clip.mp4', poster: '/media/p.jpg', width: 640, height: 360, caption: '调解现场' }]);
    const webmOnly = importPage(page('<video controls><source src="/media/clip.ogv" type="video/ogg"><source src="/media/clip.webm"></video>'));
    assert.deepEqual(videos(webmOnly.article?.body), [{ type: 'video', src: '/media/clip.webm' }]);
    assert.doesNotMatch(JSON.stringify(result.article), /javascript/);
  });

  test('relative video and poster addresses are resolved against --base-url (the baseUrl option)', () => {
    const inner = '<p><video controls src="../media/1.mp4" poster="img/1.jpg"></video></p><p>▲庭审现场</p>';
    const result = importPage(page(inner), { baseUrl: 'https://court.example.cn/news/2024/a.html' });
    assert.deepEqual(videos(result.article?.body), [{ type: 'video', src: 'https://court.example.cn/news/media/1.mp4', poster: 'https://court.example.cn/news/2024/img/1.jpg', caption: '庭审现场' }]);
    const dir = mkdtempSync(join(tmpdir(), 'cw-import-'));
    try {
      writeFileSync(join(dir, 'video.html'), page(inner));
      const run = runCli(['import', join(dir, 'video.html'), '--base-url', 'https://court.example.cn/news/2024/a.html']);
      assert.equal(run.status, 0, run.stderr);
      assert.deepEqual(videos((JSON.parse(run.stdout) as Article).body), videos(result.article?.body));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('old players: <embed src="/a.mp4">, and Flash players whose flashvars or query name an MP4 file, become video blocks', () => {
    const result = importPage(page([
      '<p><embed src="/a.mp4" width="640" height="480"></p><p>▲第一段视频</p>',
      '<p><object classid="clsid:D27CDB6E-AE6D-11cf-96B8-444553540000" width="600" height="400"><param name="movie" value="/player/player.swf"><param name="flashvars" value="file=%2Fupload%2Fb.mp4&amp;image=/upload/b.jpg&amp;autostart=false"><embed src="/player/player.swf" flashvars="file=/upload/b.mp4" type="application/x-shockwave-flash"></object></p>',
      '<p><embed src="/player/vcastr.swf?vurl=/upload/c.m4v" type="application/x-shockwave-flash"></p>',
    ].join('')));
    assert.deepEqual(videos(result.article?.body), [
      { type: 'video', src: '/a.mp4', width: 640, height: 480, caption: '第一段视频' },
      { type: 'video', src: '/upload/b.mp4', poster: '/upload/b.jpg', width: 600, height: 400 },
      { type: 'video', src: '/upload/c.m4v' },
    ]);
    assert.deepEqual(warned(result.issues, 'media-unsupported'), []);
  });

  test('Flash video (.flv) in an <object> or in flashvars stays a media-unsupported warning that names the file', () => {
    const result = importPage(page('<p><object data="/v/1.flv" type="video/x-flv"></object></p><p><embed src="/player.swf" flashvars="file=/v/2.flv&amp;autostart=true"></p>'), { baseUrl: 'https://court.example.cn/news/a.html' });
    assert.deepEqual(videos(result.article?.body), []);
    assert.deepEqual(warned(result.issues, 'media-unsupported').map((i) => [i.path, i.message]), [
      ['body[1]', 'body[1]: the <object> player of "https://court.example.cn/v/1.flv" plays no MP4 or WebM file (browsers play no Flash video); not imported'],
      ['body[1]', 'body[1]: the <embed> player of "https://court.example.cn/v/2.flv" plays no MP4 or WebM file (browsers play no Flash video); not imported'],
    ]);
  });

  test('a frame (a CCTV or Tencent player) and <audio> stay media-unsupported warnings that name their address', () => {
    const result = importPage(page('<p><iframe src="https://tv.cctv.com/2024/02/28/VIDEabc.shtml" width="640" height="360" allowfullscreen></iframe></p><p><audio controls><source src="/media/talk.mp3" type="audio/mpeg"></audio></p><p><iframe frameborder="0" data-src="/player/v.html?id=7"></iframe></p>'), { baseUrl: 'https://court.example.cn/news/a.html' });
    assert.deepEqual(videos(result.article?.body), []);
    assert.deepEqual(warned(result.issues, 'media-unsupported').map((i) => i.message), [
      'body[1]: the frame <iframe> of "https://tv.cctv.com/2024/02/28/VIDEabc.shtml" (a player or page of another site) has no block type in the contract; not imported',
      'body[1]: the <audio> of "https://court.example.cn/media/talk.mp3" has no block type in the contract; not imported',
      'body[1]: the frame <iframe> of "https://court.example.cn/player/v.html?id=7" (a player or page of another site) has no block type in the contract; not imported',
    ]);
  });

  test('a javascript: video source drops the video with an unsafe-url warning; a javascript: poster is dropped alone', () => {
    const result = importPage(page('<p><video controls src="javascript:alert(1)" poster="/media/p.jpg"></video></p><p>▲被丢弃的视频</p><p><video controls src="/media/ok.mp4" poster="JaVaScRiPt:alert(2)"></video></p>'));
    assert.ok(result.article);
    assert.doesNotMatch(JSON.stringify(result.article), /javascript|alert/i);
    assert.deepEqual(videos(result.article.body), [{ type: 'video', src: '/media/ok.mp4' }]);
    assert.deepEqual(warned(result.issues, 'unsafe-url').map((i) => [i.path, i.message]), [
      ['body[1].src', 'body[1].src: video source "javascript:alert(1)" is not an http, https, mailto, tel or relative URL; dropped'],
      ['body[2].poster', 'body[2].poster: video still "JaVaScRiPt:alert(2)" is not an http, https, mailto, tel or relative URL; dropped'],
    ]);
    // The caption of the dropped video has no video to go to: it stays, and says so.
    assert.ok(result.issues.some((i) => i.code === 'orphan-caption' && i.text === '▲被丢弃的视频'));
  });

  test('ckplayer (f= / i=), vcastr (vcastr_file=) and CuPlayer (CuPlayerFile= / CuPlayerImage=) players of an MP4 become video blocks; any flashvar naming an MP4 does', () => {
    const result = importPage(page([
      '<p align="center"><embed src="/ckplayer/ckplayer.swf" flashvars="f=/uploadfile/video/2024/0228hearing.mp4&amp;i=/uploadfile/video/2024/0228hearing.jpg&amp;p=0" quality="high" width="600" height="400" align="middle" allowScriptAccess="always" allowFullscreen="true" type="application/x-shockwave-flash"></embed></p><p align="center">▲庭审现场</p>',
      '<object classid="clsid:D27CDB6E-AE6D-11cf-96B8-444553540000" width="500" height="400"><param name="movie" value="/flash/vcastr3.swf"><param name="allowFullScreen" value="true"><param name="FlashVars" value="vcastr_file=/video/2013/jiaoyu.mp4&amp;vcastr_title=法治宣传片"><embed src="/flash/vcastr3.swf" FlashVars="vcastr_file=/video/2013/jiaoyu.mp4" width="500" height="400"></embed></object>',
      '<object type="application/x-shockwave-flash" data="/CuPlayer/player.swf" width="600" height="400"><param name="movie" value="/CuPlayer/player.swf"><param name="flashvars" value="CuPlayerSetFile=/CuPlayer/CuPlayerSetFile.xml&amp;CuPlayerFile=/video/2015/fabu.mp4&amp;CuPlayerImage=/video/2015/fabu.jpg&amp;CuPlayerWidth=600"></object>',
      '<p><embed src="/player/other.swf" flashvars="skin=/player/skin.zip&amp;MovieSource=/video/2016/d.webm&amp;IMAGE=/video/2016/d.jpg"></p>',
    ].join('')));
    assert.deepEqual(videos(result.article?.body), [
      { type: 'video', src: '/uploadfile/video/2024/0228hearing.mp4', poster: '/uploadfile/video/2024/0228hearing.jpg', width: 600, height: 400, caption: '庭审现场' },
      { type: 'video', src: '/video/2013/jiaoyu.mp4', width: 500, height: 400 },
      { type: 'video', src: '/video/2015/fabu.mp4', poster: '/video/2015/fabu.jpg', width: 600, height: 400 },
      { type: 'video', src: '/video/2016/d.webm', poster: '/video/2016/d.jpg' },
    ]);
    assert.deepEqual(warned(result.issues, 'media-unsupported'), []);
    assert.deepEqual(warned(result.issues, 'orphan-caption'), []);
  });

  test('a Hanweb / UEditor <embed> of downfile.jsp?…&filename=x.mp4 is a video of that address, as the same <video> is', () => {
    const file = '/module/download/downfile.jsp?classid=0&filename=1403211234.mp4';
    const result = importPage(page(`<p style="text-align:center"><video class="edui-upload-video vjs-default-skin video-js" controls="" preload="none" width="420" height="280" src="/module/download/downfile.jsp?classid=0&amp;filename=2403011234.mp4" data-setup="{}"><source src="/module/download/downfile.jsp?classid=0&amp;filename=2403011234.mp4" type="video/mp4"/></video></p><p>${lead}</p><p style="text-align:center"><embed type="application/x-shockwave-flash" class="edui-faked-video" src="${file.replace('&', '&amp;')}" width="420" height="280" wmode="transparent" play="true" loop="false" menu="false" allowscriptaccess="never" allowfullscreen="true"/></p><p><embed src="/getfile.aspx?id=7&amp;url=%2Fvideo%2Fe.m4v"></p><p><embed src="/down.php?file=notice.pdf"></p><p><embed src="/v/old.flv"></p>`));
    assert.deepEqual(videos(result.article?.body), [
      { type: 'video', src: '/module/download/downfile.jsp?classid=0&filename=2403011234.mp4', width: 420, height: 280 },
      { type: 'video', src: file, width: 420, height: 280 },
      { type: 'video', src: '/getfile.aspx?id=7&url=%2Fvideo%2Fe.m4v' },
    ]);
    assert.deepEqual(warned(result.issues, 'media-unsupported').map((i) => i.message), ['body[5]: the <embed> player of "/v/old.flv" plays no MP4 or WebM file (browsers play no Flash video); not imported']);
    // A download script that serves a PDF is an attachment, as a link to it is.
    assert.deepEqual(result.article?.attachments, [{ title: 'notice.pdf', href: '/down.php?file=notice.pdf' }]);
  });

  test('a lazy-loaded <video data-src> with data-poster is read as lazy-loaded images are, and takes the ▲ line under it', () => {
    const result = importPage(page('<video data-src="/v/lazy.mp4" poster="/v/lazy.jpg" controls></video><p>▲庭审现场</p><p><video src="data:video/mp4;base64,AAAA" data-original="/v/lazy2.mp4" poster="data:image/gif;base64,R0lGOD" data-poster="/v/lazy2.jpg"></video></p><p>▲调解现场</p>'));
    assert.deepEqual(videos(result.article?.body), [
      { type: 'video', src: '/v/lazy.mp4', poster: '/v/lazy.jpg', caption: '庭审现场' },
      { type: 'video', src: '/v/lazy2.mp4', poster: '/v/lazy2.jpg', caption: '调解现场' },
    ]);
    assert.deepEqual(result.issues.filter((i) => i.severity === 'warning'), []);
  });

  test('（完） and its other forms under a photo or a video stay a (centred) paragraph, not its caption', () => {
    for (const end of ['（完）', '(完)', '——完——', '【完】']) {
      const result = importPage(page(`<p>${lead}</p><p style="text-align:center"><video src="/v/x.mp4" controls></video></p><p style="text-align:center">${end}</p><p style="text-align:center"><img src="/a.jpg"></p><p style="text-align:center">${end}</p>`));
      assert.deepEqual(result.article?.body.slice(2), [
        { type: 'video', src: '/v/x.mp4' },
        { type: 'paragraph', text: end, align: 'center' },
        { type: 'image', src: '/a.jpg' },
        { type: 'paragraph', text: end, align: 'center' },
      ], end);
      assert.equal(result.issues.some((i) => i.code === 'caption-inferred'), false, end);
    }
  });

  test('the subtitles (<track src=".vtt">) of an imported video are a warning naming the file: the contract has no field for them', () => {
    const result = importPage(page('<video src="/v/track.mp4" controls><track kind="subtitles" src="/v/track.vtt" srclang="zh" label="中文字幕"><track kind="captions" src="/v/track-en.vtt" srclang="en"></video><p>▲带字幕的庭审视频</p>'), { baseUrl: 'https://court.example.cn/news/a.html' });
    assert.deepEqual(videos(result.article?.body), [{ type: 'video', src: 'https://court.example.cn/v/track.mp4', caption: '带字幕的庭审视频' }]);
    assert.deepEqual(warned(result.issues, 'subtitles-dropped').map((i) => [i.path, i.message]), [
      ['body[1]', 'body[1]: the subtitles "https://court.example.cn/v/track.vtt" (中文字幕) of the video have no field in the contract; not imported: burn them into the video or link them in the text'],
      ['body[1]', 'body[1]: the subtitles "https://court.example.cn/v/track-en.vtt" of the video have no field in the contract; not imported: burn them into the video or link them in the text'],
    ]);
  });

  test('a Windows Media, RealMedia or other player that is not Flash gets the reason of its own file type', () => {
    const result = importPage(page(`<embed src="/v/win.wmv" type="application/x-mplayer2" width="400" height="300"><p>${lead}</p><object classid="clsid:6BF52A52-394A-11D3-B153-00C04F79FAA6"><param name="URL" value="/v/live.asx"></object><embed src="/v/old.rmvb" type="audio/x-pn-realaudio-plugin"><embed src="/v/clip.avi"><embed src="/v/old.flv">`));
    assert.deepEqual(warned(result.issues, 'media-unsupported').map((i) => i.message), [
      'body[1]: the <embed> player of "/v/win.wmv" plays no MP4 or WebM file (browsers play no Windows Media video); not imported',
      'body[2]: the <object> player of "/v/live.asx" plays no MP4 or WebM file (browsers play no Windows Media video); not imported',
      'body[2]: the <embed> player of "/v/old.rmvb" plays no MP4 or WebM file (browsers play no RealMedia video); not imported',
      'body[2]: the <embed> player of "/v/clip.avi" plays no MP4 or WebM file (browsers play no .avi file); not imported',
      'body[2]: the <embed> player of "/v/old.flv" plays no MP4 or WebM file (browsers play no Flash video); not imported',
    ]);
  });

  test('an article with a video block, rendered by renderArticlePage, imports back with the same block', () => {
    const article: Article = {
      version: 1, lang: 'zh-CN', title: '某某法院公开审理一起民间借贷纠纷案', publishedAt: '2024-02-28T10:00:00+08:00',
      body: [
        leadBlock,
        { type: 'video', src: '/media/2024/1.mp4', poster: '/media/2024/1.jpg', caption: '庭审现场', width: 1280, height: 720 },
        { type: 'video', src: 'https://court.example.cn/media/2024/2.webm' },
      ],
    };
    const page = renderArticlePage(article);
    const result = importPage(Buffer.from(page));
    assert.deepEqual(result.article?.body, article.body);
    assert.equal(result.issues.some((i) => i.severity === 'warning'), false, result.issues.map((i) => i.message).join('; '));
  });
});

describe('import: page families of other court platforms', () => {
  const lines = [
    '5月14日，某某法院举办“法院开放日”活动，邀请人大代表、政协委员、社区群众等30余人走进法院，零距离感受司法工作。',
    '参观人员先后参观了诉讼服务中心、审判法庭、执行指挥中心等场所，并旁听了一起买卖合同纠纷案件的庭审。',
  ];
  const texts = (body: Article['body'] | undefined) => (body ?? []).map((b) => ('text' in b ? b.text : b.type));

  test('an ASP.NET page held in one <form id="form1"> (__VIEWSTATE) is read as the page; a search form in it stays furniture; 发布人 is the editor', () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>\n\t某某法院开展“法院开放日”活动\n</title></head><body>
<form name="form1" method="post" action="NewsShow.aspx?id=3321" id="form1">
<div><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1MmRk" /></div>
<div id="search"><input type="text" name="txtKey" value="请输入关键字"><input type="submit" name="btnSearch" value="搜索"></div>
<div id="weizhi">当前位置：<a href="Default.aspx">首页</a> &gt;&gt; <a href="NewsList.aspx?cid=1">法院新闻</a></div>
<table width="900"><tr><td align="center"><span id="lblTitle">某某法院开展“法院开放日”活动</span></td></tr>
<tr><td align="center"><span id="lblInfo">发布人：办公室&nbsp;&nbsp;发布时间：2024/5/15 14:22:31&nbsp;&nbsp;浏览：<span id="lblHits">312</span>次</span></td></tr>
<tr><td><span id="lblContent">${lines.map((l) => `<p>　　${l}</p>`).join('')}</span></td></tr></table>
</form></body></html>`;
    const result = importPage(Buffer.from(html));
    assert.equal(result.article?.title, '某某法院开展“法院开放日”活动');
    assert.equal(result.article?.publishedAt, '2024-05-15T14:22:31+08:00');
    assert.equal(result.article?.editor, '办公室');
    assert.deepEqual(result.article?.breadcrumb?.map((c) => c.label), ['首页', '法院新闻']);
    assert.deepEqual(texts(result.article?.body), lines);
  });

  test('a Hanweb page whose <table class="bt_table"> holds the title cell, the byline and the <div id="zoom"> body: the title cell is the title, the body stays the body', () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>市中院召开2024年执行工作推进会</title>
<meta name="ArticleTitle" content="市中院召开2024年执行工作推进会"><meta name="PubDate" content="2024-03-05 10:21"><meta name="ContentSource" content="执行局"></head><body>
<table width="1000" class="bt_table">
<tr><td align="center" class="title">市中院召开2024年执行工作推进会</td></tr>
<tr><td align="center">发布日期：2024-03-05&nbsp;&nbsp;信息来源：执行局&nbsp;&nbsp;【字体：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>】</td></tr>
<tr><td><div id="zoom"><!--<$[信息内容]>begin--><ucapcontent>${lines.map((l) => `<p style="text-indent:2em;">${l}</p>`).join('\n')}</ucapcontent><!--<$[信息内容]>end--></div></td></tr>
</table>
<table><tr><td align="right"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close();">【关闭窗口】</a></td></tr></table></body></html>`;
    const result = importPage(Buffer.from(html));
    assert.equal(result.article?.title, '市中院召开2024年执行工作推进会');
    assert.equal(result.article?.source, '执行局');
    assert.equal(result.article?.publishedAt, '2024-03-05T10:21:00+08:00');
    assert.deepEqual(texts(result.article?.body), lines);
  });

  test('JSP / ASP code a server sent unrun (<%@ page %>, <%-- --%> with a paragraph in it, <%= %> in the byline) is not page text; a <% never closed stays', () => {
    const html = `<%@ page contentType="text/html;charset=GBK" %>
<%-- 新闻详情页 模板 --%>
<!DOCTYPE html><html><head><meta charset="utf-8"><title>市中院召开党组理论学习中心组学习会议</title></head><body>
<div class="head"><a href="/">某某市中级人民法院</a></div>
<h1>市中院召开党组理论学习中心组学习会议</h1>
<div class="info">发布时间：2024-06-12&nbsp;&nbsp;作者：政治部&nbsp;&nbsp;<%=request.getAttribute("hits")%></div>
<div class="con"><p>${lines[0]}</p>
<%-- <p>旧稿：此段已删除</p> --%>
<p>${lines[1]}</p><p>年化利率<%不超过24%的部分受法律保护，超过部分不予支持，这是本案裁判的依据。</p></div></body></html>`;
    const result = importPage(Buffer.from(html));
    assert.equal(result.article?.author, '政治部');
    assert.deepEqual(texts(result.article?.body), [...lines, '年化利率<%不超过24%的部分受法律保护，超过部分不予支持，这是本案裁判的依据。']);
    assert.deepEqual(result.issues.filter((i) => i.message.includes('JSP')).map((i) => i.message), [
      'body: 4 pieces of JSP or ASP template code (<%-- … --%>, <%@ … %>, <%= … %>) the server sent unrun are not page text; dropped',
    ]);
  });

  test('a page that prints no 发布时间 takes the day its <title> or its address names (TRS t20240228_123, Hanweb /art/2024/2/28/), with a date-inferred warning; an article number is no date', () => {
    const undated = (head: string, name = 'x') => {
      const html = `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body><h1>某某法院开展司法警察技能培训</h1><div class="sx">来源：司法警察大队</div><div class="nr">${lines.map((l) => `<p>${l}</p>`).join('')}</div></body></html>`;
      const result = importPage(Buffer.from(html), { id: name });
      return [result.article?.publishedAt, result.issues.filter((i) => i.code === 'date-inferred' || i.code === 'date-missing').map((i) => `${i.severity} ${i.message}`)];
    };
    assert.deepEqual(undated('<title>2024年1月10日 某某法院开展司法警察技能培训</title>'), ['2024-01-10T00:00:00+08:00', [
      'warning publishedAt: the page prints no 发布时间; the day the page\'s <title> "2024年1月10日 某某法院开展司法警察技能培训" names is used: check it',
    ]]);
    assert.deepEqual(undated('<title>某某法院开展司法警察技能培训</title>', 't20240228_123'), ['2024-02-28T00:00:00+08:00', [
      'warning publishedAt: the page prints no 发布时间; the day the page\'s address "t20240228_123" names is used: check it',
    ]]);
    assert.deepEqual(undated('<title>某某法院开展司法警察技能培训</title><link rel="canonical" href="https://www.court.example.cn/art/2024/3/5/art_1229_7716.html">'), ['2024-03-05T00:00:00+08:00', [
      'warning publishedAt: the page prints no 发布时间; the day the page\'s address "https://www.court.example.cn/art/2024/3/5/art_1229_7716.html" names is used: check it',
    ]]);
    assert.deepEqual(undated('<title>2023年度某某法院开展司法警察技能培训</title><link rel="canonical" href="https://www.court.example.cn/news/20241399.html">', 'content_235611'), [undefined, [
      'error publishedAt: no 发布时间 (publication date) was found on the page',
    ]]);
  });

  test('the title printed again as the first line of the body (bold and centred, or an <h2>) is dropped with a note; the same words further down stay', () => {
    const title = '某某法院与某某区司法局签订诉调对接合作协议';
    for (const first of [`<p style="text-align:center"><strong>${title}</strong></p>`, `<h2>${title}</h2>`, `<p>　　${title}</p>`]) {
      const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><div class="sx">发布时间：2024-07-02 10:00</div><div class="nr">${first}${lines.map((l) => `<p>${l}</p>`).join('')}<p>${title}</p></div></body></html>`;
      const result = importPage(Buffer.from(html));
      assert.deepEqual(texts(result.article?.body), [...lines, title], first);
      assert.deepEqual(result.issues.filter((i) => i.message.includes('repeats the title')).map((i) => i.message), [`body: the first line "${title}" repeats the title; dropped`], first);
      assert.equal(result.issues.some((i) => i.severity === 'warning'), false, first);
    }
  });

  test('a PDF or Word file shown in an <iframe>, <embed> or a PDF viewer is an attachment (once, when the page links it too); a frame of a player stays a warning', () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>某某市中级人民法院2023年度工作报告</title></head><body><h1>某某市中级人民法院2023年度工作报告</h1><div class="sx">发布时间：2024-02-01 15:30</div><div class="nr"><p>${lines[0]}</p>
<iframe src="/uploadfiles/2024/02/gzbg2023.pdf" width="100%" height="800"></iframe>
<embed src="/uploadfiles/2024/02/chunjie.pdf" type="application/pdf" width="100%" height="600">
<iframe src="/pdfjs/web/viewer.html?file=/uploadfiles/2024/02/%E5%88%A4%E5%86%B3%E4%B9%A6.docx" title="判决书全文"></iframe><embed src="/down.php?id=9&amp;filename=%E5%85%AC%E5%91%8A.pdf">
<p>${lines[1]}</p><p>附件：<a href="/uploadfiles/2024/02/chunjie.pdf">春节假期立案安排.pdf</a></p>
<iframe src="https://player.example.com/v.html?vid=1"></iframe></div></body></html>`;
    const result = importPage(Buffer.from(html), { baseUrl: 'https://court.example.cn/news/a.html' });
    assert.deepEqual(texts(result.article?.body), lines);
    assert.deepEqual(result.article?.attachments, [
      { title: '春节假期立案安排.pdf', href: 'https://court.example.cn/uploadfiles/2024/02/chunjie.pdf' },
      { title: 'gzbg2023.pdf', href: 'https://court.example.cn/uploadfiles/2024/02/gzbg2023.pdf' },
      { title: '判决书全文', href: 'https://court.example.cn/pdfjs/web/viewer.html?file=/uploadfiles/2024/02/%E5%88%A4%E5%86%B3%E4%B9%A6.docx' },
      { title: '公告.pdf', href: 'https://court.example.cn/down.php?id=9&filename=%E5%85%AC%E5%91%8A.pdf' },
    ]);
    assert.deepEqual(result.issues.filter((i) => i.message.includes('showing the document')).map((i) => i.message), [
      'body[1]: the <iframe> showing the document "https://court.example.cn/uploadfiles/2024/02/gzbg2023.pdf" is read as an attachment; the article lists it after the text',
      'body[1]: the <embed> showing the document "https://court.example.cn/uploadfiles/2024/02/chunjie.pdf" is read as the attachment the page also links; the article lists it after the text',
      'body[1]: the <iframe> showing the document "https://court.example.cn/pdfjs/web/viewer.html?file=/uploadfiles/2024/02/%E5%88%A4%E5%86%B3%E4%B9%A6.docx" is read as an attachment; the article lists it after the text',
      'body[1]: the <embed> showing the document "https://court.example.cn/down.php?id=9&filename=%E5%85%AC%E5%91%8A.pdf" is read as an attachment; the article lists it after the text',
    ]);
    assert.deepEqual(result.issues.filter((i) => i.code === 'media-unsupported').map((i) => i.message), [
      'body[2]: the frame <iframe> of "https://player.example.com/v.html?vid=1" (a player or page of another site) has no block type in the contract; not imported',
    ]);
  });

  test('an e-paper page whose 本版标题 list links the article before the cell that prints its title: the printed cell is the title, not the list item', () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>人民法院报-推动矛盾纠纷实质性化解</title></head><body>
<table><tr><td valign="top"><div>第03版：要闻</div><ul class="titlelist"><li><a href="content_235611.htm">推动矛盾纠纷实质性化解</a></li><li><a href="content_235612.htm">最高法发布典型案例</a></li></ul></td>
<td valign="top"><table><tr><td class="font01" align="center">推动矛盾纠纷实质性化解</td></tr><tr><td>发布日期：2024-02-28</td></tr>
<tr><td><div id="ozoom">${lines.map((l) => `<p>　　${l}</p>`).join('')}</div></td></tr></table></td></tr></table></body></html>`;
    const result = importPage(Buffer.from(html));
    assert.equal(result.article?.title, '推动矛盾纠纷实质性化解');
    assert.deepEqual(result.issues.filter((i) => i.code === 'title-from-head').map((i) => i.message), ['title: read from the <td> that repeats the <title> ("推动矛盾纠纷实质性化解")']);
  });

  test('a 悬赏公告 table of the 被执行人 with the photo in a cell is a data table kept as html; tables that set photos beside or above their captions are still walked', () => {
    const notice = `<table border="1"><tbody><tr><td>被执行人</td><td>林某某</td><td rowspan="4"><img src="/upload/lin.jpg" width="120" height="160" alt="林某某照片"></td></tr><tr><td>身份证号</td><td>3505**********1234</td></tr><tr><td>执行标的</td><td>人民币58万元及利息</td></tr><tr><td>悬赏金额</td><td>执行到位金额的10%</td></tr></tbody></table>`;
    const photos = `<table><tr><td><img src="/upload/a.jpg"></td><td>▲调解现场</td></tr><tr><td><img src="/upload/b.jpg"></td><td>▲送达现场</td></tr><tr><td><img src="/upload/c.jpg"></td><td>▲判后答疑</td></tr></table>`;
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>某某县人民法院悬赏公告</title></head><body><h1>某某县人民法院悬赏公告</h1><div class="sx">发布时间：2024-05-20</div><div class="nr"><p>${lines[0]}</p>${notice}<p>${lines[1]}</p>${photos}</div></body></html>`;
    const result = importPage(Buffer.from(html));
    assert.deepEqual(texts(result.article?.body), [lines[0], 'html', lines[1], 'image', 'image', 'image']);
    assert.equal(result.article?.body[1]?.type === 'html' && result.article.body[1].html, '<table><tbody><tr><td>被执行人</td><td>林某某</td><td rowspan="4"><img src="/upload/lin.jpg" alt="林某某照片"></td></tr><tr><td>身份证号</td><td>3505**********1234</td></tr><tr><td>执行标的</td><td>人民币58万元及利息</td></tr><tr><td>悬赏金额</td><td>执行到位金额的10%</td></tr></tbody></table>');
    assert.deepEqual(result.article?.body.slice(3).map((b) => b.type === 'image' && b.caption), ['调解现场', '送达现场', '判后答疑']);
  });

  test('the English page of a court site: "Location:" is the 当前位置 trail and "Previous:" / "Next:" the 上一篇 / 下一篇 links; a sentence that starts with Next stays text', () => {
    const en = [
      'On September 9, the Intermediate People\'s Court held an open day for representatives of foreign chambers of commerce.',
      'Next year the court will hold two more open days, <a href="/en/open.html">announced here</a> in advance.',
    ];
    const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Court Holds Open Day for Foreign Chambers of Commerce</title></head><body>
<div class="loc">Location: <a href="/en/">Home</a> &gt; <a href="/en/news/">News</a></div>
<h1>Court Holds Open Day for Foreign Chambers of Commerce</h1><div class="sx">Date: 2024-09-10</div>
<div class="nr">${en.map((l) => `<p>${l}</p>`).join('')}</div>
<div class="pn">Previous: <a href="/en/news/11.html">Court Releases White Paper</a><br>Next Article: <a href="/en/news/13.html">Judges Visit Free Trade Zone</a></div></body></html>`;
    const result = importPage(Buffer.from(html));
    assert.deepEqual(result.article?.breadcrumb?.map((c) => c.label), ['Home', 'News']);
    assert.deepEqual(result.article?.prev, { title: 'Court Releases White Paper', href: '/en/news/11.html' });
    assert.deepEqual(result.article?.next, { title: 'Judges Visit Free Trade Zone', href: '/en/news/13.html' });
    assert.deepEqual(result.article?.body.map((b) => ('text' in b ? b.text : b.type === 'paragraph' ? b.html : b.type)), [en[0], 'Next year the court will hold two more open days, <a href="/en/open.html">announced here</a> in advance.']);
  });

  test('a pager (第1页 共3页) names only the other pages: not 首页 / 上一页 on the first page, 尾页 / 下一页 on the last, nor the number of the page shown', () => {
    const paged = (pager: string) => {
      const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>关于加强新时代人民法庭建设的调研报告</title></head><body><h1>关于加强新时代人民法庭建设的调研报告</h1><div class="sx">发布时间：2024-04-20 09:15:02</div><div class="nr">${lines.map((l) => `<p>${l}</p>`).join('')}</div><div class="page">${pager}</div></body></html>`;
      return importPage(Buffer.from(html)).issues.filter((i) => i.code === 'article-paged').map((i) => i.message.replace(/^.*join the bodies: /, ''));
    };
    assert.deepEqual(paged('第1页 共3页 <a href="t5512.html">首页</a> <a href="t5512.html">1</a> <a href="t5512_1.html">2</a> <a href="t5512_2.html">3</a> <a href="t5512_1.html">下一页</a> <a href="t5512_2.html">尾页</a>'), ['t5512_1.html, t5512_2.html']);
    assert.deepEqual(paged('第3页 共3页 <a href="t5512.html">首页</a> <a href="t5512_1.html">上一页</a> <a href="t5512.html">1</a> <a href="t5512_1.html">2</a> <a href="t5512_2.html">3</a> <a href="t5512_2.html">尾页</a>'), ['t5512.html, t5512_1.html']);
    assert.deepEqual(paged('第2页 共3页 <a href="t5512.html">首页</a> <a href="t5512.html">上一页</a> <a href="t5512_2.html">下一页</a> <a href="t5512_2.html">尾页</a>'), ['t5512.html, t5512_2.html']);
  });

  test('the byline of an English court page: Date / Source / Author / Editor labels are read; Views is a counter', () => {
    const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Court Holds Open Day</title></head><body><h1>Court Holds Open Day</h1>
<div class="sx">Date: 2024-09-10 15:30 &nbsp; Source: Foreign-related Commercial Tribunal &nbsp; Author: Li Ming &nbsp; Editor: Wang Fang &nbsp; Views: 532</div>
<div class="nr"><p>On September 9, the Intermediate People's Court held an open day for representatives of foreign chambers of commerce.</p></div></body></html>`;
    const a = importPage(Buffer.from(html)).article;
    assert.deepEqual([a?.publishedAt, a?.source, a?.author, a?.editor], ['2024-09-10T15:30:00+08:00', 'Foreign-related Commercial Tribunal', 'Li Ming', 'Wang Fang']);
  });
});
