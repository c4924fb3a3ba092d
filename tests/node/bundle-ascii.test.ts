// The script-tag bundles are plain ASCII: a classic script served without a charset is decoded
// in the page's own encoding (GBK on many court sites), where UTF-8 Chinese would be misread.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
// @ts-expect-error: a plain .mjs build script without type declarations
import { bundleFiles } from '../../scripts/sizes.mjs';
// @ts-expect-error: the rollup configuration is plain .mjs without type declarations
import { asciiOnly } from '../../rollup.config.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const escape = (code: string): string => (asciiOnly as { renderChunk(code: string): { code: string } }).renderChunk(code).code;

describe('ASCII-only bundles', () => {
  for (const file of bundleFiles as string[]) {
    it(`dist/${file} holds no byte outside ASCII`, () => {
      const path = join(root, 'dist', file);
      assert.ok(existsSync(path), `dist/${file} is missing: run \`npm run build\` first`);
      const bytes = readFileSync(path);
      const at = bytes.findIndex((b) => b > 0x7f);
      assert.equal(at, -1, `dist/${file}: byte 0x${bytes[at]?.toString(16)} at ${at}: ${bytes.subarray(Math.max(0, at - 40), at + 10).toString('latin1')}`);
      // Chinese is still in there, escaped: the interface strings of the source locale.
      assert.match(bytes.toString('latin1'), /\\u6253\\u5370/, 'the escaped 打印 label');
    });
  }

  it('escaping keeps what strings, templates, regular expressions and identity escapes mean', () => {
    const source = [
      'const out = [];',
      'out.push("打印", \'字号：大\', `第${1 + 1}位访客`);',
      'out.push("\\中", "\\\\中");',
      'out.push(/^[一-龥]+$/.test("法院"), /𠀀/u.test("𠀀"), /^[𠀀-𠀂]$/u.test("𠀁"), /^.$/u.test("𠀁"));',
      'out.push("𠀀".length, [..."𠀀"].length, String.raw`法`.length);',
      'out;',
    ].join('\n');
    const escaped = escape(source);
    assert.doesNotMatch(escaped, /[^\x00-\x7f]/);
    assert.match(escaped, /\\ud840\\udc00/, 'a character beyond the BMP becomes its surrogate pair');
    // Through JSON: arrays made in another context have that context's prototype.
    const run = (code: string) => JSON.parse(JSON.stringify(runInNewContext(code))) as unknown[];
    const before = run(source);
    const after = run(escaped);
    // String.raw sees the escape's six characters: the one reading that differs, and the
    // bundles never read a template's raw text with non-ASCII in it.
    assert.deepEqual(after.slice(0, -1), before.slice(0, -1));
    assert.deepEqual(before, ['打印', '字号：大', '第2位访客', '中', '\\中', true, true, true, true, 2, 1, 1]);
    assert.equal(after.at(-1), 6);
  });
});
