/**
 * WeChat official-account articles (微信公众号文章), as court sites keep them: a saved copy of
 * the mp.weixin.qq.com page itself, or the article's HTML pasted into a CMS body.
 *
 * What WeChat's page script does in a browser and a saved page lacks: it fills the empty
 * `em#publish_time` from the creation time in an inline script, and it reveals `#js_content`
 * (hidden with `visibility: hidden`). What WeChat editors add that is no article text: a
 * 点击蓝字关注我们 banner at the top, a QR code with 长按识别二维码关注, a 往期推荐 list of links
 * to other articles, 阅读原文, 在看 / 点赞 prompts, END markers and thin divider gifs.
 */
import { parseCourtDate, secondsInChina } from './date.js';
import {
  type Element,
  type Node,
  attr,
  children,
  descendants,
  findFirst,
  insideLink,
  isElement,
  isText,
  NON_TEXT_TAGS,
  normalizeSpace,
  rawText,
  squash,
  textContent,
} from './dom.js';

// ---------------------------------------------------------------------------------------------
// Recognising WeChat pages and markup

/** Hosts of WeChat's image servers (mmbiz.qpic.cn, mmecoa.qpic.cn, mmbiz.qlogo.cn, wx.qlogo.cn). */
const IMAGE_HOST = /(?:^|\.)(?:qpic\.cn|qlogo\.cn)$/i;

/** The host of `src` when it is one of WeChat's image servers. */
export function wechatImageHost(src: string): string | undefined {
  try {
    const host = new URL(src, 'http://relative.invalid/').hostname;
    return IMAGE_HOST.test(host) ? host.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

const byId = (root: Node, id: string) => findFirst(root, (el) => attr(el, 'id') === id);

/** Whether the page is a saved mp.weixin.qq.com article (its `#js_content` or `#activity-name`). */
export function isWechatPage(root: Node): boolean {
  return !!byId(root, 'js_content') || !!byId(root, 'activity-name');
}

/** WeChat's article container (`#js_content`): all of the article, nothing around it is. */
export function isWechatContent(el: Element): boolean {
  return attr(el, 'id') === 'js_content';
}

/** Tags of WeChat's own elements in article markup. */
const WECHAT_TAGS = /^(?:mp-style-type|mp-common-[a-z-]+|mpvoice|mpvideosnap|mpprofile|qqmusic|mp-miniprogram)$/;

/**
 * Whether `container` holds markup of the WeChat editor: images with `data-ratio` and `data-w`
 * or on WeChat's image servers, `<mp-style-type>` and other `mp-` elements, video frames of
 * class `video_iframe`.
 */
export function holdsWechatMarkup(container: Element): boolean {
  for (const el of descendants(container)) {
    if (WECHAT_TAGS.test(el.tagName)) return true;
    if (el.tagName === 'iframe' && /\bvideo_iframe\b/.test(attr(el, 'class') ?? '')) return true;
    if (el.tagName !== 'img') continue;
    if (attr(el, 'data-ratio') !== undefined && attr(el, 'data-w') !== undefined) return true;
    const src = attr(el, 'data-src') ?? attr(el, 'src') ?? '';
    if (wechatImageHost(src.trim())) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// The creation time in the page's script

/**
 * The variables of WeChat's inline script that hold the article's time, most precise first:
 * Unix seconds (`var ct = "1709112600" * 1;`, `var create_time = "…" * 1;`, in older pages
 * `var oriCreateTime = 1603870767;`), or the time as WeChat prints it
 * (`var createTime = '2024-02-28 17:30';`, `var publish_time = "2016-09-03" || "";`).
 */
const SCRIPT_TIMES: Array<{ pattern: RegExp; seconds: boolean }> = [
  { pattern: /\bvar\s+ct\s*=\s*["']?(\d{9,10})["']?/, seconds: true },
  { pattern: /\b(?:var\s+)?create_time\s*[=:]\s*["']?(\d{9,10})["']?/, seconds: true },
  { pattern: /\bvar\s+oriCreateTime\s*=\s*["']?(\d{9,10})["']?/, seconds: true },
  { pattern: /\bvar\s+createTime\s*=\s*["'](\d{4}-\d{1,2}-\d{1,2}[^"']*)["']/, seconds: false },
  { pattern: /\bcreate_time\s*[=:]\s*["'](\d{4}-\d{1,2}-\d{1,2}[^"']*)["']/, seconds: false },
  { pattern: /\bvar\s+publish_time\s*=\s*["'](\d{4}-\d{1,2}-\d{1,2}[^"']*)["']/, seconds: false },
];

/** WeChat started in 2012; a time before it is no article's. */
const FIRST_SECOND = Date.UTC(2012, 0, 1) / 1000;


export interface ScriptDate {
  /** A date text `parseCourtDate` reads: ISO 8601 with +08:00 for Unix seconds, else as written. */
  text: string;
  /** The script statement it was read from, to quote in a note (`var ct = "1709112600"`). */
  statement: string;
}

/** The article's time from WeChat's inline scripts (never from a script file, nor from any other variable). */
export function wechatScriptDate(doc: Node): ScriptDate | undefined {
  const scripts = [...descendants(doc)].filter((el) => el.tagName === 'script' && attr(el, 'src') === undefined).map(rawText);
  for (const { pattern, seconds } of SCRIPT_TIMES) {
    for (const script of scripts) {
      const match = pattern.exec(script);
      if (!match) continue;
      const value = match[1]!;
      if (seconds) {
        const n = Number(value);
        if (n >= FIRST_SECOND) return { text: secondsInChina(n), statement: match[0] };
      } else if (parseCourtDate(value)) return { text: value, statement: match[0] };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Author line and account name

export interface WechatByline {
  /** The 作者 the article was published with (a span of `#meta_content`). */
  author?: string;
  /** The account's name (公众号名称, `#js_name`). */
  account?: string;
  /** The meta line, as the page prints it. */
  text: string;
  /** The `#meta_content` element, when there is one: a byline, not body text. */
  el?: Element;
}

/** Parts of `#meta_content` that are not the author: the 原创 tag, the account, the time, the IP region. */
function notAuthor(el: Element): boolean {
  const id = attr(el, 'id') ?? '';
  const cls = attr(el, 'class') ?? '';
  return /^(?:copyright_logo|profileBt|js_name|publish_time|post-date|js_ip_wording_wrp|js_ip_wording|meta_content_hide_info)$/.test(id)
    || /\b(?:meta_original_tag|rich_media_meta_nickname|rich_media_meta_link|appmsg_title_tag)\b/.test(cls);
}

/** The author line and account name of a saved mp.weixin.qq.com page. */
export function wechatByline(doc: Node): WechatByline | undefined {
  const meta = byId(doc, 'meta_content');
  const nameEl = byId(doc, 'js_name') ?? byId(doc, 'post-user');
  const account = nameEl ? normalizeSpace(textContent(nameEl)) : '';
  let author = '';
  if (meta) {
    const authorEl = byId(meta, 'js_author_name') ?? [...descendants(meta)].find((el) => {
      if (el === meta || !/\brich_media_meta_text\b/.test(attr(el, 'class') ?? '')) return false;
      for (let up: Node | null = el; up && up !== meta; up = (up as Element).parentNode as Node | null) if (isElement(up) && notAuthor(up)) return false;
      const text = normalizeSpace(textContent(el));
      return !!text && !parseCourtDate(text);
    });
    author = authorEl ? normalizeSpace(textContent(authorEl)).replace(/^作者\s*[:：]\s*/, '') : '';
  }
  if (!author && !account) return undefined;
  return {
    ...(meta ? { el: meta } : {}),
    ...(author ? { author } : {}),
    ...(account ? { account } : {}),
    text: normalizeSpace([author, account].filter(Boolean).join(' ')),
  };
}

// ---------------------------------------------------------------------------------------------
// Embedded players and cards

/** WeChat's embedded players and cards, what each is, and the attributes that name it. */
const EMBEDS: Array<{ tag: RegExp; what: string; names: string[]; furniture?: boolean }> = [
  { tag: /^(?:mpvideosnap|mp-common-videosnap)$/, what: 'WeChat Channels video (视频号)', names: ['data-desc', 'data-nickname', 'data-url'] },
  { tag: /^(?:mpvoice|mp-common-mpaudio)$/, what: 'WeChat audio', names: ['name', 'data-name', 'data-title'] },
  { tag: /^(?:qqmusic|mp-common-qqmusic)$/, what: 'QQ Music song', names: ['music_name', 'data-music_name', 'data-title'] },
  { tag: /^(?:mp-miniprogram|mp-common-miniprogram)$/, what: 'WeChat mini program card (小程序)', names: ['data-miniprogram-title', 'data-miniprogram-nickname'] },
  { tag: /^(?:mpprofile|mp-common-profile)$/, what: 'WeChat account card (公众号名片)', names: ['data-nickname'], furniture: true },
];

export interface WechatEmbed {
  what: string;
  /** Its title or account, as its attributes give it. */
  name?: string;
  /** An account card: page furniture, not content the article loses. */
  furniture: boolean;
}

/** What a WeChat player or card element (`<mp-common-videosnap>`, `<mpvoice>`…) is; `undefined` for other elements. */
export function wechatEmbed(el: Element): WechatEmbed | undefined {
  const embed = EMBEDS.find((e) => e.tag.test(el.tagName));
  if (!embed) return undefined;
  const name = embed.names.map((n) => normalizeSpace(attr(el, n) ?? '')).find(Boolean);
  return { what: embed.what, ...(name ? { name: name.length > 80 ? `${name.slice(0, 80)}…` : name } : {}), furniture: !!embed.furniture };
}

// ---------------------------------------------------------------------------------------------
// Photos

/**
 * A photo's size from WeChat's `data-w` (the file's width) and `data-ratio` (its height over
 * its width); `width` is the width the page sets in px, when it does. `undefined` when either
 * attribute is missing or not a positive number.
 */
export function wechatImageSize(img: Element, width?: number): { width: number; height: number } | undefined {
  const ratio = Number(attr(img, 'data-ratio'));
  const natural = Number(attr(img, 'data-w'));
  if (!Number.isFinite(ratio) || ratio <= 0) return undefined;
  const w = width ?? (Number.isInteger(natural) && natural > 0 ? natural : undefined);
  if (!w) return undefined;
  const height = Math.round(w * ratio);
  return height > 0 ? { width: w, height } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Furniture

/** Words a follow prompt is made of (点击上方蓝字关注我们, 长按识别二维码关注, 扫码关注我们). */
const FOLLOW_WORDS = /点击|点一下|戳|长按|按住|识别|扫描|扫码|扫一扫|微信|上方|上面|下方|下面|顶部|图中|图片|蓝字|蓝色字体|蓝色字|蓝色|字体|二维码|关注|我们|公众号|本号|即可|一键|欢迎|设为|星标|更多|精彩|内容|获取|了解|第一时间|资讯|follow\s*us|并|和|可|点|加|来|哦|吧/gi;
/** A follow prompt names one of these. */
const FOLLOW_CORE = /关注|二维码|扫码|扫一扫|follow\s*us/i;

/** Words of a share prompt (点个“在看”，你最好看; 分享、点赞、在看). */
const SHARE_WORDS = /分享到|转发到|转发给|分享|转发|收藏|点赞|在看|再看|三连|朋友圈|好友|给更多人|更多人|看到|点个|点一下|点击|一键|记得|别忘了|顺手|支持|鼓励|喜欢|觉得|不错|文章|本文|小编|大家|都在看|你最好看|最好看|好看|你|您|我们|就|请|欢迎|让|给|个|吧|哦|呀|啦|点|赞/g;
/** A share prompt names one of these (分享到朋友圈), or two of 分享 / 收藏 / 转发. */
const SHARE_CORE = /在看|再看|点赞|三连|点个赞|分享到|转发到|转发给|朋友圈/;

const READ_ORIGINAL_WORDS = /阅读原文|点击|点|戳|左下角|下方|文末|底部|查看|了解|获取|进入|下载|报名|访问|观看|浏览|详情|更多|全文|完整|原文|内容|链接|信息|即可|可|以/g;

/** 往期推荐 and its kind, the label of a list of links to other articles. */
const RELATED_LABEL = /^(?:往期推荐|往期回顾|往期精彩|往期精选|往期阅读|往期链接|推荐阅读|相关阅读|延伸阅读|精彩回顾|精彩推荐|热文推荐|近期推荐|近期热文|更多阅读|热门推荐|猜你喜欢)/;
/** Latin words that decorate such a label (往期推荐 RECOMMEND). */
const LABEL_DECORATION = /recommend(?:ed)?|reading|review|previous|hot|news/gi;

/** Punctuation, symbols and spaces: what is left of a prompt once its words are taken out. */
const LEFTOVER = /^[\p{P}\p{S}\s]*$/u;
/** What a line of links may hold besides them: bullets, numbering (▶, 1.). */
const BULLETS = /^[\p{P}\p{S}\s\d]*$/u;
/** A name quoted in a prompt: 关注“临江中院”. */
const QUOTED = /[“"「『《][^”"」』》]{1,20}[”"」』》]/g;

/** Whether `text`, with the quoted names, `words` and punctuation taken out, is empty. */
function madeOf(text: string, words: RegExp): boolean {
  return LEFTOVER.test(text.replace(QUOTED, '').replace(words, ''));
}

export function isFollowPrompt(text: string): boolean {
  return text.length <= 40 && FOLLOW_CORE.test(text) && madeOf(text, FOLLOW_WORDS);
}

export function isSharePrompt(text: string): boolean {
  const actions = new Set(text.match(/分享|收藏|转发/g) ?? []);
  return text.length <= 40 && (SHARE_CORE.test(text) || actions.size >= 2) && madeOf(text, SHARE_WORDS);
}

export function isReadOriginal(text: string): boolean {
  return text.length <= 30 && text.includes('阅读原文') && madeOf(text, READ_ORIGINAL_WORDS);
}

/** — END —, THE END. */
export function isEndMarker(text: string): boolean {
  return /^[\p{P}\p{S}\s]*(?:the\s*)?end[\p{P}\p{S}\s]*$/iu.test(text);
}

/** The 往期推荐 label at the start of `text`, with its decoration; `''` when there is none. */
function relatedLabel(text: string): string {
  const bare = text.replace(LABEL_DECORATION, '').replace(/[\p{P}\p{S}\s]+/gu, '');
  const label = RELATED_LABEL.exec(bare)?.[0];
  return label ? label : '';
}

/** A gif: by `data-type`, WeChat's `wx_fmt=gif`, or the file name. */
function isGif(img: Element): boolean {
  const src = attr(img, 'data-src') ?? attr(img, 'src') ?? '';
  return (attr(img, 'data-type') ?? '').toLowerCase() === 'gif' || /[?&]wx_fmt=gif\b|\.gif(?:[?#]|$)/i.test(src);
}

/** A thin strip (height under a fifth of the width): a divider or banner, not a photo. */
function isStrip(img: Element): boolean {
  const ratio = Number(attr(img, 'data-ratio'));
  if (Number.isFinite(ratio) && ratio > 0) return ratio <= 0.2;
  const w = Number(attr(img, 'width'));
  const h = Number(attr(img, 'height'));
  return w > 0 && h > 0 && h / w <= 0.2;
}

/** Whether an image is square as QR codes are (`data-ratio` or `width` / `height` from 0.8 to 1.25); `undefined` when it does not say. */
function isSquare(img: Element): boolean | undefined {
  let ratio = Number(attr(img, 'data-ratio'));
  if (!(Number.isFinite(ratio) && ratio > 0)) ratio = Number(attr(img, 'height')) / Number(attr(img, 'width'));
  return Number.isFinite(ratio) && ratio > 0 ? ratio >= 0.8 && ratio <= 1.25 : undefined;
}

/** One line of text or one image of the body, in page order. */
interface Item {
  kind: 'text' | 'image';
  el: Element;
  /** For a line: its text, and the text of its links. */
  text: string;
  linkText: string;
  /** Inside an element the page hides (a display:none share box). */
  hidden: boolean;
}

export interface Furniture {
  /** Elements to leave out of the body (their content is no article text). */
  elements: Element[];
  /** What it is, for the note. */
  what: string;
  /** The text dropped with it. */
  text: string;
}

const BLOCKS = new Set([
  'p', 'div', 'section', 'article', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'blockquote', 'center',
  'table', 'tr', 'td', 'th', 'figure', 'figcaption', 'header', 'footer', 'dl', 'dt', 'dd', 'pre',
]);

/**
 * The lines and images of `container`. A line is the text of one block element outside its
 * nested blocks (`<p><span>…</span></p>`); `<br>` does not split it. Elements for which `skip`
 * is true (already read fields) are left out; those `hidden` holds (page furniture the page
 * hides) give lines marked hidden.
 */
function items(container: Element, skip: (el: Element) => boolean, hidden: (el: Element) => boolean): Item[] {
  const out: Item[] = [];
  const open = new Map<Element, Item>();
  const walk = (node: Node, block: Element, inLink: boolean, inHidden: boolean) => {
    if (isText(node)) {
      if (!normalizeSpace(node.value)) return;
      let item = open.get(block);
      if (!item) {
        item = { kind: 'text', el: block, text: '', linkText: '', hidden: inHidden };
        open.set(block, item);
        out.push(item);
      }
      item.text += node.value;
      if (inLink) item.linkText += node.value;
      return;
    }
    if (!isElement(node) || skip(node)) return;
    if (NON_TEXT_TAGS.has(node.tagName)) return;
    const hide = inHidden || hidden(node);
    if (node.tagName === 'img') {
      if (!hide) out.push({ kind: 'image', el: node, text: '', linkText: '', hidden: false });
      return;
    }
    const inner = BLOCKS.has(node.tagName) ? node : block;
    for (const child of children(node)) walk(child, inner, inLink || node.tagName === 'a', hide);
  };
  for (const child of children(container)) walk(child, container, false, false);
  for (const item of out) {
    item.text = normalizeSpace(item.text);
    item.linkText = normalizeSpace(item.linkText);
  }
  return out;
}

/**
 * The element that holds exactly the line `item` and nothing else (no image, no other line):
 * its block, or an inline element inside it. `undefined` when the line shares its element.
 */
function holderOf(item: Item): Element | undefined {
  const wanted = squash(item.text);
  const pure = (el: Element) => squash(textContent(el)) === wanted && ![...descendants(el)].some((d) => d.tagName === 'img' || NON_TEXT_TAGS.has(d.tagName));
  if (pure(item.el)) return item.el;
  const visit = (el: Element): Element | undefined => {
    for (const child of children(el)) {
      if (!isElement(child) || BLOCKS.has(child.tagName)) continue;
      if (pure(child)) return child;
      const inner = visit(child);
      if (inner) return inner;
    }
    return undefined;
  };
  return visit(item.el);
}

/** A line made of links (▶ and numbering around them allowed). */
function isLinkLine(item: Item): boolean {
  if (item.kind !== 'text' || !item.linkText) return false;
  let rest = squash(item.text);
  rest = rest.replace(squash(item.linkText), '');
  return BULLETS.test(rest);
}

/** A line that runs as article text (a sentence or ten characters and more), not a label. */
function isRunningText(item: Item): boolean {
  return item.kind === 'text' && (item.text.length >= 15 || /[。！？!?]$/.test(item.text));
}

/**
 * The WeChat furniture of `container`, each piece with its elements and the text it drops.
 * `skip`: elements already read as fields; `hidden`: elements the page hides, whose lines are
 * checked only so that a hidden share box is named in a note rather than left unmapped.
 */
export function wechatFurniture(container: Element, skip: (el: Element) => boolean, hidden: (el: Element) => boolean): Furniture[] {
  const all = items(container, skip, hidden);
  const found: Furniture[] = [];
  const taken = new Set<Item>();
  const take = (what: string, group: Item[]) => {
    const elements: Element[] = [];
    for (const item of group) {
      const el = item.kind === 'image' ? item.el : holderOf(item);
      if (!el) return;
      elements.push(el);
    }
    for (const item of group) taken.add(item);
    const text = group.filter((i) => i.kind === 'text').map((i) => i.text).join(' ');
    found.push({ elements, what, text });
  };
  const lineKind = (item: Item): string | undefined => {
    if (item.kind !== 'text') return undefined;
    if (isFollowPrompt(item.text)) return /二维码|扫码|扫一扫|长按/.test(item.text) ? 'QR code prompt' : 'follow prompt';
    if (isSharePrompt(item.text)) return 'share prompt';
    if (isReadOriginal(item.text)) return '阅读原文 link';
    if (isEndMarker(item.text)) return 'END marker';
    return undefined;
  };
  // Lines of furniture inside boxes the page hides: named, not walked anyway.
  for (const item of all.filter((i) => i.hidden)) {
    const kind = lineKind(item);
    if (kind) take(`hidden ${kind}`, [item]);
  }
  const seq = all.filter((i) => !i.hidden);
  const firstText = seq.findIndex((i) => isRunningText(i) && !lineKind(i));
  const top = firstText < 0 ? seq.length : firstText;
  const topHasPrompt = seq.slice(0, top).some((i) => lineKind(i) === 'follow prompt' || lineKind(i) === 'QR code prompt');
  // Lines first (a prompt takes the image it stands under), then the images left.
  for (let n = 0; n < seq.length; n++) {
    const item = seq[n]!;
    if (taken.has(item) || item.kind !== 'text') continue;
    const kind = lineKind(item);
    if (kind === 'follow prompt' || kind === 'QR code prompt') {
      // The banner or QR code it stands under (at the top: every image above it), and one it points down to.
      const images: Item[] = [];
      for (let back = n - 1; back >= 0 && seq[back]!.kind === 'image' && !taken.has(seq[back]!); back--) {
        images.unshift(seq[back]!);
        if (n >= top) break;
      }
      // Or the image under it: when the line says so (下方), or when that image is square (a QR
      // code) and the one above, if any, is a photo (not square), which then stays.
      const next = seq[n + 1];
      const nextImage = next?.kind === 'image' && !taken.has(next) ? next : undefined;
      if (nextImage && /下方|下面|下图/.test(item.text)) images.push(nextImage);
      else if (nextImage && kind === 'QR code prompt' && n >= top && isSquare(nextImage.el) && !images.some((i) => isSquare(i.el) !== false)) images.splice(0, images.length, nextImage);
      take(images.length ? `${kind} and its ${kind === 'follow prompt' ? 'banner' : 'QR code'} image` : kind, [...images, item]);
    } else if (kind) take(kind, [item]);
    else n = relatedList(seq, n, take);
  }
  // The gifs of a top banner with a follow prompt, thin divider gifs.
  seq.forEach((item, n) => {
    if (taken.has(item) || item.kind !== 'image' || !isGif(item.el)) return;
    if (n < top && topHasPrompt) take('banner image', [item]);
    else if (isStrip(item.el)) take('divider image', [item]);
  });
  return found;
}

/**
 * A 往期推荐 label at `seq[n]` and the lines of links (and their thumbnails) after it, taken
 * when links follow it, or it holds them, or it ends the body; returns the index of the last
 * item looked at.
 */
function relatedList(seq: Item[], n: number, take: (what: string, group: Item[]) => void): number {
  const item = seq[n]!;
  const label = relatedLabel(item.text);
  if (!label) return n;
  const squashed = squash(item.text);
  const rest = squashed.slice(squashed.indexOf(label) + label.length);
  const inline = !!rest && !!item.linkText && BULLETS.test(rest.replace(squash(item.linkText), ''));
  if (rest && !inline && !LEFTOVER.test(rest.replace(LABEL_DECORATION, ''))) return n;
  const group = [item];
  let m = n + 1;
  const thumbnail = (i: number) => seq[i]?.kind === 'image' && (insideLink(seq[i]!.el) || (!!seq[i + 1] && isLinkLine(seq[i + 1]!)));
  while (m < seq.length && (isLinkLine(seq[m]!) || thumbnail(m))) group.push(seq[m++]!);
  const links = group.filter((i) => i.kind === 'text').length - 1;
  if (links > 0 || inline || m === seq.length) take(`${label} list of links to other articles`, group);
  return m - 1;
}
