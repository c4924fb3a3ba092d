// The package as npm and script tags receive it: run after `npm run build`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseAst } from 'rollup/parseAst';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  name: string;
  main: string;
  module: string;
  types: string;
  customElements: string;
  exports: Record<string, string | { types: string; default: string }>;
  sideEffects: string[];
  files: string[];
  bin: Record<string, string>;
};

const bundles = ['dist/court-widgets.min.js', 'dist/court-widgets.iife.min.js'];

/** Tags that have a define file in the source: `src/define/<tag>.ts`. */
const definedTags = readdirSync(join(root, 'src/define'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => f.slice(0, -3))
  .sort();

function requireBuild() {
  for (const file of ['dist/index.js', ...bundles, 'custom-elements.json']) {
    assert.ok(existsSync(join(root, file)), `${file} is missing: run \`npm run build\` first`);
  }
}

/** `./dist/define/*.js` -> a RegExp over package-relative paths. */
function globToRegExp(glob: string) {
  const escaped = glob.replace(/^\.\//, '').replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]+');
  return new RegExp(`^${escaped}$`);
}

/** Every file an export target names, wildcard targets expanded over the built files. */
function exportTargets(): { key: string; file: string }[] {
  const out: { key: string; file: string }[] = [];
  for (const [key, value] of Object.entries(pkg.exports)) {
    const targets = typeof value === 'string' ? [value] : [value.types, value.default];
    for (const target of targets) {
      if (!target.includes('*')) {
        out.push({ key, file: target.replace(/^\.\//, '') });
        continue;
      }
      const dir = dirname(target.replace(/^\.\//, ''));
      const pattern = globToRegExp(target);
      const matches = existsSync(join(root, dir))
        ? readdirSync(join(root, dir))
            .map((f) => `${dir}/${f}`)
            .filter((f) => pattern.test(f))
        : [];
      assert.ok(matches.length > 0, `export "${key}" -> ${target} matches no built file`);
      out.push(...matches.map((file) => ({ key, file })));
    }
  }
  return out;
}

describe('package exports', () => {
  it('every export target is a built file', () => {
    requireBuild();
    const targets = exportTargets();
    assert.ok(targets.length >= 10);
    for (const { key, file } of targets) {
      assert.ok(existsSync(join(root, file)), `export "${key}" -> ${file} does not exist`);
    }
  });

  it('main, module, types and customElements point at built files', () => {
    requireBuild();
    for (const file of [pkg.main, pkg.module, pkg.types, pkg.customElements]) {
      assert.ok(existsSync(join(root, file)), `${file} does not exist`);
    }
  });

  it('every define file is built with its declarations and exported', () => {
    requireBuild();
    assert.ok(definedTags.length > 0, 'src/define/ holds no define file');
    const exported = new Set(exportTargets().map((t) => t.file));
    for (const tag of definedTags) {
      assert.ok(exported.has(`dist/define/${tag}.js`), `dist/define/${tag}.js is not exported`);
      assert.ok(exported.has(`dist/define/${tag}.d.ts`), `dist/define/${tag}.d.ts is not exported`);
    }
  });

  it('define.js registers every tag that has a define file, and index.js registers none', () => {
    requireBuild();
    const define = read('src/define.ts');
    for (const tag of definedTags) {
      assert.match(define, new RegExp(`import '\\./define/${tag}\\.js';`), `src/define.ts does not import ./define/${tag}.js`);
    }
    const index = read('dist/index.js');
    assert.doesNotMatch(index, /customElements\.define|\/define\//, 'dist/index.js must not register elements');
  });

  it('under Node (server rendering), the index registers nothing and define.js registers every tag', () => {
    requireBuild();
    // A child process, so that this process's globals stay clean.
    const script = `
      const index = await import('court-widgets');
      const tags = ${JSON.stringify(definedTags)};
      const before = tags.filter((t) => globalThis.customElements?.get(t));
      await import('court-widgets/define.js');
      const after = tags.filter((t) => globalThis.customElements?.get(t));
      console.log(JSON.stringify({ exports: Object.keys(index), before, after }));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { exports: string[]; before: string[]; after: string[] };
    assert.deepEqual(result.before, [], 'importing court-widgets registered elements');
    assert.deepEqual(result.after, definedTags, 'court-widgets/define.js did not register every tag');
    for (const tag of definedTags) {
      const className = `${tag.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())}Element`;
      assert.ok(result.exports.includes(className), `court-widgets does not export ${className}`);
    }
  });

  it('index exports the class of every element', async () => {
    requireBuild();
    const index = read('dist/index.d.ts');
    for (const tag of definedTags) {
      const className = `${tag.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())}Element`;
      assert.match(index, new RegExp(`\\b${className}\\b`), `dist/index.d.ts does not export ${className}`);
    }
  });

  it('the contract schemas are shipped beside the model', () => {
    requireBuild();
    for (const name of readdirSync(join(root, 'src/model')).filter((f) => f.endsWith('.schema.json'))) {
      const built = join(root, 'dist/model', name);
      assert.ok(existsSync(built), `dist/model/${name} is missing`);
      assert.deepEqual(JSON.parse(readFileSync(built, 'utf8')), JSON.parse(read(`src/model/${name}`)));
    }
  });

  it('the files list covers every export, the bins and the manifest', () => {
    requireBuild();
    const shipped = (file: string) => pkg.files.some((entry) => (entry.endsWith('/') ? file.startsWith(entry) : file === entry));
    for (const { file } of exportTargets()) {
      if (file === 'package.json') continue;
      assert.ok(shipped(file), `${file} is exported but not in "files"`);
    }
    for (const bin of Object.values(pkg.bin)) assert.ok(shipped(bin.replace(/^\.\//, '')), `${bin} not in "files"`);
    assert.ok(shipped(pkg.customElements));
  });

  it('every relative link of the README names a file the package ships (the docs are read offline too)', () => {
    const shipped = (file: string) => pkg.files.some((entry) => (entry.endsWith('/') ? file.startsWith(entry) : file === entry));
    const links = [...read('README.md').matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((link) => !/^[a-z][a-z+.-]*:/i.test(link));
    assert.ok(links.some((link) => link.startsWith('docs/')), 'the README links its docs');
    for (const link of links) {
      const file = link.replace(/^\.\//, '');
      assert.ok(existsSync(join(root, file)), `README links ${link}, which does not exist`);
      assert.ok(shipped(file), `README links ${link}, which is not in "files"`);
    }
  });
});

describe('sideEffects', () => {
  it('lists only define files, the script-tag bundles and their after-paint loader', () => {
    const allowed = [
      /^\.\/dist\/define\.js$/,
      /^\.\/dist\/define\/(\*|[a-z-]+)\.js$/,
      /^\.\/dist\/court-widgets(\.iife)?\.min\.js$/,
      /^\.\/dist\/court-widgets\.after-paint\.js$/,
    ];
    assert.ok(Array.isArray(pkg.sideEffects));
    for (const entry of pkg.sideEffects) {
      assert.ok(allowed.some((re) => re.test(entry)), `sideEffects lists ${entry}, which is not a define file or bundle`);
    }
  });

  it('covers every module that registers a tag', () => {
    requireBuild();
    const patterns = pkg.sideEffects.map(globToRegExp);
    const registering = ['dist/define.js', ...definedTags.map((t) => `dist/define/${t}.js`), ...bundles];
    for (const file of registering) {
      assert.ok(patterns.some((re) => re.test(file)), `${file} registers elements but is not in sideEffects`);
    }
  });

  it('no other built browser module calls customElements.define', async () => {
    requireBuild();
    const walk = (dir: string): string[] =>
      readdirSync(join(root, dir)).flatMap((f) => {
        const path = `${dir}/${f}`;
        return statSync(join(root, path)).isDirectory() ? walk(path) : path.endsWith('.js') ? [path] : [];
      });
    const patterns = pkg.sideEffects.map(globToRegExp);
    // The one helper the define files register through; it only exports functions.
    const helper = 'dist/internal/define-element.js';
    for (const file of walk('dist')) {
      if (file === helper || patterns.some((re) => re.test(file))) continue;
      assert.doesNotMatch(read(file), /customElements\.define\(/, `${file} registers an element but is not a define file`);
    }
    const registered: string[] = [];
    const scope = globalThis as { customElements?: unknown };
    scope.customElements = { define: (tag: string) => registered.push(tag), get: () => undefined };
    try {
      const { defineElement } = (await import(pathToFileURL(join(root, helper)).href)) as { defineElement: (tag: string, c: unknown) => void };
      assert.deepEqual(registered, [], `importing ${helper} registers nothing`);
      defineElement('x-probe', class {});
      assert.deepEqual(registered, ['x-probe'], 'it registers what it is given');
    } finally {
      delete scope.customElements;
    }
  });
});

describe('style modules', () => {
  it('ship their CSS minified, as the bundles do (server-rendered shadow roots print it)', async () => {
    requireBuild();
    const modules = [
      'dist/internal/theme.js',
      ...['court-article', 'court-footer', 'photo-caption', 'print-controls', 'visitor-counter'].map((t) => `dist/elements/${t}/${t}.styles.js`),
    ];
    for (const file of modules) {
      // A style export is one css`` result or a list of them.
      const exported = Object.values(await import(pathToFileURL(join(root, file)).href)).flat() as { cssText?: string }[];
      const sheets = exported.map((e) => e?.cssText).filter((t): t is string => typeof t === 'string');
      assert.ok(sheets.length > 0, `${file} exports styles`);
      for (const text of sheets) {
        assert.doesNotMatch(text, /\/\*/, `${file}: no comment left`);
        assert.doesNotMatch(text, /\n\s/, `${file}: no indented line left`);
      }
      assert.equal(existsSync(join(root, `${file}.map`)), false, `${file}: no source map that no longer lines up`);
    }
  });
});

describe('custom-elements.json', () => {
  type Declaration = {
    name: string;
    tagName?: string;
    customElement?: boolean;
    attributes?: { name: string }[];
    events?: { name: string }[];
    cssParts?: { name: string }[];
  };
  const manifest = () =>
    JSON.parse(read(pkg.customElements)) as { modules: { path: string; declarations?: Declaration[] }[] };
  const elements = () =>
    manifest()
      .modules.flatMap((m) => (m.declarations ?? []).map((d) => ({ ...d, path: m.path })))
      .filter((d) => d.customElement);

  it('lists every tag, each with attributes and parts, at its published module', () => {
    requireBuild();
    const byTag = new Map(elements().map((e) => [e.tagName, e]));
    for (const tag of definedTags) {
      const el = byTag.get(tag);
      assert.ok(el, `custom-elements.json lacks <${tag}>`);
      assert.ok((el.attributes ?? []).length > 0, `<${tag}> has no attributes in the manifest`);
      assert.ok((el.cssParts ?? []).length > 0, `<${tag}> has no CSS parts in the manifest`);
      assert.match(el.path, /^dist\/elements\/.+\.js$/);
      assert.ok(existsSync(join(root, el.path)), `${el.path} does not exist`);
    }
  });

  it('lists the events each element documents with @fires, named <tag>-<verb>', () => {
    requireBuild();
    for (const el of elements()) {
      const source = read(el.path.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts'));
      const fired = [...source.matchAll(/@fires\s+(?:\{[^}]*\}\s+)?([a-z][a-z0-9]*-[a-z0-9-]+)/g)].map((m) => m[1]).sort();
      const listed = (el.events ?? []).map((e) => e.name).filter(Boolean).sort();
      for (const name of fired) assert.ok(listed.includes(name), `<${el.tagName}> fires ${name} but the manifest lacks it`);
      for (const name of listed) {
        assert.ok(name.startsWith(`${el.tagName}-`) || name.startsWith('lit-'), `<${el.tagName}> event ${name} is not named <tag>-<verb>`);
      }
    }
  });
});

describe('script-tag bundles', () => {
  /** Hosts a bundle may name as data or link targets, never load from. */
  const allowedHosts = new Set([
    'www.w3.org', // XML namespaces (SVG, MathML, XHTML) in the sanitizer and Lit
    'beian.miit.gov.cn', // ICP filing link in the footer
    'www.beian.gov.cn', // public-security filing link in the footer
    'beian.mps.gov.cn',
  ]);

  for (const file of bundles) {
    it(`${file} keeps every message id and drops the translator notes (they are for the XLIFF files only)`, () => {
      requireBuild();
      const code = read(file);
      const ids = [...read('xliff/en.xlf').matchAll(/<trans-unit id="([^"]+)"/g)].map((m) => m[1]);
      assert.ok(ids.length > 50, `messages in xliff/en.xlf: ${ids.length}`);
      for (const id of ids) assert.ok(code.includes(`"${id}"`), `${file} lacks the message id ${id}`);
      assert.doesNotMatch(code, /\bdesc:/, 'no desc option is left in a msg() call');
      const notes = [...read('xliff/en.xlf').matchAll(/<note from="lit-localize">([^<&"\\]{20,})<\/note>/g)].map((m) => m[1]);
      assert.ok(notes.length > 20, `plain notes to look for: ${notes.length}`);
      for (const note of notes) assert.equal(code.includes(note), false, `${file} still carries the note "${note}"`);
    });

    it(`${file} names no third-party host except link and namespace targets`, () => {
      requireBuild();
      const code = read(file);
      const hosts = [...code.matchAll(/https?:\/\/([a-z0-9.-]+)/gi)].map((m) => m[1].toLowerCase());
      for (const host of hosts) assert.ok(allowedHosts.has(host), `${file} contains a URL on ${host}`);
    });

    it(`${file} loads nothing by absolute URL`, () => {
      requireBuild();
      const code = read(file);
      assert.doesNotMatch(code, /import\(\s*["'`](https?:)?\/\//, 'dynamic import of an absolute URL');
      assert.doesNotMatch(code, /<script[^>]+src=["']?(https?:)?\/\//i, 'script tag with an absolute URL');
      assert.doesNotMatch(code, /@import\s+(url\()?["']?(https?:)?\/\//i, 'CSS @import of an absolute URL');
      assert.doesNotMatch(code, /fonts\.googleapis|fonts\.gstatic|cdn\.jsdelivr|unpkg\.com|cdnjs/i);
    });

    it(`${file} is Lit's production build with NODE_ENV replaced`, () => {
      requireBuild();
      const code = read(file);
      assert.doesNotMatch(code, /Lit is in dev mode/);
      assert.doesNotMatch(code, /process\.env/);
      assert.doesNotMatch(code, /litIssuedWarnings/);
      assert.doesNotMatch(code, /\/\/# sourceMappingURL=/);
    });

    it(`${file} starts with V8's compile hint, so Chromium compiles it off the main thread`, () => {
      requireBuild();
      assert.ok(read(file).startsWith('//# allFunctionsCalledOnLoad\n'), `${file} lacks the compile hint on its first line`);
    });

    it(`${file} registers every tag`, () => {
      requireBuild();
      const code = read(file);
      for (const tag of definedTags) assert.ok(code.includes(`"${tag}"`) || code.includes(`'${tag}'`), `${file} lacks <${tag}>`);
    });
  }

  it('the ES module file has no import or export of its own', () => {
    requireBuild();
    const ast = parseAst(read('dist/court-widgets.min.js'));
    const moduleSyntax = ast.body.filter((node) => /^(Import|Export)/.test(node.type)).map((node) => node.type);
    assert.deepEqual(moduleSyntax, [], 'the bundle imports or exports');
  });

  for (const file of bundles) {
    it(`${file} imports nothing but its translations, from its own folder`, () => {
      requireBuild();
      const imports = read(file).match(/\bimport\s*\([^)]*\)/g) ?? [];
      assert.equal(imports.length, 1, `dynamic imports: ${imports.join(', ')}`);
      // Its argument is the address of court-widgets.<code>.js beside the bundle (with the
      // bundle's query string), built once in the file.
      assert.match(imports[0]!, /^import\([\w$]+\.href\)$/);
      const urls = read(file).match(/new URL\(`court-widgets\.\$\{\w+\}\.js`,\s*[\w$]+\)/g) ?? [];
      assert.equal(urls.length, 1, `translation addresses: ${urls.join(', ')}`);
    });
  }

  for (const code of ['zh-Hant', 'en', 'ug']) {
    it(`dist/court-widgets.${code}.js is a module that imports nothing and exports the ${code} templates`, async () => {
      requireBuild();
      const file = `dist/court-widgets.${code}.js`;
      const ast = parseAst(read(file));
      assert.deepEqual(
        ast.body.filter((node) => node.type.startsWith('Import')).map((node) => node.type),
        [],
        `${file} imports`,
      );
      assert.doesNotMatch(read(file), /\bimport\s*\(/);
      const { templates } = (await import(pathToFileURL(join(root, file)).href)) as { templates: Record<string, unknown> };
      const source = (await import(pathToFileURL(join(root, `src/locales/${code}.ts`)).href)) as { templates: Record<string, unknown> };
      assert.deepEqual(Object.keys(templates).sort(), Object.keys(source.templates).sort());
      assert.deepEqual(templates['court-article.editor'], source.templates['court-article.editor']);
    });
  }

  it('the classic file is one statement: a function called at once', () => {
    requireBuild();
    const ast = parseAst(read('dist/court-widgets.iife.min.js'));
    assert.equal(ast.body.length, 1, 'more than one top-level statement (a global or a wrapper)');
    assert.equal(ast.body[0].type, 'ExpressionStatement');
  });

  it('the classic file is a bare IIFE: no UMD or AMD wrapper, no global name', () => {
    requireBuild();
    // After the compile-hint comment on the first line.
    const code = read('dist/court-widgets.iife.min.js').replace(/^\/\/#[^\n]*\n/, '').trim();
    assert.match(code, /^!?\(?function\s*\(\)\s*\{\s*"use strict";/);
    assert.match(code, /\}\(\)\)?;?$/);
    assert.doesNotMatch(code, /define\.amd|typeof define|typeof exports|typeof module/);
    assert.doesNotMatch(code.slice(0, 200), /^(var|let|const)\s|window\.\w+\s*=/);
  });
});

describe('command-line bins', () => {
  for (const [name, target] of Object.entries(pkg.bin)) {
    it(`${name} is executable with a node shebang`, () => {
      requireBuild();
      const file = join(root, target);
      assert.ok(existsSync(file), `${target} was not built`);
      assert.match(readFileSync(file, 'utf8'), /^#!\/usr\/bin\/env node\n/);
      assert.ok((statSync(file).mode & 0o111) !== 0, `${target} is not executable`);
    });
  }
});

describe('README', () => {
  const readme = read('README.md');
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

  it('names only npm scripts that exist', () => {
    const named = [...new Set([...readme.matchAll(/npm run ([a-z][a-z0-9:-]*)/g)].map((m) => m[1]))];
    assert.ok(named.length > 0);
    for (const name of named) assert.ok(scripts[name], `README names "npm run ${name}", which package.json lacks`);
    for (const name of ['start', 'test']) assert.ok(scripts[name], `README names "npm ${name}"`);
  });

  it('names only node scripts, bins and files that exist', () => {
    for (const [, file] of readme.matchAll(/\bnode ((?:bench|scripts)\/[\w./-]+\.mjs)/g)) {
      assert.ok(existsSync(join(root, file)), `README runs node ${file}, which does not exist`);
    }
    for (const [, bin] of readme.matchAll(/\bnpx ([a-z][\w-]*)/g)) {
      assert.ok(pkg.bin[bin] || existsSync(join(root, 'node_modules/.bin', bin)), `README runs npx ${bin}, which is not installed`);
    }
    assert.ok(existsSync(join(root, '.ci/run')), 'README names .ci/run');
  });

  it('links only documents that exist', () => {
    for (const [, target] of readme.matchAll(/\]\(((?:docs|src|demo)\/[^)#\s]+)/g)) {
      assert.ok(existsSync(join(root, target)), `README links ${target}, which does not exist`);
    }
  });
});

