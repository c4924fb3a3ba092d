/**
 * Reads the 当前位置 trail (breadcrumb) of a page: a labelled or classed list of links, or a
 * plain 首页 > … line.
 */
import type { BreadcrumbItem } from '../model/types.js';
import { type Element, type Node, attr, children, descendants, isElement, isText, nameTokens, NON_TEXT_TAGS, normalizeSpace, textContent } from './dom.js';
import { type Ctx, resolveUrl } from './context.js';
import { BREADCRUMB_LABEL, BREADCRUMB_TOKENS, CRUMB_SEPARATORS, PLAIN_TRAIL } from './vocabulary.js';
import { isAccessKeyAnchor } from './chrome.js';

export function findBreadcrumb(ctx: Ctx, doc: Node): BreadcrumbItem[] | undefined {
  let found: Element | undefined;
  for (const el of descendants(doc)) {
    if (NON_TEXT_TAGS.has(el.tagName)) continue;
    const text = normalizeSpace(textContent(el));
    if (text.length > 300 || !BREADCRUMB_LABEL.test(text)) continue;
    found = el; // keep descending: the deepest element that still starts with the label wins
  }
  if (!found) {
    const elements = [...descendants(doc)].filter((el) => !NON_TEXT_TAGS.has(el.tagName));
    const trail = (el: Element) => PLAIN_TRAIL.test(normalizeSpace(textContent(el)));
    found = elements.find((el) => nameTokens(el).some((t) => BREADCRUMB_TOKENS.has(t)) && normalizeSpace(textContent(el)).length <= 300)
      ?? elements.find((el) => trail(el) && !children(el).some((c) => isElement(c) && trail(c)));
    if (!found) return undefined;
  }
  // The label may sit in a sibling element before the links: widen to the parent when the
  // element holds the label alone (not when it holds a trail of plain-text items).
  const labelOnly = !normalizeSpace(textContent(found)).replace(BREADCRUMB_LABEL, '').trim();
  if (labelOnly && !findLinks(found).length && found.parentNode && isElement(found.parentNode as Node)) {
    const parent = found.parentNode as Element;
    if (normalizeSpace(textContent(parent)).length <= 300) found = parent;
  }
  ctx.consumed.add(found);
  const items: BreadcrumbItem[] = [];
  const walk = (node: Node) => {
    if (isElement(node)) {
      if (NON_TEXT_TAGS.has(node.tagName) || isAccessKeyAnchor(node)) return;
      if (node.tagName === 'a') {
        const label = normalizeSpace(textContent(node)).replace(BREADCRUMB_LABEL, '').trim();
        if (label) {
          const href = resolveUrl(ctx, attr(node, 'href'), `breadcrumb[${items.length}].href`, 'link');
          items.push(href ? { label, href } : { label });
        }
        return;
      }
      children(node).forEach(walk);
      return;
    }
    if (isText(node)) {
      const text = normalizeSpace(node.value).replace(BREADCRUMB_LABEL, '');
      for (const part of text.split(/\s*(?:>>|>|›|»|→|\/|\\|＞)\s*/)) {
        const label = part.trim();
        if (!label || CRUMB_SEPARATORS.test(label)) continue;
        items.push({ label });
      }
    }
  };
  children(found).forEach(walk);
  ctx.accounted.push(normalizeSpace(textContent(found)));
  return items.length ? items : undefined;
}

export function findLinks(el: Element): Element[] {
  return [...descendants(el)].filter((d) => d.tagName === 'a');
}
