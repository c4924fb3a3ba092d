// Sizes of the script-tag bundles: as served (minified), gzip -9 and brotli q11, via node:zlib.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const bundleFiles = ['court-widgets.min.js', 'court-widgets.iife.min.js'];

/** Gzip budget of the one-file bundle with every element, in bytes. */
export const GZIP_BUDGET = 28_000;

/**
 * What the bundles may not grow past, gzip bytes, while they are over {@link GZIP_BUDGET}:
 * the size of the last build that shrank them, plus 1 %. `npm test` fails above it
 * (tests/node/bundle-size.test.ts); lower it whenever a change makes the bundles smaller.
 * Raised only on purpose, saying why: from 52,000 to 53,700 when the bundles took in the
 * guards against hostile input (HTML that holds the parser, refused `src` schemes, null
 * fields, unreadable objects, quick language changes), 53,155 B for the classic file; to
 * 54,400 with the fixes for right-to-left bylines, photo button names and 关怀模式 on the
 * footer and counter, 53,815 B; to 55,400 when <visitor-counter> took in one visit across
 * tabs, page ids cut on whole characters and without session ids, and warnings that name a
 * refused origin or an http endpoint on an https page, and pre-rendered photos became
 * pictures until hydrated, 54,877 B for the classic file; to 56,200 when <court-article> took in
 * video blocks (a player that loads nothing before play, a box of the video's shape, a message
 * and a link for a file that cannot be played, in four languages) and aligned paragraphs,
 * 55,684 B for the classic file.
 */
export const GZIP_CEILING = 56_200;

/**
 * @param {string} distDir
 * @returns {{ file: string, min: number, gzip: number, brotli: number }[]}
 */
export function bundleSizes(distDir) {
  return bundleFiles
    .map((file) => join(distDir, file))
    .filter((path) => existsSync(path))
    .map((path) => {
      const bytes = readFileSync(path);
      return {
        file: `dist/${path.split(/[\\/]/).pop()}`,
        min: bytes.length,
        gzip: gzipSync(bytes, { level: 9 }).length,
        brotli: brotliCompressSync(bytes, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 11,
            [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          },
        }).length,
      };
    });
}

const n = (value) => value.toLocaleString('en-US').padStart(9);

/** A small table: file, minified, gzip, brotli, in bytes. */
export function formatSizes(sizes) {
  const width = Math.max(...sizes.map((s) => s.file.length), 4);
  const lines = [`  ${'file'.padEnd(width)}  ${'minified'.padStart(9)}  ${'gzip'.padStart(9)}  ${'brotli'.padStart(9)}`];
  for (const s of sizes) lines.push(`  ${s.file.padEnd(width)}  ${n(s.min)}  ${n(s.gzip)}  ${n(s.brotli)}`);
  lines.push('  (bytes; gzip level 9, brotli quality 11)');
  for (const s of sizes) {
    const over = s.gzip - GZIP_BUDGET;
    lines.push(
      `  ${s.file}: gzip budget ${GZIP_BUDGET.toLocaleString('en-US')} B, ` +
        (over > 0 ? `over by ${over.toLocaleString('en-US')} B` : `${(-over).toLocaleString('en-US')} B to spare`),
    );
  }
  return lines.join('\n');
}
