/**
 * Registers `<court-footer>`. Importing this module is the only side effect of the tag.
 */
import { CourtFooterElement } from '../elements/court-footer/court-footer.js';
import { defineElement } from '../internal/define-element.js';

export { CourtFooterElement };

defineElement('court-footer', CourtFooterElement);

declare global {
  interface HTMLElementTagNameMap {
    'court-footer': CourtFooterElement;
  }
}
