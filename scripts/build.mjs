// `npm run build`: everything the package ships and the demo serves, into dist/.
//
//  1. A fresh staging folder, .dist-build-<pid>/ beside dist/ (so source-map paths hold):
//     dist/ keeps the previous build until the new one is complete, then the two are swapped,
//     so tests and servers reading dist/ during a build see one build or the other, never
//     half of one.
//  2. Per-module ES modules with .d.ts for npm (TypeScript over src/**, lit, @lit/localize and
//     dompurify left as imports); the Node bins get their shebang and the executable bit;
//     the JSON Schemas of the contract copied beside the model; the CSS of the style modules
//     minified as in the bundles.
//  3. The two script-tag bundles, their translation files and the after-paint loader of
//     pre-rendered pages with rollup (rollup.config.mjs); then staging becomes dist/.
//  4. custom-elements.json from the elements' JSDoc, and docs/api.md from it.
//  5. demo/inline.html: the seed article as a CMS would print it, inline JSON; and
//     demo/prerendered.html: the same pre-rendered by the CLI (Lit SSR), then hydrated.
//  6. The bundle sizes: minified, gzip and brotli.
//
// Exits non-zero on a type error or a failed step, after saying which (type errors after
// every step has run, so the output can still be inspected).
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { minifyHTMLLiterals } from '@lit-labs/rollup-plugin-minify-html-literals/lib/minify-html-literals.js';
import { rollup } from 'rollup';
import { bundleSizes, formatSizes } from './sizes.mjs';
import { minifyCssOnly } from '../rollup.config.mjs';
import { writeInlineDemo } from './inline-demo.mjs';
import { updateReadme, writeApiDocs } from './docs.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const staging = join(root, `.dist-build-${process.pid}`);
process.chdir(root);

const started = Date.now();
const step = (name) => console.log(`\n› ${name}`);

function fail(message) {
  rmSync(staging, { recursive: true, force: true });
  console.error(`\nBuild failed: ${message}`);
  process.exit(1);
}

/** Whether a process id is alive (a staging folder of a build still running). */
function running(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

// 1. A clean staging folder; leftovers of interrupted builds removed.
step('Preparing a clean build folder');
for (const name of readdirSync(root)) {
  const m = /^\.dist-(?:build|old)-(\d+)$/.exec(name);
  if (m && !running(Number(m[1]))) rmSync(join(root, name), { recursive: true, force: true });
}
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    rmSync(staging, { recursive: true, force: true });
    process.exit(130);
  });
}

// 2. Per-module build with TypeScript. tsconfig.json is the project's type-check config
// (noEmit, tests included); this build extends it for src/ only and emits.
step('Compiling src/ (ES modules + .d.ts)');
const tmp = mkdtempSync(join(tmpdir(), 'court-widgets-build-'));
const buildConfig = join(tmp, 'tsconfig.build.json');
writeFileSync(
  buildConfig,
  JSON.stringify({
    extends: join(root, 'tsconfig.json'),
    compilerOptions: {
      noEmit: false,
      rootDir: join(root, 'src'),
      outDir: staging,
      declaration: true,
      declarationMap: true,
      sourceMap: true,
      inlineSources: true,
      tsBuildInfoFile: null,
      typeRoots: [join(root, 'node_modules/@types')],
    },
    include: [join(root, 'src/**/*.ts')],
    exclude: [],
  }),
);
const tsc = spawnSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-p', buildConfig, '--pretty'],
  { stdio: 'inherit' },
);
rmSync(tmp, { recursive: true, force: true });
// TypeScript emits even with type errors: finish every step so that the output can be
// inspected, then fail at the end.
const typeErrors = tsc.status !== 0;
if (typeErrors) console.error('  TypeScript reported errors (see above); continuing, the build will fail at the end.');

// The CSS of css`` templates, minified in the per-module build as in the bundles (the same
// lightningcss pass, rollup.config.mjs): the server renderer prints each element's styles
// into every declarative shadow root of a pre-rendered page, and npm users bundle these
// modules themselves. Only the style modules hold css`` templates; they are pure data and
// ship without a source map, since their emitted text no longer lines up with the .ts.
step('Minifying the CSS of the style modules');
for (const file of readdirSync(staging, { recursive: true })) {
  if (!String(file).endsWith('.js')) continue;
  const path = join(staging, String(file));
  const code = readFileSync(path, 'utf8');
  if (!/\bcss\s*`/.test(code)) continue;
  let result;
  try {
    result = await minifyHTMLLiterals(code, { fileName: path, ...minifyCssOnly });
  } catch (error) {
    fail(`minifying the CSS of ${relative(staging, path)}: ${error.message}`);
  }
  if (!result) continue;
  writeFileSync(path, `${result.code.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '')}\n`);
  rmSync(`${path}.map`, { force: true });
  console.log(`  dist/${String(file).replace(/\\/g, '/')}: ${code.length.toLocaleString('en')} -> ${result.code.length.toLocaleString('en')} characters`);
}

// src/bundle.ts and src/after-paint.ts are only entries of the script-tag files: not modules
// of the npm package.
for (const entry of ['bundle', 'after-paint']) {
  for (const ext of ['.js', '.js.map', '.d.ts', '.d.ts.map']) rmSync(join(staging, `${entry}${ext}`), { force: true });
}

for (const bin of ['court-counter', 'court-widgets']) {
  const file = join(staging, 'cli', `${bin}.js`);
  if (!existsSync(file)) {
    console.log(`  (no src/cli/${bin}.ts yet: bin ${bin} not built)`);
    continue;
  }
  const code = readFileSync(file, 'utf8');
  if (!code.startsWith('#!')) writeFileSync(file, `#!/usr/bin/env node\n${code}`);
  chmodSync(file, 0o755);
  console.log(`  bin dist/cli/${bin}.js (executable)`);
}

const modelDir = join(root, 'src/model');
for (const name of readdirSync(modelDir).filter((n) => n.endsWith('.schema.json'))) {
  mkdirSync(join(staging, 'model'), { recursive: true });
  copyFileSync(join(modelDir, name), join(staging, 'model', name));
  console.log(`  dist/model/${name}`);
}

// 3. The script-tag bundles, then the translation files they load.
step('Bundling dist/court-widgets.min.js, dist/court-widgets.iife.min.js, dist/court-widgets.after-paint.js and the translations (rollup)');
const { default: config, afterPaintBundle, localeBundles } = await import(pathToFileURL(join(root, 'rollup.config.mjs')).href);
for (const options of [config, afterPaintBundle, ...localeBundles]) {
  try {
    const warnings = [];
    const bundle = await rollup({
      ...options,
      onwarn: (warning) => options.onwarn(warning, (w) => warnings.push(w)),
    });
    for (const output of options.output) {
      await bundle.write({ ...output, file: join(staging, relative('dist', output.file)) });
    }
    await bundle.close();
    for (const w of warnings) console.warn(`  warning: ${w.message}`);
  } catch (error) {
    fail(`rollup: ${error.message}${error.id ? ` (${relative(root, error.id)})` : ''}`);
  }
}

// The new build replaces dist/ in two renames.
const old = join(root, `.dist-old-${process.pid}`);
rmSync(old, { recursive: true, force: true });
if (existsSync(dist)) renameSync(dist, old);
renameSync(staging, dist);
rmSync(old, { recursive: true, force: true });
console.log('  dist/ replaced by the new build');

// 4. The manifest and the API reference generated from it.
step('Analysing elements into custom-elements.json');
const cemOut = mkdtempSync(join(tmpdir(), 'court-widgets-cem-'));
const cem = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'),
    'analyze',
    '--config',
    'custom-elements-manifest.config.mjs',
    '--outdir',
    relative(root, cemOut),
    '--quiet',
  ],
  { stdio: 'inherit' },
);
if (cem.status !== 0) fail('custom-elements-manifest analyzer failed (see above).');
const manifestFile = join(cemOut, 'custom-elements.json');
const tmpManifest = join(root, 'custom-elements.json.tmp');
copyFileSync(manifestFile, tmpManifest);
renameSync(tmpManifest, join(root, 'custom-elements.json'));
rmSync(cemOut, { recursive: true, force: true });
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
const tags = manifest.modules
  .flatMap((m) => m.declarations ?? [])
  .filter((d) => d.customElement && d.tagName)
  .map((d) => d.tagName);
console.log(`  custom-elements.json: ${tags.length ? tags.join(', ') : 'no elements yet'}`);
writeApiDocs(manifest, join(root, 'docs/api.md'));
console.log('  docs/api.md');
if (updateReadme(manifest, join(root, 'README.md'))) console.log('  README.md (element summary)');

// 5. The inline-JSON demo page.
step('Writing demo/inline.html and demo/prerendered.html');
const inline = await writeInlineDemo(root);
console.log(inline ? `  ${relative(root, inline)}` : '  (no demo/data/seed-article.json yet: skipped)');

// The pre-rendered demo page, from the CLI just built: the article as Lit SSR output with
// declarative shadow DOM, hydrated by the bundle.
const cli = join(dist, 'cli/court-widgets.js');
const seedJson = join(root, 'demo/data/seed-article.json');
if (existsSync(cli) && existsSync(seedJson)) {
  const render = spawnSync(
    process.execPath,
    [cli, 'render', 'demo/data/seed-article.json', '--site', 'demo/data/site.json', '--bundle', '/dist/court-widgets.min.js', '--out', 'demo/prerendered.html'],
    { cwd: root, encoding: 'utf8' },
  );
  if (render.status === 0) console.log('  demo/prerendered.html (court-widgets render)');
  else console.warn(`  warning: court-widgets render failed, demo/prerendered.html not written:\n${(render.stderr || render.stdout).trim()}`);
}

// 6. Sizes.
step('Bundle sizes');
console.log(formatSizes(bundleSizes(dist)));
if (typeErrors) fail('TypeScript reported errors in src/ (printed above).');
console.log(`\nBuilt in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
