// Plain HTML of an article in the JSON contract, without any element: what an old CMS page
// holds. Used for demo/inline.html's light-DOM fallback and for the benchmark's static page.
// Build-time code over the project's own data: text is escaped, `html` fields are reduced to
// their text (no markup from data is copied through here).

const entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => entities[c]);
}

/** The text of an inline-HTML field, tags removed and the common entities decoded. */
export function htmlToText(html) {
  return String(html ?? '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Only the URL forms the contract keeps; anything else becomes an empty string. */
export function safeHref(url) {
  const value = String(url ?? '').trim();
  if (/^(https?:|mailto:|tel:)/i.test(value)) return value;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return '';
  return value;
}

/** `2024-02-28T20:54:53+08:00` -> `2024-02-28 20:54:53`, the wall time of its own offset. */
export function wallTime(iso) {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)/.exec(String(iso ?? ''));
  return m ? `${m[1]} ${m[2].length === 5 ? `${m[2]}:00` : m[2]}` : String(iso ?? '');
}

/** Every body text of the article in reading order (titles, paragraphs, headings, captions). */
export function articleTexts(article) {
  const texts = [article.kicker, article.title, article.subtitle];
  for (const block of article.body ?? []) {
    if (block.type === 'paragraph') texts.push(block.text ?? htmlToText(block.html));
    else if (block.type === 'heading') texts.push(block.text);
    else if (block.type === 'image') texts.push(block.caption);
    else if (block.type === 'html') texts.push(htmlToText(block.html));
  }
  return texts.map((t) => (t ?? '').trim()).filter(Boolean);
}

/**
 * The article as plain, styled-by-the-host HTML: breadcrumb, title, byline, body, editor.
 * @param {object} article parsed contract JSON
 * @param {{ imageBase?: string }} [options] prefix for relative image URLs
 */
export function articleFallbackHtml(article, { imageBase = '' } = {}) {
  const out = [];
  const crumbs = article.breadcrumb ?? [];
  if (crumbs.length) {
    out.push(
      `<p class="fallback-breadcrumb">当前位置:${crumbs
        .map((c) => `<a href="${escapeHtml(safeHref(c.href))}">${escapeHtml(c.label)}</a>`)
        .join(' &gt; ')}</p>`,
    );
  }
  if (article.kicker) out.push(`<p class="fallback-kicker">${escapeHtml(article.kicker)}</p>`);
  out.push(`<h1>${escapeHtml(article.title)}</h1>`);
  if (article.subtitle) out.push(`<p class="fallback-subtitle">${escapeHtml(article.subtitle)}</p>`);
  const byline = [];
  if (article.author) byline.push(`作者:${escapeHtml(article.author)}`);
  if (article.source) byline.push(`来源:${escapeHtml(article.source)}`);
  byline.push(
    `发布时间:<time datetime="${escapeHtml(article.publishedAt)}">${escapeHtml(wallTime(article.publishedAt))}</time>`,
  );
  out.push(`<p class="fallback-byline">${byline.join('  ')}</p>`);
  for (const block of article.body ?? []) {
    if (block.type === 'paragraph') {
      out.push(`<p>${escapeHtml(block.text ?? htmlToText(block.html))}</p>`);
    } else if (block.type === 'heading') {
      const level = [2, 3, 4].includes(block.level) ? block.level : 2;
      out.push(`<h${level}>${escapeHtml(block.text)}</h${level}>`);
    } else if (block.type === 'image') {
      const src = safeHref(block.src);
      const rel = src && !/^([a-z][a-z0-9+.-]*:|\/)/i.test(src) ? imageBase + src : src;
      const size = block.width && block.height ? ` width="${Number(block.width)}" height="${Number(block.height)}"` : '';
      out.push(
        `<figure><img src="${escapeHtml(rel)}" alt="${escapeHtml(block.alt ?? block.caption ?? '')}"${size}>` +
          (block.caption ? `<figcaption>▲${escapeHtml(block.caption)}</figcaption>` : '') +
          '</figure>',
      );
    } else if (block.type === 'html') {
      out.push(`<div>${escapeHtml(htmlToText(block.html))}</div>`);
    }
  }
  if (article.editor) out.push(`<p class="fallback-editor">责任编辑:${escapeHtml(article.editor)}</p>`);
  return out.join('\n');
}

/** JSON for an inline `<script type="application/json">`: `<` escaped so no `</script>` ends it. */
export function inlineJson(value) {
  return JSON.stringify(value, null, 2)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
