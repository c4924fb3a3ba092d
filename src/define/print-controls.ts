/**
 * Registers `<print-controls>`. Importing this module is the only side effect of the tag.
 */
import { PrintControlsElement } from '../elements/print-controls/print-controls.js';
import type { PrintControlsChangedDetail } from '../elements/print-controls/print-controls.js';
import { defineElement } from '../internal/define-element.js';

export { PrintControlsElement };
export type { PrintControlsChangedDetail };

defineElement('print-controls', PrintControlsElement);

declare global {
  interface HTMLElementTagNameMap {
    'print-controls': PrintControlsElement;
  }
  interface HTMLElementEventMap {
    'print-controls-changed': CustomEvent<PrintControlsChangedDetail>;
  }
}
