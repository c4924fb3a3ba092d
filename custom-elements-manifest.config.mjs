// custom-elements.json from the elements' JSDoc (@summary, @fires, @csspart, @cssproperty,
// @slot) and their Lit properties. Run by `npm run build`; alone: `npx cem analyze`.
//
// The element classes do not register themselves (src/define/<tag>.ts does), so the tag of a
// class is taken from a `@tagname` JSDoc tag when there is one, else from the class name, as
// the project's naming rule makes them match: `CourtArticleElement` is `<court-article>`.
// Module paths point at the published files in dist/, not at src/.

/** `CourtArticleElement` -> `court-article`. */
const tagOf = (className) =>
  className
    .replace(/Element$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();

const isTag = (name) => /^[a-z][a-z0-9]*-[a-z0-9._-]*$/.test(name ?? '');

const toDist = (path) => path.replace(/^\.?\/?src\//, 'dist/').replace(/\.ts$/, '.js');

/** Names the tag of every element class and drops private and protected members. */
function courtElements() {
  return {
    name: 'court-widgets-elements',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (decl.kind !== 'class' || !/Element$/.test(decl.name)) continue;
          const extendsLit = decl.superclass?.name === 'LitElement' || decl.customElement;
          if (!extendsLit) continue;
          decl.customElement = true;
          decl.tagName = isTag(decl.tagName) ? decl.tagName : tagOf(decl.name);
          mod.exports = (mod.exports ?? []).filter((e) => e.kind !== 'custom-element-definition' || isTag(e.name));
          decl.members = (decl.members ?? []).filter(
            (m) => m.privacy !== 'private' && m.privacy !== 'protected' && !m.name.startsWith('_') && !m.name.startsWith('#'),
          );
          if (!(mod.exports ?? []).some((e) => e.kind === 'custom-element-definition' && e.name === decl.tagName)) {
            (mod.exports ??= []).push({
              kind: 'custom-element-definition',
              name: decl.tagName,
              declaration: { name: decl.name, module: mod.path },
            });
          }
        }
      }
      // Published paths.
      for (const mod of customElementsManifest.modules) {
        mod.path = toDist(mod.path);
        for (const exp of mod.exports ?? []) {
          if (exp.declaration?.module) exp.declaration.module = toDist(exp.declaration.module);
        }
        for (const decl of mod.declarations ?? []) {
          if (decl.superclass?.module) decl.superclass.module = toDist(decl.superclass.module);
        }
      }
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/elements/**/*.styles.ts', 'src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  dependencies: false,
  plugins: [courtElements()],
};
