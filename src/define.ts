/**
 * Registers every element of the package. Import it once for its side effect:
 *
 * ```js
 * import 'court-widgets/define.js';
 * ```
 *
 * Each tag is registered only if the page has not registered it already, so loading this
 * next to a script-tag bundle, or twice, is harmless. To register one element, import its
 * own file instead: `court-widgets/define/court-article.js`.
 */
import './define/court-article.js';
import './define/court-footer.js';
import './define/photo-caption.js';
import './define/print-controls.js';
import './define/visitor-counter.js';
