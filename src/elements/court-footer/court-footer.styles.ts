import { css } from 'lit';

/**
 * Styles of `<court-footer>`. Every colour and size reads a `--court-footer-…` custom
 * property that defaults to the shared `--court-…` tokens (see `internal/theme.ts`). Only
 * logical properties (inline/block) are used, so the layout mirrors under `dir="rtl"`.
 */
export const courtFooterStyles = css`
  :host {
    --_footer-text: var(--court-footer-text, var(--_text));
    --_footer-muted: var(--court-footer-muted, var(--_muted));
    --_footer-link: var(--court-footer-link, var(--_link));
    --_footer-hotline: var(--court-footer-hotline-color, var(--_accent));
    --_footer-hotline-background: var(--court-footer-hotline-background, var(--_surface));
    display: block;
    color: var(--_footer-text);
    background: var(--court-footer-background, #f5f3f0);
    border-block-start: var(--court-footer-border-width, 3px) solid var(--court-footer-accent, var(--_accent));
    font-family: var(--_font);
  }

  /* 关怀模式: black on white, whatever the colour properties or a page rule on the host say
     (an !important declaration of the shadow tree wins over the page's own). Lowest contrast
     of any text: the hotline, #8c0a0e on white, 9.7:1; muted #1f1f1f 16.5:1, links #00328c
     11.4:1, the retry button white on #8c0a0e 9.7:1, the error box #5f1411 on #fdecea 11.5:1. */
  :host([care]) {
    --_footer-text: #000000;
    --_footer-muted: #1f1f1f;
    --_footer-link: #00328c;
    --_footer-hotline: #8c0a0e;
    --_footer-hotline-background: #ffffff;
    --_accent: #8c0a0e;
    --_accent-contrast: #ffffff;
    --_focus: #000000;
    color: #000000 !important;
    background: #ffffff !important;
  }

  :host([care]) :focus-visible {
    outline-width: 4px;
    outline-offset: 3px;
  }

  :host([care]) .error {
    border-inline-start-color: #b3261e;
    background: #fdecea;
    color: #5f1411;
  }

  /* Text size and leading on the shadow tree's own top-level elements: a page rule that
     matches the host (* { font-size: 12px; line-height: 1 }) wins over :host, but cannot
     reach these. Never under 16 px, even when the page shrinks rem (html { font-size: 62.5% }).
     Lengths below are in em of this size, so the layout keeps its proportions too. */
  :host > * {
    font-family: var(--_font);
    font-size: var(--court-footer-font-size, max(1rem, 16px));
    line-height: var(--court-footer-line-height, 1.7);
  }

  .footer {
    box-sizing: border-box;
    max-inline-size: var(--court-footer-max-width, 72em);
    margin-inline: auto;
    padding-block: 1.5em;
    padding-inline: 1em;
    text-align: start;
  }

  a {
    color: var(--_footer-link);
    text-decoration: underline;
    text-underline-offset: 0.15em;
    overflow-wrap: anywhere;
  }

  a:hover {
    text-decoration-thickness: 2px;
  }

  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 1em;
    margin-block-end: 1em;
  }

  .name {
    margin: 0;
    font-size: 1.1875em;
    font-weight: 700;
  }

  .hotline {
    display: inline-flex;
    flex-direction: column;
    gap: 0.125em;
    padding-block: 0.5em;
    padding-inline: 1em;
    border: 2px solid var(--_footer-hotline);
    border-radius: 6px;
    background: var(--_footer-hotline-background);
    color: var(--_footer-hotline);
    text-decoration: none;
    min-block-size: 44px;
    box-sizing: border-box;
  }

  .hotline-label {
    font-size: 0.9375em;
    font-weight: 700;
  }

  .hotline-number {
    font-size: var(--court-footer-hotline-size, 1.75em);
    font-weight: 700;
    line-height: 1.2;
    letter-spacing: 0.04em;
    font-variant-numeric: tabular-nums;
  }

  .hotline-hint {
    font-size: 0.875em;
    color: var(--_footer-muted);
  }

  .hotline:hover .hotline-number,
  .hotline:focus-visible .hotline-number {
    text-decoration: underline;
  }

  .links ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1.25em;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .links a {
    display: inline-block;
    padding-block: 0.5em;
  }

  .columns {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 20em), 1fr));
    gap: 1em 2em;
    margin-block-start: 1em;
    padding-block-start: 1em;
    border-block-start: 1px solid var(--court-footer-rule, var(--_border));
  }

  dl {
    margin: 0;
  }

  .row {
    display: flex;
    flex-wrap: wrap;
    column-gap: 0.25em;
    margin-block-end: 0.375em;
  }

  dt {
    color: var(--_footer-muted);
  }

  dd {
    margin: 0;
  }

  .phone a {
    display: inline-block;
    min-block-size: 24px;
  }

  .legal p {
    margin-block: 0 0.375em;
    margin-inline: 0;
  }

  .filing {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1.25em;
  }

  /* A filing number is read and copied as one unit: it does not break inside. */
  .filing a {
    white-space: nowrap;
    overflow-wrap: normal;
  }

  ::slotted([slot='counter']) {
    display: block;
    margin-block-end: max(0.5em, 8px);
  }

  .status,
  .error {
    margin: 0;
    padding-block: 0.75em;
    padding-inline: 1em;
  }

  .error {
    overflow-wrap: anywhere;
    border-inline-start: 4px solid var(--court-footer-error, #b3261e);
    background: var(--court-footer-error-background, #fdecea);
    color: var(--court-footer-error-text, #5f1411);
  }

  .error p {
    margin: 0;
  }

  .error button {
    margin-block-start: 0.5em;
    min-block-size: 44px;
    padding-inline: 1em;
    font: inherit;
    color: var(--_accent-contrast);
    background: var(--_accent);
    border: 0;
    border-radius: 4px;
    cursor: pointer;
  }

  @media print {
    :host {
      background: none;
      border-block-start-color: currentColor;
    }
    .hotline {
      border-color: currentColor;
      color: inherit;
    }
    a {
      color: inherit;
    }
  }

  @media (forced-colors: active) {
    .hotline {
      border-color: CanvasText;
    }
  }
`;
