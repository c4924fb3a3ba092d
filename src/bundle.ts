/**
 * Entry of the one-file bundles (`dist/court-widgets.min.js`, `dist/court-widgets.iife.min.js`).
 *
 * Lit's hydration support comes first, so that elements pre-rendered on the server with
 * declarative shadow DOM (`court-widgets render`) hydrate instead of rendering again; then
 * every element is registered.
 */
import './internal/lit-globals.js';
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import './define.js';
