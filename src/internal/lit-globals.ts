/**
 * Imported before Lit by the script-tag bundles. Lit keeps version lists and its property
 * metadata on `globalThis` and uses whatever is there: an element on the host page with
 * `id="litHtmlVersions"` (or one of the other names) is such a global, and Lit's first
 * `.push` on it throws, so nothing would register. A value of the wrong kind is shadowed by a
 * fresh one of the right kind; a page's own list is kept.
 */
const scope = globalThis as unknown as Record<string, unknown>;
for (const name of ['litHtmlVersions', 'reactiveElementVersions', 'litElementVersions']) {
  if (scope[name] !== undefined && !Array.isArray(scope[name])) scope[name] = [];
}
if (scope.litPropertyMetadata !== undefined && !(scope.litPropertyMetadata instanceof WeakMap)) {
  scope.litPropertyMetadata = new WeakMap();
}
export {};
