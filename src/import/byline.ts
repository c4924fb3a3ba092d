/**
 * Reads the byline: 作者 / 来源 / 发布时间 / 责任编辑 lines, the date printed near the title,
 * and where the byline fields go in the article.
 */
import { parseCourtDate } from './date.js';
import { type Element, type Node, children, contains, descendants, isElement, isText, NON_TEXT_TAGS, normalizeSpace, squash, textContent } from './dom.js';
import { type Ctx, issue } from './context.js';
import { BYLINE_STOP, CHROME_LINE, KEPT_INLINE, labelHits, WEEKDAY } from './vocabulary.js';
import { isChromeTag, isFooterBox } from './chrome.js';
import { textWithout } from './title.js';

export interface Byline {
  author?: string;
  source?: string;
  date?: string;
  editor?: string;
  /** Text of the byline that is not a label or a value (print links, font size controls…). */
  rest: string;
  /** Counters and controls with labels of their own (浏览次数：356, 字号：). */
  ignored: string[];
  /** Labelled values the contract has no room for (a second 作者：), quoted with their label. */
  dropped: string[];
}

/** Reads labelled values out of one line of text; `undefined` when it holds no label. */
export function readByline(raw: string): Byline | undefined {
  const text = raw.replace(/[\u00a0\u3000]/g, ' ');
  const hits = labelHits(text);
  if (!hits.length) return undefined;
  const out: Byline = { ignored: [], dropped: [], rest: '' };
  const rest: string[] = [];
  // Text before the first label: an unlabelled date ("2024-01-15 10:30 | 来源：…", "[2024-01-10]").
  const lead = text.slice(0, hits[0]!.start);
  const leadDate = parseCourtDate(lead);
  if (leadDate) {
    out.date = leadDate.matched;
    rest.push(lead.replace(leadDate.matched, ' ').replace(/[[\]]/g, ' '));
  } else rest.push(lead);
  const credits: string[] = [];
  hits.forEach((hit, n) => {
    const end = n + 1 < hits.length ? hits[n + 1]!.start : text.length;
    let value = text.slice(hit.end, end);
    let tail = '';
    const stop = BYLINE_STOP.exec(value);
    if (stop) {
      tail = value.slice(stop.index);
      value = value.slice(0, stop.index);
    }
    const gap = /\s{2,}/.exec(value.trim());
    if (gap) {
      const trimmed = value.trim();
      tail = trimmed.slice(gap.index) + tail;
      value = trimmed.slice(0, gap.index);
    }
    value = normalizeSpace(value).replace(/^[(（【[]+|[)）】\]]+$/g, '').trim();
    if (hit.field === 'date') {
      const parsed = parseCourtDate(value);
      if (!parsed) {
        // 时间：上午九时 is a sentence of the article, not a publication date.
        rest.push(text.slice(hit.start, end));
        return;
      }
      const after = normalizeSpace(value.slice(value.indexOf(parsed.matched) + parsed.matched.length)).replace(WEEKDAY, '').trim();
      if (after) tail = `${after} ${tail}`;
      value = parsed.matched;
    }
    if (hit.field === 'ignore') {
      out.ignored.push(normalizeSpace(text.slice(hit.start, end)));
      return;
    }
    const label = normalizeSpace(text.slice(hit.start, hit.end)).replace(/\s*[:：]$/, '');
    if (hit.field === 'credit') {
      if (value) credits.push(`${label} ${value}`);
    } else if (value && out[hit.field] === undefined) out[hit.field] = value;
    else if (value && out[hit.field] !== value) out.dropped.push(`${label}：${value}`);
    if (normalizeSpace(tail)) rest.push(normalizeSpace(tail));
  });
  if (credits.length) out.author = [out.author, ...credits].filter(Boolean).join(' ');
  out.rest = normalizeSpace(rest.join(' ').replace(/[(（【[)）】\]|｜]/g, ' '));
  return out;
}

/** Byline elements: the smallest elements that hold labels, short and made mostly of them. */
export function findBylines(ctx: Ctx, root: Node): Array<{ el: Element; byline: Byline }> {
  const out: Array<{ el: Element; byline: Byline }> = [];
  const visit = (el: Element) => {
    if (NON_TEXT_TAGS.has(el.tagName) || ctx.consumed.has(el)) return;
    if (isChromeTag(el) && el.tagName !== 'header') return;
    if (isFooterBox(el)) return;
    // Element boundaries separate values: <span>作者：陈明</span><span>来源：…</span>.
    const text = spacedText(el);
    const hits = labelHits(text.replace(/[\u00a0\u3000]/g, ' '));
    if (!hits.length) return;
    const fields = new Set(hits.map((h) => h.field));
    const normalized = normalizeSpace(text);
    const childEls = children(el).filter(isElement);
    const holder = childEls.find((c) => {
      const ch = labelHits(spacedText(c).replace(/[\u00a0\u3000]/g, ' '));
      return ch.length && [...fields].every((f) => ch.some((h) => h.field === f));
    });
    if (normalized.length > 200 || holder || containsConsumed(ctx, el)) {
      childEls.forEach(visit);
      return;
    }
    const byline = readByline(text);
    if (!byline) return;
    const valueLength = [byline.author, byline.source, byline.date, byline.editor].join('').length;
    if (valueLength === 0) return;
    // Anything else on the line must be page controls: "时间：… 地点：本院第一法庭" is article text.
    if (byline.rest && !CHROME_LINE.test(byline.rest)) return;
    out.push({ el, byline });
  };
  for (const el of children(root).filter(isElement)) visit(el);
  return out;
}

/** The text of an element with a space at each element boundary (skipping non-text elements). */
export function spacedText(el: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (isText(node)) {
      parts.push(node.value);
      return;
    }
    if (!isElement(node) || NON_TEXT_TAGS.has(node.tagName)) return;
    const inline = KEPT_INLINE.has(node.tagName) || node.tagName === 'font' || node.tagName === 'a';
    if (!inline) parts.push(' ');
    children(node).forEach(walk);
    if (!inline) parts.push(' ');
  };
  walk(el);
  return parts.join('');
}

export function dateNearTitle(ctx: Ctx, titleEl: Element | undefined): { date: string; text: string; consumed?: boolean } | undefined {
  let near = titleEl?.parentNode as Node | null | undefined;
  if (!titleEl || !near || !isElement(near)) return undefined;
  // Not a date in the title itself (本院訂於113年3月15日舉辦法律講座公告 names an event).
  const title = new Set([titleEl]);
  let found = parseCourtDate(textWithout(near, title));
  // A title alone in its box (a table row of its own): the date may be in the next row, right
  // after the title, a level or two up.
  for (let up = 0; !found && up < 2 && normalizeSpace(textContent(near)) === normalizeSpace(textContent(titleEl)); up++) {
    const outer = near.parentNode as Node | null;
    if (!outer || !isElement(outer) || outer.tagName === 'body') break;
    const text = squash(textContent(outer));
    const date = parseCourtDate(text);
    const heading = squash(textContent(titleEl));
    const at = text.indexOf(heading);
    if (date && at >= 0 && text.indexOf(squash(date.matched)) - at - heading.length <= 20) {
      near = outer;
      found = parseCourtDate(textWithout(outer, title));
    } else break;
  }
  if (!found) return undefined;
  let line: Element | undefined;
  for (const el of descendants(near)) if (!contains(titleEl, el) && squash(textContent(el)).includes(squash(found.matched))) line = el;
  if (!line) return { date: found.matched, text: found.matched };
  // Widen to the whole line while it stays short: the date's <span> and its neighbours.
  while (line.parentNode && line.parentNode !== near && isElement(line.parentNode as Node)) {
    const up = line.parentNode as Element;
    if (normalizeSpace(textContent(up)).length > 60) break;
    line = up;
  }
  const text = normalizeSpace(spacedText(line));
  if (text.length <= 60 && !/[。；;！!？?]$/.test(text) && !ctx.consumed.has(line)) {
    ctx.consumed.add(line);
    ctx.accounted.push(text);
    return { date: found.matched, text, consumed: true };
  }
  return { date: found.matched, text };
}

export type BylineFields = Pick<Byline, 'author' | 'source' | 'date' | 'editor'>;

/**
 * Takes the fields of one byline line into `into` (the first value of each field wins) and
 * reports what was read; a labelled value that has no field, or whose field is already taken,
 * is a warning quoting it.
 */
export function takeByline(ctx: Ctx, into: BylineFields, b: Byline, text: string): void {
  ctx.accounted.push(text);
  const keys = ['author', 'source', 'date', 'editor'] as const;
  const dropped = [...b.dropped];
  for (const key of keys) {
    const value = b[key];
    if (!value) continue;
    if (!into[key]) into[key] = value;
    else if (into[key] !== value) dropped.push(value);
  }
  const fields = keys.filter((k) => b[k]).map((k) => (k === 'date' ? 'publishedAt' : k));
  const chrome = [b.rest, ...b.ignored].filter(Boolean).join(' ');
  issue(ctx, {
    code: 'byline-read',
    severity: 'info',
    path: fields.join(', '),
    message: `byline: ${fields.join(', ')} read from "${text}"${chrome ? `; "${chrome}" is not article data and is dropped` : ''}`,
    text,
  });
  if (dropped.length) {
    issue(ctx, {
      code: 'byline-dropped',
      severity: 'warning',
      path: 'byline',
      message: `byline: "${dropped.join('", "')}" in "${text}" has no field of its own in the article (or the field is already read); not imported`,
      text: dropped.join(' '),
    });
  }
}

export function containsConsumed(ctx: Ctx, el: Element): boolean {
  for (const c of ctx.consumed) if (c !== el && contains(el, c)) return true;
  return false;
}
