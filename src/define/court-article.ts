/**
 * Registers `<court-article>` (and `<photo-caption>`, which it renders images with).
 * Importing this module is the only side effect of the tags.
 */
import { CourtArticleElement } from '../elements/court-article/court-article.js';
import type { CourtArticleFailedDetail, CourtArticleLoadedDetail } from '../elements/court-article/court-article.js';
import './photo-caption.js';
import { defineElement } from '../internal/define-element.js';

export { CourtArticleElement };
export type { CourtArticleFailedDetail, CourtArticleFontSize, CourtArticleLoadedDetail } from '../elements/court-article/court-article.js';

defineElement('court-article', CourtArticleElement);

declare global {
  interface HTMLElementTagNameMap {
    'court-article': CourtArticleElement;
  }
  interface HTMLElementEventMap {
    'court-article-loaded': CustomEvent<CourtArticleLoadedDetail>;
    'court-article-failed': CustomEvent<CourtArticleFailedDetail>;
  }
}
