/**
 * Registers `<visitor-counter>`. Importing this module is the only side effect of the tag.
 */
import { VisitorCounterElement, type VisitorCounterUpdatedDetail } from '../elements/visitor-counter/visitor-counter.js';

export { VisitorCounterElement };
export type { VisitorCounterKind, VisitorCounterState, VisitorCounterUpdatedDetail } from '../elements/visitor-counter/visitor-counter.js';

const tag = 'visitor-counter';
if (!customElements.get(tag)) {
  customElements.define(tag, VisitorCounterElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'visitor-counter': VisitorCounterElement;
  }
  interface HTMLElementEventMap {
    'visitor-counter-updated': CustomEvent<VisitorCounterUpdatedDetail>;
  }
}
