/**
 * Registers `<court-footer>`. Importing this module is the only side effect of the tag.
 */
import { CourtFooterElement } from '../elements/court-footer/court-footer.js';

export { CourtFooterElement };

const tag = 'court-footer';
if (!customElements.get(tag)) {
  customElements.define(tag, CourtFooterElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'court-footer': CourtFooterElement;
  }
}
