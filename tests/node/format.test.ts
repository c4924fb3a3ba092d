import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, formatCount } from '../../src/internal/format.js';

test('attachment sizes in human units for a Chinese page', () => {
  assert.equal(formatBytes(183412, 'zh-CN'), '179 KB');
  assert.equal(formatBytes(1.2 * 1024 * 1024, 'zh-CN'), '1.2 MB');
  assert.equal(formatBytes(512, 'zh-CN'), '512字节');
  assert.equal(formatBytes(0, 'zh-CN'), '0字节');
  assert.equal(formatBytes(1024, 'zh-CN'), '1 KB');
  assert.equal(formatBytes(1536, 'zh-CN'), '1.5 KB');
  assert.equal(formatBytes(3.25 * 1024 ** 3, 'zh-CN'), '3.3 GB');
});

test('attachment sizes in English', () => {
  assert.equal(formatBytes(183412, 'en'), '179 KB');
  assert.equal(formatBytes(1, 'en'), '1 byte');
  assert.equal(formatBytes(1023, 'en'), '1,023 bytes');
  assert.equal(formatBytes(25.4 * 1024 * 1024, 'en'), '25 MB');
});

test('a size that rounds up to 1024 moves to the next unit', () => {
  assert.equal(formatBytes(1024 * 1024 - 1, 'en'), '1 MB');
  assert.equal(formatBytes(1023.96 * 1024, 'en'), '1 MB');
});

test('sizes follow the locale of zh-Hant and ug pages', () => {
  assert.equal(formatBytes(183412, 'zh-Hant'), '179 KB');
  assert.match(formatBytes(1.2 * 1024 * 1024, 'ug'), /^1\.2\s?MB$/);
  assert.equal(formatBytes(12345 * 1024, 'de'), '12 MB');
  assert.equal(formatBytes(1.2 * 1024 * 1024, 'de'), '1,2 MB', 'decimal comma where the locale uses one');
});

test('sizes that are not a finite count of bytes give an empty string', () => {
  for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, '12' as unknown as number]) {
    assert.equal(formatBytes(bad, 'zh-CN'), '', String(bad));
  }
});

test('counts are grouped for the locale', () => {
  assert.equal(formatCount(1234567, 'zh-CN'), '1,234,567');
  assert.equal(formatCount(1234567, 'en'), '1,234,567');
  assert.equal(formatCount(1234567, 'zh-Hant'), '1,234,567');
  assert.equal(formatCount(1234567, 'ug'), '1,234,567');
  assert.equal(formatCount(1234567, 'de'), '1.234.567');
  assert.equal(formatCount(42, 'zh-CN'), '42');
  assert.equal(formatCount(0, 'en'), '0');
});

test('an unusable locale falls back to the source locale; non-numbers give an empty string', () => {
  assert.equal(formatCount(1234567, 'not a locale!'), '1,234,567');
  assert.equal(formatBytes(183412, '??'), '179 KB');
  assert.equal(formatCount(Number.NaN, 'zh-CN'), '');
});
