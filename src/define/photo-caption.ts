/**
 * Registers `<photo-caption>`. Importing this module is the only side effect of the tag.
 */
import { PhotoCaptionElement } from '../elements/photo-caption/photo-caption.js';
import { defineElement } from '../internal/define-element.js';

export { PhotoCaptionElement };

defineElement('photo-caption', PhotoCaptionElement);

declare global {
  interface HTMLElementTagNameMap {
    'photo-caption': PhotoCaptionElement;
  }
}
