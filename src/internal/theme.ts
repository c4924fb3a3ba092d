import { css } from 'lit';

/**
 * Shared design tokens. Every element reads its own `--<tag>-…` custom properties, which
 * default to these `--court-…` tokens, so a site can theme all elements at once or one alone.
 *
 * Sizes are in `rem`/`em` so that the reader's browser text size is honoured; the 字号
 * control of `<print-controls>` sets `--court-font-size` on the article.
 */
export const tokens = css`
  :host {
    --_accent: var(--court-accent, #b0191e);
    --_accent-contrast: var(--court-accent-contrast, #ffffff);
    --_text: var(--court-text, #1f1f1f);
    --_muted: var(--court-muted, #595959);
    --_surface: var(--court-surface, #ffffff);
    --_border: var(--court-border, #d9d9d9);
    --_link: var(--court-link, #0b4f9c);
    --_focus: var(--court-focus, #1a5fb4);
    --_font: var(
      --court-font-family,
      system-ui, -apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei',
      'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Noto Sans Arabic',
      'Microsoft Uighur', sans-serif
    );
    --_font-size: var(--court-font-size, 1.0625rem);
    --_line-height: var(--court-line-height, 1.8);
  }
  :host([hidden]) {
    display: none !important;
  }
`;

/** A visible focus ring for interactive parts, kept in forced-colors mode. */
export const focusRing = css`
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
`;
