// What the one-file bundle is made of: `node scripts/bundle-report.mjs [--top 30]`.
//
// Bundles src/bundle.ts with rollup.config.mjs (nothing is written), then minifies each
// module's share of the output on its own and prints its minified and gzip size, largest
// first, with a total per package and per src/ folder. Alone, top-level names are not
// shortened and modules compress less well than together, so the columns add up to more than
// the bundle: read them as each module's weight, to find what to trim against the 28,000-byte
// gzip budget.
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { minify } from 'terser';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const { values } = parseArgs({ options: { top: { type: 'string', default: '30' } } });
const top = Number(values.top) || 30;

const { default: config } = await import(pathToFileURL(join(root, 'rollup.config.mjs')).href);
const bundle = await rollup({ ...config, onwarn: () => {} });
const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
await bundle.close();

const rows = [];
for (const [id, mod] of Object.entries(output[0].modules)) {
  if (!mod.code) continue;
  // Alone, a module's top-level code looks unused: keep it (no toplevel, no unused removal).
  const { code = '' } = await minify(mod.code, {
    ecma: 2021,
    toplevel: false,
    compress: { passes: 2, unused: false, toplevel: false },
    mangle: { toplevel: false },
  });
  const name = relative(root, id).replace(/\\/g, '/');
  const parts = name.split('/');
  const group = parts[0] === 'node_modules'
    ? parts.slice(1, parts[1].startsWith('@') ? 3 : 2).join('/')
    : parts.slice(0, parts[1] === 'elements' ? 3 : 2).join('/');
  rows.push({ name, group, min: code.length, gzip: gzipSync(code, { level: 9 }).length });
}
rows.sort((a, b) => b.gzip - a.gzip);

const n = (v) => v.toLocaleString('en-US').padStart(8);
console.log(`${'module'.padEnd(64)} ${'minified'.padStart(8)} ${'gzip'.padStart(8)}`);
for (const r of rows.slice(0, top)) console.log(`${r.name.padEnd(64)} ${n(r.min)} ${n(r.gzip)}`);
if (rows.length > top) console.log(`… and ${rows.length - top} smaller modules`);

const groups = new Map();
for (const r of rows) {
  const g = groups.get(r.group) ?? { min: 0, gzip: 0 };
  g.min += r.min;
  g.gzip += r.gzip;
  groups.set(r.group, g);
}
console.log(`\n${'package or folder'.padEnd(64)} ${'minified'.padStart(8)} ${'gzip'.padStart(8)}`);
for (const [group, g] of [...groups].sort((a, b) => b[1].gzip - a[1].gzip)) {
  console.log(`${group.padEnd(64)} ${n(g.min)} ${n(g.gzip)}`);
}
