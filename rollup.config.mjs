// The two script-tag bundles: one self-contained, minified file that registers every element.
//
//   dist/court-widgets.min.js       ES module, for <script type="module" src="…">
//   dist/court-widgets.iife.min.js  classic script, for CMS editors that strip type="module"
//
// Both come from src/bundle.ts with lit, @lit/localize and dompurify inlined, in production
// mode (Lit's dev mode off, process.env.NODE_ENV replaced). The classic file is a bare IIFE:
// no UMD wrapper, so an AMD `define` on the host page is never called, and no `output.name`,
// so it adds no global of its own. Dynamic imports are inlined: each file stands alone and
// never requests anything else, from any host.
//
// `npm run build` (scripts/build.mjs) runs this after the per-module build; `npx rollup -c`
// runs it alone.
import nodeResolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const production = { 'process.env.NODE_ENV': JSON.stringify('production') };

/** Terser settings shared by both files; module-level top-level names may go in ESM only. */
const minify = (module) =>
  terser({
    module,
    ecma: 2021,
    compress: { passes: 2, pure_getters: true },
    mangle: { properties: false },
    format: { comments: false, ascii_only: false },
  });

/** @type {import('rollup').RollupOptions} */
export default {
  input: 'src/bundle.ts',
  treeshake: { preset: 'recommended' },
  plugins: [
    replace({ preventAssignment: true, values: production }),
    nodeResolve({
      browser: true,
      // No "development" condition: Lit's production build, without dev-mode warnings.
      exportConditions: ['browser', 'import', 'production', 'default'],
      extensions: ['.ts', '.mjs', '.js', '.json'],
    }),
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
      inlineDynamicImports: true,
      plugins: [minify(true)],
    },
    {
      file: 'dist/court-widgets.iife.min.js',
      format: 'iife',
      inlineDynamicImports: true,
      // Strict mode inside the wrapper; nothing assigned to window.
      strict: true,
      plugins: [minify(false)],
    },
  ],
};
