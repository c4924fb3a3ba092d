// `court-widgets import` of WeChat (微信公众号) articles: saved copies of mp.weixin.qq.com
// pages, and court CMS pages whose body is WeChat markup pasted in.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticle } from '../../src/model/index.js';
import type { Article, Block } from '../../src/model/types.js';
import { importPage } from '../../src/import/import-page.js';
import type { ImportIssue } from '../../src/import/extract.js';
import { isEndMarker, isFollowPrompt, isReadOriginal, isSharePrompt } from '../../src/import/wechat.js';
import { root, runCli } from './cli-helpers.js';

const pages = join(root, 'tests', 'fixtures', 'import', 'pages');

const importFixture = (file: string) => importPage(readFileSync(join(pages, file)), { id: file.replace(/\.html$/, '') });

/** A block as a short line: `p:…`, `h:…`, `img:src|caption|width×height`. */
function summary(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `p:${block.text ?? block.html}`;
    case 'heading':
      return `h:${block.text}`;
    case 'image':
      return `img:${block.src}|${block.caption ?? ''}|${block.width ?? ''}×${block.height ?? ''}`;
    default:
      return block.type;
  }
}

const ofCode = (issues: ImportIssue[], code: ImportIssue['code']) => issues.filter((i) => i.code === code);

/** A saved mp.weixin.qq.com page around `content` (the inside of #js_content); `after`: what follows #js_content. */
function savedPage(content: string, { script = 'var ct = "1709616600" * 1;', contentStyle = 'visibility: hidden;', meta = '', publishTime = '', after = '' } = {}): Buffer {
  return Buffer.from(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>临江中院开展审判监督专项检查</title></head>
<body id="activity-detail"><div id="js_article" class="rich_media"><div class="rich_media_inner"><div id="page-content" class="rich_media_area_primary"><div class="rich_media_area_primary_inner"><div id="img-content" class="rich_media_wrp">
<h1 class="rich_media_title" id="activity-name">临江中院开展审判监督专项检查</h1>
<div id="meta_content" class="rich_media_meta_list">${meta}<span class="rich_media_meta rich_media_meta_nickname" id="profileBt"><a href="javascript:void(0);" id="js_name">临江市中级人民法院</a></span><em id="publish_time" class="rich_media_meta rich_media_meta_text">${publishTime}</em></div>
<div class="rich_media_content" id="js_content" style="${contentStyle}">${content}</div>${after}
</div></div></div></div></div>
<div class="rich_media_tool_area"><span class="media_tool_meta meta_extra meta_praise" id="like3">在看</span></div>
<script>${script}</script></body></html>`);
}

const PARAGRAPHS = '<p><span>3月5日，临江中院开展审判监督专项检查，重点检查发回重审和改判案件的办理情况。</span></p><p><span>检查组要求，各部门要认真整改发现的问题，切实提升案件质量，确保公正高效审理每一起案件。</span></p>';

describe('a saved mp.weixin.qq.com page', () => {
  test('imports with its title, author, account, script date and body, without WeChat furniture', () => {
    const result = importFixture('10-wechat-saved-mp-page.html');
    assert.ok(result.article, result.issues.map((i) => i.message).join('\n'));
    const article = result.article;
    assert.ok(parseArticle(JSON.parse(JSON.stringify(article))).ok);
    assert.equal(article.title, '临江中院召开全市法院执行工作推进会');
    assert.equal(article.author, '执行局 周晓', 'the author line of #meta_content (not the 原创 tag)');
    assert.equal(article.source, '临江中院执行局', 'the body\'s 来源 line comes before the account name');
    assert.equal(article.editor, '孙悦');
    assert.equal(article.publishedAt, '2024-03-05T13:30:00+08:00', 'var ct in +08:00');
    assert.equal(article.url, 'http://mp.weixin.qq.com/s?__biz=MzI3NTEx&mid=2247490011&idx=1&sn=7f3c2d');
    assert.deepEqual(article.body.map(summary), [
      'p:3月5日，临江中院召开全市法院执行工作推进会，通报前两个月执行工作情况，部署“执行攻坚”专项行动。中院党组书记、院长陈立新出席会议并讲话。',
      'img:https://mmbiz.qpic.cn/mmbiz_jpg/Lj7xQv/640?wx_fmt=jpeg&from=appmsg&wxfrom=5&wx_lazy=1|会议现场|1080×720',
      'p:会议指出，全市法院要持续关注人民群众急难愁盼，把“切实解决执行难”作为检验工作成效的重要标准。',
      'h:一、聚焦执行质效',
      'p:会议要求，各基层法院要紧盯执行完毕率、执行到位率等核心指标，对长期未结案件逐案过堂、挂牌督办。',
      'img:https://mmbiz.qpic.cn/mmbiz_jpg/Lj7xQv/640?wx_fmt=jpeg&tp=webp|陈立新院长讲话|1280×960',
      'h:二、强化协同联动',
      'p:会议强调，要深化与公安、自然资源、金融监管等部门的协作，完善查人找物、财产处置联动机制。',
    ]);
    const hidden = ofCode(result.issues, 'body-hidden');
    assert.equal(hidden.length, 1);
    assert.equal(hidden[0]!.severity, 'info');
    assert.match(hidden[0]!.message, /js_content/);
    assert.match(hidden[0]!.message, /visibility: ?hidden/);
    // Furniture is noted, not warned about, and nothing is left unmapped.
    assert.deepEqual(ofCode(result.issues, 'unmapped-text').map((i) => i.text), []);
    const dropped = ofCode(result.issues, 'chrome-dropped').map((i) => i.text ?? '').join('\n');
    for (const text of ['点击上方蓝字关注我们', '长按识别二维码 关注“临江中院”', '往期推荐', '临江中院召开2024年党风廉政建设工作会议', '“法官进社区”活动走进东湖街道', '— END —', '点个“在看”，你最好看', '分享到朋友圈，让更多人看到']) {
      assert.ok(dropped.includes(text), `"${text}" is noted as dropped`);
    }
    const warnings = result.issues.filter((i) => i.severity === 'warning');
    assert.deepEqual(warnings.map((i) => i.code), ['image-hotlinked']);
  });

  test('the command prints the article and a summary with one warning', () => {
    const run = runCli(['import', join(pages, '10-wechat-saved-mp-page.html')]);
    assert.equal(run.status, 0, run.stderr);
    const article = JSON.parse(run.stdout) as Article;
    assert.equal(article.publishedAt, '2024-03-05T13:30:00+08:00');
    assert.equal(article.body.length, 8);
    assert.match(run.stderr, /Imported 1 of 1 page, 1 warning/);
    assert.match(run.stderr, /warning: body: 2 photos are on mmbiz\.qpic\.cn/);
  });
});

describe('an article container hidden by the page until its script runs', () => {
  test('visibility: hidden, opacity: 0 or display: none on the only container of the text: the body is read, with a note', () => {
    for (const style of ['visibility: hidden;', 'visibility:hidden; opacity: 0;', 'opacity: 0;', 'display: none;']) {
      const result = importPage(savedPage(PARAGRAPHS, { contentStyle: style }));
      assert.ok(result.article, style);
      assert.equal(result.article.body.length, 2, style);
      assert.equal(ofCode(result.issues, 'body-empty').length, 0, style);
      assert.equal(ofCode(result.issues, 'body-hidden').length, style === 'opacity: 0;' ? 0 : 1, style);
    }
  });

  test('WeChat\'s hidden #js_content is the whole body: visible WeChat dialogs and bars around it stay out', () => {
    const after = '<div class="weui-dialog"><p>当前内容可能存在未经审核的第三方商业营销信息，请确认是否继续访问。</p></div><div id="js_article_bottom_bar"><p>微信扫一扫可打开此内容，使用完整服务</p><p>继续滑动看下一个</p></div>';
    const result = importPage(savedPage(PARAGRAPHS, { after }));
    assert.ok(result.article);
    assert.equal(result.article.body.length, 2, JSON.stringify(result.article.body));
    assert.ok(!JSON.stringify(result.article).includes('第三方商业营销信息'));
  });

  test('a lead paragraph shown above the hidden rest of the article: both are the body, in order', () => {
    const page = `<meta charset="utf-8"><h1>某某法院召开院务会议</h1><div class="info">发布时间：2024-03-01 09:00</div>
      <div class="text"><p>3月1日，某某法院召开院务会议，研究部署近期重点工作。</p>
      <div id="more" style="display:none"><p>会议要求，全院干警要坚定信心、真抓实干，推动各项工作取得新成效，确保完成全年目标任务。</p><p>会议强调，要持之以恒正风肃纪，锻造忠诚干净担当的法院铁军，为高质量发展提供司法保障。</p></div></div>`;
    const result = importPage(Buffer.from(page));
    assert.deepEqual(result.article?.body.map(summary), [
      'p:3月1日，某某法院召开院务会议，研究部署近期重点工作。',
      'p:会议要求，全院干警要坚定信心、真抓实干，推动各项工作取得新成效，确保完成全年目标任务。',
      'p:会议强调，要持之以恒正风肃纪，锻造忠诚干净担当的法院铁军，为高质量发展提供司法保障。',
    ]);
    assert.match(ofCode(result.issues, 'body-hidden')[0]?.message ?? '', /<div id="more">.*display: none/);
  });

  test('a hidden container of photos and captions only (a 图片新闻 article) is read as the body', () => {
    const content = `<p style="text-align:center"><img data-src="https://mmbiz.qpic.cn/mmbiz_jpg/a/640?wx_fmt=jpeg" data-ratio="0.75" data-w="1080"></p><p style="text-align:center"><span>▲法官走访企业</span></p>
      <p style="text-align:center"><img data-src="https://mmbiz.qpic.cn/mmbiz_jpg/b/640?wx_fmt=jpeg" data-ratio="0.75" data-w="1080"></p><p style="text-align:center"><span>▲座谈会现场</span></p>`;
    const result = importPage(savedPage(content));
    assert.deepEqual(result.article?.body.map(summary), [
      'img:https://mmbiz.qpic.cn/mmbiz_jpg/a/640?wx_fmt=jpeg|法官走访企业|1080×810',
      'img:https://mmbiz.qpic.cn/mmbiz_jpg/b/640?wx_fmt=jpeg|座谈会现场|1080×810',
    ]);
    assert.match(ofCode(result.issues, 'body-hidden')[0]?.message ?? '', /article photos are in <div id="js_content">/);
  });

  test('hidden furniture inside the revealed container stays out: a display:none share box, <mp-style-type>', () => {
    const result = importPage(savedPage(`${PARAGRAPHS}<section style="display:none"><p>本文内容仅供内部传阅使用请勿外传</p></section><p style="display: none;"><mp-style-type data-value="3"></mp-style-type></p>`));
    assert.ok(result.article);
    assert.equal(result.article.body.length, 2);
    assert.deepEqual(ofCode(result.issues, 'unmapped-text').map((i) => i.text), ['本文内容仅供内部传阅使用请勿外传']);
  });

  test('a hidden box is not read when the visible page holds more running text', () => {
    const page = `<meta charset="utf-8"><h1>某某法院召开院务会议</h1><div class="info">发布时间：2024-03-01 09:00</div>
      <div class="text"><p>3月1日，某某法院召开院务会议，研究部署近期重点工作，院领导班子成员出席会议。</p><p>会议要求，全院干警要坚定信心、真抓实干，推动各项工作取得新成效，确保完成全年目标任务。</p></div>
      <div class="tab" style="display:none"><p>这一段文字被模板隐藏了，它不是正文，也不该替代正文。</p></div>`;
    const result = importPage(Buffer.from(page));
    assert.ok(result.article);
    assert.deepEqual(result.article.body.map(summary), [
      'p:3月1日，某某法院召开院务会议，研究部署近期重点工作，院领导班子成员出席会议。',
      'p:会议要求，全院干警要坚定信心、真抓实干，推动各项工作取得新成效，确保完成全年目标任务。',
    ]);
    assert.equal(ofCode(result.issues, 'body-hidden').length, 0);
  });
});

describe('the publication date of a WeChat page', () => {
  const dated = (script: string, publishTime = '') => importPage(savedPage(PARAGRAPHS, { script, publishTime }));

  test('the empty em#publish_time is filled from the known script variables, in +08:00', () => {
    const cases: Array<[string, string]> = [
      ['var ct = "1709616600" * 1;', '2024-03-05T13:30:00+08:00'],
      ['var ct = "1467458454";', '2016-07-02T19:20:54+08:00'],
      ['var create_time = "1712044800" * 1;', '2024-04-02T16:00:00+08:00'],
      ['var oriCreateTime = 1603870767;', '2020-10-28T15:39:27+08:00'],
      ["var createTime = '2020-10-28 15:39';", '2020-10-28T15:39:00+08:00'],
      ['var publish_time = "2016-09-03" || "";', '2016-09-03T00:00:00+08:00'],
      ['var publish_time = "2016-09-03" || ""; var ct = "1472900000";', '2016-09-03T18:53:20+08:00'],
    ];
    for (const [script, iso] of cases) {
      const result = dated(script);
      assert.equal(result.article?.publishedAt, iso, script);
      assert.ok(result.issues.some((i) => i.code === 'byline-read' && i.path === 'publishedAt' && /script/.test(i.message)), script);
    }
  });

  test('no other number in a script is read as a date', () => {
    const result = dated('var comment_id = "3364927110"; var appmsg_like = "1709616600"; var cts = "1709616600"; var uin = 1709616600;');
    assert.equal(result.article, undefined);
    assert.ok(result.issues.some((i) => i.code === 'date-missing'));
  });

  test('a date the page shows comes first; a day without a time takes the time of the same day from the script', () => {
    assert.equal(dated('var ct = "1709616600";', '2024-03-04 08:10').article?.publishedAt, '2024-03-04T08:10:00+08:00');
    assert.equal(dated('var ct = "1709616600";', '2024年03月05日').article?.publishedAt, '2024-03-05T13:30:00+08:00');
    assert.equal(dated('var ct = "1709616600";', '2024年03月01日').article?.publishedAt, '2024-03-01T00:00:00+08:00');
  });
});

describe('author and source of a WeChat page', () => {
  test('the author line is the author, the account name the source when the article names none; 原创 is no author', () => {
    const result = importPage(savedPage(PARAGRAPHS, { meta: '<span id="copyright_logo" class="rich_media_meta meta_original_tag">原创</span><span class="rich_media_meta rich_media_meta_text">审管办 林一</span>' }));
    assert.equal(result.article?.author, '审管办 林一');
    assert.equal(result.article?.source, '临江市中级人民法院');
    assert.ok(result.issues.some((i) => i.code === 'byline-read' && /临江市中级人民法院/.test(i.message) && /account/.test(i.message)));
  });

  test('without an author line there is no author; the date element is no author', () => {
    const result = importPage(savedPage(PARAGRAPHS, { publishTime: '2024-03-05 13:30' }));
    assert.equal(result.article?.author, undefined);
    assert.equal(result.article?.source, '临江市中级人民法院');
  });
});

describe('WeChat furniture', () => {
  test('follow banners, QR codes, 往期推荐 lists, 阅读原文, share prompts, END and divider gifs are dropped; sentences that mention 关注 stay', () => {
    const content = `<section style="text-align:center"><img data-src="https://mmbiz.qpic.cn/mmbiz_gif/a/640?wx_fmt=gif" data-type="gif" data-ratio="0.25" data-w="640"></section>
      <section style="text-align:center"><span>点击蓝字 关注我们</span></section>
      <p><span>3月5日，临江中院开展审判监督专项检查，持续关注群众反映强烈的问题，重点检查发回重审和改判案件。</span></p>
      <p style="text-align:center"><span>关注我们的群众都知道</span></p>
      <p><span>检查组要求，各部门要认真整改发现的问题，切实提升案件质量。</span></p>
      <p style="text-align:center"><img data-src="https://mmbiz.qpic.cn/mmbiz_gif/a/640?wx_fmt=gif" data-type="gif" data-ratio="0.08" data-w="900"></p>
      <p style="text-align:center"><span>THE END</span></p>
      <section><strong>相关阅读</strong></section>
      <p>▶ <a href="https://mp.weixin.qq.com/s/aaa">临江中院召开审判委员会会议</a></p>
      <p><a href="https://mp.weixin.qq.com/s/bbb">临江中院开展廉政教育</a></p>
      <section style="text-align:center"><img data-src="https://mmbiz.qpic.cn/mmbiz_jpg/a/640?wx_fmt=jpeg" data-ratio="1" data-w="430"><br><span>长按二维码关注</span></section>
      <p style="text-align:center"><span>分享、点赞、在看</span></p>
      <p style="text-align:center"><span>点击阅读原文，查看更多内容</span></p>`;
    const result = importPage(savedPage(content));
    assert.ok(result.article);
    assert.deepEqual(result.article.body.map(summary), [
      'p:3月5日，临江中院开展审判监督专项检查，持续关注群众反映强烈的问题，重点检查发回重审和改判案件。',
      'p:关注我们的群众都知道',
      'p:检查组要求，各部门要认真整改发现的问题，切实提升案件质量。',
    ]);
    assert.deepEqual(ofCode(result.issues, 'unmapped-text'), []);
    assert.ok(ofCode(result.issues, 'chrome-dropped').every((i) => i.severity === 'info'));
  });

  test('a QR code line between a photo and a square image takes the square one; the photo stays', () => {
    const content = `${PARAGRAPHS}<p style="text-align:center"><img data-src="https://mmbiz.qpic.cn/mmbiz_jpg/p/640?wx_fmt=jpeg" data-ratio="0.5625" data-w="1080"></p>
      <p style="text-align:center"><span>长按识别二维码关注我们</span></p>
      <p style="text-align:center"><img data-src="https://mmbiz.qpic.cn/mmbiz_png/q/640?wx_fmt=png" data-ratio="1" data-w="430"></p>`;
    const result = importPage(savedPage(content));
    assert.deepEqual(result.article?.body.slice(2).map(summary), ['img:https://mmbiz.qpic.cn/mmbiz_jpg/p/640?wx_fmt=jpeg||1080×608']);
    assert.ok(ofCode(result.issues, 'chrome-dropped').some((i) => i.message.includes('QR code prompt and its QR code image')));
  });

  test('a line is furniture only when it is made of prompt words; headings and sentences that use them stay', () => {
    const furniture = (line: string) => isFollowPrompt(line) || isSharePrompt(line) || isReadOriginal(line) || isEndMarker(line);
    for (const line of ['点击上方“临江中院”关注我们', '长按识别下方二维码，关注我们', '微信扫一扫 关注我们', '扫描二维码 获取更多资讯', 'Follow us', '觉得不错，请点赞、在看', '喜欢就点个在看吧', '欢迎分享转发', '↓↓↓点击阅读原文', '- END -']) {
      assert.equal(furniture(line), true, line);
    }
    for (const line of ['关注民生', '关注 2024', '一、关注未成年人保护', '扫码缴费', '微信扫码立案', '为法官点赞', '现场群众纷纷点赞', '欢迎转发', '法官分享办案经验', '他正在看卷宗', '请阅读原文件', '来源：临江中院']) {
      assert.equal(furniture(line), false, line);
    }
  });

  test('furniture lines on a page without WeChat markup are left as they were', () => {
    const page = `<meta charset="utf-8"><h1>某某法院召开院务会议</h1><div class="info">发布时间：2024-03-01 09:00</div>
      <div class="text"><p>3月1日，某某法院召开院务会议，研究部署近期重点工作，院领导班子成员出席会议。</p><p>往期推荐</p><p>END</p></div>`;
    const result = importPage(Buffer.from(page));
    assert.deepEqual(result.article?.body.map(summary), ['p:3月1日，某某法院召开院务会议，研究部署近期重点工作，院领导班子成员出席会议。', 'p:往期推荐', 'p:END']);
  });
});

describe('photos of WeChat articles', () => {
  test('data-w and data-ratio (height / width) give width and height; a px width in the style scales them; the query is kept', () => {
    const content = `${PARAGRAPHS}
      <p style="text-align:center"><img data-src="https://mmbiz.qpic.cn/mmbiz_jpg/a/640?wx_fmt=jpeg&amp;from=appmsg" data-ratio="0.5625" data-w="1920"></p>
      <p style="text-align:center"><span style="font-size:12px;color:#888">▲调解现场</span></p>
      <p style="text-align:center"><img data-src="https://mmbiz.qpic.cn/mmbiz_png/a/640?wx_fmt=png" data-ratio="1.5" data-w="800" style="width: 300px;"></p>
      <p style="text-align:center"><span style="font-size:12px;color:rgb(136,136,136)">法官释法</span></p>
      <p style="text-align:center"><img data-src="https://mmbiz.qpic.cn/mmbiz_jpg/a/0?wx_fmt=jpeg" data-ratio="abc" data-w="800"></p>
      <p><span>图为当事人签收调解书</span></p>`;
    const result = importPage(savedPage(content));
    assert.deepEqual(result.article?.body.slice(2).map(summary), [
      'img:https://mmbiz.qpic.cn/mmbiz_jpg/a/640?wx_fmt=jpeg&from=appmsg|调解现场|1920×1080',
      'img:https://mmbiz.qpic.cn/mmbiz_png/a/640?wx_fmt=png|法官释法|300×450',
      'img:https://mmbiz.qpic.cn/mmbiz_jpg/a/0?wx_fmt=jpeg|图为当事人签收调解书|×',
    ]);
  });

  test('one warning per page names the WeChat image host; photos on the court\'s own server get none', () => {
    const wechat = importPage(savedPage(`${PARAGRAPHS}<p><img data-src="https://mmbiz.qpic.cn/mmbiz_jpg/a/640?wx_fmt=jpeg"></p><p><img src="http://mmbiz.qpic.cn/mmbiz_jpg/b/640?wx_fmt=jpeg"></p><p><img src="/upload/2024/own.jpg"></p>`));
    const hotlinked = ofCode(wechat.issues, 'image-hotlinked');
    assert.equal(hotlinked.length, 1);
    assert.equal(hotlinked[0]!.severity, 'warning');
    assert.match(hotlinked[0]!.message, /2 photos are on mmbiz\.qpic\.cn/);
    assert.match(hotlinked[0]!.message, /Referer/);
    assert.match(hotlinked[0]!.message, /copy/);
    assert.match(hotlinked[0]!.message, /court's own server/);
    const own = importPage(savedPage(`${PARAGRAPHS}<p><img src="/upload/2024/own.jpg"></p>`));
    assert.equal(ofCode(own.issues, 'image-hotlinked').length, 0);
  });
});

describe('a court CMS page whose body is pasted WeChat markup', () => {
  test('fields from the court page, the body without WeChat furniture, captions and headings kept', () => {
    const result = importFixture('11-trs-pasted-wechat.html');
    assert.ok(result.article);
    const article = result.article;
    assert.equal(article.title, '白沙县法院巡回法庭走进田间地头化解土地纠纷');
    assert.equal(article.source, '白沙县人民法院');
    assert.equal(article.editor, '赵敏');
    assert.equal(article.publishedAt, '2024-04-02T16:00:00+08:00');
    assert.deepEqual(article.breadcrumb?.map((c) => c.label), ['首页', '法院动态']);
    assert.deepEqual(article.body.map(summary), [
      'p:“法官，这块地的边界终于说清楚了！”4月1日，白沙县人民法院巡回法庭把审判台搬到了田间地头，当场化解一起持续三年的土地承包经营权纠纷。',
      'img:https://mmbiz.qpic.cn/sz_mmbiz_jpg/Bs4kW2/640?wx_fmt=jpeg&from=appmsg&tp=webp&wxfrom=5&wx_lazy=1|图为巡回法庭在田间开庭|1920×1080',
      'p:原告王某与被告李某系同村村民，双方因承包地边界问题多次发生争执。承办法官实地查看后，邀请村委会干部、人民调解员共同参与调解。',
      'h:三、以案释法 普法于民',
      'p:庭审结束后，法官结合案情向围观群众讲解了民法典中关于土地承包经营权的规定，提醒大家关注合同的签订和备案。',
      'img:https://mmbiz.qpic.cn/sz_mmbiz_jpg/Bs4kW2/640?wx_fmt=jpeg&idx=2|法官向村民讲解民法典|1280×960',
    ]);
    assert.deepEqual(result.issues.filter((i) => i.severity === 'warning').map((i) => i.code), ['image-hotlinked']);
    assert.match(ofCode(result.issues, 'image-hotlinked')[0]!.message, /^body: 2 photos are on mmbiz\.qpic\.cn/);
  });
});

describe('a WeChat article with videos', () => {
  test('a Channels video or WeChat audio is a media-unsupported warning naming it; an account card is a note', () => {
    const content = `${PARAGRAPHS}<mp-common-videosnap class="js_uneditable custom_select_card channels_iframe" data-pluginname="mpvideosnap" data-url="https://findermp.video.qq.com/251/20302/stodownload?encfilekey=abc" data-nickname="临江中院" data-desc="法官说法：租房押金不退怎么办" data-type="video"></mp-common-videosnap>
      <mpvoice class="res_iframe js_editor_audio audio_iframe" voice_encode_fileid="MzA5Mzk" name="庭审录音节选"></mpvoice>
      <mp-common-profile class="js_uneditable custom_select_card mp_profile_iframe" data-pluginname="mpprofile" data-nickname="临江市中级人民法院" data-alias="ljzy"></mp-common-profile>`;
    const result = importPage(savedPage(content));
    assert.equal(result.article?.body.length, 2);
    assert.deepEqual(ofCode(result.issues, 'media-unsupported').map((i) => i.message), [
      'body[2]: the WeChat Channels video (视频号) "法官说法：租房押金不退怎么办" (<mp-common-videosnap>) works only inside WeChat and has no block type in the contract; not imported',
      'body[2]: the WeChat audio "庭审录音节选" (<mpvoice>) works only inside WeChat and has no block type in the contract; not imported',
    ]);
    assert.ok(ofCode(result.issues, 'chrome-dropped').some((i) => i.severity === 'info' && i.message.includes('WeChat account card (公众号名片) "临江市中级人民法院"')));
  });

  test('each video frame is a media-unsupported warning naming its address; the text, date and account are read', () => {
    const result = importFixture('12-wechat-video-article.html');
    assert.ok(result.article);
    const article = result.article;
    assert.equal(article.publishedAt, '2024-04-02T16:00:00+08:00', 'create_time (seconds) before publish_time (a day)');
    assert.equal(article.source, '东湖区人民法院');
    assert.equal(article.author, undefined);
    assert.deepEqual(article.body.map((b) => b.type), ['paragraph', 'paragraph', 'paragraph', 'paragraph']);
    assert.ok(article.body.some((b) => b.type === 'paragraph' && b.text?.includes('欢迎转发给身边的朋友')), 'a sentence that mentions 转发 stays');
    assert.deepEqual(ofCode(result.issues, 'media-unsupported').map((i) => i.message), [
      'body[1]: the frame <iframe> of "https://mp.weixin.qq.com/mp/readtemplate?t=pages/video_player_tmpl&action=mpvideo&auto=0&vid=wxv_3366021" (a player or page of another site) has no block type in the contract; not imported',
      'body[3]: the frame <iframe> of "https://v.qq.com/iframe/preview.html?vid=m3512xk0a9w&width=500&height=375&auto=0" (a player or page of another site) has no block type in the contract; not imported',
    ]);
  });
});
