/**
 * Registers `<visitor-counter>`. Importing this module is the only side effect of the tag.
 */
import { VisitorCounterElement, type VisitorCounterUpdatedDetail } from '../elements/visitor-counter/visitor-counter.js';
import { defineElement } from '../internal/define-element.js';

export { VisitorCounterElement };
export type { VisitorCounterKind, VisitorCounterState, VisitorCounterUpdatedDetail } from '../elements/visitor-counter/visitor-counter.js';

defineElement('visitor-counter', VisitorCounterElement);

declare global {
  interface HTMLElementTagNameMap {
    'visitor-counter': VisitorCounterElement;
  }
  interface HTMLElementEventMap {
    'visitor-counter-updated': CustomEvent<VisitorCounterUpdatedDetail>;
  }
}
