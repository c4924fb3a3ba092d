/**
 * Entry of the one-file bundles (`dist/court-widgets.min.js`, `dist/court-widgets.iife.min.js`).
 *
 * First the guard of Lit's globals against host pages whose elements shadow them
 * (`internal/lit-globals.ts`); then Lit's hydration support, so that elements pre-rendered on
 * the server with declarative shadow DOM (`court-widgets render`) hydrate instead of rendering
 * again, adopting their styles too (`internal/hydrate-styles.ts`, for pages under a strict
 * style-src); then every element is registered: at once, or, on a page that already holds
 * pre-rendered elements, right after its first painted frame (`internal/paint-first.ts`).
 */
import './internal/lit-globals.js';
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import './internal/hydrate-styles.js';
import './internal/paint-first.js';
import './define.js';
