import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, readFile, setViewport } from '@web/test-runner-commands';
import '../../src/define/court-article.js';
import type { CourtArticleElement } from '../../src/elements/court-article/court-article.js';
import type { PhotoCaptionElement } from '../../src/elements/photo-caption/photo-caption.js';
import type { Article } from '../../src/model/types.js';
import { formatBytes } from '../../src/internal/format.js';
import { LIMITS } from '../../src/model/limits.js';

const FULL = '/tests/fixtures/article-full.json';
const MINIMAL = '/tests/fixtures/article-minimal.json';
const MISSING_TITLE = '/tests/fixtures/article-missing-title.json';
const UNKNOWN_BLOCK = '/tests/fixtures/article-unknown-block.json';
const WIDE = '/tests/fixtures/article-wide.json';
const SEED = '/demo/data/seed-article.json';
const NOT_FOUND = '/tests/fixtures/article-does-not-exist.json';
/** The text of the original court page, relative to this file (shared/ sits beside the repository). */
const SEED_TEXT = '../../../shared/seed/000_2cc7b547cb4c963b.txt';

const realFetch = window.fetch.bind(window);
const realWarn = console.warn;

afterEach(async () => {
  window.fetch = realFetch;
  console.warn = realWarn;
  await emulateMedia({ media: 'screen' });
  await setViewport({ width: 800, height: 600 });
});

async function readJson<T = Article>(url: string): Promise<T> {
  const response = await realFetch(url);
  return (await response.json()) as T;
}

/** Replaces `fetch` for one test; the afterEach hook restores it. */
function stubFetch(impl: (url: string, init?: RequestInit) => Promise<Response>): { calls: { url: string; init?: RequestInit }[] } {
  const calls: { url: string; init?: RequestInit }[] = [];
  window.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    calls.push({ url, init });
    return impl(url, init);
  }) as typeof window.fetch;
  return { calls };
}

/** Collects console.warn calls for one test; the afterEach hook restores it. */
function stubWarn(): unknown[][] {
  const calls: unknown[][] = [];
  console.warn = (...args: unknown[]) => {
    calls.push(args);
  };
  return calls;
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function $(el: CourtArticleElement, selector: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(selector);
}

function $$(el: CourtArticleElement, selector: string): HTMLElement[] {
  return Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>(selector));
}

function text(node: Element | null): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Renders and waits for the article (or the failure) to be on screen. */
async function rendered(el: CourtArticleElement): Promise<CourtArticleElement> {
  await waitUntil(() => $(el, 'h1') || $(el, '[part="error"]'), 'the article did not render', { timeout: 10_000 });
  await el.updateComplete;
  return el;
}

/** The paragraphs `<court-article>` draws for these body blocks. */
async function paragraphsOf(body: object[]): Promise<HTMLElement[]> {
  const article = { version: 1, title: '段落', publishedAt: '2024-02-28T20:54:53+08:00', body };
  const el = await rendered(await fixture<CourtArticleElement>(html`<court-article .article=${article as unknown as Article}></court-article>`));
  return $$(el, '[part="body"] > p');
}

function isShown(node: Element): boolean {
  return node.getClientRects().length > 0;
}

describe('court-article', () => {
  describe('rendering', () => {
    it('renders every field and block type of the contract', async () => {
      const article = await readJson(FULL);
      const el = await rendered(await fixture<CourtArticleElement>(html`<court-article .article=${article}></court-article>`));

      const container = $(el, '[part="article"]')!;
      expect(container.tagName).to.equal('ARTICLE');
      expect(container.getAttribute('lang')).to.equal('zh-CN');

      const nav = $(el, 'nav[part="breadcrumb"]')!;
      expect(nav.getAttribute('aria-label')).to.equal('当前位置');
      const crumbs = Array.from(nav.querySelectorAll('ol > li'));
      expect(crumbs.map((li) => text(li))).to.deep.equal(['首页', '新闻中心', '图片新闻']);
      expect(crumbs[0]!.querySelector('a')!.getAttribute('href')).to.equal('/');
      expect(crumbs[2]!.querySelector('[aria-current]')).to.not.equal(null);
      expect(crumbs[0]!.querySelector('[aria-current]')).to.equal(null);

      expect(text($(el, '[part="kicker"]'))).to.equal('引题:全市法院工作会议');
      expect($$(el, 'h1')).to.have.length(1);
      expect(text($(el, 'h1'))).to.equal('标题里的 <b>标签</b> 照原样显示');
      expect($(el, 'h1')!.querySelector('b')).to.equal(null);
      expect(text($(el, '[part="subtitle"]'))).to.equal('副题:聚焦“人”,强班子强队伍');

      const byline = $(el, '[part="byline"]')!;
      expect(text(byline)).to.contain('作者:抚顺中院 宣教科');
      expect(text(byline)).to.contain('来源:人民法院报');
      expect(text(byline)).to.contain('发布时间:2024-02-28 20:54:53');
      const time = byline.querySelector('time')!;
      expect(time.getAttribute('datetime')).to.equal('2024-02-28T20:54:53+08:00');
      expect(text(time)).to.equal('2024-02-28 20:54:53');

      expect($(el, 'slot[name="controls"]')).to.not.equal(null);

      const body = $(el, '[part="body"]')!;
      const blocks = Array.from(body.children);
      expect(blocks.map((b) => b.tagName.toLowerCase())).to.deep.equal(['p', 'photo-caption', 'h2', 'p', 'h3', 'h4', 'div', 'p']);
      expect(text(blocks[0]!)).to.equal('第一段纯文本,其中的 <i>斜体标签</i> 与 &lt;b&gt; 都不是标记。');
      expect(blocks[0]!.querySelector('i')).to.equal(null);

      const photo = blocks[1] as PhotoCaptionElement;
      expect(photo.src).to.equal('/demo/img/photo-1.svg');
      expect(photo.caption).to.equal('考察办公楼南侧空地');
      expect(photo.alt).to.equal('办公楼南侧空地');
      expect(photo.width).to.equal(1280);
      expect(photo.height).to.equal(853);
      expect(photo.srcset).to.equal('/demo/img/photo-1.svg 1280w');
      expect(photo.sizes).to.equal('(max-width: 800px) 100vw, 800px');
      await photo.updateComplete;
      expect(text(photo.shadowRoot!.querySelector('figcaption'))).to.equal('▲考察办公楼南侧空地');
      expect(photo.getAttribute('exportparts')).to.contain('caption: photo-caption');

      expect(text(blocks[2]!)).to.equal('二级小标题');
      const rich = blocks[3]!;
      expect(rich.querySelector('strong')!.textContent).to.equal('扛牢主体责任');
      expect(rich.querySelector('a')!.getAttribute('href')).to.equal('/news/');
      expect(text(rich)).to.equal('要提高政治站位,扛牢主体责任,新闻中心。');
      expect(text(blocks[4]!)).to.equal('三级小标题');
      expect(text(blocks[5]!)).to.equal('四级小标题');
      const table = blocks[6]!.querySelector('table')!;
      expect(text(table.querySelector('caption'))).to.equal('案件统计');
      expect(Array.from(table.querySelectorAll('td')).map((td) => td.textContent)).to.deep.equal(['民事', '120']);
      expect(text(blocks[7]!)).to.equal('最后一段。');

      expect(text($(el, '[part="editor"]'))).to.equal('责任编辑:宣教科');

      const attachments = $(el, '[part="attachments"]')!;
      expect(text(attachments.querySelector('h2'))).to.equal('附件');
      const files = Array.from(attachments.querySelectorAll('li'));
      expect(files).to.have.length(2);
      expect(files[0]!.querySelector('a')!.getAttribute('href')).to.equal('/files/plan.pdf');
      const size = formatBytes(183412, 'zh-CN');
      expect(size).to.match(/^179\s?KB$/);
      expect(text(files[0]!)).to.equal(`工作方案.pdf(${size})`);
      expect(text(files[1]!)).to.equal('名单.xlsx');

      const pager = $(el, 'nav[part="pager"]')!;
      const prev = pager.querySelector<HTMLAnchorElement>('a[rel="prev"]')!;
      const next = pager.querySelector<HTMLAnchorElement>('a[rel="next"]')!;
      expect(prev.getAttribute('href')).to.equal('/article/000.shtml');
      expect(text(prev.parentElement)).to.equal('上一篇:上一篇的标题');
      expect(next.getAttribute('href')).to.equal('/article/002.shtml');
      expect(text(next.parentElement)).to.equal('下一篇:下一篇的标题');
    });

    it('applies the contract defaults: lang zh-CN, heading level 2, the date in the article\'s own offset', async () => {
      const article = {
        version: 1,
        title: '默认值',
        publishedAt: '2024-02-28T20:54:53-05:00',
        kicker: '',
        source: '',
        body: [{ type: 'heading', text: '没有写级别的小标题' }, { type: 'paragraph', text: '正文。' }],
      };
      const el = await rendered(await fixture<CourtArticleElement>(html`<court-article .article=${article as unknown as Article}></court-article>`));
      expect($(el, '[part="article"]')!.getAttribute('lang')).to.equal('zh-CN');
      expect($(el, '[part="article"]')!.getAttribute('dir')).to.equal('ltr');
      const heading = $(el, '[part="body"] > :first-child')!;
      expect(heading.tagName).to.equal('H2');
      expect(text(heading)).to.equal('没有写级别的小标题');
      // The page runs in Asia/Shanghai (+08:00); the article's wall clock is shown, not the reader's.
      expect(text($(el, 'time'))).to.equal('2024-02-28 20:54:53');
      expect($(el, 'time')!.getAttribute('datetime')).to.equal('2024-02-28T20:54:53-05:00');
      expect($(el, '[part="kicker"]')).to.equal(null);
      expect(text($(el, '[part="byline"]'))).to.not.contain('来源');
    });

    it('leaves optional parts out when the data has none', async () => {
      const el = await rendered(await fixture<CourtArticleElement>(html`<court-article src=${MINIMAL}></court-article>`));
      expect(text($(el, 'h1'))).to.equal('只有必填字段的文章');
      for (const part of ['breadcrumb', 'kicker', 'subtitle', 'editor', 'attachments', 'pager']) {
        expect($(el, `[part="${part}"]`), part).to.equal(null);
      }
      expect(text($(el, '[part="byline"]'))).to.equal('发布时间:2024-03-01 09:00:00');
      expect(text($(el, '[part="body"]'))).to.equal('正文只有一段。');
    });

    it('renders the seed article with every paragraph, heading and photo caption complete', async () => {
      const seed = await readJson(SEED);
      const el = await rendered(await fixture<CourtArticleElement>(html`<court-article src=${SEED}></court-article>`));
      const expected = [
        seed.title,
        ...seed.body
          .filter((block) => block.type !== 'image')
          .map((block) => {
            if ('html' in block && block.html !== undefined) {
              return new DOMParser().parseFromString(block.html, 'text/html').body.textContent ?? '';
            }
            return (block as { text: string }).text;
          }),
      ];
      expect(el.readableBlocks().map((node) => node.textContent)).to.deep.equal(expected);
      const captions = seed.body.filter((block) => block.type === 'image').map((block) => (block as { caption: string }).caption);
      expect(captions.length).to.be.greaterThan(0);
      const photos = $$(el, 'photo-caption') as PhotoCaptionElement[];
      expect(photos.map((photo) => photo.caption)).to.deep.equal(captions);
      expect(text($(el, '[part="editor"]'))).to.equal(`责任编辑:${seed.editor}`);
      expect(text($(el, 'time'))).to.equal('2024-02-28 20:54:53');
    });

    it('shows every line of the original page text: title, byline, each paragraph, heading and ▲ caption, editor', async function () {
      const seedText = await readFile({ path: SEED_TEXT });
      if (seedText === undefined) this.skip();
      const seed = seedText!.split('\n');
      const start = seed.findIndex((line) => line.startsWith('作者:'));
      const end = seed.findIndex((line) => line.startsWith('责任编辑'));
      expect(start, 'byline line of the seed text').to.be.greaterThan(0);
      expect(end, 'editor line of the seed text').to.be.greaterThan(start);
      const expectedBody = seed.slice(start + 1, end).filter((line) => /\S/.test(line));
      expect(expectedBody.length).to.equal(20);

      const el = await rendered(await fixture<CourtArticleElement>(html`<court-article src=${SEED}></court-article>`));
      const photos = $$(el, 'photo-caption') as PhotoCaptionElement[];
      await Promise.all(photos.map((photo) => photo.updateComplete));
      // What a reader sees, block by block: the caption as drawn by <photo-caption>, marker included.
      const shown = Array.from($(el, '[part="body"]')!.children).map((block) =>
        block.tagName === 'PHOTO-CAPTION' ? (block.shadowRoot!.querySelector('figcaption')?.textContent ?? '') : (block.textContent ?? ''),
      );
      expect(shown).to.deep.equal(expectedBody);
      for (const block of $$(el, '[part="body"] > *')) expect(isShown(block), text(block)).to.equal(true);

      // 当前位置: 首页 > 新闻中心 > 图片新闻
      const crumbs = $$(el, '[part="breadcrumb"] li').map((li) => text(li));
      expect(`当前位置: ${crumbs.join(' > ')}`).to.equal(seed[0]);
      // 标题: 副题
      expect(`${text($(el, 'h1'))}: ${text($(el, '[part="subtitle"]'))}`).to.equal(seed[1]);
      // 作者:抚顺中院 宣教科  发布时间:2024-02-28 20:54:53 打印 …
      const byline = $$(el, '[part="byline"] > span').map((span) => text(span));
      expect(byline).to.have.length(2);
      for (const item of byline) expect(seed[2], item).to.contain(item);
      expect(text($(el, '[part="editor"]'))).to.equal(seed[end]!.trim());
    });

    it('keeps the article language on its container while the labels follow the page', async () => {
      const article = { ...(await readJson(MINIMAL)), lang: 'en', title: 'Court opens a new service hall' };
      const el = await rendered(await fixture<CourtArticleElement>(html`<court-article .article=${article}></court-article>`));
      expect($(el, '[part="article"]')!.getAttribute('lang')).to.equal('en');
      const label = $(el, '[part="byline"] .label')!;
      expect(text(label)).to.equal('发布时间:');
      expect(label.closest('[lang]')!.getAttribute('lang')).to.equal('zh-CN');
      expect($(el, 'time')!.getAttribute('lang'), 'the date is in the language that formatted it').to.equal('zh-CN');
    });

    it('renders labels and the date in the language of the page around it', async () => {
      const article = await readJson(FULL);
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"><court-article .article=${article}></court-article></div>`);
      const el = await rendered(wrapper.querySelector('court-article')!);
      expect($(el, '[part="article"]')!.getAttribute('lang')).to.equal('zh-CN');
      expect(text($(el, 'time'))).to.equal('28 Feb 2024, 20:54');
      expect($(el, 'time')!.getAttribute('datetime')).to.equal('2024-02-28T20:54:53+08:00');
      const label = $(el, '[part="byline"] .label')!;
      expect(label.closest('[lang]')!.getAttribute('lang')).to.equal('en');
      expect(text($(el, 'h1'))!.startsWith('标题')).to.equal(true);
      expect($(el, 'h1')!.closest('[lang]')!.getAttribute('lang')).to.equal('zh-CN');
    });

    it('lays out a right-to-left article mirrored', async () => {
      const article = { ...(await readJson(FULL)), lang: 'ug' };
      const el = await rendered(await fixture<CourtArticleElement>(html`<court-article .article=${article}></court-article>`));
      const container = $(el, '[part="article"]')!;
      expect(container.getAttribute('dir')).to.equal('rtl');
      const heading = getComputedStyle($(el, '[part="body"] h2')!);
      expect(heading.borderRightWidth).to.equal('4px');
      expect(heading.borderLeftWidth).to.equal('0px');
      const crumbs = Array.from($(el, '[part="breadcrumb"] ol')!.children);
      expect(crumbs[0]!.getBoundingClientRect().left).to.be.greaterThan(crumbs[1]!.getBoundingClientRect().left);
    });

    it('prints in black without the controls, the pager or backgrounds', async () => {
      const el = await rendered(
        await fixture<CourtArticleElement>(html`<court-article src=${FULL} care><button slot="controls">打印</button></court-article>`),
      );
      await emulateMedia({ media: 'print' });
      expect(getComputedStyle($(el, '[part="body"] p')!).color).to.equal('rgb(0, 0, 0)');
      expect(getComputedStyle($(el, 'h1')!).color).to.equal('rgb(0, 0, 0)');
      expect(isShown(el.querySelector('button')!)).to.equal(false);
      expect(isShown($(el, '[part="pager"]')!)).to.equal(false);
      expect(getComputedStyle(el).backgroundColor).to.equal('rgba(0, 0, 0, 0)');
      expect(getComputedStyle($$(el, 'photo-caption')[0]!).breakInside).to.equal('avoid');
      expect(isShown($(el, '[part="body"]')!)).to.equal(true);
    });

    it('shows plain text literally and skips unknown block types with one warning each', async () => {
      const warnings = stubWarn();
      const el = await rendered(await fixture<CourtArticleElement>(html`<court-article src=${UNKNOWN_BLOCK}></court-article>`));
      expect(Array.from($(el, '[part="body"]')!.children).map((b) => text(b))).to.deep.equal(['未知块之前的段落。', '未知块之后的段落。']);
      expect(warnings).to.have.length(1);
      expect(String(warnings[0]![0])).to.contain('body[1]');
      expect($(el, '[part="error"]')).to.equal(null);
    });
  });

  describe('video blocks', () => {
    const videoArticle = (body: object[], lang = 'zh-CN') =>
      ({ version: 1, lang, title: '庭审直播', publishedAt: '2024-02-28T20:54:53+08:00', body }) as unknown as Article;

    it('draws a video with controls that fetches nothing before play, its box reserved, and a ▲ caption read aloud', async () => {
      const src = `/tests/fixtures/no-such-video-${Date.now()}.mp4`;
      const el = await rendered(
        await fixture<CourtArticleElement>(html`<court-article .article=${videoArticle([
          { type: 'paragraph', text: '庭审前。' },
          { type: 'video', src, poster: '/demo/img/photo-1.svg', caption: '庭审直播回放', width: 1280, height: 720 },
          { type: 'video', src: `${src}?2` },
          { type: 'video', src: `${src}?3`, width: 720, height: 1280 },
        ])}></court-article>`),
      );
      const [first, second, portrait] = $$(el, '[part="body"] video') as HTMLVideoElement[];
      expect(first!.controls).to.equal(true);
      expect(first!.preload).to.equal('none');
      expect(first!.getAttribute('poster')).to.equal('/demo/img/photo-1.svg');
      expect(first!.getAttribute('aria-label')).to.equal('庭审直播回放');
      expect(second!.getAttribute('aria-label')).to.equal('视频');
      // Boxes before any byte of video, from width/height, else 16:9; the still (4:3 here) does
      // not resize them when it arrives.
      await waitUntil(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/demo/img/photo-1.svg')), 'the still loads');
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
      const box = first!.getBoundingClientRect();
      expect(box.width).to.be.greaterThan(300);
      expect(box.height).to.be.closeTo((box.width * 720) / 1280, 1);
      const other = second!.getBoundingClientRect();
      expect(other.height).to.be.closeTo((other.width * 9) / 16, 1);
      // A portrait video fits the window: never taller than 80 % of it.
      expect(portrait!.getBoundingClientRect().height).to.be.closeTo(window.innerHeight * 0.8, 1);
      const caption = $(el, '[part="video-caption"]')!;
      expect(text(caption)).to.equal('▲庭审直播回放');
      // 朗读 reads the caption, not its marker.
      const readable = el.readableBlocks().find((b) => caption.contains(b));
      expect(readable?.textContent).to.equal('庭审直播回放');
      // 关怀模式: the caption gets the wide leading of every other line.
      el.care = true;
      await el.updateComplete;
      expect(parseFloat(getComputedStyle(caption).lineHeight) / parseFloat(getComputedStyle(caption).fontSize)).to.be.at.least(1.8);
      el.care = false;
      await el.updateComplete;
      await new Promise((r) => setTimeout(r, 300));
      const fetched = performance.getEntriesByType('resource').map((e) => e.name);
      expect(fetched.some((name) => name.includes('no-such-video')), fetched.join('\n')).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('plays an MP4 file (the demo\'s), with no message', async () => {
      const el = await rendered(
        await fixture<CourtArticleElement>(html`<court-article .article=${videoArticle([{ type: 'video', src: '/demo/media/hearing.mp4', poster: '/demo/media/hearing.jpg', width: 640, height: 360 }])}></court-article>`),
      );
      const video = $(el, 'video') as HTMLVideoElement;
      video.muted = true;
      await video.play();
      await waitUntil(() => video.currentTime > 0.2, 'the video plays', { timeout: 5000 });
      video.pause();
      // Media requests are in the resource timing list: the check that nothing was fetched
      // before play (above) can see them.
      expect(performance.getEntriesByType('resource').some((e) => e.name.endsWith('/demo/media/hearing.mp4'))).to.equal(true);
      expect(video.videoWidth).to.equal(640);
      expect(video.error).to.equal(null);
      expect(text($(el, '.video-failed'))).to.equal('');
    });

    it('says so, with a link to the file, when the file cannot be played; in the reader\'s language', async () => {
      const src = `/tests/fixtures/no-such-video-${Date.now()}.mp4`;
      const box = await fixture(html`<div lang="en"><court-article .article=${videoArticle([{ type: 'video', src, caption: '庭审直播回放' }])}></court-article></div>`);
      const el = await rendered(box.querySelector<CourtArticleElement>('court-article')!);
      const video = $(el, 'video') as HTMLVideoElement;
      // The live region is there from the start, empty and taking no space, so that filling it is announced.
      const failed = $(el, '.video-failed')!;
      expect(text(failed)).to.equal('');
      expect(failed.getBoundingClientRect().height).to.equal(0);
      const figure = $(el, '[part="video"]')!.getBoundingClientRect().height;
      video.muted = true;
      await video.play().catch(() => undefined);
      await waitUntil(() => text(failed) !== '', 'no message for a file that cannot be played', { timeout: 5000 });
      expect($(el, '.video-failed')).to.equal(failed, 'the same live region, filled');
      expect($(el, '[part="video"]')!.getBoundingClientRect().height).to.be.greaterThan(figure);
      expect(failed.getAttribute('role')).to.equal('status');
      expect(failed.getAttribute('lang')).to.equal('en');
      expect(text(failed)).to.equal('This video cannot be played here. Download the video');
      expect(failed.querySelector('a')!.getAttribute('href')).to.equal(src);
      expect(video.isConnected, 'the player stays').to.equal(true);
    });

    it('prints a video as its still (no player controls over it), and one without a still as its caption alone', async () => {
      const el = await rendered(
        await fixture<CourtArticleElement>(html`<court-article .article=${videoArticle([
          { type: 'video', src: '/a.mp4', poster: '/demo/media/hearing.jpg', caption: '有静帧', width: 640, height: 360 },
          { type: 'video', src: '/b.mp4', caption: '无静帧' },
        ])}></court-article>`),
      );
      const still = $(el, '.video .still') as HTMLImageElement;
      expect(isShown(still), 'no still on screen: the player shows it').to.equal(false);
      await waitUntil(() => still.complete && still.naturalWidth > 0, 'the still loads');
      await emulateMedia({ media: 'print' });
      for (const video of $$(el, 'video')) expect(getComputedStyle(video).display).to.equal('none');
      expect(isShown(still)).to.equal(true);
      expect(still.getAttribute('src')).to.equal('/demo/media/hearing.jpg');
      expect(still.getBoundingClientRect().width).to.be.greaterThan(200);
      expect($$(el, '.video .still')).to.have.length(1);
      expect(isShown($$(el, '[part="video-caption"]')[1]!)).to.equal(true);
    });

    it('shows a caption written with its own ▲ once, and keeps an upright video no wider than its shape', async () => {
      await setViewport({ width: 1200, height: 700 });
      const el = await rendered(
        await fixture<CourtArticleElement>(html`<court-article .article=${videoArticle([
          { type: 'video', src: '/a.mp4', caption: '▲ 庭审现场', width: 720, height: 1280 },
        ])}></court-article>`),
      );
      expect(text($(el, '[part="video-caption"]'))).to.equal('▲庭审现场');
      expect($(el, 'video')!.getAttribute('aria-label')).to.equal('庭审现场');
      const box = $(el, 'video')!.getBoundingClientRect();
      expect(box.height).to.be.closeTo(700 * 0.8, 1);
      expect(box.width).to.be.closeTo((box.height * 9) / 16, 1);
      const body = $(el, '[part="body"]')!.getBoundingClientRect();
      expect(box.left - body.left).to.be.closeTo(body.right - box.right, 1);
    });
  });

  describe('language of interface text', () => {
    it('marks the photo dialog\'s close button with the reader\'s language inside a Chinese article on an English page', async () => {
      const article = {
        version: 1,
        lang: 'zh-CN',
        title: '标题',
        publishedAt: '2024-02-28T20:54:53+08:00',
        body: [{ type: 'image', src: '/demo/img/photo-1.svg', caption: '于长春院长考察上马法庭', width: 1280, height: 853 }],
      };
      const box = await fixture(html`<div lang="en"><court-article .article=${article}></court-article></div>`);
      const el = await rendered(box.querySelector<CourtArticleElement>('court-article')!);
      const photo = $(el, 'photo-caption')!;
      await (photo as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      const open = photo.shadowRoot!.querySelector('button.open')!;
      const close = photo.shadowRoot!.querySelector('button.close')!;
      // The name starts with the interface's words, in English; the caption stays Chinese content.
      expect(open.hasAttribute('aria-label')).to.equal(false);
      const nameId = open.getAttribute('aria-labelledby')!.split(/\s+/)[0]!;
      expect(photo.shadowRoot!.getElementById(nameId)!.textContent).to.equal('View full image');
      expect(open.getAttribute('lang')).to.equal('en');
      expect(photo.shadowRoot!.querySelector('figcaption')!.textContent).to.contain('于长春院长考察上马法庭');
      expect(close.textContent!.trim()).to.equal('Close');
      expect(close.getAttribute('lang')).to.equal('en');
      const caption = photo.shadowRoot!.querySelector('figcaption')!;
      expect(caption.closest('[lang]'), 'the caption keeps the content language').to.equal(null);
      expect(photo.closest('[lang]')!.getAttribute('lang')).to.equal('zh-CN');
    });

    it('adds no lang to the photo buttons when reader and article share a language', async () => {
      const article = {
        version: 1,
        title: '标题',
        publishedAt: '2024-02-28T20:54:53+08:00',
        body: [{ type: 'image', src: '/demo/img/photo-1.svg', caption: '说明', width: 1280, height: 853 }],
      };
      const box = await fixture(html`<div lang="zh-CN"><court-article .article=${article}></court-article></div>`);
      const el = await rendered(box.querySelector<CourtArticleElement>('court-article')!);
      const photo = $(el, 'photo-caption')!;
      await (photo as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      expect(photo.shadowRoot!.querySelector('button.open')!.hasAttribute('lang')).to.equal(false);
      expect(photo.shadowRoot!.querySelector('button.close')!.hasAttribute('lang')).to.equal(false);
    });
  });

  describe('byline and 责任编辑 in the reader\'s language', () => {
    /** The label of a byline item (or of the 责任编辑 line) and the box of everything after it: the value. */
    function labelAndValue(line: HTMLElement): { label: DOMRect; value: DOMRect } {
      const label = line.querySelector('.label')!;
      const range = document.createRange();
      range.selectNodeContents(line);
      range.setStartAfter(label);
      return { label: label.getBoundingClientRect(), value: range.getBoundingClientRect() };
    }

    /** The language a text is marked with: the `lang` of its nearest marked ancestor inside the element. */
    function langOf(root: HTMLElement, shown: string): string | null {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeValue === shown) return node.parentElement!.closest('[lang]')?.getAttribute('lang') ?? null;
      }
      throw new Error(`"${shown}" is not shown`);
    }

    async function inLocale(locale: string): Promise<CourtArticleElement> {
      const article = await readJson(FULL);
      const box = await fixture(html`<div lang=${locale}><court-article .article=${article}></court-article></div>`);
      return rendered(box.querySelector<CourtArticleElement>('court-article')!);
    }

    it('ug: every label stands right of its value, in the byline, on the 责任编辑 line and in 上一篇 / 下一篇', async () => {
      const el = await inLocale('ug');
      const items = $$(el, '[part="byline"] > span');
      expect(items).to.have.length(3);
      for (const line of [...items, $(el, '[part="editor"]')!, ...$$(el, '[part="pager"] li')]) {
        const { label, value } = labelAndValue(line);
        expect(value.width, text(line)).to.be.greaterThan(0);
        expect(label.left, `label right of its value: ${text(line)}`).to.be.at.least(value.right - 1);
      }
      // Author and source are the article's Chinese text, marked as such inside the Uyghur line.
      expect(langOf($(el, '[part="byline"]')!, '抚顺中院 宣教科')).to.equal('zh-CN');
      expect(langOf($(el, '[part="byline"]')!, '人民法院报')).to.equal('zh-CN');
      expect(langOf($(el, '[part="editor"]')!, '宣教科')).to.equal('zh-CN');
      expect(langOf($(el, '[part="pager"]')!, '上一篇的标题')).to.equal('zh-CN');
      await expect(el).to.be.accessible();
    });

    it('ug: the date is one right-to-left Uyghur run that starts with the day', async () => {
      const el = await inLocale('ug');
      const time = $(el, '[part="byline"] time')!;
      expect(time.getAttribute('lang')).to.equal('ug');
      expect(time.getAttribute('dir')).to.equal('rtl');
      expect(time.getAttribute('datetime')).to.equal('2024-02-28T20:54:53+08:00');
      expect(text(time)).to.equal('28-فېۋرال، 2024، 20:54');
      expect(getComputedStyle(time).unicodeBidi).to.equal('isolate');
      // Read right to left, the date begins with "28-": the day is drawn at the run's right end.
      const node = time.firstChild!.nodeType === Node.TEXT_NODE ? time.firstChild! : document.createTreeWalker(time, NodeFilter.SHOW_TEXT).nextNode()!;
      const at = node.nodeValue!.indexOf('28');
      const day = document.createRange();
      day.setStart(node, at);
      day.setEnd(node, at + 2);
      expect(day.getBoundingClientRect().right).to.be.closeTo(time.getBoundingClientRect().right, 1);
    });

    it('en: the date is marked English, the language that formatted it', async () => {
      const el = await inLocale('en');
      const time = $(el, '[part="byline"] time')!;
      expect(text(time)).to.equal('28 Feb 2024, 20:54');
      expect(time.getAttribute('lang')).to.equal('en');
      expect(time.getAttribute('dir')).to.equal('ltr');
      expect(time.getAttribute('datetime')).to.equal('2024-02-28T20:54:53+08:00');
      // The labels read left to right before their values, as before.
      for (const line of [...$$(el, '[part="byline"] > span'), $(el, '[part="editor"]')!, ...$$(el, '[part="pager"] li')]) {
        const { label, value } = labelAndValue(line);
        expect(label.right, text(line)).to.be.at.most(value.left + 1);
      }
      expect(langOf($(el, '[part="byline"]')!, '抚顺中院 宣教科')).to.equal('zh-CN');
    });

    it('zh-CN: labels and values stay one left-to-right Chinese line, the editor line at the end', async () => {
      const el = await inLocale('zh-CN');
      const byline = $(el, '[part="byline"]')!;
      expect(byline.closest('[lang]')!.getAttribute('lang')).to.equal('zh-CN');
      expect(getComputedStyle(byline).direction).to.equal('ltr');
      for (const line of [...$$(el, '[part="byline"] > span'), $(el, '[part="editor"]')!, ...$$(el, '[part="pager"] li')]) {
        const { label, value } = labelAndValue(line);
        expect(label.right, text(line)).to.be.at.most(value.left + 1);
      }
      const editor = $(el, '[part="editor"]')!;
      const { value } = labelAndValue(editor);
      expect(value.right, '责任编辑 ends at the right edge').to.be.closeTo(editor.getBoundingClientRect().right, 1);
    });
  });

  describe('data sources', () => {
    it('takes the article property', async () => {
      const article = await readJson(MINIMAL);
      const loaded = new Promise<CustomEvent>((resolve) => document.addEventListener('court-article-loaded', (e) => resolve(e as CustomEvent), { once: true }));
      const el = await rendered(await fixture<CourtArticleElement>(html`<court-article .article=${article}></court-article>`));
      const event = await loaded;
      expect(event.composed).to.equal(true);
      expect(event.bubbles).to.equal(true);
      expect(event.detail.article.title).to.equal('只有必填字段的文章');
      expect(text($(el, 'h1'))).to.equal('只有必填字段的文章');

      el.article = { ...article, title: '换了标题' };
      await el.updateComplete;
      expect(text($(el, 'h1'))).to.equal('换了标题');

      // JSON text is taken as well, typed so.
      el.article = JSON.stringify({ ...article, title: '从 JSON 文本' });
      await waitUntil(() => text($(el, 'h1')) === '从 JSON 文本', 'JSON text in the article property did not render');
    });

    it('reads an inline JSON child without a request and follows changes to it', async () => {
      const article = await readJson(MINIMAL);
      const { calls } = stubFetch(() => Promise.reject(new TypeError('no request expected')));
      const el = await rendered(
        await fixture<CourtArticleElement>(
          `<court-article><script type="application/json">${JSON.stringify(article)}</script><p class="old">旧版正文</p></court-article>`,
        ),
      );
      expect(text($(el, 'h1'))).to.equal('只有必填字段的文章');
      expect(calls).to.have.length(0);

      el.querySelector('script')!.textContent = JSON.stringify({ ...article, title: '内联数据更新后的标题' });
      await waitUntil(() => text($(el, 'h1')) === '内联数据更新后的标题', 'the inline change was not rendered');
      expect(calls).to.have.length(0);
    });

    it('fetches src same-origin and fires court-article-loaded', async () => {
      const { calls } = stubFetch((url, init) => realFetch(url, init));
      const loaded = new Promise<CustomEvent>((resolve) => document.addEventListener('court-article-loaded', (e) => resolve(e as CustomEvent), { once: true }));
      const el = await rendered(await fixture<CourtArticleElement>(html`<court-article src=${FULL}></court-article>`));
      expect((await loaded).detail.article.id).to.equal('test-full-001');
      expect(calls).to.have.length(1);
      expect(calls[0]!.url).to.equal(FULL);
      expect(calls[0]!.init!.credentials).to.equal('same-origin');
      expect(text($(el, 'h1'))).to.equal('标题里的 <b>标签</b> 照原样显示');
    });

    it('prefers the article property over the inline child and src', async () => {
      const article = { ...(await readJson(MINIMAL)), title: '来自属性' };
      const inline = { ...article, title: '来自内联' };
      const { calls } = stubFetch(() => Promise.reject(new TypeError('no request expected')));
      const el = await fixture<CourtArticleElement>(
        `<court-article src="${FULL}"><script type="application/json">${JSON.stringify(inline)}</script></court-article>`,
      );
      await rendered(el);
      expect(text($(el, 'h1'))).to.equal('来自内联');
      el.article = article;
      await el.updateComplete;
      expect(text($(el, 'h1'))).to.equal('来自属性');
      expect(calls).to.have.length(0);
    });
  });

  describe('states', () => {
    it('shows a polite loading message and the light-DOM fallback until the article renders', async () => {
      const response = deferred<Response>();
      stubFetch(() => response.promise);
      const el = await fixture<CourtArticleElement>(
        html`<court-article src="/slow/article.json"><div class="old">旧版文章正文仍然可见</div></court-article>`,
      );
      const status = $(el, '[part="status"]')!;
      expect(status.getAttribute('role')).to.equal('status');
      expect(status.getAttribute('aria-live')).to.equal('polite');
      expect(text(status)).to.equal('正在加载…');
      expect(isShown(status)).to.equal(true);
      expect($(el, '[aria-busy="true"]')).to.not.equal(null);
      const old = el.querySelector('.old')!;
      expect(isShown(old)).to.equal(true);
      await expect(el).to.be.accessible();

      const article = await readJson(MINIMAL);
      response.resolve(new Response(JSON.stringify(article), { status: 200, headers: { 'content-type': 'application/json' } }));
      await rendered(el);
      expect(text($(el, 'h1'))).to.equal('只有必填字段的文章');
      expect(text($(el, '[part="status"]'))).to.equal('');
      expect($(el, '[aria-busy="true"]')).to.equal(null);
      expect(isShown(old)).to.equal(false);
    });

    it('stays where it is when the article replaces the loading line: the element does not move', async () => {
      const response = deferred<Response>();
      stubFetch(() => response.promise);
      const page = await fixture<HTMLDivElement>(
        html`<div><p style="margin: 0">页面上方的内容</p><court-article src="/slow/article.json"></court-article></div>`,
      );
      const el = page.querySelector<CourtArticleElement>('court-article')!;
      await el.updateComplete;
      expect(text($(el, '[part="status"]'))).to.equal('正在加载…');
      const loadingTop = el.getBoundingClientRect().top;
      response.resolve(new Response(JSON.stringify(await readJson(MINIMAL)), { status: 200, headers: { 'content-type': 'application/json' } }));
      await rendered(el);
      expect(el.getBoundingClientRect().top, 'the host has not moved').to.equal(loadingTop);
      expect(el.getBoundingClientRect().top).to.equal(page.querySelector('p')!.getBoundingClientRect().bottom);
    });

    it('shows only the light-DOM fallback when it has no data at all', async () => {
      const el = await fixture<CourtArticleElement>(html`<court-article><p class="old">旧版文章正文</p></court-article>`);
      expect(isShown(el.querySelector('.old')!)).to.equal(true);
      expect($(el, '[part="error"]')).to.equal(null);
      expect(text($(el, '[part="status"]'))).to.equal('');
      expect($(el, 'h1')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('names the URL and HTTP status when the request fails, in the element and in one console warning, and retries', async () => {
      const warnings = stubWarn();
      const failed = new Promise<CustomEvent>((resolve) => document.addEventListener('court-article-failed', (e) => resolve(e as CustomEvent), { once: true }));
      const el = await rendered(await fixture<CourtArticleElement>(html`<court-article src=${NOT_FOUND}></court-article>`));
      const event = await failed;
      expect(event.detail).to.deep.include({ url: NOT_FOUND, status: 404, reason: 'http' });
      const error = $(el, '[part="error"]')!;
      expect(error.getAttribute('role')).to.equal('alert');
      expect(text(error)).to.contain(`无法加载文章数据:${NOT_FOUND}(HTTP 404)`);
      expect(warnings.map((args) => String(args[0]))).to.deep.equal([
        `<court-article>: could not load the article data from ${NOT_FOUND} (HTTP 404).`,
      ]);
      const retry = $(el, '[part="retry-button"]') as HTMLButtonElement;
      expect(text(retry)).to.equal('重试');
      await expect(el).to.be.accessible();

      // The server has the file now.
      const { calls } = stubFetch(() => realFetch(MINIMAL));
      retry.click();
      await waitUntil(() => $(el, 'h1'), 'retry did not render the article');
      await el.updateComplete;
      expect(calls).to.have.length(1);
      expect(calls[0]!.url).to.equal(NOT_FOUND);
      expect(text($(el, 'h1'))).to.equal('只有必填字段的文章');
      expect($(el, '[part="error"]')).to.equal(null);
      expect(el.shadowRoot!.activeElement).to.equal($(el, 'h1'));
    });

    it('reports a network error, keeps the fallback visible, and retries successfully', async () => {
      let attempt = 0;
      stubFetch(() => {
        attempt++;
        return attempt === 1 ? Promise.reject(new TypeError('Failed to fetch')) : realFetch(MINIMAL);
      });
      const el = await rendered(
        await fixture<CourtArticleElement>(html`<court-article src="/offline/article.json"><p class="old">旧版文章</p></court-article>`),
      );
      expect(text($(el, '[part="error"]'))).to.contain('无法加载文章数据:/offline/article.json(网络错误)');
      expect(isShown(el.querySelector('.old')!)).to.equal(true);
      // The error box lines up with the old article text below it.
      const [box, old] = [$(el, '[part="error"]')!.getBoundingClientRect(), el.querySelector('.old')!.getBoundingClientRect()];
      expect(box.left).to.equal(old.left);
      expect(box.right).to.equal(old.right);
      await expect(el).to.be.accessible();

      ($(el, '[part="retry-button"]') as HTMLButtonElement).click();
      await waitUntil(() => $(el, 'h1'), 'retry did not render the article');
      expect(attempt).to.equal(2);
      expect(isShown(el.querySelector('.old')!)).to.equal(false);
    });

    it('reports a real connection failure as a network error', async () => {
      // Port 9 (discard) is refused by the browser or the machine: no server is needed.
      const el = await rendered(await fixture<CourtArticleElement>(html`<court-article src="http://127.0.0.1:9/article.json"></court-article>`));
      expect(text($(el, '[part="error"]'))).to.contain('(网络错误)');
    });

    it('shows a short error naming the field for invalid data, warns once and never throws', async () => {
      const warnings = stubWarn();
      const errors: unknown[] = [];
      const onError = (event: ErrorEvent) => errors.push(event.error);
      // An exception in a Lit update surfaces as an unhandled rejection, not an error event.
      const onRejection = (event: PromiseRejectionEvent) => errors.push(event.reason);
      window.addEventListener('error', onError);
      window.addEventListener('unhandledrejection', onRejection);
      const failed = new Promise<CustomEvent>((resolve) => document.addEventListener('court-article-failed', (e) => resolve(e as CustomEvent), { once: true }));
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <p id="neighbour">页面的其他内容</p>
        <court-article src=${MISSING_TITLE}><p class="old">旧版文章</p></court-article>
      </div>`);
      const el = await rendered(wrapper.querySelector('court-article')!);
      await new Promise((resolve) => setTimeout(resolve, 0));
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);

      const error = $(el, '[part="error"]')!;
      expect(text(error)).to.equal('文章数据有误:缺少 title');
      expect($(el, '[part="retry-button"]')).to.equal(null);
      expect($(el, 'h1')).to.equal(null);
      expect(warnings).to.have.length(1);
      const problems = warnings[0]![1] as { path: string; code: string }[];
      expect(problems.some((p) => p.path === 'title' && p.code === 'missing')).to.equal(true);
      expect((await failed).detail.problems[0].path).to.equal('title');
      expect(errors).to.deep.equal([]);
      expect(text(wrapper.querySelector('#neighbour'))).to.equal('页面的其他内容');
      await expect(el).to.be.accessible();

      // Re-rendering for another reason does not warn again.
      el.fontSize = 'large';
      await el.updateComplete;
      expect(warnings).to.have.length(1);
    });

    it('shows a limit error naming body for an article of 2,001 blocks, without hanging', async () => {
      const warnings = stubWarn();
      const article = {
        version: 1,
        title: '过长的文章',
        publishedAt: '2024-02-28T20:54:53+08:00',
        body: Array.from({ length: LIMITS.maxBlocks + 1 }, (_, i) => ({ type: 'paragraph', text: `第${i}段` })),
      };
      const el = await rendered(
        await fixture<CourtArticleElement>(`<court-article><script type="application/json">${JSON.stringify(article)}</script></court-article>`),
      );
      expect(text($(el, '[part="error"]'))).to.equal(`文章数据有误:body 超过上限(${LIMITS.maxBlocks})`);
      expect($(el, 'h1')).to.equal(null);
      expect($$(el, '[part="body"] p')).to.have.length(0);
      expect(warnings).to.have.length(1);
      await expect(el).to.be.accessible();
    });

    it('shows a limit error naming the field for an html field over the limit, before sanitizing it', async () => {
      const warnings = stubWarn();
      const article = {
        version: 1,
        title: '过长的 HTML',
        publishedAt: '2024-02-28T20:54:53+08:00',
        body: [{ type: 'paragraph', text: '前一段' }, { type: 'html', html: '<b>'.padEnd(LIMITS.maxHtmlLength + 1, 'x') }],
      };
      const el = await rendered(await fixture<CourtArticleElement>(html`<court-article .article=${article as unknown as Article}></court-article>`));
      expect(text($(el, '[part="error"]'))).to.equal(`文章数据有误:body[1].html 超过上限(${LIMITS.maxHtmlLength})`);
      expect($(el, '.html-block')).to.equal(null);
      expect(warnings).to.have.length(1);
    });

    it('shows a limit error for JSON nested too deep, without hanging', async () => {
      const warnings = stubWarn();
      const deep = '['.repeat(100_000) + ']'.repeat(100_000);
      const json = `{"version":1,"title":"t","publishedAt":"2024-02-28T20:54:53+08:00","body":[],"x":${deep}}`;
      stubFetch(() => Promise.resolve(new Response(json, { status: 200, headers: { 'content-type': 'application/json' } })));
      const el = await rendered(await fixture<CourtArticleElement>(html`<court-article src="/deep/article.json"></court-article>`));
      expect(text($(el, '[part="error"]'))).to.equal(`文章数据有误:(JSON) 超过上限(${LIMITS.maxDepth})`);
      expect(warnings).to.have.length(1);
    });

    it('leaves the host page alone when the data is invalid: neighbours, document styles and head unchanged', async () => {
      const warnings = stubWarn();
      const errors: unknown[] = [];
      const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
      const onRejection = (event: PromiseRejectionEvent) => errors.push(event.reason);
      window.addEventListener('error', onError);
      window.addEventListener('unhandledrejection', onRejection);
      const page = () => ({
        sheets: document.styleSheets.length,
        adopted: document.adoptedStyleSheets.length,
        head: document.head.innerHTML,
        html: document.documentElement.getAttribute('style') ?? '',
        body: [getComputedStyle(document.body).fontSize, getComputedStyle(document.body).color, getComputedStyle(document.body).fontFamily],
        title: document.title,
      });
      const before = page();
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <p id="before">上方的页面内容</p>
        <court-article .article=${{ version: 1, title: '', publishedAt: 'yesterday', body: [{ type: 'image' }] } as unknown as Article}></court-article>
        <p id="after">下方的页面内容</p>
      </div>`);
      const control = document.createElement('p');
      document.body.append(control);
      const el = await rendered(wrapper.querySelector('court-article')!);
      await new Promise((resolve) => setTimeout(resolve, 0));
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);

      expect(text($(el, '[part="error"]'))).to.match(/^文章数据有误:.*title/);
      expect(warnings).to.have.length(1);
      expect(errors).to.deep.equal([]);
      expect(page()).to.deep.equal(before);
      for (const id of ['before', 'after']) {
        const neighbour = wrapper.querySelector<HTMLElement>(`#${id}`)!;
        expect(neighbour.textContent).to.equal(id === 'before' ? '上方的页面内容' : '下方的页面内容');
        expect(isShown(neighbour)).to.equal(true);
        const [a, b] = [getComputedStyle(neighbour), getComputedStyle(control)];
        expect([a.fontSize, a.color, a.fontFamily, a.lineHeight, a.display]).to.deep.equal([b.fontSize, b.color, b.fontFamily, b.lineHeight, b.display]);
      }
      control.remove();
    });

    it('keeps the light-DOM fallback visible before the script has run and with JavaScript off', async () => {
      const frame = document.createElement('iframe');
      // No allow-scripts: nothing runs in the frame, as in a browser with JavaScript off. The
      // demo page is a court page with the old article HTML inside <court-article>.
      frame.setAttribute('sandbox', 'allow-same-origin');
      frame.style.cssText = 'width: 1000px; height: 800px';
      frame.src = '/demo/index.html';
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      document.body.append(frame);
      try {
        await loaded;
        const doc = frame.contentDocument!;
        const host = doc.querySelector('court-article')!;
        expect(host, 'the demo page has a court-article').to.not.equal(null);
        expect(host.shadowRoot).to.equal(null);
        const title = host.querySelector('h1')!;
        expect(title.textContent!.trim()).to.equal('于长春在抚顺县人民法院调研时强调');
        const paragraphs = Array.from(host.querySelectorAll('p')).filter((p) => p.textContent!.includes('2024年伊始'));
        expect(paragraphs).to.have.length(1);
        for (const node of [title, paragraphs[0]!]) {
          expect(node.getClientRects().length).to.be.greaterThan(0);
          const style = frame.contentWindow!.getComputedStyle(node);
          expect(style.visibility).to.equal('visible');
          expect(style.opacity).to.equal('1');
        }
      } finally {
        frame.remove();
      }
    });

    it('shows the light-DOM fallback before the element is defined, and swaps it for the article once rendered', async () => {
      const tag = 'court-article-late';
      const wrapper = await fixture<HTMLDivElement>(
        `<div><${tag} src="${MINIMAL}"><p class="old">旧版文章正文</p></${tag}></div>`,
      );
      const el = wrapper.querySelector(tag) as CourtArticleElement;
      const old = el.querySelector('.old')!;
      expect(el.shadowRoot).to.equal(null);
      expect(isShown(old)).to.equal(true);
      const Base = customElements.get('court-article') as unknown as new () => CourtArticleElement;
      customElements.define(tag, class extends (Base as unknown as typeof HTMLElement) {});
      await rendered(el);
      expect(text($(el, 'h1'))).to.equal('只有必填字段的文章');
      expect(isShown(old)).to.equal(false);
    });

    it('counts further problems and rejects data given as a property too', async () => {
      const warnings = stubWarn();
      const el = await rendered(
        await fixture<CourtArticleElement>(html`<court-article .article=${{ version: 2, body: 'x' } as unknown as Article}></court-article>`),
      );
      const lines = Array.from($(el, '[part="error"]')!.querySelectorAll('p')).map((p) => text(p));
      expect(lines[0]).to.match(/^文章数据有误:/);
      expect(lines[1]).to.match(/^还有 \d+ 处问题/);
      expect(warnings).to.have.length(1);
    });
  });

  describe('drawing in two steps', () => {
    /** The seed article with its text cycled to `paragraphs` paragraphs, so that it runs far below the window. */
    async function longSeed(paragraphs: number): Promise<Article> {
      const seed = await readJson(SEED);
      const texts = seed.body.flatMap((b) => (b.type === 'paragraph' && b.text ? [b.text] : []));
      const body: Article['body'] = [seed.body.find((b) => b.type === 'image')!];
      for (let i = 0; i < paragraphs; i++) body.push({ type: 'paragraph', text: `${i + 1}. ${texts[i % texts.length]}` });
      return { ...seed, title: `${seed.title}(长)`, body };
    }

    /** What the shadow root holds the first time the title is in it (a mutation callback runs before any paint). */
    function firstDrawn(el: CourtArticleElement): Promise<{ blocks: number; end: boolean }> {
      return new Promise((resolve) => {
        const look = () => {
          if (!$(el, 'h1')) return false;
          resolve({
            blocks: $(el, '[part="body"]')!.children.length,
            end: !!$(el, '[part="attachments"]') || !!$(el, '[part="pager"]') || !!$(el, '[part="editor"]'),
          });
          return true;
        };
        const observer = new MutationObserver(() => {
          if (look()) observer.disconnect();
        });
        observer.observe(el.shadowRoot!, { childList: true, subtree: true });
      });
    }

    it('draws the first screenfuls of a long article first, the rest and the end after the first paint', async () => {
      const article = await longSeed(300);
      const el = await fixture<CourtArticleElement>(html`<court-article></court-article>`);
      const loaded = new Promise<CustomEvent>((resolve) => el.addEventListener('court-article-loaded', (e) => resolve(e as CustomEvent), { once: true }));
      const first = firstDrawn(el);
      el.article = article;
      const drawn = await first;
      expect(drawn.blocks).to.be.greaterThan(1);
      expect(drawn.blocks).to.be.lessThan(article.body.length);
      expect(drawn.end, 'editor, attachments and pager wait for the second step').to.equal(false);
      // The first step reaches below the window.
      expect(el.getBoundingClientRect().bottom).to.be.greaterThan(window.innerHeight);

      const event = await loaded;
      expect(event.detail.article.title).to.equal(article.title);
      expect($(el, '[part="body"]')!.children).to.have.length(article.body.length);
      expect(el.readableBlocks()).to.have.length(1 + 300);
      expect(text($(el, '[part="editor"]'))).to.equal(`责任编辑:${article.editor}`);
      expect($$(el, '[part="attachments"] li')).to.have.length(article.attachments!.length);
      expect($(el, '[part="pager"] a[rel="next"]')).to.not.equal(null);
    });

    it('printing before the second step (Ctrl+P as the page opens) draws the rest at once, so the whole article is on paper', async () => {
      const article = await longSeed(300);
      const el = await fixture<CourtArticleElement>(html`<court-article></court-article>`);
      const first = firstDrawn(el);
      el.article = article;
      const drawn = await first;
      // Still before the second step (a mutation callback runs before any frame).
      expect(drawn.blocks).to.be.lessThan(article.body.length);
      expect($(el, '[part="body"]')!.children.length).to.equal(drawn.blocks);
      window.dispatchEvent(new Event('beforeprint'));
      // Drawn synchronously: the print layout that follows the event sees it.
      expect($(el, '[part="body"]')!.children).to.have.length(article.body.length);
      expect($(el, '[part="editor"]')).to.not.equal(null);
      await el.updateComplete;
      expect(el.readableBlocks()).to.have.length(1 + 300);
    });

    it('draws everything at once in a hidden page, which gets no animation frames', async () => {
      const article = await longSeed(200);
      const el = await fixture<CourtArticleElement>(html`<court-article></court-article>`);
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      try {
        const first = firstDrawn(el);
        el.article = article;
        const drawn = await first;
        expect(drawn.blocks).to.equal(article.body.length);
        expect(drawn.end).to.equal(true);
      } finally {
        delete (document as unknown as Record<string, unknown>).visibilityState;
      }
      expect(document.visibilityState).to.equal('visible');
    });

    it('updateComplete waits for the whole article', async () => {
      const article = await longSeed(200);
      const el = await fixture<CourtArticleElement>(html`<court-article .article=${article}></court-article>`);
      await el.updateComplete;
      expect($(el, '[part="body"]')!.children).to.have.length(article.body.length);
      expect($(el, '[part="attachments"]')).to.not.equal(null);
    });

    it('draws an article that ends inside the window in one frame: the page below it never moves', async () => {
      const article = await readJson(MINIMAL);
      const box = await fixture<HTMLDivElement>(html`<div><court-article></court-article><p class="after">页脚</p></div>`);
      const el = box.querySelector('court-article')!;
      const after = box.querySelector<HTMLElement>('.after')!;
      const tops: number[] = [];
      // Where the paragraph below stands in every frame until the article has loaded.
      let watching = true;
      const watch = () => {
        tops.push(after.getBoundingClientRect().top);
        if (watching) requestAnimationFrame(watch);
      };
      const loaded = new Promise((resolve) => el.addEventListener('court-article-loaded', resolve, { once: true }));
      const first = firstDrawn(el);
      el.article = { ...article, editor: '宣教科', next: { title: '下一篇的标题', href: '/article/002.shtml' } };
      const drawn = await first;
      expect(drawn.end).to.equal(false);
      requestAnimationFrame(watch);
      await loaded;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      watching = false;
      expect(el.getBoundingClientRect().bottom).to.be.lessThan(window.innerHeight);
      expect($(el, '[part="pager"]')).to.not.equal(null);
      expect(tops.length).to.be.greaterThan(1);
      expect(new Set(tops).size, `positions of the paragraph below: ${tops.join(', ')}`).to.equal(1);
    });

    it('new data before the second step: only the new article is announced', async () => {
      const one = await longSeed(150);
      const two = { ...(await longSeed(120)), title: '第二篇文章' };
      const el = await fixture<CourtArticleElement>(html`<court-article></court-article>`);
      const titles: string[] = [];
      el.addEventListener('court-article-loaded', (e) => titles.push((e as CustomEvent).detail.article.title));
      const first = firstDrawn(el);
      el.article = one;
      await first;
      el.article = two;
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(titles).to.deep.equal(['第二篇文章']);
      expect(text($(el, 'h1'))).to.equal('第二篇文章');
      expect($(el, '[part="body"]')!.children).to.have.length(two.body.length);
    });
  });

  describe('hooks for print-controls', () => {
    it('scales the body text with the font-size attribute, without browser zoom', async () => {
      const el = await rendered(await fixture<CourtArticleElement>(html`<court-article src=${MINIMAL}></court-article>`));
      const paragraph = () => parseFloat(getComputedStyle($(el, '[part="body"] p')!).fontSize);
      const medium = paragraph();
      el.fontSize = 'small';
      await el.updateComplete;
      expect(el.getAttribute('font-size')).to.equal('small');
      const small = paragraph();
      el.setAttribute('font-size', 'large');
      await el.updateComplete;
      const large = paragraph();
      el.fontSize = 'x-large';
      await el.updateComplete;
      const xLarge = paragraph();
      expect(small).to.be.lessThan(medium);
      expect(medium).to.be.lessThan(large);
      expect(large).to.be.at.least(20);
      expect(xLarge).to.be.at.least(24);
      expect(parseFloat(getComputedStyle($(el, 'h1')!).fontSize)).to.be.greaterThan(xLarge);
    });

    it('care mode: black text on white and line height of at least 1.8', async () => {
      const el = await rendered(await fixture<CourtArticleElement>(html`<court-article src=${MINIMAL} care></court-article>`));
      expect(el.care).to.equal(true);
      const style = getComputedStyle($(el, '[part="body"] p')!);
      expect(style.color).to.equal('rgb(0, 0, 0)');
      expect(parseFloat(style.lineHeight) / parseFloat(style.fontSize)).to.be.at.least(1.8);
      await expect(el).to.be.accessible();
    });

    it('care mode: titles, headings, byline, breadcrumb and pager lines also have at least 1.8 leading', async () => {
      const el = await rendered(await fixture<CourtArticleElement>(html`<court-article src=${FULL} care></court-article>`));
      const lines = ['h1', '.body h2', '.body h3', '.body h4', '.byline', '.breadcrumb li', '.pager p, .pager li']
        .map((selector) => $(el, selector))
        .filter((node): node is HTMLElement => node !== null);
      expect(lines.length).to.be.at.least(6);
      for (const node of lines) {
        const style = getComputedStyle(node);
        expect(parseFloat(style.lineHeight) / parseFloat(style.fontSize), node.className || node.tagName).to.be.at.least(1.8);
      }
    });

    it('lists the title and the text blocks in reading order and highlights one', async () => {
      const el = await rendered(await fixture<CourtArticleElement>(html`<court-article src=${FULL}></court-article>`));
      const blocks = el.readableBlocks();
      expect(blocks.map((b) => b.tagName.toLowerCase())).to.deep.equal(['h1', 'p', 'h2', 'p', 'h3', 'h4', 'div', 'p']);
      expect(el.highlightBlock(3)).to.equal(blocks[3]);
      expect(blocks[3]!.hasAttribute('data-reading')).to.equal(true);
      expect(blocks[3]!.part.contains('reading')).to.equal(true);
      expect(getComputedStyle(blocks[3]!).backgroundColor).to.not.equal(getComputedStyle(blocks[1]!).backgroundColor);
      el.highlightBlock(4);
      expect(blocks.filter((b) => b.hasAttribute('data-reading'))).to.deep.equal([blocks[4]]);
      expect(el.highlightBlock(-1)).to.equal(undefined);
      expect(blocks.some((b) => b.hasAttribute('data-reading'))).to.equal(false);
    });
  });

  describe('accessibility and layout', () => {
    it('passes an accessibility audit when loaded', async () => {
      const el = await rendered(await fixture<CourtArticleElement>(html`<court-article src=${FULL}></court-article>`));
      await expect(el).to.be.accessible();
    });

    it('takes its theme from the documented custom properties and exposes its parts to page styles', async () => {
      const style = document.createElement('style');
      style.textContent = `
        court-article.themed { --court-article-font-size: 20px; --court-article-accent: rgb(0, 102, 51); --court-article-text: rgb(17, 34, 51); --court-article-max-width: 400px; --court-article-title-size: 40px; }
        court-article.themed::part(byline) { color: rgb(1, 2, 3); }
        court-article.themed::part(body) { outline: 3px solid rgb(4, 5, 6); }`;
      document.head.append(style);
      try {
        const el = await rendered(await fixture<CourtArticleElement>(html`<court-article class="themed" src=${FULL}></court-article>`));
        expect(el.getBoundingClientRect().width).to.equal(400);
        const title = getComputedStyle($(el, 'h1')!);
        expect(title.color).to.equal('rgb(0, 102, 51)');
        expect(title.fontSize).to.equal('40px');
        const paragraph = getComputedStyle($(el, '[part="body"] p')!);
        expect(paragraph.fontSize).to.equal('20px');
        expect(paragraph.color).to.equal('rgb(17, 34, 51)');
        expect(getComputedStyle($(el, '[part="byline"]')!).color).to.equal('rgb(1, 2, 3)');
        expect(getComputedStyle($(el, '[part="body"]')!).outlineColor).to.equal('rgb(4, 5, 6)');
      } finally {
        style.remove();
      }
    });

    it('has no horizontal scroll at 360 px, even in the largest text size', async () => {
      await setViewport({ width: 360, height: 640 });
      for (const src of [FULL, WIDE, SEED]) {
        const el = await rendered(await fixture<CourtArticleElement>(html`<court-article src=${src} font-size="x-large"></court-article>`));
        expect(document.documentElement.scrollWidth, src).to.be.at.most(360);
        expect(el.getBoundingClientRect().width, src).to.be.at.most(360);
        for (const block of $$(el, '[part="body"] > *')) {
          expect(block.getBoundingClientRect().right, `${src} ${block.tagName}`).to.be.at.most(361);
        }
      }
    });

    it('wraps a long 上一篇 / 下一篇 title under itself, not under the label, at 360 px', async () => {
      await setViewport({ width: 360, height: 640 });
      const el = await rendered(await fixture<CourtArticleElement>(html`<court-article src=${SEED}></court-article>`));
      const items = $$(el, '[part="pager"] li');
      expect(items).to.have.length(2);
      let wrapped = 0;
      for (const item of items) {
        const label = item.querySelector('.label')!.getBoundingClientRect();
        const link = item.querySelector('a')!;
        const lines = Array.from(link.getClientRects());
        if (link.getBoundingClientRect().height > label.height * 1.5) wrapped++;
        for (const line of lines) expect(line.left, text(link)).to.be.at.least(label.right - 1);
      }
      expect(wrapped, 'a title long enough to wrap at 360 px').to.be.greaterThan(0);
    });

    it('gives breadcrumb, attachment and pager links a target of at least 24 × 24 px, also at 小', async () => {
      for (const size of ['small', 'medium'] as const) {
        const el = await rendered(await fixture<CourtArticleElement>(html`<court-article src=${FULL} font-size=${size}></court-article>`));
        const links = $$(el, '[part="breadcrumb"] a, [part="attachments"] a, [part="pager"] a');
        expect(links, size).to.have.length(7);
        for (const link of links) {
          const box = link.getBoundingClientRect();
          expect(box.height, `${size} ${text(link)}`).to.be.at.least(24);
          expect(box.width, `${size} ${text(link)}`).to.be.at.least(24);
        }
      }
    });

    it('keeps long breadcrumb links inside a 320 px screen, wrapping within their target', async () => {
      await setViewport({ width: 320, height: 640 });
      const article = {
        ...(await readJson(FULL)),
        breadcrumb: [
          { label: '首页', href: '/' },
          { label: '抚顺市中级人民法院新闻中心图片新闻专栏与法院工作动态汇编', href: '/news/' },
          { label: '一', href: '/news/one/' },
        ],
      };
      const el = await rendered(await fixture<CourtArticleElement>(html`<court-article .article=${article} font-size="large"></court-article>`));
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      const nav = $(el, '[part="breadcrumb"]')!.getBoundingClientRect();
      for (const link of $$(el, '[part="breadcrumb"] a')) {
        const box = link.getBoundingClientRect();
        expect(box.right, text(link)).to.be.at.most(nav.right + 1);
        expect(box.height, text(link)).to.be.at.least(24);
        expect(box.width, text(link)).to.be.at.least(24);
      }
      const long = $$(el, '[part="breadcrumb"] a')[1]!;
      expect(long.getClientRects().length, 'the long link is one box of several lines').to.equal(1);
      expect(long.getBoundingClientRect().height).to.be.greaterThan(40);
    });

    it('lines up paragraphs that a CMS indented itself with full-width or no-break spaces', async () => {
      const paragraphs = [
        { type: 'paragraph', text: '正常段落开头文字' },
        { type: 'paragraph', text: '\u3000\u3000全角空格开头' },
        { type: 'paragraph', html: '&nbsp;&nbsp;&nbsp;&nbsp;不换行空格开头' },
        { type: 'paragraph', text: ' \u00a0\u3000 \n混合空白开头' },
        { type: 'paragraph', html: '\u3000\u3000&#160;&#xA0;<strong>加粗</strong>开头' },
        { type: 'paragraph', html: '\u00a0 &nbsp;\u3000链接前<a href="/news/">新闻中心</a>' },
        { type: 'paragraph', html: '&#160;&#xa0;&#12288;&#x3000;数字引用开头' },
      ];
      const shown = await paragraphsOf(paragraphs);
      expect(shown).to.have.length(paragraphs.length);
      /** Where the first visible character of a paragraph is drawn, from the paragraph's left edge. */
      const firstGlyph = (p: HTMLElement): number => {
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = (node.nodeValue ?? '').search(/[^\s\u00a0\u3000]/);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + 1);
          return range.getBoundingClientRect().left - p.getBoundingClientRect().left;
        }
        throw new Error(`no visible text in "${p.textContent}"`);
      };
      const indent = parseFloat(getComputedStyle(shown[0]!).fontSize) * 2;
      for (const p of shown) expect(firstGlyph(p), JSON.stringify(p.textContent)).to.be.closeTo(indent, 1);
      // Only the leading run goes: the rest of each paragraph is the data as given.
      expect(shown.map((p) => p.textContent)).to.deep.equal([
        '正常段落开头文字',
        '全角空格开头',
        '不换行空格开头',
        '混合空白开头',
        '加粗开头',
        '链接前新闻中心',
        '数字引用开头',
      ]);
      expect(shown[4]!.querySelector('strong')!.textContent).to.equal('加粗');
      expect(shown[5]!.querySelector('a')!.getAttribute('href')).to.equal('/news/');
    });

    it('sets a 落款 at the end of the line and a centred line in the middle, without the indent, in either direction', async () => {
      /** Where a paragraph's text is drawn, against the paragraph's own box. */
      const ink = (p: HTMLElement) => {
        const range = document.createRange();
        range.selectNodeContents(p);
        const text = range.getBoundingClientRect();
        const box = p.getBoundingClientRect();
        return { left: text.left - box.left, right: box.right - text.right, width: box.width };
      };
      for (const lang of ['zh-CN', 'ug']) {
        const body = [
          { type: 'paragraph', text: '本院定于二〇二四年三月一日上午九时公开开庭审理原告与被告合同纠纷一案。' },
          { type: 'paragraph', text: '抚顺市中级人民法院', align: 'end' },
          { type: 'paragraph', html: '二〇二四年<b>二月二十八日</b>', align: 'end' },
          { type: 'paragraph', text: '（完）', align: 'center' },
        ];
        const article = { version: 1, lang, title: '公告', publishedAt: '2024-02-28T20:54:53+08:00', body };
        const el = await rendered(await fixture<CourtArticleElement>(html`<court-article .article=${article as unknown as Article}></court-article>`));
        const [plain, court, date, end] = $$(el, '[part="body"] > p');
        expect(plain!.hasAttribute('data-align'), lang).to.equal(false);
        expect(getComputedStyle(plain!).textIndent, lang).to.not.equal('0px');
        for (const p of [court!, date!, end!]) expect(getComputedStyle(p).textIndent, `${lang} ${p.textContent}`).to.equal('0px');
        const rtl = lang === 'ug';
        for (const p of [court!, date!]) {
          const at = ink(p);
          // Flush with the end edge (right, or left right to left), far from the start edge.
          expect(rtl ? at.left : at.right, `${lang} ${p.textContent}`).to.be.closeTo(0, 1);
          expect(rtl ? at.right : at.left, `${lang} ${p.textContent}`).to.be.greaterThan(at.width / 2);
        }
        const centred = ink(end!);
        expect(centred.left, lang).to.be.closeTo(centred.right, 2);
        expect(centred.left, lang).to.be.greaterThan(100);
        expect(date!.querySelector('b')!.textContent).to.equal('二月二十八日');
      }
    });

    it('breaks a 落款 that needs two lines into even halves, not before its last character', async () => {
      await setViewport({ width: 320, height: 640 });
      const body = [{ type: 'paragraph', text: '辽宁省抚顺市中级人民法院', align: 'end' }];
      const article = { version: 1, title: '公告', publishedAt: '2024-02-28T20:54:53+08:00', body };
      const el = await rendered(await fixture<CourtArticleElement>(html`<court-article .article=${article as unknown as Article} font-size="x-large"></court-article>`));
      const p = $(el, '[part="body"] > p')!;
      const range = document.createRange();
      range.selectNodeContents(p);
      const lines = Array.from(range.getClientRects()).filter((r) => r.width > 0);
      expect(lines.length, 'two lines at this size').to.equal(2);
      expect(Math.abs(lines[0]!.width - lines[1]!.width)).to.be.below(parseFloat(getComputedStyle(p).fontSize) * 1.5);
    });

    it('keeps spaces inside a paragraph and inside its first tag; only the paragraph\'s leading run is trimmed', async () => {
      const paragraphs = [
        { type: 'paragraph', text: '中间的\u3000\u3000全角空格' },
        { type: 'paragraph', html: '&nbsp;&nbsp;开头<b>\u3000加粗</b>&nbsp;之后' },
        { type: 'paragraph', html: '<span>\u3000\u3000标签里的空格</span>' },
        { type: 'paragraph', text: '\u3000\u3000' },
      ];
      expect((await paragraphsOf(paragraphs)).map((p) => p.textContent)).to.deep.equal([
        '中间的\u3000\u3000全角空格',
        '开头\u3000加粗\u00a0之后',
        '\u3000\u3000标签里的空格',
        '',
      ]);
    });

    it('lets a table too wide for the screen scroll inside its own box, reachable by keyboard', async () => {
      await setViewport({ width: 360, height: 640 });
      const el = await rendered(await fixture<CourtArticleElement>(html`<court-article src=${WIDE}></court-article>`));
      const box = $$(el, '.html-block').find((block) => text(block.querySelector('caption')) === '案号')!;
      await waitUntil(() => box.getAttribute('role') === 'region', 'the wide table was not made a scrollable region');
      expect(box.scrollWidth).to.be.greaterThan(box.clientWidth);
      expect(box.tabIndex).to.equal(0);
      expect(box.getAttribute('aria-label')).to.equal('可横向滚动的内容');
      expect(document.documentElement.scrollWidth).to.be.at.most(360);
      await expect(el).to.be.accessible();

      // Wide enough again: an ordinary block, out of the tab order.
      await setViewport({ width: 1600, height: 800 });
      el.style.setProperty('--court-article-max-width', 'none');
      await waitUntil(() => !box.hasAttribute('role'), 'the table stayed a scrollable region');
      expect(box.hasAttribute('tabindex')).to.equal(false);
    });
  });
});
