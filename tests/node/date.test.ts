import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dateTimeAttr, formatPublished } from '../../src/internal/date.js';

const SEED = '2024-02-28T20:54:53+08:00';

test('Chinese pages show the court-site form in the article offset', () => {
  assert.equal(formatPublished(SEED, 'zh-CN'), '2024-02-28 20:54:53');
  assert.equal(formatPublished(SEED, 'zh-Hant'), '2024-02-28 20:54:53');
  assert.equal(formatPublished(SEED, 'zh-Hant-TW'), '2024-02-28 20:54:53');
  assert.equal(formatPublished(SEED, 'zh'), '2024-02-28 20:54:53');
});

test('English pages show day, short month, year and 24-hour time', () => {
  assert.equal(formatPublished(SEED, 'en'), '28 Feb 2024, 20:54');
  assert.equal(formatPublished('2024-02-28T20:54:53-05:00', 'en'), '28 Feb 2024, 20:54');
  assert.equal(formatPublished('2024-02-28T20:54:53Z', 'en'), '28 Feb 2024, 20:54');
  assert.equal(formatPublished('2024-02-28T20:54:53+05:45', 'en'), '28 Feb 2024, 20:54');
  assert.equal(formatPublished('2024-01-05T07:03:00+08:00', 'en'), '5 Jan 2024, 07:03');
});

test('Uyghur pages show the CLDR form in Arabic script with the article wall clock', () => {
  for (const iso of [SEED, '2024-02-28T20:54:53-05:00', '2024-02-28T20:54:53Z', '2024-02-28T20:54:53+05:45']) {
    const shown = formatPublished(iso, 'ug')!;
    assert.match(shown, /فېۋرال/, shown);
    assert.match(shown, /\b28\b/, shown);
    assert.match(shown, /\b2024\b/, shown);
    assert.match(shown, /\b20:54\b/, shown);
    assert.doesNotMatch(shown, /Feb|PM|2月/, shown);
  }
});

test('every offset keeps its own wall clock, across the date line from UTC', () => {
  const cases: Array<[string, string]> = [
    ['2024-02-28T20:54:53+08:00', '2024-02-28 20:54:53'],
    ['2024-02-28T20:54:53-05:00', '2024-02-28 20:54:53'],
    ['2024-02-28T20:54:53Z', '2024-02-28 20:54:53'],
    ['2024-02-28T20:54:53+05:45', '2024-02-28 20:54:53'],
    ['2024-03-01T00:10:00+08:00', '2024-03-01 00:10:00'],
    ['2024-02-29T23:59:59-05:00', '2024-02-29 23:59:59'],
  ];
  for (const [iso, shown] of cases) {
    assert.equal(formatPublished(iso, 'zh-CN'), shown, iso);
  }
  assert.equal(formatPublished('2024-03-01T00:10:00+08:00', 'en'), '1 Mar 2024, 00:10');
  assert.equal(formatPublished('2024-02-29T23:59:59-05:00', 'en'), '29 Feb 2024, 23:59');
});

test('an unusable locale tag falls back to the Chinese form', () => {
  assert.equal(formatPublished(SEED, 'not a locale!'), '2024-02-28 20:54:53');
  assert.equal(formatPublished(SEED, ''), '2024-02-28 20:54:53');
});

test('dates that are not ISO 8601 with an offset give undefined', () => {
  for (const bad of ['2024-02-28 20:54:53', '2024-02-28T20:54:53', '2024-02-30T10:00:00+08:00', 'yesterday', '']) {
    assert.equal(formatPublished(bad, 'zh-CN'), undefined, bad);
    assert.equal(formatPublished(bad, 'en'), undefined, bad);
    assert.equal(dateTimeAttr(bad), undefined, bad);
  }
  assert.equal(formatPublished(undefined as unknown as string, 'zh-CN'), undefined);
});

test('dateTimeAttr gives a valid global date and time string in the article offset', () => {
  assert.equal(dateTimeAttr(SEED), '2024-02-28T20:54:53+08:00');
  assert.equal(dateTimeAttr('2024-02-28T20:54+08:00'), '2024-02-28T20:54:00+08:00');
  assert.equal(dateTimeAttr('2024-02-28T20:54:53.250-05:00'), '2024-02-28T20:54:53-05:00');
  assert.equal(dateTimeAttr('2024-02-28T20:54:53Z'), '2024-02-28T20:54:53Z');
  assert.equal(dateTimeAttr('2024-02-28T20:54:53-00:00'), '2024-02-28T20:54:53Z');
  assert.equal(dateTimeAttr('2024-02-28T20:54:53+05:45'), '2024-02-28T20:54:53+05:45');
  // The attribute names the same instant as the input.
  for (const iso of [SEED, '2024-02-28T20:54:53+05:45', '2024-02-28T20:54:53-05:00']) {
    assert.equal(Date.parse(dateTimeAttr(iso)!), Date.parse(iso), iso);
  }
});

test('the shown time does not depend on the process time zone', () => {
  const moduleUrl = new URL('../../src/internal/date.ts', import.meta.url).href;
  const script = `
    const { formatPublished, dateTimeAttr } = await import(${JSON.stringify(moduleUrl)});
    const out = [];
    for (const iso of ['2024-02-28T20:54:53+08:00', '2024-02-28T20:54:53-05:00', '2024-02-28T20:54:53Z', '2024-02-28T20:54:53+05:45'])
      for (const locale of ['zh-CN', 'zh-Hant', 'en', 'ug']) out.push([iso, locale, formatPublished(iso, locale), dateTimeAttr(iso)]);
    process.stdout.write(JSON.stringify({ offset: new Date(2024, 1, 28).getTimezoneOffset(), out }));
  `;
  const results = ['Asia/Shanghai', 'America/New_York', 'Pacific/Kiritimati', 'Asia/Kathmandu'].map((tz) => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, TZ: tz },
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
    });
    assert.equal(child.status, 0, child.stderr);
    return JSON.parse(child.stdout) as { offset: number; out: unknown[] };
  });
  // The children really ran in different zones...
  assert.deepEqual(results.map((r) => r.offset), [-480, 300, -840, -345]);
  // ...and printed the same thing, which is what this process prints.
  for (const r of results.slice(1)) assert.deepEqual(r.out, results[0]!.out);
  assert.deepEqual(results[0]!.out[0], ['2024-02-28T20:54:53+08:00', 'zh-CN', '2024-02-28 20:54:53', '2024-02-28T20:54:53+08:00']);
  assert.deepEqual(results[1]!.out[6], ['2024-02-28T20:54:53-05:00', 'en', '28 Feb 2024, 20:54', '2024-02-28T20:54:53-05:00']);
});

test('Uyghur is written the CLDR way even where the runtime has no Uyghur data', (t) => {
  // Node's full ICU has Uyghur: its output is the reference for the built-in table that
  // Chromium (whose ICU data leaves Uyghur out) relies on.
  const withIcu = Array.from({ length: 12 }, (_, m) =>
    formatPublished(`2024-${String(m + 1).padStart(2, '0')}-05T07:03:09+06:00`, 'ug'),
  );
  const original = Intl.DateTimeFormat.supportedLocalesOf;
  t.mock.method(Intl.DateTimeFormat, 'supportedLocalesOf', (locales: string | string[]) =>
    ([] as string[]).concat(locales).filter((l) => !/^ug\b/i.test(l)).length ? original(locales) : [],
  );
  const withoutIcu = Array.from({ length: 12 }, (_, m) =>
    formatPublished(`2024-${String(m + 1).padStart(2, '0')}-05T07:03:09+06:00`, 'ug'),
  );
  assert.deepEqual(withoutIcu, withIcu);
  assert.equal(withoutIcu[1], '5-فېۋرال، 2024، 07:03');
  assert.equal(new Set(withoutIcu.map((s) => s!.split('-')[1]!.split('،')[0])).size, 12, 'twelve month names');
});
