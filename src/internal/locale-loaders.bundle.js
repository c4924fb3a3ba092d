// The script-tag bundles' version of locale-loaders.ts (see rollup.config.mjs): the
// translations are the files court-widgets.<locale>.js beside the bundle.
//
// The bundle's own address is read once, while it runs, so a <base href> on the page does
// not move them. The classic bundle asks Document.prototype for the running script, since a
// page element named "currentScript" (<img name="currentScript">) hides document.currentScript;
// the ES module bundle has import.meta.url.
function runningScript() {
  try {
    const get = Object.getOwnPropertyDescriptor(Document.prototype, 'currentScript')?.get;
    const script = get?.call(document);
    return script && typeof script.src === 'string' && script.src ? script.src : undefined;
  } catch {
    return undefined;
  }
}

const base = runningScript() ?? import.meta.url;
// With the bundle's query string (`court-widgets.min.js?v=2`), which sites add to bust caches:
// a cached translation of the old version must not be paired with the new bundle.
const load = (code) => {
  const url = new URL(`court-widgets.${code}.js`, base);
  url.search = new URL(base).search;
  return import(url.href);
};

export const builtInLoaders = {
  'zh-Hant': () => load('zh-Hant'),
  en: () => load('en'),
  ug: () => load('ug'),
};
