/**
 * Entry of `dist/court-widgets.after-paint.js`, the script tag of pages pre-rendered by
 * `court-widgets render --bundle`.
 *
 * Such a page is complete and styled before any script runs. Loaded by a plain module script
 * tag, the one-file bundle is fetched, compiled and run right after the page is parsed,
 * before its first paint whenever it arrives in time, and so delays the article. This small
 * module instead imports `court-widgets.min.js` from its own folder (with its own query
 * string, so a version parameter carries over) only after the first painted frame
 * (`internal/next-paint.ts`); the elements then hydrate.
 */
import { afterNextPaint, markWaitedForPaint } from './internal/next-paint.js';

const bundle = new URL(`./court-widgets.min.js${new URL(import.meta.url).search}`, import.meta.url).href;
// A module script runs once the page is parsed; one added by a script may run before.
const parsed = document.readyState !== 'loading';

void afterNextPaint()
  .then(() => {
    // The bundle then hydrates at once: the page has been painted.
    if (parsed) markWaitedForPaint();
    return import(/* webpackIgnore: true */ bundle);
  })
  .catch((error: unknown) => {
    console.warn(`court-widgets: could not load ${bundle}; the pre-rendered page stays as it is, without its buttons.`, error);
  });
