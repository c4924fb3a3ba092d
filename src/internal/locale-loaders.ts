/**
 * Where the translations of the built-in locales come from: one module per locale, imported
 * the first time an element renders in it.
 *
 * From npm, these are ordinary dynamic imports that an application's bundler splits into
 * chunks of their own. The script-tag bundles replace this module (rollup.config.mjs) with
 * one that loads `court-widgets.<locale>.js` from the folder the bundle itself was loaded
 * from, so a zh-CN page never downloads or parses a translation.
 */
import type { LocaleModule } from '@lit/localize';

export const builtInLoaders: Readonly<Record<string, () => Promise<LocaleModule>>> = {
  'zh-Hant': () => import('../locales/zh-Hant.js'),
  en: () => import('../locales/en.js'),
  ug: () => import('../locales/ug.js'),
};
