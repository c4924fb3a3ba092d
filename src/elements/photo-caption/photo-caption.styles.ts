import { css } from 'lit';

/**
 * Styles of `<photo-caption>`. Every colour and size reads a `--photo-caption-…` custom
 * property that defaults to the shared `--court-…` tokens (see `internal/theme.ts`).
 */
export const photoCaptionStyles = css`
  :host {
    display: block;
    margin-block: 1.25em;
    margin-inline: 0;
    color: var(--photo-caption-text, var(--_text));
    font-family: var(--_font);
    max-inline-size: 100%;
  }

  /* On its own in a page, the text of the shadow tree's top-level element is never under
     16 px: a page rule that matches the host (* { font-size: 12px }) wins over :host, but
     cannot reach it. Inside <court-article> it follows the article's 字号 instead. */
  :host > * {
    font-family: var(--_font);
    font-size: var(--_photo-caption-base, max(1em, 16px));
  }

  figure {
    margin: 0;
    text-align: center;
  }

  .frame {
    display: inline-block;
    max-inline-size: 100%;
    vertical-align: top;
  }

  button.open {
    display: block;
    inline-size: 100%;
    padding: 0;
    margin: 0;
    border: 0;
    background: none;
    color: inherit;
    font: inherit;
    cursor: var(--_photo-caption-cursor, zoom-in);
    border-radius: var(--photo-caption-radius, 4px);
  }
  /* Pre-rendered, before the script has run: the picture only. */
  button.open:disabled {
    cursor: auto;
  }

  /* The focus ring of the buttons. Inside <court-article> in 关怀模式 the article sets the
     --_photo-caption-focus… and --_photo-caption-cursor properties on its photos, so that they
     get the same ring (4 px black outline, 3 px offset, yellow halo) and the same large pointer
     as everything else in the article: the article's rules do not reach into this shadow root,
     and the --_focus it sets in that mode is redefined on this host by the shared tokens. */
  :focus-visible {
    outline-color: var(--_photo-caption-focus, var(--_focus));
    outline-width: var(--_photo-caption-focus-width, 3px);
    outline-offset: var(--_photo-caption-focus-offset, 2px);
    box-shadow: var(--_photo-caption-focus-halo, none);
  }

  /* With width and height attributes the image has its size and proportions before it loads,
     with or without script (server-rendered pages): the attributes set its width, capped by
     the frame; a percentage width inside the shrink-wrapping frame would collapse it to
     nothing until the image arrives. */
  img {
    display: block;
    max-inline-size: 100%;
    block-size: auto;
    border-radius: var(--photo-caption-radius, 4px);
    background: var(--photo-caption-placeholder, #f0f0f0);
  }

  img.photo:not([width]) {
    inline-size: 100%;
  }

  /* Once loaded, the image's own ratio sizes its box (aspect-ratio: auto W / H, from the
     attributes); should a box of another shape ever hold it, the whole picture is shown in
     it, never stretched. */
  img.photo {
    object-fit: contain;
  }

  .broken {
    display: flex;
    align-items: center;
    justify-content: center;
    box-sizing: border-box;
    inline-size: 100%;
    min-block-size: 6em;
    padding: 1em;
    border: 1px solid var(--_border);
    border-radius: var(--photo-caption-radius, 4px);
    background: var(--photo-caption-placeholder, #f0f0f0);
    color: var(--_muted);
    font-size: 0.95em;
    line-height: 1.6;
    overflow-wrap: anywhere;
  }

  figcaption {
    margin-block-start: 0.5em;
    color: var(--photo-caption-caption-color, var(--_muted));
    font-size: var(--photo-caption-caption-size, 0.9375em);
    line-height: 1.6;
    overflow-wrap: anywhere;
  }

  .marker {
    color: var(--photo-caption-marker-color, var(--_accent));
    margin-inline-end: 0.15em;
  }

  dialog {
    box-sizing: border-box;
    max-inline-size: min(96vw, 1600px);
    max-block-size: 96vh;
    padding: 0.75em;
    border: 0;
    border-radius: 6px;
    background: var(--_surface);
    color: var(--_text);
  }

  dialog::backdrop {
    background: rgb(0 0 0 / 0.8);
  }

  .full {
    display: block;
    max-inline-size: 100%;
    max-block-size: calc(96vh - 6em);
    inline-size: auto;
    block-size: auto;
    margin-inline: auto;
    object-fit: contain;
    background: none;
  }

  .dialog-bar {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 1em;
    margin-block-start: 0.5em;
  }

  .dialog-caption {
    margin: 0;
    text-align: start;
    color: var(--_text);
    line-height: 1.6;
    overflow-wrap: anywhere;
  }

  .close {
    flex: none;
    min-block-size: 44px;
    min-inline-size: 44px;
    padding-block: 0.4em;
    padding-inline: 1em;
    border: 1px solid var(--_accent);
    border-radius: 4px;
    background: var(--_accent);
    color: var(--_accent-contrast);
    font: inherit;
    cursor: var(--_photo-caption-cursor, pointer);
  }

  @media print {
    :host {
      break-inside: avoid;
      page-break-inside: avoid;
      color: #000;
    }
    img,
    .broken {
      background: none;
    }
    figcaption {
      color: #000;
    }
    button.open {
      cursor: auto;
    }
    dialog {
      display: none;
    }
  }

  @media (forced-colors: active) {
    .broken {
      border-color: CanvasText;
    }
  }
`;
