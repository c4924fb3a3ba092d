import { css } from 'lit';

export const visitorCounterStyles = css`
  :host {
    display: inline-block;
    /* Space is reserved while the number loads, so nothing around it moves. */
    min-inline-size: var(--visitor-counter-min-width, 10em);
    min-block-size: 1.5em;
    min-block-size: 1lh;
    vertical-align: baseline;
    color: var(--visitor-counter-text, var(--_text));
    font-size: var(--visitor-counter-font-size, inherit);
  }
  /* The sentence takes the size of the text around it, never under 16 px: a page rule that
     matches the host (* { font-size: 12px; line-height: 1 }) wins over :host, but cannot
     reach the shadow tree's own top-level element. */
  :host > * {
    font-size: var(--visitor-counter-font-size, max(1em, 16px));
    line-height: var(--visitor-counter-line-height, 1.7);
  }
  :host([state='loading']),
  :host([state='hidden']) {
    visibility: hidden;
  }
  /* 关怀模式: black text and a dark red number on white, whatever the colour properties or a
     page rule on the host say (an !important declaration of the shadow tree wins over the
     page's own): text 21:1, number and digits #8c0a0e on white 9.7:1. */
  :host([care]) {
    color: #000000 !important;
    background-color: #ffffff !important;
  }
  :host([care]) .number,
  :host([care]) [part~='digit'] {
    color: #8c0a0e;
  }
  :host([care]) [part~='digit'] {
    border-color: #000000;
    background: #ffffff;
  }
  .number {
    color: var(--visitor-counter-number-color, var(--_accent));
    font-weight: var(--visitor-counter-number-weight, 700);
    font-variant-numeric: tabular-nums;
    unicode-bidi: isolate;
    direction: ltr;
  }
  .digits {
    display: inline-flex;
    gap: var(--visitor-counter-digit-gap, 0.125em);
    vertical-align: baseline;
  }
  [part~='digit'] {
    display: inline-block;
    min-inline-size: 1.25em;
    padding: 0 0.125em;
    text-align: center;
    border: var(--visitor-counter-digit-border, 1px solid var(--_border));
    border-radius: var(--visitor-counter-digit-radius, 3px);
    background: var(--visitor-counter-digit-background, var(--_surface));
    color: var(--visitor-counter-digit-color, var(--_accent));
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media print {
    [part~='digit'] {
      border-color: currentColor;
    }
  }
`;
