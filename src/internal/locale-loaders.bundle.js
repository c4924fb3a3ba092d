// The script-tag bundles' version of locale-loaders.ts (see rollup.config.mjs): the
// translations are the files court-widgets.<locale>.js beside the bundle. The bundle's own
// address is read once, while it runs, so a <base href> on the page does not move them.
const base = import.meta.url;
const load = (code) => import(new URL(`court-widgets.${code}.js`, base).href);

export const builtInLoaders = {
  'zh-Hant': () => load('zh-Hant'),
  en: () => load('en'),
  ug: () => load('ug'),
};
