/**
 * Imported by the script-tag bundles before the elements are registered.
 *
 * On a page pre-rendered with declarative shadow DOM (`court-widgets render`), the article is
 * complete and styled before any script runs; hydrating it at once would hold the page's
 * first paint for the whole hydration whenever the bundle arrives before that paint (on an
 * old office PC, a few hundred milliseconds). So when the page already holds pre-rendered
 * elements, they are registered, and hydrated, right after the next painted frame
 * (`afterNextPaint`: at once on a hidden page, and after at most FRAME_WAIT_LIMIT), unless
 * the after-paint loader has waited for that frame already.
 *
 * A classic script in <head> runs before the body is parsed, finds nothing pre-rendered and
 * registers at once, as before.
 */
import { holdDefinitions } from './define-element.js';
import { afterNextPaint, waitedForPaint } from './next-paint.js';

const TAGS = 'court-article, court-footer, print-controls, visitor-counter, photo-caption';

function hasPreRendered(): boolean {
  for (const element of document.querySelectorAll(TAGS)) {
    if (element.shadowRoot && !customElements.get(element.localName)) return true;
  }
  return false;
}

// Loaded by `court-widgets.after-paint.js`, the page has already been painted: no second wait.
if (typeof document !== 'undefined' && document.visibilityState === 'visible' && !waitedForPaint() && hasPreRendered()) {
  holdDefinitions(afterNextPaint());
}

export {};
