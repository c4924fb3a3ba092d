// The two script-tag bundles: one self-contained, minified file that registers every element.
//
//   dist/court-widgets.min.js       ES module, for <script type="module" src="…">
//   dist/court-widgets.iife.min.js  classic script, for CMS editors that strip type="module"
//
// Both come from src/bundle.ts with lit, @lit/localize and dompurify inlined, in production
// mode (Lit's dev mode off, process.env.NODE_ENV replaced). The classic file is a bare IIFE:
// no UMD wrapper, so an AMD `define` on the host page is never called, and no `output.name`,
// so it adds no global of its own.
//
// Both are plain ASCII (`asciiOnly` below), so that a GBK court page reads them right.
//
// The translations are files of their own (`localeBundles` below):
//
//   dist/court-widgets.zh-Hant.js, dist/court-widgets.en.js, dist/court-widgets.ug.js
//
// ES modules that either bundle imports from its own folder the first time an element
// renders in that language (src/internal/locale-loaders.bundle.js). A zh-CN page loads the
// one file; nothing is ever requested from another host.
//
// `npm run build` (scripts/build.mjs) runs all of these after the per-module build.
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import nodeResolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { fileURLToPath } from 'node:url';

const production = { 'process.env.NODE_ENV': JSON.stringify('production') };

/** In the bundles, the translations are loaded from beside the bundle, not from src/locales. */
const bundleLocaleLoaders = {
  name: 'court-widgets-locale-loaders',
  resolveId(source, importer) {
    if (importer && /[\\/]src[\\/]internal[\\/]localize\.ts$/.test(importer) && source === './locale-loaders.js') {
      return fileURLToPath(new URL('./src/internal/locale-loaders.bundle.js', import.meta.url));
    }
    return null;
  },
};

/**
 * Drops the translator notes from `msg()` calls in the bundles: `desc` in
 * `msg('…', { id, desc })` is read by `lit-localize extract` (it becomes the note of the
 * XLIFF unit) and never at run time, yet it would be shipped in the bundle as a string per
 * message. Runs on the transpiled JavaScript of src/ modules; `id` and the rest stay.
 */
const stripMsgDescriptions = {
  name: 'court-widgets-strip-msg-desc',
  transform(code, id) {
    if (!/[\\/]src[\\/]/.test(id) || !code.includes('desc')) return null;
    const cuts = [];
    const visit = (node) => {
      if (!node || typeof node.type !== 'string') return;
      if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'msg') {
        const options = node.arguments[1];
        if (options?.type === 'ObjectExpression') {
          options.properties.forEach((prop, i, all) => {
            if (prop.type !== 'Property' || prop.computed || (prop.key.name ?? prop.key.value) !== 'desc') return;
            // With its comma: the one before it, or else the one after it.
            if (i > 0) cuts.push([all[i - 1].end, prop.end]);
            else cuts.push([prop.start, all[i + 1] ? all[i + 1].start : prop.end]);
          });
        }
      }
      for (const value of Object.values(node)) {
        if (Array.isArray(value)) value.forEach(visit);
        else if (value && typeof value === 'object' && typeof value.type === 'string') visit(value);
      }
    };
    visit(this.parse(code));
    if (!cuts.length) return null;
    let out = code;
    for (const [start, end] of cuts.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + out.slice(end);
    return { code: out, map: null };
  },
};

/** The locales that ship as files of their own beside the bundles. */
export const bundledLocales = ['zh-Hant', 'en', 'ug'];

/**
 * Terser settings shared by every file; module-level top-level names may go in ESM only.
 *
 * `//# allFunctionsCalledOnLoad` (V8's explicit compile hint, Chromium 136+) asks for every
 * function of the file to be compiled at once, off the main thread, while it streams in,
 * instead of lazily on the main thread at first call: nearly all of the bundle runs to draw
 * the first article. Other browsers read it as a comment.
 */
const minify = (module, { compileHint = true } = {}) =>
  terser({
    module,
    ecma: 2021,
    compress: { passes: 2, pure_getters: true },
    mangle: { properties: false },
    format: { comments: false, ascii_only: false, ...(compileHint ? { preamble: '//# allFunctionsCalledOnLoad' } : {}) },
  });

/**
 * Options of the literal minifier: the CSS of css`` templates only, never html`` (see below).
 * The per-module build (scripts/build.mjs) minifies the style modules with the same options.
 */
export const minifyCssOnly = { shouldMinify: () => false };

/**
 * Writes every character outside ASCII as a `\uXXXX` escape (UTF-16 units, so a character
 * beyond the BMP becomes its surrogate pair, which a `u` regular expression reads as one).
 *
 * A classic script is decoded in the charset its server sends, else in its tag's `charset`,
 * else in the page's own: on a GBK or GB2312 court page served without a charset for `.js`, a
 * bundle with UTF-8 Chinese in it would be misread and fail to parse. In ASCII it reads the
 * same in every encoding. A non-ASCII character escaped with a backslash (`\中`, an identity
 * escape) loses that backslash, which is what the escape meant.
 */
export const asciiOnly = {
  name: 'court-widgets-ascii-only',
  renderChunk(code) {
    const out = code.replace(/(\\*)([^\x00-\x7f])/g, (_, slashes, c) => {
      const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
      return `${kept}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    });
    return { code: out, map: null };
  },
};

/** @type {import('rollup').RollupOptions} */
export default {
  input: 'src/bundle.ts',
  treeshake: { preset: 'recommended' },
  plugins: [
    bundleLocaleLoaders,
    replace({ preventAssignment: true, values: production }),
    nodeResolve({
      browser: true,
      // No "development" condition: Lit's production build, without dev-mode warnings.
      exportConditions: ['browser', 'import', 'production', 'default'],
      extensions: ['.ts', '.mjs', '.js', '.json'],
    }),
    // The CSS of css`` templates in src/, minified by lightningcss before transpiling; a
    // stylesheet it cannot parse fails the build. html`` templates are left exactly as written:
    // pages pre-rendered on the server carry a digest of each template's text, and hydration
    // in the browser only matches an identical template.
    minifyLiterals({ include: ['src/**/*.ts'], failOnError: true, options: minifyCssOnly }),
    typescript({
      tsconfig: './tsconfig.json',
      include: ['src/**/*.ts'],
      exclude: ['src/server/**', 'src/cli/**', 'tests/**'],
      // Type errors are reported by the per-module build (tsc); this pass only transpiles.
      noEmitOnError: false,
      compilerOptions: {
        noEmit: false,
        declaration: false,
        declarationMap: false,
        sourceMap: false,
        inlineSources: false,
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2021',
      },
    }),
    stripMsgDescriptions,
  ],
  onwarn(warning, warn) {
    // TypeScript diagnostics are printed once, by the per-module build.
    if (warning.plugin === 'typescript') return;
    // Lit's modules use `this` at top level in a harmless way in some builds.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
  output: [
    {
      file: 'dist/court-widgets.min.js',
      format: 'es',
      plugins: [minify(true), asciiOnly],
    },
    {
      file: 'dist/court-widgets.iife.min.js',
      format: 'iife',
      // Strict mode inside the wrapper; nothing assigned to window.
      strict: true,
      plugins: [minify(false), asciiOnly],
    },
  ],
};

/**
 * A small ES module of its own, importing nothing: TypeScript transpiled (tsc reports type
 * errors in the per-module build), minified without the compile hint.
 *
 * @returns {import('rollup').RollupOptions}
 */
const standaloneModule = ({ input, include, file, plugins = [] }) => ({
  input,
  treeshake: { preset: 'recommended' },
  plugins: [
    ...plugins,
    typescript({
      tsconfig: './tsconfig.json',
      include,
      noEmitOnError: false,
      compilerOptions: { noEmit: false, declaration: false, declarationMap: false, sourceMap: false, inlineSources: false, target: 'ES2021' },
    }),
  ],
  onwarn(warning, warn) {
    if (warning.plugin === 'typescript') return;
    warn(warning);
  },
  output: [{ file, format: 'es', plugins: [minify(true, { compileHint: false })] }],
});

/**
 * `dist/court-widgets.after-paint.js`: the script of pre-rendered pages, which imports
 * `court-widgets.min.js` from its own folder after the page's first paint (src/after-paint.ts).
 */
export const afterPaintBundle = standaloneModule({
  input: 'src/after-paint.ts',
  include: ['src/after-paint.ts', 'src/internal/next-paint.ts'],
  file: 'dist/court-widgets.after-paint.js',
});

/**
 * One ES module per translation, `export const templates = {…}`, with the little of
 * `@lit/localize` it needs (`str`) inlined so that it imports nothing.
 */
export const localeBundles = bundledLocales.map((code) =>
  standaloneModule({
    input: `src/locales/${code}.ts`,
    include: ['src/locales/*.ts'],
    file: `dist/court-widgets.${code}.js`,
    plugins: [
      {
        // Only `str` is used: take it from its own module, not the package's index.
        name: 'court-widgets-str-only',
        resolveId: (source) =>
          source === '@lit/localize' ? fileURLToPath(new URL('./node_modules/@lit/localize/internal/str-tag.js', import.meta.url)) : null,
      },
    ],
  }),
);
