/**
 * The classes and types of court-widgets. Importing this module registers nothing: register
 * the elements with `court-widgets/define.js` (all of them) or `court-widgets/define/<tag>.js`
 * (one), or define a subclass under a tag of your own.
 */
export type * from './model/types.js';

export { CourtArticleElement } from './elements/court-article/court-article.js';
export type {
  CourtArticleFailedDetail,
  CourtArticleFontSize,
  CourtArticleLoadedDetail,
} from './elements/court-article/court-article.js';

export { CourtFooterElement } from './elements/court-footer/court-footer.js';

export { PhotoCaptionElement } from './elements/photo-caption/photo-caption.js';

export { PrintControlsElement } from './elements/print-controls/print-controls.js';
export type { FontSize, PrintControlsChangedDetail } from './elements/print-controls/print-controls.js';

export { VisitorCounterElement } from './elements/visitor-counter/visitor-counter.js';
export type {
  VisitorCounterKind,
  VisitorCounterState,
  VisitorCounterUpdatedDetail,
} from './elements/visitor-counter/visitor-counter.js';

// The page-wide language of every element, and locales a site adds (docs/localization.md).
export { getCourtLocale, loadLocale, registerLocale, setCourtLocale } from './internal/localize.js';
export type { RegisterLocaleOptions, TextDirection } from './internal/localize.js';
