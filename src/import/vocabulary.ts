/**
 * Vocabulary of court pages: the tags, class tokens, labels and phrases (作者, 上一篇, 附件,
 * 图为, 打印, 共N页…) by which the importer recognizes what a part of a page is, in Simplified
 * and Traditional script, with the small text helpers that go with them.
 */
import { bothScripts } from '../internal/traditional.js';
import { WEEKDAY as WEEKDAY_AFTER_DATE } from './date.js';
import { type Element, type Node, attr, children, contains, isElement, normalizeSpace, textContent } from './dom.js';

export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody',
  'thead', 'tfoot', 'tr', 'td', 'th', 'caption', 'ul', 'body', 'html', 'listing', 'xmp', 'plaintext',
]);

/** Tags whose markup survives in a paragraph's `html`. */
export const KEPT_INLINE = new Set(['strong', 'b', 'em', 'i', 'u', 'sub', 'sup']);

/** Elements that are page furniture whatever they contain. */
export const CHROME_TAGS = new Set([
  'nav', 'header', 'footer', 'aside', 'form', 'select', 'button', 'input', 'textarea', 'label',
  // This package's own page furniture, in pages it rendered.
  'court-footer', 'print-controls', 'visitor-counter',
]);

/** Class/id tokens of page furniture in court templates. */
export const CHROME_TOKENS = new Set([
  'foot', 'footer', 'bottom', 'copyright', 'banner', 'header', 'nav', 'navi', 'navbar', 'menu', 'sidebar',
  'crumb', 'crumbs', 'breadcrumb', 'share', 'bdshare', 'fenxiang', 'friendlink', 'yqlj', 'search',
  'login', 'related', 'xgxw', 'toolbar', 'tools', 'sitemap', 'logo', 'topbar', 'qrcode', 'ewm',
]);

export const TITLE_TOKENS = new Set([
  'title', 'bigtitle', 'btitle', 'biaoti', 'bt', 'tit', 'headline', 'arttitle', 'newstitle', 'wzbt', 'dbt',
]);
export const SUBTITLE_TOKENS = new Set(['subtitle', 'sub', 'fbt', 'futitle', 'vice', 'subhead']);
export const KICKER_TOKENS = new Set(['kicker', 'yt', 'yinti', 'ytitle', 'pretitle', 'supertitle']);

/** Footer content that is never article text, wherever a template puts it. */
export const FOOTER_TEXT = bothScripts(/版权所有|ICP备|ICP证|公网安备|技术支持|网站标识码|建议使用.{0,12}浏览器|Copyright|All Rights Reserved/i);

/** Class/id tokens of a 当前位置 trail that prints no label (weizhi = 位置, dqwz = 当前位置). */
export const BREADCRUMB_TOKENS = new Set([
  'crumb', 'crumbs', 'breadcrumb', 'breadcrumbs', 'position', 'location', 'dqwz', 'weizhi', 'curpos', 'currentpos',
  'currentposition', 'dangqianweizhi', 'lujing', 'mianbaoxie', 'bread', 'mbx',
]);

/** A trail printed as text without a label or a class name: 首页 >> 媒体聚焦, 首页 → 新闻中心. */
export const PLAIN_TRAIL = bothScripts(/^首页\s*(?:>>|>|›|»|→|＞|\/)\s*[^。；;！!？?]{1,60}$/);

/** The label of a 当前位置 trail, also on the English and Uyghur pages of court sites (Location: Home > News). */
export const BREADCRUMB_LABEL = bothScripts(/^(?::::\s*)?(?:当前位置|目前位置|您现在的位置|您的位置|您所在的位置|所在位置|现在位置|当前页面|位置|(?:Current |Your )?(?:Location|Position)|You are here|نۆۋەتتىكى ئورۇن)\s*(?:是)?\s*[:：]?/);
export const CRUMB_SEPARATORS = /^[\s>›»→/|\\\-—:：]*$|^(?:&gt;|>>)+$/;

/** 上一篇 / 下一篇, and Previous / Next on the English pages of court sites, ئالدىنقى ماقالە / كېيىنكى ماقالە on Uyghur ones. */
const PREV_NEXT_WORDS = bothScripts(/上一篇|下一篇|上一条|下一条|上一则|下一则|上一笔|下一笔|上篇|下篇|(?:Previous|PREVIOUS|Prev|PREV|Next|NEXT)(?: (?:Article|article|Post|post))?|ئالدىنقى ماقالە|كېيىنكى ماقالە/).source;
export const PREV_NEXT = new RegExp(`(${PREV_NEXT_WORDS})\\s*[:：]?`);
/** Whether a label of {@link PREV_NEXT} names the previous article. */
export const PREV_LABEL = /^(?:上|Prev|PREV|ئالدىنقى)/;
/** The label at the start of a text (a sentence that merely mentions 上篇 is not a pager). */
export const PREV_NEXT_START = new RegExp(`^[\\s【[(（]*(${PREV_NEXT_WORDS})\\s*(?:[:：]|$|】|\\])`);
/** A link whose own text starts with the label: <a>下一篇：标题</a> (not a title that ends in 上一篇). */
export const PREV_NEXT_LEAD = new RegExp(`^\\s*${PREV_NEXT.source}`);

/**
 * What a byline label gives: a contract field; `credit`, a credit kept with the author
 * (摄影 韩冬: the contract has no field for a photographer); `ignore`, a counter or control.
 */
type BylineField = 'author' | 'source' | 'date' | 'editor' | 'credit' | 'ignore';

/** Labels of the byline (and their forms on the English and Uyghur pages of court sites). A label counts only at the start of a text or after a separator. */
const BYLINE_LABELS: Array<[RegExp, BylineField]> = [
  // 发布人: who put the article on the site (ASP.NET and JSP templates print it before the date).
  [bothScripts(/责任编辑|编辑|发布人|发布者|发稿人|Editor in charge|Responsible Editor|Editor|مەسئۇل مۇھەررىر/y), 'editor'],
  [bothScripts(/作\s*者|撰稿人|撰稿|撰文|文\s*\/|记者|Author|Reporter|ئاپتور/y), 'author'],
  [bothScripts(/摄\s*影|摄\s*像|图\s*片|通讯员/y), 'credit'],
  [bothScripts(/信息来源|文章来源|稿件来源|资料来源|新闻来源|消息来源|发布单位|发布机关|发布部门|供稿单位|供稿部门|供稿|来\s*源|出处|Source|مەنبە/y), 'source'],
  [bothScripts(/发布时间|发布日期|发表时间|发文日期|发稿日期|公告日期|刊登日期|更新时间|更新日期|时\s*间|日\s*期|发布于|Release Date|Publish Date|Date|Published|Posted|ئېلان قىلىنغان ۋاقىت/y), 'date'],
  [bothScripts(/浏览次数|浏览人次|浏览量|点击数|点击量|点阅次数|点阅人次|点阅数|人气|阅读次数|访问次数|阅读量|浏览|点击|阅读|字号|字体|字级|字型大小|字型|Views|Hits|Font Size/y), 'ignore'],
  // A press release's number (新聞稿編號：113-015): no field in the contract, no article text.
  [bothScripts(/新闻稿编号|新闻稿号|发稿编号|编\s*号/y), 'ignore'],
  // Review and sign-off credits: internal steps, not an editor (编辑：韩雪 审核：周平).
  [bothScripts(/审\s*核|审\s*校|审\s*稿|校\s*对|核\s*稿|签\s*发|[初复终]\s*审/y), 'ignore'],
];

/** The weekday court pages print after a date (2019年03月07日 星期四, 113-02-28(三)): part of the date. */
export const WEEKDAY = new RegExp(`^${WEEKDAY_AFTER_DATE}`);

export const BYLINE_STOP = bothScripts(/(?:【|\[|打印|友善列印|列印|关闭|回上页|回上一页|回列表|字号|字体|字级|字型|浏览次数|分享|收藏|返回|\||｜)/);

export const ATTACHMENT_HREF = /\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|odp|wps|et|dps|zip|rar|7z|txt|ceb|ofd|csv|rtf|tif|tiff)(?:[?#]|$)/i;

/** Elements that play a file or show another page: each becomes a video block or a `media-unsupported` warning. */
export const MEDIA_TAGS = new Set(['video', 'embed', 'object', 'iframe', 'audio']);

/** The path of a video file browsers play (MP4, WebM); Flash video (.flv, .f4v) needs a plug-in no browser has now. */
export const PLAYABLE_VIDEO = /\.(?:mp4|m4v|webm)$/i;
/** The path of any video file, to name what an old player showed when it cannot be imported. */
export const VIDEO_FILE = /\.(?:mp4|m4v|webm|flv|f4v|ogv|mov|wmv|avi|rmvb?|3gp)$/i;

/** `<param>` names of `<object>` players that give the file or the player itself. */
export const PLAYER_PARAMS = new Set(['movie', 'src', 'url', 'filename', 'file', 'data']);
/**
 * Flash player variables (`flashvars`, or the player's query string) that name the video file,
 * in lower case (names are matched without regard to case): JW Player and others (`file`,
 * `url`, `vurl`), ckplayer (`f`), vcastr (`vcastr_file`), CuPlayer (`CuPlayerFile`).
 */
export const FLASHVARS_FILE = new Set(['file', 'url', 'vurl', 'f', 'vcastr_file', 'cuplayerfile']);
/** Flash player variables that name the still shown before playing (ckplayer `i`, CuPlayer `CuPlayerImage`). */
export const FLASHVARS_POSTER = new Set(['image', 'poster', 'i', 'cuplayerimage']);
/** Query values of a download address that name the file it serves (`downfile.jsp?classid=0&filename=1.mp4`). */
export const QUERY_FILE = new Set(['filename', 'file', 'url']);
/** Kinds of video that need a plug-in no browser has now: by file extension, and by the player's `type` / `classid`. */
export const PLUGIN_VIDEO: Array<{ extension: RegExp; player: RegExp; kind: string }> = [
  { extension: /^(?:swf|flv|f4v)$/, player: /shockwave-flash|x-flv|d27cdb6e-ae6d-11cf-96b8-444553540000/, kind: 'Flash video' },
  { extension: /^(?:wmv|asf|asx|wvx)$/, player: /x-mplayer2|x-ms-|6bf52a52-394a-11d3-b153-00c04f79faa6|22d6f312-b0f6-11d0-94ab-0080c74c7e95/, kind: 'Windows Media video' },
  { extension: /^(?:rmvb?|ram?)$/, player: /x-pn-realaudio|realplayer|cfcdaa03-8be4-11cf-b84b-0020afbbccfa/, kind: 'RealMedia video' },
];

/** A line that ends an article: （完）, (完), ——完——, 【完】, （全文完）. */
export const END_MARK = /^(?:[(（【[]\s*(?:全文)?完\s*[)）】\]]|[—─－-]+\s*(?:全文)?完\s*[—─－-]+|(?:全文)?完)$/;

export const CAPTION_START = bothScripts(/^(?:[▲△▶►]\s*|(?:图说|图片说明|[上下左右]图)\s*[:：]|[（(]?\s*图为|[（(]?图\s*[一二三四五六七八九十\d]*\s*[)）]?\s*[:：]|摄影[:：]|\[图\])/);
export const CAPTION_MARKER = /^[▲△▶►]\s*/;

/** The label of a caption line (圖說：, 图片说明：, 上圖：): not part of the caption. */
export const CAPTION_LABEL = bothScripts(/^(?:图说|图片说明|[上下左右]图)\s*[:：]\s*/);

/** "（图为庭审现场）": a caption in brackets. */
const WRAPPED_CAPTION = bothScripts(/^[（(]\s*(图为.*?)\s*[）)]$/);

/** The title a pager prints where there is no article (下一篇：没有了). */
export const NO_ARTICLE = bothScripts(/^(?:没有了|无|暂无)$/);

/** A pager's page count (共3页). */
export const PAGE_COUNT = bothScripts(/共(\d+)页/);

/** A 附件 label or heading alone. */
export const ATTACHMENTS_LABEL = bothScripts(/^(?:(?:相关)?附件|Attachments?|ATTACHMENTS?|قوشۇمچە ھۆججەتلەر)\s*[:：]?$/);

/** What a line of attachment links prints besides the links (附件1：, 下载：, numbering). */
export const ATTACHMENT_LABELS = bothScripts(/^(?:附件\s*\d*\s*[:：]?|相关附件\s*[:：]?|下载\s*[:：]?|\d+[.、．]?)*$/);

/** A caption line without its ▲ marker, and without the brackets of "（图为庭审现场）". */
export function unwrapCaption(text: string): string {
  const bare = text.replace(CAPTION_MARKER, '').replace(CAPTION_LABEL, '').trim();
  const wrapped = WRAPPED_CAPTION.exec(bare);
  return wrapped ? wrapped[1]! : bare;
}

/** What a `title` attribute adds for screen readers when a link opens a window: 司法院網站(另開新視窗). */
const NEW_WINDOW = bothScripts(/\s*[(（[【]?\s*(?:另开新视窗|另开视窗|开新视窗|在新视窗开启|在新视窗開啟|新视窗开启|新視窗開啟|另开新窗口|新窗口打开|新窗口)\s*[)）\]】]?\s*$/);

/** A link's `title` attribute without the new-window notice it ends in. */
export function titleAttribute(el: Element): string {
  return normalizeSpace(attr(el, 'title') ?? '').replace(NEW_WINDOW, '').trim();
}

/** The text of an attachment link that names only the file's type or the action. */
export const FILE_TYPE_TEXT = bothScripts(/^(?:pdf|odt|ods|odp|docx?|xlsx?|pptx?|wps|ofd|zip|rar|7z|txt|下载|点此下载|点击下载)$/i);

/** The first cell of the table row that holds `link`, when the link is not in it: 報名表 | <a>ODT</a> <a>PDF</a>. */
export function rowLabel(link: Element): string {
  for (let up = link.parentNode as Node | null; up && isElement(up); up = up.parentNode as Node | null) {
    if (up.tagName !== 'tr') continue;
    const first = children(up).find((c): c is Element => isElement(c) && (c.tagName === 'td' || c.tagName === 'th'));
    return first && !contains(first, link) ? normalizeSpace(textContent(first)) : '';
  }
  return '';
}

/** The link around `el` when it points at a document file (an attachment). */
export function attachmentLinkAround(el: Element): Element | undefined {
  for (let up = el.parentNode as Node | null; up && isElement(up); up = up.parentNode as Node | null) {
    if (up.tagName === 'a') return ATTACHMENT_HREF.test(attr(up, 'href') ?? '') ? up : undefined;
  }
  return undefined;
}

/** Paragraphs made only of print/close/font-size controls. */
export const CHROME_LINE = bothScripts(/^(?:[\s【】[\]|｜:：()（）]*(?:打印本页|打印此文|打印|友善列印|列印本页|列印此页|列印|关闭窗口|关闭视窗|关闭本页|关闭|返回顶部|返回|回上一页|回上页|回到上一页|回首页|回页首|回顶端|返回列表|回列表|收藏本页|收藏|转寄|分享到|分享至|分享|字号|字体|字级|字型大小|字型|大|中|小|默认))+[\s【】[\]|｜:：()（）]*$/);

/** A file's size in brackets, after its type or not: （183KB）, （PDF，350KB）, (DOC, 1.2MB). */
export const SIZE_TEXT = /[(（\[]\s*(?:[a-z]{2,4}\s*[,，、/|｜]\s*)?(\d+(?:\.\d+)?)\s*(B|K|KB|M|MB|G|GB)\s*[)）\]]/i;

/** An attachment's name without the size printed with it ("公告（183KB）" → "公告"): the element shows the size. */
export function withoutSize(text: string): string {
  return normalizeSpace(text.replace(new RegExp(SIZE_TEXT.source, 'gi'), ' '));
}

interface LabelHit {
  field: BylineField;
  start: number;
  end: number;
}

export function labelHits(text: string): LabelHit[] {
  const hits: LabelHit[] = [];
  for (let i = 0; i < text.length; i++) {
    const before = i === 0 ? '' : text[i - 1]!;
    if (i > 0 && !/[\s|｜【\[(（:：,，;；]/.test(before)) continue;
    for (const [re, field] of BYLINE_LABELS) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (!m) continue;
      const after = text.slice(i + m[0].length);
      const colon = /^\s*[:：]\s*/.exec(after);
      if (!colon) continue;
      hits.push({ field, start: i, end: i + m[0].length + colon[0].length });
      i += m[0].length + colon[0].length - 1;
      break;
    }
  }
  return hits;
}
