/**
 * The classes and types of court-widgets. Importing this module registers nothing: register
 * the elements with `court-widgets/define.js` (all of them) or `court-widgets/define/<tag>.js`
 * (one), or define a subclass under a tag of your own.
 */
export type * from './model/types.js';
