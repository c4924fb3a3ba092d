/**
 * Registers `<photo-caption>`. Importing this module is the only side effect of the tag.
 */
import { PhotoCaptionElement } from '../elements/photo-caption/photo-caption.js';

export { PhotoCaptionElement };

const tag = 'photo-caption';
if (!customElements.get(tag)) {
  customElements.define(tag, PhotoCaptionElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'photo-caption': PhotoCaptionElement;
  }
}
