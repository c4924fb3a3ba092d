/**
 * Reads videos and old players: <video>, <embed>, <object>, <iframe> and <audio>, Flash
 * players' flashvars and query parameters, and says why a file cannot be played.
 */
import { isSafeUrl } from '../internal/url.js';
import { type Element, type Node, attr, children, isElement } from './dom.js';
import type { Ctx } from './context.js';
import { ATTACHMENT_HREF, FLASHVARS_FILE, FLASHVARS_POSTER, MEDIA_TAGS, PLAYABLE_VIDEO, PLAYER_PARAMS, PLUGIN_VIDEO, QUERY_FILE, VIDEO_FILE } from './vocabulary.js';

/** What a media element shows, as the page writes it. */
interface MediaFile {
  /** A video file browsers play, for a video block. */
  video?: string;
  /** The still shown before playing. */
  poster?: string;
  /** The address the element shows, to name in a warning when it cannot be imported. */
  address?: string;
}

export function nonBlank(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Whether the path of `url` (without query and fragment) ends as `file` says. */
function fileIs(url: string, file: RegExp): boolean {
  return file.test(url.split(/[?#]/)[0]!);
}

/**
 * The first of the attributes `names` that holds an address: lazy-loading scripts keep the real
 * one in `data-src` / `data-original` (`data-poster`), with a `data:` placeholder or nothing in `src`.
 */
export function lazyAddress(el: Element, names: readonly string[]): string | undefined {
  return names.map((name) => nonBlank(attr(el, name))).find((value) => value && !value.startsWith('data:'));
}

/** Whether the path of `url` names a file browsers play, or, for an address that is not a Flash player, a `filename=` / `file=` / `url=` value of its query does (`downfile.jsp?classid=0&filename=1.mp4`). */
function servesPlayable(url: string): boolean {
  if (fileIs(url, PLAYABLE_VIDEO)) return true;
  if (fileIs(url, /\.swf$/i)) return false;
  const query = url.split('#')[0]!.split('?').slice(1).join('?');
  return variables(query).some(([name, value]) => QUERY_FILE.has(name) && fileIs(value, PLAYABLE_VIDEO));
}

/**
 * The document a frame or player shows instead of a video: a PDF, Word or other attachment
 * file (`<iframe src="/a.pdf">`, `<embed type="application/pdf" src>`), or one a viewer or a
 * download script names in its query (`viewer.html?file=/a.pdf`, `down.php?file=a.pdf`,
 * kept whole: the script serves the file). `file` is the document's own address or name.
 */
export function shownDocument(address: string | undefined): { href: string; file: string } | undefined {
  if (!address) return undefined;
  if (fileIs(address, ATTACHMENT_HREF)) return { href: address, file: address };
  const query = address.split('#')[0]!.split('?').slice(1).join('?');
  const file = variables(query).find(([name, value]) => QUERY_FILE.has(name) && fileIs(value, ATTACHMENT_HREF))?.[1];
  return file ? { href: address, file } : undefined;
}

/** The file a `<video>`, `<embed>` or `<object>` plays when a video block can play it; the address of anything else. */
export function mediaFile(el: Element): MediaFile {
  if (el.tagName === 'video') {
    const src = lazyAddress(el, ['src', 'data-src', 'data-original']) ?? bestSource(el);
    return { video: src, poster: lazyAddress(el, ['poster', 'data-poster']), address: src };
  }
  if (el.tagName === 'embed' || el.tagName === 'object') return playerFile(el);
  const source = children(el).find((c): c is Element => isElement(c) && c.tagName === 'source' && !!nonBlank(attr(c, 'src')));
  return { address: nonBlank(attr(el, 'src')) ?? nonBlank(attr(el, 'data-src')) ?? (source && nonBlank(attr(source, 'src'))) };
}

/**
 * The `<source>` of a `<video>` that browsers play best: MP4 (by its `type`, or by the file
 * name when it has none), then WebM, then the first; sources with unsafe URLs are passed
 * over. When every source is unsafe, the first, so that it is reported.
 */
function bestSource(video: Element): string | undefined {
  const all = children(video).filter((c): c is Element => isElement(c) && c.tagName === 'source' && !!nonBlank(attr(c, 'src')));
  const rank = (source: Element) => {
    const type = (attr(source, 'type') ?? '').split(';')[0]!.trim().toLowerCase();
    const src = attr(source, 'src')!;
    if (type ? type === 'video/mp4' : fileIs(src, /\.(?:mp4|m4v)$/i)) return 0;
    if (type ? type === 'video/webm' : fileIs(src, /\.webm$/i)) return 1;
    return 2;
  };
  const safe = all.filter((source) => isSafeUrl(attr(source, 'src')!.trim()));
  const best = safe.reduce<Element | undefined>((found, source) => (!found || rank(source) < rank(found) ? source : found), undefined) ?? all[0];
  return best && nonBlank(attr(best, 'src'));
}

/** A `flashvars` value, URL-decoded when it is encoded. */
function flashVariable(value: string): string | undefined {
  try {
    return nonBlank(decodeURIComponent(value));
  } catch {
    return nonBlank(value);
  }
}

/** The `name=value` pairs of `flashvars` or a query string: names in lower case, values decoded, blank ones left out. */
function variables(list: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const pair of list.split('&')) {
    const [key = '', ...rest] = pair.split('=');
    const value = rest.length ? flashVariable(rest.join('=')) : undefined;
    if (value) out.push([key.trim().toLowerCase(), value]);
  }
  return out;
}

/**
 * The video file of an old player: `<embed src>`, `<object data>`, a `<param name="movie">`
 * (or `src`, `url`, `filename`), a download address whose query names the file
 * (`downfile.jsp?…&filename=1.mp4`), or the file variable of a Flash player (`file=`, `url=`,
 * `vurl=`, ckplayer's `f=`, `vcastr_file=`, `CuPlayerFile=`, in any case; in `flashvars`, or in
 * the player's query string: `player.swf?file=/v/1.mp4`), else any variable whose value is an
 * MP4 or WebM file; also of an `<embed>` inside the `<object>`. Only MP4 and WebM make a video;
 * the address named otherwise is the video file (an .flv), else the player.
 */
function playerFile(el: Element): MediaFile {
  const direct: string[] = [];
  const flashvars: string[] = [];
  const visit = (player: Element) => {
    for (const value of [attr(player, 'src'), attr(player, 'data')]) if (nonBlank(value)) direct.push(value!.trim());
    if (nonBlank(attr(player, 'flashvars'))) flashvars.push(attr(player, 'flashvars')!);
    for (const child of children(player)) {
      if (!isElement(child)) continue;
      if (child.tagName === 'embed' || child.tagName === 'object') visit(child);
      const value = nonBlank(attr(child, 'value'));
      if (child.tagName !== 'param' || !value) continue;
      const name = (attr(child, 'name') ?? '').trim().toLowerCase();
      if (name === 'flashvars') flashvars.push(value);
      else if (PLAYER_PARAMS.has(name)) direct.push(value);
    }
  };
  visit(el);
  const files: string[] = [];
  const others: string[] = [];
  let poster: string | undefined;
  for (const list of [...flashvars, ...direct.map((d) => d.split('?')[1] ?? '')]) {
    for (const [name, value] of variables(list)) {
      if (FLASHVARS_FILE.has(name)) files.push(value);
      else if (FLASHVARS_POSTER.has(name)) poster ??= value;
      else others.push(value);
    }
  }
  const candidates = [...direct, ...files];
  const video = candidates.find(servesPlayable) ?? others.find((value) => fileIs(value, PLAYABLE_VIDEO));
  return { video, poster, address: video ?? candidates.find((c) => fileIs(c, VIDEO_FILE)) ?? direct[0] };
}

/** An address quoted for the webmaster in a message: resolved against `--base-url`, cut at 120 characters. */
export function shownAddress(ctx: Ctx, address: string | undefined): string {
  let shown = address;
  if (shown && ctx.baseUrl && isSafeUrl(shown)) {
    try {
      shown = new URL(shown, ctx.baseUrl).href;
    } catch {
      // Kept as the page writes it.
    }
  }
  return shown ? `"${shown.length > 120 ? `${shown.slice(0, 120)}…` : shown}"` : 'no address';
}

/**
 * Why browsers do not play what an old player shows, after the file's type (its extension):
 * Flash, Windows Media, RealMedia, or the type itself (.avi); else after the player's `type` or
 * `classid`; `''` when neither says.
 */
function unplayableReason(el: Element, address: string | undefined): string {
  const extension = /\.(\w+)$/.exec((address ?? '').split(/[?#]/)[0]!)?.[1]?.toLowerCase() ?? '';
  const byFile = PLUGIN_VIDEO.find((p) => p.extension.test(extension));
  if (byFile) return ` (browsers play no ${byFile.kind})`;
  if (VIDEO_FILE.test(`.${extension}`)) return ` (browsers play no .${extension} file)`;
  const player = `${attr(el, 'type') ?? ''} ${attr(el, 'classid') ?? ''}`.toLowerCase();
  const byPlayer = PLUGIN_VIDEO.find((p) => p.player.test(player));
  return byPlayer ? ` (browsers play no ${byPlayer.kind})` : '';
}

/** Why a media element is not imported, naming its address (resolved against `--base-url`) for the webmaster. */
export function unsupportedMedia(ctx: Ctx, el: Element, address: string | undefined, at: string): string {
  const where = shownAddress(ctx, address);
  switch (el.tagName) {
    case 'iframe':
      return `${at}: the frame <iframe> of ${where} (a player or page of another site) has no block type in the contract; not imported`;
    case 'audio':
      return `${at}: the <audio> of ${where} has no block type in the contract; not imported`;
    case 'video':
      return `${at}: a <video> with no file (no src, no <source>) is not imported`;
    default:
      return `${at}: the <${el.tagName}> player of ${where} plays no MP4 or WebM file${unplayableReason(el, address)}; not imported`;
  }
}

/** The photos and videos of a `<figure>`, in order (not the fallback content inside a player). */
export function figureMedia(figure: Element): Element[] {
  const found: Element[] = [];
  const visit = (node: Node) => {
    if (!isElement(node)) return;
    if (node.tagName === 'img' || (MEDIA_TAGS.has(node.tagName) && mediaFile(node).video)) found.push(node);
    else if (!MEDIA_TAGS.has(node.tagName)) children(node).forEach(visit);
  };
  children(figure).forEach(visit);
  return found;
}
