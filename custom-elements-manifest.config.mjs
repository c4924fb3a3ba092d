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

import { existsSync, readFileSync } from 'node:fs';

/**
 * The documentation tags of every JSDoc block in a source file. The project's style puts the
 * element's JSDoc at the top of its file, above the imports, where the analyzer does not tie it
 * to the class; this reads it there.
 */
function fileDocs(path) {
  if (!existsSync(path)) return undefined;
  const source = readFileSync(path, 'utf8');
  const docs = { summary: '', description: '', events: [], slots: [], cssParts: [], cssProperties: [] };
  for (const [, block] of source.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    if (!/@(summary|fires|event|slot|csspart|cssprop|cssproperty)\b/.test(block)) continue;
    const lines = block.split('\n').map((l) => l.replace(/^\s*\*\s?/, ''));
    const chunks = [];
    let intro = [];
    for (const line of lines) {
      if (/^\s*@\w+/.test(line)) chunks.push(line.trim());
      else if (chunks.length) chunks[chunks.length - 1] += `\n${line.trim()}`;
      else intro.push(line);
    }
    if (!docs.description) docs.description = intro.join('\n').trim();
    for (const chunk of chunks) {
      const m = /^@(\w+)\s*([\s\S]*)$/.exec(chunk);
      if (!m) continue;
      const [, tag, rest] = m;
      const text = rest.replace(/\s*\n\s*/g, ' ').trim();
      if (tag === 'summary') {
        docs.summary ||= text;
        continue;
      }
      const typed = /^(?:\{([^}]*)\}\s*)?(\S+)?\s*(?:-\s*)?([\s\S]*)$/.exec(text);
      if (!typed) continue;
      const [, type, rawName = '', description = ''] = typed;
      const dflt = /^\[([^=\]]+)=([^\]]*)\]$/.exec(rawName);
      const name = dflt ? dflt[1] : rawName;
      const item = { name, description: description.trim() };
      if (tag === 'fires' || tag === 'event') docs.events.push({ ...item, ...(type ? { type: { text: type } } : {}) });
      else if (tag === 'slot') docs.slots.push({ ...item, name: name === '-' ? '' : name });
      else if (tag === 'csspart') docs.cssParts.push(item);
      else if (tag === 'cssprop' || tag === 'cssproperty') docs.cssProperties.push({ ...item, ...(dflt ? { default: dflt[2] } : {}) });
    }
  }
  return docs;
}

/** Adds the items of `extra` whose name `list` lacks. */
function merge(list = [], extra = []) {
  const names = new Set(list.map((i) => i.name));
  return [...list, ...extra.filter((i) => !names.has(i.name))];
}

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
          const docs = fileDocs(mod.path);
          if (docs) {
            decl.summary ||= docs.summary || undefined;
            decl.description ||= docs.description || undefined;
            for (const key of ['events', 'slots', 'cssParts', 'cssProperties']) {
              const merged = merge(decl[key], docs[key]);
              if (merged.length) decl[key] = merged;
            }
          }
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
