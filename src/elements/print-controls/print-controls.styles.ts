import { css, unsafeCSS } from 'lit';

/** A 40 px arrow cursor for 关怀模式 (a data: URL: no request leaves the page). */
export const largeCursor =
  `url("data:image/svg+xml,${encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40">' +
      '<path d="M4 2 L4 34 L12 26 L18 38 L24 35 L18 23 L30 23 Z" fill="#000" stroke="#fff" stroke-width="2.5" stroke-linejoin="round"/>' +
      '</svg>',
  )}") 4 2, auto`;


/** A 40 px pointing hand for links and buttons in 关怀模式. */
export const largePointer =
  `url("data:image/svg+xml,${encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40">' +
      '<path d="M13 3.5a2.5 2.5 0 0 1 5 0V16l1-.2V13a2.5 2.5 0 0 1 5 0v3l1 .2V15a2.5 2.5 0 0 1 5 0v2.5l1 .3a2.5 2.5 0 0 1 4.5 1.5V27c0 6-4 10-10 10h-5c-3.5 0-5.5-1.5-7.5-4.5L6 24a2.6 2.6 0 0 1 4-3.3l3 3.3Z" fill="#000" stroke="#fff" stroke-width="2" stroke-linejoin="round"/>' +
      '</svg>',
  )}") 15 2, pointer`;

/**
 * The 关怀模式 cursors of the controls, from the constants above: a sheet of its own, from a plain
 * string. Values inside a css`` literal are joined by Lit with Array.prototype.reduce, which old
 * page libraries replace (Prototype 1.6.0's returns the array itself), and the whole sheet of the
 * controls would be lost with it.
 */
const careCursors = unsafeCSS(
  `:host([care]) { cursor: ${largeCursor}; } :host([care]) button { cursor: ${largePointer}; }`,
);

/** The controls' own (shadow) styles: no values inside the css`` literal (see `careCursors`). */
const ownStyles = css`
  :host {
    --_pc-accent: var(--print-controls-accent, var(--_accent));
    --_pc-accent-contrast: var(--print-controls-accent-contrast, var(--_accent-contrast));
    --_pc-text: var(--print-controls-text, var(--_text));
    --_pc-surface: var(--print-controls-surface, var(--_surface));
    --_pc-border: var(--print-controls-border, #767676);
    --_pc-focus: var(--print-controls-focus, var(--_focus));
    --_pc-radius: var(--print-controls-radius, 6px);
    display: block;
  }
  /* Pre-rendered (declarative shadow DOM) and not defined yet, or JavaScript off: the buttons
     would do nothing. They keep their space, so nothing moves when the element is defined,
     but are hidden from sight, pointer, keyboard and screen readers until then. The host is
     hidden too: the row may be narrower once defined (the server's 朗读 note gone), and a
     centred row that is visible would then be seen to move. */
  :host(:not(:defined)),
  :host(:not(:defined)) > * {
    visibility: hidden;
  }
  /* On the shadow tree's own elements: a page rule matching the host wins over :host. */
  :host > * {
    font-family: var(--_font);
    font-size: var(--print-controls-font-size, max(1rem, 16px));
    line-height: 1.4;
    color: var(--_pc-text);
  }
  :host([care]) {
    /* A darker red: white on it is 9.7:1 (the default accent gives 6.99:1). */
    --_pc-accent: var(--print-controls-accent, #8c0a0e);
    --_pc-text: var(--print-controls-text, #000000);
    --_pc-surface: var(--print-controls-surface, #ffffff);
    --_pc-border: var(--print-controls-border, #000000);
    --_pc-focus: var(--print-controls-focus, #000000);
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
    margin: 0;
    padding: 0;
  }
  .group {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em;
  }
  .label {
    margin-inline-end: 0.25em;
  }
  button {
    box-sizing: border-box;
    min-inline-size: 44px;
    min-block-size: 44px;
    margin: 0;
    padding-block: 0.375em;
    padding-inline: 0.75em;
    border: 1px solid var(--_pc-border);
    border-radius: var(--_pc-radius);
    background: var(--_pc-surface);
    color: var(--_pc-text);
    font: inherit;
    line-height: 1.2;
    cursor: pointer;
    touch-action: manipulation;
  }
  :host([care]) button {
    border-width: 2px;
  }
  :host([care]) button:disabled {
    cursor: not-allowed;
  }
  button:hover:not(:disabled) {
    border-color: var(--_pc-accent);
  }
  button[aria-pressed='true'] {
    background: var(--_pc-accent);
    border-color: var(--_pc-accent);
    color: var(--_pc-accent-contrast);
    font-weight: 700;
  }
  button:disabled {
    cursor: not-allowed;
    border-style: dashed;
    color: #595959;
  }
  button:focus-visible {
    outline: 3px solid var(--_pc-focus);
    outline-offset: 2px;
  }
  :host([care]) button:focus-visible {
    outline: 4px solid var(--_pc-focus);
    outline-offset: 3px;
    box-shadow: 0 0 0 9px #ffd400;
  }
  .note {
    font-size: 0.875em;
    color: var(--print-controls-note-color, #595959);
    max-inline-size: 18em;
  }
  :host([care]) .note {
    color: #000000;
    font-size: 1em;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  @media (forced-colors: active) {
    button[aria-pressed='true'] {
      outline: 3px solid CanvasText;
      outline-offset: -5px;
    }
  }
  @media print {
    :host {
      display: none !important;
    }
  }
`;

export const printControlsStyles = [ownStyles, careCursors];

/** Selector of an element whose text size and care mode a `<print-controls>` drives. */
const TARGET = '[data-print-controls-target]';
/** Plain (non court-article) targets: the rules reach into their light DOM. */
const PLAIN = `${TARGET}:not(court-article)`;
const SIZED = `${PLAIN}:is([font-size='small'], [font-size='large'], [font-size='x-large'])`;
const CARE = `${TARGET}[care]`;

/**
 * Document-level rules for the targets of `<print-controls>`, injected once.
 *
 * A `<court-article>` scales and recolours itself from its `font-size` and `care` attributes;
 * in 关怀模式 every target also gets high-contrast `--court-…` colour tokens for the elements
 * inside it (e.g. `<photo-caption>`) and a large cursor. A plain element such as an
 * `<article>` written by a CMS is styled directly: the chosen size on its text (overriding the
 * small fixed sizes old CMS content carries; never below 15, 20 and 24 px for 小, 大 and 特大, also on
 * pages that shrink the root font size, e.g. `html { font-size: 62.5% }`), and in 关怀模式 black text on white, line height
 * 1.9, underlined links, a strong focus ring and a large cursor. The paragraph being read aloud
 * is marked `data-court-reading` (and the `reading` part inside a shadow tree).
 */
export const targetCss = `
${PLAIN}[font-size='small'] { --court-font-size: max(0.9375rem, 15px) !important; }
${PLAIN}[font-size='medium'] { --court-font-size: max(1.0625rem, 17px) !important; }
${PLAIN}[font-size='large'] { --court-font-size: max(1.25rem, 20px) !important; }
${PLAIN}[font-size='x-large'] { --court-font-size: max(1.5rem, 24px) !important; }
${SIZED} {
  font-size: var(--court-font-size) !important;
  overflow-wrap: anywhere;
  max-width: 100%;
  box-sizing: border-box;
}
${SIZED} :is(p, li, dd, dt, td, th, blockquote, figcaption, caption, pre, code, span, font, a,
  div, section, strong, b, em, i, u, small, big, label) {
  font-size: inherit !important;
}
${SIZED} h1 { font-size: 1.6em !important; }
${SIZED} h2 { font-size: 1.35em !important; }
${SIZED} h3 { font-size: 1.2em !important; }
${SIZED} :is(h4, h5, h6) { font-size: 1.05em !important; }
${SIZED} :is(img, video, svg, iframe, table) { max-width: 100% !important; }
${SIZED} :is(img, video) { height: auto !important; }
${SIZED} table { display: block; overflow-x: auto; }
${SIZED} pre { white-space: pre-wrap !important; }
${CARE} {
  --court-text: #000000 !important;
  --court-muted: #1f1f1f !important;
  --court-surface: #ffffff !important;
  --court-link: #00328c !important;
  --court-focus: #000000 !important;
  --court-line-height: 2 !important;
  cursor: ${largeCursor} !important;
}
${CARE} * { cursor: inherit !important; }
${CARE} :is(a[href], button, summary, label, select, [role='button'], [role='link'], [tabindex]:not([tabindex='-1'])) {
  cursor: ${largePointer} !important;
}
${PLAIN}[care] {
  color: #000000 !important;
  background-color: #ffffff !important;
  line-height: 1.9 !important;
}
${PLAIN}[care] * {
  color: #000000 !important;
  background-color: transparent !important;
  line-height: 1.9 !important;
  text-shadow: none !important;
}
${PLAIN}[care] a { color: #00328c !important; text-decoration: underline !important; }
${PLAIN}[care] :focus-visible {
  outline: 4px solid #000000 !important;
  outline-offset: 3px !important;
  box-shadow: 0 0 0 9px #ffd400 !important;
}
${TARGET} [data-court-reading][data-court-reading], ${TARGET}::part(reading) {
  background-color: #fff0a6 !important;
  color: #000000 !important;
  outline: 3px solid #b0191e !important;
  outline-offset: 2px;
  scroll-margin-block: 30vh;
}
@media print {
  ${TARGET} [data-court-reading][data-court-reading], ${TARGET}::part(reading) {
    background: none !important;
    outline: none !important;
  }
}
`;
