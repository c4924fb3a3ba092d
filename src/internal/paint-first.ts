/**
 * Imported by the script-tag bundles before the elements are registered.
 *
 * On a page pre-rendered with declarative shadow DOM (`court-widgets render`), the article is
 * complete and styled before any script runs; hydrating it at once would hold the page's
 * first paint for the whole hydration whenever the bundle arrives before that paint (on an
 * old office PC, a few hundred milliseconds). So when the page already holds pre-rendered
 * elements, they are registered, and hydrated, right after the next painted frame. A hidden
 * page paints nothing: it registers at once, and so does a page that turns hidden meanwhile.
 * A page can also be visible and get no frame at all (a cross-origin frame scrolled out of
 * view gets none until it is scrolled to): after FRAME_WAIT_LIMIT it registers anyway.
 *
 * A classic script in <head> runs before the body is parsed, finds nothing pre-rendered and
 * registers at once, as before.
 */
import { holdDefinitions } from './define-element.js';

const TAGS = 'court-article, court-footer, print-controls, visitor-counter, photo-caption';

/** The longest wait for a frame, in ms; past it, hydrating first is what the page did anyway. */
export const FRAME_WAIT_LIMIT = 1000;

function hasPreRendered(): boolean {
  for (const element of document.querySelectorAll(TAGS)) {
    if (element.shadowRoot && !customElements.get(element.localName)) return true;
  }
  return false;
}

function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => resolve();
    document.addEventListener('visibilitychange', done, { once: true });
    // The frame's rendering runs after its animation-frame callbacks; a task queued from one
    // runs once that frame has been painted.
    requestAnimationFrame(() => setTimeout(done, 0));
    setTimeout(done, FRAME_WAIT_LIMIT);
  });
}

if (typeof document !== 'undefined' && document.visibilityState === 'visible' && hasPreRendered()) {
  holdDefinitions(afterNextPaint());
}

export {};
