/**
 * Pre-rendered elements (`court-widgets render`, Lit SSR) reach the browser with a declarative
 * shadow root, which Lit hydrates: it takes that DOM as the output of the element's first
 * render and writes none of its values. An element whose first render in the browser would
 * differ from the server's (a stored choice, the reader's voices, a button that needs script)
 * renders the server's view first and its own in the update right after.
 */
import { isServer } from 'lit';
import type { ReactiveElement } from 'lit';

/**
 * Whether `element`, connecting now, is about to hydrate the shadow root the server rendered:
 * it has one before its first update, where an element rendered in the browser gets its own
 * only in its first connection. Call it before `super.connectedCallback()`.
 */
export function hydratesServerDom(element: ReactiveElement): boolean {
  return !isServer && !element.hasUpdated && element.shadowRoot !== null;
}
