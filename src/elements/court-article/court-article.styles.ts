import { css } from 'lit';

/**
 * Styles of `<court-article>`. Every size and colour reads a `--court-article-…` custom
 * property that defaults to the shared `--court-…` tokens (see `internal/theme.ts`).
 *
 * Text size: `--_size` is the body text size; everything else is in `em` of it, so the
 * `font-size` attribute (set by `<print-controls>`) scales the whole article without
 * browser zoom.
 */
export const courtArticleStyles = css`
  :host {
    --_base: var(--court-article-font-size, var(--court-font-size, max(1.0625rem, 17px)));
    --_size: var(--_base);
    --_leading: var(--court-article-line-height, var(--_line-height));
    --_article-text: var(--court-article-text, var(--_text));
    --_article-muted: var(--court-article-muted, var(--_muted));
    --_article-accent: var(--court-article-accent, var(--_accent));
    --_article-link: var(--court-article-link, var(--_link));
    --_article-surface: var(--court-article-surface, var(--_surface));
    --_article-border: var(--court-article-border, var(--_border));
    --_highlight: var(--court-article-highlight, #fff1a8);
    display: block;
    box-sizing: border-box;
    max-inline-size: var(--court-article-max-width, max(50rem, 800px));
    margin-inline: auto;
    /* The surface the text colours below are chosen for: a page rule or inline style on the
       host (a 无障碍 toolbar's 黑底黄字 sets background and colour on every element) would put
       our dark text on its black. An !important declaration of the shadow tree wins over the
       page's own; the colour is --court-article-surface's to change. */
    background: var(--_article-surface) !important;
    overflow-wrap: anywhere;
    word-break: normal;
    -webkit-text-size-adjust: 100%;
    text-size-adjust: 100%;
  }

  /* Inherited text properties on the shadow tree's own top-level elements: a page rule that
     matches the host (* { font-size: 12px }) wins over :host, but cannot reach these. */
  :host > * {
    color: var(--_article-text);
    font-family: var(--_font);
    font-size: var(--_size);
    line-height: var(--_leading);
  }

  /* 字号 steps, set by <print-controls> or by hand: large is at least 20 px, x-large 24 px. */
  :host([font-size='small']) {
    --_size: calc(var(--_base) * 0.88);
  }
  :host([font-size='large']) {
    --_size: max(1.25rem, 20px, calc(var(--_base) * 1.18));
  }
  :host([font-size='x-large']) {
    --_size: max(1.5rem, 24px, calc(var(--_base) * 1.41));
  }

  /* 关怀模式: body text at least 7:1, line height at least 1.8, stronger focus ring. */
  :host([care]) {
    --_article-text: var(--court-article-care-text, #000000);
    --_article-muted: var(--court-article-care-text, #000000);
    --_article-link: var(--court-article-care-link, #00307a);
    --_article-accent: var(--court-article-care-accent, #8c0a0e);
    --_article-surface: var(--court-article-care-surface, #ffffff);
    --_article-border: #000000;
    --_leading: var(--court-article-care-line-height, 2);
    --_focus: #000000;
  }
  /* A larger pointer (40 px arrow, black with a white edge) in care mode. */
  :host([care]) {
    cursor:
      url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='40' height='40' viewBox='0 0 20 20'%3E%3Cpath d='M2 1v16l4.5-4.3 3 6.3 2.6-1.2-3-6.2H15z' fill='%23000' stroke='%23fff' stroke-width='1.2' stroke-linejoin='round'/%3E%3C/svg%3E")
        4 2,
      auto;
  }
  :host([care]) a,
  :host([care]) button {
    cursor:
      url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='40' height='40' viewBox='0 0 20 20'%3E%3Cpath d='M2 1v16l4.5-4.3 3 6.3 2.6-1.2-3-6.2H15z' fill='%231a5fb4' stroke='%23fff' stroke-width='1.2' stroke-linejoin='round'/%3E%3C/svg%3E")
        4 2,
      pointer;
  }
  /* In care mode every line of the article, titles and labels too, has at least 1.8 leading. */
  :host([care]) .article :is(h1, h2, h3, h4, p, li, dt, dd, th, td, nav, figcaption, .byline) {
    line-height: max(1.8em, var(--_leading) * 1em);
  }
  :host([care]) :focus-visible {
    outline-width: 4px;
    outline-offset: 3px;
    box-shadow: 0 0 0 7px #ffdd00;
  }
  /* The photos' buttons get the same ring and pointer: the rules above do not reach into
     <photo-caption>'s shadow root (see photo-caption.styles.ts). */
  :host([care]) photo-caption {
    --_photo-caption-focus: #000000;
    --_photo-caption-focus-width: 4px;
    --_photo-caption-focus-offset: 3px;
    --_photo-caption-focus-halo: 0 0 0 7px #ffdd00;
    --_photo-caption-cursor:
      url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='40' height='40' viewBox='0 0 20 20'%3E%3Cpath d='M2 1v16l4.5-4.3 3 6.3 2.6-1.2-3-6.2H15z' fill='%231a5fb4' stroke='%23fff' stroke-width='1.2' stroke-linejoin='round'/%3E%3C/svg%3E")
        4 2,
      pointer;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  .article {
    padding-block: 1em 1.5em;
    padding-inline: 1em;
  }

  a {
    color: var(--_article-link);
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  a:hover {
    color: var(--_article-accent);
  }
  /* Links a reader has to hit rather than read past (breadcrumb, attachments, pager): a target
     of at least 24 × 24 px (WCAG 2.2 target size) at every 字号, the text centred in it so the
     line looks as before. A long label wraps inside its own box. */
  .breadcrumb a,
  .attachments a {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-block-size: 24px;
    min-inline-size: 24px;
    max-inline-size: 100%;
  }
  .pager a {
    min-block-size: 24px;
  }

  /* Status and error */
  /* Status and error line up with the fallback content shown beside them (the old article
     HTML, which sits at the host's edge before and after the element upgrades). The loading
     line's space is padding, not margin: a margin would collapse through the host and push
     the whole element down, and it would move up when the article replaces the line. */
  .status:not(:empty) {
    margin: 0;
    padding-block: 1em;
    color: var(--_article-muted);
  }
  .status:not(:empty)::before {
    content: '';
    display: inline-block;
    inline-size: 0.8em;
    block-size: 0.8em;
    margin-inline-end: 0.5em;
    border: 2px solid var(--_article-accent);
    border-inline-end-color: transparent;
    border-radius: 50%;
    vertical-align: -0.05em;
    animation: spin 0.9s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .status:not(:empty)::before {
      animation: none;
    }
  }

  .error {
    margin-block: 1em;
    margin-inline: 0;
    padding-block: 0.75em;
    padding-inline: 1em;
    border: 1px solid var(--_article-accent);
    border-inline-start-width: 4px;
    border-radius: 4px;
    background: #fdf2f2;
    color: var(--_article-text);
  }
  .error p {
    margin: 0;
  }
  .error p + p {
    margin-block-start: 0.25em;
    color: var(--_article-muted);
    font-size: 0.9em;
  }
  .retry {
    margin-block-start: 0.75em;
    min-block-size: 44px;
    padding-block: 0.35em;
    padding-inline: 1.25em;
    border: 1px solid var(--_article-accent);
    border-radius: 4px;
    background: var(--_article-accent);
    color: var(--_accent-contrast);
    font: inherit;
    cursor: pointer;
  }
  .retry:hover {
    filter: brightness(0.9);
  }

  /* Breadcrumb */
  .breadcrumb {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em;
    margin-block-end: 1.25em;
    padding-block-end: 0.5em;
    border-block-end: 1px solid var(--_article-border);
    color: var(--_article-muted);
    font-size: 0.875em;
    line-height: 1.6;
  }
  .breadcrumb ol {
    display: flex;
    flex-wrap: wrap;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .breadcrumb li + li::before {
    content: '>' / '';
    margin-inline: 0.4em;
    color: var(--_article-muted);
  }
  .breadcrumb a {
    color: inherit;
  }
  .breadcrumb [aria-current] {
    color: var(--_article-text);
  }

  /* Heading group */
  header {
    text-align: center;
  }
  .kicker,
  .subtitle {
    margin-block: 0.25em;
    margin-inline: 0;
    color: var(--_article-text);
    font-size: 1.05em;
    line-height: 1.5;
  }
  h1 {
    margin-block: 0.25em;
    margin-inline: 0;
    color: var(--_article-accent);
    font-size: var(--court-article-title-size, 1.6em);
    font-weight: 700;
    line-height: 1.4;
  }

  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: 0 1.5em;
    margin-block: 0.75em 1.25em;
    padding-block: 0.5em;
    border-block: 1px solid var(--_article-border);
  }
  .byline {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 0.25em 1.25em;
    margin: 0;
    color: var(--_article-muted);
    font-size: 0.875em;
    line-height: 1.6;
  }
  /* The controls have a line of their own under the byline, centred: a row that changes
     width (its 朗读 note shown or gone) never moves the byline. Without controls that line
     is empty and takes no space. */
  .controls {
    display: flex;
    flex: 1 0 100%;
    justify-content: center;
  }
  ::slotted([slot='controls']) {
    margin-block-start: 0.5em;
  }
  .controls:empty {
    display: none;
  }

  /* Body */
  .body {
    text-align: start;
  }
  /* The photos' text follows the article's 字号 (see photo-caption.styles.ts). */
  photo-caption {
    --_photo-caption-base: 1em;
  }
  .body p {
    margin-block: 0 1em;
    margin-inline: 0;
    text-indent: var(--court-article-indent, 2em);
  }
  .body p[data-align] {
    text-indent: 0;
    /* A court's name on two lines breaks in two even halves, not before its last character. */
    text-wrap: balance;
  }
  .body p[data-align='center'] {
    text-align: center;
  }
  .body p[data-align='end'] {
    text-align: end;
  }
  .body h2,
  .body h3,
  .body h4 {
    margin-block: 1.5em 0.75em;
    margin-inline: 0;
    line-height: 1.5;
    color: var(--_article-text);
  }
  .body h2 {
    font-size: 1.2em;
    padding-inline-start: 0.6em;
    border-inline-start: 4px solid var(--_article-accent);
  }
  .body h3 {
    font-size: 1.1em;
  }
  .body h4 {
    font-size: 1em;
  }
  /* Videos: the box has the shape nearest the data's width and height (data-ratio) before
     anything loads, and keeps it when the still or the file arrives (no natural size wins). */
  .video {
    margin-block: 1.25em;
    margin-inline: 0;
    text-align: center;
  }
  .video video {
    display: block;
    inline-size: 100%;
    block-size: auto;
    max-block-size: 80vh;
    aspect-ratio: 16 / 9;
    object-fit: contain;
    background: #000;
  }
  .video video[data-ratio='4-3'] {
    aspect-ratio: 4 / 3;
  }
  .video video[data-ratio='1-1'] {
    aspect-ratio: 1;
  }
  /* Upright videos are no wider than their shape allows at 80 % of the window's height. */
  .video video[data-ratio='3-4'] {
    aspect-ratio: 3 / 4;
    max-inline-size: calc(80vh * 3 / 4);
    margin-inline: auto;
  }
  .video video[data-ratio='9-16'] {
    aspect-ratio: 9 / 16;
    max-inline-size: calc(80vh * 9 / 16);
    margin-inline: auto;
  }
  /* The still, for paper only (a printed player shows its controls over its poster). */
  .video .still {
    display: none;
  }
  .video figcaption {
    margin-block-start: 0.5em;
    color: var(--_article-muted);
    font-size: 0.9375em;
    line-height: 1.6;
    overflow-wrap: anywhere;
  }
  .video .marker {
    color: var(--_article-accent);
    margin-inline-end: 0.15em;
  }
  .body .video-failed {
    margin-block: 0.5em 0;
    text-indent: 0;
  }
  .body .video-failed:empty {
    margin: 0;
  }
  .html-block {
    margin-block-end: 1em;
    max-inline-size: 100%;
    overflow-x: auto;
  }
  .html-block p {
    text-indent: 0;
  }
  .html-block img {
    max-inline-size: 100%;
    block-size: auto;
  }
  /* Tables keep numbers (case numbers, amounts) whole and scroll inside .html-block instead. */
  .html-block table {
    border-collapse: collapse;
    overflow-wrap: normal;
  }
  .html-block th,
  .html-block td {
    padding-block: 0.25em;
    padding-inline: 0.5em;
    border: 1px solid var(--_article-border);
    vertical-align: top;
  }
  .html-block pre {
    white-space: pre-wrap;
  }
  [data-reading] {
    background: var(--_highlight);
    box-shadow: 0 0 0 0.25em var(--_highlight);
    border-radius: 2px;
  }

  /* Editor, attachments, pager */
  .editor {
    margin-block: 1.5em 0;
    text-align: end;
    color: var(--_article-muted);
    font-size: 0.9em;
  }
  .attachments {
    margin-block-start: 1.5em;
    padding-block: 0.75em;
    padding-inline: 1em;
    border: 1px solid var(--_article-border);
    border-radius: 4px;
  }
  .attachments h2 {
    margin: 0 0 0.5em;
    font-size: 1em;
  }
  .attachments ul,
  .pager ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .attachments li + li {
    margin-block-start: 0.35em;
  }
  .size {
    margin-inline-start: 0.5em;
    color: var(--_article-muted);
    font-size: 0.875em;
  }
  .pager {
    margin-block-start: 1.5em;
    padding-block-start: 0.75em;
    border-block-start: 1px solid var(--_article-border);
    font-size: 0.95em;
  }
  /* A long title wraps under itself, not under the 上一篇: label. */
  .pager li {
    display: flex;
    align-items: baseline;
  }
  .pager .label {
    flex: none;
  }
  .pager a {
    min-inline-size: 0;
  }
  .pager li + li {
    margin-block-start: 0.35em;
  }
  .label {
    color: var(--_article-muted);
  }

  @media (max-width: 480px) {
    .article {
      padding-inline: 0.75em;
    }
    h1 {
      font-size: var(--court-article-title-size, 1.4em);
    }
  }

  @media print {
    :host,
    :host([care]) {
      --_article-text: #000;
      --_article-muted: #000;
      --_article-link: #000;
      --_article-accent: #000;
      max-inline-size: none;
      color: #000;
      background: none !important;
    }
    .article {
      padding: 0;
    }
    .meta {
      border-block-end: 0;
    }
    .controls,
    .retry,
    .status,
    .video-failed {
      display: none;
    }
    /* On paper a video is its still, or its caption alone: no player, no empty box. */
    .video video {
      display: none;
    }
    .video .still {
      display: block;
      max-inline-size: 100%;
      max-block-size: 12cm;
      margin-inline: auto;
      object-fit: contain;
    }
    a {
      text-decoration: none;
    }
    h1,
    .body h2,
    .body h3,
    .body h4 {
      break-after: avoid;
      page-break-after: avoid;
    }
    .body p {
      orphans: 3;
      widows: 3;
    }
    photo-caption,
    figure,
    table,
    img {
      break-inside: avoid;
      page-break-inside: avoid;
    }
    .html-block {
      overflow: visible;
    }
    .error,
    .attachments,
    [data-reading] {
      background: none;
      box-shadow: none;
    }
    .pager {
      display: none;
    }
  }
`;
