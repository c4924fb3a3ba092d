// `court-widgets` and the file system: each file succeeds or fails on its own, outputs are
// replaced whole or not at all, inputs must be UTF-8, output paths are checked first.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { root, runCli, runCliWithFileSizeLimit } from './cli-helpers.js';

const seedPath = join(root, 'demo', 'data', 'seed-article.json');
const sitePath = join(root, 'demo', 'data', 'site.json');
const seedJson = JSON.parse(readFileSync(seedPath, 'utf8')) as Record<string, unknown> & { title: string };

/** An article whose page is about 1.1 MB (the seed article's is about 70 KB). */
const bigArticle = JSON.stringify({
  ...seedJson,
  title: '大篇幅的判决书',
  body: Array.from({ length: 400 }, () => ({ type: 'paragraph', text: '本院依法公开审理一起合同纠纷案件，双方当事人到庭参加诉讼。'.repeat(10) })),
});

const page = (title: string) =>
  `<html><head><meta charset="utf-8"><title>${title}_某某法院</title></head><body><h1 class="title">${title}</h1>` +
  `<div class="info">发布时间：2024-02-28 10:00</div><div class="content"><p>本院于二月二十八日召开座谈会，听取意见和建议。</p></div></body></html>`;

function withTempDir(run: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'cw-files-'));
  try {
    run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const leftovers = (dir: string) => readdirSync(dir, { recursive: true }).map(String).filter((name) => /\.tmp$/.test(name));

describe('render: a folder goes on past a file that cannot be written', () => {
  test('an output name taken by a folder fails that article only, naming it; the others render, the reasons and the summary are printed', () => {
    withTempDir((dir) => {
      const input = join(dir, 'articles');
      mkdirSync(join(input, 'sub'), { recursive: true });
      writeFileSync(join(input, 'a.json'), JSON.stringify(seedJson));
      writeFileSync(join(input, 'b.json'), JSON.stringify({ ...seedJson, title: '第二篇' }));
      writeFileSync(join(input, 'bad.json'), JSON.stringify({ ...seedJson, publishedAt: '昨天' }));
      writeFileSync(join(input, 'c.json'), JSON.stringify({ ...seedJson, title: '第三篇' }));
      writeFileSync(join(input, 'sub', 'd.json'), JSON.stringify({ ...seedJson, title: '第四篇' }));
      mkdirSync(join(dir, 'site', 'b.html'), { recursive: true });
      const run = runCli(['render', input, '--out', join(dir, 'site')]);
      assert.equal(run.status, 1, run.stderr);
      assert.ok(readFileSync(join(dir, 'site', 'a.html'), 'utf8').includes(seedJson.title));
      assert.ok(readFileSync(join(dir, 'site', 'c.html'), 'utf8').includes('第三篇'), 'the article after the failed one is rendered');
      assert.ok(readFileSync(join(dir, 'site', 'sub', 'd.html'), 'utf8').includes('第四篇'));
      assert.match(run.stderr, /articles\/b\.json: cannot write .*site\/b\.html: it is a folder \(EISDIR\)/);
      assert.match(run.stderr, /articles\/bad\.json: publishedAt/, 'the earlier failure is still explained');
      assert.match(run.stdout, /failed +.*articles\/b\.json/);
      assert.match(run.stdout, /Rendered 3 of 5 articles into .*site, 2 failed/);
      assert.deepEqual(leftovers(join(dir, 'site')), []);
    });
  });

  test('a full disk (a file-size limit) fails the big article, keeps its previous page whole, and the next article still renders', () => {
    withTempDir((dir) => {
      const input = join(dir, 'articles');
      mkdirSync(input);
      mkdirSync(join(dir, 'site'));
      writeFileSync(join(input, 'a.json'), JSON.stringify(seedJson));
      writeFileSync(join(input, 'big.json'), bigArticle);
      writeFileSync(join(input, 'c.json'), JSON.stringify({ ...seedJson, title: '第三篇' }));
      writeFileSync(join(dir, 'site', 'big.html'), '<!doctype html><title>上一版</title>');
      const run = runCliWithFileSizeLimit(400, ['render', input, '--out', join(dir, 'site')]);
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, /articles\/big\.json: cannot write .*site\/big\.html: .*\(EFBIG\)/);
      assert.equal(readFileSync(join(dir, 'site', 'big.html'), 'utf8'), '<!doctype html><title>上一版</title>', 'the previous page is not cut off');
      for (const name of ['a.html', 'c.html']) assert.match(readFileSync(join(dir, 'site', name), 'utf8'), /<\/html>\s*$/, `${name} is whole`);
      assert.match(run.stdout, /Rendered 2 of 3 articles into .*site, 1 failed/);
      assert.deepEqual(leftovers(join(dir, 'site')), [], 'no temporary file is left');
    });
  });

  test('one article to a file on a full disk: no truncated page, no temporary file', () => {
    withTempDir((dir) => {
      writeFileSync(join(dir, 'big.json'), bigArticle);
      const run = runCliWithFileSizeLimit(400, ['render', join(dir, 'big.json'), '--out', join(dir, 'out', 'big.html')]);
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, /big\.json: cannot write .*big\.html: .*\(EFBIG\)/);
      assert.deepEqual(readdirSync(join(dir, 'out')), [], 'nothing half-written');
      assert.match(run.stdout, /Rendered 0 of 1 article into .*, 1 failed/);
    });
  });
});

describe('render: input files must be UTF-8', () => {
  test('an article saved as GBK is refused, naming the file and saying to save it as UTF-8; a UTF-8 BOM is fine', () => {
    withTempDir((dir) => {
      const input = join(dir, 'articles');
      mkdirSync(input);
      writeFileSync(join(input, 'bom.json'), `\uFEFF${JSON.stringify({ ...seedJson, title: '带签名的文件' })}`);
      writeFileSync(join(input, 'gbk.json'), iconv.encode(JSON.stringify(seedJson), 'gbk'));
      const run = runCli(['render', input, '--out', join(dir, 'site')]);
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, /articles\/gbk\.json: is not UTF-8 text; save the file as UTF-8/);
      assert.deepEqual(readdirSync(join(dir, 'site')), ['bom.html']);
      assert.match(readFileSync(join(dir, 'site', 'bom.html'), 'utf8'), /<title>带签名的文件<\/title>/);
      assert.match(run.stdout, /Rendered 1 of 2 articles into .*, 1 failed/);

      const single = runCli(['render', join(input, 'gbk.json')]);
      assert.equal(single.status, 1);
      assert.equal(single.stdout, '', 'no garbled page on stdout');
      assert.match(single.stderr, /gbk\.json: is not UTF-8 text/);
    });
  });

  test('a site file saved as GBK is a usage error naming it', () => {
    withTempDir((dir) => {
      writeFileSync(join(dir, 'site.json'), iconv.encode(readFileSync(sitePath, 'utf8'), 'gbk'));
      const run = runCli(['render', seedPath, '--site', join(dir, 'site.json'), '--out', join(dir, 'a.html')]);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /site\.json: is not UTF-8 text; save the file as UTF-8/);
      assert.equal(existsSync(join(dir, 'a.html')), false);
    });
  });
});

describe('output paths of the wrong kind are one usage error before any work', () => {
  const checkUsage = (run: { status: number | null; stdout: string; stderr: string }, message: RegExp) => {
    assert.equal(run.status, 2, run.stderr);
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, 2, run.stderr);
    assert.match(lines[0]!, message);
    assert.match(lines[1]!, /court-widgets --help/);
    assert.doesNotMatch(run.stderr, /EEXIST|EISDIR|ENOTDIR/);
    assert.doesNotMatch(run.stdout, /rendered|imported|failed/);
  };

  test('render: --out a file for a folder, a file above the output file, a folder for an .html file', () => {
    withTempDir((dir) => {
      mkdirSync(join(dir, 'articles'));
      writeFileSync(join(dir, 'articles', 'a.json'), JSON.stringify(seedJson));
      writeFileSync(join(dir, 'existfile'), 'x');
      mkdirSync(join(dir, 'page.html'));
      checkUsage(runCli(['render', join(dir, 'articles'), '--out', join(dir, 'existfile')]), /^court-widgets: --out .*existfile is a file, not a folder$/);
      checkUsage(runCli(['render', seedPath, '--out', join(dir, 'existfile', 'x.html')]), /^court-widgets: --out .*existfile\/x\.html: .*existfile is a file, not a folder$/);
      checkUsage(runCli(['render', seedPath, '--out', join(dir, 'page.html')]), /^court-widgets: --out .*page\.html is a folder; give a file name$/);
      assert.deepEqual(readdirSync(dir).sort(), ['articles', 'existfile', 'page.html']);
    });
  });

  test('import: --out a file for a folder, --report a folder; nothing is written', () => {
    withTempDir((dir) => {
      mkdirSync(join(dir, 'pages'));
      for (const n of [1, 2, 3]) writeFileSync(join(dir, 'pages', `${n}.html`), page(`第${n}次座谈会`));
      writeFileSync(join(dir, 'existfile'), 'x');
      mkdirSync(join(dir, 'existdir'));
      checkUsage(runCli(['import', join(dir, 'pages'), '--out', join(dir, 'existfile')]), /^court-widgets: --out .*existfile is a file, not a folder$/);
      checkUsage(
        runCli(['import', join(dir, 'pages', '1.html'), '--out', join(dir, 'x.json'), '--report', join(dir, 'existdir')]),
        /^court-widgets: --report .*existdir is a folder; give a file name$/,
      );
      checkUsage(runCli(['import', join(dir, 'pages', '1.html'), '--out', join(dir, 'existfile', 'x.json')]), /^court-widgets: --out .*existfile is a file, not a folder$/);
      assert.equal(existsSync(join(dir, 'x.json')), false, 'the article is not written before the error');
      assert.deepEqual(readdirSync(join(dir, 'existdir')), []);
    });
  });
});

describe('import: outputs are written whole or not at all', () => {
  test('a full disk (a file-size limit) fails the big page only, keeps its previous JSON whole, and the report is still written', () => {
    withTempDir((dir) => {
      const pages = join(dir, 'pages');
      mkdirSync(pages);
      writeFileSync(join(pages, 'a.html'), page('第一次座谈会'));
      const paragraphs = Array.from({ length: 400 }, () => `<p>${'本院依法公开审理一起合同纠纷案件，双方当事人到庭参加诉讼。'.repeat(10)}</p>`).join('');
      writeFileSync(join(pages, 'big.html'), page('大篇幅的判决书').replace(/<p>.*<\/p>/, paragraphs));
      writeFileSync(join(pages, 'c.html'), page('第三次座谈会'));
      mkdirSync(join(dir, 'articles'));
      writeFileSync(join(dir, 'articles', 'big.json'), '{"title": "上一版"}\n');
      const run = runCliWithFileSizeLimit(300, ['import', pages, '--out', join(dir, 'articles'), '--report', join(dir, 'report.json')]);
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, /pages\/big\.html: error: cannot write .*articles\/big\.json: .*\(EFBIG\)/);
      assert.equal(readFileSync(join(dir, 'articles', 'big.json'), 'utf8'), '{"title": "上一版"}\n', 'the previous JSON is not cut off');
      for (const name of ['a.json', 'c.json']) assert.ok(JSON.parse(readFileSync(join(dir, 'articles', name), 'utf8')).title, `${name} is whole`);
      assert.deepEqual(leftovers(join(dir, 'articles')), [], 'no temporary file is left');
      const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { imported: number; failed: number };
      assert.deepEqual([report.imported, report.failed], [2, 1]);
      assert.match(run.stdout, /Imported 2 of 3 pages into .*articles, 1 failed/);
    });
  });

  test('a report that cannot be written is reported after the summary, keeping the previous one; the articles are written; exit code 1', () => {
    withTempDir((dir) => {
      const pages = join(dir, 'pages');
      mkdirSync(pages);
      // Each article is under 1 KB, the report of six pages about 5 KB.
      for (const n of [1, 2, 3, 4, 5, 6]) writeFileSync(join(pages, `${n}.html`), page(`第${n}次座谈会`));
      writeFileSync(join(dir, 'report.json'), '{"previous": true}\n');
      const run = runCliWithFileSizeLimit(2, ['import', pages, '--out', join(dir, 'articles'), '--report', join(dir, 'report.json')]);
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stdout, /Imported 6 of 6 pages into .*articles/);
      assert.match(run.stderr, /report\.json: cannot write the report: .*\(EFBIG\)/);
      assert.equal(readFileSync(join(dir, 'report.json'), 'utf8'), '{"previous": true}\n');
      assert.equal(JSON.parse(readFileSync(join(dir, 'articles', '6.json'), 'utf8')).title, '第6次座谈会');
      assert.deepEqual(leftovers(dir), []);
    });
  });
});
